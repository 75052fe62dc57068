import { checkId, Finding } from '../finding';
import { BucketNode, LoggingModel, VendedDeliveryNode } from '../model';

/**
 * Error: a bucket of the app receives a vended delivery, and its default encryption is SSE-KMS with a
 * key of the app whose key policy does not let `delivery.logs.amazonaws.com` use it. A warning with
 * this id for SSE-KMS with the AWS managed key `aws/s3`.
 */
export const VENDED_DESTINATION_ENCRYPTION = checkId('vendedDestinationEncryption');

/**
 * CloudWatch Logs writes into a bucket encrypted with SSE-S3 or SSE-KMS; "If the bucket has
 * server-side encryption using a customer managed AWS KMS key, you must also add the key policy for
 * your customer managed key": a key of the app whose key policy gives `delivery.logs.amazonaws.com` no
 * `kms:GenerateDataKey` is an error. The AWS managed key `aws/s3` takes no statement of ours (its key
 * policy cannot be changed); the pages read say nothing more of it, so it is a warning. DSSE-KMS is not
 * mentioned, and not checked.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html
 */
export function checkVendedDestinationEncryption(model: LoggingModel): Finding[] {
  const byBucket = new Map<BucketNode, VendedDeliveryNode[]>();
  for (const delivery of model.vendedDeliveries) {
    if (delivery.destination.kind === 'bucket' && delivery.destination.bucket !== delivery.source.bucket) {
      const list = byBucket.get(delivery.destination.bucket) ?? [];
      list.push(delivery);
      byBucket.set(delivery.destination.bucket, list);
    }
  }
  const findings: Finding[] = [];
  // One finding per destination: one encryption, one cause.
  for (const [bucket, deliveries] of byBucket) {
    const role = `${bucket.path} receives the vended deliveries ${deliveries.map(d => d.path).join(', ')} of server access logs`;
    const kms = bucket.defaultEncryption.filter(rule => rule.algorithm === 'aws:kms');
    if (kms.some(rule => rule.kmsKeyGiven && rule.keyLetsLogDeliveryEncrypt === 'no')) {
      findings.push({
        level: 'error',
        id: VENDED_DESTINATION_ENCRYPTION,
        subject: bucket,
        message: `${role}, but its default encryption is SSE-KMS with a key whose key policy does not let delivery.logs.amazonaws.com use it `
          + '(no Allow of kms:GenerateDataKey* for that service principal): CloudWatch Logs cannot write into it. Add that statement to the key '
          + 'policy, with the conditions aws:SourceAccount and aws:SourceArn of the delivery sources, or use SSE-S3.',
      });
    } else if (kms.some(rule => !rule.kmsKeyGiven)) {
      findings.push({
        level: 'warning',
        id: VENDED_DESTINATION_ENCRYPTION,
        subject: bucket,
        message: `${role}, and its default encryption is SSE-KMS with the AWS managed key aws/s3, whose key policy cannot grant `
          + 'delivery.logs.amazonaws.com anything; the CloudWatch Logs User Guide documents SSE-KMS with a customer managed key whose key policy '
          + 'names that service principal. '
          + 'Use a customer managed key whose key policy lets delivery.logs.amazonaws.com use it, or SSE-S3, and check that the logs arrive.',
      });
    }
  }
  return findings;
}
