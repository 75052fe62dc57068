import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { INVALID_LOG_FILE_PREFIX } from '../../../src/checks/rules/invalid-log-file-prefix';
import { checkedApp, errorLines, EU, expectNoFinding, lit, LOG_DELIVERY_ACL, synthErrors } from '../../support/checks';

/*
 * The limits, derived from S3's documented key formats (DESIGN.md section 4). The constants in
 * src/checks/log-file-prefix.ts are not exported, so they are rebuilt here from the same facts; the
 * tests below also read the limit back from the error message, so a change on either side shows.
 */
const MAX_KEY_BYTES = 1024;
/** `YYYY-MM-DD-hh-mm-ss-UniqueString`, the unique string being 16 characters. */
const SIMPLE_SUFFIX = 'YYYY-MM-DD-hh-mm-ss-0123456789ABCDEF'.length;
/** `[SourceAccountId]/[SourceRegion]/[SourceBucket]/YYYY/MM/DD/` + the simple suffix: 12-digit account, Region up to 20, bucket up to 63. */
const PARTITIONED_SUFFIX = `${'1'.repeat(12)}/${'r'.repeat(20)}/${'b'.repeat(63)}/YYYY/MM/DD/`.length + SIMPLE_SUFFIX;
const LIMIT = { simple: MAX_KEY_BYTES - SIMPLE_SUFFIX, partitioned: MAX_KEY_BYTES - PARTITIONED_SUFFIX };

const PARTITIONED: s3.CfnBucket.TargetObjectKeyFormatProperty = { partitionedPrefix: { partitionDateSource: 'EventTime' } };

function cfnSource(stack: Stack, id: string, logFilePrefix: string, partitioned = false): s3.CfnBucket {
  return new s3.CfnBucket(stack, id, {
    loggingConfiguration: {
      destinationBucketName: 'prefix-test-logs',
      logFilePrefix,
      targetObjectKeyFormat: partitioned ? PARTITIONED : undefined,
    },
  });
}

/** A checked app with a destination that grants every prefix, and a stack for the sources. */
function appWithDestination(): { app: App; stack: Stack } {
  const app = checkedApp();
  const stack = new Stack(app, 'Stack', { env: EU });
  new s3.CfnBucket(stack, 'Logs', { bucketName: 'prefix-test-logs', ...LOG_DELIVERY_ACL });
  return { app, stack };
}

function tooLongMessage(path: string, bytes: number, format: 'simple' | 'partitioned'): string {
  return `${path}: log file prefix is ${bytes} bytes long; with the ${format} key format S3 appends up to `
    + `${MAX_KEY_BYTES - LIMIT[format]} bytes, and object keys are limited to 1024. Use a prefix of at most ${LIMIT[format]} bytes. `
    + '[cdk-s3-access-logs:invalidLogFilePrefix]';
}

/** The error as synth reports it, on the construct. */
function tooLongError(path: string, bytes: number, format: 'simple' | 'partitioned'): RegExp {
  return new RegExp(lit(`[${path}] ${tooLongMessage(path, bytes, format)}`));
}

test('the limits are 988 bytes (simple) and 879 bytes (date-based)', () => {
  expect(LIMIT).toEqual({ simple: 988, partitioned: 879 });
});

describe('checkInvalidLogFilePrefix: compliant', () => {
  test('accepts no prefix, a plain prefix, and prefixes of exactly the limit for each key format', () => {
    const { app, stack } = appWithDestination();
    cfnSource(stack, 'Empty', '');
    cfnSource(stack, 'Plain', 'logs/');
    cfnSource(stack, 'LongestSimple', `${'s'.repeat(LIMIT.simple - 1)}/`);
    cfnSource(stack, 'LongestPartitioned', `${'p'.repeat(LIMIT.partitioned - 1)}/`, true);

    expect(synthErrors(app)).toBe('');
  });

  test('accepts a leading "/" given to AccessLoggedBucket and AccessLogsBucket: they remove it', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const logsOfLogs = new AccessLogsBucket(stack, 'LogsOfLogs');
    const logs = new AccessLogsBucket(stack, 'Logs', { serverAccessLogsBucket: logsOfLogs, serverAccessLogsPrefix: '/logs' });
    new AccessLoggedBucket(stack, 'Data', { destinationBucket: logs, logFilePrefix: '/data/' });

    expectNoFinding(app, [stack], INVALID_LOG_FILE_PREFIX);
  });

  test('does not check a prefix that is a token', () => {
    const { app, stack } = appWithDestination();
    cfnSource(stack, 'Source', new CfnParameter(stack, 'Prefix').valueAsString);

    expectNoFinding(app, [stack], INVALID_LOG_FILE_PREFIX);
  });
});

describe('checkInvalidLogFilePrefix: a leading "/"', () => {
  test('throws for a CfnBucket prefix that starts with "/", giving the fixed prefix', () => {
    const { app, stack } = appWithDestination();
    cfnSource(stack, 'Source', '/logs/');

    expect(() => app.synth()).toThrow(new RegExp(lit(
      '[Stack/Source] Stack/Source: log file prefix "/logs/" starts with "/", which gives log object keys an empty first segment. '
      + 'Remove the leading "/" (use "logs/"). [cdk-s3-access-logs:invalidLogFilePrefix]',
    )));
  });

  test('throws for an s3.Bucket serverAccessLogsPrefix that starts with "//", in another stack than its destination', () => {
    const app = checkedApp();
    const logsStack = new Stack(app, 'LogsStack');
    const logs = new s3.Bucket(logsStack, 'Logs');
    const dataStack = new Stack(app, 'DataStack');
    new s3.Bucket(dataStack, 'Source', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: '//logs/' });

    expect(() => app.synth()).toThrow(/\[DataStack\/Source\] DataStack\/Source: log file prefix "\/\/logs\/" starts with "\/".*\(use "logs\/"\)\./);
  });
});

describe('checkInvalidLogFilePrefix: too long', () => {
  test('throws for a simple-format prefix one byte over its limit', () => {
    const { app, stack } = appWithDestination();
    cfnSource(stack, 'Source', `${'s'.repeat(LIMIT.simple)}/`);

    expect(() => app.synth()).toThrow(tooLongError('Stack/Source', LIMIT.simple + 1, 'simple'));
  });

  test('throws for a date-based prefix one byte over its lower limit, which would fit the simple format', () => {
    const { app, stack } = appWithDestination();
    const prefix = `${'p'.repeat(LIMIT.partitioned)}/`;
    cfnSource(stack, 'Partitioned', prefix, true);
    cfnSource(stack, 'Simple', prefix);

    expect(errorLines(app, INVALID_LOG_FILE_PREFIX)).toEqual([expect.stringMatching(tooLongError('Stack/Partitioned', LIMIT.partitioned + 1, 'partitioned'))]);
  });

  test('counts bytes, not characters (UTF-8)', () => {
    const { app, stack } = appWithDestination();
    const prefix = `${'é'.repeat(Math.ceil(LIMIT.simple / 2))}/`;
    expect(prefix.length).toBeLessThan(LIMIT.simple);
    cfnSource(stack, 'Source', prefix);

    expect(() => app.synth()).toThrow(tooLongError('Stack/Source', Buffer.byteLength(prefix, 'utf8'), 'simple'));
  });

  test('throws at once for an AccessLoggedBucket whose prefix is too long for its default date-based format, with the same rule', () => {
    const stack = new Stack(new App(), 'Stack');

    // The construct adds the trailing "/": one byte over.
    expect(() => new AccessLoggedBucket(stack, 'Data', { logFilePrefix: 'd'.repeat(LIMIT.partitioned) }))
      .toThrow(tooLongMessage('Stack/Data', LIMIT.partitioned + 1, 'partitioned'));
  });
});
