import type { AccessLogRecord } from './access-log-record';
import { FIELD_SPECS, FieldKind, FieldValue, REQUIRED_FIELD_COUNT } from './fields';
import { isoTime, LOG_TIME_LENGTH, monthNumber } from './log-time';
import { toRecord } from './record-values';

// Declared before the functions that read them, so that no read needs a check for use before
// initialisation; the readers are called some 27 times a line.

/** Where a read failed: the line is not a record. */
const FAILED = -1;

const SPACE = 0x20;
const CARRIAGE_RETURN = 0x0d;
const DASH = 0x2d;
const QUOTE = 0x22;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const ZERO = 0x30;
const NINE = 0x39;

/** Digits that always fit a double exactly; longer runs go through `Number`, as the regex path does. */
const EXACT_DIGITS = 15;

/** The kinds as small integers, which a `switch` dispatches on faster than on strings. */
const TOKEN = 0;
const QUOTED = 1;
const TIME = 2;
const STATUS = 3;
const COUNT = 4;
const KIND_CODES: Record<FieldKind, number> = {
  [FieldKind.TOKEN]: TOKEN,
  [FieldKind.QUOTED]: QUOTED,
  [FieldKind.TIME]: TIME,
  [FieldKind.STATUS]: STATUS,
  [FieldKind.COUNT]: COUNT,
};

const FIELD_COUNT = FIELD_SPECS.length;
const KINDS: readonly number[] = FIELD_SPECS.map(field => KIND_CODES[field.kind]);

/**
 * The last record time read, as written and as ISO 8601. The records of a log object are close in
 * time, and many in a row share a second, so comparing with the last one read saves rewriting the
 * time on most lines of a busy log. (What was stored was checked, so an equal time needs no check.)
 */
let lastLogTime = '';
let lastIsoTime = '';

/**
 * Read one line as `AccessLogFormat.REGEX` matches it, without the regex.
 *
 * It follows the regex rule for rule (each field read by its kind, the required fields, then the
 * optional ones while they read, then anything after a space ignored), and the tests hold it to the
 * regex's reading on every fixture line, on malformed lines and on generated ones. It walks the line
 * once with `indexOf` and `charCodeAt` and converts each value as it reads it, where `RegExp.exec`
 * makes an array of every group, which must then be mapped to a record. Most of the time of both
 * goes to making the value strings, so the scanner's lead is modest (`npm run bench` measures it).
 *
 * Returns undefined when the regex would not match: a line that is not a whole record.
 */
export function readRecord(text: string): AccessLogRecord | undefined {
  // A line of a file with CRLF line ends, split on "\n", keeps its "\r": it is not part of the record.
  const line = text.charCodeAt(text.length - 1) === CARRIAGE_RETURN ? text.slice(0, -1) : text;
  const values: FieldValue[] = new Array(FIELD_COUNT);
  let pos = 0;
  for (let i = 0; i < FIELD_COUNT; i++) {
    // Every field but the first starts past the space that ended the one before.
    const end = readField(KINDS[i], line, i === 0 ? 0 : pos + 1, values, i);
    if (end === FAILED || (end < line.length && line.charCodeAt(end) !== SPACE)) {
      if (i < REQUIRED_FIELD_COUNT) {
        return undefined;
      }
      // The regex makes each later field optional: one that does not read is left unset with every
      // field after it, and the rest of the line (from a space) falls to "ignore what S3 appends".
      values[i] = undefined;
      break;
    }
    pos = end;
    if (pos === line.length) {
      if (i < REQUIRED_FIELD_COUNT - 1) {
        return undefined;
      }
      break;
    }
  }
  return toRecord(values);
}

/**
 * Read the field of `kind` (a KIND_CODES value) that starts at `start` into `values[index]`.
 *
 * @returns the position just after the field, or FAILED
 */
function readField(kind: number, line: string, start: number, values: FieldValue[], index: number): number {
  switch (kind) {
    case TOKEN:
      return readToken(line, start, values, index);
    case QUOTED:
      return readQuoted(line, start, values, index);
    case TIME:
      return readTime(line, start, values, index);
    case STATUS:
      return readStatus(line, start, values, index);
    default:
      return readCount(line, start, values, index);
  }
}

/** `(?:-|([^- ][^ ]*|-[^ ]+))`: up to the next space; empty is not a field, `-` alone is unknown. */
function readToken(line: string, start: number, values: FieldValue[], index: number): number {
  let end = line.indexOf(' ', start);
  if (end === -1) {
    end = line.length;
  }
  if (end === start) {
    return FAILED;
  }
  values[index] = end === start + 1 && line.charCodeAt(start) === DASH ? undefined : line.slice(start, end);
  return end;
}

/** `(?:"(?:-|([^-"][^"]*|-[^"]+))?"|-)`: to the next quote mark; `""`, `"-"` and `-` are unknown. */
function readQuoted(line: string, start: number, values: FieldValue[], index: number): number {
  const first = line.charCodeAt(start);
  if (first === DASH) {
    values[index] = undefined;
    return start + 1;
  }
  if (first !== QUOTE) {
    return FAILED;
  }
  const close = line.indexOf('"', start + 1);
  if (close === -1) {
    return FAILED;
  }
  const length = close - start - 1;
  values[index] = length === 0 || (length === 1 && line.charCodeAt(start + 1) === DASH)
    ? undefined
    : line.slice(start + 1, close);
  return close + 1;
}

/** `(?:\[(dd/Mon/yyyy:HH:mm:ss ±hhmm)\]|-)`, as ISO 8601. */
function readTime(line: string, start: number, values: FieldValue[], index: number): number {
  const first = line.charCodeAt(start);
  if (first === DASH) {
    values[index] = undefined;
    return start + 1;
  }
  const end = start + LOG_TIME_LENGTH + 2;
  if (first !== OPEN_BRACKET || line.charCodeAt(end - 1) !== CLOSE_BRACKET) {
    return FAILED;
  }
  if (lastLogTime !== '' && line.startsWith(lastLogTime, start + 1)) {
    values[index] = lastIsoTime;
    return end;
  }
  const text = line.slice(start + 1, end - 1);
  if (!isLogTime(text)) {
    return FAILED;
  }
  lastLogTime = text;
  lastIsoTime = isoTime(text);
  values[index] = lastIsoTime;
  return end;
}


/** `(?:-|([0-9]{3}))`. */
function readStatus(line: string, start: number, values: FieldValue[], index: number): number {
  if (line.charCodeAt(start) === DASH) {
    values[index] = undefined;
    return start + 1;
  }
  let status = 0;
  for (let pos = start; pos < start + 3; pos++) {
    const c = line.charCodeAt(pos);
    if (c < ZERO || c > NINE) {
      return FAILED;
    }
    status = status * 10 + (c - ZERO);
  }
  values[index] = status;
  return start + 3;
}

/** `(?:-|([0-9]+))`. */
function readCount(line: string, start: number, values: FieldValue[], index: number): number {
  if (line.charCodeAt(start) === DASH) {
    values[index] = undefined;
    return start + 1;
  }
  let count = 0;
  let pos = start;
  for (let c = line.charCodeAt(pos); c >= ZERO && c <= NINE; c = line.charCodeAt(++pos)) {
    count = count * 10 + (c - ZERO);
  }
  if (pos === start) {
    return FAILED;
  }
  values[index] = pos - start <= EXACT_DIGITS ? count : Number(line.slice(start, pos));
  return pos;
}

/** Whether `text` is `dd/Mon/yyyy:HH:mm:ss ±hhmm`, character by character as the TIME regex has it. */
function isLogTime(text: string): boolean {
  return isDigits(text, 0, 2) && text.charCodeAt(2) === 0x2f // '/'
    && monthNumber(text.slice(3, 6)) !== undefined && text.charCodeAt(6) === 0x2f
    && isDigits(text, 7, 4) && text.charCodeAt(11) === 0x3a // ':'
    && isDigits(text, 12, 2) && text.charCodeAt(14) === 0x3a
    && isDigits(text, 15, 2) && text.charCodeAt(17) === 0x3a
    && isDigits(text, 18, 2) && text.charCodeAt(20) === SPACE
    && (text.charCodeAt(21) === 0x2b || text.charCodeAt(21) === DASH) // '+' or '-'
    && isDigits(text, 22, 4);
}

function isDigits(text: string, start: number, length: number): boolean {
  for (let pos = start; pos < start + length; pos++) {
    const c = text.charCodeAt(pos);
    if (c < ZERO || c > NINE) {
      return false;
    }
  }
  return true;
}
