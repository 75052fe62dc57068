import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogs, AccessLogsBucket } from '../../../src';
import { ACCOUNT_MISMATCH } from '../../../src/checks/rules/account-mismatch';
import { ENVIRONMENT_UNKNOWN } from '../../../src/checks/rules/environment-unknown';
import { REGION_MISMATCH } from '../../../src/checks/rules/region-mismatch';
import {
  checkedApp, errorLines, EU, EU_OTHER_ACCOUNT, expectNoFinding, grantLoggingService, lit, synthErrors, US, USE_BUCKET_POLICY_FLAG,
  warningsWithId,
} from '../../support/checks';

const ENV_IDS = [REGION_MISMATCH, ACCOUNT_MISMATCH, ENVIRONMENT_UNKNOWN];

describe('the environment rules: compliant', () => {
  test('reports nothing for an s3.Bucket logging to a bucket of its own stack', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs });

    expect(synthErrors(app)).toBe('');
    ENV_IDS.forEach(id => expectNoFinding(app, [stack], id));
  });

  test('reports nothing for a cross-stack s3.Bucket destination in the same environment', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    const logs = new s3.Bucket(logsStack, 'Logs');
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new s3.Bucket(dataStack, 'Source', { serverAccessLogsBucket: logs });

    expect(synthErrors(app)).toBe('');
    ENV_IDS.forEach(id => expectNoFinding(app, [logsStack, dataStack], id));
  });

  test('reports nothing for AccessLoggedBucket and AccessLogsBucket in two stacks of one environment', () => {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    const logs = new AccessLogsBucket(logsStack, 'Logs');
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new AccessLoggedBucket(dataStack, 'Data', { destinationBucket: logs });

    expect(synthErrors(app)).toBe('');
    ENV_IDS.forEach(id => expectNoFinding(app, [logsStack, dataStack], id));
  });

  test('reports nothing for CfnBuckets with literal names across two stacks of one environment', () => {
    const app = checkedApp();
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    grantLoggingService(new s3.Bucket(logsStack, 'Logs', { bucketName: 'logs-eu' }));
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new s3.CfnBucket(dataStack, 'Source', { loggingConfiguration: { destinationBucketName: 'logs-eu' } });

    expect(synthErrors(app)).toBe('');
    ENV_IDS.forEach(id => expectNoFinding(app, [logsStack, dataStack], id));
  });

  test('reports nothing for an environment-agnostic stack that logs within itself', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new AccessLoggedBucket(stack, 'Data');

    expect(synthErrors(app)).toBe('');
    ENV_IDS.forEach(id => expectNoFinding(app, [stack], id));
  });

  test('does not warn for two environment-agnostic stacks tied by a reference (Fn::ImportValue keeps them in one environment)', () => {
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack');
    const logs = new AccessLogsBucket(logsStack, 'Logs');
    const dataStack = new Stack(app, 'DataStack');
    new AccessLoggedBucket(dataStack, 'Data', { destinationBucket: logs });

    expect(synthErrors(app)).toBe('');
    ENV_IDS.forEach(id => expectNoFinding(app, [logsStack, dataStack], id));
  });

  test('warns environmentUnknown for two environment-agnostic stacks tied only by a literal bucket name', () => {
    // GIVEN a destination with a literal name in one env-agnostic stack, named by a CfnBucket in another
    const app = new App();
    const logsStack = new Stack(app, 'LogsStack');
    grantLoggingService(new s3.Bucket(logsStack, 'Logs', { bucketName: 'agnostic-logs' }));
    const dataStack = new Stack(app, 'DataStack');
    new s3.CfnBucket(dataStack, 'Data', { loggingConfiguration: { destinationBucketName: 'agnostic-logs' } });
    AccessLogs.of(app).check();

    // THEN nothing keeps the two in one Region and account: a warning naming both, and no error
    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(dataStack).hasWarning('/DataStack/Data', Match.stringLikeRegexp(
      '^DataStack/Data logs to LogsStack/Logs in another stack, and the Region and account of one of them is not known at synth'));
    expectNoFinding(app, [logsStack], ENVIRONMENT_UNKNOWN);
  });
});

describe('the environment rules: Region', () => {
  test('throws regionMismatch for a CfnBucket logging to a bucket of another Region by literal name', () => {
    // GIVEN
    const app = checkedApp();
    const usStack = new Stack(app, 'UsStack', { env: US });
    grantLoggingService(new s3.Bucket(usStack, 'Logs', { bucketName: 'logs-us' }));
    const euStack = new Stack(app, 'EuStack', { env: EU });
    new s3.CfnBucket(euStack, 'Source', { loggingConfiguration: { destinationBucketName: 'logs-us' } });

    // THEN
    expect(() => app.synth()).toThrow(new RegExp(lit(
      '[EuStack/Source] EuStack/Source logs to UsStack/Logs in another Region: source eu-west-1, destination us-east-1. '
      + "S3 delivers server access logs only to a bucket in the source's own Region. "
      + 'Use a destination in eu-west-1, e.g. an AccessLogsBucket in a stack of that Region. [cdk-s3-access-logs:regionMismatch]',
    )));
    expect(errorLines(app, ACCOUNT_MISMATCH)).toEqual([]);
  });

  test('throws regionMismatch for an s3.Bucket whose serverAccessLogsBucket names an AccessLogsBucket of another Region', () => {
    const app = new App();
    const usStack = new Stack(app, 'UsStack', { env: US });
    new AccessLogsBucket(usStack, 'Logs', { bucketName: 'logs-us' });
    const euStack = new Stack(app, 'EuStack', { env: EU });
    new s3.Bucket(euStack, 'Source', { serverAccessLogsBucket: s3.Bucket.fromBucketName(euStack, 'LogsByName', 'logs-us') });

    expect(() => app.synth()).toThrow(
      /\[EuStack\/Source\] EuStack\/Source logs to UsStack\/Logs in another Region: source eu-west-1, destination us-east-1\..*\[cdk-s3-access-logs:regionMismatch\]/,
    );
  });

  test('throws regionMismatch for an AccessLoggedBucket whose destination is named after an AccessLogsBucket of another Region', () => {
    const app = new App();
    const usStack = new Stack(app, 'UsStack', { env: US });
    new AccessLogsBucket(usStack, 'Logs', { bucketName: 'logs-us' });
    const euStack = new Stack(app, 'EuStack', { env: EU });
    new AccessLoggedBucket(euStack, 'Data', { destinationBucket: s3.Bucket.fromBucketName(euStack, 'LogsByName', 'logs-us') });

    expect(() => app.synth()).toThrow(
      /\[EuStack\/Data\/Bucket\] EuStack\/Data\/Bucket logs to UsStack\/Logs in another Region: source eu-west-1, destination us-east-1\./,
    );
    expect(errorLines(app, REGION_MISMATCH)).toHaveLength(1);
  });

  test('throws regionMismatch for an imported destination whose Region is given on import', () => {
    const app = checkedApp();
    const euStack = new Stack(app, 'EuStack', { env: EU });
    s3.Bucket.fromBucketAttributes(euStack, 'UsLogs', { bucketName: 'external-logs-us', region: 'us-east-1' });
    const otherStack = new Stack(app, 'OtherStack', { env: EU });
    new s3.CfnBucket(otherStack, 'Source', { loggingConfiguration: { destinationBucketName: 'external-logs-us' } });

    expect(() => app.synth()).toThrow(new RegExp(lit(
      '[OtherStack/Source] OtherStack/Source logs to EuStack/UsLogs (bucket external-logs-us) in another Region: '
      + 'source eu-west-1, destination us-east-1.',
    )));
  });
});

describe('the environment rules: account', () => {
  test('throws accountMismatch for a CfnBucket logging to a bucket of another account by literal name', () => {
    const app = checkedApp();
    const otherStack = new Stack(app, 'OtherAccount', { env: EU_OTHER_ACCOUNT });
    grantLoggingService(new s3.Bucket(otherStack, 'Logs', { bucketName: 'logs-other' }));
    const stack = new Stack(app, 'Stack', { env: EU });
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: 'logs-other' } });

    expect(() => app.synth()).toThrow(new RegExp(lit(
      '[Stack/Source] Stack/Source logs to OtherAccount/Logs in another account: source 111111111111, destination 222222222222. '
      + "S3 delivers server access logs only to a bucket in the source's own account. "
      + 'Use a destination in 111111111111, e.g. an AccessLogsBucket in a stack of that account. [cdk-s3-access-logs:accountMismatch]',
    )));
    expect(errorLines(app, REGION_MISMATCH)).toEqual([]);
  });

  test('throws both regionMismatch and accountMismatch when both differ', () => {
    const app = new App();
    const otherStack = new Stack(app, 'Other', { env: { account: '222222222222', region: 'us-east-1' } });
    new AccessLogsBucket(otherStack, 'Logs', { bucketName: 'logs-elsewhere' });
    const stack = new Stack(app, 'Stack', { env: EU });
    new AccessLoggedBucket(stack, 'Data', { destinationBucket: s3.Bucket.fromBucketName(stack, 'Elsewhere', 'logs-elsewhere') });

    expect(errorLines(app, REGION_MISMATCH)).toEqual([expect.stringMatching(/source eu-west-1, destination us-east-1/)]);
    expect(errorLines(app, ACCOUNT_MISMATCH)).toEqual([expect.stringMatching(/source 111111111111, destination 222222222222/)]);
  });
});

describe('the environment rules: environment unknown at synth', () => {
  test('warns environmentUnknown for a concrete source and an environment-agnostic destination stack', () => {
    // GIVEN
    const app = checkedApp();
    const agnostic = new Stack(app, 'Agnostic');
    grantLoggingService(new s3.Bucket(agnostic, 'Logs', { bucketName: 'logs-somewhere' }));
    const concrete = new Stack(app, 'Concrete', { env: EU });
    new s3.Bucket(concrete, 'Source', { serverAccessLogsBucket: s3.Bucket.fromBucketName(concrete, 'Logs', 'logs-somewhere') });

    // THEN
    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(concrete).hasWarning('/Concrete/Source', Match.stringLikeRegexp(lit(
      'Concrete/Source logs to Agnostic/Logs in another stack, and the Region and account of one of them is not known at synth '
      + '(an environment-agnostic stack).',
    ) + '.*' + lit('[ack: cdk-s3-access-logs:environmentUnknown]')));
    expect(warningsWithId(agnostic, ENVIRONMENT_UNKNOWN)).toEqual([]);
  });

  test('warns environmentUnknown for an environment-agnostic AccessLoggedBucket and a concrete AccessLogsBucket', () => {
    const app = new App();
    const concrete = new Stack(app, 'Concrete', { env: EU });
    const logs = new AccessLogsBucket(concrete, 'Logs', { bucketName: 'logs-eu' });
    grantLoggingService(logs);
    const agnostic = new Stack(app, 'Agnostic');
    new AccessLoggedBucket(agnostic, 'Data', { destinationBucket: s3.Bucket.fromBucketName(agnostic, 'Logs', 'logs-eu') });

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(agnostic).hasWarning('/Agnostic/Data/Bucket',
      Match.stringLikeRegexp('Agnostic/Data/Bucket logs to Concrete/Logs in another stack, and the Region and account .*environmentUnknown'));
    expect(errorLines(app, REGION_MISMATCH)).toEqual([]);
  });

  test('warns only for the part that is a token: the Region when the accounts are both known', () => {
    const app = checkedApp();
    const regionless = new Stack(app, 'Regionless', { env: { account: '111111111111' } });
    grantLoggingService(new s3.Bucket(regionless, 'Logs', { bucketName: 'logs-regionless' }));
    const concrete = new Stack(app, 'Concrete', { env: EU });
    new s3.CfnBucket(concrete, 'Source', { loggingConfiguration: { destinationBucketName: 'logs-regionless' } });

    expect(warningsWithId(concrete, ENVIRONMENT_UNKNOWN)).toEqual([
      expect.stringMatching(/^Concrete\/Source logs to Regionless\/Logs in another stack, and the Region of one of them is not known/),
    ]);
  });
});
