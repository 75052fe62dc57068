import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from '../finding';
import { describeSources, LoggingModel, LoggingSource, sourcesByDestination } from '../model';
import { deniesDelivery, statementsOf } from '../policy-evaluation';

/** Error: a Deny statement in the destination policy stops log delivery. */
export const DENY_BLOCKS_DELIVERY = checkId('denyBlocksDelivery');
/** Warning: a Deny statement may stop log delivery; its conditions cannot be decided at synth. */
export const DENY_MAY_BLOCK_DELIVERY = checkId('denyMayBlockDelivery');

/**
 * An explicit Deny wins over any Allow: a destination policy Deny that catches the logging service
 * writing `s3:PutObject` under the prefix drops every log, silently. Conditions are evaluated for a
 * request by an AWS service principal (no organization, TLS); what cannot be decided is a warning.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function checkDenyBlocksDelivery(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const [destination, sources] of sourcesByDestination(model)) {
    const denies = destination.policyDocuments.flatMap(statementsOf).filter(s => s.Effect === 'Deny');
    if (denies.length === 0) {
      continue;
    }
    denies.forEach((statement, index) => {
      const caught: Record<'yes' | 'unknown', LoggingSource[]> = { yes: [], unknown: [] };
      for (const source of sources) {
        if (Token.isUnresolved(source.edge.prefix)) {
          continue;
        }
        const verdict = deniesDelivery(statement, { destination, source: source.source, edge: source.edge });
        if (verdict !== 'no') {
          caught[verdict].push(source);
        }
      }
      const name = typeof statement.Sid === 'string' ? `Deny statement "${statement.Sid}"` : `Deny statement #${index + 1}`;
      if (caught.yes.length > 0) {
        findings.push({
          level: 'error',
          id: DENY_BLOCKS_DELIVERY,
          subject: destination,
          message: `${destination.path}: its bucket policy's ${name} (${JSON.stringify(statement)}) denies the S3 logging service `
            + `(logging.s3.amazonaws.com) s3:PutObject for the logs of ${describeSources(caught.yes)}, so S3 drops them. `
            + 'Exclude the service from the Deny, e.g. with the condition "BoolIfExists": { "aws:PrincipalIsAWSService": "false" }.',
        });
      }
      if (caught.unknown.length > 0) {
        findings.push({
          level: 'warning',
          id: DENY_MAY_BLOCK_DELIVERY,
          subject: destination,
          message: `${destination.path}: its bucket policy's ${name} (${JSON.stringify(statement)}) may deny the S3 logging service `
            + `s3:PutObject for the logs of ${describeSources(caught.unknown)}; its conditions or resources cannot be decided at synth. `
            + 'Check that it does not apply to logging.s3.amazonaws.com.',
        });
      }
    });
  }
  return findings;
}
