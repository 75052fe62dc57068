import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from '../finding';
import { BucketNode, describeSources, LoggingModel, LoggingSource, sourcesByDestination } from '../model';
import { allowsDelivery, statementsOf } from '../policy-evaluation';

/** Error: a destination of the app grants the logging service nothing under the prefix. */
export const NO_DELIVERY_PERMISSION = checkId('noDeliveryPermission');

/**
 * A destination must let `logging.s3.amazonaws.com` write `s3:PutObject` under each source's
 * prefix, by bucket policy (or, the legacy way, by the `LogDeliveryWrite` ACL).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export function checkNoDeliveryPermission(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const [destination, sources] of sourcesByDestination(model)) {
    if (destination.accessControl === 'LogDeliveryWrite') {
      continue;
    }
    const allows = distinctIgnoringConditions(destination.policyDocuments.flatMap(statementsOf).filter(s => s.Effect === 'Allow'));
    const denied = new Map<string, LoggingSource[]>();
    for (const source of sources) {
      if (Token.isUnresolved(source.edge.prefix) || source.source === destination) {
        continue;
      }
      const delivery = { destination, source: source.source, edge: source.edge };
      if (!allows.some(statement => allowsDelivery(statement, delivery) !== 'no')) {
        const list = denied.get(source.edge.prefix) ?? [];
        list.push(source);
        denied.set(source.edge.prefix, list);
      }
    }
    for (const [prefix, withoutGrant] of denied) {
      findings.push(noPermissionFinding(destination, prefix, withoutGrant));
    }
  }
  return findings;
}

function noPermissionFinding(destination: BucketNode, prefix: string, sources: LoggingSource[]): Finding {
  return {
    level: 'error',
    id: NO_DELIVERY_PERMISSION,
    subject: destination,
    message: `${destination.path} receives the server access logs of ${describeSources(sources)} under prefix "${prefix}", `
      + 'but its bucket policy does not let the S3 logging service write them, and S3 refuses such a logging configuration. '
      + 'Use an AccessLogsBucket (it grants delivery itself), or add an Allow statement for the service principal '
      + `logging.s3.amazonaws.com, action s3:PutObject, resource "<bucket ARN>/${prefix}*", with the condition aws:SourceAccount.`,
  };
}

/** Allow statements that differ only in their conditions grant the same thing here: keep one of each. */
function distinctIgnoringConditions(statements: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Map<string, Record<string, unknown>>();
  for (const statement of statements) {
    const { Condition: _condition, Sid: _sid, ...rest } = statement;
    const key = JSON.stringify(rest);
    if (!seen.has(key)) {
      seen.set(key, rest);
    }
  }
  return [...seen.values()];
}
