import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from '../finding';
import { BucketNode, describePaths, GrantWidening, LoggingModel } from '../model';

/** Warning: a delivery grant of this library accepts every bucket of the account, not only its sources, or grants prefixes together. */
export const DELIVERY_GRANT_WIDENED = checkId('deliveryGrantWidened');

/**
 * Say when a destination's delivery grant could not name its sources in `aws:SourceArn`, or had to
 * grant prefixes past its budget of statements together under their common prefix, and why: once
 * per destination, with every reason.
 *
 * The grant still holds `aws:SourceAccount`, so only buckets of the destination's own account can
 * deliver into it; the warning is about the narrower scope the user may expect.
 */
export function checkDeliveryGrantWidened(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const bucket of model.buckets) {
    if (bucket.deliveryGrantWidening) {
      findings.push(wideningFinding(bucket, bucket.deliveryGrantWidening));
    }
  }
  return findings;
}

function wideningFinding(destination: BucketNode, widening: GrantWidening): Finding {
  const account = Token.isUnresolved(destination.account) ? 'its account' : `account ${destination.account}`;
  const sourcesWidened = widening.unnamedSources.length > 0 || widening.namedSourceCount > widening.namedSourceBudget;
  const sources = `its bucket policy lets the logging service deliver the server access logs of any bucket in ${account} `
    + `(aws:SourceArn arn:<partition>:s3:::*, with aws:SourceAccount), not only of its sources, because ${reasonOf(widening)}`;
  const folded = widening.foldedPrefixCount
    ? foldingOf(widening.foldedPrefixCount, widening.prefixStatementBudget ?? 0, widening.foldedUnder)
    : undefined;
  const message = sourcesWidened
    ? `${sources}${folded ? ` Its grant also has ${folded}` : ''}`
    : `its bucket policy grants the server access logs of its sources with ${folded}`;
  return {
    level: 'warning',
    id: DELIVERY_GRANT_WIDENED,
    subject: destination,
    message: `${destination.path}: ${message}`,
  };
}

function reasonOf(widening: GrantWidening): string {
  if (widening.unnamedSources.length > 0) {
    const sources = widening.unnamedSources;
    return `${describePaths(sources)} ${sources.length === 1 ? 'is' : 'are'} in another stack with a generated name, and naming `
      + `${sources.length === 1 ? 'it' : 'them'} would make the destination's stack depend on theirs, a cycle. `
      + 'To have sources named, give them literal names (bucketName) or define them in the destination\'s stack.';
  }
  return `it receives the logs of ${widening.namedSourceCount} sources, and naming more than ${widening.namedSourceBudget} would take the policy `
    + 'towards S3\'s 20 KB limit. To have sources named, spread them over several destinations.';
}

function foldingOf(count: number, budget: number, under: string | undefined): string {
  const shared = under === undefined ? ''
    : `, or else by the one statement for their longest common prefix, ${under === '' ? "'' (the whole bucket)" : `'${under}'`} `
      + `(<destination ARN>/${under}*)`;
  return `prefixes folded: it gives ${budget} prefixes a statement of their own, and grants the ${count} ${count === 1 ? 'other' : 'others'} `
    + `by wider statements (each by the statement of a prefix that covers it${shared}), so that their sources may deliver anywhere `
    + 'under that statement\'s prefix; this keeps the policy under S3\'s 20 KB limit however many prefixes there are. '
    + 'To have each prefix granted on its own, give the sources fewer distinct prefixes (with the date-based key format, sources '
    + 'under one prefix are still told apart by account, Region and bucket), or spread them over several destinations.';
}
