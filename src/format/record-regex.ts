import { FieldKind, FieldSpec, REQUIRED_FIELD_COUNT } from './fields';
import { MONTHS } from './log-time';

/**
 * The regex of one field, by kind: exactly one capture group, which does not take part in the match
 * when the field is `-`.
 *
 * Athena's RegexSerDe returns NULL for a group that took no part in the match, so `-` becomes NULL
 * in the table (and undefined in JavaScript) rather than the string "-". The quote marks and the time
 * brackets sit outside the groups, so no value keeps them.
 *
 * The alternatives of each field never match the same text: `-` alone, or a value that is not `-`
 * alone. Were they to overlap (AWS's `-|[^ ]*` style), a line that fails to match would make a
 * backtracking engine try both readings of every `-` field before giving up: 2^n attempts for n
 * such fields, on every malformed line of a log file.
 *
 * Only syntax that Java (`java.util.regex`, which RegexSerDe uses) and JavaScript read the same way:
 * no lookbehind, no named groups, no possessive quantifiers, no `.` (the two disagree on which line
 * terminators it excludes), no `\d` or `\s` shorthands inside the fields.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/regex-serde.html
 */
const FIELD_PATTERNS: Record<FieldKind, string> = {
  [FieldKind.TOKEN]: '(?:-|([^- ][^ ]*|-[^ ]+))',
  [FieldKind.TIME]: `(?:\\[([0-9]{2}/(?:${MONTHS.join('|')})/[0-9]{4}:[0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4})\\]|-)`,
  [FieldKind.QUOTED]: '(?:"(?:-|([^-"][^"]*|-[^"]+))?"|-)',
  [FieldKind.STATUS]: '(?:-|([0-9]{3}))',
  [FieldKind.COUNT]: '(?:-|([0-9]+))',
};

/**
 * The regex of a whole record: the required fields, then each later field optional in turn (a record
 * of any generation matches), then anything after a space (fields S3 appends in the future, which
 * parsers must ignore). Anchored at both ends, as RegexSerDe's whole-line match is.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html
 */
export function recordRegex(fields: readonly FieldSpec[]): string {
  const required = fields.slice(0, REQUIRED_FIELD_COUNT).map(field => FIELD_PATTERNS[field.kind]).join(' ');
  const optional = fields.slice(REQUIRED_FIELD_COUNT)
    .reduceRight((inner, field) => `(?: ${FIELD_PATTERNS[field.kind]}${inner})?`, '');
  return `^${required}${optional}(?: [\\s\\S]*)?$`;
}
