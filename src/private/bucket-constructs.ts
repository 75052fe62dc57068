import { Stage } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';

/**
 * Where a bucket stands in the construct tree: the one place that knows how an L1 bucket, its L2 and
 * the stage around them relate.
 */

/** The construct users know an L1 by: its L2 when the L1 is the L2's default child, else the L1 itself. */
export function ownerOf(cfn: IConstruct): IConstruct {
  const parent = cfn.node.scope;
  return parent && parent.node.defaultChild === cfn ? parent : cfn;
}

/**
 * The L1 bucket of a bucket construct: the L1 itself, an L2's default child, or the L1 that an
 * `s3.Bucket.fromCfnBucket()` bucket sits under; undefined for an imported bucket.
 */
export function cfnBucketOf(bucket: IConstruct): CfnBucket | undefined {
  if (bucket instanceof CfnBucket) {
    return bucket;
  }
  const child = bucket.node.defaultChild;
  if (child instanceof CfnBucket) {
    return child;
  }
  return bucket.node.scope instanceof CfnBucket ? bucket.node.scope : undefined;
}

/** The stage that synthesizes `scope`: the scope itself when it is a stage, else the nearest stage above it, else the root. */
export function stageRootOf(scope: IConstruct): IConstruct {
  return Stage.isStage(scope) ? scope : Stage.of(scope) ?? scope.node.root;
}
