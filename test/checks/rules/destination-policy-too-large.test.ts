import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { BUCKET_POLICY_LIMIT_BYTES, deployedPolicyBytes, DESTINATION_POLICY_MAY_BE_TOO_LARGE, DESTINATION_POLICY_TOO_LARGE } from '../../../src/checks/rules/destination-policy-too-large';
import { checkedApp, errorLines, EU, expectNoFinding, grantLoggingService, lit, LOGGING_SERVICE, synthErrors, USE_BUCKET_POLICY_FLAG } from '../../support/checks';

/** `count` Allow statements of about 1 KB each, all literal, so that their deployed size is known exactly. */
function addBigStatements(bucket: s3.IBucket, bucketName: string, count: number): void {
  for (let i = 0; i < count; i++) {
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: `Big${i}`,
      principals: [new iam.ServicePrincipal(LOGGING_SERVICE)],
      actions: ['s3:PutObject'],
      resources: [`arn:aws:s3:::${bucketName}/${'p'.repeat(900)}/${i}/*`],
    }));
  }
}

/** The bytes of a policy whose every value is a literal: exactly what S3 counts. */
function literalPolicyBytes(bucket: s3.IBucket): number {
  const document = Stack.of(bucket).resolve(bucket.policy!.document);
  expect(JSON.stringify(document)).not.toMatch(/"Ref"|"Fn::/);
  return Buffer.byteLength(JSON.stringify(document), 'utf8');
}

describe('checkDestinationPolicyTooLarge: compliant', () => {
  test('reports nothing for an AccessLogsBucket with 100 sources: one statement per prefix', () => {
    const app = new App({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    const logs = new AccessLogsBucket(logsStack, 'Logs');
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    for (let i = 0; i < 50; i++) {
      new s3.Bucket(logsStack, `Local${i}`, { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'local/' });
      new AccessLoggedBucket(dataStack, `Remote${i}`, { destinationBucket: logs, logFilePrefix: 'remote/' });
    }

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [logsStack, dataStack], DESTINATION_POLICY_MAY_BE_TOO_LARGE);
  });

  test('reports nothing for a big policy on a bucket that receives no logs', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'NotLogs', { bucketName: 'not-logs' });
    addBigStatements(bucket, 'not-logs', 25);
    expect(literalPolicyBytes(bucket)).toBeGreaterThan(BUCKET_POLICY_LIMIT_BYTES);

    expectNoFinding(app, [stack], DESTINATION_POLICY_TOO_LARGE);
  });
});

describe('checkDestinationPolicyTooLarge: over 20 KB', () => {
  test('throws destinationPolicyTooLarge for many big statements added with addToResourcePolicy, with the exact size', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { bucketName: 'big-policy-logs' });
    addBigStatements(logs, 'big-policy-logs', 25);
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: 'big-policy-logs' } });

    // WHEN
    const bytes = literalPolicyBytes(logs);
    expect(bytes).toBeGreaterThan(BUCKET_POLICY_LIMIT_BYTES);

    // THEN
    expect(() => app.synth()).toThrow(new RegExp(lit(
      `[Stack/Logs] Stack/Logs: its bucket policy will be at least ${bytes} bytes once deployed, and S3 allows 20480 (20 KB); `
      + 'it receives the logs of 1 source(s). Grant delivery once per prefix instead of once per source: '
      + 'use an AccessLogsBucket, whose policy holds one statement per prefix. [cdk-s3-access-logs:destinationPolicyTooLarge]',
    )));
  });

  test("throws destinationPolicyTooLarge for aws-cdk-lib's own grants to 90 s3.Bucket sources (one statement each)", () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    for (let i = 0; i < 90; i++) {
      new s3.Bucket(stack, `Source${i}`, { serverAccessLogsBucket: logs, serverAccessLogsPrefix: `source-${i}/` });
    }
    const least = deployedPolicyBytes(stack.resolve(logs.policy!.document), 3);
    expect(least).toBeGreaterThan(BUCKET_POLICY_LIMIT_BYTES);

    expect(() => app.synth()).toThrow(
      new RegExp(lit(`[Stack/Logs] Stack/Logs: its bucket policy will be at least ${least} bytes once deployed`) + '.*' + lit('the logs of 90 source(s).')),
    );
    expect(errorLines(app, DESTINATION_POLICY_TOO_LARGE)).toHaveLength(1);
  });

  test('throws for an AccessLoggedBucket whose destination, of another stack, holds an oversized policy', () => {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack');
    const logs = new s3.Bucket(logsStack, 'Logs', { bucketName: 'big-policy-logs' });
    addBigStatements(logs, 'big-policy-logs', 25);
    grantLoggingService(logs);
    const dataStack = new Stack(app, 'DataStack');
    new AccessLoggedBucket(dataStack, 'Data', { destinationBucket: s3.Bucket.fromBucketName(dataStack, 'Logs', 'big-policy-logs') });

    expect(errorLines(app, DESTINATION_POLICY_TOO_LARGE)).toEqual([
      expect.stringMatching(/^ {2}\[LogsStack\/Logs\] LogsStack\/Logs: its bucket policy will be at least \d+ bytes once deployed/),
    ]);
  });
});

describe('checkDestinationPolicyTooLarge: size depends on names unknown at synth', () => {
  test("warns destinationPolicyMayBeTooLarge for aws-cdk-lib's grants to 60 sources whose names are generated", () => {
    // GIVEN: each statement names its source by Fn::GetAtt; 3-character names fit, 63-character names do not.
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    for (let i = 0; i < 60; i++) {
      new s3.Bucket(stack, `Source${i}`, { serverAccessLogsBucket: logs, serverAccessLogsPrefix: `source-${i}/` });
    }
    const document = stack.resolve(logs.policy!.document);
    const [least, most] = [deployedPolicyBytes(document, 3), deployedPolicyBytes(document, 63)];
    expect(least).toBeLessThanOrEqual(BUCKET_POLICY_LIMIT_BYTES);
    expect(most).toBeGreaterThan(BUCKET_POLICY_LIMIT_BYTES);

    // THEN
    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Logs', Match.stringLikeRegexp(lit(
      `Stack/Logs: its bucket policy will be between ${least} and ${most} bytes once deployed, and S3 allows 20480 (20 KB); `
      + 'it receives the logs of 60 source(s).',
    ) + '.*' + lit('[ack: cdk-s3-access-logs:destinationPolicyMayBeTooLarge]')));
  });
});

describe('deployedPolicyBytes', () => {
  test('counts a literal document as its JSON', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: 'arn:aws:s3:::b/*' }] };
    expect(deployedPolicyBytes(document, 3)).toBe(JSON.stringify(document).length);
    expect(deployedPolicyBytes(document, 63)).toBe(JSON.stringify(document).length);
  });

  test('substitutes names unknown at synth by the given length, and pseudo parameters by real-length values', () => {
    const document = {
      Statement: [{
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Logs', 'Arn'] }, '/*']] },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }],
    };
    const expected = (name: string) => JSON.stringify({
      Statement: [{ Resource: `arn:aws:s3:::${name}/*`, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }],
    }).length;
    expect(deployedPolicyBytes(document, 3)).toBe(expected('xxx'));
    expect(deployedPolicyBytes(document, 63)).toBe(expected('x'.repeat(63)));
  });
});
