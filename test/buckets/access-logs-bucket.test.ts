import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogsBucket, AccessLogsBucketProps } from '../../src';
import { encryptionMessage, objectLockMessage } from '../support/messages';
import { newStack } from '../support/stacks';

const USE_BUCKET_POLICY_FLAG = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

function logsBucketTemplate(props?: AccessLogsBucketProps): Template {
  const stack = newStack();
  new AccessLogsBucket(stack, 'Logs', props);
  return Template.fromStack(stack);
}

function onlyResource(template: Template, type: string): { [key: string]: any } {
  const resources = template.findResources(type);
  const values = Object.values(resources);
  expect(values).toHaveLength(1);
  return values[0];
}

describe('AccessLogsBucket defaults', () => {
  let template: Template;
  beforeAll(() => {
    template = logsBucketTemplate();
  });

  test('defines one bucket and one bucket policy', () => {
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.resourceCountIs('AWS::S3::BucketPolicy', 1);
  });

  test('encrypts with SSE-S3 (AES256)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
    }));
  });

  test('blocks all public access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    }));
  });

  test('disables ACLs with BucketOwnerEnforced', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    }));
  });

  test('enables versioning', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      VersioningConfiguration: { Status: 'Enabled' },
    }));
  });

  test('retains the bucket on delete and on replacement', () => {
    template.hasResource('AWS::S3::Bucket', Match.objectLike({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    }));
  });

  test('expires noncurrent versions after 90 days and nothing else', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'AccessLogsRetention',
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
          },
        ],
      },
    }));
    const bucket = onlyResource(template, 'AWS::S3::Bucket');
    expect(bucket.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBeUndefined();
  });

  test('denies requests without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  test('sets no AccessControl at all', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      AccessControl: Match.absent(),
    }));
  });

  test('does not log into anything', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      LoggingConfiguration: Match.absent(),
    }));
  });
});

describe('AccessLogsBucket overrides', () => {
  test('removalPolicy DESTROY deletes the bucket', () => {
    const template = logsBucketTemplate({ removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::S3::Bucket', Match.objectLike({
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    }));
  });

  test('versioned false turns versioning off and drops the noncurrent version rule', () => {
    const template = logsBucketTemplate({ versioned: false });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      VersioningConfiguration: Match.absent(),
      LifecycleConfiguration: Match.absent(),
    }));
  });

  test('versioned false ignores noncurrentVersionExpiration', () => {
    const template = logsBucketTemplate({ versioned: false, noncurrentVersionExpiration: Duration.days(10) });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      LifecycleConfiguration: Match.absent(),
    }));
  });

  test('noncurrentVersionExpiration sets the noncurrent days', () => {
    const template = logsBucketTemplate({ noncurrentVersionExpiration: Duration.days(30) });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ Id: 'AccessLogsRetention', NoncurrentVersionExpiration: { NoncurrentDays: 30 } })],
      },
    }));
  });

  test('logRetention expires logs and removes the delete markers left behind', () => {
    const template = logsBucketTemplate({ logRetention: Duration.days(365) });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'AccessLogsRetention',
            Status: 'Enabled',
            ExpirationInDays: 365,
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
          },
          {
            Id: 'AccessLogsDeleteMarkers',
            Status: 'Enabled',
            ExpiredObjectDeleteMarker: true,
          },
        ],
      },
    }));
  });

  test('logRetention on an unversioned bucket expires logs with no delete marker rule', () => {
    const template = logsBucketTemplate({ logRetention: Duration.days(30), versioned: false });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      LifecycleConfiguration: {
        Rules: [{ Id: 'AccessLogsRetention', Status: 'Enabled', ExpirationInDays: 30 }],
      },
    }));
  });

  test('logTransitions become transitions of the retention rule', () => {
    const template = logsBucketTemplate({
      logTransitions: [
        { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
        { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
      ],
    });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'AccessLogsRetention',
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
            Transitions: [
              { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
              { StorageClass: 'GLACIER_IR', TransitionInDays: 90 },
            ],
          },
        ],
      },
    }));
  });

  test('extra lifecycleRules are kept after the log rules', () => {
    const template = logsBucketTemplate({
      lifecycleRules: [{ id: 'Mine', abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ Id: 'AccessLogsRetention' }),
          { Id: 'Mine', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
        ],
      },
    }));
  });

  test('an explicit `encryption: undefined` keeps SSE-S3', () => {
    const template = logsBucketTemplate({ encryption: undefined, versioned: undefined, blockPublicAccess: undefined });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true }),
    }));
  });

  test('an explicit `encryption: S3_MANAGED` is accepted', () => {
    const template = logsBucketTemplate({ encryption: s3.BucketEncryption.S3_MANAGED });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
    }));
  });

  test('bucketName is passed through', () => {
    const template = logsBucketTemplate({ bucketName: 'my-access-logs' });
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({ BucketName: 'my-access-logs' }));
  });
});

describe('AccessLogsBucket refuses settings S3 cannot deliver logs to', () => {
  test.each([
    ['KMS', s3.BucketEncryption.KMS],
    ['KMS_MANAGED', s3.BucketEncryption.KMS_MANAGED],
    ['DSSE', s3.BucketEncryption.DSSE],
    ['DSSE_MANAGED', s3.BucketEncryption.DSSE_MANAGED],
  ])('throws when encryption is BucketEncryption.%s', (name, encryption) => {
    const stack = newStack();
    const algorithm = name.startsWith('DSSE') ? 'aws:kms:dsse' : name === 'KMS_MANAGED' ? 'aws:kms with the AWS managed key aws/s3' : 'aws:kms';
    expect(() => new AccessLogsBucket(stack, 'Logs', { encryption })).toThrow(encryptionMessage('Stack/Logs', undefined, algorithm));
  });

  test('the encryption message says why and how to fix it', () => {
    const stack = newStack();
    expect(() => new AccessLogsBucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS }))
      .toThrow(/S3 delivers server access logs only to a bucket encrypted with SSE-S3 \(AES256\)\. Use SSE-S3 on it \(`encryption: BucketEncryption\.S3_MANAGED` and no `encryptionKey`\)/);
  });

  test('throws when an encryptionKey is given', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    expect(() => new AccessLogsBucket(stack, 'Logs', { encryptionKey: key }))
      .toThrow(encryptionMessage('Stack/Logs', undefined, 'aws:kms'));
  });

  test('throws when an encryptionKey is given with encryption KMS', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    expect(() => new AccessLogsBucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS, encryptionKey: key }))
      .toThrow(encryptionMessage('Stack/Logs', undefined, 'aws:kms'));
  });

  test('throws when objectLockEnabled is true', () => {
    const stack = newStack();
    expect(() => new AccessLogsBucket(stack, 'Logs', { objectLockEnabled: true }))
      .toThrow(objectLockMessage('Stack/Logs', undefined));
  });

  test('accepts objectLockEnabled false', () => {
    const stack = newStack();
    expect(() => new AccessLogsBucket(stack, 'Logs', { objectLockEnabled: false })).not.toThrow();
  });

  test('throws when objectLockDefaultRetention is given', () => {
    const stack = newStack();
    expect(() => new AccessLogsBucket(stack, 'Logs', {
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(1)),
    })).toThrow(objectLockMessage('Stack/Logs', undefined));
  });

  test('throws when accessControl is LOG_DELIVERY_WRITE', () => {
    const stack = newStack();
    expect(() => new AccessLogsBucket(stack, 'Logs', { accessControl: s3.BucketAccessControl.LOG_DELIVERY_WRITE }))
      .toThrow(/^Stack\/Logs: accessControl must be left unset on a server access log destination, got: LogDeliveryWrite\. .*Remove `accessControl`\./);
  });

  test('accepts accessControl PRIVATE', () => {
    const stack = newStack();
    new AccessLogsBucket(stack, 'Logs', { accessControl: s3.BucketAccessControl.PRIVATE });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    }));
  });

  test('throws when serverAccessLogsPrefix is given without serverAccessLogsBucket (self-logging)', () => {
    const stack = newStack();
    expect(() => new AccessLogsBucket(stack, 'Logs', { serverAccessLogsPrefix: 'self/' }))
      .toThrow(/^Stack\/Logs: serverAccessLogsPrefix without serverAccessLogsBucket would make this log bucket log into itself, .*Give serverAccessLogsBucket \(another bucket\) or remove serverAccessLogsPrefix\./);
  });

  test('names the full construct path of a nested bucket', () => {
    const stack = newStack();
    const parent = new Construct(stack, 'Nested');
    expect(() => new AccessLogsBucket(parent, 'Logs', { encryption: s3.BucketEncryption.KMS }))
      .toThrow(/^Stack\/Nested\/Logs is a server access log destination, but its default encryption is aws:kms/);
  });
});

describe('AccessLogsBucket as the destination of a plain s3.Bucket', () => {
  function plainSourceTemplate(flag: boolean | undefined): Template {
    const stack = newStack({ context: flag === undefined ? undefined : { [USE_BUCKET_POLICY_FLAG]: flag } });
    const logs = new AccessLogsBucket(stack, 'Logs');
    new s3.Bucket(stack, 'Src', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'p/' });
    return Template.fromStack(stack);
  }

  test.each([true, false, undefined])('grants logging.s3.amazonaws.com by bucket policy (flag %s)', (flag) => {
    const template = plainSourceTemplate(flag);
    const logsId = Object.keys(template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: Match.anyValue() } }))[0];
    const srcId = Object.keys(template.findResources('AWS::S3::Bucket', { Properties: { LoggingConfiguration: Match.anyValue() } }))[0];
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logsId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'S3ServerAccessLogsDelivery',
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logsId, 'Arn'] }, '/p/*']] },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [srcId, 'Arn'] } },
            },
          },
        ]),
      },
    });
  });

  test.each([true, false, undefined])('never grants by ACL (flag %s)', (flag) => {
    const template = plainSourceTemplate(flag);
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.AccessControl).toBeUndefined();
    }
  });

  test('the source logs into the AccessLogsBucket under its prefix', () => {
    const template = plainSourceTemplate(true);
    const logsId = Object.keys(template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: Match.anyValue() } }))[0];
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'p/' },
    });
  });

  test('replaces no member of aws-cdk-lib\'s Bucket: the grant comes through public API only', () => {
    const logs = new AccessLogsBucket(newStack(), 'Logs');
    expect(Object.getOwnPropertyNames(logs)).not.toContain('allowLogDelivery');
    // Only aws-cdk-lib's own brands, and this library's facts (under its own keys), are on the instance.
    const foreign = Object.getOwnPropertySymbols(logs).map(symbol => symbol.description ?? '')
      .filter(name => !name.startsWith('@aws-cdk/core.') && !name.startsWith('cdk-s3-access-logs.'));
    expect(foreign).toEqual([]);
  });

  test('the template is the same whatever serverAccessLogsUseBucketPolicy says', () => {
    const withFlag = plainSourceTemplate(true).toJSON();
    const withoutFlag = plainSourceTemplate(false).toJSON();
    const unset = plainSourceTemplate(undefined).toJSON();
    expect(withoutFlag).toEqual(withFlag);
    expect(unset).toEqual(withFlag);
  });

  test('a source without prefix is granted the whole bucket', () => {
    const stack = newStack({ context: { [USE_BUCKET_POLICY_FLAG]: false } });
    const logs = new AccessLogsBucket(stack, 'Logs');
    new s3.Bucket(stack, 'Src', { serverAccessLogsBucket: logs });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Logs'), 'Arn'] }, '/*']] },
          }),
        ]),
      },
    });
  });

  test('two plain sources with the same prefix share one statement that names both', () => {
    const stack = newStack();
    const logs = new AccessLogsBucket(stack, 'Logs');
    new s3.Bucket(stack, 'SrcA', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'p/' });
    new s3.Bucket(stack, 'SrcB', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'p/' });
    const template = Template.fromStack(stack);
    const bucketIds = Object.keys(template.findResources('AWS::S3::Bucket'));
    const srcA = bucketIds.find(id => id.startsWith('SrcA'));
    const srcB = bucketIds.find(id => id.startsWith('SrcB'));
    const policy = onlyResource(template, 'AWS::S3::BucketPolicy');
    const delivery = policy.Properties.PolicyDocument.Statement
      .filter((s: any) => s.Principal?.Service === 'logging.s3.amazonaws.com');
    expect(delivery).toHaveLength(1);
    expect(delivery[0].Condition.ArnLike['aws:SourceArn']).toEqual([
      { 'Fn::GetAtt': [srcA, 'Arn'] },
      { 'Fn::GetAtt': [srcB, 'Arn'] },
    ]);
  });
});

describe('AccessLogsBucket that logs into another AccessLogsBucket', () => {
  function chainTemplate(): { template: Template; logsId: string; auditId: string } {
    const stack = newStack();
    const audit = new AccessLogsBucket(stack, 'Audit');
    new AccessLogsBucket(stack, 'Logs', { serverAccessLogsBucket: audit, serverAccessLogsPrefix: 'logs' });
    const template = Template.fromStack(stack);
    return {
      template,
      logsId: stack.getLogicalId(stack.node.findChild('Logs').node.defaultChild as s3.CfnBucket),
      auditId: stack.getLogicalId(audit.node.defaultChild as s3.CfnBucket),
    };
  }

  test('gets a LoggingConfiguration pointing at the other bucket, with the prefix normalised', () => {
    const { template, logsId, auditId } = chainTemplate();
    const logs = template.toJSON().Resources[logsId];
    expect(logs.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: auditId },
      LogFilePrefix: 'logs/',
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
  });

  test('the other bucket grants delivery to it by policy', () => {
    const { template, logsId, auditId } = chainTemplate();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: auditId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'S3ServerAccessLogsDelivery',
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [auditId, 'Arn'] }, '/logs/*']] },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [logsId, 'Arn'] } },
            },
          },
        ]),
      },
    });
  });

  test('its own policy grants nothing to the logging service', () => {
    const { template, logsId } = chainTemplate();
    const policies = template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: logsId } } });
    const statements = Object.values(policies)[0].Properties.PolicyDocument.Statement;
    expect(statements.filter((s: any) => s.Principal?.Service === 'logging.s3.amazonaws.com')).toEqual([]);
  });

  test('a targetObjectKeyFormat is used for its own logs', () => {
    const stack = newStack();
    const audit = new AccessLogsBucket(stack, 'Audit');
    const logs = new AccessLogsBucket(stack, 'Logs', {
      serverAccessLogsBucket: audit,
      targetObjectKeyFormat: s3.TargetObjectKeyFormat.simplePrefix(),
    });
    const template = Template.fromStack(stack);
    const logsId = stack.getLogicalId(logs.node.defaultChild as s3.CfnBucket);
    expect(template.toJSON().Resources[logsId].Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: stack.getLogicalId(audit.node.defaultChild as s3.CfnBucket) },
      TargetObjectKeyFormat: { SimplePrefix: {} },
    });
  });

  // Regression: the source used to DependsOn the other bucket's policy, which names the source by
  // Fn::GetAtt: Logs -> AuditPolicy -> Logs, a cycle CloudFormation rejects.
  test('synthesizes without a dependency cycle: the bucket does not DependsOn the other bucket\'s policy', () => {
    const stack = newStack();
    const audit = new AccessLogsBucket(stack, 'Audit');
    const logs = new AccessLogsBucket(stack, 'Logs', { serverAccessLogsBucket: audit });
    // Template.fromStack throws on a template with a dependency cycle.
    const template = Template.fromStack(stack);
    expect(template.toJSON().Resources[stack.getLogicalId(logs.node.defaultChild as s3.CfnBucket)].DependsOn).toBeUndefined();
  });
});
