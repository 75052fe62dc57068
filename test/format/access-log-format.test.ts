import * as fc from 'fast-check';
import { AccessLogFormat, AccessLogRecord } from '../../src';
import { editedFixtureLines, fixtureLines, generatedLines, regexReading } from '../support/access-log-lines';

const LINES = fixtureLines();
/** Line `n` of the fixture file, counting from 1 as its README does. */
const line = (n: number): string => LINES[n - 1];

const OWNER = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';

/** The fields of a record that are set, so that a test can say "exactly these". */
function defined(record: AccessLogRecord | undefined): Record<string, unknown> | undefined {
  return record && Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

describe('AccessLogFormat.FIELDS', () => {
  test('lists the 27 fields in the order S3 writes them', () => {
    expect(AccessLogFormat.FIELDS.map(field => field.name)).toEqual([
      'bucketOwner', 'bucket', 'time', 'remoteIp', 'requester', 'requestId', 'operation', 'key', 'requestUri',
      'httpStatus', 'errorCode', 'bytesSent', 'objectSize', 'totalTime', 'turnAroundTime', 'referer', 'userAgent',
      'versionId', 'hostId', 'signatureVersion', 'cipherSuite', 'authenticationType', 'hostHeader', 'tlsVersion',
      'accessPointArn', 'aclRequired', 'sourceRegion',
    ]);
  });

  test('gives each a distinct lower-case Athena column of a Hive type', () => {
    const columns = AccessLogFormat.FIELDS.map(field => field.columnName);
    expect(new Set(columns).size).toBe(columns.length);
    for (const field of AccessLogFormat.FIELDS) {
      expect(field.columnName).toMatch(/^[a-z][a-z_]*$/);
      expect(['string', 'int', 'bigint']).toContain(field.columnType);
    }
  });

  test('types the status, the byte counts and the times as numbers, everything else as strings', () => {
    const typed = Object.fromEntries(AccessLogFormat.FIELDS.filter(field => field.columnType !== 'string')
      .map(field => [field.columnName, field.columnType]));
    expect(typed).toEqual({ httpstatus: 'int', bytessent: 'bigint', objectsize: 'bigint', totaltime: 'int', turnaroundtime: 'int' });
  });

  test('cannot be changed by a caller; its objects stay plain, so that jsii can hand them to other languages', () => {
    expect(Object.isFrozen(AccessLogFormat.FIELDS)).toBe(true);
    expect(Object.isExtensible(AccessLogFormat.FIELDS[0])).toBe(true);
  });
});

describe('AccessLogFormat.REGEX', () => {
  test('has one capture group per field', () => {
    // An empty alternative matches any line; its group count is the regex's.
    expect(new RegExp(`${AccessLogFormat.REGEX}|`).exec('')!.length - 1).toBe(AccessLogFormat.FIELDS.length);
  });

  test('is anchored at both ends, as RegexSerDe matches whole lines', () => {
    expect(AccessLogFormat.REGEX.startsWith('^')).toBe(true);
    expect(AccessLogFormat.REGEX.endsWith('$')).toBe(true);
  });

  test('uses no syntax that Java and JavaScript read differently', () => {
    // `.` (line terminators differ), lookbehind, named groups, possessive quantifiers, \d/\w/\s outside [\s\S].
    const withoutAnyChar = AccessLogFormat.REGEX.split('[\\s\\S]').join('');
    expect(withoutAnyChar).not.toMatch(/(^|[^\\])\.|\(\?<|[*+?}]\+|\\[dwsDWS]|&&/);
  });

  test('matches every fixture line', () => {
    expect(LINES.filter(text => regexReading(text) === undefined)).toEqual([]);
  });
});

describe('AccessLogFormat.parseLine', () => {
  test('parses all 31 documented sample records', () => {
    expect(LINES).toHaveLength(31);
    expect(LINES.filter(text => AccessLogFormat.parseLine(text) === undefined)).toEqual([]);
  });

  test('reads a line of a CRLF file (split on "\\n") as the same line without its "\\r"', () => {
    for (const text of LINES) {
      const record = AccessLogFormat.parseLine(`${text}\r`);
      expect(record).toEqual(AccessLogFormat.parseLine(text));
    }
    const crlfFile = LINES.map(text => `${text}\r\n`).join('');
    const lastFields = crlfFile.split('\n').filter(Boolean)
      .map(crlfLine => Object.values(AccessLogFormat.parseLine(crlfLine)!).filter(v => v !== undefined).pop());
    expect(lastFields.filter(value => String(value).endsWith('\r'))).toEqual([]);
  });

  test('reads every fixture line exactly as the regex does', () => {
    for (const text of LINES) {
      expect(AccessLogFormat.parseLine(text)).toEqual(regexReading(text));
    }
  });

  test('reads a current (27-field) record', () => {
    expect(defined(AccessLogFormat.parseLine(line(1)))).toEqual({
      bucketOwner: OWNER,
      bucket: 'amzn-s3-demo-bucket1',
      time: '2019-02-06T00:00:38Z',
      remoteIp: '192.0.2.3',
      requester: OWNER,
      requestId: '3E57427F3EXAMPLE',
      operation: 'REST.GET.VERSIONING',
      requestUri: 'GET /amzn-s3-demo-bucket1?versioning HTTP/1.1',
      httpStatus: 200,
      bytesSent: 113,
      totalTime: 7,
      userAgent: 'S3Console/0.4',
      hostId: 's9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234=',
      signatureVersion: 'SigV4',
      cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256',
      authenticationType: 'AuthHeader',
      hostHeader: 'amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com',
      tlsVersion: 'TLSV1.2',
      accessPointArn: 'arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP',
      aclRequired: 'Yes',
      sourceRegion: 'us-east-1',
    });
  });

  test('reads the China-partition rendering of a current record', () => {
    expect(AccessLogFormat.parseLine(line(3))).toMatchObject({
      hostHeader: 'amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com.cn',
      accessPointArn: 'arn:aws-cn:s3:us-west-1:123456789012:accesspoint/example-AP',
      sourceRegion: 'us-east-1',
    });
  });

  test('reads a 2024-2025 (26-field) record: no source Region', () => {
    const record = AccessLogFormat.parseLine(line(5))!;
    expect(record).toMatchObject({
      requestId: '891CE47D2EXAMPLE',
      operation: 'REST.GET.LOGGING_STATUS',
      bytesSent: 242,
      totalTime: 11,
      tlsVersion: 'TLSV1.2',
    });
    expect(record.accessPointArn).toBeUndefined();
    expect(record.aclRequired).toBeUndefined();
    expect(record.sourceRegion).toBeUndefined();
  });

  test('reads a 2014-era (18-field) record, an upload with an object size', () => {
    expect(defined(AccessLogFormat.parseLine(line(10)))).toEqual({
      bucketOwner: OWNER,
      bucket: 'mybucket',
      time: '2014-02-06T00:01:57Z',
      remoteIp: '192.0.2.3',
      requester: OWNER,
      requestId: 'DD6CC733AEXAMPLE',
      operation: 'REST.PUT.OBJECT',
      key: 's3-dg.pdf',
      requestUri: 'PUT /mybucket/s3-dg.pdf HTTP/1.1',
      httpStatus: 200,
      objectSize: 4406583,
      totalTime: 41754,
      turnAroundTime: 28,
      userAgent: 'S3Console/0.4',
    });
  });

  test('reads a 2014-era error record', () => {
    expect(AccessLogFormat.parseLine(line(8))).toMatchObject({
      operation: 'REST.GET.BUCKETPOLICY',
      httpStatus: 404,
      errorCode: 'NoSuchBucketPolicy',
      bytesSent: 297,
      totalTime: 38,
    });
  });

  test('reads a 2019-2022 (24-field) record, Signature V2 over TLS 1.1', () => {
    const record = AccessLogFormat.parseLine(line(12))!;
    expect(record).toMatchObject({
      bucket: 'awsexamplebucket',
      hostId: 's9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234=',
      signatureVersion: 'SigV2',
      cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256',
      authenticationType: 'AuthHeader',
      hostHeader: 'awsexamplebucket.s3.amazonaws.com',
      tlsVersion: 'TLSV1.1',
    });
    expect(record.accessPointArn).toBeUndefined();
  });

  test('reads a 2022-2023 (26-field) record with a trailing space', () => {
    expect(line(29).endsWith('Yes ')).toBe(true);
    expect(AccessLogFormat.parseLine(line(29))).toMatchObject({
      bucket: 'DOC-EXAMPLE-BUCKET1',
      httpStatus: 404,
      errorCode: 'NoSuchBucketPolicy',
      accessPointArn: undefined,
      aclRequired: 'Yes',
      sourceRegion: undefined,
    });
  });

  test('gives `-` and `"-"` as undefined and strips quote marks', () => {
    const record = AccessLogFormat.parseLine(line(27))!;
    // `- "GET ..." 200 - 113 - 7 - "-" "S3Console/0.4" -`
    expect(record.key).toBeUndefined();
    expect(record.errorCode).toBeUndefined();
    expect(record.objectSize).toBeUndefined();
    expect(record.turnAroundTime).toBeUndefined();
    expect(record.referer).toBeUndefined();
    expect(record.versionId).toBeUndefined();
    expect(record.requestUri).toBe('GET /DOC-EXAMPLE-BUCKET1?versioning HTTP/1.1');
    expect(record.userAgent).toBe('S3Console/0.4');
  });

  test('reads a quoted value with spaces, and a quoted "-" Request-URI', () => {
    const withAgent = line(6).replace('"S3Console/0.4"', '"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64"');
    expect(AccessLogFormat.parseLine(withAgent)?.userAgent).toBe('aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64');
    const dashUri = line(6).replace('"GET /mybucket?versioning HTTP/1.1"', '"-"');
    expect(AccessLogFormat.parseLine(dashUri)).toMatchObject({ requestUri: undefined, httpStatus: 200 });
  });

  test('keeps a value that merely starts with `-`', () => {
    const record = AccessLogFormat.parseLine(line(6).replace(' REST.GET.VERSIONING - ', ' REST.GET.OBJECT -draft.txt '));
    expect(record?.key).toBe('-draft.txt');
  });

  test('keeps a time offset other than UTC', () => {
    expect(AccessLogFormat.parseLine(line(6).replace('+0000]', '-0130]'))?.time).toBe('2014-02-06T00:00:38-01:30');
  });

  test('ignores fields appended after the known ones', () => {
    expect(AccessLogFormat.parseLine(`${line(1)} a-future-field "and another"`)).toEqual(AccessLogFormat.parseLine(line(1)));
  });

  test.each([
    ['an empty line', ''],
    ['a line of spaces', '   '],
    ['a line cut inside the Request-URI', line(1).slice(0, line(1).indexOf('versioning'))],
    ['a line cut after the status', line(1).slice(0, line(1).indexOf(' 200 ') + 4)],
    ['a line cut before the version ID', line(6).slice(0, line(6).lastIndexOf(' -'))],
    ['a line cut inside the time', line(1).slice(0, 90)],
    ['a status of letters', line(6).replace(' 200 ', ' 2OO ')],
    ['a status of two digits', line(6).replace(' 200 ', ' 20 ')],
    ['a status of four digits', line(6).replace(' 200 ', ' 2000 ')],
    ['a byte count that is not a number', line(6).replace(' 113 ', ' 11x3 ')],
    ['a time without its opening bracket', line(6).replace('[06/Feb', '06/Feb')],
    ['a time without its closing bracket', line(6).replace('+0000]', '+0000')],
    ['a time with an unknown month', line(6).replace('/Feb/', '/Fev/')],
    ['a Request-URI without its closing quote', line(6).replace('HTTP/1.1"', 'HTTP/1.1')],
    ['a missing field (two spaces)', line(6).replace(' REST.GET.VERSIONING ', ' REST.GET.VERSIONING  ')],
    ['a leading space', ` ${line(6)}`],
    ['a tab instead of a space', line(6).replace(' 192.0.2.3 ', '\t192.0.2.3 ')],
    ['text glued to a quoted field', line(6).replace('"S3Console/0.4" -', '"S3Console/0.4"x -')],
  ])('gives undefined for %s', (_what, text) => {
    expect(AccessLogFormat.parseLine(text)).toBeUndefined();
    expect(regexReading(text)).toBeUndefined();
  });

  test('never gives a shifted record for a line cut anywhere', () => {
    // A cut line is either refused, or read as a shorter record whose fields are those of the whole
    // line, save the last one read, which the cut may have shortened: never a value in the wrong field.
    for (const text of LINES) {
      const whole = AccessLogFormat.parseLine(text)!;
      for (let cut = 0; cut < text.length; cut++) {
        const record = AccessLogFormat.parseLine(text.slice(0, cut));
        if (record === undefined) {
          continue;
        }
        const names = AccessLogFormat.FIELDS.map(field => field.name as keyof AccessLogRecord);
        const lastRead = Math.max(...names.map((name, i) => (record[name] !== undefined ? i : -1)));
        names.forEach((name, i) => {
          if (i < lastRead) {
            expect(record[name]).toEqual(whole[name]);
          } else if (i === lastRead) {
            expect(String(whole[name]).startsWith(String(record[name]))).toBe(true);
          } else {
            expect(record[name]).toBeUndefined();
          }
        });
      }
    }
  });

  test('reads edited fixture lines as the regex does', () => {
    fc.assert(fc.property(editedFixtureLines, text => {
      expect(AccessLogFormat.parseLine(text)).toEqual(regexReading(text));
    }), { numRuns: 3000 });
  });

  test('reads generated lines as the regex does', () => {
    fc.assert(fc.property(generatedLines, text => {
      expect(AccessLogFormat.parseLine(text)).toEqual(regexReading(text));
    }), { numRuns: 3000 });
  });

  test('generated lines reach both outcomes, so the comparison above is not vacuous', () => {
    const outcomes = fc.sample(generatedLines, { numRuns: 500, seed: 5 }).map(text => AccessLogFormat.parseLine(text) !== undefined);
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
  });
});
