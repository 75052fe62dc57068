import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogsBucket, AccessLogsBucketProps } from './access-logs-bucket';
import { AccessLogsTable, AccessLogsTableOptions } from '../analytics/access-logs-table';
import { defaultEncryptionOfBucket, objectLockEnabledOnBucket } from '../checks/build-model';
import { EnvironmentTarget, PlacedEdge } from '../checks/environment';
import { throwIfError } from '../checks/finding';
import { PlacedBucket } from '../checks/model';
import { registerAppWideChecks } from '../checks/register-checks';
import { accountMismatch } from '../checks/rules/account-mismatch';
import { destinationEncryption } from '../checks/rules/destination-encryption';
import { destinationObjectLock } from '../checks/rules/destination-object-lock';
import { invalidLogFilePrefix } from '../checks/rules/invalid-log-file-prefix';
import { regionMismatch } from '../checks/rules/region-mismatch';
import { configureServerAccessLogs } from '../delivery/server-access-logs';
import { cfnBucketOf } from '../private/bucket-constructs';
import { defaultKeyFormat, isDateBasedKeyFormat } from '../private/key-format';
import { normalizeLogFilePrefix, warnIfUnresolvedPrefix } from '../private/log-file-prefix';
import { SECURE_BUCKET_DEFAULTS, withDefaults } from '../private/props';
import { DESTINATION_OF_ONE_SOURCE, LOGGING_OPTED_OUT } from '../private/roles';
import { CloudWatchLogsDelivery, CloudWatchLogsDeliveryOptions } from '../visibility/cloudwatch-logs-delivery';
import { DataEventsOptions, DataEventsTrail } from '../visibility/data-events-trail';
import { defineSourceVisibility } from '../visibility/source-visibility';

/**
 * Properties for an `AccessLoggedBucket`.
 */
export interface AccessLoggedBucketProps {
  /**
   * Properties of the source bucket.
   *
   * Server access logging is this construct's job: `serverAccessLogsBucket`,
   * `serverAccessLogsPrefix` and `targetObjectKeyFormat` are refused here; use `destinationBucket`,
   * `logFilePrefix` and `targetObjectKeyFormat` on this construct instead.
   *
   * @default - SSE-S3 encryption, all public access blocked, TLS enforced, ACLs disabled
   */
  readonly bucketProps?: s3.BucketProps;

  /**
   * The bucket that receives the server access logs.
   *
   * It must be in the same account and Region as the source. An `AccessLogsBucket` or an
   * `s3.Bucket` of this app is granted delivery in its bucket policy; an imported bucket cannot
   * be, and a warning says which statement to add to its policy.
   *
   * @default - a new `AccessLogsBucket`, defined with `destinationBucketProps`
   */
  readonly destinationBucket?: s3.IBucket;

  /**
   * Properties of the destination this construct defines when `destinationBucket` is not given.
   *
   * @default - the `AccessLogsBucket` defaults
   */
  readonly destinationBucketProps?: AccessLogsBucketProps;

  /**
   * The prefix of the log object keys in the destination.
   *
   * A missing trailing `/` is added and a leading `/` removed, because S3 glues the prefix
   * straight onto the date (`logs` would give `logs2026-01-01-...`).
   *
   * @default - no prefix: logs land at the root of the destination
   */
  readonly logFilePrefix?: string;

  /**
   * The format of the log object keys.
   *
   * The date-based format puts the source account, Region and bucket in every key, so several
   * sources can share one destination and prefix, and Athena can project partitions over it.
   *
   * @default TargetObjectKeyFormat.partitionedPrefix(PartitionDateSource.EVENT_TIME)
   */
  readonly targetObjectKeyFormat?: s3.TargetObjectKeyFormat;

  /**
   * Whether server access logging is on.
   *
   * `false` turns logging off on the source and removes the delivery grant, while keeping the
   * destination and the logs already in it. `AccessLogs.of(scope).enable()` leaves it off too.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Also deliver the source's access logs through CloudWatch Logs' vended-logs delivery: to a log
   * group, as structured JSON for CloudWatch Logs Insights, metric filters and alarms, or to an Amazon
   * S3 bucket (`destinationBucket`), a Firehose stream (`deliveryStreamArn`) or another account's
   * delivery destination (`deliveryDestinationArn`). Vended-log delivery is charged.
   *
   * Not defined when `enabled` is false.
   *
   * @default - no delivery to CloudWatch Logs
   */
  readonly cloudWatchLogs?: CloudWatchLogsDeliveryOptions;

  /**
   * Also record the source's S3 data events with CloudTrail: delivered about every 5 minutes, with
   * the caller's identity, charged per event.
   *
   * A trail defined for the source delivers its own server access logs to `destinationBucket`.
   * Not defined when `enabled` is false.
   *
   * @default - no data events
   */
  readonly dataEvents?: DataEventsOptions;
}

/**
 * An S3 bucket with server access logging configured correctly: the source bucket, the bucket that
 * receives its logs, the bucket policy that lets the S3 logging service write there, and the
 * source's logging configuration.
 *
 * Delivery is granted by bucket policy with `aws:SourceAccount` and (where no dependency cycle
 * would follow) `aws:SourceArn`, whatever the app's feature flags say. The destination must be in
 * the source's account and Region; a mismatch known at synth throws.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
 *
 * @example
 * const data = new AccessLoggedBucket(this, 'Data');
 * // data.bucket is the source, data.destinationBucket receives its access logs
 */
export class AccessLoggedBucket extends Construct {
  /** The source bucket, whose requests are logged. */
  public readonly bucket: s3.Bucket;

  /** The bucket that receives the server access logs. */
  public readonly destinationBucket: s3.IBucket;

  /** The prefix of the log object keys, as normalised (empty for none). */
  public readonly logFilePrefix: string;

  /** The format of the log object keys. */
  public readonly targetObjectKeyFormat: s3.TargetObjectKeyFormat;

  /** Whether server access logging is on. */
  public readonly enabled: boolean;

  /** The delivery of the access logs to CloudWatch Logs, when `cloudWatchLogs` is given. */
  public readonly cloudWatchLogsDelivery?: CloudWatchLogsDelivery;

  /** The trail that records the source's data events, when `dataEvents` is given. */
  public readonly dataEventsTrail?: DataEventsTrail;

  constructor(scope: Construct, id: string, props: AccessLoggedBucketProps = {}) {
    super(scope, id);
    assertNoLoggingInBucketProps(this, props.bucketProps);
    if (props.destinationBucket && props.destinationBucketProps) {
      throw new Error(`${this.node.path}: destinationBucket and destinationBucketProps cannot both be given. `
        + 'Give destinationBucketProps to have a destination defined for you, or destinationBucket to use your own.');
    }

    warnIfUnresolvedPrefix(this, 'logFilePrefix', props.logFilePrefix);
    this.logFilePrefix = normalizeLogFilePrefix(props.logFilePrefix);
    this.targetObjectKeyFormat = props.targetObjectKeyFormat ?? defaultKeyFormat();
    throwIfError(invalidLogFilePrefix({ scope: this, path: this.node.path, stackPath: Stack.of(this).node.path }, this.logFilePrefix,
      isDateBasedKeyFormat(this.targetObjectKeyFormat) ? 'partitioned' : 'simple'));
    this.enabled = props.enabled ?? true;

    this.bucket = new s3.Bucket(this, 'Bucket', withDefaults<s3.BucketProps>(props.bucketProps ?? {}, SECURE_BUCKET_DEFAULTS));
    this.destinationBucket = props.destinationBucket ?? this.defineDestination(props.destinationBucketProps);
    assertDeliverableDestination(this.bucket, this.destinationBucket);

    if (this.enabled) {
      // An imported destination takes no policy; the app-wide checks warn with the statement to add.
      configureServerAccessLogs(this.bucket, {
        destination: this.destinationBucket,
        prefix: this.logFilePrefix,
        keyFormat: this.targetObjectKeyFormat,
      });
    } else {
      // Turned off on purpose: app-wide enablement leaves it off.
      LOGGING_OPTED_OUT.mark(this.bucket.node.defaultChild!);
    }
    const visibility = defineSourceVisibility(this, this.bucket, this.enabled ? {
      cloudWatchLogs: props.cloudWatchLogs,
      dataEvents: props.dataEvents,
      serverAccessLogs: { destination: this.destinationBucket, prefix: this.logFilePrefix, keyFormat: this.targetObjectKeyFormat },
    } : {});
    this.cloudWatchLogsDelivery = visibility.cloudWatchLogsDelivery;
    this.dataEventsTrail = visibility.dataEventsTrail;
    registerAppWideChecks(this);
  }

  private defineDestination(props: AccessLogsBucketProps | undefined): AccessLogsBucket {
    const destination = new AccessLogsBucket(this, 'AccessLogsBucket', props);
    DESTINATION_OF_ONE_SOURCE.mark(destination.node.defaultChild!);
    return destination;
  }

  /**
   * Define an Athena table over this bucket's access logs, with saved queries.
   *
   * The table reads the destination, prefix and key format this bucket logs with, so its location
   * cannot drift from where the logs land. With the date-based key format, its source bucket is this
   * bucket.
   *
   * @param id the id of the table construct, a child of this one
   * @param options the database, table, date range and WorkGroup settings
   */
  public addTable(id: string = 'AccessLogsTable', options: AccessLogsTableOptions = {}): AccessLogsTable {
    return new AccessLogsTable(this, id, {
      ...options,
      destinationBucket: this.destinationBucket,
      logFilePrefix: this.logFilePrefix,
      targetObjectKeyFormat: this.targetObjectKeyFormat,
      sourceBuckets: isDateBasedKeyFormat(this.targetObjectKeyFormat) ? [this.bucket] : undefined,
    });
  }
}

const LOGGING_PROPS_OF_BUCKET: Array<[keyof s3.BucketProps, string]> = [
  ['serverAccessLogsBucket', 'destinationBucket'],
  ['serverAccessLogsPrefix', 'logFilePrefix'],
  ['targetObjectKeyFormat', 'targetObjectKeyFormat'],
];

function assertNoLoggingInBucketProps(scope: Construct, bucketProps: s3.BucketProps | undefined): void {
  for (const [bucketProp, ownProp] of LOGGING_PROPS_OF_BUCKET) {
    if (bucketProps?.[bucketProp] !== undefined) {
      throw new Error(`${scope.node.path}: bucketProps.${bucketProp} conflicts with the logging this construct configures. `
        + `Use the AccessLoggedBucket prop \`${ownProp}\` instead.`);
    }
  }
}

/**
 * The rules that can be decided as soon as the destination is known, with the app-wide checks' own
 * messages: Region, account, default encryption and Object Lock. Tokens (an environment-agnostic stack) are left
 * to the app-wide checks.
 */
function assertDeliverableDestination(source: s3.Bucket, destination: s3.IBucket): void {
  const sourceStack = Stack.of(source);
  const placedSource: PlacedBucket = {
    scope: source,
    path: source.node.path,
    stackPath: sourceStack.node.path,
    account: sourceStack.account,
    region: sourceStack.region,
  };
  const edge: PlacedEdge = { source: placedSource, target: environmentTargetOf(destination) };
  throwIfError(regionMismatch(edge));
  throwIfError(accountMismatch(edge));
  const cfnDestination = cfnBucketOf(destination);
  const destinationElement = { scope: destination, path: destination.node.path, stackPath: Stack.of(destination).node.path };
  const encryption = cfnDestination ? defaultEncryptionOfBucket(cfnDestination)
    : destination.encryptionKey ? [{ algorithm: 'aws:kms', kmsKeyGiven: true }] : [];
  throwIfError(destinationEncryption(destinationElement, encryption, [source.node.path]));
  throwIfError(destinationObjectLock(destinationElement, cfnDestination ? objectLockEnabledOnBucket(cfnDestination) : false, [source.node.path]));
}

/** Where a destination is: its own environment (an imported bucket's may differ from its stack's). */
function environmentTargetOf(destination: s3.IBucket): EnvironmentTarget {
  const defined = cfnBucketOf(destination) !== undefined;
  return {
    description: defined ? destination.node.path : `${destination.node.path} (bucket ${destination.bucketName})`,
    account: destination.env.account,
    region: destination.env.region,
    stackPath: defined ? Stack.of(destination).node.path : undefined,
    byReference: defined,
  };
}
