import { checkId, Finding } from '../finding';
import { describeDestinationRole, LoggingModel, ModelElement, sourcesByDestination } from '../model';

/** Error: a destination with SSE-KMS or DSSE-KMS default encryption. */
export const DESTINATION_ENCRYPTION = checkId('destinationEncryption');

const UNSUPPORTED_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

/**
 * S3 delivers server access logs only to a destination whose default encryption is SSE-S3
 * (`AES256`); SSE-KMS and DSSE-KMS are not supported.
 *
 * Used by the app-wide check and by our constructs' eager checks alike, so both say the same.
 *
 * @param destination the destination bucket
 * @param sseAlgorithms its default encryption algorithms
 * @param sourcePaths the sources that log into it (none yet, for a destination being defined)
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshooting-server-access-logging.html
 */
export function destinationEncryption(destination: ModelElement, sseAlgorithms: string[], sourcePaths: string[]): Finding | undefined {
  const unsupported = sseAlgorithms.filter(a => UNSUPPORTED_ALGORITHMS.includes(a));
  if (unsupported.length === 0) {
    return undefined;
  }
  return {
    level: 'error',
    id: DESTINATION_ENCRYPTION,
    subject: destination,
    message: `${destination.path} ${describeDestinationRole(sourcePaths)}, but its default encryption is ${unsupported.join(', ')}; `
      + 'S3 delivers server access logs only to a bucket encrypted with SSE-S3 (AES256). '
      + 'Use SSE-S3 on it (`encryption: BucketEncryption.S3_MANAGED` and no `encryptionKey`), or use an AccessLogsBucket.',
  };
}

export function checkDestinationEncryption(model: LoggingModel): Finding[] {
  return [...sourcesByDestination(model)].flatMap(([destination, sources]) =>
    destinationEncryption(destination, destination.sseAlgorithms, sources.map(s => s.source.path)) ?? []);
}
