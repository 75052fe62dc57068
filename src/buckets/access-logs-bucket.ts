import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { defaultEncryptionOfProps } from './bucket-props';
import { throwIfError } from '../checks/finding';
import { registerAppWideChecks } from '../checks/register-checks';
import { destinationEncryption } from '../checks/rules/destination-encryption';
import { destinationObjectLock } from '../checks/rules/destination-object-lock';
import { configureServerAccessLogs } from '../delivery/server-access-logs';
import { grantDeliveryToSourcesInStageOf } from '../delivery/source-grants-aspect';
import { defaultKeyFormat } from '../private/key-format';
import { normalizeLogFilePrefix, warnIfUnresolvedPrefix } from '../private/log-file-prefix';
import { LOGGING_SERVICE_PRINCIPAL } from '../private/logging-service';
import { SECURE_BUCKET_DEFAULTS, withDefaults } from '../private/props';
import { LOG_DESTINATION } from '../private/roles';
import {
  DESTINATION_NO_OBJECT_LOCK, DESTINATION_NOT_LOGGED, DESTINATION_NOT_SSE_KMS, ScannerSuppression, suppressScannerFindings,
} from '../private/scanner-suppressions';

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
 * Unless it logs elsewhere itself, it suppresses, with the reason, what scanners report on a bucket
 * without server access logging: cdk-nag's `AwsSolutions-S1` and `S3BucketLoggingEnabled` rules
 * (for cdk-nag 2 and 3 alike), checkov's `CKV_AWS_18`, cfn_nag's `W35` and cfn-guard's
 * `S3_BUCKET_LOGGING_ENABLED`: logging a log bucket would make a loop. It also suppresses the rules
 * that ask for SSE-KMS default encryption or Object Lock, which S3 cannot deliver logs into.
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
    assertDeliverableDestinationProps(scope, path, props);
    if (props.serverAccessLogsPrefix !== undefined && props.serverAccessLogsBucket === undefined) {
      throw new Error(`${path}: serverAccessLogsPrefix without serverAccessLogsBucket would make this log bucket log into itself, `
        + 'a loop that writes logs about its own logs without end. Give serverAccessLogsBucket (another bucket) or remove serverAccessLogsPrefix.');
    }
    const {
      logRetention, logTransitions, noncurrentVersionExpiration,
      serverAccessLogsBucket, serverAccessLogsPrefix, targetObjectKeyFormat,
      // Rendered on the L1 below, so that aws-cdk-lib never sees an ACL it would refuse to replace.
      accessControl,
      ...bucketProps
    } = props;

    const settings = withDefaults<s3.BucketProps>(bucketProps, {
      ...SECURE_BUCKET_DEFAULTS,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      ...settings,
      // Rendered on the L1 below: aws-cdk-lib refuses the LogDeliveryWrite ACL it would set for a
      // source s3.Bucket (feature flag off) on a bucket whose ownership it knows to be BucketOwnerEnforced.
      objectOwnership: undefined,
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

    const cfnBucket = this.node.defaultChild as s3.CfnBucket;
    LOG_DESTINATION.mark(cfnBucket);
    // A source `s3.Bucket` given this bucket as `serverAccessLogsBucket` asks it for log delivery. With
    // the serverAccessLogsUseBucketPolicy feature flag off, aws-cdk-lib's answer is the LogDeliveryWrite
    // ACL, which a bucket without ACLs refuses: the ACL and the ownership controls are rendered here
    // from this bucket's own props instead, and every source is granted by policy (below).
    cfnBucket.accessControl = accessControl;
    cfnBucket.ownershipControls = settings.objectOwnership ? { rules: [{ objectOwnership: settings.objectOwnership }] } : undefined;
    grantDeliveryToSourcesInStageOf(this);
    // A destination may itself log elsewhere (the chain must end); wire it like any source.
    const suppressions: ScannerSuppression[] = [DESTINATION_NOT_SSE_KMS, DESTINATION_NO_OBJECT_LOCK];
    if (serverAccessLogsBucket) {
      warnIfUnresolvedPrefix(this, 'serverAccessLogsPrefix', serverAccessLogsPrefix);
      configureServerAccessLogs(this, {
        destination: serverAccessLogsBucket,
        prefix: normalizeLogFilePrefix(serverAccessLogsPrefix),
        keyFormat: targetObjectKeyFormat ?? defaultKeyFormat(),
      });
    } else {
      suppressions.unshift(DESTINATION_NOT_LOGGED);
    }
    suppressScannerFindings(this, cfnBucket, suppressions);
    registerAppWideChecks(this);
  }

  /**
   * Add a statement to this bucket's policy.
   *
   * A statement that aws-cdk-lib adds for a source `s3.Bucket` (with the serverAccessLogsUseBucketPolicy
   * feature flag on: one unnamed `s3:PutObject` statement per source for `logging.s3.amazonaws.com`)
   * is not added: this bucket grants every source itself, in one statement per prefix.
   */
  public addToResourcePolicy(permission: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    if (isPerSourceDeliveryStatement(permission)) {
      return { statementAdded: true, policyDependable: this.policy };
    }
    return super.addToResourcePolicy(permission);
  }
}

/** aws-cdk-lib's own per-source delivery statement: no Sid, the logging service, `s3:PutObject` alone. */
function isPerSourceDeliveryStatement(statement: iam.PolicyStatement): boolean {
  return statement.sid === undefined
    && statement.effect === iam.Effect.ALLOW
    && statement.actions.length === 1 && statement.actions[0] === 's3:PutObject'
    && statement.principals.length === 1
    && statement.principals[0] instanceof iam.ServicePrincipal
    && (statement.principals[0] as iam.ServicePrincipal).service === LOGGING_SERVICE_PRINCIPAL;
}

/**
 * The settings a server access log destination may not have, checked on the props before the bucket
 * is defined, so that a mistake is reported where it was made: the rules' own messages.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
function assertDeliverableDestinationProps(scope: Construct, path: string, props: s3.BucketProps): void {
  const destination = { scope, path, stackPath: '' };
  // An AccessLogsBucket is a bucket S3 is documented to deliver into: no SSE-KMS at all.
  throwIfError(destinationEncryption(destination, defaultEncryptionOfProps(props), [], { refuseCustomerManagedKey: true }));
  throwIfError(destinationObjectLock(destination, props.objectLockEnabled === true || props.objectLockDefaultRetention !== undefined, []));
  if (props.accessControl !== undefined && props.accessControl !== s3.BucketAccessControl.PRIVATE) {
    throw new Error(`${path}: accessControl must be left unset on a server access log destination, got: ${props.accessControl}. `
      + 'Log delivery is granted by a bucket policy for logging.s3.amazonaws.com, and ACLs are disabled (BucketOwnerEnforced). '
      + 'Remove `accessControl`.');
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
