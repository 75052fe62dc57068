import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cwl from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { VENDED_DELIVERY_PERMISSION } from '../../../src/checks/rules/vended-delivery-permission';
import { checkedApp, errorLines, EU, EU_OTHER_ACCOUNT, expectNoFinding, lit, warningsWithId } from '../../support/checks';
import { vendedDelivery, vendedSource } from '../../support/vended';

const LOG_DELIVERY = 'delivery.logs.amazonaws.com';

/** The statement the CloudWatch Logs User Guide documents, for deliveries from `account` in `region`. */
function grantLogDelivery(bucket: s3.IBucket, account: string, region: string, objects = '*'): void {
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(LOG_DELIVERY)],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects(objects)],
    conditions: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:${region}:${account}:*` } },
  }));
}

/**
 * The central-account pattern: a bucket and its delivery destination in one account, and a bucket of
 * another account whose vended logs go into it, by a delivery that names the destination's ARN.
 */
function crossAccount() {
  const app = checkedApp();
  const central = new Stack(app, 'Central', { env: EU });
  const logs = new s3.Bucket(central, 'Logs', { bucketName: 'vended-central-logs' });
  new cwl.CfnDeliveryDestination(central, 'Central', { name: 'central', destinationResourceArn: logs.bucketArn });
  const source = new Stack(app, 'Source', { env: EU_OTHER_ACCOUNT });
  const data = new s3.CfnBucket(source, 'Data');
  new cwl.CfnDelivery(source, 'ToCentralDelivery', {
    deliverySourceName: vendedSource(source, 'ToCentral', data.attrArn).ref,
    deliveryDestinationArn: 'arn:aws:logs:eu-west-1:111111111111:delivery-destination:central',
  });
  return { app, central, logs, source };
}

describe('checkVendedDeliveryPermission: across accounts', () => {
  test('reports nothing when the policy grants the documented statement for the source account and Region', () => {
    const { app, central, logs, source } = crossAccount();
    grantLogDelivery(logs, '222222222222', 'eu-west-1', 'AWSLogs/222222222222/*');

    expectNoFinding(app, [central, source], VENDED_DELIVERY_PERMISSION);
  });

  test('throws when the bucket has no policy: CloudWatch Logs adds none across accounts', () => {
    // GIVEN
    const { app } = crossAccount();

    // THEN
    expect(() => app.synth()).toThrow(new RegExp(lit('[Source/ToCentralDelivery] Source/ToCentralDelivery delivers the server access logs of '
      + 'Source/Data from account 222222222222 into Central/Logs of account 111111111111, but its bucket policy does not let '
      + 'delivery.logs.amazonaws.com write them; for a delivery across accounts CloudWatch Logs adds no policy, and delivers nothing. '
      + 'Add to the bucket\'s policy an Allow statement for the service principal delivery.logs.amazonaws.com, action s3:PutObject, '
      + 'resource "<bucket ARN>/*" (or its AWSLogs/ prefix), with the conditions aws:SourceAccount 222222222222 and aws:SourceArn '
      + 'arn:<partition>:logs:eu-west-1:222222222222:*. [cdk-s3-access-logs:vendedDeliveryPermission]')));
    expect(errorLines(app, VENDED_DELIVERY_PERMISSION)).toHaveLength(1);
  });

  test('throws when the grant names the bucket\'s own account, or another principal', () => {
    const { app, logs } = crossAccount();
    grantLogDelivery(logs, '111111111111', 'eu-west-1');
    logs.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')], actions: ['s3:PutObject'], resources: [logs.arnForObjects('*')],
    }));

    expect(errorLines(app, VENDED_DELIVERY_PERMISSION)).toHaveLength(1);
  });
});

describe('checkVendedDeliveryPermission: in one account', () => {
  test('reports nothing for a bucket without a policy in the template: CloudWatch Logs creates it', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const data = new s3.CfnBucket(stack, 'Data');
    const logs = new s3.CfnBucket(stack, 'Logs');
    vendedDelivery(stack, 'ToLogs', data.attrArn, logs.attrArn);

    expectNoFinding(app, [stack], VENDED_DELIVERY_PERMISSION);
  });

  test('warns for a bucket whose policy in the template grants the service nothing (enforceSSL alone)', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const data = new s3.CfnBucket(stack, 'Data');
    const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true });
    vendedDelivery(stack, 'ToLogs', data.attrArn, logs.bucketArn);

    // THEN
    expect(errorLines(app, VENDED_DELIVERY_PERMISSION)).toEqual([]);
    expect(warningsWithId(stack, VENDED_DELIVERY_PERMISSION)).toEqual([expect.stringMatching(new RegExp(`^${lit(
      'Stack/ToLogsDelivery delivers the server access logs of Stack/Data into Stack/Logs, whose bucket policy in the template does not let '
      + 'delivery.logs.amazonaws.com write them. CloudWatch Logs appends its statement to the policy when the delivery is created',
    )}`))]);
  });

  test('reports nothing for a policy that grants it with conditions of the stack\'s own account and Region', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const data = new s3.CfnBucket(stack, 'Data');
    const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true });
    grantLogDelivery(logs, stack.account, stack.region);
    vendedDelivery(stack, 'ToLogs', data.attrArn, logs.bucketArn);

    expectNoFinding(app, [stack], VENDED_DELIVERY_PERMISSION);
  });
});
