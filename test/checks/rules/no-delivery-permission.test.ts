import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { NO_DELIVERY_PERMISSION } from '../../../src/checks/rules/no-delivery-permission';
import { ACCOUNT, checkedApp, errorLines, EU, expectNoFinding, grantLoggingService, lit, LOG_DELIVERY_ACL, LOGGING_SERVICE, OTHER_ACCOUNT, synthErrors, US, USE_BUCKET_POLICY_FLAG } from '../../support/checks';

function noPermissionError(destination: string, sources: string, prefix: string): RegExp {
  return new RegExp(lit(
    `[${destination}] ${destination} receives the server access logs of ${sources} under prefix "${prefix}", `
    + 'but its bucket policy does not let the S3 logging service write them, and S3 refuses such a logging configuration. '
    + 'Use an AccessLogsBucket (it grants delivery itself), or add an Allow statement for the service principal '
    + `logging.s3.amazonaws.com, action s3:PutObject, resource "<bucket ARN>/${prefix}*", with the conditions aws:SourceAccount `
    + '(the source\'s account) and aws:SourceArn (the source bucket\'s ARN, arn:<partition>:s3:::<source bucket>). '
    + '[cdk-s3-access-logs:noDeliveryPermission]',
  ));
}

describe('checkNoDeliveryPermission: compliant', () => {
  test('accepts a destination whose canned ACL is LogDeliveryWrite (CfnBucket)', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.CfnBucket(stack, 'Logs', { ...LOG_DELIVERY_ACL });
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: 'logs/' } });

    expect(synthErrors(app)).toBe('');
  });

  test('refuses a LogDeliveryWrite ACL on a bucket without OwnershipControls (BucketOwnerEnforced: ACLs are disabled), saying why', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.CfnBucket(stack, 'Logs', { accessControl: 'LogDeliveryWrite' });
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: 'logs/' } });

    expect(errorLines(app, NO_DELIVERY_PERMISSION)).toEqual([expect.stringContaining('Its LogDeliveryWrite ACL grants nothing: without '
      + 'OwnershipControls of ObjectWriter or BucketOwnerPreferred the bucket is BucketOwnerEnforced (the default since April 2023)')]);
  });

  test.each(['ObjectWriter', 'BucketOwnerPreferred'])('accepts the ACL with OwnershipControls %s', objectOwnership => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.CfnBucket(stack, 'Logs', { accessControl: 'LogDeliveryWrite', ownershipControls: { rules: [{ objectOwnership }] } });
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: 'logs/' } });

    expect(synthErrors(app)).toBe('');
  });

  test("accepts aws-cdk-lib's legacy grant: the LogDeliveryWrite ACL an s3.Bucket sets without the feature flag", () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'logs/' });

    expect(synthErrors(app)).toBe('');
  });

  test("accepts aws-cdk-lib's own policy grant (serverAccessLogsUseBucketPolicy), in one stack and across stacks", () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    const logs = new s3.Bucket(logsStack, 'Logs');
    new s3.Bucket(logsStack, 'Local', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'local/' });
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new s3.Bucket(dataStack, 'Remote', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'remote/' });

    expect(synthErrors(app)).toBe('');
  });

  test.each([false, true])('accepts an AccessLogsBucket as destination of s3.Buckets, in one stack and across stacks (flag %s)', flag => {
    const app = new App({ context: { [USE_BUCKET_POLICY_FLAG]: flag } });
    const logsStack = new Stack(app, 'LogsStack');
    const logs = new AccessLogsBucket(logsStack, 'Logs');
    new s3.Bucket(logsStack, 'Local', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'local/' });
    const dataStack = new Stack(app, 'DataStack');
    new s3.Bucket(dataStack, 'Remote', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'remote/' });
    new AccessLoggedBucket(dataStack, 'Ours', { destinationBucket: logs, logFilePrefix: 'ours' });

    expect(synthErrors(app)).toBe('');
  });

  test('accepts an AccessLoggedBucket whose destination is a plain s3.Bucket of the app (it grants there)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    new AccessLoggedBucket(stack, 'Data', { destinationBucket: logs, logFilePrefix: 'data/' });

    expect(synthErrors(app)).toBe('');
  });

  test('accepts a grant for the exact prefix, for a partitioned key format too', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    grantLoggingService(logs, 'logs/*');
    new s3.CfnBucket(stack, 'Simple', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: 'logs/simple/' } });
    new s3.CfnBucket(stack, 'Partitioned', {
      loggingConfiguration: {
        destinationBucketName: logs.bucketName,
        logFilePrefix: 'logs/',
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
      },
    });

    expect(synthErrors(app)).toBe('');
  });

  test('does not error when the prefix is a token (it cannot be checked)', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const prefix = new CfnParameter(stack, 'Prefix').valueAsString;
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: prefix } });

    expectNoFinding(app, [stack], NO_DELIVERY_PERMISSION);
  });

  test('does not error when the grant names its resource with a value unknown at synth', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const logs = new s3.Bucket(stack, 'Logs');
    grantLoggingService(logs, `${new CfnParameter(stack, 'Prefix').valueAsString}*`);
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: 'logs/' } });

    expectNoFinding(app, [stack], NO_DELIVERY_PERMISSION);
  });
});

describe('checkNoDeliveryPermission: no grant', () => {
  test('throws for a destination without any grant (CfnBucket source, s3.Bucket destination)', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: 'logs/' } });

    expect(() => app.synth()).toThrow(noPermissionError('Stack/Logs', 'Stack/Source', 'logs/'));
  });

  test('throws across stacks for an AccessLoggedBucket whose destination is an ungranted bucket of the app imported by name', () => {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack');
    new s3.Bucket(logsStack, 'Logs', { bucketName: 'ungranted-logs' });
    const dataStack = new Stack(app, 'DataStack');
    new AccessLoggedBucket(dataStack, 'Data', { destinationBucket: s3.Bucket.fromBucketName(dataStack, 'Logs', 'ungranted-logs') });

    expect(() => app.synth()).toThrow(noPermissionError('LogsStack/Logs', 'DataStack/Data/Bucket', ''));
  });

  test("throws for a grant for the wrong prefix ('other/*'), for CfnBucket and s3.Bucket sources", () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { bucketName: 'prefixed-logs' });
    grantLoggingService(logs, 'other/*');
    new s3.CfnBucket(stack, 'CfnSource', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: 'logs/' } });
    new s3.Bucket(stack, 'L2Source', {
      serverAccessLogsBucket: s3.Bucket.fromBucketName(stack, 'LogsByName', 'prefixed-logs'),
      serverAccessLogsPrefix: 'logs/',
    });
    new s3.CfnBucket(stack, 'Granted', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: 'other/x/' } });

    expect(() => app.synth()).toThrow(noPermissionError('Stack/Logs', 'Stack/CfnSource, Stack/L2Source', 'logs/'));
    expect(errorLines(app, NO_DELIVERY_PERMISSION)).toHaveLength(1);
  });

  test('throws once per prefix that lacks a grant', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const logs = new s3.Bucket(stack, 'Logs');
    grantLoggingService(logs, 'a/*');
    for (const [id, prefix] of [['A', 'a/'], ['B', 'b/'], ['C', 'c/'], ['C2', 'c/']]) {
      new s3.CfnBucket(stack, id, { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: prefix } });
    }

    expect(errorLines(app, NO_DELIVERY_PERMISSION)).toEqual([
      expect.stringContaining('Stack/Logs receives the server access logs of Stack/B under prefix "b/"'),
      expect.stringContaining('Stack/Logs receives the server access logs of Stack/C, Stack/C2 under prefix "c/"'),
    ]);
  });

  test.each([
    ['another principal', { principals: [new iam.AccountRootPrincipal()], actions: ['s3:PutObject'] }],
    ['another action', { principals: [new iam.ServicePrincipal(LOGGING_SERVICE)], actions: ['s3:GetObject'] }],
  ])('throws when the only Allow is for %s', (_, statement) => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    logs.addToResourcePolicy(new iam.PolicyStatement({ ...statement, resources: [logs.arnForObjects('*')] }));
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName } });

    expect(() => app.synth()).toThrow(noPermissionError('Stack/Logs', 'Stack/Source', ''));
  });
});

describe('checkNoDeliveryPermission: an Allow whose conditions the logging service does not meet', () => {
  /** A destination granted only by `condition`, and a source in its stack logging into it. */
  function grantedOnlyOn(condition: Record<string, unknown>): App {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs', { bucketName: 'conditional-logs' });
    logs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'Delivery',
      principals: [new iam.ServicePrincipal(LOGGING_SERVICE)],
      actions: ['s3:PutObject'],
      resources: [logs.arnForObjects('*')],
      conditions: condition,
    }));
    new s3.CfnBucket(stack, 'Source', { bucketName: 'the-source', loggingConfiguration: { destinationBucketName: logs.bucketName } });
    return app;
  }

  test.each<[string, Record<string, unknown>, string]>([
    ['aws:SourceAccount of another account', { StringEquals: { 'aws:SourceAccount': OTHER_ACCOUNT } }, `StringEquals aws:SourceAccount "${OTHER_ACCOUNT}"`],
    ['aws:SourceArn of the destination itself', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::conditional-logs' } }, 'ArnLike aws:SourceArn "arn:aws:s3:::conditional-logs"'],
    ['aws:SourceArn of an object pattern of the source', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::the-source/*' } }, 'ArnLike aws:SourceArn "arn:aws:s3:::the-source/*"'],
  ])('throws for %s, naming the condition', (_name, condition, named) => {
    const errors = synthErrors(grantedOnlyOn(condition));

    expect(errors).toContain('[Stack/Logs] Stack/Logs receives the server access logs of Stack/Source under prefix "", its bucket policy admits the '
      + `S3 logging service under that prefix only on conditions the service's request for them does not meet (${named}: `);
    expect(errors).toContain('[cdk-s3-access-logs:noDeliveryPermission]');
  });

  test('does not throw when the conditions name the source and its account', () => {
    const app = grantedOnlyOn({ StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::the-source' } });

    expect(synthErrors(app)).not.toContain(`[${NO_DELIVERY_PERMISSION}]`);
  });
});

describe('checkNoDeliveryPermission: one root cause, one finding', () => {
  test('a source in another Region gets regionMismatch, not noDeliveryPermission too', () => {
    const app = checkedApp();
    new s3.Bucket(new Stack(app, 'Logs', { env: US }), 'Logs', { bucketName: 'us-logs' });
    new s3.CfnBucket(new Stack(app, 'Data', { env: EU }), 'Source', { loggingConfiguration: { destinationBucketName: 'us-logs' } });

    const errors = synthErrors(app);
    expect(errors).toContain('[cdk-s3-access-logs:regionMismatch]');
    expect(errors).not.toContain(`[${NO_DELIVERY_PERMISSION}]`);
  });

  test('buckets on a loop get loggingLoop, not noDeliveryPermission too', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    new s3.CfnBucket(stack, 'A', { bucketName: 'loop-a', loggingConfiguration: { destinationBucketName: 'loop-b' } });
    new s3.CfnBucket(stack, 'B', { bucketName: 'loop-b', loggingConfiguration: { destinationBucketName: 'loop-a' } });

    const errors = synthErrors(app);
    expect(errors).toContain('[cdk-s3-access-logs:loggingLoop]');
    expect(errors).not.toContain(`[${NO_DELIVERY_PERMISSION}]`);
  });
});
