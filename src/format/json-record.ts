import type { AccessLogRecord } from './access-log-record';
import { FIELD_SPECS, FieldKind, FieldValue, JSON_ONLY_KEYS } from './fields';
import { toRecord } from './record-values';

/**
 * `request_time` as the CloudWatch Logs channel writes it, ISO 8601 (`yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`);
 * other fractions of a second and a numeric offset are read too.
 */
const ISO_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2})$/;

const DIGITS = /^[0-9]+$/;

/** A value that is not of its field's type: the text is not a record. */
const INVALID = Symbol('invalid');

/**
 * Read one record of the CloudWatch Logs channel (structured JSON, one key per field, named as in
 * the S3 User Guide's table) into the record the text parser gives.
 *
 * A key that is absent, null, `-` or empty is undefined, as `-` is in a text record; keys that are
 * not fields of the text record (`schema_version_id`, `bucket_arn`, fields S3 adds later) are
 * ignored. Counts and the status are JSON numbers (a string of digits is read too); the time is
 * kept as the record writes it, ISO 8601.
 *
 * @returns the record, or undefined when the text is not a JSON object with at least one key of the
 *          channel, or a field's value is not of its type (a status that is not three digits, a time
 *          that is not ISO 8601, an object where a string belongs, ...)
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html
 */
export function readJsonRecord(json: string): AccessLogRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return undefined;
  }
  const object = parsed as Record<string, unknown>;
  let known = JSON_ONLY_KEYS.some(key => key in object);
  const values: FieldValue[] = new Array(FIELD_SPECS.length);
  for (let i = 0; i < FIELD_SPECS.length; i++) {
    const spec = FIELD_SPECS[i];
    if (!(spec.jsonName in object)) {
      continue;
    }
    known = true;
    const value = fieldValue(spec.kind, object[spec.jsonName]);
    if (value === INVALID) {
      return undefined;
    }
    values[i] = value;
  }
  return known ? toRecord(values) : undefined;
}

function fieldValue(kind: FieldKind, value: unknown): FieldValue | typeof INVALID {
  if (value === null || value === undefined || value === '-' || value === '') {
    return undefined;
  }
  switch (kind) {
    case FieldKind.TIME:
      return typeof value === 'string' && ISO_TIME.test(value) ? value : INVALID;
    case FieldKind.STATUS: {
      const status = count(value);
      return status !== INVALID && status >= 100 && status <= 999 ? status : INVALID;
    }
    case FieldKind.COUNT:
      return count(value);
    default:
      return typeof value === 'string' ? value : INVALID;
  }
}

function count(value: unknown): number | typeof INVALID {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? value : INVALID;
  }
  return typeof value === 'string' && DIGITS.test(value) ? Number(value) : INVALID;
}
