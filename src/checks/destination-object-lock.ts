import { checkId, Finding } from './finding';
import { describeSources, LoggingModel, sourcesByDestination } from './model';

/** Error: a destination with Object Lock enabled. */
export const DESTINATION_OBJECT_LOCK = checkId('destinationObjectLock');

/**
 * A bucket with S3 Object Lock enabled cannot be a server access log destination.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function checkDestinationObjectLock(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const [destination, sources] of sourcesByDestination(model)) {
    if (destination.objectLockEnabled) {
      findings.push({
        level: 'error',
        id: DESTINATION_OBJECT_LOCK,
        scope: destination.scope,
        message: `${destination.path} receives the server access logs of ${describeSources(sources)} but has Object Lock enabled; `
          + 'S3 does not deliver server access logs to a bucket with Object Lock. '
          + 'Use a destination without Object Lock (an AccessLogsBucket keeps logs safe with versioning and lifecycle rules).',
      });
    }
  }
  return findings;
}
