import { Token } from 'aws-cdk-lib';
import { ConditionBranch } from '../../src/checks/conditions';
import { BucketNode, LoggingModel } from '../../src/checks/model';
import { canonicalValue } from '../../src/checks/model-builder';
import { runChecks } from '../../src/checks/run-checks';
import { buildTemplateModel, TemplateLocation, TemplateStack } from '../../src/checks/template-files';

/**
 * The template-file front-end of the model (issue #14): what it resolves before the model builder
 * reads a value, and the places it gives the elements. The command's tests (`test/cli/`) run it
 * through the whole command; these run it alone.
 */

type StackOptions = Partial<TemplateStack> & { template?: Record<string, unknown> };

function stack(name: string, resources: Record<string, unknown>, more: StackOptions = {}): TemplateStack {
  const { template, ...rest } = more;
  return { name, file: `${name}.yaml`, template: { ...template, Resources: resources }, ...rest };
}

function bucket(properties: Record<string, unknown> = {}): unknown {
  return { Type: 'AWS::S3::Bucket', Properties: properties };
}

function logsTo(destination: unknown, more: Record<string, unknown> = {}): unknown {
  return bucket({ LoggingConfiguration: { DestinationBucketName: destination, ...more } });
}

function byPath(model: LoggingModel, path: string): BucketNode {
  const node = model.buckets.find(b => b.path === path);
  if (!node) {
    throw new Error(`no bucket ${path} in ${model.buckets.map(b => b.path).join(', ')}`);
  }
  return node;
}

/** Where a bucket logs, with destination buckets by path. */
function destinationOf(model: LoggingModel, path: string): unknown {
  const destination = byPath(model, path).logging?.destination;
  return destination?.kind === 'bucket' ? { kind: 'bucket', path: destination.bucket.path, byReference: destination.byReference } : destination;
}

describe('buildTemplateModel: references', () => {
  test('makes Ref and Fn::GetAtt of a resource of the template a reference to it', () => {
    const model = buildTemplateModel([stack('App', {
      Logs: bucket(),
      ByRef: logsTo({ Ref: 'Logs' }),
      ByGetAtt: logsTo({ 'Fn::GetAtt': ['Logs', 'Arn'] }),
      ByShortGetAtt: logsTo({ 'Fn::GetAtt': 'Logs.Arn' }),
    })]);

    for (const source of ['App/ByRef', 'App/ByGetAtt', 'App/ByShortGetAtt']) {
      expect(destinationOf(model, source)).toEqual({ kind: 'bucket', path: 'App/Logs', byReference: true });
    }
  });

  test('follows a literal name to a bucket of any template given, and makes one of no template external', () => {
    const model = buildTemplateModel([
      stack('One', { Source: logsTo('named-logs'), Elsewhere: logsTo('not-here') }),
      stack('Two', { Logs: bucket({ BucketName: 'named-logs' }) }),
    ]);

    expect(destinationOf(model, 'One/Source')).toEqual({ kind: 'bucket', path: 'Two/Logs', byReference: false });
    expect(destinationOf(model, 'One/Elsewhere')).toEqual({ kind: 'external', name: 'not-here', path: undefined, account: undefined, region: undefined });
  });

  test('follows Fn::ImportValue to the Export of another template', () => {
    const model = buildTemplateModel([
      stack('Exporter', { Logs: bucket() }, { template: { Outputs: { Name: { Value: { Ref: 'Logs' }, Export: { Name: 'logs-name' } } } } }),
      stack('Importer', { Source: logsTo({ 'Fn::ImportValue': 'logs-name' }) }),
    ]);

    expect(destinationOf(model, 'Importer/Source')).toEqual({ kind: 'bucket', path: 'Exporter/Logs', byReference: true });
  });

  test('follows Fn::GetStackOutput (a weak reference) to the output of the stack it names', () => {
    const model = buildTemplateModel([
      stack('Archive', { Logs: bucket() }, { template: { Outputs: { LogsName: { Value: { Ref: 'Logs' } } } } }),
      stack('App', { Source: logsTo({ 'Fn::GetStackOutput': { StackName: 'Archive', OutputName: 'LogsName' } }) }),
    ]);

    expect(destinationOf(model, 'App/Source')).toEqual({ kind: 'bucket', path: 'Archive/Logs', byReference: true });
  });

  test('follows Fn::GetStackOutput with a Region to the stack of that name only in that Region, and with another Region or a role as a reference that may cross environments', () => {
    // GIVEN an archive stack in eu-west-1, and an environment-agnostic pair
    const archive = stack('Archive', { Logs: bucket() }, { region: 'eu-west-1', template: { Outputs: { LogsName: { Value: { Ref: 'Logs' } } } } });
    const agnosticArchive = stack('Agnostic', { Logs: bucket() }, { template: { Outputs: { LogsName: { Value: { Ref: 'Logs' } } } } });
    const weak = (stackName: string, more: Record<string, unknown>) => logsTo({ 'Fn::GetStackOutput': { StackName: stackName, OutputName: 'LogsName', ...more } });

    // WHEN the references name a Region or a role
    const model = buildTemplateModel([archive, agnosticArchive, stack('App', {
      SameRegion: weak('Archive', { Region: 'eu-west-1' }),
      OtherRegion: weak('Archive', { Region: 'us-east-1' }),
      WithRegion: weak('Agnostic', { Region: 'us-east-1' }),
      WithRole: weak('Agnostic', { RoleArn: 'arn:aws:iam::222222222222:role/Reader' }),
      Plain: weak('Agnostic', {}),
      // aws-cdk-lib's weak references name the referencing stack's own Region
      OwnRegion: weak('Agnostic', { Region: { Ref: 'AWS::Region' } }),
    })]);

    // THEN a Region other than the named stack's names another stack, not the app's
    expect(destinationOf(model, 'App/SameRegion')).toEqual({ kind: 'bucket', path: 'Archive/Logs', byReference: false });
    expect(destinationOf(model, 'App/OtherRegion')).toMatchObject({ kind: 'unknown' });
    // and a Region or role leaves the environments of the two stacks apart: unknown at synth where both are
    expect(destinationOf(model, 'App/WithRegion')).toEqual({ kind: 'bucket', path: 'Agnostic/Logs', byReference: false });
    expect(destinationOf(model, 'App/WithRole')).toEqual({ kind: 'bucket', path: 'Agnostic/Logs', byReference: false });
    expect(destinationOf(model, 'App/Plain')).toEqual({ kind: 'bucket', path: 'Agnostic/Logs', byReference: true });
    expect(destinationOf(model, 'App/OwnRegion')).toEqual({ kind: 'bucket', path: 'Agnostic/Logs', byReference: true });
    const unknownEnvironment = runChecks(model).filter(f => f.id === 'cdk-s3-access-logs:environmentUnknown').map(f => f.subject.path).sort();
    expect(unknownEnvironment).toEqual(expect.arrayContaining(['App/WithRegion', 'App/WithRole']));
    expect(unknownEnvironment).not.toContain('App/Plain');
    expect(unknownEnvironment).not.toContain('App/OwnRegion');
  });

  test('makes a parameter a deploy-time value unless it is given one', () => {
    const template = { Parameters: { Name: { Type: 'String', Default: 'named-logs' } } };
    const resources = { Logs: bucket({ BucketName: 'named-logs' }), Source: logsTo({ Ref: 'Name' }) };

    expect(destinationOf(buildTemplateModel([stack('App', resources, { template })]), 'App/Source'))
      .toEqual({ kind: 'unknown', expression: '{"Ref":"Name"}' });
    expect(destinationOf(buildTemplateModel([stack('App', resources, { template, parameterValues: { Name: 'named-logs' } })]), 'App/Source'))
      .toEqual({ kind: 'bucket', path: 'App/Logs', byReference: false });
  });

  test('reads Fn::If in the branch it is given (by default, every condition true); leaves Fn::Sub as written', () => {
    const stacks = [stack('App', {
      Logs: bucket(),
      Conditional: logsTo({ 'Fn::If': ['Cond', { Ref: 'Logs' }, { Ref: 'AWS::NoValue' }] }),
      Substituted: logsTo({ 'Fn::Sub': '${Logs}' }),
    })];
    const model = buildTemplateModel(stacks);
    const otherBranch = buildTemplateModel(stacks, new ConditionBranch(new Map([['condition App\u0000Cond', false]])));

    expect(destinationOf(model, 'App/Conditional')).toEqual({ kind: 'bucket', path: 'App/Logs', byReference: true });
    // AWS::NoValue removes DestinationBucketName: the bucket logs into itself.
    expect(destinationOf(otherBranch, 'App/Conditional')).toEqual({ kind: 'bucket', path: 'App/Conditional', byReference: true });
    expect(destinationOf(model, 'App/Substituted')).toEqual({ kind: 'unknown', expression: '{"Fn::Sub":"${Logs}"}' });
  });

  test('knows AWS::Region and AWS::AccountId where the stack\'s environment is known, and a cloud assembly stack\'s AWS::StackName', () => {
    const name = { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }]] };
    const model = buildTemplateModel([
      stack('App', { Logs: bucket({ BucketName: name }) }, { account: '111111111111', region: 'eu-west-1', nameIsDeployed: true }),
      stack('Plain', { Logs: bucket({ BucketName: name }) }),
    ]);

    expect(byPath(model, 'App/Logs').literalName).toBe('App-111111111111-eu-west-1');
    expect(byPath(model, 'Plain/Logs').literalName).toBeUndefined();
  });
});

describe('buildTemplateModel: nested stacks', () => {
  const child = stack('Child', {
    ToParent: logsTo({ Ref: 'LogBucket' }),
    Locked: bucket({ ObjectLockEnabled: true }),
  }, { template: { Parameters: { LogBucket: { Type: 'String' } }, Outputs: { LockedName: { Value: { Ref: 'Locked' } } } } });

  const parent = stack('Parent', {
    Logs: bucket(),
    Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'child.yaml', Parameters: { LogBucket: { Ref: 'Logs' } } } },
    ToChild: logsTo({ 'Fn::GetAtt': ['Child', 'Outputs.LockedName'] }),
  }, { account: '111111111111', region: 'eu-west-1', nestedStacks: new Map([['Child', child]]) });

  test('passes the parent\'s parameters in and the nested stack\'s outputs out', () => {
    const model = buildTemplateModel([parent]);

    expect(destinationOf(model, 'Parent/Child/ToParent')).toEqual({ kind: 'bucket', path: 'Parent/Logs', byReference: true });
    expect(destinationOf(model, 'Parent/ToChild')).toEqual({ kind: 'bucket', path: 'Parent/Child/Locked', byReference: true });
    expect(runChecks(model).map(f => `${f.subject.path} ${f.id}`)).toContain('Parent/Child/Locked cdk-s3-access-logs:destinationObjectLock');
  });

  test('places a nested stack in its parent\'s environment, as a stack of its own', () => {
    const locked = byPath(buildTemplateModel([parent]), 'Parent/Child/Locked');

    expect(locked).toMatchObject({ stackPath: 'Parent/Child', account: '111111111111', region: 'eu-west-1' });
    expect(locked.scope).toEqual({ stack: 'Parent/Child', logicalId: 'Locked', constructPath: undefined, file: 'Child.yaml', line: undefined });
  });

  test('places a nested stack of a nested stack in its top-level stack\'s environment, and knows its AWS::Region and AWS::AccountId', () => {
    // GIVEN a nested stack two levels down, which (as the loader hands it over) says no environment of its own
    const name = { 'Fn::Join': ['-', [{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }]] };
    const grandchild = stack('Grandchild', { Deep: bucket({ BucketName: name }) });
    const middle = stack('Middle', {
      Grandchild: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'grandchild.yaml' } },
    }, { nestedStacks: new Map([['Grandchild', grandchild]]) });
    const top = stack('Top', {
      Middle: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'middle.yaml' } },
    }, { account: '111111111111', region: 'eu-west-1', nestedStacks: new Map([['Middle', middle]]) });

    // WHEN
    const deep = byPath(buildTemplateModel([top]), 'Top/Middle/Grandchild/Deep');

    // THEN
    expect(deep).toMatchObject({ stackPath: 'Top/Middle/Grandchild', account: '111111111111', region: 'eu-west-1' });
    expect(deep.literalName).toBe('111111111111-eu-west-1');
  });
});

describe('buildTemplateModel: elements', () => {
  test('gives each element its stack, logical id, file, line and construct path (the L2 where the L1 is its default child)', () => {
    const model = buildTemplateModel([stack('App', {
      Cdk: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'App/Data/Bucket/Resource' } },
      Manifest: bucket(),
      Plain: bucket(),
    }, { resourceLines: new Map([['Cdk', 3], ['Plain', 9]]), constructPaths: new Map([['Manifest', 'App/Logs/Resource']]) })]);

    expect(model.buckets.map(b => b.path)).toEqual(['App/Data/Bucket', 'App/Logs', 'App/Plain']);
    expect(model.buckets.map(b => b.scope as TemplateLocation)).toEqual([
      { stack: 'App', logicalId: 'Cdk', constructPath: 'App/Data/Bucket', file: 'App.yaml', line: 3 },
      { stack: 'App', logicalId: 'Manifest', constructPath: 'App/Logs', file: 'App.yaml', line: undefined },
      { stack: 'App', logicalId: 'Plain', constructPath: undefined, file: 'App.yaml', line: 9 },
    ]);
  });

  test('takes an unknown environment as a token, as for an environment-agnostic stack of the construct tree', () => {
    const [node] = buildTemplateModel([stack('App', { Bucket: bucket() })]).buckets;

    expect(Token.isUnresolved(node.account)).toBe(true);
    expect(Token.isUnresolved(node.region)).toBe(true);
  });

  test('models every AWS::S3::Bucket and trail, whatever its Condition, and leaves AWS::Serverless::* resources alone', () => {
    const model = buildTemplateModel([stack('App', {
      Conditional: { Type: 'AWS::S3::Bucket', Condition: 'Maybe' },
      Function: { Type: 'AWS::Serverless::Function', Properties: { Events: { Upload: { Type: 'S3', Properties: { Bucket: { Ref: 'Conditional' } } } } } },
      Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { S3BucketName: { Ref: 'Conditional' }, IsLogging: true } },
    })]);

    expect(model.buckets.map(b => b.logicalId)).toEqual(['Conditional']);
    expect(model.trails.map(t => t.logBucket?.logicalId)).toEqual(['Conditional']);
  });
});

describe('canonicalValue', () => {
  test('joins an Fn::Join of strings, references included, and leaves one with an intrinsic part', () => {
    expect(canonicalValue({ 'Fn::Join': ['', ['\u0000ref:0\u0000', '/']] })).toBe('\u0000ref:0\u0000/');
    expect(canonicalValue({ 'Fn::Join': ['-', ['a', { 'Fn::Join': ['', ['b', 'c']] }]] })).toBe('a-bc');
    expect(canonicalValue({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }]] })).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }]] });
  });

  test('makes Fn::GetAtt\'s Resource.Attribute form an array, splitting at the first dot', () => {
    expect(canonicalValue({ Resource: { 'Fn::GetAtt': 'Logs.Arn' } })).toEqual({ Resource: { 'Fn::GetAtt': ['Logs', 'Arn'] } });
    expect(canonicalValue({ 'Fn::GetAtt': 'Nested.Outputs.Name' })).toEqual({ 'Fn::GetAtt': ['Nested', 'Outputs.Name'] });
  });
});

describe('buildTemplateModel: CloudWatch Logs vended deliveries', () => {
  const source = (resourceArn: unknown, name = 'data-source') => ({
    Type: 'AWS::Logs::DeliverySource', Properties: { Name: name, LogType: 'S3_SERVER_ACCESS_LOGS', ResourceArn: resourceArn },
  });
  const destination = (arn: unknown, name = 'to-logs') => ({ Type: 'AWS::Logs::DeliveryDestination', Properties: { Name: name, DestinationResourceArn: arn } });
  const delivery = (sourceName: unknown, destinationArn: unknown) => ({
    Type: 'AWS::Logs::Delivery', Properties: { DeliverySourceName: sourceName, DeliveryDestinationArn: destinationArn },
  });

  test('reads a source by Ref and a destination by Fn::GetAtt, each to its bucket, and leaves sources of other log types out', () => {
    // GIVEN
    const model = buildTemplateModel([stack('App', {
      Data: bucket(),
      Logs: bucket(),
      Source: source({ 'Fn::GetAtt': ['Data', 'Arn'] }),
      Other: { Type: 'AWS::Logs::DeliverySource', Properties: { Name: 'o', LogType: 'APPLICATION_LOGS', ResourceArn: { 'Fn::GetAtt': ['Data', 'Arn'] } } },
      Destination: destination({ 'Fn::GetAtt': ['Logs', 'Arn'] }),
      Delivery: delivery({ Ref: 'Source' }, { 'Fn::GetAtt': ['Destination', 'Arn'] }),
    })]);

    // THEN
    expect(model.deliverySources.map(s => [s.path, s.bucket?.path])).toEqual([['App/Source', 'App/Data']]);
    expect(model.vendedDeliveries).toHaveLength(1);
    const [only] = model.vendedDeliveries;
    expect(only.source.path).toBe('App/Source');
    expect(only.destination.kind === 'bucket' && only.destination.bucket.path).toBe('App/Logs');
  });

  test('follows literal names and ARNs across templates: the source\'s bucket, the destination\'s name in the delivery\'s ARN', () => {
    const model = buildTemplateModel([
      stack('Data', { Data: bucket({ BucketName: 'vended-data' }), Source: source({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::vended-data' }) }),
      stack('Central', {
        Logs: bucket({ BucketName: 'vended-logs' }),
        Destination: destination('arn:aws:s3:::vended-logs', 'central'),
        Group: destination('arn:aws:logs:eu-west-1:111111111111:log-group:g', 'group'),
        ToLogs: delivery('data-source', 'arn:aws:logs:eu-west-1:111111111111:delivery-destination:central'),
        ToGroup: delivery('data-source', 'arn:aws:logs:eu-west-1:111111111111:delivery-destination:group'),
        ToElsewhere: delivery('data-source', 'arn:aws:logs:eu-west-1:333333333333:delivery-destination:not-here'),
      }),
    ]);

    expect(model.deliverySources[0].bucket?.path).toBe('Data/Data');
    expect(model.vendedDeliveries.map(d => d.destination.kind === 'bucket' ? d.destination.bucket.path : d.destination)).toEqual([
      'Central/Logs',
      expect.objectContaining({ kind: 'logGroup', region: 'eu-west-1', byReference: false }),
      { kind: 'other', description: 'the delivery destination arn:aws:logs:eu-west-1:333333333333:delivery-destination:not-here' },
    ]);
  });

  test('reports a delivery across the accounts of two templates into a bucket whose policy grants nothing, as an error', () => {
    // GIVEN the central-account pattern: the delivery destination in the bucket's account, the delivery in the source's.
    const model = buildTemplateModel([
      stack('Data', {
        Data: bucket(),
        Source: source({ 'Fn::GetAtt': ['Data', 'Arn'] }),
        Delivery: delivery({ Ref: 'Source' }, 'arn:aws:logs:eu-west-1:111111111111:delivery-destination:central'),
      }, { account: '222222222222', region: 'eu-west-1' }),
      stack('Central', {
        Logs: bucket({ BucketName: 'vended-central' }),
        Destination: destination({ 'Fn::GetAtt': ['Logs', 'Arn'] }, 'central'),
      }, { account: '111111111111', region: 'eu-west-1' }),
    ]);

    // THEN
    expect(runChecks(model).map(f => [f.level, f.id, (f.subject.scope as TemplateLocation).logicalId])).toEqual([
      ['error', 'cdk-s3-access-logs:vendedDeliveryPermission', 'Delivery'],
    ]);
  });

  test('reports a delivery destination in the source\'s account for a bucket of another account', () => {
    const model = buildTemplateModel([
      stack('Data', {
        Data: bucket(),
        Source: source({ 'Fn::GetAtt': ['Data', 'Arn'] }),
        Destination: destination('arn:aws:s3:::vended-central'),
        Delivery: delivery({ Ref: 'Source' }, { 'Fn::GetAtt': ['Destination', 'Arn'] }),
      }, { account: '222222222222', region: 'eu-west-1' }),
      stack('Central', { Logs: bucket({ BucketName: 'vended-central' }) }, { account: '111111111111', region: 'eu-west-1' }),
    ]);

    const findings = runChecks(model).filter(f => f.id === 'cdk-s3-access-logs:vendedDestinationAccount');
    expect(findings.map(f => [f.level, (f.subject.scope as TemplateLocation).logicalId])).toEqual([['error', 'Destination']]);
    expect(findings[0].message).toBe('Data/Destination is a delivery destination in account 222222222222 for Central/Logs of account 111111111111; '
      + 'CloudWatch Logs takes a delivery destination only in the account of the bucket it stands for. Define it in a stack of account '
      + '111111111111 (with a delivery destination policy that lets the source\'s account create the delivery), and name it by its ARN in the '
      + 'AWS::Logs::Delivery of the source\'s account.');
  });
});
