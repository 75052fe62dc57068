import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { AccessLoggedBucket, AccessLogs, AccessLogsBucket, CloudWatchLogsDelivery, DataEventsTrail } from '../../src';
import {
  DESTINATION_NO_OBJECT_LOCK, DESTINATION_NOT_LOGGED, DESTINATION_NOT_SSE_KMS, ScannerSuppression, TRAIL_OF_ONE_REGION,
} from '../../src/private/scanner-suppressions';
import { newStack } from '../support/stacks';

/**
 * Where the scanners' suppressions are written: on the log destinations this library defines (the
 * one for logging only while the destination does not log itself), on the trail it defines, and on
 * nothing of yours: not on your buckets, not on the source bucket of an `AccessLoggedBucket`.
 */

/** The template metadata keys the scanners read their suppressions from. */
const SCANNER_KEYS = ['cdk_nag', 'checkov', 'cfn_nag', 'guard'];

/** The scanners' metadata of a construct's L1 (or of the L1 itself), as synthesized. */
function scannerMetadata(construct: IConstruct): Record<string, any> {
  const resource = (construct.node.defaultChild ?? construct) as s3.CfnBucket;
  const stack = Stack.of(resource);
  const template = stack.resolve((resource as any)._toCloudFormation());
  const [rendered] = Object.values(template.Resources) as Array<{ Metadata?: Record<string, unknown> }>;
  return Object.fromEntries(Object.entries(rendered.Metadata ?? {}).filter(([key]) => SCANNER_KEYS.includes(key)));
}

/** The rule ids of `suppressions`, per scanner metadata key, as they are written. */
function expectedMetadata(...suppressions: ScannerSuppression[]): Record<string, any> {
  const each = (ids: (s: ScannerSuppression) => readonly string[] | undefined) =>
    suppressions.flatMap(s => (ids(s) ?? []).map(id => ({ id, reason: s.reason })));
  const metadata: Record<string, any> = {
    cdk_nag: { rules_to_suppress: each(s => s.rules.cdkNag) },
    checkov: { skip: each(s => s.rules.checkov).map(({ id, reason }) => ({ id, comment: reason })) },
    cfn_nag: { rules_to_suppress: each(s => s.rules.cfnNag) },
    guard: { SuppressedRules: each(s => s.rules.guard).map(({ id }) => id) },
  };
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => (Object.values(value)[0] as unknown[]).length > 0));
}

/** The rule ids a scanner metadata object suppresses, whatever the scanner. */
function suppressedIds(metadata: Record<string, any>): string[] {
  return [
    ...(metadata.cdk_nag?.rules_to_suppress ?? []).map((rule: { id: string }) => rule.id),
    ...(metadata.checkov?.skip ?? []).map((skip: { id: string }) => skip.id),
    ...(metadata.cfn_nag?.rules_to_suppress ?? []).map((rule: { id: string }) => rule.id),
    ...(metadata.guard?.SuppressedRules ?? []),
  ];
}

const LOGGING_RULE_IDS = Object.values(DESTINATION_NOT_LOGGED.rules).flat();

describe('an AccessLogsBucket', () => {
  test('that does not log suppresses the logging, SSE-KMS and Object Lock rules of every scanner, each with its reason', () => {
    const logs = new AccessLogsBucket(newStack(), 'Logs');

    expect(scannerMetadata(logs)).toEqual(expectedMetadata(DESTINATION_NOT_LOGGED, DESTINATION_NOT_SSE_KMS, DESTINATION_NO_OBJECT_LOCK));
  });

  test('that logs into another bucket suppresses no logging rule, and still the SSE-KMS and Object Lock rules', () => {
    const stack = newStack();
    const audit = new AccessLogsBucket(stack, 'Audit');
    const logs = new AccessLogsBucket(stack, 'Logs', { serverAccessLogsBucket: audit });

    expect(scannerMetadata(logs)).toEqual(expectedMetadata(DESTINATION_NOT_SSE_KMS, DESTINATION_NO_OBJECT_LOCK));
    expect(suppressedIds(scannerMetadata(audit))).toEqual(expect.arrayContaining(LOGGING_RULE_IDS));
  });

  test('that logs into a bucket of yours suppresses no logging rule', () => {
    const stack = newStack();
    const logs = new AccessLogsBucket(stack, 'Logs', { serverAccessLogsBucket: new s3.Bucket(stack, 'Yours') });

    const suppressed = suppressedIds(scannerMetadata(logs));
    expect(suppressed.filter(id => LOGGING_RULE_IDS.includes(id))).toEqual([]);
    expect(suppressed).toEqual(expect.arrayContaining(Object.values(DESTINATION_NOT_SSE_KMS.rules).flat()));
  });
});

describe('an AccessLoggedBucket', () => {
  test('suppresses nothing on its source bucket, and everything a destination needs on the destination it defines', () => {
    const data = new AccessLoggedBucket(newStack(), 'Data');

    expect(scannerMetadata(data.bucket)).toEqual({});
    expect(scannerMetadata(data.destinationBucket))
      .toEqual(expectedMetadata(DESTINATION_NOT_LOGGED, DESTINATION_NOT_SSE_KMS, DESTINATION_NO_OBJECT_LOCK));
  });

  test('suppresses nothing on a destination of yours', () => {
    const stack = newStack();
    const yours = new s3.Bucket(stack, 'Yours');
    new AccessLoggedBucket(stack, 'Data', { destinationBucket: yours });

    expect(scannerMetadata(yours)).toEqual({});
  });

  test('with logging off (enabled: false) suppresses nothing on its source bucket', () => {
    const data = new AccessLoggedBucket(newStack(), 'Data', { enabled: false });

    expect(scannerMetadata(data.bucket)).toEqual({});
  });
});

test('your own buckets get none, logging into an AccessLogsBucket or not', () => {
  const stack = newStack();
  const logs = new AccessLogsBucket(stack, 'Logs');
  const legacy = new s3.Bucket(stack, 'Legacy', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'legacy/' });
  const plain = new s3.CfnBucket(stack, 'Plain');

  expect(scannerMetadata(legacy)).toEqual({});
  expect(scannerMetadata(plain)).toEqual({});
});

test('AccessLogs.enable(): the destination it defines gets the destination\'s suppressions, the buckets it turns logging on for get none', () => {
  // GIVEN
  const app = new App();
  const stack = new Stack(app, 'Web', { env: { account: '111111111111', region: 'eu-west-1' } });
  const assets = new s3.Bucket(stack, 'Assets');
  const raw = new s3.CfnBucket(stack, 'Raw');

  // WHEN
  AccessLogs.of(app).enable();
  app.synth();

  // THEN
  const destination = app.node.findAll().find(construct => construct instanceof AccessLogsBucket)!;
  expect(scannerMetadata(destination)).toEqual(expectedMetadata(DESTINATION_NOT_LOGGED, DESTINATION_NOT_SSE_KMS, DESTINATION_NO_OBJECT_LOCK));
  expect(scannerMetadata(assets)).toEqual({});
  expect(scannerMetadata(raw)).toEqual({});
});

test('a DataEventsTrail suppresses checkov\'s all-Regions check on its trail, and nothing on its bucket', () => {
  const trail = new DataEventsTrail(newStack(), 'DataEvents');

  expect(scannerMetadata(trail.trail)).toEqual(expectedMetadata(TRAIL_OF_ONE_REGION));
  expect(scannerMetadata(trail.bucket)).toEqual({});
});

test('a CloudWatchLogsDelivery suppresses nothing on the log group it defines', () => {
  const stack = newStack({ env: { account: '111111111111', region: 'eu-west-1' } });
  const delivery = new CloudWatchLogsDelivery(stack, 'Delivery', { bucket: new s3.Bucket(stack, 'Yours') });

  expect(scannerMetadata(delivery.logGroup)).toEqual({});
});
