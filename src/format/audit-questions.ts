import type { AccessLogRecord } from './access-log-record';

/**
 * The audit questions users ask of their server access logs, as data: what each selects, filters on
 * and groups by, in terms of `AccessLogRecord` fields. Each channel renders the same list in its own
 * language: the Athena saved queries of an `AccessLogsTable` (analytics/saved-queries.ts), the
 * CloudWatch Logs Insights query definitions and the metric filters of a `CloudWatchLogsDelivery`
 * (visibility/insights-queries.ts, visibility/access-log-alarms.ts). A question changed here changes
 * in every channel, so they cannot drift apart.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-s3-access-logs-to-identify-requests.html
 */

/** A field of the record, by its `AccessLogRecord` name: a misspelt field does not compile. */
export type RecordField = keyof AccessLogRecord;

/** The field equals a value (a number for a numeric field). */
export interface EqualsCondition {
  readonly kind: 'equals';
  readonly field: RecordField;
  readonly value: string | number;
}

/** The (numeric) field is at least a value. */
export interface AtLeastCondition {
  readonly kind: 'atLeast';
  readonly field: RecordField;
  readonly value: number;
}

/** The field is one of the values. */
export interface OneOfCondition {
  readonly kind: 'oneOf';
  readonly field: RecordField;
  readonly values: readonly string[];
}

/**
 * The field has a value, and it is none of the values, in any case. `values` lists every spelling
 * S3 is known to write, so that a renderer without case folding can compare them one by one.
 */
export interface NoneOfIgnoringCaseCondition {
  readonly kind: 'noneOfIgnoringCase';
  readonly field: RecordField;
  readonly values: readonly string[];
}

/** The field is unknown (`-` in a text record, null in a JSON one). */
export interface AbsentCondition {
  readonly kind: 'absent';
  readonly field: RecordField;
}

/** The field has a value. */
export interface PresentCondition {
  readonly kind: 'present';
  readonly field: RecordField;
}

/** Any of the conditions holds. */
export interface AnyOfCondition {
  readonly kind: 'anyOf';
  readonly conditions: readonly Condition[];
}

/** A condition on one record. */
export type Condition = EqualsCondition | AtLeastCondition | OneOfCondition | NoneOfIgnoringCaseCondition
| AbsentCondition | PresentCondition | AnyOfCondition;

/** A field of the record as it is. The request time is named `request_time` in every channel. */
export interface FieldOutput {
  readonly kind: 'field';
  readonly field: RecordField;
}

/** The field, or a fallback where it is unknown. */
export interface OrDefaultOutput {
  readonly kind: 'orDefault';
  readonly field: RecordField;
  readonly fallback: string;
  readonly as: string;
}

/** How many records. */
export interface CountOutput {
  readonly kind: 'count';
  readonly as: string;
}

/** How many records meet a condition. */
export interface CountWhereOutput {
  readonly kind: 'countWhere';
  readonly condition: Condition;
  readonly as: string;
}

/** The sum of a numeric field. */
export interface SumOutput {
  readonly kind: 'sum';
  readonly field: RecordField;
  readonly as: string;
}

/** One column of a question's answer. */
export type Output = FieldOutput | OrDefaultOutput | CountOutput | CountWhereOutput | SumOutput;

/** The name of the request time in every channel's answers. */
export const REQUEST_TIME_NAME = 'request_time';

/** One audit question. */
export interface AuditQuestion {
  /** PascalCase, for construct ids and metric names. */
  readonly id: string;
  /** Short, for query names. */
  readonly title: string;
  /** What it answers. */
  readonly description: string;
  /**
   * The columns of the answer. A question with an aggregate (count, sum) groups by its other columns;
   * one without lists records.
   */
  readonly select: readonly Output[];
  /** Conditions on the records, ANDed. */
  readonly where?: readonly Condition[];
  /** The column the answer is sorted by, newest or largest first: `request_time` or an aggregate's name. */
  readonly orderByDescending: string;
  readonly limit: number;
}

/** Whether an output is an aggregate over the records of a group. */
export function isAggregate(output: Output): output is CountOutput | CountWhereOutput | SumOutput {
  return output.kind === 'count' || output.kind === 'countWhere' || output.kind === 'sum';
}

/** The columns a question groups by: its outputs that are not aggregates, when it has an aggregate. */
export function groupOutputs(question: AuditQuestion): Array<FieldOutput | OrDefaultOutput> {
  if (!question.select.some(isAggregate)) {
    return [];
  }
  return question.select.filter((output): output is FieldOutput | OrDefaultOutput => !isAggregate(output));
}

/** The record fields a condition reads. */
export function conditionFields(condition: Condition): RecordField[] {
  return condition.kind === 'anyOf' ? condition.conditions.flatMap(conditionFields) : [condition.field];
}

/** Rows of a listing question. */
const LISTING_LIMIT = 1000;
/** Rows of a ranking question. */
const RANKING_LIMIT = 100;

const field = (name: RecordField): FieldOutput => ({ kind: 'field', field: name });
const REQUESTS: CountOutput = { kind: 'count', as: 'requests' };
const FAILED: CountWhereOutput = { kind: 'countWhere', condition: { kind: 'atLeast', field: 'httpStatus', value: 400 }, as: 'failed' };

/** The questions, in the order every channel lists them. */
export const AUDIT_QUESTIONS: readonly AuditQuestion[] = [
  {
    id: 'DeniedRequests',
    title: 'Denied requests',
    description: 'Requests S3 refused for lack of permission (HTTP 403 or AccessDenied), newest first.',
    select: [field('time'), field('requester'), field('remoteIp'), field('operation'), field('key'), field('httpStatus'), field('errorCode')],
    where: [{
      kind: 'anyOf',
      conditions: [{ kind: 'equals', field: 'httpStatus', value: 403 }, { kind: 'equals', field: 'errorCode', value: 'AccessDenied' }],
    }],
    orderByDescending: REQUEST_TIME_NAME,
    limit: LISTING_LIMIT,
  },
  {
    id: 'RequestsByRequester',
    title: 'Requests by requester',
    description: 'How many requests each requester made, how many failed, and the bytes sent to it; anonymous requests as "anonymous".',
    select: [
      { kind: 'orDefault', field: 'requester', fallback: 'anonymous', as: 'requested_by' },
      REQUESTS,
      FAILED,
      { kind: 'sum', field: 'bytesSent', as: 'bytes_sent' },
    ],
    orderByDescending: REQUESTS.as,
    limit: RANKING_LIMIT,
  },
  {
    id: 'ObjectDeletions',
    title: 'Who deleted objects',
    description: 'Deletions of objects and object versions: DeleteObject, each key of a DeleteObjects (batch) request, and S3 Lifecycle expirations, newest first.',
    select: [field('time'), field('requester'), field('remoteIp'), field('operation'), field('key'), field('versionId'), field('httpStatus')],
    where: [{ kind: 'oneOf', field: 'operation', values: ['REST.DELETE.OBJECT', 'BATCH.DELETE.OBJECT', 'S3.EXPIRE.OBJECT', 'S3.CREATE.DELETEMARKER'] }],
    orderByDescending: REQUEST_TIME_NAME,
    limit: LISTING_LIMIT,
  },
  {
    id: 'AnonymousRequests',
    title: 'Anonymous requests',
    description: 'Requests made without credentials (no requester), newest first.',
    select: [field('time'), field('remoteIp'), field('operation'), field('key'), field('httpStatus'), field('userAgent')],
    where: [{ kind: 'absent', field: 'requester' }],
    orderByDescending: REQUEST_TIME_NAME,
    limit: LISTING_LIMIT,
  },
  {
    id: 'SignatureV2Requests',
    title: 'Signature Version 2 requests',
    description: 'Who still signs requests with Signature Version 2, which S3 is turning off, and with which client.',
    select: [field('requester'), field('userAgent'), field('operation'), REQUESTS],
    where: [{ kind: 'equals', field: 'signatureVersion', value: 'SigV2' }],
    orderByDescending: REQUESTS.as,
    limit: RANKING_LIMIT,
  },
  {
    id: 'LegacyTlsRequests',
    title: 'Requests over TLS older than 1.2',
    description: 'Who connects with TLS 1.0 or 1.1 (any version but 1.2 and 1.3), and with which client.',
    select: [field('requester'), field('remoteIp'), field('userAgent'), field('tlsVersion'), REQUESTS],
    // S3 has written the version as TLSv1.2 and as TLSV1.2 (LogFormat.html's own examples use both).
    where: [
      { kind: 'present', field: 'tlsVersion' },
      { kind: 'noneOfIgnoringCase', field: 'tlsVersion', values: ['TLSv1.2', 'TLSV1.2', 'TLSv1.3', 'TLSV1.3'] },
    ],
    orderByDescending: REQUESTS.as,
    limit: RANKING_LIMIT,
  },
  {
    id: 'AclRequiredRequests',
    title: 'Requests that needed an ACL',
    description: 'Requests that an access control list authorized: what breaks if ACLs are disabled (Object Ownership: bucket owner enforced).',
    select: [field('requester'), field('operation'), field('bucket'), REQUESTS],
    where: [{ kind: 'equals', field: 'aclRequired', value: 'Yes' }],
    orderByDescending: REQUESTS.as,
    limit: RANKING_LIMIT,
  },
  {
    id: 'ServerErrors',
    title: 'Server errors (5xx)',
    description: 'Requests that failed on the S3 side, newest first, with the request and host IDs that AWS Support asks for.',
    select: [field('time'), field('operation'), field('key'), field('httpStatus'), field('errorCode'), field('requestId'), field('hostId')],
    where: [{ kind: 'atLeast', field: 'httpStatus', value: 500 }],
    orderByDescending: REQUEST_TIME_NAME,
    limit: LISTING_LIMIT,
  },
  {
    id: 'TopSourceIps',
    title: 'Top source IP addresses',
    description: 'The IP addresses that made the most requests, with how many failed.',
    select: [field('remoteIp'), REQUESTS, FAILED],
    orderByDescending: REQUESTS.as,
    limit: RANKING_LIMIT,
  },
];

/** The question of an id. */
export function auditQuestion(id: string): AuditQuestion {
  const question = AUDIT_QUESTIONS.find(q => q.id === id);
  if (!question) {
    throw new Error(`no audit question ${id}`);
  }
  return question;
}

/** The values of a `noneOfIgnoringCase` condition in upper case, each once, in order. */
export function upperCaseValues(values: readonly string[]): string[] {
  return [...new Set(values.map(value => value.toUpperCase()))];
}
