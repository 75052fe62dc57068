import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { SHARED_SIMPLE_PREFIX } from '../../../src/checks/rules/shared-simple-prefix';
import { checkedApp, EU, expectNoFinding, lit, LOG_DELIVERY_ACL, synthErrors, USE_BUCKET_POLICY_FLAG, warningsWithId } from '../../support/checks';

function sharedPrefixWarning(source: string, destination: string, prefix: string, others: string): string {
  return lit(
    `${source} writes its server access logs to ${destination} under prefix "${prefix}" with the simple key format, as do ${others}: `
    + 'their log objects interleave and their keys do not say which bucket they are about. '
    + 'Give each source its own prefix, or use TargetObjectKeyFormat.partitionedPrefix(). [ack: cdk-s3-access-logs:sharedSimplePrefix]',
  );
}

const PARTITIONED: s3.CfnBucket.TargetObjectKeyFormatProperty = { partitionedPrefix: { partitionDateSource: 'EventTime' } };

describe('checkSharedSimplePrefix: compliant', () => {
  test('does not warn for date-based sources sharing a destination and prefix (CfnBucket, AccessLoggedBucket)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new AccessLogsBucket(stack, 'Logs');
    new s3.CfnBucket(stack, 'One', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: 'shared/', targetObjectKeyFormat: PARTITIONED } });
    new s3.CfnBucket(stack, 'Two', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: 'shared/', targetObjectKeyFormat: PARTITIONED } });
    new AccessLoggedBucket(stack, 'Three', { destinationBucket: logs, logFilePrefix: 'shared/' });
    new AccessLoggedBucket(stack, 'Four', { destinationBucket: logs, logFilePrefix: 'shared/' });

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [stack], SHARED_SIMPLE_PREFIX);
  });

  test('does not warn for simple-format sources with prefixes of their own', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack');
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.Bucket(stack, 'One', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'one/' });
    new s3.Bucket(stack, 'Two', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'two/' });

    expectNoFinding(app, [stack], SHARED_SIMPLE_PREFIX);
  });

  test('does not warn for one simple and one date-based source under one prefix', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const logs = new s3.CfnBucket(stack, 'Logs', { ...LOG_DELIVERY_ACL });
    new s3.CfnBucket(stack, 'Simple', { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: 'logs/' } });
    new s3.CfnBucket(stack, 'Partitioned', { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: 'logs/', targetObjectKeyFormat: PARTITIONED } });

    expectNoFinding(app, [stack], SHARED_SIMPLE_PREFIX);
  });
});

describe('checkSharedSimplePrefix: simple-format sources sharing a destination and prefix', () => {
  test('warns on each of two s3.Buckets logging to one bucket without a prefix', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.Bucket(stack, 'One', { serverAccessLogsBucket: logs });
    new s3.Bucket(stack, 'Two', { serverAccessLogsBucket: logs });

    expect(synthErrors(app)).toBe('');
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/One', Match.stringLikeRegexp(sharedPrefixWarning('Stack/One', 'Stack/Logs', '', 'Stack/Two')));
    annotations.hasWarning('/Stack/Two', Match.stringLikeRegexp(sharedPrefixWarning('Stack/Two', 'Stack/Logs', '', 'Stack/One')));
  });

  test('warns on CfnBuckets of two stacks sharing a destination and prefix, naming all the others', () => {
    const app = checkedApp();
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    const logs = new s3.CfnBucket(logsStack, 'Logs', { ...LOG_DELIVERY_ACL });
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    for (const [stack, id] of [[logsStack, 'A'], [dataStack, 'B'], [dataStack, 'C']] as const) {
      new s3.CfnBucket(stack, id, { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: 'logs/' } });
    }

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(logsStack).hasWarning('/LogsStack/A',
      Match.stringLikeRegexp(sharedPrefixWarning('LogsStack/A', 'LogsStack/Logs', 'logs/', 'DataStack/B, DataStack/C')));
    Annotations.fromStack(dataStack).hasWarning('/DataStack/C',
      Match.stringLikeRegexp(sharedPrefixWarning('DataStack/C', 'LogsStack/Logs', 'logs/', 'LogsStack/A, DataStack/B')));
    expect(warningsWithId(dataStack, SHARED_SIMPLE_PREFIX)).toHaveLength(2);
  });

  test('warns on AccessLoggedBuckets given the simple key format and one destination', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const logs = new AccessLogsBucket(stack, 'Logs');
    const simple = s3.TargetObjectKeyFormat.simplePrefix();
    new AccessLoggedBucket(stack, 'One', { destinationBucket: logs, logFilePrefix: 'logs', targetObjectKeyFormat: simple });
    new AccessLoggedBucket(stack, 'Two', { destinationBucket: logs, logFilePrefix: 'logs/', targetObjectKeyFormat: simple });

    expect(warningsWithId(stack, SHARED_SIMPLE_PREFIX)).toEqual([
      expect.stringMatching(new RegExp(`^${sharedPrefixWarning('Stack/One/Bucket', 'Stack/Logs', 'logs/', 'Stack/Two/Bucket')}$`)),
      expect.stringMatching(new RegExp(`^${sharedPrefixWarning('Stack/Two/Bucket', 'Stack/Logs', 'logs/', 'Stack/One/Bucket')}$`)),
    ]);
  });

  test('warns for sources sharing a bucket outside the app, by its name', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    new s3.CfnBucket(stack, 'One', { loggingConfiguration: { destinationBucketName: 'central-logs' } });
    new s3.CfnBucket(stack, 'Two', { loggingConfiguration: { destinationBucketName: 'central-logs' } });

    expect(warningsWithId(stack, SHARED_SIMPLE_PREFIX)).toEqual([
      expect.stringMatching(new RegExp(`^${sharedPrefixWarning('Stack/One', 'bucket central-logs', '', 'Stack/Two')}$`)),
      expect.stringMatching(new RegExp(`^${sharedPrefixWarning('Stack/Two', 'bucket central-logs', '', 'Stack/One')}$`)),
    ]);
  });
});
