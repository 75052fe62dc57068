import { App, CfnOutput, CfnParameter, Fn, Lazy, NestedStack, Stack, Stage, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../src';
import { buildLoggingModel, field } from '../../src/checks/build-model';
import { BucketNode, LoggingModel } from '../../src/checks/model';
import { checkDestinationEncryption } from '../../src/checks/rules/destination-encryption';
import { checkSelfLogging } from '../../src/checks/rules/self-logging';
import { runChecks } from '../../src/checks/run-checks';
import { EU, modelAtValidation, USE_BUCKET_POLICY_FLAG } from '../support/checks';

function byPath(model: LoggingModel, path: string): BucketNode {
  const node = model.buckets.find(b => b.path === path);
  if (!node) {
    throw new Error(`no bucket ${path} in ${model.buckets.map(b => b.path).join(', ')}`);
  }
  return node;
}

/** Where a bucket logs, with destination buckets by path. */
function edgeOf(node: BucketNode): unknown {
  if (!node.logging) {
    return undefined;
  }
  const { destination, prefix, keyFormat } = node.logging;
  return { destination: destination.kind === 'bucket' ? { kind: 'bucket', path: destination.bucket.path } : destination, prefix, keyFormat };
}

describe('buildLoggingModel: buckets', () => {
  test('holds every AWS::S3::Bucket in construct-tree order, reported on the L2 when the L1 is its default child', () => {
    const app = new App();
    const one = new Stack(app, 'One', { env: EU });
    new s3.Bucket(one, 'Plain');
    new s3.CfnBucket(one, 'Cfn');
    new AccessLoggedBucket(one, 'Ours');
    const two = new Stack(app, 'Two');
    new AccessLogsBucket(two, 'Logs');

    const model = buildLoggingModel(app);

    expect(model.buckets.map(b => b.path)).toEqual(['One/Plain', 'One/Cfn', 'One/Ours/Bucket', 'One/Ours/AccessLogsBucket', 'Two/Logs']);
    expect(model.buckets.map(b => b.stackPath)).toEqual(['One', 'One', 'One', 'One', 'Two']);
    expect(byPath(model, 'One/Plain').scope).toBe(one.node.findChild('Plain'));
    expect(byPath(model, 'One/Cfn').scope).toBe(one.node.findChild('Cfn'));
    expect(byPath(model, 'One/Cfn').logicalId).toBe('Cfn');
  });

  test("takes account and Region from the bucket's stack: literals, or tokens for an environment-agnostic stack", () => {
    const app = new App();
    new s3.CfnBucket(new Stack(app, 'Concrete', { env: EU }), 'Bucket');
    new s3.CfnBucket(new Stack(app, 'Agnostic'), 'Bucket');

    const model = buildLoggingModel(app);

    expect(byPath(model, 'Concrete/Bucket')).toMatchObject({ account: '111111111111', region: 'eu-west-1' });
    const agnostic = byPath(model, 'Agnostic/Bucket');
    expect(Token.isUnresolved(agnostic.account)).toBe(true);
    expect(Token.isUnresolved(agnostic.region)).toBe(true);
  });

  test('reads the literal name, encryption, Object Lock and canned ACL', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new s3.Bucket(stack, 'Named', { bucketName: 'named-bucket', encryption: s3.BucketEncryption.KMS_MANAGED, objectLockEnabled: true });
    new s3.Bucket(stack, 'Generated', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.CfnBucket(stack, 'Cfn', {
      bucketName: new CfnParameter(stack, 'Name').valueAsString,
      accessControl: 'LogDeliveryWrite',
      objectLockConfiguration: { objectLockEnabled: 'Enabled' },
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms:dsse' } }] },
    });
    new s3.CfnBucket(stack, 'Bare');

    const model = buildLoggingModel(app);

    expect(byPath(model, 'Stack/Named')).toMatchObject({ literalName: 'named-bucket', defaultEncryption: [{ algorithm: 'aws:kms', kmsKeyGiven: false }], objectLockEnabled: true, accessControl: undefined });
    expect(byPath(model, 'Stack/Generated')).toMatchObject({ literalName: undefined, defaultEncryption: [{ algorithm: 'AES256', kmsKeyGiven: false }], objectLockEnabled: false });
    expect(byPath(model, 'Stack/Cfn')).toMatchObject({ literalName: undefined, defaultEncryption: [{ algorithm: 'aws:kms:dsse', kmsKeyGiven: false }], objectLockEnabled: true, accessControl: 'LogDeliveryWrite' });
    expect(byPath(model, 'Stack/Bare')).toMatchObject({ defaultEncryption: [], objectLockEnabled: false, policyDocuments: [] });
  });

  test('attaches each bucket policy to its bucket: by Ref, and by literal name from another stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket', { bucketName: 'policy-target' });
    bucket.addToResourcePolicy(new iam.PolicyStatement({ sid: 'ByRef', actions: ['s3:GetObject'], principals: [new iam.AnyPrincipal()], resources: ['*'] }));
    new s3.CfnBucketPolicy(new Stack(app, 'Other'), 'Policy', {
      bucket: 'policy-target',
      policyDocument: { Statement: [{ Sid: 'ByName', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] },
    });

    const node = byPath(buildLoggingModel(app), 'Stack/Bucket');

    expect(node.policyDocuments.map(d => (d as any).Statement[0].Sid)).toEqual(['ByRef', 'ByName']);
  });

  test('resolves a policy document when a check first reads it, and never that of a bucket receiving no logs', () => {
    // GIVEN a source and its destination, each with a policy that counts how often it is resolved
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const resolutions = { source: 0, destination: 0 };
    const counted = (bucket: keyof typeof resolutions) => Lazy.uncachedAny({
      produce: () => {
        resolutions[bucket]++;
        return { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' }] };
      },
    });
    const destination = new s3.CfnBucket(stack, 'Destination');
    const source = new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: destination.ref } });
    new s3.CfnBucketPolicy(stack, 'DestinationPolicy', { bucket: destination.ref, policyDocument: counted('destination') });
    new s3.CfnBucketPolicy(stack, 'SourcePolicy', { bucket: source.ref, policyDocument: counted('source') });

    // WHEN
    const model = buildLoggingModel(app);
    const before = { ...resolutions };
    runChecks(model);

    // THEN only the destination's policy was resolved, once, by the checks that read it
    expect(before).toEqual({ source: 0, destination: 0 });
    expect(resolutions).toEqual({ source: 0, destination: 1 });
    expect(byPath(model, 'Stack/Source').policyDocuments).toHaveLength(1);
  });
});

describe('buildLoggingModel: logging edges', () => {
  test('has no edge for a bucket without logging', () => {
    const app = new App();
    new s3.Bucket(new Stack(app, 'Stack'), 'Bucket');

    expect(buildLoggingModel(app).buckets[0].logging).toBeUndefined();
  });

  test('follows Ref and literal names within a stack, with the prefix and key format', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const logs = new s3.CfnBucket(stack, 'Logs', { bucketName: 'the-logs' });
    new s3.CfnBucket(stack, 'ByRef', { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: 'ref/' } });
    new s3.CfnBucket(stack, 'ByName', {
      loggingConfiguration: {
        destinationBucketName: 'the-logs',
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'DeliveryTime' } },
      },
    });
    new s3.CfnBucket(stack, 'SimpleFormat', { loggingConfiguration: { destinationBucketName: 'the-logs', targetObjectKeyFormat: { simplePrefix: {} } } });

    const model = buildLoggingModel(app);

    expect(edgeOf(byPath(model, 'Stack/ByRef'))).toEqual({ destination: { kind: 'bucket', path: 'Stack/Logs' }, prefix: 'ref/', keyFormat: 'simple' });
    expect(edgeOf(byPath(model, 'Stack/ByName'))).toEqual({ destination: { kind: 'bucket', path: 'Stack/Logs' }, prefix: '', keyFormat: 'partitioned' });
    expect(edgeOf(byPath(model, 'Stack/SimpleFormat'))).toMatchObject({ keyFormat: 'simple' });
  });

  test('takes a LoggingConfiguration without DestinationBucketName (or an empty one) as logging into itself', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new s3.CfnBucket(stack, 'Empty', { loggingConfiguration: {} });
    new s3.CfnBucket(stack, 'EmptyName', { loggingConfiguration: { destinationBucketName: '', logFilePrefix: 'self/' } });
    new s3.Bucket(stack, 'PrefixOnly', { serverAccessLogsPrefix: 'self/' });

    const model = buildLoggingModel(app);

    for (const path of ['Stack/Empty', 'Stack/EmptyName', 'Stack/PrefixOnly']) {
      expect(edgeOf(byPath(model, path))).toMatchObject({ destination: { kind: 'bucket', path } });
    }
  });

  test('follows a cross-stack reference through the Fn::ImportValue of its export (at validation time)', () => {
    const app = new App({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const logs = new s3.Bucket(new Stack(app, 'LogsStack', { env: EU }), 'Logs');
    new s3.Bucket(new Stack(app, 'DataStack', { env: EU }), 'Source', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'data/' });

    const model = modelAtValidation(app);

    expect(edgeOf(byPath(model, 'DataStack/Source'))).toEqual({ destination: { kind: 'bucket', path: 'LogsStack/Logs' }, prefix: 'data/', keyFormat: 'simple' });
  });

  test('follows an explicit export of the app: CfnOutput with exportName and Fn.importValue', () => {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack');
    const logs = new s3.CfnBucket(logsStack, 'Logs');
    new CfnOutput(logsStack, 'LogsName', { value: logs.ref, exportName: 'SharedLogs' });
    new s3.CfnBucket(new Stack(app, 'DataStack'), 'Source', { loggingConfiguration: { destinationBucketName: Fn.importValue('SharedLogs') } });

    expect(edgeOf(byPath(buildLoggingModel(app), 'DataStack/Source'))).toMatchObject({ destination: { kind: 'bucket', path: 'LogsStack/Logs' } });
  });

  test('makes a literal name of no bucket of the app external, with the environment of an import of that name', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    s3.Bucket.fromBucketAttributes(stack, 'Imported', { bucketName: 'imported-logs', account: '222222222222', region: 'us-east-1' });
    new s3.CfnBucket(stack, 'ToImported', { loggingConfiguration: { destinationBucketName: 'imported-logs' } });
    new s3.CfnBucket(stack, 'ToUnknown', { loggingConfiguration: { destinationBucketName: 'somewhere-else' } });

    const model = buildLoggingModel(app);

    expect(edgeOf(byPath(model, 'Stack/ToImported'))).toMatchObject({
      destination: { kind: 'external', name: 'imported-logs', path: 'Stack/Imported', account: '222222222222', region: 'us-east-1' },
    });
    expect(edgeOf(byPath(model, 'Stack/ToUnknown'))).toMatchObject({
      destination: { kind: 'external', name: 'somewhere-else', path: undefined, account: undefined, region: undefined },
    });
  });

  test('makes a value it cannot follow unknown, with its expression, and keeps a token prefix as a token', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const prefix = new CfnParameter(stack, 'Prefix').valueAsString;
    new s3.CfnBucket(stack, 'Source', {
      loggingConfiguration: { destinationBucketName: new CfnParameter(stack, 'Destination').valueAsString, logFilePrefix: prefix },
    });

    const edge = byPath(buildLoggingModel(app), 'Stack/Source').logging!;

    expect(edge.destination).toEqual({ kind: 'unknown', expression: '{"Ref":"Destination"}' });
    expect(Token.isUnresolved(edge.prefix)).toBe(true);
  });

  test('accepts the CloudFormation spelling of LoggingConfiguration fields', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const cfn = new s3.CfnBucket(stack, 'Source');
    cfn.loggingConfiguration = { DestinationBucketName: 'elsewhere', LogFilePrefix: 'p/', TargetObjectKeyFormat: { PartitionedPrefix: {} } } as any;

    expect(edgeOf(byPath(buildLoggingModel(app), 'Stack/Source'))).toMatchObject({
      destination: { kind: 'external', name: 'elsewhere' }, prefix: 'p/', keyFormat: 'partitioned',
    });
  });

  test.failing('known limit, listed in the README: a LoggingConfiguration set with addPropertyOverride is not seen (a bucket that logs into itself passes)', () => {
    const app = new App();
    const cfn = new s3.CfnBucket(new Stack(app, 'Stack'), 'Self');
    cfn.addPropertyOverride('LoggingConfiguration', {});

    expect(checkSelfLogging(buildLoggingModel(app)).map(f => f.id)).toEqual(['cdk-s3-access-logs:selfLogging']);
  });

  test('follows a destination in the parent of a NestedStack through the nested stack\'s parameter, so a KMS destination is an error', () => {
    const app = new App();
    const parent = new Stack(app, 'Parent', { env: EU });
    const logs = new s3.Bucket(parent, 'Logs', { encryption: s3.BucketEncryption.KMS_MANAGED });
    new s3.CfnBucket(new NestedStack(parent, 'Nested'), 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName } });

    const model = modelAtValidation(app);

    expect(edgeOf(byPath(model, 'Parent/Nested/Source'))).toMatchObject({ destination: { kind: 'bucket', path: 'Parent/Logs' } });
    expect(checkDestinationEncryption(model)).toHaveLength(1);
  });
});

describe('buildLoggingModel: trails', () => {
  test('reads the buckets a trail records from its basic event selectors when it has no advanced ones', () => {
    // A bug fixed: the selectors were resolved as the pair [advanced, basic], and resolving drops the
    // undefined advanced ones, so the basic ones were read as advanced and nothing was recorded.
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'TrailBucket');
    const trail = new cloudtrail.Trail(stack, 'Trail', { bucket, includeGlobalServiceEvents: false });
    trail.addS3EventSelector([{ bucket }]);

    const [node] = buildLoggingModel(app).trails;

    expect(node.logBucket?.path).toBe('Stack/TrailBucket');
    expect(node.recordedBuckets.map(b => b.path)).toEqual(['Stack/TrailBucket']);
  });
});

describe('buildLoggingModel: stages', () => {
  test('leaves out the buckets of nested stages: each stage is modelled on its own', () => {
    const app = new App();
    new s3.CfnBucket(new Stack(app, 'Top'), 'Bucket');
    const stage = new Stage(app, 'Stage');
    new s3.CfnBucket(new Stack(stage, 'Inner'), 'Bucket');

    expect(buildLoggingModel(app).buckets.map(b => b.path)).toEqual(['Top/Bucket']);
    expect(buildLoggingModel(stage).buckets.map(b => b.path)).toEqual(['Stage/Inner/Bucket']);
  });
});

describe('field', () => {
  test('reads camelCase, then PascalCase, and nothing from non-objects', () => {
    expect(field({ destinationBucketName: 'a', DestinationBucketName: 'b' }, 'destinationBucketName')).toBe('a');
    expect(field({ DestinationBucketName: 'b' }, 'destinationBucketName')).toBe('b');
    expect(field({}, 'destinationBucketName')).toBeUndefined();
    expect(field('string', 'length')).toBeUndefined();
    expect(field(null, 'x')).toBeUndefined();
  });
});
