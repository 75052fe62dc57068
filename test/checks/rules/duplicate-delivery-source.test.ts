import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildLoggingModel } from '../../../src/checks/build-model';
import { checkDuplicateDeliverySource, DUPLICATE_DELIVERY_SOURCE } from '../../../src/checks/rules/duplicate-delivery-source';
import { checkedApp, errorLines, EU, expectNoFinding, lit } from '../../support/checks';
import { vendedDelivery, vendedSource } from '../../support/vended';

const LOG_GROUP_ARN = 'arn:aws:logs:eu-west-1:111111111111:log-group:access-logs';

function duplicateError(paths: string[], bucket: string): RegExp {
  return new RegExp(lit(`[${paths[1]}] ${paths.join(', ')} are each a delivery source of log type S3_SERVER_ACCESS_LOGS for ${bucket}; `
    + 'CloudWatch Logs has one delivery source per resource and log type, so the second conflicts with the first when it deploys. '
    + `Keep one (${paths[0]}) and give it one AWS::Logs::Delivery per destination. [cdk-s3-access-logs:duplicateDeliverySource]`));
}

describe('checkDuplicateDeliverySource', () => {
  test('reports nothing for one delivery source with two deliveries', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const bucket = new s3.CfnBucket(stack, 'Data');
    const { source } = vendedDelivery(stack, 'ToLogs', bucket.attrArn, LOG_GROUP_ARN);
    const second = new logs.CfnDeliveryDestination(stack, 'Second', { name: 'second', destinationResourceArn: `${LOG_GROUP_ARN}-2` });
    new logs.CfnDelivery(stack, 'SecondDelivery', { deliverySourceName: source.ref, deliveryDestinationArn: second.attrArn });

    // THEN
    expectNoFinding(app, [stack], DUPLICATE_DELIVERY_SOURCE);
    expect(buildLoggingModel(app).vendedDeliveries).toHaveLength(2);
  });

  test('reports nothing for delivery sources of two buckets, or of another log type', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const one = new s3.CfnBucket(stack, 'One');
    const two = new s3.CfnBucket(stack, 'Two');
    vendedSource(stack, 'One', one.attrArn);
    vendedSource(stack, 'Two', two.attrArn);
    new logs.CfnDeliverySource(stack, 'Other', { name: 'other', logType: 'APPLICATION_LOGS', resourceArn: one.attrArn });

    expectNoFinding(app, [stack], DUPLICATE_DELIVERY_SOURCE);
  });

  test('throws for two delivery sources of one bucket in one stack, by reference and by literal ARN, naming both', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const bucket = new s3.CfnBucket(stack, 'Data', { bucketName: 'vended-data' });
    vendedSource(stack, 'First', bucket.attrArn);
    vendedSource(stack, 'Second', 'arn:aws:s3:::vended-data');

    // THEN
    expect(() => app.synth()).toThrow(duplicateError(['Stack/FirstSource', 'Stack/SecondSource'], 'Stack/Data'));
    expect(errorLines(app, DUPLICATE_DELIVERY_SOURCE)).toHaveLength(1);
  });

  test('throws for delivery sources of one bucket in two stacks', () => {
    const app = checkedApp();
    const data = new Stack(app, 'Data', { env: EU });
    const bucket = new s3.Bucket(data, 'Bucket');
    const other = new Stack(app, 'Other', { env: EU });
    vendedSource(data, 'Here', bucket.bucketArn);
    vendedSource(other, 'There', bucket.bucketArn);

    expect(() => app.synth()).toThrow(duplicateError(['Data/HereSource', 'Other/ThereSource'], 'Data/Bucket'));
  });

  test('throws for two delivery sources of one bucket outside the app, by its literal ARN', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    vendedSource(stack, 'First', 'arn:aws:s3:::elsewhere');
    vendedSource(stack, 'Second', 'arn:aws:s3:::elsewhere');

    const findings = checkDuplicateDeliverySource(buildLoggingModel(app));
    expect(findings.map(f => [f.level, f.subject.path])).toEqual([['error', 'Stack/SecondSource']]);
    expect(findings[0].message).toContain('for the bucket arn:aws:s3:::elsewhere;');
  });
});
