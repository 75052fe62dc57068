import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogs, AccessLogsBucket } from '../../src';

/**
 * The TypeScript twins of the apps of `python/bad_apps.py`, whose mistakes show when the app is
 * defined or synthesized. (A wrong type has no twin: the TypeScript compiler refuses it.) Not a test
 * file itself.
 */

const ACCOUNT = '123456789012';

/** Two buckets that log into each other by name: a loop, found when the app is synthesized. */
function loggingLoopApp(app: App): void {
  const stack = new Stack(app, 'LoopExample', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new s3.CfnBucket(stack, 'Orders', {
    bucketName: 'orders-bucket',
    loggingConfiguration: { destinationBucketName: 'audit-bucket' },
  });
  new s3.CfnBucket(stack, 'Audit', {
    bucketName: 'audit-bucket',
    loggingConfiguration: { destinationBucketName: 'orders-bucket' },
  });
  AccessLogs.of(app).check();
}

/** A bucket in eu-west-1 given a destination in us-east-1: refused when it is defined. */
function crossRegionApp(app: App): void {
  const logsStack = new Stack(app, 'LogsUsExample', { env: { account: ACCOUNT, region: 'us-east-1' } });
  const logs = new AccessLogsBucket(logsStack, 'AccessLogs');
  const dataStack = new Stack(app, 'DataEuExample', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new AccessLoggedBucket(dataStack, 'Data', { destinationBucket: logs });
}

/** A bucket in eu-west-1 logging to a us-east-1 destination given by name: found at synth. */
function crossRegionByNameApp(app: App): void {
  const logsStack = new Stack(app, 'LogsUsExample', { env: { account: ACCOUNT, region: 'us-east-1' } });
  new AccessLogsBucket(logsStack, 'AccessLogs', { bucketName: 'access-logs-us' });
  const dataStack = new Stack(app, 'DataEuExample', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new AccessLoggedBucket(dataStack, 'Data', {
    destinationBucket: s3.Bucket.fromBucketName(dataStack, 'AccessLogsByName', 'access-logs-us'),
  });
}

/** The apps by the names `bad_apps.py` gives their twins, with the rule id each error carries, if any. */
export const BAD_APPS: Record<string, { readonly build: (app: App) => void; readonly ruleId?: string }> = {
  'logging-loop': { build: loggingLoopApp, ruleId: 'cdk-s3-access-logs:loggingLoop' },
  // Thrown by the AccessLoggedBucket constructor, whose message does not carry the rule id.
  'cross-region': { build: crossRegionApp },
  'cross-region-by-name': { build: crossRegionByNameApp, ruleId: 'cdk-s3-access-logs:regionMismatch' },
};

/** The error that defining and synthesizing `build`'s app throws. */
export function errorOf(build: (app: App) => void): Error {
  try {
    const app = new App();
    build(app);
    app.synth();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the app defined and synthesized without an error');
}
