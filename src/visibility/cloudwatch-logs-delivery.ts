import { Annotations, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogAlarmOptions } from './access-log-alarm-options';
import { defineDeliveryAnalysis } from './delivery-analysis';
import {
  checkDeliveryDestinationArn, checkDeliveryStreamArn, defineDeliveryDestination, defineLogGroup, deliveryName, DestinationKind,
  destinationKindOf, grantBucketDelivery, logsArn, sameBucket,
} from './delivery-destinations';
import { existingDeliverySource, recordDeliverySource } from './delivery-sources';
import { VendedLogsOutputFormat } from './vended-logs-output-format';
import { UNKNOWN_RECORD_FIELD } from './warning-ids';
import { assertSameEnvironment } from '../private/same-environment';

/**
 * Options for delivering a bucket's server access logs to Amazon CloudWatch Logs.
 */
export interface CloudWatchLogsDeliveryOptions {
  /**
   * The log group that receives the access logs.
   *
   * It must be in the source bucket's account and Region. For a log group of another account, define
   * a `CloudWatchLogsDeliveryDestination` there and give its `deliveryDestinationArn` instead.
   * Not with `encryptionKey`, `destinationBucket`, `deliveryStreamArn` or `deliveryDestinationArn`.
   *
   * @default - a new log group, kept when it is removed from the stack, with `retention`, unless
   * another destination is given
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * How long the log group defined for the logs keeps them. Not with `logGroup` or another destination.
   *
   * @default logs.RetentionDays.SIX_MONTHS
   */
  readonly retention?: logs.RetentionDays;

  /**
   * The KMS key that encrypts the log group defined for the logs, which is then given a fixed name.
   * The key's policy gets the statement CloudWatch Logs needs (`logs.<region>.amazonaws.com`, with the
   * encryption context of this log group's ARN); for an imported key, the `deliveryPermissionNotAdded`
   * warning gives it. Not with `logGroup` or another destination.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   * @default - the log group is encrypted by CloudWatch Logs' own keys
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Deliver to this Amazon S3 bucket instead of a log group, under `AWSLogs/<account>/`.
   *
   * Its policy gets the statement for `delivery.logs.amazonaws.com` (`s3:PutObject`, with
   * `aws:SourceAccount` and `aws:SourceArn` of the delivery source), and its KMS key, when the bucket
   * has one, the statement for the same service; for a bucket or key the app does not define, the
   * `deliveryPermissionNotAdded` warning gives the statement to add. It cannot be the source bucket
   * (a loop). Not with a log group, `deliveryStreamArn` or `deliveryDestinationArn`.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
   * @default - no delivery to Amazon S3
   */
  readonly destinationBucket?: s3.IBucket;

  /**
   * Deliver to this Amazon Data Firehose stream (its ARN) instead of a log group.
   *
   * The stream must be in the source bucket's account and Region. CloudWatch Logs writes to it through
   * the service-linked role `AWSServiceRoleForLogDelivery`, which may write only to streams tagged
   * `LogDeliveryEnabled` = `true`: CloudWatch Logs adds the tag when the delivery is created, so the
   * role that deploys needs `firehose:TagDeliveryStream` on the stream and `iam:CreateServiceLinkedRole`.
   * Not with a log group, `destinationBucket` or `deliveryDestinationArn`.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-Firehose.html
   * @default - no delivery to Firehose
   */
  readonly deliveryStreamArn?: string;

  /**
   * Deliver to a delivery destination of another account (the central-account pattern): the
   * `deliveryDestinationArn` of a `CloudWatchLogsDeliveryDestination` whose `sourceAccounts` include
   * this bucket's account. No delivery destination is defined here. Not with a log group,
   * `destinationBucket`, `deliveryStreamArn` or `outputFormat`.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-vended-logs-permissions-V2.html
   * @default - the destination is defined here
   */
  readonly deliveryDestinationArn?: string;

  /**
   * The format of the records at the destination: JSON everywhere, or Parquet in an Amazon S3 bucket.
   *
   * @default - the destination's default format (JSON)
   */
  readonly outputFormat?: VendedLogsOutputFormat;

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
   * `recordFields` leaves out is not defined (the `queryFieldsNotDelivered` warning). Only for a log
   * group of this account: other destinations have no query definitions.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
   * @default true
   */
  readonly queryDefinitions?: boolean;

  /**
   * Metric filters on the log group and CloudWatch alarms for denied requests (above a threshold in
   * a period), and for any anonymous request, Signature Version 2 request or request over TLS older
   * than 1.2. Only for a log group of this account (not with `destinationBucket`,
   * `deliveryStreamArn` or `deliveryDestinationArn`).
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
 * Delivery of a bucket's Amazon S3 server access logs through the CloudWatch Logs delivery APIs, to a
 * log group (the default), an Amazon S3 bucket, a Firehose stream or a delivery destination of
 * another account: a delivery source (log type `S3_SERVER_ACCESS_LOGS`, the bucket's ARN), a delivery
 * destination and the delivery that pairs them.
 *
 * A bucket has one delivery source: a second `CloudWatchLogsDelivery` of the same bucket (to another
 * destination) reuses the first one's, or a `CfnDeliverySource` for the bucket's ARN that another
 * construct defined in the bucket's stack, and defines no `Source` of its own.
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

  private readonly destinationLogGroup?: logs.ILogGroup;
  private readonly definedDestination?: logs.CfnDeliveryDestination;

  /**
   * The delivery source: the bucket, with log type `S3_SERVER_ACCESS_LOGS`. Defined here as `Source`
   * by the first delivery of the bucket; the one already defined for the bucket otherwise.
   */
  public readonly deliverySource: logs.CfnDeliverySource;

  /** The ARN of the delivery destination: the one defined here, or `deliveryDestinationArn`. */
  public readonly deliveryDestinationArn: string;

  /** The delivery that pairs the source with the destination. */
  public readonly delivery: logs.CfnDelivery;

  /** The Logs Insights query definitions of the audit questions (empty with `queryDefinitions: false`, or for a destination other than a log group). */
  public readonly queryDefinitions: logs.CfnQueryDefinition[];

  /** The alarms of `alarms` (empty without it). */
  public readonly alarms: cloudwatch.IAlarm[];

  constructor(scope: Construct, id: string, props: CloudWatchLogsDeliveryProps) {
    super(scope, id);
    if (props.logGroup && props.retention !== undefined) {
      throw new Error(`${this.node.path}: logGroup and retention cannot both be given. `
        + 'Set the retention on your log group, or leave logGroup out to have one defined with this retention.');
    }
    const kind = destinationKindOf(`${this.node.path}: `, props);
    const recordFields = recordFieldsOf(this, props.recordFields);
    assertSameEnvironment(this, 'bucket', props.bucket, 'A delivery source takes the server access logs of a bucket');

    // The three resources of the S3 User Guide's CloudFormation example (sal-cw-enabling), the source
    // shared by every delivery of the bucket.
    this.deliverySource = this.sourceOf(props.bucket);
    const destination = this.destinationOf(kind, props);
    this.destinationLogGroup = destination.logGroup;
    this.definedDestination = destination.deliveryDestination;
    this.deliveryDestinationArn = destination.arn;
    this.delivery = new logs.CfnDelivery(this, 'Delivery', {
      // `Ref` of a delivery source is its name.
      deliverySourceName: this.deliverySource.ref,
      deliveryDestinationArn: this.deliveryDestinationArn,
      recordFields,
    });
    if (destination.dependsOn) {
      this.delivery.node.addDependency(destination.dependsOn);
    }

    if (destination.logGroup) {
      const analysis = defineDeliveryAnalysis(this, { ...props, logGroup: destination.logGroup, recordFields });
      this.queryDefinitions = analysis.queryDefinitions;
      this.alarms = analysis.alarms;
    } else if (props.alarms) {
      throw new Error(`${this.node.path}: alarms need the access logs in a log group of this account, but they go to `
        + 'a bucket, a Firehose stream or another account\'s delivery destination. Define the alarms where the log group is, '
        + 'or deliver to a log group here as well (a second CloudWatchLogsDelivery of the same bucket).');
    } else {
      this.queryDefinitions = [];
      this.alarms = [];
    }
  }

  /**
   * The log group that receives the access logs. Throws when the destination is not a log group of
   * this account (`destinationBucket`, `deliveryStreamArn`, `deliveryDestinationArn`).
   */
  public get logGroup(): logs.ILogGroup {
    if (!this.destinationLogGroup) {
      throw new Error(`${this.node.path}: the access logs go to a bucket, a Firehose stream or another account's delivery destination, `
        + 'not to a log group of this account: there is no logGroup. Read deliveryDestinationArn instead.');
    }
    return this.destinationLogGroup;
  }

  /**
   * The delivery destination defined here. Throws with `deliveryDestinationArn`, which defines none.
   */
  public get deliveryDestination(): logs.CfnDeliveryDestination {
    if (!this.definedDestination) {
      throw new Error(`${this.node.path}: the delivery destination is defined in another account (deliveryDestinationArn), `
        + 'not here: there is no deliveryDestination. Read deliveryDestinationArn instead.');
    }
    return this.definedDestination;
  }

  /** The bucket's delivery source: the one already defined for it, or `Source`, recorded on the bucket. */
  private sourceOf(bucket: s3.IBucket): logs.CfnDeliverySource {
    const existing = existingDeliverySource(bucket, CloudWatchLogsDelivery.LOG_TYPE);
    if (existing) {
      return existing;
    }
    const source: logs.CfnDeliverySource = new logs.CfnDeliverySource(this, 'Source', {
      name: Lazy.string({ produce: () => deliveryName(source) }),
      logType: CloudWatchLogsDelivery.LOG_TYPE,
      resourceArn: bucket.bucketArn,
    });
    recordDeliverySource(bucket, source);
    return source;
  }

  /** The destination of the kind chosen, defined under `Destination` (none for `deliveryDestinationArn`). */
  private destinationOf(kind: DestinationKind, props: CloudWatchLogsDeliveryProps): DefinedDestination {
    switch (kind) {
      case DestinationKind.ELSEWHERE:
        checkDeliveryDestinationArn(this, props.deliveryDestinationArn!);
        return { arn: props.deliveryDestinationArn! };
      case DestinationKind.STREAM:
        checkDeliveryStreamArn(this, props.deliveryStreamArn!);
        return this.defineDestination(props.deliveryStreamArn!, props.outputFormat);
      case DestinationKind.BUCKET:
        return this.bucketDestination(props.bucket, props.destinationBucket!, props.outputFormat);
      default:
        return this.logGroupDestination(props);
    }
  }

  private logGroupDestination(props: CloudWatchLogsDeliveryProps): DefinedDestination {
    const logGroup = props.logGroup ?? defineLogGroup(this, 'LogGroup', {
      retention: props.retention,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // "A CloudWatch Logs log group in the same AWS Region as the source bucket" (sal-cw-enabling). A log
    // group of another account takes a delivery destination defined there (AWS-vended-logs-permissions-V2).
    assertSameEnvironment(this, 'log group', logGroup, 'CloudWatch Logs delivers server access logs only to a log group');
    return { ...this.defineDestination(logGroup.logGroupArn, props.outputFormat), logGroup };
  }

  private bucketDestination(source: s3.IBucket, bucket: s3.IBucket, outputFormat: VendedLogsOutputFormat | undefined): DefinedDestination {
    if (sameBucket(source, bucket)) {
      throw new Error(`${this.node.path}: destinationBucket is the bucket whose server access logs are delivered (${source.node.path}): `
        + 'each log object written would be a request logged and delivered again, without end. Deliver into another bucket.');
    }
    assertSameEnvironment(this, 'destination bucket', bucket, 'CloudWatch Logs delivers server access logs to a bucket defined here only');
    const policy = grantBucketDelivery(this, bucket, {
      accounts: [Stack.of(this.deliverySource).account],
      sourceArns: [this.deliverySourceArn(bucket)],
    });
    const destination = this.defineDestination(bucket.bucketArn, outputFormat);
    const samePlace = policy && Stack.of(policy) === Stack.of(this);
    return { ...destination, dependsOn: samePlace ? policy : undefined };
  }

  /**
   * The ARN of the delivery source, built from its name in its stack's account and Region: a reference
   * to the source from the destination bucket's policy in another stack would be a dependency cycle.
   * A name that is itself a reference becomes `delivery-source:*` of the account.
   */
  private deliverySourceArn(bucket: s3.IBucket): string {
    const source = this.deliverySource;
    const stack = Stack.of(source);
    const name = stack.resolve(source.name);
    const literal = typeof name === 'string' && !Token.isUnresolved(name);
    if (Stack.of(bucket) === stack) {
      return source.attrArn;
    }
    return logsArn(stack, stack.account, `delivery-source:${literal ? name : '*'}`);
  }

  private defineDestination(destinationResourceArn: string, outputFormat: VendedLogsOutputFormat | undefined): DefinedDestination {
    const deliveryDestination = defineDeliveryDestination(this, 'Destination', { destinationResourceArn, outputFormat });
    return { deliveryDestination, arn: deliveryDestination.attrArn };
  }
}

/** What a destination of one kind defined. */
interface DefinedDestination {
  readonly arn: string;
  readonly deliveryDestination?: logs.CfnDeliveryDestination;
  readonly logGroup?: logs.ILogGroup;
  readonly dependsOn?: Construct;
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
