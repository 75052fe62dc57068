import { Token } from 'aws-cdk-lib';
import { edgeHasEnvironmentMismatch } from '../environment';
import { checkId, Finding } from '../finding';
import { BucketNode, describeSources, LoggingModel, loggingCycles, LoggingSource, sourcesByDestination } from '../model';
import { allowsDelivery, failingAllowCondition, statementsOf } from '../policy-evaluation';

/** Error: a destination of the app grants the logging service nothing under the prefix. */
export const NO_DELIVERY_PERMISSION = checkId('noDeliveryPermission');

/**
 * A destination must let `logging.s3.amazonaws.com` write `s3:PutObject` under each source's
 * prefix, by bucket policy (or, the legacy way, by the `LogDeliveryWrite` ACL, which only counts
 * where ACLs are enabled: `OwnershipControls` of `ObjectWriter` or `BucketOwnerPreferred`).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export function checkNoDeliveryPermission(model: LoggingModel): Finding[] {
  // One root cause, one finding: a source in another Region or account, or on a loop, has its own error.
  const onLoop = new Set<BucketNode>(loggingCycles(model).flat());
  // Computed when a policy first names a logical id that is neither the source's nor the destination's (rare).
  let bucketsByStack: Map<string, Set<string>> | undefined;
  const findings: Finding[] = [];
  for (const [destination, sources] of sourcesByDestination(model)) {
    if (destination.accessControl === 'LogDeliveryWrite' && destination.aclsEnabled) {
      continue;
    }
    const allows = destination.policyDocuments.flatMap(statementsOf).filter(s => s.Effect === 'Allow');
    const denied = new Map<string, { sources: LoggingSource[]; failedConditions: Set<string> }>();
    for (const source of sources) {
      if (Token.isUnresolved(source.edge.prefix) || source.source === destination || onLoop.has(source.source)
        || edgeHasEnvironmentMismatch(source)) {
        continue;
      }
      const isBucketOfDestinationStack = (logicalId: string) => {
        bucketsByStack ??= logicalIdsByStack(model);
        return bucketsByStack.get(destination.stackPath)?.has(logicalId) ?? false;
      };
      const delivery = { destination, source: source.source, edge: source.edge, isBucketOfDestinationStack };
      if (!allows.some(statement => allowsDelivery(statement, delivery) !== 'no')) {
        const group = denied.get(source.edge.prefix) ?? { sources: [], failedConditions: new Set<string>() };
        group.sources.push(source);
        for (const statement of allows) {
          const failed = failingAllowCondition(statement, delivery);
          if (failed) {
            group.failedConditions.add(failed);
          }
        }
        denied.set(source.edge.prefix, group);
      }
    }
    for (const [prefix, { sources: withoutGrant, failedConditions }] of denied) {
      findings.push(noPermissionFinding(destination, prefix, withoutGrant, [...failedConditions], destination.accessControl === 'LogDeliveryWrite'));
    }
  }
  return findings;
}

function logicalIdsByStack(model: LoggingModel): Map<string, Set<string>> {
  const byStack = new Map<string, Set<string>>();
  for (const bucket of model.buckets) {
    const ids = byStack.get(bucket.stackPath) ?? new Set<string>();
    ids.add(bucket.logicalId);
    byStack.set(bucket.stackPath, ids);
  }
  return byStack;
}

function noPermissionFinding(
  destination: BucketNode, prefix: string, sources: LoggingSource[], failedConditions: string[], aclDisabled: boolean,
): Finding {
  const why = failedConditions.length > 0
    ? 'its bucket policy admits the S3 logging service under that prefix only on conditions the service\'s request for them does not meet '
      + `(${failedConditions.join('; ')}: aws:SourceAccount is the source bucket's account, aws:SourceArn the source bucket's ARN), `
      + 'so S3 delivers none of their logs'
    : 'but its bucket policy does not let the S3 logging service write them, and S3 refuses such a logging configuration';
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
  const acl = aclDisabled
    ? ' Its LogDeliveryWrite ACL grants nothing: without OwnershipControls of ObjectWriter or BucketOwnerPreferred the bucket is '
      + 'BucketOwnerEnforced (the default since April 2023), ACLs are disabled, and S3 refuses to create a bucket with that ACL.'
    : '';
  return {
    level: 'error',
    id: NO_DELIVERY_PERMISSION,
    subject: destination,
    message: `${destination.path} receives the server access logs of ${describeSources(sources)} under prefix "${prefix}", ${why}.${acl} `
      + 'Use an AccessLogsBucket (it grants delivery itself), or add an Allow statement for the service principal '
      + `logging.s3.amazonaws.com, action s3:PutObject, resource "<bucket ARN>/${prefix}*", with the conditions aws:SourceAccount `
      + '(the source\'s account) and aws:SourceArn (the source bucket\'s ARN, arn:<partition>:s3:::<source bucket>).',
  };
}
