import { LOG_DATE_PARTITION, SOURCE_BUCKET_PARTITION } from './partition-projection';
import type { AccessLogRecord } from '../format/access-log-record';
import { FIELD_SPECS } from '../format/fields';

/** The table the saved queries read. */
export interface QueryTable {
  /** `"database"."table"`, quoted so that any Glue name reads as written. */
  readonly reference: string;
  /** Whether the table has the date-based partitions (`source_bucket`, `log_date`). */
  readonly partitioned: boolean;
  /** Whether the source bucket partition is injected: every query must then name the bucket (`?`). */
  readonly sourceBucketParameter: boolean;
}

/** One saved (named) Athena query. */
export interface SavedQuery {
  /** PascalCase, for the construct id. */
  readonly id: string;
  /** Short, for the query name. */
  readonly title: string;
  /** What it answers, for the query description. */
  readonly description: string;
  readonly sql: string;
}

/** How far back the saved queries look. A bound on the days read is a bound on the bytes scanned. */
export const QUERY_WINDOW_DAYS = 7;

/**
 * The audit questions users ask of their access logs, as Athena queries over `table`.
 *
 * Each reads the last QUERY_WINDOW_DAYS days only: on a date-based table through the `log_date`
 * partition, so Athena reads those days' objects alone; on a simple-format table through the
 * request time, which still scans every log object (the cost note in the README).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-s3-access-logs-to-identify-requests.html
 */
export function savedQueries(table: QueryTable): SavedQuery[] {
  return QUERIES.map(query => ({
    id: query.id,
    title: query.title,
    description: query.description,
    sql: renderQuery(table, query),
  }));
}

/** The column of a record field, from the one field list: a misspelt field does not compile. */
function column(name: keyof AccessLogRecord): string {
  return FIELD_SPECS.find(field => field.name === name)!.columnName;
}

/**
 * The request time as a timestamp: the column holds the time as written (`06/Feb/2019:00:00:38 +0000`),
 * because RegexSerDe reads a timestamp column only as `yyyy-MM-dd HH:mm:ss`.
 */
const REQUEST_TIME = `parse_datetime(${column('time')}, 'dd/MMM/yyyy:HH:mm:ss Z')`;

interface QueryShape {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly select: string[];
  /** Conditions besides the time window, ANDed. */
  readonly where?: string[];
  readonly groupBy?: string[];
  readonly orderBy: string;
  readonly limit: number;
}

/** Rows of a listing query. */
const LISTING_LIMIT = 1000;
/** Rows of a ranking query. */
const RANKING_LIMIT = 100;

const QUERIES: QueryShape[] = [
  {
    id: 'DeniedRequests',
    title: 'Denied requests',
    description: 'Requests S3 refused for lack of permission (HTTP 403 or AccessDenied), newest first.',
    select: [`${REQUEST_TIME} AS request_time`, column('requester'), column('remoteIp'), column('operation'), column('key'), column('httpStatus'), column('errorCode')],
    where: [`(${column('httpStatus')} = 403 OR ${column('errorCode')} = 'AccessDenied')`],
    orderBy: 'request_time DESC',
    limit: LISTING_LIMIT,
  },
  {
    id: 'RequestsByRequester',
    title: 'Requests by requester',
    description: 'How many requests each requester made, how many failed, and the bytes sent to it; anonymous requests as "anonymous".',
    select: [
      `coalesce(${column('requester')}, 'anonymous') AS requested_by`,
      'count(*) AS requests',
      `count_if(${column('httpStatus')} >= 400) AS failed`,
      `sum(${column('bytesSent')}) AS bytes_sent`,
    ],
    groupBy: [`coalesce(${column('requester')}, 'anonymous')`],
    orderBy: 'requests DESC',
    limit: RANKING_LIMIT,
  },
  {
    id: 'ObjectDeletions',
    title: 'Who deleted objects',
    description: 'Deletions of objects and object versions: DeleteObject, each key of a DeleteObjects (batch) request, and S3 Lifecycle expirations, newest first.',
    select: [`${REQUEST_TIME} AS request_time`, column('requester'), column('remoteIp'), column('operation'), column('key'), column('versionId'), column('httpStatus')],
    where: [`${column('operation')} IN ('REST.DELETE.OBJECT', 'BATCH.DELETE.OBJECT', 'S3.EXPIRE.OBJECT', 'S3.CREATE.DELETEMARKER')`],
    orderBy: 'request_time DESC',
    limit: LISTING_LIMIT,
  },
  {
    id: 'AnonymousRequests',
    title: 'Anonymous requests',
    description: 'Requests made without credentials (no requester), newest first.',
    select: [`${REQUEST_TIME} AS request_time`, column('remoteIp'), column('operation'), column('key'), column('httpStatus'), column('userAgent')],
    where: [`${column('requester')} IS NULL`],
    orderBy: 'request_time DESC',
    limit: LISTING_LIMIT,
  },
  {
    id: 'SignatureV2Requests',
    title: 'Signature Version 2 requests',
    description: 'Who still signs requests with Signature Version 2, which S3 is turning off, and with which client.',
    select: [column('requester'), column('userAgent'), column('operation'), 'count(*) AS requests'],
    where: [`${column('signatureVersion')} = 'SigV2'`],
    groupBy: [column('requester'), column('userAgent'), column('operation')],
    orderBy: 'requests DESC',
    limit: RANKING_LIMIT,
  },
  {
    id: 'LegacyTlsRequests',
    title: 'Requests over TLS older than 1.2',
    description: 'Who connects with TLS 1.0 or 1.1 (any version but 1.2 and 1.3), and with which client.',
    select: [column('requester'), column('remoteIp'), column('userAgent'), column('tlsVersion'), 'count(*) AS requests'],
    // S3 has written the version as TLSv1.2 and as TLSV1.2: compare in upper case.
    where: [`${column('tlsVersion')} IS NOT NULL`, `upper(${column('tlsVersion')}) NOT IN ('TLSV1.2', 'TLSV1.3')`],
    groupBy: [column('requester'), column('remoteIp'), column('userAgent'), column('tlsVersion')],
    orderBy: 'requests DESC',
    limit: RANKING_LIMIT,
  },
  {
    id: 'AclRequiredRequests',
    title: 'Requests that needed an ACL',
    description: 'Requests that an access control list authorized: what breaks if ACLs are disabled (Object Ownership: bucket owner enforced).',
    select: [column('requester'), column('operation'), column('bucket'), 'count(*) AS requests'],
    where: [`${column('aclRequired')} = 'Yes'`],
    groupBy: [column('requester'), column('operation'), column('bucket')],
    orderBy: 'requests DESC',
    limit: RANKING_LIMIT,
  },
  {
    id: 'ServerErrors',
    title: 'Server errors (5xx)',
    description: 'Requests that failed on the S3 side, newest first, with the request and host IDs that AWS Support asks for.',
    select: [`${REQUEST_TIME} AS request_time`, column('operation'), column('key'), column('httpStatus'), column('errorCode'), column('requestId'), column('hostId')],
    where: [`${column('httpStatus')} >= 500`],
    orderBy: 'request_time DESC',
    limit: LISTING_LIMIT,
  },
  {
    id: 'TopSourceIps',
    title: 'Top source IP addresses',
    description: 'The IP addresses that made the most requests, with how many failed.',
    select: [column('remoteIp'), 'count(*) AS requests', `count_if(${column('httpStatus')} >= 400) AS failed`],
    groupBy: [column('remoteIp')],
    orderBy: 'requests DESC',
    limit: RANKING_LIMIT,
  },
];

function renderQuery(table: QueryTable, query: QueryShape): string {
  const conditions = [...windowConditions(table), ...(query.where ?? [])];
  return [
    `-- ${query.title}: ${query.description}`,
    `-- ${windowNote(table)}`,
    `SELECT ${query.select.join(',\n       ')}`,
    `FROM ${table.reference}`,
    `WHERE ${conditions.join('\n  AND ')}`,
    ...(query.groupBy ? [`GROUP BY ${query.groupBy.join(', ')}`] : []),
    `ORDER BY ${query.orderBy}`,
    `LIMIT ${query.limit}`,
  ].join('\n');
}

function windowConditions(table: QueryTable): string[] {
  if (!table.partitioned) {
    return [`${REQUEST_TIME} >= current_timestamp - interval '${QUERY_WINDOW_DAYS}' day`];
  }
  return [
    ...(table.sourceBucketParameter ? [`${SOURCE_BUCKET_PARTITION} = ?`] : []),
    // A timestamp with time zone (UTC in Athena), as date_format takes; the keys' days are UTC days.
    `${LOG_DATE_PARTITION} >= date_format(current_timestamp - interval '${QUERY_WINDOW_DAYS}' day, '%Y/%m/%d')`,
  ];
}

function windowNote(table: QueryTable): string {
  if (!table.partitioned) {
    return `The last ${QUERY_WINDOW_DAYS} days. This table has no partitions: every query scans all its log objects.`;
  }
  const bucket = table.sourceBucketParameter ? ' Give the source bucket\'s name as the parameter.' : '';
  return `The last ${QUERY_WINDOW_DAYS} days (log_date is yyyy/MM/dd); only those days' objects are read.${bucket}`;
}
