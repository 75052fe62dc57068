import { checkId, Finding } from '../finding';
import { DeliverySourceNode, describePaths, LoggingModel } from '../model';

/** Error: two `AWS::Logs::DeliverySource`s of log type `S3_SERVER_ACCESS_LOGS` for one bucket. */
export const DUPLICATE_DELIVERY_SOURCE = checkId('duplicateDeliverySource');

/**
 * A bucket's server access logs have one delivery source in CloudWatch Logs (per resource and log
 * type), which serves every delivery: "You can configure a single delivery source to send logs to
 * multiple destinations by creating multiple deliveries." Two definitions of it for one bucket conflict
 * when the stacks deploy; one finding per bucket, naming every definition.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDeliverySource.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-enabling.html
 */
export function checkDuplicateDeliverySource(model: LoggingModel): Finding[] {
  const byBucket = new Map<unknown, DeliverySourceNode[]>();
  for (const source of model.deliverySources) {
    const key = source.bucket ?? source.externalBucketArn;
    if (key === undefined) {
      continue;
    }
    const list = byBucket.get(key);
    if (list) {
      list.push(source);
    } else {
      byBucket.set(key, [source]);
    }
  }
  const findings: Finding[] = [];
  for (const [key, sources] of byBucket) {
    if (sources.length < 2) {
      continue;
    }
    const bucket = typeof key === 'string' ? `the bucket ${key}` : sources[0].bucket!.path;
    findings.push({
      level: 'error',
      id: DUPLICATE_DELIVERY_SOURCE,
      subject: sources[1],
      message: `${describePaths(sources.map(s => s.path))} are each a delivery source of log type S3_SERVER_ACCESS_LOGS for ${bucket}; `
        + 'CloudWatch Logs has one delivery source per resource and log type, so the second conflicts with the first when it deploys. '
        + `Keep one (${sources[0].path}) and give it one AWS::Logs::Delivery per destination.`,
    });
  }
  return findings;
}
