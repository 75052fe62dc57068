import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CloudWatchLogsDelivery, CloudWatchLogsDeliveryOptions } from './cloudwatch-logs-delivery';
import { DataEventsOptions, DataEventsTrail } from './data-events-trail';
import { configureServerAccessLogs, LogTarget } from '../delivery/server-access-logs';
import { isSimpleKeyFormat } from '../private/key-format';
import { assertSameEnvironment } from '../private/same-environment';

/**
 * The faster-visibility channels beside server access logs to a bucket: delivery to CloudWatch Logs,
 * and CloudTrail data events. Both are off unless asked for.
 */

/** What an `AccessLoggedBucket` asks for. */
export interface SourceVisibility {
  readonly cloudWatchLogs?: CloudWatchLogsDeliveryOptions;
  readonly dataEvents?: DataEventsOptions;
  /** Where the source's server access logs go, so that a trail defined for it logs there too; undefined when logging is off. */
  readonly serverAccessLogs?: LogTarget;
}

/** The resources defined for one source. */
export interface DefinedVisibility {
  readonly cloudWatchLogsDelivery?: CloudWatchLogsDelivery;
  readonly dataEventsTrail?: DataEventsTrail;
}

/** The child ids under an `AccessLoggedBucket`. */
const CLOUDWATCH_ID = 'CloudWatchLogsDelivery';
const TRAIL_ID = 'DataEventsTrail';

/**
 * Define the channels an `AccessLoggedBucket` asks for, under `scope`.
 *
 * A trail defined for the source delivers its own server access logs where the source's go (under
 * `DataEventsTrail/` below the prefix with the simple key format, which does not tell sources apart).
 */
export function defineSourceVisibility(scope: Construct, source: s3.Bucket, visibility: SourceVisibility): DefinedVisibility {
  const cloudWatchLogsDelivery = visibility.cloudWatchLogs
    ? new CloudWatchLogsDelivery(scope, CLOUDWATCH_ID, { ...visibility.cloudWatchLogs, bucket: source })
    : undefined;
  let dataEventsTrail: DataEventsTrail | undefined;
  if (visibility.dataEvents) {
    dataEventsTrail = visibility.dataEvents.trail;
    if (dataEventsTrail) {
      assertSameEnvironment(scope, 'trail', dataEventsTrail, 'A trail records the data events of buckets');
    } else {
      dataEventsTrail = new DataEventsTrail(scope, TRAIL_ID);
      const target = visibility.serverAccessLogs;
      if (target) {
        configureServerAccessLogs(dataEventsTrail.bucket, {
          ...target,
          prefix: isSimpleKeyFormat(target.keyFormat) ? `${target.prefix}${TRAIL_ID}/` : target.prefix,
        });
      }
    }
    dataEventsTrail.recordDataEvents(source, visibility.dataEvents.readWriteType);
  }
  return { cloudWatchLogsDelivery, dataEventsTrail };
}
