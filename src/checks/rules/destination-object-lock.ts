import { checkId, Finding } from '../finding';
import { describeDestinationRole, LoggingModel, ModelElement, sourcesByDestination } from '../model';

/** Error: a destination with Object Lock enabled. */
export const DESTINATION_OBJECT_LOCK = checkId('destinationObjectLock');

/**
 * A bucket with S3 Object Lock enabled cannot be a server access log destination.
 *
 * Used by the app-wide check and by our constructs' eager checks alike, so both say the same.
 *
 * @param destination the destination bucket
 * @param objectLockEnabled whether Object Lock is enabled on it
 * @param sourcePaths the sources that log into it (none yet, for a destination being defined)
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function destinationObjectLock(destination: ModelElement, objectLockEnabled: boolean, sourcePaths: string[]): Finding | undefined {
  if (!objectLockEnabled) {
    return undefined;
  }
  return {
    level: 'error',
    id: DESTINATION_OBJECT_LOCK,
    subject: destination,
    message: `${destination.path} ${describeDestinationRole(sourcePaths)}, but has Object Lock enabled; S3 does not deliver server access logs to a bucket with Object Lock. `
      + 'Use a destination without Object Lock (no `objectLockEnabled` or `objectLockDefaultRetention`; an AccessLogsBucket keeps logs '
      + 'safe with versioning and lifecycle rules).',
  };
}

export function checkDestinationObjectLock(model: LoggingModel): Finding[] {
  return [...sourcesByDestination(model)].flatMap(([destination, sources]) =>
    destinationObjectLock(destination, destination.objectLockEnabled, sources.map(s => s.source.path)) ?? []);
}
