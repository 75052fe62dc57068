import { Duration, Size, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { assertCatalogName, uniqueCatalogName } from './glue-names';
import {
  assertDateRangeStart, DEFAULT_DATE_RANGE_START, LOG_DATE_PARTITION, projectionParameters, SOURCE_BUCKET_PARTITION,
} from './partition-projection';
import { defineQueryWorkGroup } from './query-workgroup';
import { savedQueries } from './saved-queries';
import { AccessLogFormat } from '../format/access-log-format';
import { defaultKeyFormat, isDateBasedKeyFormat } from '../private/key-format';
import { normalizeLogFilePrefix, warnIfUnresolvedPrefix } from '../private/log-file-prefix';

/** The table name in a database of its own: the database name already tells the logs apart. */
const DEFAULT_TABLE_NAME = 's3_access_logs';

/** The longest name of an Athena saved query. */
const MAX_QUERY_NAME_LENGTH = 128;

/**
 * Settings of an Athena WorkGroup for the queries over an `AccessLogsTable`.
 */
export interface AccessLogsWorkGroupOptions {
  /**
   * The name of the WorkGroup: 1 to 128 letters, digits, `.`, `_` or `-`.
   *
   * @default - a name made from the table construct's path
   */
  readonly workGroupName?: string;

  /**
   * How long query results are kept in the results bucket.
   *
   * @default Duration.days(30)
   */
  readonly resultsRetention?: Duration;

  /**
   * The most data one query may scan; Athena cancels a query that reads more. At least 10 MB.
   *
   * @default - no limit
   */
  readonly bytesScannedCutoffPerQuery?: Size;
}

/**
 * Options for an `AccessLogsTable` over logs whose location is already known, as
 * `AccessLoggedBucket.addTable()` takes them.
 */
export interface AccessLogsTableOptions {
  /**
   * The name of an existing Glue database to define the table in.
   *
   * Lower-case letters, digits and underscores, at most 255 characters.
   *
   * @default - a new database is defined, named after this construct's path
   */
  readonly databaseName?: string;

  /**
   * The name of the table.
   *
   * Lower-case letters, digits and underscores, at most 255 characters.
   *
   * @default - `s3_access_logs` in a database this construct defines; a name made from this
   * construct's path in a database named by `databaseName`
   */
  readonly tableName?: string;

  /**
   * The first day of logs the table reads, written `yyyy/MM/dd` as in the log keys.
   *
   * Only for the date-based key format, whose days Athena projects from this day to today. A later
   * start makes queries that read every day quicker; logs of earlier days are not read. The default
   * is the month S3 introduced date-based keys, so no such key is older.
   *
   * @default '2023/11/01'
   */
  readonly dateRangeStart?: string;

  /**
   * Define an Athena WorkGroup for the saved queries, with an encrypted results bucket whose
   * objects expire, and settings that queries cannot override.
   *
   * @default - no WorkGroup: the saved queries are in the `primary` WorkGroup
   */
  readonly workGroup?: AccessLogsWorkGroupOptions;
}

/**
 * Properties for an `AccessLogsTable`.
 */
export interface AccessLogsTableProps extends AccessLogsTableOptions {
  /**
   * The bucket that receives the server access logs.
   */
  readonly destinationBucket: s3.IBucket;

  /**
   * The prefix of the log object keys in the destination, as the sources are configured with.
   *
   * Normalised as `AccessLoggedBucket` does: a missing trailing `/` is added, a leading `/` removed.
   *
   * @default - no prefix
   */
  readonly logFilePrefix?: string;

  /**
   * The format of the log object keys, as the sources are configured with.
   *
   * @default TargetObjectKeyFormat.partitionedPrefix(PartitionDateSource.EVENT_TIME)
   */
  readonly targetObjectKeyFormat?: s3.TargetObjectKeyFormat;

  /**
   * The buckets whose logs the table reads (date-based key format only).
   *
   * Known sources make the `source_bucket` partition an enumeration: queries may leave it out. Without
   * them every query must name one source bucket (`WHERE source_bucket = 'name'`), and the saved
   * queries ask for it as a parameter.
   *
   * @default - any source; each query names one
   */
  readonly sourceBuckets?: s3.IBucket[];
}

/**
 * An Athena table over Amazon S3 server access logs: a Glue database and table that read every
 * generation of the log record format with typed columns, and saved queries for the usual audit
 * questions.
 *
 * Values logged as `-` are NULL and quoted values lose their quotes, so
 * `WHERE requester IS NULL` finds anonymous requests. With the date-based key format, partition
 * projection over `source_bucket` and `log_date` (`yyyy/MM/dd`) lets a query read only the days it
 * asks for, and new days need no crawler or `MSCK REPAIR TABLE`. With the simple key format the table
 * has no partitions, and every query reads every log object under the prefix.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-s3-access-logs-to-identify-requests.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html
 *
 * @example
 * const logs = new AccessLogsBucket(this, 'AccessLogs');
 * new AccessLogsTable(this, 'AccessLogsTable', {
 *   destinationBucket: logs,
 *   dateRangeStart: '2025/01/01',
 *   workGroup: {},
 * });
 */
export class AccessLogsTable extends Construct {
  /** The name of the Glue database that holds the table. */
  public readonly databaseName: string;

  /** The name of the table. */
  public readonly tableName: string;

  /** The name of the Athena WorkGroup of the saved queries, if one was defined. */
  public readonly workGroupName?: string;

  /** The bucket that receives the query results of the WorkGroup, if one was defined. */
  public readonly resultsBucket?: s3.IBucket;

  constructor(scope: Construct, id: string, props: AccessLogsTableProps) {
    super(scope, id);
    assertCatalogName(this, 'databaseName', props.databaseName);
    assertCatalogName(this, 'tableName', props.tableName);
    const dateBased = isDateBasedKeyFormat(props.targetObjectKeyFormat ?? defaultKeyFormat());
    this.assertDateBasedOnly(dateBased, props);

    const stack = Stack.of(this);
    let database: glue.CfnDatabase | undefined;
    if (props.databaseName === undefined) {
      database = new glue.CfnDatabase(this, 'Database', {
        catalogId: stack.account,
        databaseInput: {
          name: uniqueCatalogName(this),
          description: `Amazon S3 server access logs (${this.node.path})`,
        },
      });
    }
    this.databaseName = database?.ref ?? props.databaseName!;
    this.tableName = props.tableName ?? (database ? DEFAULT_TABLE_NAME : uniqueCatalogName(this));

    const destination = props.destinationBucket;
    warnIfUnresolvedPrefix(this, 'logFilePrefix', props.logFilePrefix);
    const prefixLocation = `s3://${destination.bucketName}/${normalizeLogFilePrefix(props.logFilePrefix)}`;
    // Date-based keys continue `<account>/<region>/<source bucket>/yyyy/MM/dd/`; S3 delivers only
    // within one account and Region, so the first two are the destination's.
    const location = dateBased ? `${prefixLocation}${destination.env.account}/${destination.env.region}/` : prefixLocation;
    const sourceBucketNames = props.sourceBuckets?.map(bucket => bucket.bucketName);

    const table = new glue.CfnTable(this, 'Table', {
      catalogId: stack.account,
      databaseName: this.databaseName,
      tableInput: {
        name: this.tableName,
        description: `Amazon S3 server access logs under ${location}`,
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          EXTERNAL: 'TRUE',
          ...(dateBased ? projectionParameters({
            location,
            sourceBucketNames,
            dateRangeStart: props.dateRangeStart ?? DEFAULT_DATE_RANGE_START,
          }) : {}),
        },
        partitionKeys: dateBased ? [
          { name: SOURCE_BUCKET_PARTITION, type: 'string', comment: 'The source bucket: the bucket whose requests are logged' },
          { name: LOG_DATE_PARTITION, type: 'string', comment: 'The day of the log object key, yyyy/MM/dd (UTC)' },
        ] : undefined,
        storageDescriptor: {
          location,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: {
            // Every group of the regex that takes no part in a match (a `-` field) is NULL.
            // https://docs.aws.amazon.com/athena/latest/ug/regex-serde.html
            serializationLibrary: 'org.apache.hadoop.hive.serde2.RegexSerDe',
            parameters: { 'input.regex': AccessLogFormat.REGEX },
          },
          columns: AccessLogFormat.FIELDS.map(field => ({ name: field.columnName, type: field.columnType })),
        },
      },
    });

    let workGroup: athena.CfnWorkGroup | undefined;
    if (props.workGroup) {
      const defined = defineQueryWorkGroup(this, {
        name: props.workGroup.workGroupName,
        description: `Queries over the Amazon S3 server access logs of ${this.node.path}`,
        resultsRetention: props.workGroup.resultsRetention,
        bytesScannedCutoffPerQuery: props.workGroup.bytesScannedCutoffPerQuery,
      });
      workGroup = defined.workGroup;
      this.workGroupName = workGroup.ref;
      this.resultsBucket = defined.resultsBucket;
    }

    const queries = new Construct(this, 'SavedQueries');
    for (const query of savedQueries({
      reference: `"${this.databaseName}"."${this.tableName}"`,
      partitioned: dateBased,
      sourceBucketParameter: dateBased && sourceBucketNames === undefined,
    })) {
      const namedQuery = new athena.CfnNamedQuery(queries, query.id, {
        // Named for the table too: saved queries of several tables share the WorkGroup's list.
        name: `${query.title} (${this.node.path})`.slice(0, MAX_QUERY_NAME_LENGTH),
        description: query.description,
        database: this.databaseName,
        queryString: query.sql,
        workGroup: this.workGroupName,
      });
      // Nothing in a saved query refers to the table; created after it, it never names a missing one.
      namedQuery.node.addDependency(table);
    }
  }

  private assertDateBasedOnly(dateBased: boolean, props: AccessLogsTableProps): void {
    if (dateBased) {
      if (props.sourceBuckets?.length === 0) {
        throw new Error(`${this.node.path}: sourceBuckets is empty, so the table would read no logs. `
          + 'Name the source buckets, or leave sourceBuckets out to have each query name one.');
      }
      if (props.dateRangeStart !== undefined) {
        assertDateRangeStart(this, props.dateRangeStart);
      }
      return;
    }
    for (const prop of ['dateRangeStart', 'sourceBuckets'] as const) {
      if (props[prop] !== undefined) {
        throw new Error(`${this.node.path}: ${prop} applies only to the date-based key format, whose keys hold the source bucket `
          + 'and the day; these logs use the simple key format (SimplePrefix). Leave it out, or use '
          + 'TargetObjectKeyFormat.partitionedPrefix() for the sources and this table.');
      }
    }
  }
}
