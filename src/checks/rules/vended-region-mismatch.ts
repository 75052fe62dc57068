import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from '../finding';
import { LoggingModel } from '../model';

/**
 * Error: a vended delivery of a bucket's server access logs into a log group of another Region; a
 * warning with this id where the Region of one of them is not known at synth.
 */
export const VENDED_REGION_MISMATCH = checkId('vendedRegionMismatch');

/**
 * CloudWatch Logs delivers a bucket's server access logs to "a CloudWatch Logs log group in the same
 * AWS Region as the source bucket". (The CloudWatch Logs User Guide says nothing of the Region of an
 * S3 or Firehose destination that this rule could hold: those are not checked.)
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-enabling.html
 */
export function checkVendedRegionMismatch(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const delivery of model.vendedDeliveries) {
    const { destination } = delivery;
    const bucket = delivery.source.bucket;
    if (!bucket || destination.kind !== 'logGroup' || destination.region === undefined || destination.region === bucket.region) {
      continue;
    }
    const known = !Token.isUnresolved(destination.region) && !Token.isUnresolved(bucket.region);
    findings.push(known ? {
      level: 'error',
      id: VENDED_REGION_MISMATCH,
      subject: delivery,
      message: `${delivery.path} delivers the server access logs of ${bucket.path} to ${destination.description} in another Region: `
        + `bucket ${bucket.region}, log group ${destination.region}. CloudWatch Logs delivers them only to a log group in the bucket's own Region. `
        + `Use a log group in ${bucket.region}.`,
    } : {
      level: 'warning',
      id: VENDED_REGION_MISMATCH,
      subject: delivery,
      message: `${delivery.path} delivers the server access logs of ${bucket.path} to ${destination.description}, and the Region of one of them is `
        + 'not known at synth (an environment-agnostic stack). CloudWatch Logs delivers them only to a log group in the bucket\'s own Region: '
        + 'give both stacks an explicit `env`, or make sure they deploy to the same Region.',
    });
  }
  return findings;
}
