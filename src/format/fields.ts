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
  /**
   * The key of the field in a record of the CloudWatch Logs channel (structured JSON), as the S3 User
   * Guide's table names it.
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html
   */
  readonly jsonName: string;
  readonly kind: FieldKind;
}

/**
 * Every field S3 writes today, in order. S3 only ever appends fields, so this list only grows at the end.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-s3-access-logs-to-identify-requests.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html
 */
export const FIELD_SPECS: readonly FieldSpec[] = [
  { name: 'bucketOwner', columnName: 'bucketowner', columnType: 'string', jsonName: 'bucket_owner_id', kind: FieldKind.TOKEN },
  { name: 'bucket', columnName: 'bucket_name', columnType: 'string', jsonName: 'bucket_name', kind: FieldKind.TOKEN },
  { name: 'time', columnName: 'requestdatetime', columnType: 'string', jsonName: 'request_time', kind: FieldKind.TIME },
  { name: 'remoteIp', columnName: 'remoteip', columnType: 'string', jsonName: 'remote_ip', kind: FieldKind.TOKEN },
  { name: 'requester', columnName: 'requester', columnType: 'string', jsonName: 'requester', kind: FieldKind.TOKEN },
  { name: 'requestId', columnName: 'requestid', columnType: 'string', jsonName: 'request_id', kind: FieldKind.TOKEN },
  { name: 'operation', columnName: 'operation', columnType: 'string', jsonName: 'operation', kind: FieldKind.TOKEN },
  { name: 'key', columnName: 'key', columnType: 'string', jsonName: 'key_name', kind: FieldKind.TOKEN },
  { name: 'requestUri', columnName: 'request_uri', columnType: 'string', jsonName: 'request_uri', kind: FieldKind.QUOTED },
  { name: 'httpStatus', columnName: 'httpstatus', columnType: 'int', jsonName: 'http_status', kind: FieldKind.STATUS },
  { name: 'errorCode', columnName: 'errorcode', columnType: 'string', jsonName: 'error_code', kind: FieldKind.TOKEN },
  { name: 'bytesSent', columnName: 'bytessent', columnType: 'bigint', jsonName: 'bytes_sent_size', kind: FieldKind.COUNT },
  { name: 'objectSize', columnName: 'objectsize', columnType: 'bigint', jsonName: 'object_size', kind: FieldKind.COUNT },
  { name: 'totalTime', columnName: 'totaltime', columnType: 'int', jsonName: 'total_duration', kind: FieldKind.COUNT },
  { name: 'turnAroundTime', columnName: 'turnaroundtime', columnType: 'int', jsonName: 'turn_around_duration', kind: FieldKind.COUNT },
  { name: 'referer', columnName: 'referrer', columnType: 'string', jsonName: 'referer', kind: FieldKind.QUOTED },
  { name: 'userAgent', columnName: 'useragent', columnType: 'string', jsonName: 'user_agent', kind: FieldKind.QUOTED },
  { name: 'versionId', columnName: 'versionid', columnType: 'string', jsonName: 'version_id', kind: FieldKind.TOKEN },
  { name: 'hostId', columnName: 'hostid', columnType: 'string', jsonName: 'host_id', kind: FieldKind.TOKEN },
  { name: 'signatureVersion', columnName: 'sigv', columnType: 'string', jsonName: 'signature_version', kind: FieldKind.TOKEN },
  { name: 'cipherSuite', columnName: 'ciphersuite', columnType: 'string', jsonName: 'cipher_suite', kind: FieldKind.TOKEN },
  { name: 'authenticationType', columnName: 'authtype', columnType: 'string', jsonName: 'authentication_type', kind: FieldKind.TOKEN },
  { name: 'hostHeader', columnName: 'endpoint', columnType: 'string', jsonName: 'host_header', kind: FieldKind.TOKEN },
  { name: 'tlsVersion', columnName: 'tlsversion', columnType: 'string', jsonName: 'tls_version', kind: FieldKind.TOKEN },
  { name: 'accessPointArn', columnName: 'accesspointarn', columnType: 'string', jsonName: 'access_point_arn', kind: FieldKind.TOKEN },
  { name: 'aclRequired', columnName: 'aclrequired', columnType: 'string', jsonName: 'acl_required', kind: FieldKind.TOKEN },
  { name: 'sourceRegion', columnName: 'sourceregion', columnType: 'string', jsonName: 'source_region', kind: FieldKind.TOKEN },
];

/**
 * The fields every record has: the oldest documented format ends at the version ID. The later
 * fields are optional, so a record of any generation (18, 24, 26 or 27 fields) is read.
 */
export const REQUIRED_FIELD_COUNT = 18;

/**
 * The keys of a JSON record of the CloudWatch Logs channel that no field of the text record holds:
 * the schema version (`V_1_0`) and the source bucket's ARN.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html
 */
export const JSON_ONLY_KEYS: readonly string[] = ['schema_version_id', 'bucket_arn'];

/** The value of one field once read: a string, a number, or undefined for `-`. */
export type FieldValue = string | number | undefined;
