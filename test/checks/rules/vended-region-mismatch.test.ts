import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { VENDED_REGION_MISMATCH } from '../../../src/checks/rules/vended-region-mismatch';
import { checkedApp, errorLines, EU, expectNoFinding, lit, US, warningsWithId } from '../../support/checks';
import { vendedDelivery } from '../../support/vended';

describe('checkVendedRegionMismatch: compliant', () => {
  test('reports nothing for a log group of the bucket\'s stack, or by a literal ARN of its Region', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const bucket = new s3.CfnBucket(stack, 'Data');
    const group = new logs.LogGroup(stack, 'Logs');
    vendedDelivery(stack, 'ByReference', bucket.attrArn, group.logGroupArn);
    const other = new s3.CfnBucket(stack, 'Other');
    vendedDelivery(stack, 'ByArn', other.attrArn, 'arn:aws:logs:eu-west-1:111111111111:log-group:access-logs');

    // THEN
    expectNoFinding(app, [stack], VENDED_REGION_MISMATCH);
  });

  test('reports nothing for an environment-agnostic stack that holds both', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const bucket = new s3.CfnBucket(stack, 'Data');
    vendedDelivery(stack, 'ToLogs', bucket.attrArn, new logs.LogGroup(stack, 'Logs').logGroupArn);

    expectNoFinding(app, [stack], VENDED_REGION_MISMATCH);
  });
});

describe('checkVendedRegionMismatch: another Region', () => {
  test('throws for a literal log group ARN of another Region, naming both Regions and the fix', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const bucket = new s3.CfnBucket(stack, 'Data');
    vendedDelivery(stack, 'ToUs', bucket.attrArn, 'arn:aws:logs:us-east-1:111111111111:log-group:access-logs');

    // THEN
    expect(() => app.synth()).toThrow(new RegExp(lit('[Stack/ToUsDelivery] Stack/ToUsDelivery delivers the server access logs of Stack/Data to '
      + 'the log group arn:aws:logs:us-east-1:111111111111:log-group:access-logs in another Region: bucket eu-west-1, log group us-east-1. '
      + 'CloudWatch Logs delivers them only to a log group in the bucket\'s own Region. Use a log group in eu-west-1. '
      + '[cdk-s3-access-logs:vendedRegionMismatch]')));
    expect(errorLines(app, VENDED_REGION_MISMATCH)).toHaveLength(1);
  });

  test('throws for the delivery in the log group\'s stack of another Region, the bucket by its literal ARN', () => {
    const app = checkedApp();
    const data = new Stack(app, 'Data', { env: EU });
    new s3.CfnBucket(data, 'Bucket', { bucketName: 'vended-region-data' });
    const logsStack = new Stack(app, 'Logs', { env: US });
    vendedDelivery(logsStack, 'ToLogs', 'arn:aws:s3:::vended-region-data', new logs.LogGroup(logsStack, 'Group').logGroupArn);

    expect(errorLines(app, VENDED_REGION_MISMATCH)).toEqual([expect.stringMatching(new RegExp(
      `^\\s*\\[Logs/ToLogsDelivery\\] ${lit('Logs/ToLogsDelivery delivers the server access logs of Data/Bucket to the log group ')}Group[0-9A-F]{8} `
      + lit('in another Region: bucket eu-west-1, log group us-east-1.'),
    ))]);
  });

  test('warns where the bucket\'s stack is environment-agnostic and the log group\'s is not', () => {
    const app = checkedApp();
    const data = new Stack(app, 'Data');
    new s3.CfnBucket(data, 'Bucket', { bucketName: 'vended-region-agnostic' });
    const logsStack = new Stack(app, 'Logs', { env: US });
    vendedDelivery(logsStack, 'ToLogs', 'arn:aws:s3:::vended-region-agnostic', 'arn:aws:logs:us-east-1:111111111111:log-group:g');

    expect(errorLines(app, VENDED_REGION_MISMATCH)).toEqual([]);
    expect(warningsWithId(logsStack, VENDED_REGION_MISMATCH)).toEqual([expect.stringMatching(
      /^Logs\/ToLogsDelivery delivers the server access logs of Data\/Bucket to the log group .*, and the Region of one of them is not known at synth/,
    )]);
  });
});
