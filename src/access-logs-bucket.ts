import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { registerAppWideChecks } from './private/app-wide-checks';
import { markLogDestination } from './private/bucket-roles';
import { assertDeliverableDestinationProps } from './private/destination-settings';
import { defaultKeyFormat } from './private/key-format';
import { grantLogDelivery } from './private/log-delivery-grant';
import { normalizeLogFilePrefix } from './private/log-file-prefix';
import { acknowledgeLoggingDisabledRules } from './private/nag-acknowledgements';
import { SECURE_BUCKET_DEFAULTS, withDefaults } from './private/props';
import { configureServerAccessLogs } from './private/server-access-logs';

/**
 * Properties for an `AccessLogsBucket`.
 *
 * Every `s3.BucketProps` prop is accepted; the defaults differ where a log destination needs them to,
 * and settings S3 cannot deliver logs to are refused.
 */
export interface AccessLogsBucketProps extends s3.BucketProps {
  /**
   * How long a log object is kept before it expires.
   *
   * With versioning on, an expired log becomes a noncurrent version and is removed after
   * `noncurrentVersionExpiration`.
   *
   * @default - logs are kept until deleted
   */
  readonly logRetention?: Duration;

  /**
   * Storage class transitions for log objects, e.g. to `GLACIER_INSTANT_RETRIEVAL` after 90 days.
   *
   * @default - logs stay in S3 Standard
   */
  readonly logTransitions?: s3.Transition[];

  /**
   * How long a noncurrent version of a log object (overwritten or deleted) is kept.
   *
   * Versioning protects the audit trail from a stray delete; this keeps it from doubling the bill.
   * Ignored when `versioned` is false.
   *
   * @default Duration.days(90)
   */
  readonly noncurrentVersionExpiration?: Duration;
}

/**
 * An S3 bucket made to receive Amazon S3 server access logs.
 *
 * Defaults: SSE-S3 encryption, all public access blocked, TLS enforced, ACLs disabled
 * (`BucketOwnerEnforced`), versioning on with noncurrent versions expiring after 90 days, and
 * `RemovalPolicy.RETAIN`, so audit logs survive `cdk destroy` unless you say otherwise.
 *
 * It grants the S3 logging service (`logging.s3.amazonaws.com`) `s3:PutObject` by bucket policy for
 * each source that logs into it, whether the source is an `AccessLoggedBucket` or an `s3.Bucket` with
 * `serverAccessLogsBucket` set to this bucket, independently of the
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature flag, and never by ACL.
 *
 * It throws for settings S3 cannot deliver logs to: SSE-KMS or DSSE-KMS default encryption,
 * Object Lock, and ACLs.
 *
 * Unless it logs elsewhere itself, it acknowledges the cdk-nag rules that report a bucket without
 * server access logging (`AwsSolutions-S1` and the `S3BucketLoggingEnabled` rules of the HIPAA,
 * NIST and PCI packs), for cdk-nag 2 and 3 alike: logging a log bucket would make a loop.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 *
 * @example
 * const logs = new AccessLogsBucket(this, 'AccessLogs', {
 *   logRetention: Duration.days(365),
 * });
 * new s3.Bucket(this, 'Data', { serverAccessLogsBucket: logs });
 */
export class AccessLogsBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: AccessLogsBucketProps = {}) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    assertDeliverableDestinationProps(path, props);
    if (props.serverAccessLogsPrefix !== undefined && props.serverAccessLogsBucket === undefined) {
      throw new Error(`${path}: serverAccessLogsPrefix without serverAccessLogsBucket would make this log bucket log into itself, `
        + 'a loop that writes logs about its own logs without end. Give serverAccessLogsBucket (another bucket) or remove serverAccessLogsPrefix.');
    }
    const {
      logRetention, logTransitions, noncurrentVersionExpiration,
      serverAccessLogsBucket, serverAccessLogsPrefix, targetObjectKeyFormat,
      ...bucketProps
    } = props;

    const settings = withDefaults<s3.BucketProps>(bucketProps, {
      ...SECURE_BUCKET_DEFAULTS,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      ...settings,
      lifecycleRules: [
        ...logLifecycleRules({
          logRetention,
          logTransitions,
          noncurrentVersionExpiration: settings.versioned
            ? noncurrentVersionExpiration ?? Duration.days(90)
            : undefined,
        }),
        ...(props.lifecycleRules ?? []),
      ],
    });

    // aws-cdk-lib's s3.Bucket calls `allowLogDelivery` on a destination that is itself an s3.Bucket,
    // and that grants by ACL unless the consumer turned on the serverAccessLogsUseBucketPolicy flag.
    // A log destination always grants by policy: replace it on this instance.
    Object.defineProperty(this, 'allowLogDelivery', {
      value: (source: s3.IBucket, prefix?: string) => grantLogDelivery(this, source, prefix ?? ''),
    });

    const cfnBucket = this.node.defaultChild as s3.CfnBucket;
    markLogDestination(cfnBucket);
    // A destination may itself log elsewhere (the chain must end); wire it like any source.
    if (serverAccessLogsBucket) {
      configureServerAccessLogs(this, {
        destination: serverAccessLogsBucket,
        prefix: normalizeLogFilePrefix(serverAccessLogsPrefix),
        keyFormat: targetObjectKeyFormat ?? defaultKeyFormat(),
      });
    } else {
      acknowledgeLoggingDisabledRules(this, cfnBucket);
    }
    registerAppWideChecks(this);
  }
}

interface LogLifecycle {
  readonly logRetention?: Duration;
  readonly logTransitions?: s3.Transition[];
  readonly noncurrentVersionExpiration?: Duration;
}

function logLifecycleRules(lifecycle: LogLifecycle): s3.LifecycleRule[] {
  const rules: s3.LifecycleRule[] = [];
  const { logRetention, logTransitions, noncurrentVersionExpiration } = lifecycle;
  if (logRetention || logTransitions?.length || noncurrentVersionExpiration) {
    rules.push({
      id: 'AccessLogsRetention',
      expiration: logRetention,
      transitions: logTransitions?.length ? logTransitions : undefined,
      noncurrentVersionExpiration,
    });
  }
  if (logRetention && noncurrentVersionExpiration) {
    // Expiring a versioned object leaves a delete marker; remove it once its versions are gone.
    // (S3 does not allow ExpiredObjectDeleteMarker in the same rule as an expiration in days.)
    rules.push({ id: 'AccessLogsDeleteMarkers', expiredObjectDeleteMarker: true });
  }
  return rules;
}
