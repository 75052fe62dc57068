import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { DENY_BLOCKS_DELIVERY, DENY_MAY_BLOCK_DELIVERY } from '../../../src/checks/rules/deny-blocks-delivery';
import { checkedApp, errorLines, EU, expectNoFinding, lit, LOG_DELIVERY_ACL, LOGGING_SERVICE, synthErrors, USE_BUCKET_POLICY_FLAG, warningsWithId } from '../../support/checks';

/** A Deny of every S3 action on the bucket's objects to every principal, under some conditions. */
function denyAll(bucket: s3.IBucket, conditions?: Record<string, unknown>, sid?: string): iam.PolicyStatement {
  const statement = new iam.PolicyStatement({
    sid,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:*'],
    resources: [bucket.arnForObjects('*')],
    conditions,
  });
  bucket.addToResourcePolicy(statement);
  return statement;
}

const OUTSIDE_ORG = { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } };

describe('checkDenyBlocksDelivery: compliant', () => {
  test('does not count enforceSSL (Deny when aws:SecureTransport is false) against delivery', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true });
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs });
    new AccessLoggedBucket(stack, 'Ours');

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [stack], DENY_MAY_BLOCK_DELIVERY);
  });

  test('does not count a PrincipalOrgID Deny that exempts AWS services (BoolIfExists aws:PrincipalIsAWSService false)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const data = new AccessLoggedBucket(stack, 'Data');
    denyAll(data.destinationBucket, { ...OUTSIDE_ORG, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } });

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [stack], DENY_MAY_BLOCK_DELIVERY);
  });

  test('does not count a Deny for another principal, another action or another prefix', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const logs = new AccessLogsBucket(stack, 'Logs');
    logs.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AccountRootPrincipal()], actions: ['s3:PutObject'], resources: [logs.arnForObjects('*')],
    }));
    logs.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:DeleteObject'], resources: [logs.arnForObjects('*')],
    }));
    logs.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:*'], resources: [logs.arnForObjects('other/*')],
    }));
    // The CfnBucket has no grant of its own: the AccessLoggedBucket's grant for "logs/*" covers it too.
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: 'logs/' } });
    new AccessLoggedBucket(stack, 'Ours', { destinationBucket: logs, logFilePrefix: 'logs/' });

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [stack], DENY_MAY_BLOCK_DELIVERY);
  });
});

describe('checkDenyBlocksDelivery: a Deny that catches the logging service', () => {
  test('throws for a Deny outside the organization (StringNotEquals aws:PrincipalOrgID), naming the statement', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const data = new AccessLoggedBucket(stack, 'Data');
    denyAll(data.destinationBucket, OUTSIDE_ORG, 'DenyOutsideOrg');

    // THEN
    expect(() => app.synth()).toThrow(new RegExp(
      lit('[Stack/Data/AccessLogsBucket] Stack/Data/AccessLogsBucket: its bucket policy\'s Deny statement "DenyOutsideOrg" ({')
      + '.*' + lit('"aws:PrincipalOrgID":"o-abc123"') + '.*'
      + lit('}) denies the S3 logging service (logging.s3.amazonaws.com) s3:PutObject for the logs of Stack/Data/Bucket, so S3 drops them. ')
      + lit('Exclude the service from the Deny, e.g. with the condition "BoolIfExists": { "aws:PrincipalIsAWSService": "false" }. ')
      + lit('[cdk-s3-access-logs:denyBlocksDelivery]'),
    ));
  });

  test.each<[string, Record<string, unknown>]>([
    ['unless s3:x-amz-server-side-encryption is AES256 (the AWS Quick Start bug)', { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } }],
    ['when s3:x-amz-server-side-encryption is missing', { Null: { 's3:x-amz-server-side-encryption': 'true' } }],
  ])('throws for a Deny of s3:PutObject %s: log delivery sends no encryption header', (_name, condition) => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const data = new AccessLoggedBucket(stack, 'Data');
    denyAll(data.destinationBucket, condition, 'DenyUnencryptedUploads');

    expect(errorLines(app, DENY_BLOCKS_DELIVERY)).toEqual([
      expect.stringContaining('Deny statement "DenyUnencryptedUploads"'),
    ]);
  });

  test('does not throw for a Deny of uploads that ask for SSE-KMS: log delivery asks for no encryption', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const data = new AccessLoggedBucket(stack, 'Data');
    denyAll(data.destinationBucket, { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } }, 'DenyKmsUploads');

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [stack], DENY_MAY_BLOCK_DELIVERY);
  });

  test('throws across stacks, and numbers an unnamed Deny among the Deny statements', () => {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    const logs = new AccessLogsBucket(logsStack, 'Logs');
    denyAll(logs, OUTSIDE_ORG);
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new AccessLoggedBucket(dataStack, 'Data', { destinationBucket: logs });

    // The AccessLogsBucket's own enforceSSL Deny is #1.
    expect(errorLines(app, DENY_BLOCKS_DELIVERY)).toEqual([
      expect.stringContaining("[LogsStack/Logs] LogsStack/Logs: its bucket policy's Deny statement #2 ("),
    ]);
    expect(errorLines(app, DENY_BLOCKS_DELIVERY)[0]).toContain('for the logs of DataStack/Data/Bucket, so S3 drops them.');
  });

  test('throws for an unconditional NotPrincipal Deny that does not except the logging service (s3.Bucket destination)', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { accessControl: s3.BucketAccessControl.LOG_DELIVERY_WRITE });
    logs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OnlyTheAccount',
      effect: iam.Effect.DENY,
      notPrincipals: [new iam.AccountRootPrincipal()],
      actions: ['s3:PutObject'],
      resources: [logs.arnForObjects('*')],
    }));
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName } });

    expect(() => app.synth()).toThrow(/\[Stack\/Logs\] Stack\/Logs: its bucket policy's Deny statement "OnlyTheAccount" .* for the logs of Stack\/Source, so S3 drops them\./);
  });

  test('does not throw for a NotPrincipal Deny that names the logging service', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const logs = new AccessLogsBucket(stack, 'Logs');
    logs.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      notPrincipals: [new iam.ServicePrincipal(LOGGING_SERVICE)],
      actions: ['s3:PutObject'],
      resources: [logs.arnForObjects('*')],
    }));
    new AccessLoggedBucket(stack, 'Data', { destinationBucket: logs });

    expectNoFinding(app, [stack], DENY_BLOCKS_DELIVERY);
  });

  test('throws for a Deny on a CfnBucketPolicy of a CfnBucket destination', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.CfnBucket(stack, 'Logs', { ...LOG_DELIVERY_ACL });
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: logs.ref,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'NoPuts', Effect: 'Deny', Principal: '*', Action: 's3:Put*', Resource: `${logs.attrArn}/logs/*` }],
      },
    });
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: 'logs/' } });

    expect(() => app.synth()).toThrow(/\[Stack\/Logs\] Stack\/Logs: its bucket policy's Deny statement "NoPuts" .*\[cdk-s3-access-logs:denyBlocksDelivery\]/);
  });

  test('a Deny with ForAnyValue:StringNotLike on aws:PrincipalOrgPaths passes synth: it never applies to the logging service', () => {
    // IAM: ForAnyValue is false when the key is absent, and aws:PrincipalOrgPaths is absent for a service principal.
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const data = new AccessLoggedBucket(stack, 'Data');
    denyAll(data.destinationBucket, { 'ForAnyValue:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-abc123/r-ab12/ou-ab12-11111111/*' } });

    expect(synthErrors(app)).toBe('');
  });
});

describe('checkDenyBlocksDelivery: a Deny that cannot be decided at synth', () => {
  test('warns denyMayBlockDelivery for a Deny with an unknown condition key', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const data = new AccessLoggedBucket(stack, 'Data');
    denyAll(data.destinationBucket, { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }, 'OnlyFromVpce');

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Data/AccessLogsBucket', Match.stringLikeRegexp(
      lit('Stack/Data/AccessLogsBucket: its bucket policy\'s Deny statement "OnlyFromVpce" (') + '.*' + lit('"aws:SourceVpce":"vpce-1a2b3c4d"')
      + '.*' + lit(') may deny the S3 logging service s3:PutObject for the logs of Stack/Data/Bucket; its conditions or resources cannot be decided at synth. ')
      + lit('Check that it does not apply to logging.s3.amazonaws.com. [ack: cdk-s3-access-logs:denyMayBlockDelivery]'),
    ));
    expect(errorLines(app, DENY_BLOCKS_DELIVERY)).toEqual([]);
  });

  test('warns once per Deny statement, for all the sources it may catch', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const logs = new AccessLogsBucket(stack, 'Logs');
    denyAll(logs, { StringNotEquals: { 'aws:SourceIp': '192.0.2.0/24' } });
    new AccessLoggedBucket(stack, 'One', { destinationBucket: logs });
    new AccessLoggedBucket(stack, 'Two', { destinationBucket: logs });

    expect(warningsWithId(stack, DENY_MAY_BLOCK_DELIVERY)).toEqual([
      expect.stringContaining('for the logs of Stack/One/Bucket, Stack/Two/Bucket;'),
    ]);
  });

  test('skips a source whose prefix is a token', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const logs = new s3.Bucket(stack, 'Logs', { accessControl: s3.BucketAccessControl.LOG_DELIVERY_WRITE });
    denyAll(logs, OUTSIDE_ORG);
    const prefix = new CfnParameter(stack, 'Prefix').valueAsString;
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: prefix } });

    expectNoFinding(app, [stack], DENY_BLOCKS_DELIVERY);
    expectNoFinding(app, [stack], DENY_MAY_BLOCK_DELIVERY);
  });
});
