import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogAlarmOptions } from './access-log-alarm-options';
import { defineAccessLogAlarms } from './access-log-alarms';
import { defineQueryDefinitions } from './insights-queries';

/** What the analysis of a CloudWatch Logs delivery needs. */
export interface DeliveryAnalysisOptions {
  readonly bucket: s3.IBucket;
  /** The log group the records are delivered to. */
  readonly logGroup: logs.ILogGroup;
  /** The record fields delivered, or undefined for every field. */
  readonly recordFields?: string[];
  /** @default true */
  readonly queryDefinitions?: boolean;
  /** @default - none */
  readonly alarms?: AccessLogAlarmOptions;
}

/** What it defined. */
export interface DeliveryAnalysis {
  readonly queryDefinitions: logs.CfnQueryDefinition[];
  readonly alarms: cloudwatch.IAlarm[];
}

/**
 * The analysis side of a delivery to a log group: the audit questions as Logs Insights query
 * definitions (unless turned off) and, when asked for, the metric filters and alarms.
 */
export function defineDeliveryAnalysis(scope: Construct, options: DeliveryAnalysisOptions): DeliveryAnalysis {
  const queryDefinitions = options.queryDefinitions === false ? [] : defineQueryDefinitions(scope, options);
  const alarms = options.alarms ? defineAccessLogAlarms(scope, options, options.alarms) : [];
  return { queryDefinitions, alarms };
}
