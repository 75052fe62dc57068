import { checkId, Finding } from '../finding';
import { BucketNode, bucketsReceivingTrailLogs, LoggingModel, ModelElement, nextBucket, TrailNode } from '../model';

/** Error: a trail records the data events of a bucket its own log files reach. */
export const DATA_EVENTS_LOOP = checkId('dataEventsLoop');

/**
 * What keeps CloudTrail data events loop-free: a trail must never record the data events of a bucket
 * that its own log files reach, or every log file written records an event that is written as
 * another log file, without end. That is the case for:
 *
 * - the trail's own bucket;
 * - a bucket that receives the log files of a trail (two trails recording each other's buckets loop);
 * - a bucket that the trail's bucket's server access logs reach: each log file written makes an access
 *   log record, delivered to that bucket as an object, whose data event is written as another log file.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/filtering-data-events.html
 */
export function checkDataEventsLoop(model: LoggingModel): Finding[] {
  const receivingTrailLogs = bucketsReceivingTrailLogs(model);
  const findings: Finding[] = [];
  for (const trail of model.trails) {
    const chains = trail.logBucket ? serverAccessLogChains(trail.logBucket) : new Map<BucketNode, BucketNode[]>();
    for (const recorded of trail.recordedBuckets) {
      const reason = loopReason(trail, recorded, receivingTrailLogs, chains);
      if (reason) {
        findings.push(dataEventsLoop(trail, recorded.path, reason));
      }
    }
  }
  return findings;
}

/** The reason a trail that records the data events of its own bucket loops. */
export const RECORDS_OWN_BUCKET = 'it is the bucket that receives the trail\'s own log files: each log file written would be a data event '
  + 'recorded in another log file, without end';

/** The finding of a trail that records a bucket its log files reach; used by `DataEventsTrail`'s eager check too. */
export function dataEventsLoop(trail: ModelElement, recordedPath: string, reason: string): Finding {
  return {
    level: 'error',
    id: DATA_EVENTS_LOOP,
    subject: trail,
    message: `${trail.path} records the data events of ${recordedPath}, but ${reason}. `
      + 'Do not record the data events of a bucket that receives logs, or deliver the trail bucket\'s access logs elsewhere.',
  };
}

function loopReason(
  trail: TrailNode,
  recorded: BucketNode,
  receivingTrailLogs: Set<BucketNode>,
  chains: Map<BucketNode, BucketNode[]>,
): string | undefined {
  if (recorded === trail.logBucket) {
    return RECORDS_OWN_BUCKET;
  }
  if (receivingTrailLogs.has(recorded)) {
    return 'it receives the log files of a CloudTrail trail: recording the data events of trail buckets makes trails write about each other\'s '
      + 'log files, without end';
  }
  const chain = chains.get(recorded);
  if (chain) {
    return `the trail's bucket delivers its server access logs to ${chain.map(bucket => bucket.path).join(' -> ')}: each log file written `
      + 'would make an access log record there, recorded as a data event in another log file, without end';
  }
  return undefined;
}

/** Every bucket that `start`'s server access logs reach, with the chain that reaches it. Each bucket has one destination: one walk. */
function serverAccessLogChains(start: BucketNode): Map<BucketNode, BucketNode[]> {
  const chains = new Map<BucketNode, BucketNode[]>();
  const chain: BucketNode[] = [];
  for (let next = nextBucket(start); next && next !== start && !chains.has(next); next = nextBucket(next)) {
    chain.push(next);
    chains.set(next, [...chain]);
  }
  return chains;
}
