import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { DESTINATION_ENCRYPTION } from '../../../src/checks/rules/destination-encryption';
import { checkedApp, errorLines, EU, expectNoFinding, grantLoggingService, lit, LOG_DELIVERY_ACL, synthErrors, USE_BUCKET_POLICY_FLAG } from '../../support/checks';
import { encryptionMessage } from '../../support/messages';

function encryptionError(destination: string, sources: string, algorithms: string): RegExp {
  return new RegExp(lit(`[${destination}] ${encryptionMessage(destination, sources, algorithms)}`));
}

describe('checkDestinationEncryption: compliant', () => {
  test('reports nothing for SSE-S3 destinations: s3.Bucket, CfnBucket (AES256) and AccessLogsBucket', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const l2 = new s3.Bucket(stack, 'L2Logs', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.Bucket(stack, 'L2Source', { serverAccessLogsBucket: l2 });
    const l1 = new s3.Bucket(stack, 'L1Logs', { bucketName: 'l1-logs' });
    grantLoggingService(l1);
    new s3.CfnBucket(stack, 'L1Source', { loggingConfiguration: { destinationBucketName: 'l1-logs' } });
    const cfnLogs = new s3.CfnBucket(stack, 'CfnLogs', {
      bucketName: 'cfn-logs',
      ...LOG_DELIVERY_ACL,
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
    });
    new s3.CfnBucket(stack, 'CfnSource', { loggingConfiguration: { destinationBucketName: cfnLogs.ref } });
    new AccessLoggedBucket(stack, 'Ours');

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [stack], DESTINATION_ENCRYPTION);
  });

  test('reports nothing for an unencrypted destination (S3 then applies SSE-S3)', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const logs = new s3.CfnBucket(stack, 'Logs', { ...LOG_DELIVERY_ACL });
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.ref } });

    expectNoFinding(app, [stack], DESTINATION_ENCRYPTION);
  });
});

describe('checkDestinationEncryption: KMS and DSSE-KMS', () => {
  test('throws for an s3.Bucket destination with SSE-KMS (aws:kms), on the destination', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS_MANAGED });
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs });

    expect(() => app.synth()).toThrow(encryptionError('Stack/Logs', 'Stack/Source', 'aws:kms with the AWS managed key aws/s3'));
  });

  test('warns (documented as unsupported, reported to work) for an s3.Bucket destination with a customer managed key that aws-cdk-lib grants', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS });
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs });

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Logs', Match.stringLikeRegexp(
      'SSE-KMS with a customer managed key\\. The S3 User Guide documents SSE-S3 \\(AES256\\).*aws/aws-cdk#25350.*destinationEncryption'));
  });

  test('throws for a destination whose key policy does not let the logging service use its customer managed key', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const key = new kms.Key(stack, 'Key');
    const logs = new s3.Bucket(stack, 'Logs', { encryptionKey: key });
    grantLoggingService(logs);
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName } });

    expect(() => app.synth()).toThrow('[Stack/Logs] Stack/Logs receives the server access logs of Stack/Source, but its default encryption is '
      + 'SSE-KMS with a key whose key policy does not let logging.s3.amazonaws.com use it');
  });

  test('warns for a destination whose default encryption algorithm is a parameter', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const algorithm = new CfnParameter(stack, 'Algorithm', { default: 'AES256' });
    const logs = new s3.CfnBucket(stack, 'Logs', {
      ...LOG_DELIVERY_ACL,
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: algorithm.valueAsString } }] },
    });
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.ref } });

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Logs', Match.stringLikeRegexp(
      'its default encryption algorithm is chosen at deploy \\(\\{"Ref":"Algorithm"\\}\\).*destinationEncryption'));
  });

  test('throws for an s3.Bucket destination with DSSE-KMS (aws:kms:dsse)', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack');
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.DSSE_MANAGED });
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs });

    expect(() => app.synth()).toThrow(encryptionError('Stack/Logs', 'Stack/Source', 'aws:kms:dsse'));
  });

  test('throws for a CfnBucket destination with aws:kms, once for all its sources', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.CfnBucket(stack, 'Logs', {
      ...LOG_DELIVERY_ACL,
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] },
    });
    for (const id of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']) {
      new s3.CfnBucket(stack, id, { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: `${id}/` } });
    }

    expect(() => app.synth()).toThrow(encryptionError('Stack/Logs', 'Stack/S1, Stack/S2, Stack/S3, Stack/S4, Stack/S5 and 2 more',
      'aws:kms with the AWS managed key aws/s3'));
    expect(errorLines(app, DESTINATION_ENCRYPTION)).toHaveLength(1);
  });

  test('throws for an AccessLoggedBucket whose destination, named by literal name, is a DSSE-KMS bucket of another stack', () => {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    const logs = new s3.Bucket(logsStack, 'Logs', { bucketName: 'dsse-logs', encryption: s3.BucketEncryption.DSSE_MANAGED });
    grantLoggingService(logs);
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new AccessLoggedBucket(dataStack, 'Data', { destinationBucket: s3.Bucket.fromBucketName(dataStack, 'Logs', 'dsse-logs') });

    expect(() => app.synth()).toThrow(encryptionError('LogsStack/Logs', 'DataStack/Data/Bucket', 'aws:kms:dsse'));
  });

  test('does not check a bucket that receives no logs', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    new s3.Bucket(stack, 'Kms', { encryption: s3.BucketEncryption.KMS_MANAGED });
    new AccessLogsBucket(stack, 'Logs');

    expectNoFinding(app, [stack], DESTINATION_ENCRYPTION);
  });
});
