import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudWatchLogsDelivery } from '../../src';
import { UNKNOWN_RECORD_FIELD } from '../../src/visibility/warning-ids';
import { EU, EU_OTHER_ACCOUNT, US, warningsWithId } from '../support/checks';
import { logicalId, newStack } from '../support/stacks';

/**
 * `CloudWatchLogsDelivery`: a bucket's server access logs to a CloudWatch Logs log group through the
 * delivery APIs (source of log type S3_SERVER_ACCESS_LOGS, destination, delivery), as the S3 User
 * Guide's CloudFormation example defines them.
 */

describe('CloudWatchLogsDelivery defaults', () => {
  let stack: Stack;
  let bucket: s3.Bucket;
  let delivery: CloudWatchLogsDelivery;
  let template: Template;
  beforeAll(() => {
    stack = newStack({ env: EU });
    bucket = new s3.Bucket(stack, 'Data');
    delivery = new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket });
    template = Template.fromStack(stack);
  });

  test('defines a log group kept for 180 days and retained on stack deletion', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 180 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(delivery.logGroup.node.path).toBe('Stack/ToCloudWatch/LogGroup');
  });

  test('the delivery source is the bucket, with log type S3_SERVER_ACCESS_LOGS', () => {
    template.resourceCountIs('AWS::Logs::DeliverySource', 1);
    template.hasResourceProperties('AWS::Logs::DeliverySource', {
      LogType: 'S3_SERVER_ACCESS_LOGS',
      ResourceArn: { 'Fn::GetAtt': [logicalId(bucket), 'Arn'] },
    });
  });

  test('the delivery destination is the log group', () => {
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', {
      DestinationResourceArn: { 'Fn::GetAtt': [logicalId(delivery.logGroup), 'Arn'] },
    });
  });

  test('the delivery pairs them, with every field', () => {
    template.hasResourceProperties('AWS::Logs::Delivery', {
      DeliverySourceName: { Ref: logicalId(delivery.deliverySource) },
      DeliveryDestinationArn: { 'Fn::GetAtt': [logicalId(delivery.deliveryDestination), 'Arn'] },
      RecordFields: Match.absent(),
    });
  });

  test('names the source and destination within CloudWatch Logs\' limits: 1 to 60 of [\\w-], the same for the same construct path', () => {
    const [sourceName, destinationName] = [delivery.deliverySource.name, delivery.deliveryDestination.name].map(name => stack.resolve(name));
    for (const name of [sourceName, destinationName]) {
      expect(name).toMatch(/^[\w-]{1,60}$/);
    }
    expect(sourceName).not.toEqual(destinationName);
    const otherStack = new Stack(new App(), 'Stack', { env: EU });
    const other = new CloudWatchLogsDelivery(otherStack, 'ToCloudWatch', { bucket: s3.Bucket.fromBucketName(stack, 'Other', 'other') });
    expect(otherStack.resolve(other.deliverySource.name)).toEqual(sourceName);
  });

  test('defines no Lambda-backed custom resource and no resource policy (CloudWatch Logs adds the log group\'s own), and a query definition per audit question', () => {
    expect(Object.values(template.toJSON().Resources).map((r: any) => r.Type).sort()).toEqual([
      'AWS::Logs::Delivery', 'AWS::Logs::DeliveryDestination', 'AWS::Logs::DeliverySource', 'AWS::Logs::LogGroup',
      ...Array(9).fill('AWS::Logs::QueryDefinition'), 'AWS::S3::Bucket',
    ]);
  });
});

describe('CloudWatchLogsDelivery options', () => {
  test('delivers into a given log group, defining none', () => {
    const stack = newStack({ env: EU });
    const logGroup = new logs.LogGroup(stack, 'Mine');
    const delivery = new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: new s3.Bucket(stack, 'Data'), logGroup });
    const template = Template.fromStack(stack);

    expect(delivery.logGroup).toBe(logGroup);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', {
      DestinationResourceArn: { 'Fn::GetAtt': [logicalId(logGroup), 'Arn'] },
    });
  });

  test('a log group imported by ARN in the same account and Region is accepted', () => {
    const stack = newStack({ env: EU });
    const logGroup = logs.LogGroup.fromLogGroupArn(stack, 'Imported', 'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/vendedlogs/s3:*');
    expect(() => new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: new s3.Bucket(stack, 'Data'), logGroup })).not.toThrow();
  });

  test('sets the retention of the log group it defines', () => {
    const stack = newStack({ env: EU });
    new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: new s3.Bucket(stack, 'Data'), retention: logs.RetentionDays.ONE_MONTH });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('throws when logGroup and retention are both given', () => {
    const stack = newStack({ env: EU });
    expect(() => new CloudWatchLogsDelivery(stack, 'ToCloudWatch', {
      bucket: new s3.Bucket(stack, 'Data'),
      logGroup: new logs.LogGroup(stack, 'Mine'),
      retention: logs.RetentionDays.ONE_WEEK,
    })).toThrow(/Stack\/ToCloudWatch: logGroup and retention cannot both be given/);
  });

  test('delivers the record fields given, in order, once each', () => {
    const stack = newStack({ env: EU });
    new CloudWatchLogsDelivery(stack, 'ToCloudWatch', {
      bucket: new s3.Bucket(stack, 'Data'),
      recordFields: ['request_time', 'bucket_name', 'operation', 'request_time', 'http_status'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::Delivery', {
      RecordFields: ['request_time', 'bucket_name', 'operation', 'http_status'],
    });
    expect(warningsWithId(stack, UNKNOWN_RECORD_FIELD)).toEqual([]);
  });

  test('throws for an empty list of record fields', () => {
    const stack = newStack({ env: EU });
    expect(() => new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: new s3.Bucket(stack, 'Data'), recordFields: [] }))
      .toThrow(/Stack\/ToCloudWatch: recordFields is empty/);
  });

  test('warns (unknownRecordField) for a field the S3 User Guide does not list, and still delivers it', () => {
    const stack = newStack({ env: EU });
    new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: new s3.Bucket(stack, 'Data'), recordFields: ['bucket_name', 'bucket'] });

    const warnings = warningsWithId(stack, UNKNOWN_RECORD_FIELD);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Stack\/ToCloudWatch: recordFields has 'bucket', which the S3 User Guide does not list/);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::Delivery', { RecordFields: ['bucket_name', 'bucket'] });
  });

  test('knows the 29 fields of the S3 User Guide, from schema_version_id to source_region', () => {
    expect(CloudWatchLogsDelivery.RECORD_FIELDS).toHaveLength(29);
    expect(Object.isFrozen(CloudWatchLogsDelivery.RECORD_FIELDS)).toBe(true);
    expect(new Set(CloudWatchLogsDelivery.RECORD_FIELDS).size).toBe(29);
    expect(CloudWatchLogsDelivery.RECORD_FIELDS[0]).toBe('schema_version_id');
    expect(CloudWatchLogsDelivery.RECORD_FIELDS[28]).toBe('source_region');
  });
});

describe('CloudWatchLogsDelivery: same account and Region', () => {
  test('throws for a log group in another Region, naming the paths and the fix', () => {
    const app = new App();
    const us = new Stack(app, 'Us', { env: US });
    const eu = new Stack(app, 'Eu', { env: EU });
    const logGroup = new logs.LogGroup(us, 'Logs');
    expect(() => new CloudWatchLogsDelivery(eu, 'ToCloudWatch', { bucket: new s3.Bucket(eu, 'Data'), logGroup }))
      .toThrow('Eu/ToCloudWatch: the log group Us/Logs must be in the Region of Eu, got: us-east-1, expected: eu-west-1. '
        + 'CloudWatch Logs delivers server access logs only to a log group in the same account and Region. Use a log group in eu-west-1.');
  });

  test('throws for a log group in another account', () => {
    const app = new App();
    const other = new Stack(app, 'Other', { env: EU_OTHER_ACCOUNT });
    const eu = new Stack(app, 'Eu', { env: EU });
    expect(() => new CloudWatchLogsDelivery(eu, 'ToCloudWatch', { bucket: new s3.Bucket(eu, 'Data'), logGroup: new logs.LogGroup(other, 'Logs') }))
      .toThrow(/the log group Other\/Logs must be in the account of Eu, got: 222222222222, expected: 111111111111/);
  });

  test('throws for a log group imported by an ARN of another Region', () => {
    const stack = newStack({ env: EU });
    const logGroup = logs.LogGroup.fromLogGroupArn(stack, 'Imported', 'arn:aws:logs:us-east-1:111111111111:log-group:elsewhere:*');
    expect(() => new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: new s3.Bucket(stack, 'Data'), logGroup }))
      .toThrow(/must be in the Region of Stack, got: us-east-1, expected: eu-west-1/);
  });

  test('throws for a bucket in another Region', () => {
    const app = new App();
    const us = new Stack(app, 'Us', { env: US });
    const eu = new Stack(app, 'Eu', { env: EU });
    expect(() => new CloudWatchLogsDelivery(eu, 'ToCloudWatch', { bucket: new s3.Bucket(us, 'Data') }))
      .toThrow(/Eu\/ToCloudWatch: the bucket Us\/Data must be in the Region of Eu, got: us-east-1, expected: eu-west-1/);
  });

  test('an environment-agnostic stack is not an error (a token is no mismatch)', () => {
    const app = new App();
    const agnostic = new Stack(app, 'Agnostic');
    const eu = new Stack(app, 'Eu', { env: EU });
    expect(() => new CloudWatchLogsDelivery(agnostic, 'ToCloudWatch', { bucket: new s3.Bucket(agnostic, 'Data'), logGroup: new logs.LogGroup(eu, 'Logs') }))
      .not.toThrow();
  });
});
