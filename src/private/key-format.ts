import { Token } from 'aws-cdk-lib';
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

/**
 * Whether log object keys of this format are date-based (`PartitionedPrefix`): account, Region and
 * source bucket, then `YYYY/MM/DD/`. Otherwise they are simple: the prefix, then the date and time.
 */
export function isDateBasedKeyFormat(format: TargetObjectKeyFormat): boolean {
  const rendered = renderKeyFormat(format);
  if (rendered === undefined || Token.isUnresolved(rendered)) {
    return false;
  }
  return (rendered as CfnBucket.TargetObjectKeyFormatProperty).partitionedPrefix !== undefined;
}

/** Whether the key format is the simple one (`[prefix]YYYY-mm-DD-HH-MM-SS-UniqueString`), which says nothing of the source. */
export function isSimpleKeyFormat(format: TargetObjectKeyFormat): boolean {
  return !isDateBasedKeyFormat(format);
}
