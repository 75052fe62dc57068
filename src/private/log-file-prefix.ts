import { Token } from 'aws-cdk-lib';

/**
 * Normalise a server access log prefix the way a user means it.
 *
 * S3 glues the prefix straight onto the log object key (`logs` gives `logs2026-01-01-...`), so a
 * prefix that does not end with `/` is almost never what was meant. A leading `/` would make an
 * object key that starts with an empty segment. Both are mended here rather than refused.
 * An empty prefix is allowed (logs land at the root of the destination), and a token is left alone.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html#server-log-keyname-format
 */
export function normalizeLogFilePrefix(prefix: string | undefined): string {
  if (prefix === undefined || Token.isUnresolved(prefix)) {
    return prefix ?? '';
  }
  const withoutLeadingSlash = prefix.replace(/^\/+/, '');
  if (withoutLeadingSlash === '' || withoutLeadingSlash.endsWith('/')) {
    return withoutLeadingSlash;
  }
  return `${withoutLeadingSlash}/`;
}
