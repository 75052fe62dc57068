import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudWatchLogsDelivery, CloudWatchLogsDeliveryDestination, VendedLogsOutputFormat } from '../../src';
import { ACCOUNT, EU, EU_OTHER_ACCOUNT, OTHER_ACCOUNT, US } from '../support/checks';
import { logicalId } from '../support/stacks';

/**
 * `CloudWatchLogsDeliveryDestination`: the destination account's side of a cross-account delivery
 * (the central-account pattern), and `CloudWatchLogsDelivery` with its `deliveryDestinationArn` in a
 * stack of the source account.
 */

const CENTRAL = EU_OTHER_ACCOUNT;

describe('a log group of a central account, delivered to from another account, in one app', () => {
  let app: App;
  let central: Stack;
  let workload: Stack;
  let destination: CloudWatchLogsDeliveryDestination;
  let delivery: CloudWatchLogsDelivery;
  beforeAll(() => {
    // GIVEN a central stack in account B and a workload stack in account A
    app = new App();
    central = new Stack(app, 'Central', { env: CENTRAL });
    workload = new Stack(app, 'Workload', { env: EU });
    // WHEN
    destination = new CloudWatchLogsDeliveryDestination(central, 'AccessLogs', { sourceAccounts: [ACCOUNT] });
    delivery = new CloudWatchLogsDelivery(workload, 'ToCentral', {
      bucket: new s3.Bucket(workload, 'Data'),
      deliveryDestinationArn: destination.deliveryDestinationArn,
    });
  });

  test('the ARN is a literal of the central account and Region, with the destination\'s name', () => {
    const name = central.resolve(destination.deliveryDestination.name);
    expect(destination.deliveryDestinationArn).toBe(`arn:aws:logs:eu-west-1:${OTHER_ACCOUNT}:delivery-destination:${name}`);
  });

  test('the destination policy lets the source accounts create deliveries to it', () => {
    Template.fromStack(central).hasResourceProperties('AWS::Logs::DeliveryDestination', {
      DestinationResourceArn: { 'Fn::GetAtt': [logicalId(destination.logGroup!), 'Arn'] },
      DeliveryDestinationPolicy: {
        DeliveryDestinationName: central.resolve(destination.deliveryDestination.name),
        DeliveryDestinationPolicy: {
          Version: '2012-10-17',
          Statement: [{
            Sid: 'AllowCreateDeliveryFromSourceAccounts',
            Effect: 'Allow',
            Principal: { AWS: [ACCOUNT] },
            Action: 'logs:CreateDelivery',
            Resource: destination.deliveryDestinationArn,
          }],
        },
      },
    });
  });

  test('the log group\'s resource policy admits delivery.logs.amazonaws.com for the source accounts', () => {
    const template = Template.fromStack(central);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Logs::ResourcePolicy', {
      PolicyDocument: {
        'Fn::Join': ['', [
          '{"Statement":[{"Action":["logs:CreateLogStream","logs:PutLogEvents"],'
          + `"Condition":{"StringEquals":{"aws:SourceAccount":["${ACCOUNT}"]},"ArnLike":{"aws:SourceArn":["arn:aws:logs:eu-west-1:${ACCOUNT}:*"]}},`
          + '"Effect":"Allow","Principal":{"Service":"delivery.logs.amazonaws.com"},"Resource":"arn:',
          { Ref: 'AWS::Partition' },
          `:logs:eu-west-1:${OTHER_ACCOUNT}:log-group:`,
          { Ref: logicalId(destination.logGroup!) },
          ':log-stream:*"}],"Version":"2012-10-17"}',
        ]],
      },
    });
  });

  test('the workload stack defines the source and the delivery only, to the literal ARN, with no cross-environment reference', () => {
    const template = Template.fromStack(workload);
    template.resourceCountIs('AWS::Logs::DeliveryDestination', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.hasResourceProperties('AWS::Logs::Delivery', {
      DeliverySourceName: { Ref: logicalId(delivery.deliverySource) },
      DeliveryDestinationArn: destination.deliveryDestinationArn,
    });
    expect(delivery.deliveryDestinationArn).toBe(destination.deliveryDestinationArn);
    expect(() => delivery.deliveryDestination).toThrow(/Workload\/ToCentral: the delivery destination is defined in another account/);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('CloudWatchLogsDeliveryDestination to a bucket and a stream', () => {
  test('a bucket gets the statement for delivery.logs.amazonaws.com, per source account', () => {
    const stack = new Stack(new App(), 'Central', { env: CENTRAL });
    const bucket = new s3.Bucket(stack, 'Archive');
    new CloudWatchLogsDeliveryDestination(stack, 'AccessLogs', {
      sourceAccounts: [ACCOUNT, '333333333333'],
      destinationBucket: bucket,
      outputFormat: VendedLogsOutputFormat.PARQUET,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', { OutputFormat: 'parquet', DestinationResourceArn: { 'Fn::GetAtt': [logicalId(bucket), 'Arn'] } });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: [{
          Sid: 'AWSLogDeliveryWrite',
          Effect: 'Allow',
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: [
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(bucket), 'Arn'] }, `/AWSLogs/${ACCOUNT}/*`]] },
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(bucket), 'Arn'] }, '/AWSLogs/333333333333/*']] },
          ],
          Condition: {
            StringEquals: { 'aws:SourceAccount': [ACCOUNT, '333333333333'], 's3:x-amz-acl': 'bucket-owner-full-control' },
            ArnLike: { 'aws:SourceArn': [`arn:aws:logs:eu-west-1:${ACCOUNT}:delivery-source:*`, 'arn:aws:logs:eu-west-1:333333333333:delivery-source:*'] },
          },
        }],
      },
    });
  });

  test('a stream is the destination, with no policy of its own', () => {
    const stack = new Stack(new App(), 'Central', { env: CENTRAL });
    const arn = `arn:aws:firehose:eu-west-1:${OTHER_ACCOUNT}:deliverystream/central`;
    new CloudWatchLogsDeliveryDestination(stack, 'AccessLogs', { sourceAccounts: [ACCOUNT], deliveryStreamArn: arn });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', { DestinationResourceArn: arn });
    template.resourceCountIs('AWS::Logs::ResourcePolicy', 0);
  });
});

describe('CloudWatchLogsDeliveryDestination errors', () => {
  test('throws in a stack without a literal account and Region, with the fix', () => {
    const stack = new Stack(new App(), 'Agnostic');
    expect(() => new CloudWatchLogsDeliveryDestination(stack, 'AccessLogs', { sourceAccounts: [ACCOUNT] }))
      .toThrow(/Agnostic\/AccessLogs: the stack Agnostic has no literal account and Region.*Give the stack an env with account and region/);
  });

  test('throws for no source account, or one that is not 12 digits', () => {
    const stack = new Stack(new App(), 'Central', { env: CENTRAL });
    expect(() => new CloudWatchLogsDeliveryDestination(stack, 'None', { sourceAccounts: [] })).toThrow(/Central\/None: sourceAccounts is empty/);
    expect(() => new CloudWatchLogsDeliveryDestination(stack, 'Bad', { sourceAccounts: ['1234'] })).toThrow(/sourceAccounts must be AWS account ids of 12 digits, got: 1234/);
  });

  test('throws for two destinations', () => {
    const stack = new Stack(new App(), 'Central', { env: CENTRAL });
    expect(() => new CloudWatchLogsDeliveryDestination(stack, 'AccessLogs', {
      sourceAccounts: [ACCOUNT], logGroup: new logs.LogGroup(stack, 'Logs'), destinationBucket: new s3.Bucket(stack, 'Archive'),
    })).toThrow(/Central\/AccessLogs: logGroup and destinationBucket cannot both be given/);
  });

  test('a delivery throws for a destination ARN of another Region', () => {
    const app = new App();
    const central = new Stack(app, 'Central', { env: { account: OTHER_ACCOUNT, region: US.region } });
    const workload = new Stack(app, 'Workload', { env: EU });
    const destination = new CloudWatchLogsDeliveryDestination(central, 'AccessLogs', { sourceAccounts: [ACCOUNT] });
    expect(() => new CloudWatchLogsDelivery(workload, 'ToCentral', { bucket: new s3.Bucket(workload, 'Data'), deliveryDestinationArn: destination.deliveryDestinationArn }))
      .toThrow(/Workload\/ToCentral: deliveryDestinationArn must be in the Region of Workload, got: us-east-1, expected: eu-west-1/);
  });

  test('a delivery throws for an ARN that is not a delivery destination\'s', () => {
    const stack = new Stack(new App(), 'Workload', { env: EU });
    expect(() => new CloudWatchLogsDelivery(stack, 'ToCentral', { bucket: new s3.Bucket(stack, 'Data'), deliveryDestinationArn: 'arn:aws:logs:eu-west-1:222222222222:log-group:x' }))
      .toThrow(/deliveryDestinationArn must be the ARN of a CloudWatch Logs delivery destination/);
  });
});
