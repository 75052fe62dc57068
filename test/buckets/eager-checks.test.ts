import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogs } from '../../src';
import { EU, OTHER_ACCOUNT, synthErrors } from '../support/checks';

/**
 * One rule, one message: an `AccessLoggedBucket` throws at once what the app-wide pass reports for a
 * plain `s3.Bucket` with the same misconfiguration, with the same id and the same words (but for the
 * source's path, which differs by construction).
 */

const SOURCE = '<source>';

/** What `new AccessLoggedBucket(...)` throws, with its source's path as `<source>`. */
function thrownByAccessLoggedBucket(define: (stack: Stack) => s3.IBucket): string {
  const stack = new Stack(new App(), 'Stack', { env: EU });
  const destination = define(stack);
  try {
    new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination });
  } catch (error) {
    return (error as Error).message.split('Stack/Logged/Bucket').join(SOURCE);
  }
  throw new Error('AccessLoggedBucket did not throw');
}

/** The error of rule `id` that synth reports for a plain `s3.Bucket` logging into the same destination, with its source's path as `<source>`. */
function reportedForPlainBucket(id: string, define: (stack: Stack) => s3.IBucket): string {
  const app = new App();
  AccessLogs.of(app).check();
  const stack = new Stack(app, 'Stack', { env: EU });
  const destination = define(stack);
  new s3.Bucket(stack, 'Plain', { serverAccessLogsBucket: destination });
  const lines = synthErrors(app).split('\n').filter(line => line.includes(`[cdk-s3-access-logs:${id}]`));
  expect(lines).toHaveLength(1);
  return lines[0].replace(/^\s*\[[^\]]+\] /, '').split('Stack/Plain').join(SOURCE);
}

describe('an AccessLoggedBucket and a plain s3.Bucket get the same rule and the same words', () => {
  test.each<[string, (stack: Stack) => s3.IBucket]>([
    ['destinationEncryption', stack => new s3.Bucket(stack, 'Dest', { encryption: s3.BucketEncryption.KMS_MANAGED })],
    ['destinationObjectLock', stack => new s3.Bucket(stack, 'Dest', { objectLockEnabled: true })],
    ['regionMismatch', stack => s3.Bucket.fromBucketAttributes(stack, 'Dest', { bucketName: 'dest-logs', region: 'us-east-1' })],
    ['accountMismatch', stack => s3.Bucket.fromBucketAttributes(stack, 'Dest', { bucketName: 'dest-logs', account: OTHER_ACCOUNT })],
  ])('%s', (id, define) => {
    const thrown = thrownByAccessLoggedBucket(define);
    const reported = reportedForPlainBucket(id, define);

    expect(thrown).toContain(`[cdk-s3-access-logs:${id}]`);
    expect(thrown).toEqual(reported);
  });
});
