import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';

/**
 * The cdk-nag rules that report a bucket without server access logging, in every pack that has one.
 *
 * @see https://github.com/cdklabs/cdk-nag/blob/main/RULES.md
 */
export const LOGGING_DISABLED_RULES = [
  'AwsSolutions-S1',
  'HIPAA.Security-S3BucketLoggingEnabled',
  'NIST.800.53.R4-S3BucketLoggingEnabled',
  'NIST.800.53.R5-S3BucketLoggingEnabled',
  'PCI.DSS.321-S3BucketLoggingEnabled',
];

export const LOG_DESTINATION_REASON = 'A destination of S3 server access logs: logging it would log every log delivery, '
  + 'into itself (a loop) or into another log bucket.';

/**
 * cdk-nag 2 reads acknowledgements from the resource's template metadata (`NagSuppressions` writes it).
 */
const CDK_NAG_V2_METADATA_KEY = 'cdk_nag';

/**
 * cdk-nag 3 reads the construct metadata that aws-cdk-lib's `Validations.of(x).acknowledge()` writes
 * (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`, keys `Annotation::<rule id>`); that API is newer than
 * this library's aws-cdk-lib floor, so the entry is written the same way by hand.
 */
const ACKNOWLEDGED_RULES_METADATA_KEY = 'aws:cdk:acknowledged-rules';
const ACKNOWLEDGED_RULE_NAMESPACE = 'Annotation::';

/**
 * Acknowledge the "server access logging disabled" rules of cdk-nag 2 and 3 on a log destination,
 * without depending on cdk-nag.
 */
export function acknowledgeLoggingDisabledRules(bucket: IConstruct, cfn: CfnBucket): void {
  const existing = cfn.getMetadata(CDK_NAG_V2_METADATA_KEY)?.rules_to_suppress ?? [];
  cfn.addMetadata(CDK_NAG_V2_METADATA_KEY, {
    rules_to_suppress: [...existing, ...LOGGING_DISABLED_RULES.map(id => ({ id, reason: LOG_DESTINATION_REASON }))],
  });
  bucket.node.addMetadata(ACKNOWLEDGED_RULES_METADATA_KEY, Object.fromEntries(
    LOGGING_DISABLED_RULES.map(id => [`${ACKNOWLEDGED_RULE_NAMESPACE}${id}`, LOG_DESTINATION_REASON]),
  ));
}
