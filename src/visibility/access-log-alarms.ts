import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogAlarmOptions } from './access-log-alarm-options';
import { jsonName } from './insights-queries';
import { auditQuestion, AuditQuestion, Condition, conditionFields } from '../format/audit-questions';

/** The CloudWatch namespace of the metrics the metric filters publish. */
export const METRIC_NAMESPACE = 'S3ServerAccessLogs';

/** The dimension of every metric: the source bucket, read from each record's `bucket_name`. */
export const BUCKET_DIMENSION = 'BucketName';

/** Denied requests in a period above which the alarm goes off, by default. */
const DEFAULT_DENIED_THRESHOLD = 10;

/**
 * The audit questions that have an alarm: their conditions are the metric filter's pattern and the
 * question's id its metric's name, so the alarm counts what the query lists.
 */
export const ALARM_QUESTIONS: readonly string[] = ['DeniedRequests', 'AnonymousRequests', 'SignatureV2Requests', 'LegacyTlsRequests'];

/** The record keys a question's metric filter reads, and the bucket name of its dimension. */
export function alarmFields(question: AuditQuestion): string[] {
  return [...new Set([...(question.where ?? []).flatMap(conditionFields).map(jsonName), jsonName('bucket')])];
}

/**
 * A question's conditions as a metric filter pattern for JSON log events (`{ $.field = value }`),
 * built with aws-cdk-lib's `FilterPattern`, which writes the syntax.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export function filterPattern(question: AuditQuestion): logs.JsonPattern {
  const patterns = (question.where ?? []).map(jsonPattern);
  return patterns.length === 1 ? patterns[0] : logs.FilterPattern.all(...patterns);
}

function jsonPattern(condition: Condition): logs.JsonPattern {
  switch (condition.kind) {
    case 'equals':
      return typeof condition.value === 'number'
        ? logs.FilterPattern.numberValue(selector(condition.field), '=', condition.value)
        : logs.FilterPattern.stringValue(selector(condition.field), '=', condition.value);
    case 'atLeast':
      return logs.FilterPattern.numberValue(selector(condition.field), '>=', condition.value);
    case 'oneOf':
      return logs.FilterPattern.any(...condition.values.map(value => logs.FilterPattern.stringValue(selector(condition.field), '=', value)));
    case 'noneOfIgnoringCase':
      // No case folding in filter patterns: every spelling S3 writes, compared one by one.
      return logs.FilterPattern.all(...condition.values.map(value => logs.FilterPattern.stringValue(selector(condition.field), '!=', value)));
    case 'absent':
      // "IS NULL" matches a key whose value is null, as the record writes an unknown field.
      return logs.FilterPattern.isNull(selector(condition.field));
    case 'present':
      return logs.FilterPattern.exists(selector(condition.field));
    case 'anyOf':
      return logs.FilterPattern.any(...condition.conditions.map(jsonPattern));
  }
}

function selector(field: Parameters<typeof jsonName>[0]): string {
  return `$.${jsonName(field)}`;
}

/** What `defineAccessLogAlarms` needs of a delivery. */
export interface AccessLogAlarmsScope {
  readonly bucket: s3.IBucket;
  readonly logGroup: logs.ILogGroup;
  /** The record fields delivered, or undefined for every field. */
  readonly recordFields?: string[];
}

/**
 * A metric filter and an alarm for each of ALARM_QUESTIONS, on the delivery's log group.
 *
 * Each filter publishes 1 per matching record to `S3ServerAccessLogs/<question id>` with the
 * dimension `BucketName` from the record's `bucket_name`, and its alarm watches the sum over a period
 * for the delivery's bucket. Periods without records are not breaching. Records reach the log group as
 * late as the delivery brings them, so an alarm goes off as late.
 *
 * @throws when `recordFields` leaves out a field that a filter reads: the alarm could never go off
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringPolicyExamples.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-logs-metricfilter-metrictransformation.html
 */
export function defineAccessLogAlarms(scope: Construct, delivery: AccessLogAlarmsScope, options: AccessLogAlarmOptions): cloudwatch.Alarm[] {
  const threshold = options.deniedRequestsThreshold ?? DEFAULT_DENIED_THRESHOLD;
  if (!Token.isUnresolved(threshold) && (!Number.isInteger(threshold) || threshold < 0)) {
    throw new Error(`${scope.node.path}: alarms.deniedRequestsThreshold must be a whole number of requests, 0 or more, got: ${threshold}. `
      + `Give the number of denied requests in one period above which the alarm goes off (default ${DEFAULT_DENIED_THRESHOLD}).`);
  }
  const questions = ALARM_QUESTIONS.map(auditQuestion);
  assertFieldsDelivered(scope, questions, delivery.recordFields);
  const container = new Construct(scope, 'Alarms');
  const period = options.period ?? Duration.minutes(5);
  return questions.map(question => {
    const group = new Construct(container, question.id);
    new logs.MetricFilter(group, 'MetricFilter', {
      logGroup: delivery.logGroup,
      filterPattern: filterPattern(question),
      metricNamespace: METRIC_NAMESPACE,
      metricName: question.id,
      metricValue: '1',
      dimensions: { [BUCKET_DIMENSION]: selector('bucket') },
    });
    const denied = question.id === 'DeniedRequests';
    const alarm = new cloudwatch.Alarm(group, 'Alarm', {
      metric: new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: question.id,
        dimensionsMap: { [BUCKET_DIMENSION]: delivery.bucket.bucketName },
        statistic: cloudwatch.Stats.SUM,
        period,
      }),
      threshold: denied ? threshold : 1,
      comparisonOperator: denied
        ? cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD
        : cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${question.title} in the server access logs delivered by ${scope.node.path}. The Logs Insights query "${question.title}" lists them.`,
    });
    if (options.alarmActions && options.alarmActions.length > 0) {
      alarm.addAlarmAction(...options.alarmActions);
    }
    return alarm;
  });
}

function assertFieldsDelivered(scope: Construct, questions: readonly AuditQuestion[], delivered: string[] | undefined): void {
  // A field given as a token may be any field: nothing can be said to be left out.
  if (delivered === undefined || delivered.some(field => Token.isUnresolved(field))) {
    return;
  }
  const missing = [...new Set(questions.flatMap(alarmFields))].filter(field => !delivered.includes(field));
  if (missing.length > 0) {
    throw new Error(`${scope.node.path}: recordFields leaves out ${missing.map(f => `'${f}'`).join(', ')}, which the metric filters of alarms read: `
      + 'those alarms could never go off. Add the fields to recordFields, or leave alarms out.');
  }
}
