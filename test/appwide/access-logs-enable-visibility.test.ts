import { App, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogs, DataEventsTrail } from '../../src';
import { ACCOUNT, EU, synthErrors, US } from '../support/checks';
import { logicalIdAt, newPathApp, Resources } from '../support/stacks';

/**
 * `AccessLogs.of(scope).enable()` with `cloudWatchLogs` and `dataEvents`: the buckets it turns server
 * access logging on for also deliver to CloudWatch Logs and have their data events recorded, and no
 * bucket that receives logs (access logs or CloudTrail log files) is ever recorded.
 */

function synthesized(app: App): Record<string, Resources> {
  const assembly = app.synth({ force: true });
  return Object.fromEntries(assembly.stacks.map(stack => [stack.stackName, (stack.template.Resources ?? {}) as Resources]));
}

function ofType(resources: Resources, type: string): Array<{ path: string; properties: any }> {
  return Object.values(resources).filter(r => r.Type === type).map(r => ({ path: r.Metadata?.['aws:cdk:path'], properties: r.Properties }));
}

/** Two EU stacks with buckets defined every way, and one AccessLoggedBucket that already logs. */
function twoStacks(app: App): { web: Stack; data: Stack } {
  const web = new Stack(app, 'Web', { env: EU });
  new s3.Bucket(web, 'Assets');
  new s3.CfnBucket(web, 'Raw');
  new AccessLoggedBucket(web, 'Uploads');
  const data = new Stack(app, 'Data', { env: EU });
  new s3.Bucket(data, 'Reports');
  return { web, data };
}

describe('enable({ cloudWatchLogs })', () => {
  test('each enabled bucket delivers to a log group of its stack; destinations and buckets that already log do not', () => {
    const app = newPathApp();
    twoStacks(app);
    AccessLogs.of(app).enable({ cloudWatchLogs: { retention: logs.RetentionDays.ONE_WEEK } });
    const stacks = synthesized(app);

    expect(ofType(stacks.Web, 'AWS::Logs::DeliverySource').map(s => s.path)).toEqual([
      'Web/Assets/AccessLogsCloudWatchDelivery/Source',
      'Web/RawAccessLogsCloudWatchDelivery/Source',
    ]);
    expect(ofType(stacks.Web, 'AWS::Logs::DeliverySource')[1].properties.ResourceArn).toEqual({ 'Fn::GetAtt': [logicalIdAt(stacks.Web, 'Web/Raw'), 'Arn'] });
    expect(ofType(stacks.Data, 'AWS::Logs::DeliverySource').map(s => s.path)).toEqual(['Data/Reports/AccessLogsCloudWatchDelivery/Source']);
    expect(ofType(stacks.Web, 'AWS::Logs::LogGroup').map(g => [g.path, g.properties.RetentionInDays])).toEqual([['Web/AccessLogsLogGroup/Resource', 7]]);
    expect(ofType(stacks.Data, 'AWS::Logs::LogGroup').map(g => g.path)).toEqual(['Data/AccessLogsLogGroup/Resource']);
    expect(ofType(stacks[`AccessLogs-${ACCOUNT}-eu-west-1`], 'AWS::Logs::DeliverySource')).toEqual([]);
    for (const destination of ofType(stacks.Web, 'AWS::Logs::DeliveryDestination')) {
      expect(destination.properties.DestinationResourceArn).toEqual({ 'Fn::GetAtt': [logicalIdAt(stacks.Web, 'Web/AccessLogsLogGroup/Resource'), 'Arn'] });
    }
    expect(synthErrors(app)).toBe('');
  });

  test('into a given log group, defining none', () => {
    const app = newPathApp();
    const { web } = twoStacks(app);
    const logGroup = new logs.LogGroup(web, 'Shared');
    AccessLogs.of(app).enable({ cloudWatchLogs: { logGroup } });
    const stacks = synthesized(app);

    expect(ofType(stacks.Web, 'AWS::Logs::LogGroup').map(g => g.path)).toEqual(['Web/Shared/Resource']);
    expect(ofType(stacks.Data, 'AWS::Logs::LogGroup')).toEqual([]);
    expect(ofType(stacks.Data, 'AWS::Logs::DeliveryDestination')[0].properties.DestinationResourceArn)
      .toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Web:ExportsOutputFnGetAttShared/) });
  });

  test('throws when logGroup and retention are both given', () => {
    const app = newPathApp();
    const { web } = twoStacks(app);
    expect(() => AccessLogs.of(app).enable({ cloudWatchLogs: { logGroup: new logs.LogGroup(web, 'Shared'), retention: logs.RetentionDays.ONE_DAY } }))
      .toThrow(/AccessLogs.of\(<app>\).enable\(\): cloudWatchLogs.logGroup and cloudWatchLogs.retention cannot both be given/);
  });

  test('throws, naming the bucket, for a given log group in another Region than a source', () => {
    const app = newPathApp();
    const { web } = twoStacks(app);
    new s3.Bucket(new Stack(app, 'WebUs', { env: US }), 'Assets');
    AccessLogs.of(app).enable({ cloudWatchLogs: { logGroup: new logs.LogGroup(web, 'Shared') } });
    expect(() => app.synth()).toThrow(/WebUs\/Assets\/AccessLogsCloudWatchDelivery: the log group Web\/Shared must be in the Region of WebUs, got: eu-west-1, expected: us-east-1/);
  });
});

describe('enable({ dataEvents })', () => {
  test('one trail per account and Region, in a stack of its own, recording every enabled bucket', () => {
    const app = newPathApp();
    twoStacks(app);
    new s3.Bucket(new Stack(app, 'WebUs', { env: US }), 'Assets');
    AccessLogs.of(app).enable({ dataEvents: { readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY } });
    const stacks = synthesized(app);

    expect(Object.keys(stacks).sort()).toEqual([
      `AccessLogs-${ACCOUNT}-eu-west-1`, `AccessLogs-${ACCOUNT}-us-east-1`,
      `AccessLogsDataEvents-${ACCOUNT}-eu-west-1`, `AccessLogsDataEvents-${ACCOUNT}-us-east-1`,
      'Data', 'Web', 'WebUs',
    ]);
    const eu = ofType(stacks[`AccessLogsDataEvents-${ACCOUNT}-eu-west-1`], 'AWS::CloudTrail::Trail');
    expect(eu).toHaveLength(1);
    const selector = eu[0].properties.AdvancedEventSelectors;
    expect(selector).toHaveLength(1);
    expect(selector[0].FieldSelectors).toContainEqual({ Field: 'readOnly', Equals: ['false'] });
    // Web/Assets, Web/Raw, Data/Reports: not the AccessLoggedBucket's source (it already logs), no destination, not the trail's bucket
    const arns = selector[0].FieldSelectors.find((f: any) => f.Field === 'resources.ARN').StartsWith;
    expect(arns.map((arn: any) => arn['Fn::Join'][1][0]['Fn::ImportValue'])).toEqual([
      expect.stringMatching(/^Web:ExportsOutputFnGetAttAssets/),
      expect.stringMatching(/^Web:ExportsOutputFnGetAttRaw/),
      expect.stringMatching(/^Data:ExportsOutputFnGetAttReports/),
    ]);
    expect(ofType(stacks[`AccessLogsDataEvents-${ACCOUNT}-us-east-1`], 'AWS::CloudTrail::Trail')).toHaveLength(1);
    expect(synthErrors(app)).toBe('');
  });

  test('the trail\'s bucket gets server access logs into the destination of its account and Region, and is not recorded', () => {
    const app = newPathApp();
    twoStacks(app);
    AccessLogs.of(app).enable({ dataEvents: {} });
    const stacks = synthesized(app);
    const trailStack = stacks[`AccessLogsDataEvents-${ACCOUNT}-eu-west-1`];

    const [trailBucket] = ofType(trailStack, 'AWS::S3::Bucket');
    expect(trailBucket.path).toBe(`AccessLogsDataEvents-${ACCOUNT}-eu-west-1/AccessLogsDataEventsTrail/Bucket/Resource`);
    expect(trailBucket.properties.LoggingConfiguration.DestinationBucketName)
      .toEqual({ 'Fn::ImportValue': expect.stringMatching(new RegExp(`^AccessLogs-${ACCOUNT}-eu-west-1:ExportsOutputRefAccessLogsDestination`)) });
    const arns = ofType(trailStack, 'AWS::CloudTrail::Trail')[0].properties.AdvancedEventSelectors[0].FieldSelectors
      .find((f: any) => f.Field === 'resources.ARN').StartsWith;
    expect(JSON.stringify(arns)).not.toContain(logicalIdAt(trailStack, trailBucket.path));
    expect(arns).toHaveLength(3);
  });

  test('into a given trail, defining no trail stack', () => {
    const app = newPathApp();
    const { web } = twoStacks(app);
    const trail = new DataEventsTrail(web, 'DataEvents');
    AccessLogs.of(app).enable({ dataEvents: { trail } });
    const stacks = synthesized(app);

    expect(Object.keys(stacks).filter(name => name.startsWith('AccessLogsDataEvents'))).toEqual([]);
    expect(ofType(stacks.Web, 'AWS::CloudTrail::Trail')).toHaveLength(1);
  });

  test('enabled on a stack, the trail is defined in that stack', () => {
    const app = newPathApp();
    const { web } = twoStacks(app);
    AccessLogs.of(web).enable({ dataEvents: {} });
    const stacks = synthesized(app);

    expect(Object.keys(stacks).sort()).toEqual(['Data', 'Web']);
    const trails = ofType(stacks.Web, 'AWS::CloudTrail::Trail');
    expect(trails.map(t => t.path)).toEqual(['Web/AccessLogsDataEventsTrail/Resource']);
    expect(trails[0].properties.AdvancedEventSelectors[0].FieldSelectors.find((f: any) => f.Field === 'resources.ARN').StartsWith).toHaveLength(2);
    expect(synthErrors(app)).toBe('');
  });

  test('a bucket that receives a trail\'s log files gets server access logs, but its data events are never recorded', () => {
    const app = newPathApp();
    const { web } = twoStacks(app);
    const auditBucket = new s3.Bucket(web, 'AuditTrailBucket');
    new cloudtrail.Trail(web, 'Audit', { bucket: auditBucket });
    AccessLogs.of(app).enable({ dataEvents: {} });
    const stacks = synthesized(app);

    const auditId = logicalIdAt(stacks.Web, 'Web/AuditTrailBucket/Resource');
    expect(stacks.Web[auditId].Properties.LoggingConfiguration).toBeDefined();
    const trail = ofType(stacks[`AccessLogsDataEvents-${ACCOUNT}-eu-west-1`], 'AWS::CloudTrail::Trail')[0];
    expect(JSON.stringify(trail.properties)).not.toContain('AuditTrailBucket');
    expect(synthErrors(app)).toBe('');
  });

  test('throws, naming the bucket, for a given trail in another Region than a source', () => {
    const app = newPathApp();
    const { web } = twoStacks(app);
    new s3.Bucket(new Stack(app, 'WebUs', { env: US }), 'Assets');
    AccessLogs.of(app).enable({ dataEvents: { trail: new DataEventsTrail(web, 'DataEvents') } });
    expect(() => app.synth()).toThrow('WebUs/Assets: the trail Web/DataEvents must be in the Region of WebUs, got: eu-west-1, expected: us-east-1. '
      + 'A trail records the data events of buckets in the same account and Region. Use a trail in us-east-1.');
  });
});

test('both options together, over two Regions, synthesize without error or warning', () => {
  const app = newPathApp();
  twoStacks(app);
  new s3.Bucket(new Stack(app, 'WebUs', { env: US }), 'Assets');
  AccessLogs.of(app).enable({ cloudWatchLogs: {}, dataEvents: {} });
  const assembly = app.synth();
  // aws-cdk-lib's own advisory on cross-stack reference strength (releases newer than our floor) is not ours.
  const ofAwsCdkLib = (data: unknown) => String(data).endsWith('[ack: @aws-cdk/core:crossStackReferencesDefaultStrong]');
  expect(assembly.stacks.flatMap(stack => stack.messages).filter(m => m.level !== 'info' && !ofAwsCdkLib(m.entry.data))).toEqual([]);
});

test('scale: 495 buckets in 5 stacks, both options, synthesize with one trail of 495 buckets (CloudTrail allows 497)', () => {
  // GIVEN 495 buckets of one account and Region
  const app = new App();
  for (let s = 0; s < 5; s++) {
    const stack = new Stack(app, `Stack${s}`, { env: EU });
    for (let i = 0; i < 99; i++) {
      new s3.Bucket(stack, `Bucket${i}`);
    }
  }

  // WHEN every one of them is enabled with both channels
  AccessLogs.of(app).enable({ cloudWatchLogs: {}, dataEvents: {} });
  const stacks = synthesized(app);

  // THEN one trail records them all, and each stack has one log group and 99 deliveries
  const [trail] = ofType(stacks[`AccessLogsDataEvents-${ACCOUNT}-eu-west-1`], 'AWS::CloudTrail::Trail');
  expect(trail.properties.AdvancedEventSelectors[0].FieldSelectors.find((f: any) => f.Field === 'resources.ARN').StartsWith).toHaveLength(495);
  expect(ofType(stacks.Stack0, 'AWS::Logs::LogGroup')).toHaveLength(1);
  expect(ofType(stacks.Stack0, 'AWS::Logs::Delivery')).toHaveLength(99);
}, 120_000);
