import { CfnBucket, IBucket, TargetObjectKeyFormat } from 'aws-cdk-lib/aws-s3';
import { grantLogDelivery, LogSource } from './log-delivery-grant';
import { cfnBucketOf } from '../private/bucket-constructs';
import { renderKeyFormat } from '../private/key-format';

/** Where a source bucket's server access logs go. */
export interface LogTarget {
  readonly destination: IBucket;
  /** Already normalised; may be empty. */
  readonly prefix: string;
  readonly keyFormat: TargetObjectKeyFormat;
  /**
   * The prefix the destination's grant covers, when it is shorter than `prefix` (sources with a
   * prefix each under a common one share one statement).
   *
   * @default - `prefix`
   */
  readonly grantPrefix?: string;
}

/**
 * Turn on server access logging for `source`: its `LoggingConfiguration` and the destination's grant.
 *
 * No `DependsOn` from the source to the destination's policy: in one stack the policy names the
 * source's ARN, so it already depends on the source, and the reverse edge would be a cycle that
 * CloudFormation rejects. Across stacks, the source's stack deploys after the destination's.
 */
export function configureServerAccessLogs(source: LogSource, target: LogTarget): void {
  const cfnSource = definedCfnBucketOf(source);
  cfnSource.loggingConfiguration = {
    destinationBucketName: target.destination.bucketName,
    logFilePrefix: target.prefix === '' ? undefined : target.prefix,
    targetObjectKeyFormat: renderKeyFormat(target.keyFormat),
  };
  grantLogDelivery(target.destination, source, target.grantPrefix ?? target.prefix);
}

function definedCfnBucketOf(bucket: LogSource): CfnBucket {
  const cfn = cfnBucketOf(bucket);
  if (!cfn) {
    throw new Error(`${bucket.node.path}: cannot configure server access logging on a bucket that is not defined in this app.`);
  }
  return cfn;
}
