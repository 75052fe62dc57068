import { CfnBucket, PartitionDateSource, TargetObjectKeyFormat } from 'aws-cdk-lib/aws-s3';

/**
 * The key format used when none is given: date-based (partitioned) by event time.
 *
 * It puts the source account, Region and bucket in every key, so several sources can share a
 * destination and prefix without their logs interleaving, and Athena can project partitions over it.
 */
export function defaultKeyFormat(): TargetObjectKeyFormat {
  return TargetObjectKeyFormat.partitionedPrefix(PartitionDateSource.EVENT_TIME);
}

/**
 * The CloudFormation value of a key format.
 *
 * aws-cdk-lib gives `TargetObjectKeyFormat` no public accessor; `_render()` is what `s3.Bucket`
 * itself calls to fill `LoggingConfiguration.TargetObjectKeyFormat`.
 */
export function renderKeyFormat(format: TargetObjectKeyFormat): CfnBucket.LoggingConfigurationProperty['targetObjectKeyFormat'] {
  return format._render();
}
