import { Token } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';

/**
 * The physical name a bucket is given in its template, when it is a plain string.
 *
 * Accepts the L1 or an L2 whose default child is the L1; anything else (an imported bucket) has none.
 */
export function literalBucketName(bucket: IConstruct): string | undefined {
  const cfn = bucket instanceof CfnBucket ? bucket : bucket.node.defaultChild;
  const name = cfn instanceof CfnBucket ? cfn.bucketName : undefined;
  return name !== undefined && !Token.isUnresolved(name) ? name : undefined;
}
