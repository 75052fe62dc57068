import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { VENDED_DESTINATION_ACCOUNT } from '../../../src/checks/rules/vended-destination-account';
import { checkedApp, errorLines, EU, EU_OTHER_ACCOUNT, expectNoFinding } from '../../support/checks';
import { vendedSource } from '../../support/vended';

describe('checkVendedDestinationAccount', () => {
  test('reports nothing for the central-account pattern: the delivery destination in the bucket\'s account', () => {
    // GIVEN
    const app = checkedApp();
    const central = new Stack(app, 'Central', { env: EU });
    const bucket = new s3.CfnBucket(central, 'Logs', { bucketName: 'vended-account-logs' });
    new s3.CfnBucketPolicy(central, 'Policy', {
      bucket: bucket.ref,
      policyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucket.attrArn}/AWSLogs/*`,
          Condition: { StringEquals: { 'aws:SourceAccount': '222222222222' }, ArnLike: { 'aws:SourceArn': 'arn:aws:logs:eu-west-1:222222222222:*' } },
        }],
      },
    });
    new logs.CfnDeliveryDestination(central, 'Destination', { name: 'central', destinationResourceArn: bucket.attrArn });
    const data = new Stack(app, 'Data', { env: EU_OTHER_ACCOUNT });
    const source = vendedSource(data, 'Data', new s3.CfnBucket(data, 'Bucket').attrArn);
    new logs.CfnDelivery(data, 'Delivery', {
      deliverySourceName: source.ref, deliveryDestinationArn: 'arn:aws:logs:eu-west-1:111111111111:delivery-destination:central',
    });

    // THEN
    expectNoFinding(app, [central, data], VENDED_DESTINATION_ACCOUNT);
  });

  test('throws for a delivery destination in the source\'s account for a bucket of another account, once', () => {
    const app = checkedApp();
    const central = new Stack(app, 'Central', { env: EU });
    new s3.CfnBucket(central, 'Logs', { bucketName: 'vended-account-logs' });
    const data = new Stack(app, 'Data', { env: EU_OTHER_ACCOUNT });
    const source = vendedSource(data, 'Data', new s3.CfnBucket(data, 'Bucket').attrArn);
    const destination = new logs.CfnDeliveryDestination(data, 'Destination', { name: 'local', destinationResourceArn: 'arn:aws:s3:::vended-account-logs' });
    for (const id of ['One', 'Two']) {
      new logs.CfnDelivery(data, id, { deliverySourceName: source.ref, deliveryDestinationArn: destination.attrArn });
    }

    expect(errorLines(app, VENDED_DESTINATION_ACCOUNT)).toEqual([expect.stringMatching(
      /^\s*\[Data\/Destination\] Data\/Destination is a delivery destination in account 222222222222 for Central\/Logs of account 111111111111;/,
    )]);
  });
});
