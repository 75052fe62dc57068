import { App, Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket } from '../../../src';
import { DESTINATION_OBJECT_LOCK } from '../../../src/checks/rules/destination-object-lock';
import { checkedApp, errorLines, EU, expectNoFinding, grantLoggingService, lit, LOG_DELIVERY_ACL, synthErrors, USE_BUCKET_POLICY_FLAG } from '../../support/checks';
import { objectLockMessage } from '../../support/messages';

function objectLockError(destination: string, sources: string): RegExp {
  return new RegExp(lit(`[${destination}] ${objectLockMessage(destination, sources)}`));
}

describe('checkDestinationObjectLock: compliant', () => {
  test('reports nothing for destinations without Object Lock', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { objectLockEnabled: false });
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs });
    new AccessLoggedBucket(stack, 'Ours');

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [stack], DESTINATION_OBJECT_LOCK);
  });

  test('reports nothing for an Object Lock bucket that receives no logs', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    new s3.CfnBucket(stack, 'Locked', { objectLockEnabled: true });

    expectNoFinding(app, [stack], DESTINATION_OBJECT_LOCK);
  });
});

describe('checkDestinationObjectLock: Object Lock destination', () => {
  test('throws for an s3.Bucket destination with objectLockEnabled: true', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { objectLockEnabled: true });
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs });

    expect(() => app.synth()).toThrow(objectLockError('Stack/Logs', 'Stack/Source'));
  });

  test('throws for an s3.Bucket destination with objectLockDefaultRetention', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack');
    const logs = new s3.Bucket(stack, 'Logs', { objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(1)) });
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs });

    expect(() => app.synth()).toThrow(objectLockError('Stack/Logs', 'Stack/Source'));
  });

  test('throws for a CfnBucket destination with ObjectLockEnabled: true', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.CfnBucket(stack, 'Logs', { objectLockEnabled: true, ...LOG_DELIVERY_ACL });
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.ref } });

    expect(() => app.synth()).toThrow(objectLockError('Stack/Logs', 'Stack/Source'));
    expect(errorLines(app, DESTINATION_OBJECT_LOCK)).toHaveLength(1);
  });

  test('throws for a CfnBucket destination with only ObjectLockConfiguration: Enabled', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const logs = new s3.CfnBucket(stack, 'Logs', { objectLockConfiguration: { objectLockEnabled: 'Enabled' }, ...LOG_DELIVERY_ACL });
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.ref } });

    expect(() => app.synth()).toThrow(objectLockError('Stack/Logs', 'Stack/Source'));
  });

  test('throws for an AccessLoggedBucket whose destination, named by literal name, is an Object Lock bucket of another stack', () => {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    grantLoggingService(new s3.Bucket(logsStack, 'Locked', { bucketName: 'locked-logs', objectLockEnabled: true }));
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new AccessLoggedBucket(dataStack, 'Data', { destinationBucket: s3.Bucket.fromBucketName(dataStack, 'Logs', 'locked-logs') });

    expect(() => app.synth()).toThrow(objectLockError('LogsStack/Locked', 'DataStack/Data/Bucket'));
  });
});
