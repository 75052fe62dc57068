import { deploymentOrder, DeployTarget, physicalBucketName, planDeployment, StackInput, Template } from '../support/moto/resolve';

const TARGET: DeployTarget = { region: 'us-east-1', account: '123456789012' };

function stack(stackName: string, template: Template, more: Partial<StackInput> = {}): StackInput {
  return { stackName, template, dependencies: [], ...more };
}

const BUCKET = { Type: 'AWS::S3::Bucket' };

describe('physicalBucketName', () => {
  test('is the stack name and logical id in lower case with a stable suffix', () => {
    const name = physicalBucketName('MyStack', 'Logs1234ABCD');
    expect(name).toMatch(/^mystack-logs1234abcd-[0-9a-f]{12}$/);
    expect(physicalBucketName('MyStack', 'Logs1234ABCD')).toEqual(name);
    expect(physicalBucketName('MyStack', 'Other')).not.toEqual(name);
  });

  test('keeps to 63 characters of S3\'s alphabet', () => {
    const name = physicalBucketName('Prod-Storage_With.Long'.repeat(4), 'AccessLogsBucketWithAVeryLongLogicalId0123ABCD');
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
  });
});

describe('deploymentOrder', () => {
  test('puts each stack after the stacks it depends on', () => {
    const app = stack('App', {}, { dependencies: ['Logs', 'App.assets'] });
    const logs = stack('Logs', {});
    expect(deploymentOrder([app, logs]).map(s => s.stackName)).toEqual(['Logs', 'App']);
  });

  test('throws on a cycle', () => {
    expect(() => deploymentOrder([stack('A', {}, { dependencies: ['B'] }), stack('B', {}, { dependencies: ['A'] })]))
      .toThrow('stack dependency cycle: A -> B -> A');
  });
});

describe('planDeployment', () => {
  test('creates buckets, then puts policies, then logging, with every name resolved', () => {
    // GIVEN a source logging into a destination whose policy grants it, in the order a template lists them
    const template: Template = {
      Resources: {
        Source: { Type: 'AWS::S3::Bucket', Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' }, LogFilePrefix: 'src/' } } },
        Policy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { Ref: 'Logs' },
            PolicyDocument: {
              Statement: [{
                Effect: 'Allow',
                Principal: { Service: 'logging.s3.amazonaws.com' },
                Action: 's3:PutObject',
                Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Logs', 'Arn'] }, '/src/*']] },
                Condition: {
                  StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                  ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] } },
                },
              }],
            },
          },
        },
        Logs: BUCKET,
        Metadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:...' } },
      },
    };

    // WHEN
    const plan = planDeployment('app', [stack('Storage', template)], TARGET);

    // THEN
    const source = physicalBucketName('Storage', 'Source');
    const logs = physicalBucketName('Storage', 'Logs');
    expect(plan.steps.map(step => `${step.op} ${step.logicalId}`)).toEqual([
      'createBucket Source', 'createBucket Logs', 'putBucketPolicy Policy', 'putBucketLogging Source',
    ]);
    expect(plan.steps[2]).toEqual({ op: 'putBucketPolicy', stack: 'Storage', logicalId: 'Policy', bucket: logs, region: 'us-east-1', policy: expect.any(String) });
    expect(JSON.parse((plan.steps[2] as any).policy).Statement[0]).toEqual(expect.objectContaining({
      Resource: `arn:aws:s3:::${logs}/src/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } },
    }));
    expect(plan.steps[3]).toEqual({
      op: 'putBucketLogging', stack: 'Storage', logicalId: 'Source', bucket: source, region: 'us-east-1', targetBucket: logs, targetPrefix: 'src/',
    });
  });

  test('uses BucketName, the stack\'s own Region and account, and the key format', () => {
    const template: Template = {
      Resources: {
        Logs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'logs-${AWS::AccountId}-${AWS::Region}' } } },
        Source: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            LoggingConfiguration: {
              DestinationBucketName: { Ref: 'Logs' },
              TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'DeliveryTime' } },
            },
          },
        },
      },
    };
    const plan = planDeployment('app', [stack('Eu', template, { region: 'eu-west-1', account: '111111111111' })], TARGET);
    expect(plan.steps).toContainEqual({
      op: 'putBucketLogging',
      stack: 'Eu',
      logicalId: 'Source',
      bucket: physicalBucketName('Eu', 'Source'),
      region: 'eu-west-1',
      targetBucket: 'logs-111111111111-eu-west-1',
      targetPrefix: '',
      targetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'DeliveryTime' } },
    });
    expect(plan.steps[0]).toEqual({ op: 'createBucket', stack: 'Eu', logicalId: 'Logs', bucket: 'logs-111111111111-eu-west-1', region: 'eu-west-1' });
  });

  test('a LoggingConfiguration without DestinationBucketName logs into its own bucket', () => {
    const plan = planDeployment('app', [stack('S', { Resources: { Self: { Type: 'AWS::S3::Bucket', Properties: { LoggingConfiguration: {} } } } })], TARGET);
    const self = physicalBucketName('S', 'Self');
    expect(plan.steps[1]).toEqual(expect.objectContaining({ op: 'putBucketLogging', bucket: self, targetBucket: self, targetPrefix: '' }));
  });

  test('follows Fn::ImportValue to the exporting stack, which deploys first, and resolves the value there', () => {
    // GIVEN a consumer listed before its producer
    const consumer = stack('Consumer', {
      Resources: {
        Source: { Type: 'AWS::S3::Bucket', Properties: { LoggingConfiguration: { DestinationBucketName: { 'Fn::ImportValue': 'Producer:LogsName' } } } },
      },
    }, { dependencies: ['Producer'] });
    const producer = stack('Producer', {
      Resources: { Logs: BUCKET },
      Outputs: { LogsName: { Value: { Ref: 'Logs' }, Export: { Name: 'Producer:LogsName' } } },
    });

    // WHEN
    const plan = planDeployment('app', [consumer, producer], TARGET);

    // THEN
    expect(plan.steps.map(step => `${step.stack} ${step.op}`)).toEqual([
      'Producer createBucket', 'Consumer createBucket', 'Consumer putBucketLogging',
    ]);
    expect(plan.steps[2]).toEqual(expect.objectContaining({ targetBucket: physicalBucketName('Producer', 'Logs') }));
  });

  test('follows Fn::GetStackOutput (a weak cross-stack reference)', () => {
    const producer = stack('Producer', { Resources: { Logs: BUCKET }, Outputs: { LogsName: { Value: { Ref: 'Logs' } } } });
    const consumer = stack('Consumer', {
      Resources: {
        Source: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            LoggingConfiguration: {
              DestinationBucketName: { 'Fn::GetStackOutput': { StackName: 'Producer', Region: { Ref: 'AWS::Region' }, OutputName: 'LogsName' } },
            },
          },
        },
      },
    }, { dependencies: ['Producer'] });
    const plan = planDeployment('app', [producer, consumer], TARGET);
    expect(plan.steps[2]).toEqual(expect.objectContaining({ op: 'putBucketLogging', targetBucket: physicalBucketName('Producer', 'Logs') }));
  });

  test('resolves Fn::Sub with variables and escapes, Fn::Select, Fn::Split, GetAtt strings and AWS::NoValue', () => {
    const template: Template = {
      Resources: {
        Logs: BUCKET,
        Policy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Sub': ['x/${Name}', { Name: { Ref: 'Logs' } }] }] }] },
            PolicyDocument: {
              Statement: [{
                Sid: { Ref: 'AWS::NoValue' },
                Resource: [{ 'Fn::Sub': '${Logs.Arn}/${!Literal}' }, { 'Fn::GetAtt': 'Logs.RegionalDomainName' }, { Ref: 'AWS::NoValue' }],
              }],
            },
          },
        },
      },
    };
    const logs = physicalBucketName('S', 'Logs');
    const plan = planDeployment('app', [stack('S', template)], TARGET);
    expect(plan.steps[1]).toEqual(expect.objectContaining({ op: 'putBucketPolicy', bucket: logs }));
    expect(JSON.parse((plan.steps[1] as any).policy)).toEqual({
      Statement: [{ Resource: [`arn:aws:s3:::${logs}/\${Literal}`, `${logs}.s3.us-east-1.amazonaws.com`] }],
    });
  });

  test('throws, naming the place, for what it cannot resolve', () => {
    const withLogging = (destination: unknown): StackInput => stack('S', {
      Resources: { Logs: BUCKET, Source: { Type: 'AWS::S3::Bucket', Properties: { LoggingConfiguration: { DestinationBucketName: destination } } } },
    });
    expect(() => planDeployment('app', [withLogging({ 'Fn::If': ['C', 'a', 'b'] })], TARGET))
      .toThrow('S/Source.LoggingConfiguration.DestinationBucketName.Fn::If: the replay cannot resolve Fn::If');
    expect(() => planDeployment('app', [withLogging({ Ref: 'Param' })], TARGET))
      .toThrow('the replay cannot resolve a Ref to Param (not a resource of the stack)');
    expect(() => planDeployment('app', [withLogging({ 'Fn::ImportValue': 'Elsewhere:Name' })], TARGET))
      .toThrow('imports Elsewhere:Name, which no stack of the app exports');
    expect(() => planDeployment('app', [withLogging({ 'Fn::GetAtt': ['Logs', 'WebsiteURL'] })], TARGET))
      .toThrow('the replay cannot resolve Fn::GetAtt Logs.WebsiteURL');
    expect(() => planDeployment('app', [withLogging(['not', 'a', 'name'])], TARGET))
      .toThrow('expected a string after resolving');
  });
});
