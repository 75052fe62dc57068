import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from '../finding';
import { LoggingModel } from '../model';
import { allowsVendedWrite, statementsOf } from '../policy-evaluation';

/**
 * Error: a bucket of the app receives a vended delivery from another account, and its bucket policy
 * lets `delivery.logs.amazonaws.com` write nothing for it. A warning with this id for the same account
 * (or an account not known at synth) when the bucket has a policy in the template that grants nothing.
 */
export const VENDED_DELIVERY_PERMISSION = checkId('vendedDeliveryPermission');

/**
 * What the CloudWatch Logs User Guide says of the bucket policy of an S3 destination:
 *
 * - the bucket "must have a resource policy" that lets `delivery.logs.amazonaws.com` write, with the
 *   conditions `aws:SourceAccount` and `aws:SourceArn`;
 * - in the same account, CloudWatch Logs creates that policy when the delivery is created, or appends
 *   the statement to the bucket's policy, if the caller has `s3:GetBucketPolicy` and
 *   `s3:PutBucketPolicy`: a bucket without a policy in the template is left alone. A bucket policy that
 *   CloudFormation manages is a warning: the template's document replaces the whole policy whenever
 *   CloudFormation writes it (PutBucketPolicy), the appended statement with it;
 * - "For cross-account delivery, you must manually create the permission policies yourself": an error.
 *
 * A statement whose conditions or object keys the evaluator cannot decide counts as a grant.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-vended-logs-permissions-V2.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html
 */
export function checkVendedDeliveryPermission(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const delivery of model.vendedDeliveries) {
    const { destination, source } = delivery;
    // A bucket's vended logs into itself is a loop, the loop rule's.
    if (destination.kind !== 'bucket' || destination.bucket === source.bucket) {
      continue;
    }
    const bucket = destination.bucket;
    const write = { destination: bucket, sourceAccount: source.account, sourceRegion: source.region };
    const statements = bucket.policyDocuments.flatMap(statementsOf);
    if (statements.some(statement => allowsVendedWrite(statement, write) !== 'no')) {
      continue;
    }
    const crossAccount = !Token.isUnresolved(source.account) && !Token.isUnresolved(bucket.account) && source.account !== bucket.account;
    const grant = 'an Allow statement for the service principal delivery.logs.amazonaws.com, action s3:PutObject, resource "<bucket ARN>/*" '
      + `(or its AWSLogs/ prefix), with the conditions aws:SourceAccount ${orPlaceholder(source.account, 'source account')} and aws:SourceArn `
      + `arn:<partition>:logs:${orPlaceholder(source.region, 'source Region')}:${orPlaceholder(source.account, 'source account')}:*`;
    if (crossAccount) {
      findings.push({
        level: 'error',
        id: VENDED_DELIVERY_PERMISSION,
        subject: delivery,
        message: `${delivery.path} delivers the server access logs of ${describeSource(delivery)} from account ${source.account} into `
          + `${bucket.path} of account ${bucket.account}, but its bucket policy does not let delivery.logs.amazonaws.com write them; `
          + 'for a delivery across accounts CloudWatch Logs adds no policy, and delivers nothing. Add to the bucket\'s policy ' + grant + '.',
      });
    } else if (statements.length > 0) {
      findings.push({
        level: 'warning',
        id: VENDED_DELIVERY_PERMISSION,
        subject: delivery,
        message: `${delivery.path} delivers the server access logs of ${describeSource(delivery)} into ${bucket.path}, whose bucket policy in the `
          + 'template does not let delivery.logs.amazonaws.com write them. CloudWatch Logs appends its statement to the policy when the delivery '
          + 'is created (if the deploying role has s3:GetBucketPolicy and s3:PutBucketPolicy), but CloudFormation replaces the whole policy '
          + `with the template's whenever it writes it, and the deliveries stop. Add to the bucket's policy ${grant}.`,
      });
    }
  }
  return findings;
}

/** A literal as it is, a value known only at deploy as `<what>`. */
function orPlaceholder(value: string, what: string): string {
  return Token.isUnresolved(value) ? `<${what}>` : value;
}

function describeSource(delivery: { readonly source: { readonly bucket?: { readonly path: string }; readonly path: string } }): string {
  return delivery.source.bucket?.path ?? `the delivery source ${delivery.source.path}`;
}
