import { checkId, Finding } from '../finding';
import { LoggingModel, loggingSources } from '../model';

/** Error: a bucket logs into itself. */
export const SELF_LOGGING = checkId('selfLogging');

/**
 * A bucket that logs into itself writes a log object for every log object S3 delivers into it,
 * so it grows without end. A `LoggingConfiguration` without `DestinationBucketName` is this case too.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
 */
export function checkSelfLogging(model: LoggingModel): Finding[] {
  return loggingSources(model)
    .filter(({ source, edge }) => edge.destination.kind === 'bucket' && edge.destination.bucket === source)
    .map(({ source }) => ({
      level: 'error' as const,
      id: SELF_LOGGING,
      subject: source,
      message: `${source.path} logs into itself (its LoggingConfiguration names no destination bucket, or names this bucket). `
        + 'Every log object S3 delivers is a request that is logged again, so the bucket grows without end. '
        + 'Send its logs to a bucket of their own, e.g. an AccessLogsBucket.',
    }));
}
