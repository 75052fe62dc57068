import { checkId, Finding } from './finding';
import { describeSources, LoggingModel, sourcesByDestination } from './model';

/** Error: a destination with SSE-KMS or DSSE-KMS default encryption. */
export const DESTINATION_ENCRYPTION = checkId('destinationEncryption');

const UNSUPPORTED_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

/**
 * S3 delivers server access logs only to a destination whose default encryption is SSE-S3
 * (`AES256`); SSE-KMS and DSSE-KMS are not supported.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshooting-server-access-logging.html
 */
export function checkDestinationEncryption(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const [destination, sources] of sourcesByDestination(model)) {
    const unsupported = destination.sseAlgorithms.filter(a => UNSUPPORTED_ALGORITHMS.includes(a));
    if (unsupported.length > 0) {
      findings.push({
        level: 'error',
        id: DESTINATION_ENCRYPTION,
        scope: destination.scope,
        message: `${destination.path} receives the server access logs of ${describeSources(sources)} but its default encryption is `
          + `${unsupported.join(', ')}; S3 delivers server access logs only to a bucket encrypted with SSE-S3 (AES256). `
          + 'Set `encryption: BucketEncryption.S3_MANAGED` on it, or use an AccessLogsBucket.',
      });
    }
  }
  return findings;
}
