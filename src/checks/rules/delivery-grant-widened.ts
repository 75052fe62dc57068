import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from '../finding';
import { BucketNode, describePaths, GrantWidening, LoggingModel } from '../model';

/** Warning: a delivery grant of this library accepts every bucket of the account, not only its sources. */
export const DELIVERY_GRANT_WIDENED = checkId('deliveryGrantWidened');

/**
 * Say when a destination's delivery grant could not name its sources in `aws:SourceArn`, and why.
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
  return {
    level: 'warning',
    id: DELIVERY_GRANT_WIDENED,
    subject: destination,
    message: `${destination.path}: its bucket policy lets the logging service deliver the server access logs of any bucket in ${account} `
      + `(aws:SourceArn arn:<partition>:s3:::*, with aws:SourceAccount), not only of its sources, because ${reasonOf(widening)}`,
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
