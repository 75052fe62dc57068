import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Partition projection over the date-based (partitioned) key layout of server access logs:
 *
 *   [prefix][SourceAccountId]/[SourceRegion]/[SourceBucket]/YYYY/MM/DD/YYYY-MM-DD-hh-mm-ss-UniqueString
 *
 * S3 delivers logs only to a destination in the source's account and Region, so under one
 * destination the account and Region parts have one value each: the destination's. They are part of
 * the table location; the source bucket and the day are the partitions. Athena computes the
 * partitions from these table properties, so a new day or a new source needs no crawler, no
 * `MSCK REPAIR TABLE` and no `ALTER TABLE ADD PARTITION`.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html#server-log-keyname-format
 * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html
 */

/** The partition of the source bucket's name: the `[SourceBucket]` part of the key. */
export const SOURCE_BUCKET_PARTITION = 'source_bucket';

/** The partition of the day, `yyyy/MM/dd` as in the key (the day of the event or of the delivery, per `PartitionDateSource`). */
export const LOG_DATE_PARTITION = 'log_date';

/** The layout of the day in the key, as Athena's date projection reads it (Java `DateTimeFormatter`). */
export const LOG_DATE_FORMAT = 'yyyy/MM/dd';

/**
 * The first day projected when none is given. S3 introduced date-based keys in November 2023, so no
 * date-based log key is older.
 *
 * @see https://aws.amazon.com/about-aws/whats-new/2023/11/amazon-s3-server-access-logging-date-partitioning
 */
export const DEFAULT_DATE_RANGE_START = '2023/11/01';

/** Where the logs of one destination and prefix are, and which sources the table reads. */
export interface ProjectedLayout {
  /** `s3://<destination>/<prefix><account>/<region>/`: the table location. */
  readonly location: string;
  /** The source buckets' names, or undefined to have each query name its source bucket. */
  readonly sourceBucketNames?: string[];
  /** The first day projected, `yyyy/MM/dd`. */
  readonly dateRangeStart: string;
}

/**
 * The Glue table properties that make Athena project the partitions.
 *
 * The source bucket is an `enum` of the known sources, or `injected` when they are not known: then
 * every query must say `source_bucket = '<name>'`, which Athena enforces. The day is a `date`
 * projection from `dateRangeStart` to today (`NOW`), one partition a day.
 */
export function projectionParameters(layout: ProjectedLayout): Record<string, string> {
  const sourceBucket: Record<string, string> = layout.sourceBucketNames
    ? { [`projection.${SOURCE_BUCKET_PARTITION}.type`]: 'enum', [`projection.${SOURCE_BUCKET_PARTITION}.values`]: layout.sourceBucketNames.join(',') }
    : { [`projection.${SOURCE_BUCKET_PARTITION}.type`]: 'injected' };
  return {
    'projection.enabled': 'true',
    ...sourceBucket,
    [`projection.${LOG_DATE_PARTITION}.type`]: 'date',
    [`projection.${LOG_DATE_PARTITION}.format`]: LOG_DATE_FORMAT,
    [`projection.${LOG_DATE_PARTITION}.range`]: `${layout.dateRangeStart},NOW`,
    [`projection.${LOG_DATE_PARTITION}.interval`]: '1',
    [`projection.${LOG_DATE_PARTITION}.interval.unit`]: 'DAYS',
    'storage.location.template': `${layout.location}\${${SOURCE_BUCKET_PARTITION}}/\${${LOG_DATE_PARTITION}}/`,
  };
}

/**
 * Throw, naming the construct and a fix, unless `start` is a real calendar day written `yyyy/MM/dd`
 * (the layout of the key, which Athena's date projection parses its range with), or a token.
 */
export function assertDateRangeStart(scope: IConstruct, start: string): void {
  if (Token.isUnresolved(start)) {
    return;
  }
  const parts = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(start);
  const day = parts ? new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))) : undefined;
  const isCalendarDay = day !== undefined && parts !== null
    && day.getUTCFullYear() === Number(parts[1]) && day.getUTCMonth() === Number(parts[2]) - 1 && day.getUTCDate() === Number(parts[3]);
  if (!isCalendarDay) {
    throw new Error(`${scope.node.path}: dateRangeStart must be a day written ${LOG_DATE_FORMAT}, as in the log keys `
      + `(e.g. "${DEFAULT_DATE_RANGE_START}"), got: "${start}". Partition projection reads the range in the key's own format.`);
  }
}
