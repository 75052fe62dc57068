import { readFileSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { AccessLogFormat, AccessLogRecord } from '../../src';
import { recordFromMatch } from '../../src/format/record-values';

/**
 * Log lines for the tests of `AccessLogFormat` (and the Java cross-check): the documented fixtures,
 * and generators of lines around them. Not a test file itself.
 */

/** The 31 documented sample records of `test/fixtures/docs-sample-lines.log`, line 1 first. */
export function fixtureLines(): string[] {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'docs-sample-lines.log'), 'utf8');
  return text.split('\n').filter(line => line !== '');
}

/** The record the regex reads from `line` (the reference reading), or undefined where it does not match. */
export function regexReading(line: string): AccessLogRecord | undefined {
  const match = new RegExp(AccessLogFormat.REGEX).exec(line);
  return match ? recordFromMatch(match) : undefined;
}

/** The characters that decide how a line is read; edits drawn from them reach every rule of the regex. */
const SIGNIFICANT = [' ', ' ', '"', '-', '[', ']', '/', ':', '+', '0', '4', '9', 'a', 'Z', '\t'];

/** A line of the fixtures with a few characters inserted, deleted or replaced. */
export const editedFixtureLines: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom(...fixtureLines()),
  fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...SIGNIFICANT)), { minLength: 1, maxLength: 4 }),
).map(([line, edits]) => edits.reduce((text, [at, edit, char]) => {
  const pos = text.length === 0 ? 0 : at % text.length;
  switch (edit) {
    case 'insert':
      return text.slice(0, pos) + char + text.slice(pos);
    case 'delete':
      return text.slice(0, pos) + text.slice(pos + 1);
    default:
      return text.slice(0, pos) + char + text.slice(pos + 1);
  }
}, line));

const token = fc.oneof(
  fc.constant('-'),
  fc.stringMatching(/^[-A-Za-z0-9.:/=+_"[\]]{1,12}$/),
);
const quoted = fc.oneof(fc.constant('-'), fc.constant('"-"'), fc.constant('""'), fc.stringMatching(/^"[-A-Za-z0-9 ./()[\]]{0,16}"$/));
const time = fc.oneof(fc.constant('-'), fc.stringMatching(/^\[[0-3][0-9]\/(Jan|Feb|Dec|Foo)\/20[0-9]{2}:[0-2][0-9]:[0-5][0-9]:[0-5][0-9] [+-][0-9]{4}\]$/));
const status = fc.oneof(fc.constant('-'), fc.stringMatching(/^[0-9]{2,4}$/), fc.constant('2O0'));
const count = fc.oneof(fc.constant('-'), fc.stringMatching(/^[0-9]{1,20}$/), fc.constant('12a'));

/**
 * Lines built field by field from values of each field's kind, some of them not quite right (a
 * four-digit status, an unknown month, a quote inside a token), with 18 to 29 fields and an
 * occasional double or trailing space.
 */
export const generatedLines: fc.Arbitrary<string> = fc.tuple(
  fc.tuple(token, token, time, token, token, token, token, token, quoted, status, token, count, count, count, count, quoted, quoted, token),
  fc.array(token, { maxLength: 11 }),
  fc.constantFrom(' ', ' ', ' ', '  '),
  fc.constantFrom('', '', ' '),
).map(([required, optional, separator, end]) => [...required, ...optional].join(separator) + end);
