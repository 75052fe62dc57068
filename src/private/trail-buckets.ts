import { Stage } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { bucketsByLiteralName, bucketsNamedBy, destinationsOf } from './log-destinations';

/**
 * What keeps CloudTrail data events loop-free: a bucket that receives CloudTrail log files must never
 * have its own data events recorded, or every log file written records an event that is written
 * as another log file, without end.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/filtering-data-events.html
 */

const trailBuckets = new WeakSet<IConstruct>();

/** Record that a bucket receives the log files of a trail this library defined (`DataEventsTrail`). */
export function markTrailBucket(bucket: IConstruct): void {
  trailBuckets.add(bucket);
}

/** The L1 buckets and trails of the stage that holds `scope`, leaving out nested stages. */
export function stageContents(scope: IConstruct): { buckets: CfnBucket[]; trails: CfnTrail[] } {
  const root = Stage.isStage(scope) ? scope : Stage.of(scope) ?? scope.node.root;
  const buckets: CfnBucket[] = [];
  const trails: CfnTrail[] = [];
  const pending: IConstruct[] = [root];
  while (pending.length > 0) {
    const construct = pending.pop()!;
    if (construct instanceof CfnBucket) {
      buckets.push(construct);
    } else if (construct instanceof CfnTrail) {
      trails.push(construct);
    }
    pending.push(...construct.node.children.filter(child => !Stage.isStage(child)));
  }
  return { buckets, trails };
}

/** The buckets among `buckets` that receive the log files of any trail of `trails`, or of a `DataEventsTrail`. */
export function bucketsReceivingTrailLogs(buckets: CfnBucket[], trails: CfnTrail[]): Set<CfnBucket> {
  const byName = bucketsByLiteralName(buckets);
  const receiving = new Set<CfnBucket>(buckets.filter(bucket => trailBuckets.has(bucket)));
  for (const trail of trails) {
    for (const bucket of bucketsNamedBy(trail.s3BucketName, trail, byName)) {
      receiving.add(bucket);
    }
  }
  return receiving;
}

/**
 * For a trail writing into `trailBucket`: why recording the data events of a source would loop, or
 * undefined when it does not. The stage is read once, so checking every source of a trail costs one
 * walk of the stage.
 *
 * - the source is the trail's own bucket;
 * - the source receives the log files of a trail (two trails recording each other's buckets loop);
 * - the trail's bucket logs, by server access logging, into a chain that reaches the source: each log
 *   file written makes an access log record, delivered to the source as an object, whose data event is
 *   written as another log file.
 */
export function dataEventLoopFinder(trailBucket: CfnBucket): (source: CfnBucket) => string | undefined {
  const { buckets, trails } = stageContents(trailBucket);
  const receivingTrailLogs = bucketsReceivingTrailLogs(buckets, trails);
  const chains = serverAccessLogChains(trailBucket, bucketsByLiteralName(buckets));
  return source => {
    if (source === trailBucket) {
      return 'it is the bucket that receives the trail\'s own log files: each log file written would be a data event recorded in another log file, without end';
    }
    if (receivingTrailLogs.has(source)) {
      return 'it receives the log files of a CloudTrail trail: recording the data events of trail buckets makes trails write about each other\'s log files, without end';
    }
    const chain = chains.get(source);
    if (chain) {
      return `the trail's bucket delivers its server access logs to ${chain.map(pathOf).join(' -> ')}: each log file written `
        + 'would make an access log record there, recorded as a data event in another log file, without end';
    }
    return undefined;
  };
}

/** Every bucket that `start`'s server access logs reach, with the chain that reaches it (breadth first: the shortest). */
function serverAccessLogChains(start: CfnBucket, byName: Map<string, CfnBucket>): Map<CfnBucket, CfnBucket[]> {
  const chains = new Map<CfnBucket, CfnBucket[]>();
  let frontier: Array<{ bucket: CfnBucket; chain: CfnBucket[] }> = [{ bucket: start, chain: [] }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { bucket, chain } of frontier) {
      for (const destination of destinationsOf(bucket, byName)) {
        if (destination !== start && !chains.has(destination)) {
          const reached = [...chain, destination];
          chains.set(destination, reached);
          next.push({ bucket: destination, chain: reached });
        }
      }
    }
    frontier = next;
  }
  return chains;
}

/** The L2 path when the L1 is its default child. */
export function pathOf(bucket: CfnBucket): string {
  const parent = bucket.node.scope;
  return parent && parent.node.defaultChild === bucket ? parent.node.path : bucket.node.path;
}
