import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from '../finding';
import { LoggingModel } from '../model';

/** Error: a delivery destination in another account than the bucket of the app it stands for. */
export const VENDED_DESTINATION_ACCOUNT = checkId('vendedDestinationAccount');

/**
 * "Use PutDeliveryDestination to create a delivery destination in the same account of the actual
 * delivery destination": an `AWS::Logs::DeliveryDestination` whose `DestinationResourceArn` is a
 * bucket of the app in another account (both literal) is an error. Across accounts, the delivery
 * destination and its delivery destination policy belong to the bucket's account, and the delivery
 * to the source's. One finding per delivery destination.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDeliveryDestination.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-vended-logs-permissions-V2.html
 */
export function checkVendedDestinationAccount(model: LoggingModel): Finding[] {
  const reported = new Set<unknown>();
  const findings: Finding[] = [];
  for (const { destination } of model.vendedDeliveries) {
    if (destination.kind !== 'bucket' || reported.has(destination.deliveryDestination)) {
      continue;
    }
    const { bucket, deliveryDestination } = destination;
    if (Token.isUnresolved(bucket.account) || Token.isUnresolved(deliveryDestination.account) || bucket.account === deliveryDestination.account) {
      continue;
    }
    reported.add(deliveryDestination);
    findings.push({
      level: 'error',
      id: VENDED_DESTINATION_ACCOUNT,
      subject: deliveryDestination,
      message: `${deliveryDestination.path} is a delivery destination in account ${deliveryDestination.account} for ${bucket.path} of account `
        + `${bucket.account}; CloudWatch Logs takes a delivery destination only in the account of the bucket it stands for. Define it in a stack `
        + `of account ${bucket.account} (with a delivery destination policy that lets the source's account create the delivery), and name it by `
        + 'its ARN in the AWS::Logs::Delivery of the source\'s account.',
    });
  }
  return findings;
}
