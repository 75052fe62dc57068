import { FIELD_SPECS } from '../../src/format/fields';
import { isoTime } from '../../src/format/log-time';
import { toRecord } from '../../src/format/record-values';

describe('toRecord', () => {
  test('puts value i in the property of field i, for every field, in field order', () => {
    // GIVEN each field's index as its value
    const record = toRecord(FIELD_SPECS.map((_field, i) => i));
    // THEN the record's properties are the fields, in order, each holding its own index
    expect(Object.entries(record)).toEqual(FIELD_SPECS.map((field, i) => [field.name, i]));
  });
});

describe('isoTime', () => {
  test.each([
    ['06/Feb/2019:00:00:38 +0000', '2019-02-06T00:00:38Z'],
    ['31/Dec/2025:23:59:59 +0000', '2025-12-31T23:59:59Z'],
    ['01/Jan/2024:10:00:00 +0130', '2024-01-01T10:00:00+01:30'],
    ['01/Jul/2024:10:00:00 -0500', '2024-07-01T10:00:00-05:00'],
  ])('%s is %s', (logTime, iso) => {
    expect(isoTime(logTime)).toBe(iso);
  });

  test('gives a time that Date reads as the same instant', () => {
    expect(new Date(isoTime('01/Jan/2024:10:00:00 +0130')).toISOString()).toBe('2024-01-01T08:30:00.000Z');
  });
});
