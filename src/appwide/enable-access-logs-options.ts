import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { AccessLogsBucketProps } from '../buckets/access-logs-bucket';
import { CloudWatchLogsDeliveryOptions } from '../visibility/cloudwatch-logs-delivery';
import { DataEventsOptions } from '../visibility/data-events-trail';

/**
 * Decides which buckets `AccessLogs.of(scope).enable()` turns logging on for.
 */
export interface IAccessLogsFilter {
  /**
   * Whether to turn server access logging on for this bucket.
   *
   * Only asked about buckets that would otherwise be enabled: not destinations, and not buckets
   * that already log (unless `overwrite` is set).
   *
   * @param bucket the bucket's L1 (`bucket.node.scope` is the L2 when the L1 is its default child)
   */
  shouldLog(bucket: s3.CfnBucket): boolean;
}

/**
 * Options for `AccessLogs.of(scope).enable()`.
 */
export interface EnableAccessLogsOptions {
  /**
   * Buckets to deliver the logs to: each serves the sources in its own account and Region (and
   * stage), at most one per account and Region.
   *
   * An `AccessLogsBucket` or `s3.Bucket` of this app is granted delivery in its policy; an imported
   * bucket cannot be, and a warning gives the statement to add to its policy.
   *
   * @default - one `AccessLogsBucket` per account and Region is defined for the sources
   */
  readonly destinationBuckets?: s3.IBucket[];

  /**
   * Whether to define an `AccessLogsBucket` for the sources of an account and Region that no bucket
   * of `destinationBuckets` serves.
   *
   * With `false`, such a source fails synthesis with an error naming it and its environment.
   *
   * @default true
   */
  readonly createDestinations?: boolean;

  /**
   * Properties of the destinations this defines.
   *
   * @default - the `AccessLogsBucket` defaults
   */
  readonly destinationBucketProps?: AccessLogsBucketProps;

  /**
   * The prefix of the log object keys in the destination, normalised as on `AccessLoggedBucket`.
   *
   * With the simple key format, each source writes under a prefix of its own below this one,
   * `<logFilePrefix><stack name>/<logical id>/`, so that sources sharing a destination do not
   * interleave; the date-based format separates them by itself.
   *
   * @default - no prefix
   */
  readonly logFilePrefix?: string;

  /**
   * The format of the log object keys.
   *
   * @default TargetObjectKeyFormat.partitionedPrefix(PartitionDateSource.EVENT_TIME)
   */
  readonly targetObjectKeyFormat?: s3.TargetObjectKeyFormat;

  /**
   * Whether to replace the logging configuration of buckets that already have one.
   *
   * A bucket that receives server access logs is never made to log, whatever this says.
   *
   * @default false
   */
  readonly overwrite?: boolean;

  /**
   * Constructs whose buckets (the construct itself, and every bucket under it) are left as they are.
   *
   * @default - none
   */
  readonly exclude?: IConstruct[];

  /**
   * Decides, bucket by bucket, which to enable.
   *
   * @default - every bucket that is not a destination and does not log yet
   */
  readonly filter?: IAccessLogsFilter;

  /**
   * Also deliver the access logs of the buckets this enables to CloudWatch Logs.
   *
   * Each bucket gets a `CloudWatchLogsDelivery`, into `logGroup` when given (it must be in the
   * bucket's account and Region), else into one log group per stack, `AccessLogsLogGroup` (with
   * `retention` and `encryptionKey`); with `destinationBucket`, `deliveryStreamArn` or
   * `deliveryDestinationArn`, into that destination, and no log group is defined. The
   * `destinationBucket` itself is not delivered (into itself).
   *
   * @default - no delivery to CloudWatch Logs
   */
  readonly cloudWatchLogs?: CloudWatchLogsDeliveryOptions;

  /**
   * Also record the S3 data events of the buckets this enables with CloudTrail (charged per event).
   *
   * Into `trail` when given (it must be in the buckets' account and Region), else into one
   * `DataEventsTrail` per account and Region, in a stack `AccessLogsDataEvents-<account>-<region>` of
   * the stage (or in the stack `enable()` was called on). A bucket that receives CloudTrail log files
   * is never recorded.
   *
   * @default - no data events
   */
  readonly dataEvents?: DataEventsOptions;

  /**
   * Whether app-wide enablement is on; `false` leaves every bucket as it is.
   *
   * @default true
   */
  readonly enabled?: boolean;
}
