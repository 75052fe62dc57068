import { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import {
  DESTINATION_NO_OBJECT_LOCK, DESTINATION_NOT_LOGGED, DESTINATION_NOT_SSE_KMS, QUERY_RESULTS_ONLY, ScannerSuppression, suppressScannerFindings,
  TRAIL_OF_ONE_REGION,
} from '../../src/private/scanner-suppressions';
import { newStack } from '../support/stacks';

/** Every suppression this library writes, for the tests that hold all of them to the same rules. */
const ALL: Record<string, ScannerSuppression> = {
  DESTINATION_NOT_LOGGED, DESTINATION_NOT_SSE_KMS, DESTINATION_NO_OBJECT_LOCK, QUERY_RESULTS_ONLY, TRAIL_OF_ONE_REGION,
};

function metadataOf(suppressions: ScannerSuppression[], existing?: Record<string, unknown>): Record<string, any> {
  const stack = newStack();
  const bucket = new CfnBucket(stack, 'Bucket');
  if (existing) {
    bucket.cfnOptions.metadata = existing;
  }
  suppressScannerFindings(bucket, bucket as CfnResource, suppressions);
  return Object.values(Template.fromStack(stack).findResources('AWS::S3::Bucket'))[0].Metadata;
}

describe.each(Object.entries(ALL))('%s', (_name, suppression) => {
  test('has a reason, and rules of at least one scanner', () => {
    expect(suppression.reason.trim().length).toBeGreaterThan(20);
    expect(Object.values(suppression.rules).flat().length).toBeGreaterThan(0);
  });

  test('is written in each scanner\'s own format, with its reason wherever the format has room', () => {
    const metadata = metadataOf([suppression]);
    const { cdkNag = [], checkov = [], cfnNag = [], guard = [] } = suppression.rules;
    expect(metadata.cdk_nag?.rules_to_suppress ?? []).toEqual(cdkNag.map(id => ({ id, reason: suppression.reason })));
    expect(metadata.checkov?.skip ?? []).toEqual(checkov.map(id => ({ id, comment: suppression.reason })));
    expect(metadata.cfn_nag?.rules_to_suppress ?? []).toEqual(cfnNag.map(id => ({ id, reason: suppression.reason })));
    expect(metadata.guard?.SuppressedRules ?? []).toEqual(guard);
  });
});

test('the log destination\'s suppressions name the rules of every scanner that reports a bucket without logging', () => {
  expect(DESTINATION_NOT_LOGGED.rules).toEqual({
    cdkNag: expect.arrayContaining(['AwsSolutions-S1']),
    checkov: ['CKV_AWS_18'],
    cfnNag: ['W35'],
    guard: ['S3_BUCKET_LOGGING_ENABLED'],
  });
  expect(DESTINATION_NOT_SSE_KMS.rules.checkov).toEqual(['CKV_AWS_145']);
  expect(DESTINATION_NOT_SSE_KMS.reason).toBe('S3 server access log delivery does not support SSE-KMS default encryption on the destination');
});

test('appends to the suppressions a resource already has, for every scanner', () => {
  // GIVEN a resource with suppressions of its own (as NagSuppressions or a user writes them)
  const existing = {
    cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-S10', reason: 'mine' }] },
    checkov: { skip: [{ id: 'CKV_AWS_21', comment: 'mine' }] },
    cfn_nag: { rules_to_suppress: [{ id: 'W51', reason: 'mine' }] },
    guard: { SuppressedRules: ['S3_BUCKET_VERSIONING_ENABLED'] },
  };

  // WHEN
  const metadata = metadataOf([DESTINATION_NOT_LOGGED], existing);

  // THEN theirs come first, ours after
  expect(metadata.cdk_nag.rules_to_suppress[0]).toEqual({ id: 'AwsSolutions-S10', reason: 'mine' });
  expect(metadata.cdk_nag.rules_to_suppress).toHaveLength(1 + DESTINATION_NOT_LOGGED.rules.cdkNag!.length);
  expect(metadata.checkov.skip).toEqual([{ id: 'CKV_AWS_21', comment: 'mine' }, { id: 'CKV_AWS_18', comment: DESTINATION_NOT_LOGGED.reason }]);
  expect(metadata.cfn_nag.rules_to_suppress).toEqual([{ id: 'W51', reason: 'mine' }, { id: 'W35', reason: DESTINATION_NOT_LOGGED.reason }]);
  expect(metadata.guard.SuppressedRules).toEqual(['S3_BUCKET_VERSIONING_ENABLED', 'S3_BUCKET_LOGGING_ENABLED']);
});

test('writes no metadata key for a scanner without rules in the suppressions', () => {
  expect(Object.keys(metadataOf([TRAIL_OF_ONE_REGION]))).toEqual(['checkov']);
});

test('acknowledges the cdk-nag rules on the construct for cdk-nag 3, with their reasons', () => {
  const stack = newStack();
  const bucket = new CfnBucket(stack, 'Bucket');

  suppressScannerFindings(bucket, bucket, [DESTINATION_NOT_LOGGED, DESTINATION_NOT_SSE_KMS]);

  const acknowledged = bucket.node.metadata.filter(entry => entry.type === 'aws:cdk:acknowledged-rules').map(entry => entry.data);
  expect(acknowledged).toEqual([{
    ...Object.fromEntries(DESTINATION_NOT_LOGGED.rules.cdkNag!.map(id => [`Annotation::${id}`, DESTINATION_NOT_LOGGED.reason])),
    ...Object.fromEntries(DESTINATION_NOT_SSE_KMS.rules.cdkNag!.map(id => [`Annotation::${id}`, DESTINATION_NOT_SSE_KMS.reason])),
  }]);
});
