import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * Options for the metric filters and alarms that a `CloudWatchLogsDelivery` defines on its log group.
 */
export interface AccessLogAlarmOptions {
  /**
   * The number of denied requests (HTTP 403 or `AccessDenied`) in one period above which the
   * denied-requests alarm goes off. The alarms on anonymous requests, Signature Version 2 and TLS
   * older than 1.2 go off at the first such request.
   *
   * @default 10
   */
  readonly deniedRequestsThreshold?: number;

  /**
   * The period over which each alarm counts requests.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * The actions of every alarm when it goes off (an SNS topic, ...).
   *
   * @default - no actions: the alarms show in the CloudWatch console only
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];
}
