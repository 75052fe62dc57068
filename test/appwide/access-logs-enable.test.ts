import { App, Aspects, CfnResource, IAspect, Stack, Stage, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { AccessLoggedBucket, AccessLogs, AccessLogsBucket, IAccessLogsFilter } from '../../src';
import { BUCKET_NOT_ENABLED } from '../../src/appwide/enable-aspect';
import { DELIVERY_GRANT_WIDENED } from '../../src/checks/rules/delivery-grant-widened';
import { BUCKET_POLICY_LIMIT_BYTES, deployedPolicyBytes } from '../../src/checks/rules/destination-policy-too-large';
import { ACCOUNT, EU, LOG_DELIVERY_ACL, synthErrors, US, USE_BUCKET_POLICY_FLAG, warningsWithId } from '../support/checks';
import { logicalIdAt, newPathApp, Resources } from '../support/stacks';

/**
 * `AccessLogs.of(scope).enable()`: every bucket in the scope logs to a destination in its own
 * account and Region, and nothing that already logs, receives logs or was left out changes.
 */

/** Synthesize the app and return every stack's resources, by stack name. */
function synthesized(app: App | Stage): Record<string, Resources> {
  const assembly = app.synth({ force: true });
  return Object.fromEntries(assembly.stacks.map(stack => [stack.stackName, (stack.template.Resources ?? {}) as Resources]));
}

/** The stack names of the app, sorted (the assembly lists them in deployment order). */
function stackNames(stacks: Record<string, Resources>): string[] {
  return Object.keys(stacks).sort();
}

/** The construct paths of the stack's buckets, mapped to their logging configuration (undefined when off). */
function loggingOf(resources: Resources): Record<string, any> {
  return Object.fromEntries(Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::S3::Bucket')
    .map(([, resource]) => [resource.Metadata['aws:cdk:path'], resource.Properties?.LoggingConfiguration]));
}

/** The name of the export of the destination that `enable()` defines in a stack of its own. */
function importOf(stackName: string): RegExp {
  return new RegExp(`^${stackName}:ExportsOutputRefAccessLogsDestination`);
}

const PARTITIONED = { PartitionedPrefix: { PartitionDateSource: 'EventTime' } };

/** Skips the buckets whose L1 or L2 has one of the given ids. */
class SkipByIdFilter implements IAccessLogsFilter {
  constructor(private readonly skippedIds: string[]) {}
  public shouldLog(bucket: s3.CfnBucket): boolean {
    return !this.skippedIds.includes(bucket.node.id) && !this.skippedIds.includes(bucket.node.scope?.node.id ?? '');
  }
}

describe('AccessLogs.of(app).enable(): which buckets', () => {
  test('enables L1 and L2 buckets alike, to a destination stack of their account and Region', () => {
    // GIVEN
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    new s3.Bucket(stack, 'L2');
    new s3.CfnBucket(stack, 'L1');

    // WHEN
    AccessLogs.of(app).enable();
    const stacks = synthesized(app);

    // THEN
    expect(stackNames(stacks)).toEqual([`AccessLogs-${ACCOUNT}-eu-west-1`, 'Web']);
    const imported = { 'Fn::ImportValue': expect.stringMatching(importOf(`AccessLogs-${ACCOUNT}-eu-west-1`)) };
    expect(loggingOf(stacks.Web)).toEqual({
      'Web/L2/Resource': { DestinationBucketName: imported, TargetObjectKeyFormat: PARTITIONED },
      'Web/L1': { DestinationBucketName: imported, TargetObjectKeyFormat: PARTITIONED },
    });
    expect(synthErrors(app)).toBe('');
  });

  test('leaves alone the buckets that already log, and their destinations', () => {
    // GIVEN
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    const ownLogs = new s3.Bucket(stack, 'OwnLogs');
    new s3.Bucket(stack, 'LogsAlready', { serverAccessLogsBucket: ownLogs, serverAccessLogsPrefix: 'mine/' });
    new s3.CfnBucket(stack, 'CfnLogs', { bucketName: 'cfn-logs-destination', ...LOG_DELIVERY_ACL });
    new s3.CfnBucket(stack, 'CfnLogsAlready', { loggingConfiguration: { destinationBucketName: 'cfn-logs-destination', logFilePrefix: 'cfn/' } });
    new AccessLoggedBucket(stack, 'Logged');
    const before = Template.fromStack(stack).toJSON();

    // WHEN
    AccessLogs.of(app).enable();
    const stacks = synthesized(app);

    // THEN nothing in the stack changed: every bucket either logs already or receives logs
    expect(stacks.Web).toEqual(before.Resources);
    expect(stackNames(stacks)).toEqual(['Web']);
  });

  test('overwrite replaces existing configurations, but never makes a destination log', () => {
    // GIVEN
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    const ownLogs = new s3.Bucket(stack, 'OwnLogs');
    new s3.Bucket(stack, 'LogsAlready', { serverAccessLogsBucket: ownLogs });

    // WHEN
    AccessLogs.of(app).enable({ overwrite: true });
    const logging = loggingOf(synthesized(app).Web);

    // THEN
    expect(logging).toEqual({
      'Web/OwnLogs/Resource': undefined,
      'Web/LogsAlready/Resource': {
        DestinationBucketName: { 'Fn::ImportValue': expect.stringMatching(importOf(`AccessLogs-${ACCOUNT}-eu-west-1`)) },
        TargetObjectKeyFormat: PARTITIONED,
      },
    });
  });

  test('leaves off an AccessLoggedBucket with enabled: false', () => {
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    new AccessLoggedBucket(stack, 'Off', { enabled: false });

    AccessLogs.of(app).enable();

    const logging = loggingOf(synthesized(app).Web);
    expect(Object.values(logging)).toEqual([undefined, undefined]);
  });

  test('leaves out excluded constructs and everything under them', () => {
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    const excludedStack = new Stack(app, 'Excluded', { env: EU });
    new s3.Bucket(stack, 'In');
    const out = new s3.Bucket(stack, 'Out');
    new s3.Bucket(excludedStack, 'AlsoOut');

    AccessLogs.of(app).enable({ exclude: [out, excludedStack] });

    const stacks = synthesized(app);
    expect(loggingOf(stacks.Web)).toEqual({
      'Web/In/Resource': expect.objectContaining({ TargetObjectKeyFormat: PARTITIONED }),
      'Web/Out/Resource': undefined,
    });
    expect(loggingOf(stacks.Excluded)).toEqual({ 'Excluded/AlsoOut/Resource': undefined });
  });

  test('asks the filter about each candidate', () => {
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    new s3.Bucket(stack, 'Keep');
    new s3.Bucket(stack, 'Skip');
    new s3.CfnBucket(stack, 'CfnSkip');

    AccessLogs.of(app).enable({ filter: new SkipByIdFilter(['Skip', 'CfnSkip']) });

    expect(loggingOf(synthesized(app).Web)).toEqual({
      'Web/Keep/Resource': expect.objectContaining({ TargetObjectKeyFormat: PARTITIONED }),
      'Web/Skip/Resource': undefined,
      'Web/CfnSkip': undefined,
    });
  });

  test('enabled: false changes nothing and defines nothing', () => {
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    new s3.Bucket(stack, 'Data');

    AccessLogs.of(app).enable({ enabled: false });

    const stacks = synthesized(app);
    expect(stackNames(stacks)).toEqual(['Web']);
    expect(Object.values(loggingOf(stacks.Web))).toEqual([undefined]);
  });

  test('warns about a bucket defined as a plain CfnResource, and leaves it alone', () => {
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    new CfnResource(stack, 'Raw', { type: 'AWS::S3::Bucket' });

    AccessLogs.of(app).enable();

    expect(Template.fromStack(stack).findResources('AWS::S3::Bucket')).toEqual({ Raw: { Type: 'AWS::S3::Bucket', Metadata: expect.anything() } });
    expect(warningsWithId(stack, BUCKET_NOT_ENABLED)).toEqual([expect.stringContaining('Web/Raw is an AWS::S3::Bucket defined as a plain CfnResource')]);
  });
});

describe('AccessLogs.of(app).enable(): where logs go', () => {
  test('never across Regions: each Region gets a destination stack of its own', () => {
    const app = newPathApp();
    new s3.Bucket(new Stack(app, 'Eu', { env: EU }), 'Data');
    new s3.Bucket(new Stack(app, 'Us', { env: US }), 'Data');

    AccessLogs.of(app).enable();
    const stacks = synthesized(app);

    expect(stackNames(stacks)).toEqual([`AccessLogs-${ACCOUNT}-eu-west-1`, `AccessLogs-${ACCOUNT}-us-east-1`, 'Eu', 'Us']);
    expect(Object.values(loggingOf(stacks.Eu))[0].DestinationBucketName['Fn::ImportValue']).toMatch(importOf(`AccessLogs-${ACCOUNT}-eu-west-1`));
    expect(Object.values(loggingOf(stacks.Us))[0].DestinationBucketName['Fn::ImportValue']).toMatch(importOf(`AccessLogs-${ACCOUNT}-us-east-1`));
    expect(app.node.findChild(`AccessLogs-${ACCOUNT}-us-east-1`)).toMatchObject({ region: 'us-east-1', account: ACCOUNT });
    expect(synthErrors(app)).toBe('');
  });

  test('a given destination serves its own account and Region; another Region gets its own', () => {
    const app = newPathApp();
    const logStack = new Stack(app, 'Logs', { env: EU });
    const logs = new AccessLogsBucket(logStack, 'Logs');
    new s3.Bucket(new Stack(app, 'Eu', { env: EU }), 'Data');
    new s3.Bucket(new Stack(app, 'Us', { env: US }), 'Data');

    AccessLogs.of(app).enable({ destinationBuckets: [logs] });
    const stacks = synthesized(app);

    expect(stackNames(stacks)).toEqual([`AccessLogs-${ACCOUNT}-us-east-1`, 'Eu', 'Logs', 'Us']);
    expect(Object.values(loggingOf(stacks.Eu))[0].DestinationBucketName['Fn::ImportValue']).toMatch(/^Logs:ExportsOutputRefLogs/);
    expect(Object.values(loggingOf(stacks.Us))[0].DestinationBucketName['Fn::ImportValue']).toMatch(importOf(`AccessLogs-${ACCOUNT}-us-east-1`));
    // The given destination does not log, and is not made to.
    expect(loggingOf(stacks.Logs)).toEqual({ 'Logs/Logs/Resource': undefined });
  });

  test('createDestinations: false fails with the source, its environment and the fix when no given destination serves it', () => {
    const app = newPathApp();
    const logs = new AccessLogsBucket(new Stack(app, 'Logs', { env: EU }), 'Logs');
    new s3.Bucket(new Stack(app, 'Us', { env: US }), 'Data');

    AccessLogs.of(app).enable({ destinationBuckets: [logs], createDestinations: false });

    expect(() => app.synth()).toThrow(new RegExp(
      '^Us/Data/Resource: AccessLogs.of\\(<app>\\).enable\\(\\) has no destination for account 111111111111 in us-east-1: '
      + 'no bucket of destinationBuckets is there \\(Logs/Logs: account 111111111111 in eu-west-1\\), and createDestinations is false\\. '
      + '.*Add a bucket in account 111111111111 in us-east-1 to destinationBuckets, or exclude this bucket\\.$',
    ));
  });

  test('refuses two given destinations for one account and Region', () => {
    const app = newPathApp();
    const stack = new Stack(app, 'Logs', { env: EU });
    const one = new AccessLogsBucket(stack, 'One');
    const two = new AccessLogsBucket(stack, 'Two');

    expect(() => AccessLogs.of(app).enable({ destinationBuckets: [one, two] }))
      .toThrow(/destinationBuckets has two buckets for the same account and Region, Logs\/One and Logs\/Two/);
  });

  test('an imported destination serves the environment it was imported with', () => {
    const app = newPathApp();
    const stack = new Stack(app, 'Eu', { env: EU });
    new s3.Bucket(stack, 'Data');
    const central = s3.Bucket.fromBucketAttributes(stack, 'Central', { bucketName: 'central-access-logs', account: ACCOUNT, region: 'eu-west-1' });

    AccessLogs.of(app).enable({ destinationBuckets: [central] });
    const stacks = synthesized(app);

    expect(stackNames(stacks)).toEqual(['Eu']);
    expect(Object.values(loggingOf(stacks.Eu))[0].DestinationBucketName).toBe('central-access-logs');
  });

  test('on a stack, defines the destination in that stack and names its sources', () => {
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    new s3.Bucket(stack, 'One');
    new s3.Bucket(stack, 'Two');

    AccessLogs.of(stack).enable();
    const stacks = synthesized(app);

    expect(stackNames(stacks)).toEqual(['Web']);
    const destination = { Ref: logicalIdAt(stacks.Web, 'Web/AccessLogsDestination/Resource') };
    expect(loggingOf(stacks.Web)).toEqual({
      'Web/One/Resource': { DestinationBucketName: destination, TargetObjectKeyFormat: PARTITIONED },
      'Web/Two/Resource': { DestinationBucketName: destination, TargetObjectKeyFormat: PARTITIONED },
      'Web/AccessLogsDestination/Resource': undefined,
    });
    const arnOf = (path: string) => ({ 'Fn::GetAtt': [logicalIdAt(stacks.Web, path), 'Arn'] });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Condition: {
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
            ArnLike: { 'aws:SourceArn': [arnOf('Web/One/Resource'), arnOf('Web/Two/Resource')] },
          },
        })]),
      },
    });
    expect(warningsWithId(stack, DELIVERY_GRANT_WIDENED)).toEqual([]);
  });

  test('with the simple key format, each source writes under a prefix of its own, granted by one statement', () => {
    const app = newPathApp();
    const stack = new Stack(app, 'Web', { env: EU });
    new s3.Bucket(stack, 'One');
    new s3.CfnBucket(stack, 'Two');

    AccessLogs.of(stack).enable({ logFilePrefix: 'logs', targetObjectKeyFormat: s3.TargetObjectKeyFormat.simplePrefix() });
    const resources = synthesized(app).Web;

    const oneId = logicalIdAt(resources, 'Web/One/Resource');
    expect(loggingOf(resources)).toMatchObject({
      'Web/One/Resource': { LogFilePrefix: `logs/Web/${oneId}/`, TargetObjectKeyFormat: { SimplePrefix: {} } },
      'Web/Two': { LogFilePrefix: 'logs/Web/Two/', TargetObjectKeyFormat: { SimplePrefix: {} } },
    });
    const policy = Object.values(resources).find(resource => resource.Type === 'AWS::S3::BucketPolicy')!;
    const delivery = policy.Properties.PolicyDocument.Statement.filter((statement: any) => statement.Principal.Service);
    expect(delivery).toHaveLength(1);
    expect(JSON.stringify(delivery[0].Resource)).toContain('"/logs/*"');
    // The checks see each source under its own prefix: no sharedSimplePrefix warning, no error.
    expect(synthErrors(app)).toBe('');
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('sharedSimplePrefix');
  });

  test('env-agnostic stacks share one env-agnostic destination stack', () => {
    const app = newPathApp();
    new s3.Bucket(new Stack(app, 'A'), 'Data');
    new s3.Bucket(new Stack(app, 'B'), 'Data');

    AccessLogs.of(app).enable();
    const stacks = synthesized(app);

    expect(stackNames(stacks)).toEqual(['A', 'AccessLogs', 'B']);
    expect(app.node.findChild('AccessLogs')).toMatchObject({ environment: 'aws://unknown-account/unknown-region' });
  });

  test('refuses to take an id that is already used', () => {
    const app = newPathApp();
    new Stack(app, `AccessLogs-${ACCOUNT}-eu-west-1`, { env: EU });
    new s3.Bucket(new Stack(app, 'Web', { env: EU }), 'Data');

    AccessLogs.of(app).enable();

    expect(() => app.synth()).toThrow(/^AccessLogs-111111111111-eu-west-1: AccessLogs.of\(<app>\).enable\(\) defines the destination .* the id is taken/);
  });

  test('enables the stages nested in the app with destinations of their own', () => {
    const app = newPathApp();
    const stage = new Stage(app, 'Prod', { env: EU });
    new s3.Bucket(new Stack(stage, 'Web'), 'Data');

    AccessLogs.of(app).enable();
    const stacks = synthesized(stage);

    expect(stackNames(stacks)).toEqual([`Prod-AccessLogs-${ACCOUNT}-eu-west-1`, 'Prod-Web']);
    expect(Object.values(loggingOf(stacks['Prod-Web']))[0].DestinationBucketName['Fn::ImportValue'])
      .toMatch(importOf(`Prod-AccessLogs-${ACCOUNT}-eu-west-1`));
  });
});

describe('AccessLogs.of(app).enable(): with the rest of the app', () => {
  test('the template is the same with or without the serverAccessLogsUseBucketPolicy feature flag', () => {
    const templates = [false, true].map(flag => {
      const app = newPathApp({ [USE_BUCKET_POLICY_FLAG]: flag });
      const stack = new Stack(app, 'Web', { env: EU });
      new s3.Bucket(stack, 'Data');
      AccessLogs.of(app).enable();
      return synthesized(app);
    });
    expect(templates[1]).toEqual(templates[0]);
  });

  test('a destination stack it defines accepts the account\'s buckets by design: its description says so, and no warning', () => {
    const app = newPathApp();
    new s3.Bucket(new Stack(app, 'Web', { env: EU }), 'Data');

    AccessLogs.of(app).enable();
    const assembly = app.synth();

    const destinationStack = app.node.findChild(`AccessLogs-${ACCOUNT}-eu-west-1`) as Stack;
    expect(destinationStack.templateOptions.description).toContain('admits the logs of every bucket of the account (aws:SourceAccount)');
    expect(assembly.getStackByName(destinationStack.stackName).messages.filter(message => message.level === 'warning')).toEqual([]);
  });

  test('repeated synthesis gives the same templates', () => {
    const app = newPathApp();
    new s3.Bucket(new Stack(app, 'Web', { env: EU }), 'Data');
    AccessLogs.of(app).enable({ overwrite: true });

    expect(synthesized(app)).toEqual(synthesized(app));
  });

  test.each([false, true])('the app\'s other aspects reach the destination stacks (aspect stabilization %s)', (stabilization) => {
    const app = newPathApp({ '@aws-cdk/core:aspectStabilization': stabilization });
    new s3.Bucket(new Stack(app, 'Web', { env: EU }), 'Data');
    Tags.of(app).add('team', 'storage');

    AccessLogs.of(app).enable();
    const stacks = synthesized(app);

    const destination = Object.values(stacks[`AccessLogs-${ACCOUNT}-eu-west-1`]).find(resource => resource.Type === 'AWS::S3::Bucket')!;
    expect(destination.Properties.Tags).toEqual([{ Key: 'team', Value: 'storage' }]);
  });

  test('enables a bucket that another aspect adds (aspect stabilization on)', () => {
    class AddBucket implements IAspect {
      public visit(node: IConstruct): void {
        if (Stack.isStack(node) && node.node.id === 'Web' && !node.node.tryFindChild('Added')) {
          new s3.Bucket(node, 'Added');
        }
      }
    }
    const app = newPathApp({ '@aws-cdk/core:aspectStabilization': true });
    new Stack(app, 'Web', { env: EU });
    Aspects.of(app).add(new AddBucket());

    AccessLogs.of(app).enable();
    const logging = loggingOf(synthesized(app).Web);

    expect(Object.values(logging)).toEqual([expect.objectContaining({ TargetObjectKeyFormat: PARTITIONED })]);
  });
});

describe('AccessLogs.of(app).enable(): scale', () => {
  test('1,000 sources in 10 stacks share one destination whose policy stays under 20 KB, with aws:SourceAccount in every statement', () => {
    // GIVEN
    const app = newPathApp();
    for (let s = 0; s < 10; s++) {
      const stack = new Stack(app, `Stack${s}`, { env: EU });
      for (let b = 0; b < 100; b++) {
        new s3.CfnBucket(stack, `Bucket${b}`);
      }
    }

    // WHEN
    AccessLogs.of(app).enable();
    const assembly = app.synth();

    // THEN every source logs to the one destination
    const destinationStack = assembly.getStackByName(`AccessLogs-${ACCOUNT}-eu-west-1`);
    const sources = assembly.stacks.filter(stack => stack !== destinationStack)
      .flatMap(stack => Object.values(loggingOf(stack.template.Resources)));
    expect(sources).toHaveLength(1000);
    expect(new Set(sources.map(config => JSON.stringify(config.DestinationBucketName)))).toEqual(new Set([
      JSON.stringify({ 'Fn::ImportValue': `AccessLogs-${ACCOUNT}-eu-west-1:ExportsOutputRefAccessLogsDestination048BA6346C9BF6A4` }),
    ]));

    // AND its policy stays under S3's limit however long the names turn out, every statement with aws:SourceAccount
    const policies = Object.values(destinationStack.template.Resources as Resources).filter(resource => resource.Type === 'AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(1);
    const document = policies[0].Properties.PolicyDocument;
    expect(deployedPolicyBytes(document, 63)).toBeLessThan(BUCKET_POLICY_LIMIT_BYTES);
    const delivery = document.Statement.filter((statement: any) => statement.Effect === 'Allow');
    expect(delivery.length).toBeGreaterThan(0);
    for (const statement of delivery) {
      expect(statement.Condition.StringEquals['aws:SourceAccount']).toBe(ACCOUNT);
    }
  });
});

describe('AccessLogs.of(app).enable(): once per scope, and the log archive the app already has', () => {
  test('throws when called a second time on the same scope, naming both calls', () => {
    const app = newPathApp();
    new s3.Bucket(new Stack(app, 'Web', { env: EU }), 'Assets');
    AccessLogs.of(app).enable();

    expect(() => AccessLogs.of(app).enable({ logFilePrefix: 'other/' })).toThrow(
      /^AccessLogs\.of\(<app>\)\.enable\(\) is called a second time on the same scope, at test\/appwide\/access-logs-enable\.test\.ts:\d+:\d+ \(the first call was at test\/appwide\/access-logs-enable\.test\.ts:\d+:\d+\)\. .*Give all the options to one call\.$/,
    );
  });

  test('a call with enabled: false does not count', () => {
    const app = newPathApp();
    AccessLogs.of(app).enable({ enabled: false });

    expect(() => AccessLogs.of(app).enable()).not.toThrow();
  });

  test('uses the one AccessLogsBucket the app already defines in an environment, and defines no other', () => {
    const app = newPathApp();
    const archive = new AccessLogsBucket(new Stack(app, 'LogArchive', { env: EU }), 'Archive');
    new s3.Bucket(new Stack(app, 'Web', { env: EU }), 'Assets');
    // An AccessLoggedBucket's own destination is not an archive for others.
    new AccessLoggedBucket(new Stack(app, 'Data', { env: EU }), 'Orders');
    AccessLogs.of(app).enable();
    const stacks = synthesized(app);

    expect(stackNames(stacks)).toEqual(['Data', 'LogArchive', 'Web']);
    expect(loggingOf(stacks.Web)['Web/Assets/Resource'].DestinationBucketName['Fn::ImportValue'])
      .toMatch(/^LogArchive:ExportsOutputRefArchive/);
    expect(loggingOf(stacks.LogArchive)[`${archive.node.path}/Resource`]).toBeUndefined();
    expect(synthErrors(app)).toBe('');
  });

  test('asks which when an environment has several AccessLogsBuckets', () => {
    const app = newPathApp();
    const logs = new Stack(app, 'LogArchive', { env: EU });
    new AccessLogsBucket(logs, 'First');
    new AccessLogsBucket(logs, 'Second');
    new s3.Bucket(new Stack(app, 'Web', { env: EU }), 'Assets');
    AccessLogs.of(app).enable();

    expect(() => app.synth()).toThrow(/account 111111111111 in eu-west-1 has several AccessLogsBuckets \(LogArchive\/First, LogArchive\/Second\).*Say which in destinationBuckets\./);
  });
});
