import { Annotations, Lazy, Names, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogAlarmOptions } from './access-log-alarm-options';
import { defineDeliveryAnalysis } from './delivery-analysis';
import { UNKNOWN_RECORD_FIELD } from './warning-ids';
import { assertSameEnvironment } from '../private/same-environment';

/**
 * Options for delivering a bucket's server access logs to Amazon CloudWatch Logs.
 */
export interface CloudWatchLogsDeliveryOptions {
  /**
   * The log group that receives the access logs.
   *
   * It must be in the source bucket's account and Region: CloudWatch Logs delivers to a log group
   * only within one account and Region (cross-account delivery is for Amazon S3 and Firehose
   * destinations only).
   *
   * @default - a new log group, kept when it is removed from the stack, with `retention`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * How long the log group defined for the logs keeps them. Not with `logGroup`.
   *
   * @default logs.RetentionDays.SIX_MONTHS
   */
  readonly retention?: logs.RetentionDays;

  /**
   * The fields of each record, in the order CloudWatch Logs writes them (`bucket_name`,
   * `request_time`, `operation`, `http_status`, ...).
   *
   * A field the S3 User Guide does not list gives the `unknownRecordField` warning: CloudWatch Logs
   * rejects a field S3 does not deliver when the stack deploys.
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html
   * @default - every field
   */
  readonly recordFields?: string[];

  /**
   * Whether to define a CloudWatch Logs Insights query definition over the log group for each audit
   * question of the Athena saved queries (denied requests, anonymous requests, who deleted objects,
   * ...), named `S3 server access logs/<log group name>/<title>`, once per log group (deliveries
   * into one log group share them). A question that reads a field
   * `recordFields` leaves out is not defined (the `queryFieldsNotDelivered` warning).
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
   * @default true
   */
  readonly queryDefinitions?: boolean;

  /**
   * Metric filters on the log group and CloudWatch alarms for denied requests (above a threshold in
   * a period), and for any anonymous request, Signature Version 2 request or request over TLS older
   * than 1.2.
   *
   * @default - no metric filters nor alarms
   */
  readonly alarms?: AccessLogAlarmOptions;
}

/**
 * Properties for a `CloudWatchLogsDelivery`.
 */
export interface CloudWatchLogsDeliveryProps extends CloudWatchLogsDeliveryOptions {
  /**
   * The bucket whose server access logs are delivered.
   */
  readonly bucket: s3.IBucket;
}

/**
 * Delivery of a bucket's Amazon S3 server access logs to a CloudWatch Logs log group, through the
 * CloudWatch Logs delivery APIs: a delivery source (log type `S3_SERVER_ACCESS_LOGS`, the bucket's
 * ARN), a delivery destination (the log group) and the delivery that pairs them.
 *
 * Records arrive as structured JSON, queryable with CloudWatch Logs Insights, and can feed metric
 * filters and alarms. Delivery is best effort, like delivery to a bucket: usually within a few hours.
 * CloudWatch Logs charges vended-log ingestion and storage.
 *
 * CloudWatch Logs gives the log group the resource policy that lets `delivery.logs.amazonaws.com`
 * write to it when the delivery is created, as the S3 User Guide's CloudFormation example relies
 * on; the role that deploys the stack needs `logs:PutResourcePolicy`, `logs:DescribeResourcePolicies`
 * and `logs:DescribeLogGroups` for that, and `s3:AllowVendedLogDeliveryForResource` on the bucket.
 * (This library defines no `AWS::Logs::ResourcePolicy`: without a resource ARN, which aws-cdk-lib
 * 2.172 cannot set, each is account-wide, and an account has at most 10 of those per Region.)
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-enabling.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-CloudWatchLogs.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html
 *
 * @example
 * declare const data: s3.Bucket;
 * new CloudWatchLogsDelivery(this, 'AccessLogsToCloudWatch', {
 *   bucket: data,
 *   retention: logs.RetentionDays.ONE_MONTH,
 * });
 */
export class CloudWatchLogsDelivery extends Construct {
  /**
   * The log type of Amazon S3 server access logs in the CloudWatch Logs delivery APIs
   * (`PutDeliverySource`, `AWS::Logs::DeliverySource.LogType`).
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-enabling.html
   */
  public static readonly LOG_TYPE = 'S3_SERVER_ACCESS_LOGS';

  /**
   * The fields of a server access log record delivered to CloudWatch Logs, in the order of the S3
   * User Guide's table (structured JSON, one key per field). The list is frozen.
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html
   */
  public static readonly RECORD_FIELDS: string[] = Object.freeze([
    'schema_version_id', 'bucket_arn', 'bucket_name', 'request_time', 'bucket_owner_id', 'remote_ip',
    'requester', 'request_id', 'operation', 'key_name', 'request_uri', 'http_status', 'error_code',
    'bytes_sent_size', 'object_size', 'total_duration', 'turn_around_duration', 'referer', 'user_agent',
    'version_id', 'host_id', 'signature_version', 'cipher_suite', 'authentication_type', 'host_header',
    'tls_version', 'access_point_arn', 'acl_required', 'source_region',
  ]) as string[];

  /** The log group that receives the access logs. */
  public readonly logGroup: logs.ILogGroup;

  /** The delivery source: the bucket, with log type `S3_SERVER_ACCESS_LOGS`. */
  public readonly deliverySource: logs.CfnDeliverySource;

  /** The delivery destination: the log group. */
  public readonly deliveryDestination: logs.CfnDeliveryDestination;

  /** The delivery that pairs the source with the destination. */
  public readonly delivery: logs.CfnDelivery;

  /** The Logs Insights query definitions of the audit questions (empty with `queryDefinitions: false`). */
  public readonly queryDefinitions: logs.CfnQueryDefinition[];

  /** The alarms of `alarms` (empty without it). */
  public readonly alarms: cloudwatch.IAlarm[];

  constructor(scope: Construct, id: string, props: CloudWatchLogsDeliveryProps) {
    super(scope, id);
    if (props.logGroup && props.retention !== undefined) {
      throw new Error(`${this.node.path}: logGroup and retention cannot both be given. `
        + 'Set the retention on your log group, or leave logGroup out to have one defined with this retention.');
    }
    const recordFields = recordFieldsOf(this, props.recordFields);
    assertSameEnvironment(this, 'bucket', props.bucket, 'A delivery source takes the server access logs of a bucket');

    this.logGroup = props.logGroup ?? new logs.LogGroup(this, 'LogGroup', {
      // The retention of the S3 User Guide's CloudFormation example (RetentionInDays: 180).
      retention: props.retention ?? logs.RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // "A CloudWatch Logs log group in the same AWS Region as the source bucket" (sal-cw-enabling);
    // cross-account delivery is for Amazon S3 and Firehose destinations only (AWS-vended-logs-permissions-V2).
    assertSameEnvironment(this, 'log group', this.logGroup, 'CloudWatch Logs delivers server access logs only to a log group');

    // The three resources of the S3 User Guide's CloudFormation example (sal-cw-enabling).
    this.deliverySource = new logs.CfnDeliverySource(this, 'Source', {
      name: Lazy.string({ produce: () => deliveryName(this.deliverySource) }),
      logType: CloudWatchLogsDelivery.LOG_TYPE,
      resourceArn: props.bucket.bucketArn,
    });
    this.deliveryDestination = new logs.CfnDeliveryDestination(this, 'Destination', {
      name: Lazy.string({ produce: () => deliveryName(this.deliveryDestination) }),
      destinationResourceArn: this.logGroup.logGroupArn,
    });
    this.delivery = new logs.CfnDelivery(this, 'Delivery', {
      // `Ref` of a delivery source is its name.
      deliverySourceName: this.deliverySource.ref,
      deliveryDestinationArn: this.deliveryDestination.attrArn,
      recordFields,
    });

    const analysis = defineDeliveryAnalysis(this, { ...props, logGroup: this.logGroup, recordFields });
    this.queryDefinitions = analysis.queryDefinitions;
    this.alarms = analysis.alarms;
  }
}

/**
 * A name unique to the construct in its account and Region: delivery source and destination names
 * are 1 to 60 characters of `[\w-]`, unique in the account.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetDeliverySource.html
 */
function deliveryName(resource: Construct): string {
  return Names.uniqueResourceName(resource, { maxLength: 60, separator: '-', allowedSpecialCharacters: '-_' });
}

function recordFieldsOf(scope: Construct, fields: string[] | undefined): string[] | undefined {
  if (fields === undefined) {
    return undefined;
  }
  if (fields.length === 0) {
    throw new Error(`${scope.node.path}: recordFields is empty. Name the fields to deliver (e.g. 'bucket_name', 'request_time', 'operation'), `
      + 'or leave recordFields out to deliver every field.');
  }
  const unique = [...new Set(fields)];
  const unknown = unique.filter(field => !CloudWatchLogsDelivery.RECORD_FIELDS.includes(field));
  if (unknown.length > 0) {
    Annotations.of(scope).addWarningV2(UNKNOWN_RECORD_FIELD, `${scope.node.path}: recordFields has ${unknown.map(f => `'${f}'`).join(', ')}, `
      + 'which the S3 User Guide does not list for server access logs in CloudWatch Logs; CloudWatch Logs refuses a field S3 does not deliver '
      + `when the stack deploys. Known fields: ${CloudWatchLogsDelivery.RECORD_FIELDS.join(', ')} `
      + '(https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html).');
  }
  return unique;
}
