import { CfnBucket, IBucket, TargetObjectKeyFormat } from 'aws-cdk-lib/aws-s3';
import { renderKeyFormat } from './key-format';
import { grantLogDelivery, LogDeliveryGrant } from './log-delivery-grant';

/** Where a source bucket's server access logs go. */
export interface LogTarget {
  readonly destination: IBucket;
  /** Already normalised; may be empty. */
  readonly prefix: string;
  readonly keyFormat: TargetObjectKeyFormat;
}

/**
 * Turn on server access logging for `source`: its `LoggingConfiguration`, the destination's grant,
 * and a dependency so that CloudFormation writes the grant before it turns logging on.
 */
export function configureServerAccessLogs(source: IBucket, target: LogTarget): LogDeliveryGrant {
  const cfnSource = cfnBucketOf(source);
  cfnSource.loggingConfiguration = {
    destinationBucketName: target.destination.bucketName,
    logFilePrefix: target.prefix === '' ? undefined : target.prefix,
    targetObjectKeyFormat: renderKeyFormat(target.keyFormat),
  };
  const grant = grantLogDelivery(target.destination, source, target.prefix);
  if (grant.policyDependable) {
    cfnSource.node.addDependency(grant.policyDependable);
  }
  return grant;
}

function cfnBucketOf(bucket: IBucket): CfnBucket {
  const cfn = bucket.node.defaultChild;
  if (!(cfn instanceof CfnBucket)) {
    throw new Error(`${bucket.node.path}: cannot configure server access logging on a bucket that is not defined in this app.`);
  }
  return cfn;
}
