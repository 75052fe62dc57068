import { AccessLogFormat } from '../../src';
import { JSON_ONLY_KEYS } from '../../src/format/fields';
import { CloudWatchLogsDelivery } from '../../src/visibility/cloudwatch-logs-delivery';
import { fixtureLines } from '../support/access-log-lines';
import { DOCUMENTED_JSON_RECORD, editedJsonRecord } from '../support/json-records';

/** `AccessLogFormat.parseJsonRecord`: the JSON records of the CloudWatch Logs channel, into the text parser's record. */

const TEXT_LINE = fixtureLines()[0];

describe('AccessLogFormat.FIELDS jsonName', () => {
  test('names each field by a key of the CloudWatch Logs channel; with schema_version_id and bucket_arn, they are all its keys', () => {
    const names = AccessLogFormat.FIELDS.map(field => field.jsonName);
    expect(new Set(names).size).toBe(names.length);
    expect([...JSON_ONLY_KEYS, ...names].sort()).toEqual([...CloudWatchLogsDelivery.RECORD_FIELDS].sort());
  });

  test('maps the fields whose names differ between the two formats', () => {
    const byName = Object.fromEntries(AccessLogFormat.FIELDS.map(field => [field.name, field.jsonName]));
    expect(byName).toMatchObject({
      bucketOwner: 'bucket_owner_id',
      bucket: 'bucket_name',
      time: 'request_time',
      key: 'key_name',
      bytesSent: 'bytes_sent_size',
      totalTime: 'total_duration',
      turnAroundTime: 'turn_around_duration',
    });
  });
});

describe('AccessLogFormat.parseJsonRecord', () => {
  test('reads the record built from the documented field table as the text parser reads the same request, but for the milliseconds', () => {
    // GIVEN the first example record of the text format, and the same request as a JSON record
    const text = AccessLogFormat.parseLine(TEXT_LINE)!;
    // WHEN
    const json = AccessLogFormat.parseJsonRecord(DOCUMENTED_JSON_RECORD);
    // THEN
    expect(json).toEqual({ ...text, time: '2019-02-06T00:00:38.000Z' });
    expect(text.time).toBe('2019-02-06T00:00:38Z');
  });

  test('gives every property of a text record, in the same order (one record shape)', () => {
    expect(Object.keys(AccessLogFormat.parseJsonRecord(DOCUMENTED_JSON_RECORD)!)).toEqual(Object.keys(AccessLogFormat.parseLine(TEXT_LINE)!));
  });

  test.each([
    ['null', null],
    ['"-"', '-'],
    ['an empty string', ''],
    ['absent', undefined],
  ])('reads a field that is %s as undefined, as the text parser reads "-"', (_, value) => {
    const record = AccessLogFormat.parseJsonRecord(editedJsonRecord({ requester: value, http_status: value, request_time: value }))!;
    expect(record).toBeDefined();
    expect(record.requester).toBeUndefined();
    expect(record.httpStatus).toBeUndefined();
    expect(record.time).toBeUndefined();
    expect(record.operation).toBe('REST.GET.VERSIONING');
  });

  test('reads a record narrowed by recordFields: the fields left out are undefined', () => {
    const record = AccessLogFormat.parseJsonRecord(JSON.stringify({ bucket_name: 'b', request_time: '2026-06-10T12:00:00.123Z', http_status: 403 }));
    expect(record).toMatchObject({ bucket: 'b', time: '2026-06-10T12:00:00.123Z', httpStatus: 403 });
    expect(record!.requester).toBeUndefined();
  });

  test('ignores keys it does not know: a later schema\'s fields', () => {
    expect(AccessLogFormat.parseJsonRecord(editedJsonRecord({ schema_version_id: 'V_2_0', a_future_field: { any: 'thing' } })))
      .toEqual(AccessLogFormat.parseJsonRecord(DOCUMENTED_JSON_RECORD));
  });

  test('reads counts and the status written as strings of digits', () => {
    expect(AccessLogFormat.parseJsonRecord(editedJsonRecord({ http_status: '404', bytes_sent_size: '12345678901234567' })))
      .toMatchObject({ httpStatus: 404, bytesSent: 12345678901234567 });
  });

  test.each([
    ['not JSON', '79a59df9 amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000]'],
    ['a JSON array', '[1, 2]'],
    ['JSON null', 'null'],
    ['a JSON string', '"bucket_name"'],
    ['an object without a key of the channel', '{"message": "hello"}'],
    ['a status of two digits', editedJsonRecord({ http_status: 42 })],
    ['a status that is not a number', editedJsonRecord({ http_status: 'OK' })],
    ['a count that is negative', editedJsonRecord({ bytes_sent_size: -1 })],
    ['a count that is a fraction', editedJsonRecord({ total_duration: 1.5 })],
    ['a time that is not ISO 8601', editedJsonRecord({ request_time: '06/Feb/2019:00:00:38 +0000' })],
    ['an object where a string belongs', editedJsonRecord({ requester: { arn: 'x' } })],
    ['a number where a string belongs', editedJsonRecord({ operation: 7 })],
  ])('gives undefined for %s', (_, text) => {
    expect(AccessLogFormat.parseJsonRecord(text)).toBeUndefined();
  });

  test('reads a record with only the keys that no text field holds as a record of undefined fields', () => {
    const record = AccessLogFormat.parseJsonRecord('{"schema_version_id": "V_1_0", "bucket_arn": "arn:aws:s3:::b"}');
    expect(record).toBeDefined();
    expect(Object.values(record!).every(value => value === undefined)).toBe(true);
  });

  test('leaves parseLine as it was: a JSON record is not a text line', () => {
    expect(AccessLogFormat.parseLine(DOCUMENTED_JSON_RECORD)).toBeUndefined();
  });
});
