import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kinesisfirehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudWatchLogsDelivery, VendedLogsOutputFormat } from '../../src';
import { DELIVERY_PERMISSION_NOT_ADDED } from '../../src/visibility/warning-ids';
import { EU, US, warningsWithId } from '../support/checks';
import { logicalId, newStack } from '../support/stacks';

/**
 * `CloudWatchLogsDelivery` to each kind of destination of the vended-logs delivery: a log group
 * encrypted with a KMS key, an Amazon S3 bucket, a Firehose stream, a delivery destination of another
 * account; and one delivery source per bucket.
 */

const STREAM_ARN = 'arn:aws:firehose:eu-west-1:111111111111:deliverystream/access-logs';

function policyStatements(template: Template, type: string): any[] {
  return Object.values(template.findResources(type)).flatMap((r: any) => (r.Properties.PolicyDocument ?? r.Properties.KeyPolicy).Statement);
}

describe('to a log group encrypted with a KMS key', () => {
  test('the key policy lets logs.<region>.amazonaws.com use the key for this log group only', () => {
    // GIVEN
    const stack = newStack({ env: EU });
    const key = new kms.Key(stack, 'Key');
    // WHEN
    const delivery = new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: new s3.Bucket(stack, 'Data'), encryptionKey: key });
    // THEN
    const template = Template.fromStack(stack);
    const name = stack.resolve((delivery.logGroup.node.defaultChild as logs.CfnLogGroup).logGroupName);
    expect(name).toMatch(/^[\w-]+-LogGroup$/);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [logicalId(key), 'Arn'] },
      LogGroupName: name,
      RetentionInDays: 180,
    });
    expect(policyStatements(template, 'AWS::KMS::Key')).toContainEqual({
      Effect: 'Allow',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:eu-west-1:111111111111:log-group:${name}`]] },
        },
      },
    });
  });

  test('throws when logGroup and encryptionKey are both given', () => {
    const stack = newStack({ env: EU });
    expect(() => new CloudWatchLogsDelivery(stack, 'ToCloudWatch', {
      bucket: new s3.Bucket(stack, 'Data'),
      logGroup: new logs.LogGroup(stack, 'Mine'),
      encryptionKey: new kms.Key(stack, 'Key'),
    })).toThrow(/Stack\/ToCloudWatch: logGroup and encryptionKey cannot both be given/);
  });

  test('warns (deliveryPermissionNotAdded) with the statement for an imported key', () => {
    const stack = newStack({ env: EU });
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: new s3.Bucket(stack, 'Data'), encryptionKey: key });
    const warnings = warningsWithId(stack, DELIVERY_PERMISSION_NOT_ADDED);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Stack\/ToCloudWatch: encryptionKey \(Stack\/Key\) is not defined in this app.*"logs.eu-west-1.amazonaws.com"/);
  });
});

describe('to an Amazon S3 bucket', () => {
  let stack: Stack;
  let source: s3.Bucket;
  let archive: s3.Bucket;
  let delivery: CloudWatchLogsDelivery;
  let template: Template;
  beforeAll(() => {
    stack = newStack({ env: EU });
    source = new s3.Bucket(stack, 'Data');
    archive = new s3.Bucket(stack, 'Archive', { encryption: s3.BucketEncryption.KMS });
    delivery = new CloudWatchLogsDelivery(stack, 'ToS3', { bucket: source, destinationBucket: archive, outputFormat: VendedLogsOutputFormat.PARQUET });
    template = Template.fromStack(stack);
  });

  test('the destination is the bucket, in Parquet, and no log group is defined', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', {
      DestinationResourceArn: { 'Fn::GetAtt': [logicalId(archive), 'Arn'] },
      OutputFormat: 'parquet',
    });
    expect(() => delivery.logGroup).toThrow(/Stack\/ToS3: the access logs go to a bucket, a Firehose stream or another account's delivery destination/);
  });

  test('the bucket policy admits delivery.logs.amazonaws.com under AWSLogs/<account>/ for this delivery source only', () => {
    expect(policyStatements(template, 'AWS::S3::BucketPolicy')).toContainEqual({
      Sid: 'AWSLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(archive), 'Arn'] }, '/AWSLogs/111111111111/*']] },
      Condition: {
        StringEquals: { 'aws:SourceAccount': ['111111111111'], 's3:x-amz-acl': 'bucket-owner-full-control' },
        ArnLike: { 'aws:SourceArn': [{ 'Fn::GetAtt': [logicalId(delivery.deliverySource), 'Arn'] }] },
      },
    });
  });

  test('the bucket\'s KMS key lets delivery.logs.amazonaws.com use it for the same source', () => {
    expect(policyStatements(template, 'AWS::KMS::Key')).toContainEqual({
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceAccount': ['111111111111'] },
        ArnLike: { 'aws:SourceArn': [{ 'Fn::GetAtt': [logicalId(delivery.deliverySource), 'Arn'] }] },
      },
    });
  });

  test('the delivery waits for the bucket policy', () => {
    const resources = template.toJSON().Resources;
    expect(resources[logicalId(delivery.delivery)].DependsOn).toContain(logicalId(archive.policy!));
  });

  test('a destination bucket in another stack of the same environment is granted by the source\'s ARN built from its name, without a cycle', () => {
    // GIVEN
    const app = new App();
    const logStack = new Stack(app, 'Logs', { env: EU });
    const appStack = new Stack(app, 'App', { env: EU });
    const bucket = new s3.Bucket(logStack, 'Archive');
    // WHEN
    const d = new CloudWatchLogsDelivery(appStack, 'ToS3', { bucket: new s3.Bucket(appStack, 'Data'), destinationBucket: bucket });
    // THEN
    const name = appStack.resolve(d.deliverySource.name);
    expect(() => app.synth()).not.toThrow();
    expect(policyStatements(Template.fromStack(logStack), 'AWS::S3::BucketPolicy')[0].Condition.ArnLike['aws:SourceArn'])
      .toEqual([`arn:aws:logs:eu-west-1:111111111111:delivery-source:${name}`]);
  });

  test('warns (deliveryPermissionNotAdded) with the statement for a bucket the app does not define', () => {
    const s = newStack({ env: EU });
    new CloudWatchLogsDelivery(s, 'ToS3', { bucket: new s3.Bucket(s, 'Data'), destinationBucket: s3.Bucket.fromBucketName(s, 'Central', 'central-logs') });
    const warnings = warningsWithId(s, DELIVERY_PERMISSION_NOT_ADDED);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Stack\/ToS3: destinationBucket \(Stack\/Central\) is not defined in this app.*"s3:PutObject".*central-logs\/AWSLogs\//);
  });

  test('throws when the destination bucket is the source (a loop)', () => {
    const s = newStack({ env: EU });
    const data = new s3.Bucket(s, 'Data');
    expect(() => new CloudWatchLogsDelivery(s, 'ToS3', { bucket: data, destinationBucket: data }))
      .toThrow(/Stack\/ToS3: destinationBucket is the bucket whose server access logs are delivered \(Stack\/Data\)/);
    expect(() => new CloudWatchLogsDelivery(s, 'ToS3Again', { bucket: data, destinationBucket: s3.Bucket.fromCfnBucket(data.node.defaultChild as s3.CfnBucket) }))
      .toThrow(/destinationBucket is the bucket whose server access logs are delivered/);
  });

  test('throws when the bucket is in another Region', () => {
    const app = new App();
    const us = new Stack(app, 'Us', { env: US });
    const eu = new Stack(app, 'Eu', { env: EU });
    expect(() => new CloudWatchLogsDelivery(eu, 'ToS3', { bucket: new s3.Bucket(eu, 'Data'), destinationBucket: new s3.Bucket(us, 'Archive') }))
      .toThrow(/Eu\/ToS3: the destination bucket Us\/Archive must be in the Region of Eu, got: us-east-1, expected: eu-west-1/);
  });
});

describe('to a Firehose stream', () => {
  test('the destination is the stream, in JSON', () => {
    const stack = newStack({ env: EU });
    new CloudWatchLogsDelivery(stack, 'ToFirehose', { bucket: new s3.Bucket(stack, 'Data'), deliveryStreamArn: STREAM_ARN, outputFormat: VendedLogsOutputFormat.JSON });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', { DestinationResourceArn: STREAM_ARN, OutputFormat: 'json' });
  });

  test('a stream of the app (an L1) is delivered to by its ARN', () => {
    const stack = newStack({ env: EU });
    const stream = new kinesisfirehose.CfnDeliveryStream(stack, 'Stream', { deliveryStreamType: 'DirectPut' });
    new CloudWatchLogsDelivery(stack, 'ToFirehose', { bucket: new s3.Bucket(stack, 'Data'), deliveryStreamArn: stream.attrArn });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::DeliveryDestination', {
      DestinationResourceArn: { 'Fn::GetAtt': [logicalId(stream), 'Arn'] },
    });
  });

  test('throws for an ARN that is not a Firehose stream\'s', () => {
    const stack = newStack({ env: EU });
    expect(() => new CloudWatchLogsDelivery(stack, 'ToFirehose', { bucket: new s3.Bucket(stack, 'Data'), deliveryStreamArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/x' }))
      .toThrow(/Stack\/ToFirehose: deliveryStreamArn must be the ARN of a Firehose stream .*got: arn:aws:kinesis/);
  });

  test('throws for a stream in another account, pointing to CloudWatchLogsDeliveryDestination', () => {
    const stack = newStack({ env: EU });
    expect(() => new CloudWatchLogsDelivery(stack, 'ToFirehose', {
      bucket: new s3.Bucket(stack, 'Data'),
      deliveryStreamArn: 'arn:aws:firehose:eu-west-1:222222222222:deliverystream/central',
    })).toThrow(/deliveryStreamArn must be in the account of Stack, got: 222222222222 .*define a CloudWatchLogsDeliveryDestination there/);
  });

  test('throws for Parquet, which only S3 destinations take', () => {
    const stack = newStack({ env: EU });
    expect(() => new CloudWatchLogsDelivery(stack, 'ToFirehose', {
      bucket: new s3.Bucket(stack, 'Data'), deliveryStreamArn: STREAM_ARN, outputFormat: VendedLogsOutputFormat.PARQUET,
    })).toThrow(/Stack\/ToFirehose: outputFormat is PARQUET, which CloudWatch Logs offers for server access logs only to an Amazon S3 bucket, and the destination is a Firehose stream/);
  });
});

describe('one destination per delivery', () => {
  const cases: Array<[string, (stack: Stack) => Record<string, unknown>, RegExp]> = [
    ['destinationBucket and deliveryStreamArn', s => ({ destinationBucket: new s3.Bucket(s, 'Archive'), deliveryStreamArn: STREAM_ARN }),
      /destinationBucket and deliveryStreamArn cannot both be given/],
    ['logGroup and destinationBucket', s => ({ logGroup: new logs.LogGroup(s, 'Mine'), destinationBucket: new s3.Bucket(s, 'Archive') }),
      /logGroup and destinationBucket cannot both be given/],
    ['retention and deliveryDestinationArn', () => ({ retention: logs.RetentionDays.ONE_DAY, deliveryDestinationArn: 'arn:aws:logs:eu-west-1:222222222222:delivery-destination:central' }),
      /retention and deliveryDestinationArn cannot both be given/],
    ['encryptionKey and deliveryStreamArn', s => ({ encryptionKey: new kms.Key(s, 'Key'), deliveryStreamArn: STREAM_ARN }),
      /encryptionKey and deliveryStreamArn cannot both be given/],
    ['deliveryDestinationArn and outputFormat', () => ({ deliveryDestinationArn: 'arn:aws:logs:eu-west-1:222222222222:delivery-destination:central', outputFormat: VendedLogsOutputFormat.JSON }),
      /deliveryDestinationArn and outputFormat cannot both be given/],
  ];
  test.each(cases)('throws for %s', (_, props, message) => {
    const stack = newStack({ env: EU });
    expect(() => new CloudWatchLogsDelivery(stack, 'ToWhere', { bucket: new s3.Bucket(stack, 'Data'), ...props(stack) })).toThrow(message);
  });
});

describe('one delivery source per bucket', () => {
  test('a second delivery of the bucket reuses the first one\'s source and defines no Source', () => {
    // GIVEN
    const stack = newStack({ env: EU });
    const data = new s3.Bucket(stack, 'Data');
    const first = new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: data });
    // WHEN
    const second = new CloudWatchLogsDelivery(stack, 'ToFirehose', { bucket: data, deliveryStreamArn: STREAM_ARN });
    const third = new CloudWatchLogsDelivery(stack, 'ToS3', { bucket: s3.Bucket.fromCfnBucket(data.node.defaultChild as s3.CfnBucket), destinationBucket: new s3.Bucket(stack, 'Archive') });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::DeliverySource', 1);
    template.resourceCountIs('AWS::Logs::Delivery', 3);
    expect(second.deliverySource).toBe(first.deliverySource);
    expect(third.deliverySource).toBe(first.deliverySource);
    expect(second.node.tryFindChild('Source')).toBeUndefined();
    template.hasResourceProperties('AWS::Logs::Delivery', {
      DeliverySourceName: { Ref: logicalId(first.deliverySource) },
      DeliveryDestinationArn: { 'Fn::GetAtt': [logicalId(second.deliveryDestination), 'Arn'] },
    });
  });

  test('reuses a CfnDeliverySource another construct defined for the bucket\'s ARN and log type', () => {
    const stack = newStack({ env: EU });
    const data = new s3.Bucket(stack, 'Data');
    const theirs = new logs.CfnDeliverySource(stack, 'TheirSource', { name: 'data-access-logs', logType: 'S3_SERVER_ACCESS_LOGS', resourceArn: data.bucketArn });
    const delivery = new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: data });

    expect(delivery.deliverySource).toBe(theirs);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::DeliverySource', 1);
    template.hasResourceProperties('AWS::Logs::Delivery', { DeliverySourceName: { Ref: logicalId(theirs) } });
  });

  test('a CfnDeliverySource of another log type or another bucket is not reused', () => {
    const stack = newStack({ env: EU });
    const data = new s3.Bucket(stack, 'Data');
    new logs.CfnDeliverySource(stack, 'OtherType', { name: 'other-type', logType: 'APPLICATION_LOGS', resourceArn: data.bucketArn });
    new logs.CfnDeliverySource(stack, 'OtherBucket', { name: 'other-bucket', logType: 'S3_SERVER_ACCESS_LOGS', resourceArn: new s3.Bucket(stack, 'Other').bucketArn });
    const delivery = new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: data });
    expect(delivery.deliverySource.node.path).toBe('Stack/ToCloudWatch/Source');
    Template.fromStack(stack).resourceCountIs('AWS::Logs::DeliverySource', 3);
  });

  test('two imports of one bucket name share one source', () => {
    const stack = newStack({ env: EU });
    const a = new CloudWatchLogsDelivery(stack, 'A', { bucket: s3.Bucket.fromBucketName(stack, 'ImportA', 'shared-data') });
    const b = new CloudWatchLogsDelivery(stack, 'B', { bucket: s3.Bucket.fromBucketName(stack, 'ImportB', 'shared-data'), deliveryStreamArn: STREAM_ARN });
    expect(b.deliverySource).toBe(a.deliverySource);
    Template.fromStack(stack).resourceCountIs('AWS::Logs::DeliverySource', 1);
  });

  test('the existing logical ids stay: the first delivery defines Source, Destination and Delivery', () => {
    const stack = newStack({ env: EU });
    const delivery = new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket: new s3.Bucket(stack, 'Data') });
    expect([delivery.deliverySource, delivery.deliveryDestination, delivery.delivery].map(c => c.node.path))
      .toEqual(['Stack/ToCloudWatch/Source', 'Stack/ToCloudWatch/Destination', 'Stack/ToCloudWatch/Delivery']);
    expect(Template.fromStack(stack).findResources('AWS::Logs::DeliveryDestination', { Properties: { OutputFormat: Match.anyValue() } })).toEqual({});
  });
});
