import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, DataEventsTrail } from '../../src';
import { EU, US, synthErrors } from '../support/checks';
import { logicalId, newStack } from '../support/stacks';

/**
 * `AccessLoggedBucket`'s faster-visibility options: `cloudWatchLogs` (delivery of the same access logs
 * to CloudWatch Logs) and `dataEvents` (CloudTrail data events), both off by default.
 */

function types(stack: Stack): string[] {
  return Object.values(Template.fromStack(stack).toJSON().Resources).map((r: any) => r.Type).sort();
}

test('by default, neither: no log group, no delivery, no trail', () => {
  const stack = newStack({ env: EU });
  const logged = new AccessLoggedBucket(stack, 'Logged');
  expect(types(stack)).toEqual(['AWS::S3::Bucket', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::S3::BucketPolicy']);
  expect(logged.cloudWatchLogsDelivery).toBeUndefined();
  expect(logged.dataEventsTrail).toBeUndefined();
});

describe('cloudWatchLogs', () => {
  test('delivers the source\'s access logs to a log group defined with the retention given', () => {
    const stack = newStack({ env: EU });
    const logged = new AccessLoggedBucket(stack, 'Logged', { cloudWatchLogs: { retention: logs.RetentionDays.ONE_MONTH } });
    const template = Template.fromStack(stack);

    expect(logged.cloudWatchLogsDelivery?.node.path).toBe('Stack/Logged/CloudWatchLogsDelivery');
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Logs::DeliverySource', {
      LogType: 'S3_SERVER_ACCESS_LOGS',
      ResourceArn: { 'Fn::GetAtt': [logicalId(logged.bucket), 'Arn'] },
    });
    template.resourceCountIs('AWS::Logs::DeliveryDestination', 1);
    template.resourceCountIs('AWS::Logs::Delivery', 1);
  });

  test('keeps delivering to the bucket destination too', () => {
    const stack = newStack({ env: EU });
    const logged = new AccessLoggedBucket(stack, 'Logged', { cloudWatchLogs: {} });
    expect(Template.fromStack(stack).toJSON().Resources[logicalId(logged.bucket)].Properties.LoggingConfiguration)
      .toEqual({ DestinationBucketName: { Ref: logicalId(logged.destinationBucket) }, TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } } });
  });

  test('into a given log group, with the record fields given', () => {
    const stack = newStack({ env: EU });
    const logGroup = new logs.LogGroup(stack, 'AccessLogs');
    new AccessLoggedBucket(stack, 'Logged', { cloudWatchLogs: { logGroup, recordFields: ['request_time', 'operation', 'http_status'] } });
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', { DestinationResourceArn: { 'Fn::GetAtt': [logicalId(logGroup), 'Arn'] } });
    template.hasResourceProperties('AWS::Logs::Delivery', { RecordFields: ['request_time', 'operation', 'http_status'] });
  });

  test('throws for a log group in another Region', () => {
    const app = new App();
    const logGroup = new logs.LogGroup(new Stack(app, 'Us', { env: US }), 'AccessLogs');
    expect(() => new AccessLoggedBucket(new Stack(app, 'Eu', { env: EU }), 'Logged', { cloudWatchLogs: { logGroup } }))
      .toThrow(/Eu\/Logged\/CloudWatchLogsDelivery: the log group Us\/AccessLogs must be in the Region of Eu, got: us-east-1, expected: eu-west-1/);
  });
});

describe('dataEvents', () => {
  test('defines a trail that records the source\'s data events, reads and writes', () => {
    const stack = newStack({ env: EU });
    const logged = new AccessLoggedBucket(stack, 'Logged', { dataEvents: {} });

    expect(logged.dataEventsTrail?.node.path).toBe('Stack/Logged/DataEventsTrail');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: [{
        Name: 'S3 data events (reads and writes)',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'resources.ARN', StartsWith: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(logged.bucket), 'Arn'] }, '/']] }] },
        ],
      }],
    });
  });

  test('writes only', () => {
    const stack = newStack({ env: EU });
    new AccessLoggedBucket(stack, 'Logged', { dataEvents: { readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY } });
    const trail = Object.values(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'))[0] as any;
    expect(trail.Properties.AdvancedEventSelectors[0].FieldSelectors).toContainEqual({ Field: 'readOnly', Equals: ['false'] });
  });

  test('the trail\'s bucket delivers its server access logs to the destination (no loop: it is not recorded)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logged = new AccessLoggedBucket(stack, 'Logged', { dataEvents: {}, logFilePrefix: 'logs' });
    const template = Template.fromStack(stack);

    expect(template.toJSON().Resources[logicalId(logged.dataEventsTrail!.bucket)].Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalId(logged.destinationBucket) },
      LogFilePrefix: 'logs/',
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
    expect(synthErrors(app)).toBe('');
  });

  test('with the simple key format, the trail\'s bucket writes under a prefix of its own', () => {
    const stack = newStack({ env: EU });
    const logged = new AccessLoggedBucket(stack, 'Logged', {
      dataEvents: {},
      logFilePrefix: 'logs',
      targetObjectKeyFormat: s3.TargetObjectKeyFormat.simplePrefix(),
    });
    expect(Template.fromStack(stack).toJSON().Resources[logicalId(logged.dataEventsTrail!.bucket)].Properties.LoggingConfiguration.LogFilePrefix)
      .toBe('logs/DataEventsTrail/');
  });

  test('records into a given trail, defining none; two sources share it', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const trail = new DataEventsTrail(stack, 'DataEvents');
    const first = new AccessLoggedBucket(stack, 'First', { dataEvents: { trail } });
    const second = new AccessLoggedBucket(stack, 'Second', { dataEvents: { trail, readWriteType: cloudtrail.ReadWriteType.READ_ONLY } });
    const template = Template.fromStack(stack);

    expect(first.dataEventsTrail).toBe(trail);
    expect(second.dataEventsTrail).toBe(trail);
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    expect((Object.values(template.findResources('AWS::CloudTrail::Trail'))[0] as any).Properties.AdvancedEventSelectors.map((s: any) => s.Name))
      .toEqual(['S3 data events (reads and writes)', 'S3 data events (reads)']);
    expect(synthErrors(app)).toBe('');
  });

  test('throws for a trail in another Region', () => {
    const app = new App();
    const trail = new DataEventsTrail(new Stack(app, 'Us', { env: US }), 'DataEvents');
    expect(() => new AccessLoggedBucket(new Stack(app, 'Eu', { env: EU }), 'Logged', { dataEvents: { trail } }))
      .toThrow('Eu/Logged: the trail Us/DataEvents must be in the Region of Eu, got: us-east-1, expected: eu-west-1. '
        + 'A trail records the data events of buckets in the same account and Region. Use a trail in eu-west-1.');
  });
});

test('enabled: false defines neither (and keeps the destination)', () => {
  const stack = newStack({ env: EU });
  const logged = new AccessLoggedBucket(stack, 'Logged', { enabled: false, cloudWatchLogs: {}, dataEvents: {} });
  expect(types(stack)).toEqual(['AWS::S3::Bucket', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::S3::BucketPolicy']);
  expect(logged.cloudWatchLogsDelivery).toBeUndefined();
  expect(logged.dataEventsTrail).toBeUndefined();
});

test('both together: one template with the bucket destination, the CloudWatch Logs delivery and the trail', () => {
  const stack = newStack({ env: EU });
  new AccessLoggedBucket(stack, 'Logged', { cloudWatchLogs: {}, dataEvents: {} });
  expect(types(stack)).toEqual([
    'AWS::CloudTrail::Trail',
    'AWS::Logs::Delivery', 'AWS::Logs::DeliveryDestination', 'AWS::Logs::DeliverySource', 'AWS::Logs::LogGroup',
    ...Array(9).fill('AWS::Logs::QueryDefinition'),
    'AWS::S3::Bucket', 'AWS::S3::Bucket', 'AWS::S3::Bucket',
    'AWS::S3::BucketPolicy', 'AWS::S3::BucketPolicy', 'AWS::S3::BucketPolicy',
  ]);
});
