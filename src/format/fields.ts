import type { AccessLogRecord } from './access-log-record';

/**
 * How a field is written in a record. It decides the regex group, the scanner and the parsed value,
 * so the three cannot disagree.
 *
 * Any field may be `-` ("unknown, unavailable or not applicable"); every kind reads it as undefined.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html
 */
export enum FieldKind {
  /** A run of characters other than space: IDs, names, the object key (URL-encoded). */
  TOKEN = 'token',
  /** `[06/Feb/2019:00:00:38 +0000]`: strftime `[%d/%b/%Y:%H:%M:%S %z]`, in UTC. */
  TIME = 'time',
  /** A value between double quotes, which may hold spaces (`"S3Console/0.4 (Linux)"`); `"-"` is unknown too. */
  QUOTED = 'quoted',
  /** The HTTP status: three digits. */
  STATUS = 'status',
  /** A count of bytes or milliseconds: digits. */
  COUNT = 'count',
}

/** One field of a record, in record order. */
export interface FieldSpec {
  /** The property of `AccessLogRecord`. */
  readonly name: keyof AccessLogRecord;
  /**
   * The Athena column. The names of the S3 User Guide's own table, so that the queries it documents
   * run against ours unchanged (where they compare types that match).
   */
  readonly columnName: string;
  /** The Athena (Hive DDL) type of the column. */
  readonly columnType: string;
  readonly kind: FieldKind;
}

/**
 * Every field S3 writes today, in order. S3 only ever appends fields, so this list only grows at the end.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-s3-access-logs-to-identify-requests.html
 */
export const FIELD_SPECS: readonly FieldSpec[] = [
  { name: 'bucketOwner', columnName: 'bucketowner', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'bucket', columnName: 'bucket_name', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'time', columnName: 'requestdatetime', columnType: 'string', kind: FieldKind.TIME },
  { name: 'remoteIp', columnName: 'remoteip', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'requester', columnName: 'requester', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'requestId', columnName: 'requestid', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'operation', columnName: 'operation', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'key', columnName: 'key', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'requestUri', columnName: 'request_uri', columnType: 'string', kind: FieldKind.QUOTED },
  { name: 'httpStatus', columnName: 'httpstatus', columnType: 'int', kind: FieldKind.STATUS },
  { name: 'errorCode', columnName: 'errorcode', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'bytesSent', columnName: 'bytessent', columnType: 'bigint', kind: FieldKind.COUNT },
  { name: 'objectSize', columnName: 'objectsize', columnType: 'bigint', kind: FieldKind.COUNT },
  { name: 'totalTime', columnName: 'totaltime', columnType: 'int', kind: FieldKind.COUNT },
  { name: 'turnAroundTime', columnName: 'turnaroundtime', columnType: 'int', kind: FieldKind.COUNT },
  { name: 'referer', columnName: 'referrer', columnType: 'string', kind: FieldKind.QUOTED },
  { name: 'userAgent', columnName: 'useragent', columnType: 'string', kind: FieldKind.QUOTED },
  { name: 'versionId', columnName: 'versionid', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'hostId', columnName: 'hostid', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'signatureVersion', columnName: 'sigv', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'cipherSuite', columnName: 'ciphersuite', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'authenticationType', columnName: 'authtype', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'hostHeader', columnName: 'endpoint', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'tlsVersion', columnName: 'tlsversion', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'accessPointArn', columnName: 'accesspointarn', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'aclRequired', columnName: 'aclrequired', columnType: 'string', kind: FieldKind.TOKEN },
  { name: 'sourceRegion', columnName: 'sourceregion', columnType: 'string', kind: FieldKind.TOKEN },
];

/**
 * The fields every record has: the oldest documented format ends at the version ID. The later
 * fields are optional, so a record of any generation (18, 24, 26 or 27 fields) is read.
 */
export const REQUIRED_FIELD_COUNT = 18;

/** The value of one field once read: a string, a number, or undefined for `-`. */
export type FieldValue = string | number | undefined;
