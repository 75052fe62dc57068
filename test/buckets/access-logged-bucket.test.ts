import { App, CfnElement, CfnParameter, Environment, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLoggedBucketProps, AccessLogsBucket } from '../../src';
import { encryptionMessage, environmentMismatchMessage } from '../support/messages';
import { logicalId, newStack } from '../support/stacks';

const USE_BUCKET_POLICY_FLAG = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';
const LOGGING_SERVICE = 'logging.s3.amazonaws.com';
const ENV: Environment = { account: '123456789012', region: 'us-east-1' };
const IMPORTED_DESTINATION_WARNING = 'cdk-s3-access-logs:importedDestinationPolicy';

function policyLogicalId(bucket: s3.IBucket): string {
  expect(bucket.policy).toBeDefined();
  return Stack.of(bucket).getLogicalId(bucket.policy!.node.defaultChild as CfnElement);
}

/** The statements of `bucket`'s policy that grant the S3 logging service. */
function deliveryStatements(template: Template, bucket: s3.IBucket): any[] {
  const policies = Object.values(template.findResources('AWS::S3::BucketPolicy', {
    Properties: { Bucket: { Ref: logicalId(bucket) } },
  }));
  expect(policies.length).toBeLessThanOrEqual(1);
  if (policies.length === 0) {
    return [];
  }
  return policies[0].Properties.PolicyDocument.Statement
    .filter((statement: any) => statement.Principal?.Service === LOGGING_SERVICE);
}

function loggedTemplate(props?: AccessLoggedBucketProps): { stack: Stack; logged: AccessLoggedBucket; template: Template } {
  const stack = newStack();
  const logged = new AccessLoggedBucket(stack, 'Logged', props);
  return { stack, logged, template: Template.fromStack(stack) };
}

function sourceProperties(template: Template, logged: AccessLoggedBucket): any {
  return template.toJSON().Resources[logicalId(logged.bucket)].Properties;
}

function objectsArn(bucket: s3.IBucket, suffix: string): unknown {
  return { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(bucket), 'Arn'] }, suffix]] };
}

const ANY_BUCKET_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] };

describe('AccessLoggedBucket defaults', () => {
  let logged: AccessLoggedBucket;
  let template: Template;
  beforeAll(() => {
    ({ logged, template } = loggedTemplate());
  });

  test('defines one source bucket and one AccessLogsBucket destination', () => {
    template.resourceCountIs('AWS::S3::Bucket', 2);
    expect(logged.destinationBucket).toBeInstanceOf(AccessLogsBucket);
    expect(logged.destinationBucket.node.path).toBe('Stack/Logged/AccessLogsBucket');
    expect(logged.bucket.node.path).toBe('Stack/Logged/Bucket');
  });

  test('the source is encrypted with SSE-S3, blocks public access and disables ACLs', () => {
    expect(sourceProperties(template, logged)).toEqual(expect.objectContaining({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    }));
    expect(sourceProperties(template, logged).AccessControl).toBeUndefined();
  });

  test('the source enforces TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(logged.bucket) },
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ],
      },
    });
  });

  test('the destination has the AccessLogsBucket defaults', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } })] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      BucketEncryption: Match.objectLike({}),
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicPolicy: true }),
    });
    template.hasResource('AWS::S3::Bucket', Match.objectLike({
      Properties: Match.objectLike({ VersioningConfiguration: { Status: 'Enabled' } }),
      DeletionPolicy: 'Retain',
    }));
  });

  test('the source logs into the destination, date-partitioned by event time, with no prefix', () => {
    expect(sourceProperties(template, logged).LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalId(logged.destinationBucket) },
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
  });

  test('the destination policy has exactly one Allow statement for the logging service, naming the source', () => {
    const statements = deliveryStatements(template, logged.destinationBucket);
    expect(statements).toEqual([{
      Sid: 'S3ServerAccessLogsDelivery',
      Effect: 'Allow',
      Principal: { Service: LOGGING_SERVICE },
      Action: 's3:PutObject',
      Resource: objectsArn(logged.destinationBucket, '/*'),
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(logged.bucket), 'Arn'] } },
      },
    }]);
  });

  // Regression: the source used to DependsOn the destination's policy, which names the source by
  // Fn::GetAtt: Logged/Bucket -> Logged/AccessLogsBucket/Policy -> Logged/Bucket, a cycle
  // CloudFormation rejects. The policy depends on the source, never the reverse.
  test('the source does not DependsOn the destination bucket policy (that would be a cycle)', () => {
    const source = template.toJSON().Resources[logicalId(logged.bucket)];
    expect(source.DependsOn).toBeUndefined();
  });

  test('exposes the normalised prefix, the key format and enabled', () => {
    expect(logged.logFilePrefix).toBe('');
    expect(logged.enabled).toBe(true);
    expect(logged.targetObjectKeyFormat._render()).toEqual({ partitionedPrefix: { partitionDateSource: 'EventTime' } });
  });

  test('a default AccessLoggedBucket synthesizes without a dependency cycle', () => {
    const fresh = newStack();
    new AccessLoggedBucket(fresh, 'Logged');
    // Template.fromStack throws on a template with a dependency cycle.
    expect(() => Template.fromStack(fresh)).not.toThrow();
  });
});

describe('logFilePrefix', () => {
  test.each([
    ['logs', 'logs/'],
    ['logs/', 'logs/'],
    ['/logs/', 'logs/'],
    ['//logs', 'logs/'],
    ['a/b', 'a/b/'],
  ])('%j is normalised to %j', (given, expected) => {
    const { logged, template } = loggedTemplate({ logFilePrefix: given });
    expect(logged.logFilePrefix).toBe(expected);
    expect(sourceProperties(template, logged).LoggingConfiguration.LogFilePrefix).toBe(expected);
    const [statement] = deliveryStatements(template, logged.destinationBucket);
    expect(statement.Resource).toEqual(objectsArn(logged.destinationBucket, `/${expected}*`));
  });

  test.each(['', '/', '//'])('%j means no prefix', (given) => {
    const { logged, template } = loggedTemplate({ logFilePrefix: given });
    expect(logged.logFilePrefix).toBe('');
    expect(sourceProperties(template, logged).LoggingConfiguration).not.toHaveProperty('LogFilePrefix');
    const [statement] = deliveryStatements(template, logged.destinationBucket);
    expect(statement.Resource).toEqual(objectsArn(logged.destinationBucket, '/*'));
  });

  test('the grant covers exactly the prefix: Resource ends with /logs/*', () => {
    const { logged, template } = loggedTemplate({ logFilePrefix: 'logs' });
    const [statement] = deliveryStatements(template, logged.destinationBucket);
    const parts = statement.Resource['Fn::Join'][1];
    expect(parts[parts.length - 1]).toBe('/logs/*');
  });
});

describe('logFilePrefix: what cannot be normalised', () => {
  test('warns, with an id, when the prefix is a token (a CfnParameter): it cannot be given its trailing "/"', () => {
    const stack = newStack({ env: ENV });
    const prefix = new CfnParameter(stack, 'Prefix', { default: 'logs' });
    new AccessLoggedBucket(stack, 'Logged', { logFilePrefix: prefix.valueAsString });

    Annotations.fromStack(stack).hasWarning('/Stack/Logged', Match.stringLikeRegexp(
      '^Stack/Logged: logFilePrefix is only known at deploy .*Make sure the value ends with "/" \\(for a CfnParameter, AllowedPattern: ".\\*/\\$"\\), '
      + 'or give a literal prefix\\. \\[ack: cdk-s3-access-logs:logFilePrefixUnresolved\\]$'));
  });

  test('does not warn for a literal prefix', () => {
    const stack = newStack({ env: ENV });
    new AccessLoggedBucket(stack, 'Logged', { logFilePrefix: 'logs' });

    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('logFilePrefixUnresolved'))).toEqual([]);
  });

  test('throws at once for a prefix too long for S3\'s 1,024-byte keys, with the rule of the app-wide check', () => {
    const stack = newStack({ env: ENV });
    expect(() => new AccessLoggedBucket(stack, 'Logged', { logFilePrefix: `${'x'.repeat(900)}/` }))
      .toThrow(/^Stack\/Logged: log file prefix is 901 bytes long; with the partitioned key format S3 appends up to 145 bytes, .* \[cdk-s3-access-logs:invalidLogFilePrefix\]$/);
  });
});

describe('a destination that is an AccessLogsBucket of the app, imported by name', () => {
  test('is granted delivery in that bucket\'s policy: no noDeliveryPermission', () => {
    const app = new App();
    const archive = new AccessLogsBucket(new Stack(app, 'Logs', { env: ENV }), 'Archive', { bucketName: 'the-log-archive' });
    const data = new Stack(app, 'Data', { env: ENV });
    new AccessLoggedBucket(data, 'Orders', { destinationBucket: s3.Bucket.fromBucketName(data, 'ArchiveByName', 'the-log-archive'), logFilePrefix: 'orders' });

    const policy = Template.fromStack(Stack.of(archive)).findResources('AWS::S3::BucketPolicy');
    const statements = Object.values(policy)[0].Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(expect.objectContaining({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(archive), 'Arn'] }, '/orders/*']] },
    }));
  });
});

describe('targetObjectKeyFormat', () => {
  test('simplePrefix renders SimplePrefix: {}', () => {
    const format = s3.TargetObjectKeyFormat.simplePrefix();
    const { logged, template } = loggedTemplate({ targetObjectKeyFormat: format });
    expect(logged.targetObjectKeyFormat).toBe(format);
    expect(sourceProperties(template, logged).LoggingConfiguration.TargetObjectKeyFormat).toEqual({ SimplePrefix: {} });
  });

  test('partitionedPrefix(DELIVERY_TIME) renders PartitionDateSource DeliveryTime', () => {
    const { logged, template } = loggedTemplate({
      targetObjectKeyFormat: s3.TargetObjectKeyFormat.partitionedPrefix(s3.PartitionDateSource.DELIVERY_TIME),
    });
    expect(sourceProperties(template, logged).LoggingConfiguration.TargetObjectKeyFormat)
      .toEqual({ PartitionedPrefix: { PartitionDateSource: 'DeliveryTime' } });
  });
});

describe('bucketProps', () => {
  test('versioned and bucketName are passed to the source', () => {
    const { logged, template } = loggedTemplate({ bucketProps: { versioned: true, bucketName: 'my-source' } });
    expect(sourceProperties(template, logged)).toEqual(expect.objectContaining({
      BucketName: 'my-source',
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    }));
  });

  test('an explicit `encryption: undefined` keeps SSE-S3 on the source', () => {
    const { logged, template } = loggedTemplate({ bucketProps: { encryption: undefined, enforceSSL: undefined } });
    expect(sourceProperties(template, logged).BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(logged.bucket) },
      PolicyDocument: { Statement: [Match.objectLike({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test.each([
    ['serverAccessLogsBucket', 'destinationBucket'],
    ['serverAccessLogsPrefix', 'logFilePrefix'],
    ['targetObjectKeyFormat', 'targetObjectKeyFormat'],
  ])('throws when bucketProps.%s is given, naming `%s` instead', (bucketProp, ownProp) => {
    const stack = newStack();
    const values: Record<string, unknown> = {
      serverAccessLogsBucket: new AccessLogsBucket(stack, 'Other'),
      serverAccessLogsPrefix: 'p/',
      targetObjectKeyFormat: s3.TargetObjectKeyFormat.simplePrefix(),
    };
    const bucketProps = { [bucketProp]: values[bucketProp] } as s3.BucketProps;
    expect(() => new AccessLoggedBucket(stack, 'Logged', { bucketProps })).toThrow(new RegExp(
      `^Stack/Logged: bucketProps\\.${bucketProp} conflicts with the logging this construct configures\\. `
      + `Use the AccessLoggedBucket prop \`${ownProp}\` instead\\.$`));
  });

  test('throws when destinationBucket and destinationBucketProps are both given', () => {
    const stack = newStack();
    const destinationBucket = new AccessLogsBucket(stack, 'Logs');
    expect(() => new AccessLoggedBucket(stack, 'Logged', { destinationBucket, destinationBucketProps: {} }))
      .toThrow(/^Stack\/Logged: destinationBucket and destinationBucketProps cannot both be given\. /);
  });

  test('destinationBucketProps shape the destination defined for you', () => {
    const { logged, template } = loggedTemplate({ destinationBucketProps: { bucketName: 'my-logs', versioned: false } });
    const destination = template.toJSON().Resources[logicalId(logged.destinationBucket)].Properties;
    expect(destination.BucketName).toBe('my-logs');
    expect(destination.VersioningConfiguration).toBeUndefined();
    expect(sourceProperties(template, logged).LoggingConfiguration.DestinationBucketName)
      .toEqual({ Ref: logicalId(logged.destinationBucket) });
  });

  test('destinationBucketProps are checked like any AccessLogsBucket', () => {
    const stack = newStack();
    expect(() => new AccessLoggedBucket(stack, 'Logged', { destinationBucketProps: { encryption: s3.BucketEncryption.KMS } }))
      .toThrow(encryptionMessage('Stack/Logged/AccessLogsBucket', undefined, 'aws:kms'));
  });
});

describe('a supplied destination', () => {
  test('two sources with the same prefix share ONE statement that names both', () => {
    // GIVEN
    const stack = newStack();
    const logs = new AccessLogsBucket(stack, 'Logs');
    // WHEN
    const a = new AccessLoggedBucket(stack, 'A', { destinationBucket: logs, logFilePrefix: 'shared' });
    const b = new AccessLoggedBucket(stack, 'B', { destinationBucket: logs, logFilePrefix: '/shared/' });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 3);
    expect(deliveryStatements(template, logs)).toEqual([{
      Sid: 'S3ServerAccessLogsDelivery',
      Effect: 'Allow',
      Principal: { Service: LOGGING_SERVICE },
      Action: 's3:PutObject',
      Resource: objectsArn(logs, '/shared/*'),
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: {
          'aws:SourceArn': [
            { 'Fn::GetAtt': [logicalId(a.bucket), 'Arn'] },
            { 'Fn::GetAtt': [logicalId(b.bucket), 'Arn'] },
          ],
        },
      },
    }]);
    for (const source of [a, b]) {
      expect(source.destinationBucket).toBe(logs);
      expect(template.toJSON().Resources[logicalId(source.bucket)].DependsOn).toBeUndefined();
    }
  });

  test('two sources with different prefixes get two statements', () => {
    const stack = newStack();
    const logs = new AccessLogsBucket(stack, 'Logs');
    const a = new AccessLoggedBucket(stack, 'A', { destinationBucket: logs, logFilePrefix: 'a' });
    const b = new AccessLoggedBucket(stack, 'B', { destinationBucket: logs, logFilePrefix: 'b' });
    const template = Template.fromStack(stack);
    const statements = deliveryStatements(template, logs);
    expect(statements.map(s => s.Sid)).toEqual(['S3ServerAccessLogsDelivery', 'S3ServerAccessLogsDelivery2']);
    expect(statements[0]).toEqual(expect.objectContaining({
      Resource: objectsArn(logs, '/a/*'),
      Condition: expect.objectContaining({ ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(a.bucket), 'Arn'] } } }),
    }));
    expect(statements[1]).toEqual(expect.objectContaining({
      Resource: objectsArn(logs, '/b/*'),
      Condition: expect.objectContaining({ ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(b.bucket), 'Arn'] } } }),
    }));
  });

  test('a plain s3.Bucket destination gets the grant by bucket policy, not by ACL', () => {
    const stack = newStack({ context: { [USE_BUCKET_POLICY_FLAG]: false } });
    const destination = new s3.Bucket(stack, 'Dest');
    const logged = new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination });
    const template = Template.fromStack(stack);
    expect(deliveryStatements(template, destination)).toEqual([{
      Sid: 'S3ServerAccessLogsDelivery',
      Effect: 'Allow',
      Principal: { Service: LOGGING_SERVICE },
      Action: 's3:PutObject',
      Resource: objectsArn(destination, '/*'),
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(logged.bucket), 'Arn'] } },
      },
    }]);
    expect(template.toJSON().Resources[logicalId(destination)].Properties?.AccessControl).toBeUndefined();
    expect(sourceProperties(template, logged).LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logicalId(destination) });
  });

  test('fails synth when the destination\'s customer managed key does not let the logging service use it', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    const destination = new s3.Bucket(stack, 'Dest', { encryptionKey: key });
    new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination });

    expect(() => App.of(stack)!.synth()).toThrow(
      '[Stack/Dest] Stack/Dest receives the server access logs of Stack/Logged/Bucket, but its default encryption is SSE-KMS with a key '
      + 'whose key policy does not let logging.s3.amazonaws.com use it');
  });

  test('warns, and does not throw, when the destination\'s customer managed key lets the logging service use it', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    key.grantEncrypt(new iam.ServicePrincipal('logging.s3.amazonaws.com'));
    const destination = new s3.Bucket(stack, 'Dest', { encryptionKey: key });
    new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination });

    Annotations.fromStack(stack).hasWarning('/Stack/Dest', Match.stringLikeRegexp(
      'SSE-KMS with a customer managed key\\. The S3 User Guide documents SSE-S3 \\(AES256\\) as the only default encryption.*destinationEncryption'));
  });

  test('throws when the destination has the AWS managed key, even with logging disabled', () => {
    const stack = newStack();
    const destination = new s3.Bucket(stack, 'Dest', { encryption: s3.BucketEncryption.KMS_MANAGED });
    expect(() => new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination, enabled: false }))
      .toThrow(encryptionMessage('Stack/Dest', 'Stack/Logged/Bucket', 'aws:kms with the AWS managed key aws/s3'));
  });
});

describe('a destination in another stack of the same app', () => {
  function crossStack(env: Environment | undefined, sourceBucketName?: string) {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack', { env });
    const sourceStack = new Stack(app, 'SourceStack', { env });
    const logs = new AccessLogsBucket(logsStack, 'Logs');
    const logged = new AccessLoggedBucket(sourceStack, 'Logged', {
      destinationBucket: logs,
      logFilePrefix: 'x',
      bucketProps: sourceBucketName ? { bucketName: sourceBucketName } : undefined,
    });
    return { app, logsStack, sourceStack, logs, logged };
  }

  test.each([
    ['the same concrete env', ENV, '123456789012'],
    ['env-agnostic stacks', undefined, { Ref: 'AWS::AccountId' }],
  ])('with %s: synthesizes without a cycle, imports the name and grants any bucket of the account', (_, env, account) => {
    // GIVEN
    const { app, logsStack, sourceStack, logs, logged } = crossStack(env);
    // WHEN
    expect(() => app.synth()).not.toThrow();
    // THEN (Template.fromStack also rejects a template with a dependency cycle)
    const sourceTemplate = Template.fromStack(sourceStack);
    const logsTemplate = Template.fromStack(logsStack);
    expect(sourceProperties(sourceTemplate, logged).LoggingConfiguration).toEqual({
      DestinationBucketName: { 'Fn::ImportValue': expect.stringMatching(/^LogsStack:ExportsOutputRefLogs/) },
      LogFilePrefix: 'x/',
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
    expect(deliveryStatements(logsTemplate, logs)).toEqual([{
      Sid: 'S3ServerAccessLogsDelivery',
      Effect: 'Allow',
      Principal: { Service: LOGGING_SERVICE },
      Action: 's3:PutObject',
      Resource: objectsArn(logs, '/x/*'),
      Condition: {
        StringEquals: { 'aws:SourceAccount': account },
        ArnLike: { 'aws:SourceArn': ANY_BUCKET_ARN },
      },
    }]);
    expect(sourceStack.dependencies).toEqual([logsStack]);
    expect(logsStack.dependencies).toEqual([]);
  });

  test('a source with a literal bucketName is named', () => {
    const { app, logsStack, logs } = crossStack(ENV, 'that-name');
    expect(() => app.synth()).not.toThrow();
    const [statement] = deliveryStatements(Template.fromStack(logsStack), logs);
    expect(statement.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '123456789012' },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::that-name']] } },
    });
  });

  test('a source that cannot be named widens the statement it shares with a named one', () => {
    const { app, logsStack, logs } = crossStack(undefined);
    new AccessLoggedBucket(logsStack, 'Local', { destinationBucket: logs, logFilePrefix: 'x/' });
    expect(() => app.synth()).not.toThrow();
    const statements = deliveryStatements(Template.fromStack(logsStack), logs);
    expect(statements).toHaveLength(1);
    expect(statements[0].Condition.ArnLike).toEqual({ 'aws:SourceArn': ANY_BUCKET_ARN });
  });
});

describe('the destination must be in the source\'s Region and account', () => {
  test('throws for an imported destination in another Region', () => {
    const stack = newStack({ env: { account: '123456789012', region: 'eu-west-1' } });
    const destination = s3.Bucket.fromBucketAttributes(stack, 'D', { bucketName: 'dest-logs', region: 'us-east-1' });
    expect(() => new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination }))
      .toThrow(environmentMismatchMessage('Stack/Logged/Bucket', 'Stack/D (bucket dest-logs)', 'Region', 'eu-west-1', 'us-east-1'));
  });

  test('throws for an imported destination in another account', () => {
    const stack = newStack({ env: ENV });
    const destination = s3.Bucket.fromBucketAttributes(stack, 'D', { bucketName: 'dest-logs', account: '111111111111' });
    expect(() => new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination }))
      .toThrow(environmentMismatchMessage('Stack/Logged/Bucket', 'Stack/D (bucket dest-logs)', 'account', '123456789012', '111111111111'));
  });

  test('throws for a destination defined in a stack of another Region', () => {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack', { env: { ...ENV, region: 'eu-west-1' } });
    const sourceStack = new Stack(app, 'SourceStack', { env: ENV });
    const logs = new AccessLogsBucket(logsStack, 'Logs');
    expect(() => new AccessLoggedBucket(sourceStack, 'Logged', { destinationBucket: logs }))
      .toThrow(environmentMismatchMessage('SourceStack/Logged/Bucket', 'LogsStack/Logs', 'Region', 'us-east-1', 'eu-west-1'));
  });

  test('does not throw when the source stack is env-agnostic', () => {
    const stack = newStack();
    const destination = s3.Bucket.fromBucketAttributes(stack, 'D', { bucketName: 'dest-logs', region: 'us-east-1' });
    expect(() => new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination })).not.toThrow();
  });

  test('does not throw for the same concrete Region and account', () => {
    const stack = newStack({ env: ENV });
    const destination = s3.Bucket.fromBucketAttributes(stack, 'D', { bucketName: 'dest-logs', ...ENV });
    expect(() => new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination })).not.toThrow();
  });
});

describe('an imported destination', () => {
  function importedDestination(env?: Environment, props: AccessLoggedBucketProps = {}) {
    const stack = newStack({ env: env });
    const destination = s3.Bucket.fromBucketName(stack, 'Imported', 'my-logs');
    const logged = new AccessLoggedBucket(stack, 'Logged', { destinationBucket: destination, ...props });
    return { stack, logged, template: Template.fromStack(stack) };
  }

  /** The one imported-destination warning of the stack; the app-wide checks report it on the source bucket. */
  function importedWarning(stack: Stack): { path: string; message: string } {
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(IMPORTED_DESTINATION_WARNING));
    expect(warnings).toHaveLength(1);
    return { path: warnings[0].id, message: String(warnings[0].entry.data) };
  }

  /** The JSON statement the warning asks to add to the destination's policy. */
  function warningStatement(stack: Stack): any {
    const match = /(\{"Sid".*\})/.exec(importedWarning(stack).message);
    expect(match).not.toBeNull();
    return JSON.parse(match![1]);
  }

  test('logging is still configured on the source', () => {
    const { logged, template } = importedDestination();
    expect(sourceProperties(template, logged).LoggingConfiguration).toEqual({
      DestinationBucketName: 'my-logs',
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
  });

  test('no bucket policy is defined for it and the source depends on nothing', () => {
    const { logged, template } = importedDestination();
    template.resourceCountIs('AWS::S3::BucketPolicy', 1);
    template.hasResourceProperties('AWS::S3::BucketPolicy', { Bucket: { Ref: logicalId(logged.bucket) } });
    expect(template.toJSON().Resources[logicalId(logged.bucket)].DependsOn).toBeUndefined();
  });

  test('a warning gives the statement to add to its bucket policy', () => {
    const { stack } = importedDestination();
    const { path, message } = importedWarning(stack);
    expect(path).toBe('/Stack/Logged/Bucket');
    expect(message).toContain('[ack: cdk-s3-access-logs:importedDestinationPolicy]');
    expect(message).toContain('"logging.s3.amazonaws.com"');
    expect(message).toContain('"arn:aws:s3:::my-logs/*"');
    expect(warningStatement(stack)).toEqual({
      Sid: 'S3ServerAccessLogsDelivery',
      Effect: 'Allow',
      Principal: { Service: LOGGING_SERVICE },
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::my-logs/*',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '<account id>' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::<name of Stack/Logged/Bucket>' },
      },
    });
  });

  test('the warning statement uses the known account, prefix and partition', () => {
    const { stack } = importedDestination({ account: '123456789012', region: 'cn-north-1' }, { logFilePrefix: 'logs' });
    expect(warningStatement(stack)).toEqual(expect.objectContaining({
      Resource: 'arn:aws-cn:s3:::my-logs/logs/*',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '123456789012' },
        ArnLike: { 'aws:SourceArn': 'arn:aws-cn:s3:::<name of Stack/Logged/Bucket>' },
      },
    }));
  });

  test('the warning statement names a source with a literal bucketName', () => {
    const { stack } = importedDestination(ENV, { bucketProps: { bucketName: 'my-source' } });
    expect(warningStatement(stack).Condition.ArnLike).toEqual({ 'aws:SourceArn': 'arn:aws:s3:::my-source' });
  });

  test('no warning when logging is disabled', () => {
    const { stack } = importedDestination(undefined, { enabled: false });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp(IMPORTED_DESTINATION_WARNING));
  });
});

describe('enabled: false', () => {
  test('turns logging off and grants nothing, keeping the destination', () => {
    const stack = newStack();
    const logged = new AccessLoggedBucket(stack, 'Logged', { enabled: false });
    const template = Template.fromStack(stack);
    expect(logged.enabled).toBe(false);
    expect(sourceProperties(template, logged).LoggingConfiguration).toBeUndefined();
    expect(template.toJSON().Resources[logicalId(logged.bucket)].DependsOn).toBeUndefined();
    template.resourceCountIs('AWS::S3::Bucket', 2);
    expect(template.toJSON().Resources[logicalId(logged.destinationBucket)].Type).toBe('AWS::S3::Bucket');
    expect(deliveryStatements(template, logged.destinationBucket)).toEqual([]);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(logged.destinationBucket) },
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny' })] },
    });
  });

  test('a disabled source sharing a destination does not widen or add to its grant', () => {
    const stack = newStack();
    const logs = new AccessLogsBucket(stack, 'Logs');
    const on = new AccessLoggedBucket(stack, 'On', { destinationBucket: logs });
    new AccessLoggedBucket(stack, 'Off', { destinationBucket: logs, enabled: false });
    const statements = deliveryStatements(Template.fromStack(stack), logs);
    expect(statements).toHaveLength(1);
    expect(statements[0].Condition.ArnLike).toEqual({ 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(on.bucket), 'Arn'] } });
  });
});

/** A representative app: own destination, shared destination (also used by a plain bucket), cross-stack. */
function representativeApp(context?: Record<string, unknown>): { app: App; stacks: Stack[] } {
  const app = new App({ context });
  const main = new Stack(app, 'Main');
  const other = new Stack(app, 'Other');
  new AccessLoggedBucket(main, 'Own', { logFilePrefix: 'own' });
  const shared = new AccessLogsBucket(main, 'Shared');
  new AccessLoggedBucket(main, 'A', { destinationBucket: shared, logFilePrefix: 'a' });
  new AccessLoggedBucket(main, 'B', { destinationBucket: shared, logFilePrefix: 'a' });
  new s3.Bucket(main, 'Plain', { serverAccessLogsBucket: shared, serverAccessLogsPrefix: 'plain/' });
  new AccessLoggedBucket(other, 'Remote', { destinationBucket: shared, logFilePrefix: 'remote' });
  return { app, stacks: [main, other] };
}

function templatesOf(stacks: Stack[]): unknown[] {
  return stacks.map(stack => Template.fromStack(stack).toJSON());
}

describe('feature flags', () => {
  test('the templates are identical whether serverAccessLogsUseBucketPolicy is true, false or unset', () => {
    const withFlag = templatesOf(representativeApp({ [USE_BUCKET_POLICY_FLAG]: true }).stacks);
    const withoutFlag = templatesOf(representativeApp({ [USE_BUCKET_POLICY_FLAG]: false }).stacks);
    const unset = templatesOf(representativeApp().stacks);
    expect(withoutFlag).toEqual(withFlag);
    expect(unset).toEqual(withFlag);
  });

  test('no bucket of the representative app has an AccessControl', () => {
    for (const template of templatesOf(representativeApp({ [USE_BUCKET_POLICY_FLAG]: false }).stacks) as any[]) {
      for (const resource of Object.values<any>(template.Resources)) {
        expect(resource.Properties?.AccessControl).toBeUndefined();
      }
    }
  });
});

describe('determinism', () => {
  test('building the same app twice gives byte-identical templates', () => {
    const first = templatesOf(representativeApp().stacks).map(t => JSON.stringify(t));
    const second = templatesOf(representativeApp().stacks).map(t => JSON.stringify(t));
    expect(second).toEqual(first);
  });

  test('logical ids of the source, destination and destination policy are stable', () => {
    const { logged, template } = loggedTemplate();
    expect(logicalId(logged.bucket)).toBe('LoggedBucket501918C4');
    expect(logicalId(logged.destinationBucket)).toBe('LoggedAccessLogsBucket2A1095C5');
    expect(policyLogicalId(logged.destinationBucket)).toBe('LoggedAccessLogsBucketPolicy4DD95469');
    expect(Object.keys(template.findResources('AWS::S3::Bucket')).sort())
      .toEqual(['LoggedAccessLogsBucket2A1095C5', 'LoggedBucket501918C4']);
    expect(Object.keys(template.findResources('AWS::S3::BucketPolicy')).sort())
      .toEqual(['LoggedAccessLogsBucketPolicy4DD95469', 'LoggedBucketPolicy238B75A4']);
  });
});
