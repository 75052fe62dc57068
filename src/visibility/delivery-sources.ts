import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { ConstructFact } from '../private/roles';

/**
 * One delivery source per bucket and log type: CloudWatch Logs accepts one delivery source for a
 * resource and log type, which may feed several deliveries, one per destination. A second delivery
 * of a bucket's server access logs reuses the first one's source.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDeliverySource.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-vended-logs-permissions-V2.html
 */

/** The delivery source of a bucket's server access logs, recorded on the bucket (its L1 when it has one). */
const SERVER_ACCESS_LOGS_SOURCE = new ConstructFact<logs.CfnDeliverySource>('serverAccessLogsDeliverySource');

/**
 * What a delivery source is for (its log type and resolved resource ARN), resolved once per source:
 * each new bucket of a stack looks through the sources of the stack, which would otherwise resolve
 * every earlier bucket's source again, a cost growing with the square of the stack's buckets.
 */
const SOURCE_KEY = new ConstructFact<string>('deliverySourceKey');

function sourceKey(stack: Stack, source: logs.CfnDeliverySource): string {
  return SOURCE_KEY.getOrCreate(source, () => keyOf(stack.resolve(source.logType), stack.resolve(source.resourceArn)));
}

function keyOf(logType: unknown, resourceArn: unknown): string {
  return JSON.stringify([logType, resourceArn]);
}

/** The construct a bucket's facts are recorded on: its L1 when it has one (an L2, `fromCfnBucket`), else the bucket itself (an import). */
function factHolder(bucket: s3.IBucket): IConstruct {
  return bucket.node.defaultChild ?? bucket;
}

/**
 * The delivery source already defined for `bucket` and `logType`: the one recorded on the bucket, else
 * a `CfnDeliverySource` of the bucket's stack whose resolved `ResourceArn` and `LogType` are the
 * bucket's ARN and `logType` (defined by another construct), which is then recorded too.
 */
export function existingDeliverySource(bucket: s3.IBucket, logType: string): logs.CfnDeliverySource | undefined {
  const holder = factHolder(bucket);
  const recorded = SERVER_ACCESS_LOGS_SOURCE.get(holder);
  if (recorded) {
    return recorded;
  }
  const stack = Stack.of(bucket);
  const wanted = keyOf(logType, stack.resolve(bucket.bucketArn));
  const found = stack.node.findAll().find((c): c is logs.CfnDeliverySource => c instanceof logs.CfnDeliverySource
    && sourceKey(stack, c) === wanted);
  return found ? SERVER_ACCESS_LOGS_SOURCE.set(holder, found) : undefined;
}

/** Record the delivery source defined for `bucket`'s server access logs. */
export function recordDeliverySource(bucket: s3.IBucket, source: logs.CfnDeliverySource): void {
  SERVER_ACCESS_LOGS_SOURCE.set(factHolder(bucket), source);
}
