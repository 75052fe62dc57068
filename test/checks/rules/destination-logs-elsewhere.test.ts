import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { DESTINATION_LOGS_ELSEWHERE } from '../../../src/checks/rules/destination-logs-elsewhere';
import { LOGGING_LOOP } from '../../../src/checks/rules/logging-loop';
import { checkedApp, errorLines, EU, expectNoFinding, lit, LOG_DELIVERY_ACL, synthErrors, USE_BUCKET_POLICY_FLAG, warningsWithId } from '../../support/checks';

function chainedWarning(destination: string, sources: string, next: string): string {
  return lit(
    `${destination} receives the server access logs of ${sources} and itself logs to ${next}: every delivery into it is logged there again. `
    + 'This is allowed as long as the chain ends, but a log destination normally does not log; '
    + 'remove its logging configuration unless you need logs of log deliveries. [ack: cdk-s3-access-logs:destinationLogsElsewhere]',
  );
}

describe('checkDestinationLogsElsewhere: compliant', () => {
  test('does not warn for destinations that do not log (AccessLogsBucket, s3.Bucket)', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    new AccessLoggedBucket(stack, 'Data');
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs });

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [stack], DESTINATION_LOGS_ELSEWHERE);
  });

  test('does not warn for the buckets of a loop (the loop is an error of its own)', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const a = new s3.CfnBucket(stack, 'A', { ...LOG_DELIVERY_ACL });
    const b = new s3.CfnBucket(stack, 'B', { ...LOG_DELIVERY_ACL, loggingConfiguration: { destinationBucketName: a.ref } });
    a.loggingConfiguration = { destinationBucketName: b.ref };

    expect(errorLines(app, LOGGING_LOOP)).toHaveLength(1);
    expect(synthErrors(app)).not.toContain(DESTINATION_LOGS_ELSEWHERE);
    // Warnings are added during the (failing) validation; none of them is this one.
    expect(JSON.stringify([a.node.metadata, b.node.metadata])).not.toContain(DESTINATION_LOGS_ELSEWHERE);
  });

  test('does not warn for a bucket that receives logs from itself only', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const self = new s3.CfnBucket(stack, 'Self', { loggingConfiguration: {} });

    synthErrors(app);
    expect(JSON.stringify(self.node.metadata)).not.toContain(DESTINATION_LOGS_ELSEWHERE);
  });
});

describe('checkDestinationLogsElsewhere: a destination that logs elsewhere', () => {
  test('warns on an AccessLogsBucket that logs to another AccessLogsBucket', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logsOfLogs = new AccessLogsBucket(stack, 'LogsOfLogs');
    const logs = new AccessLogsBucket(stack, 'Logs', { serverAccessLogsBucket: logsOfLogs });
    new AccessLoggedBucket(stack, 'Data', { destinationBucket: logs });

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Logs', Match.stringLikeRegexp(chainedWarning('Stack/Logs', 'Stack/Data/Bucket', 'Stack/LogsOfLogs')));
    expect(warningsWithId(stack, DESTINATION_LOGS_ELSEWHERE)).toHaveLength(1);
  });

  test('warns on an s3.Bucket destination that has serverAccessLogsBucket itself', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack');
    const logsOfLogs = new s3.Bucket(stack, 'LogsOfLogs');
    const logs = new s3.Bucket(stack, 'Logs', { serverAccessLogsBucket: logsOfLogs });
    new s3.Bucket(stack, 'One', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'one/' });
    new s3.Bucket(stack, 'Two', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'two/' });

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Logs', Match.stringLikeRegexp(chainedWarning('Stack/Logs', 'Stack/One, Stack/Two', 'Stack/LogsOfLogs')));
  });

  test('warns on a CfnBucket destination of another stack that logs to a bucket outside the app', () => {
    const app = checkedApp();
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    new s3.CfnBucket(logsStack, 'Logs', {
      bucketName: 'chained-logs',
      ...LOG_DELIVERY_ACL,
      loggingConfiguration: { destinationBucketName: 'central-logs', logFilePrefix: 'chained/' },
    });
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new s3.CfnBucket(dataStack, 'Source', { loggingConfiguration: { destinationBucketName: 'chained-logs' } });

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(logsStack).hasWarning('/LogsStack/Logs',
      Match.stringLikeRegexp(chainedWarning('LogsStack/Logs', 'DataStack/Source', 'bucket central-logs')));
    expect(warningsWithId(dataStack, DESTINATION_LOGS_ELSEWHERE)).toEqual([]);
  });
});
