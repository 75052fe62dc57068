import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkId } from './finding-id';

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

/** Warning: a log file prefix given as a token (a parameter), which cannot be normalised. */
export const LOG_FILE_PREFIX_UNRESOLVED = checkId('logFilePrefixUnresolved');

/**
 * Warn when a prefix prop is a token: it cannot be normalised at synth, and a value without a
 * trailing `/` at deploy gives keys such as `logs2026-01-01-...`.
 *
 * @param scope the construct the prop was given to
 * @param prop the prop's name, for the message
 */
export function warnIfUnresolvedPrefix(scope: IConstruct, prop: string, prefix: string | undefined): void {
  if (prefix === undefined || !Token.isUnresolved(prefix)) {
    return;
  }
  Annotations.of(scope).addWarningV2(LOG_FILE_PREFIX_UNRESOLVED, `${scope.node.path}: ${prop} is only known at deploy (a parameter or `
    + 'another token), so it is not normalised: S3 glues the prefix straight onto the log object key, and a value without a trailing "/" '
    + 'gives keys like "logs2026-01-01-00-00-00-...". Make sure the value ends with "/" (for a CfnParameter, AllowedPattern: ".*/$"), '
    + 'or give a literal prefix.');
}
