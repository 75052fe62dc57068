import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from '../finding';
import { KeyFormat, LoggingModel, loggingSources, ModelElement } from '../model';

/** Error: a log file prefix S3 cannot use. */
export const INVALID_LOG_FILE_PREFIX = checkId('invalidLogFilePrefix');

/** S3 object keys are at most 1,024 bytes long. @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
const MAX_KEY_BYTES = 1024;

/**
 * The longest key S3 appends after the prefix. Simple: `YYYY-MM-DD-hh-mm-ss-UniqueString` (36);
 * date-based: `[SourceAccountId]/[SourceRegion]/[SourceBucket]/YYYY/MM/DD/` before that, with a
 * 63-character bucket name and a Region name of up to 20.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html#server-log-keyname-format
 */
const SUFFIX_BYTES = { simple: 36, partitioned: 12 + 1 + 20 + 1 + 63 + 1 + 11 + 36 };

/**
 * A prefix that starts with `/` makes keys with an empty first segment (and most tools then miss
 * the logs), and one so long that prefix and S3's suffix pass 1,024 bytes cannot be written at all.
 * Used by the app-wide check and by our constructs' eager checks alike.
 */
export function invalidLogFilePrefix(source: ModelElement, prefix: string, keyFormat: KeyFormat): Finding | undefined {
  if (Token.isUnresolved(prefix)) {
    return undefined;
  }
  const bytes = Buffer.byteLength(prefix, 'utf8');
  const limit = MAX_KEY_BYTES - SUFFIX_BYTES[keyFormat];
  if (prefix.startsWith('/')) {
    return {
      level: 'error',
      id: INVALID_LOG_FILE_PREFIX,
      subject: source,
      message: `${source.path}: log file prefix "${prefix}" starts with "/", which gives log object keys an empty first segment. `
        + `Remove the leading "/" (use "${prefix.replace(/^\/+/, '')}").`,
    };
  }
  if (bytes > limit) {
    return {
      level: 'error',
      id: INVALID_LOG_FILE_PREFIX,
      subject: source,
      message: `${source.path}: log file prefix is ${bytes} bytes long; with the ${keyFormat} key format S3 appends up to `
        + `${SUFFIX_BYTES[keyFormat]} bytes, and object keys are limited to ${MAX_KEY_BYTES}. Use a prefix of at most ${limit} bytes.`,
    };
  }
  return undefined;
}

export function checkInvalidLogFilePrefix(model: LoggingModel): Finding[] {
  return loggingSources(model).flatMap(({ source, edge }) => invalidLogFilePrefix(source, edge.prefix, edge.keyFormat) ?? []);
}
