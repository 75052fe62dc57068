import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from './finding';
import { describeDestination, LoggingModel, loggingSources } from './model';

/** Error: source and destination in different Regions. */
export const REGION_MISMATCH = checkId('regionMismatch');
/** Error: source and destination in different accounts. */
export const ACCOUNT_MISMATCH = checkId('accountMismatch');
/**
 * Warning: source and destination in different stacks, one of whose Region or account is a token,
 * and nothing in the template that keeps them together (a literal name rather than a reference).
 */
export const ENVIRONMENT_UNKNOWN = checkId('environmentUnknown');

/**
 * S3 delivers server access logs only to a destination in the source's Region and account.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function checkEnvironment(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const { source, edge } of loggingSources(model)) {
    const destination = edge.destination;
    const target = destination.kind === 'bucket'
      ? {
        account: destination.bucket.account,
        region: destination.bucket.region,
        stackPath: destination.bucket.stackPath,
        byReference: destination.byReference,
      }
      : destination.kind === 'external'
        ? { account: destination.account, region: destination.region, stackPath: undefined, byReference: false }
        : undefined;
    if (!target || target.stackPath === source.stackPath) {
      continue;
    }
    const unknown: string[] = [];
    for (const [what, id, sourceValue, destinationValue] of [
      ['Region', REGION_MISMATCH, source.region, target.region],
      ['account', ACCOUNT_MISMATCH, source.account, target.account],
    ] as const) {
      if (destinationValue === undefined) {
        continue;
      }
      if (sourceValue === destinationValue) {
        // Two environment-agnostic stacks: one deploy-time environment only if a reference ties them.
        if (Token.isUnresolved(sourceValue) && !target.byReference) {
          unknown.push(what);
        }
        continue;
      }
      if (Token.isUnresolved(sourceValue) || Token.isUnresolved(destinationValue)) {
        unknown.push(what);
        continue;
      }
      findings.push({
        level: 'error',
        id,
        scope: source.scope,
        message: `${source.path} logs to ${describeDestination(destination)} in another ${what}: `
          + `source ${sourceValue}, destination ${destinationValue}. S3 delivers server access logs only to a bucket in the source's own ${what}. `
          + `Use a destination in ${sourceValue}, e.g. an AccessLogsBucket in a stack of that ${what}.`,
      });
    }
    if (unknown.length > 0) {
      findings.push({
        level: 'warning',
        id: ENVIRONMENT_UNKNOWN,
        scope: source.scope,
        message: `${source.path} logs to ${describeDestination(destination)} in another stack, and the ${unknown.join(' and ')} `
          + 'of one of them is not known at synth (an environment-agnostic stack). S3 delivers logs only within one account and Region: '
          + 'give both stacks an explicit `env`, or make sure they deploy to the same one.',
      });
    }
  }
  return findings;
}
