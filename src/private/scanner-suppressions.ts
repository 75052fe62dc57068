import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * What the scanners that security teams run over a synthesized app report on the resources this
 * library defines by design, each with the reason a reviewer can check, defined once here and
 * written for every scanner that reads template or construct metadata.
 *
 * A suppression is written only where its reason holds: on a log destination this library defines
 * (never on a bucket of yours, nor on the source bucket of an `AccessLoggedBucket`), and the one for
 * logging only while the destination does not log elsewhere itself.
 */

/** The rule ids of one finding, per scanner; a scanner that has no such rule is left out. */
export interface ScannerRuleIds {
  /** cdk-nag rule ids, every pack that has the rule (`AwsSolutions-S1`, `HIPAA.Security-...`). */
  readonly cdkNag?: readonly string[];
  /** checkov check ids (`CKV_AWS_18`). */
  readonly checkov?: readonly string[];
  /** cfn_nag rule ids (`W35`). */
  readonly cfnNag?: readonly string[];
  /** AWS Guard Rules Registry rule names, as cfn-guard reports them (`S3_BUCKET_LOGGING_ENABLED`). */
  readonly guard?: readonly string[];
}

/** One reason, and the rules of every scanner that it answers. */
export interface ScannerSuppression {
  readonly rules: ScannerRuleIds;
  /** Why the finding does not apply to this resource; written into the metadata where the format has room. */
  readonly reason: string;
}

/** cdk-nag's rules, in every pack that has one, that ask a bucket for server access logging. */
const CDK_NAG_BUCKET_LOGGING: readonly string[] = [
  'AwsSolutions-S1',
  'HIPAA.Security-S3BucketLoggingEnabled',
  'NIST.800.53.R4-S3BucketLoggingEnabled',
  'NIST.800.53.R5-S3BucketLoggingEnabled',
  'PCI.DSS.321-S3BucketLoggingEnabled',
];

/**
 * A log destination that does not log itself. Its logs would need another destination, which would
 * need one in turn, or come back: a loop that writes logs about its own log deliveries without end.
 *
 * The S3 User Guide says as much: a destination bucket should not have server access logging enabled.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 * @see https://github.com/cdklabs/cdk-nag/blob/main/RULES.md
 * @see https://github.com/stelligent/cfn_nag (W35: S3 Bucket should have access logging configured)
 */
export const DESTINATION_NOT_LOGGED: ScannerSuppression = {
  rules: {
    cdkNag: CDK_NAG_BUCKET_LOGGING,
    checkov: ['CKV_AWS_18'],
    cfnNag: ['W35'],
    guard: ['S3_BUCKET_LOGGING_ENABLED'],
  },
  reason: 'A destination of S3 server access logs: logging it would log every log delivery, '
    + 'into itself (a loop) or into another log bucket.',
};

/**
 * SSE-S3 rather than SSE-KMS default encryption: S3 does not deliver server access logs into a
 * destination whose default encryption is SSE-KMS (an `AccessLogsBucket` refuses it).
 *
 * checkov's CKV_AWS_145 is a check of its `cdk` (source code) framework; its `cloudformation`
 * framework has none by that id (checkov 3.3.30), so the entry records the decision for the
 * template's readers and the tools that map checkov's ids onto templates.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshooting-server-access-logging.html
 */
export const DESTINATION_NOT_SSE_KMS: ScannerSuppression = {
  rules: {
    cdkNag: [
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'PCI.DSS.321-S3DefaultEncryptionKMS',
    ],
    checkov: ['CKV_AWS_145'],
  },
  reason: 'S3 server access log delivery does not support SSE-KMS default encryption on the destination',
};

/**
 * No S3 Object Lock: a bucket with Object Lock enabled is not a valid destination of server access
 * logs (an `AccessLogsBucket` refuses it).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export const DESTINATION_NO_OBJECT_LOCK: ScannerSuppression = {
  rules: {
    cdkNag: ['NIST.800.53.R4-S3BucketDefaultLockEnabled'],
    guard: ['S3_BUCKET_DEFAULT_LOCK_ENABLED'],
  },
  reason: 'S3 does not deliver server access logs into a bucket that has S3 Object Lock enabled',
};

/**
 * A `DataEventsTrail` records the S3 data events of the buckets given to it, which are in its own
 * Region (it checks that), and no management events: a multi-Region trail would record nothing
 * more of those buckets.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
 */
export const TRAIL_OF_ONE_REGION: ScannerSuppression = {
  rules: { checkov: ['CKV_AWS_67'] },
  reason: 'Records the S3 data events of buckets in its own Region, and no management events; '
    + 'a multi-Region trail would record nothing more of those buckets',
};

/**
 * The results bucket of an `AccessLogsTable`'s workgroup holds only the results Athena writes for
 * the workgroup's queries (its settings are enforced), and they expire after `resultsRetention`:
 * versioning would keep each expired result as a noncurrent version, and who ran which query is
 * recorded by CloudTrail as a management event (`StartQueryExecution`), which a server access log of
 * the bucket would only repeat as Athena's own requests.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/querying.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/monitor-with-cloudtrail.html
 */
export const QUERY_RESULTS_ONLY: ScannerSuppression = {
  rules: {
    cdkNag: [
      ...CDK_NAG_BUCKET_LOGGING,
      'HIPAA.Security-S3BucketVersioningEnabled',
      'NIST.800.53.R4-S3BucketVersioningEnabled',
      'NIST.800.53.R5-S3BucketVersioningEnabled',
      'PCI.DSS.321-S3BucketVersioningEnabled',
    ],
    checkov: ['CKV_AWS_18', 'CKV_AWS_21'],
    cfnNag: ['W35'],
    guard: ['S3_BUCKET_LOGGING_ENABLED', 'S3_BUCKET_VERSIONING_ENABLED'],
  },
  reason: 'Holds only the Athena query results of its workgroup, which expire after the retention set: versioning would keep them, '
    + 'and CloudTrail records who ran each query (StartQueryExecution)',
};

/**
 * Where each scanner reads its suppressions.
 *
 * - cdk-nag 2: `Metadata.cdk_nag.rules_to_suppress: [{ id, reason }]`, what `NagSuppressions` writes
 *   (https://github.com/cdklabs/cdk-nag#suppressing-a-rule).
 * - cdk-nag 3: the construct metadata that aws-cdk-lib's `Validations.of(x).acknowledge()` writes
 *   (`aws:cdk:acknowledged-rules`, keys `Annotation::<rule id>`); that API is newer than this
 *   library's aws-cdk-lib floor, so the entry is written the same way by hand.
 * - checkov: `Metadata.checkov.skip: [{ id, comment }]`
 *   (https://www.checkov.io/7.Scan%20Examples/CDK.html; a skip without `comment` is reported as
 *   "No comment provided").
 * - cfn_nag: `Metadata.cfn_nag.rules_to_suppress: [{ id, reason }]`
 *   (https://github.com/stelligent/cfn_nag#per-resource-rule-suppression).
 * - cfn-guard with the AWS Guard Rules Registry: `Metadata.guard.SuppressedRules: [<rule name>]`,
 *   names only, which each registry rule reads in its own filter
 *   (https://github.com/aws-cloudformation/aws-guard-rules-registry/blob/main/docs/GUARD_RULES_DEV_GUIDE.md).
 */
const CDK_NAG_METADATA_KEY = 'cdk_nag';
const CHECKOV_METADATA_KEY = 'checkov';
const CFN_NAG_METADATA_KEY = 'cfn_nag';
const GUARD_METADATA_KEY = 'guard';
const ACKNOWLEDGED_RULES_METADATA_KEY = 'aws:cdk:acknowledged-rules';
const ACKNOWLEDGED_RULE_NAMESPACE = 'Annotation::';

/**
 * Write `suppressions` into the metadata of `resource` for every scanner, after what is there
 * already, and acknowledge their cdk-nag rules on `construct` for cdk-nag 3 (the construct its
 * findings are reported on: the L2 of an L1 resource).
 */
export function suppressScannerFindings(construct: IConstruct, resource: CfnResource, suppressions: readonly ScannerSuppression[]): void {
  const each = (ids: (rules: ScannerRuleIds) => readonly string[] | undefined) =>
    suppressions.flatMap(suppression => (ids(suppression.rules) ?? []).map(id => ({ id, reason: suppression.reason })));

  const cdkNag = each(rules => rules.cdkNag);
  appendToList(resource, CDK_NAG_METADATA_KEY, 'rules_to_suppress', cdkNag);
  appendToList(resource, CHECKOV_METADATA_KEY, 'skip', each(rules => rules.checkov).map(({ id, reason }) => ({ id, comment: reason })));
  appendToList(resource, CFN_NAG_METADATA_KEY, 'rules_to_suppress', each(rules => rules.cfnNag));
  appendToList(resource, GUARD_METADATA_KEY, 'SuppressedRules', each(rules => rules.guard).map(({ id }) => id));
  if (cdkNag.length > 0) {
    construct.node.addMetadata(ACKNOWLEDGED_RULES_METADATA_KEY, Object.fromEntries(
      cdkNag.map(({ id, reason }) => [`${ACKNOWLEDGED_RULE_NAMESPACE}${id}`, reason]),
    ));
  }
}

/** Append `entries` to the list `metadata[key][list]` of `resource`, keeping the other members of `metadata[key]`. */
function appendToList(resource: CfnResource, key: string, list: string, entries: unknown[]): void {
  if (entries.length === 0) {
    return;
  }
  const existing = resource.getMetadata(key) ?? {};
  resource.addMetadata(key, { ...existing, [list]: [...(existing[list] ?? []), ...entries] });
}
