import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogs } from '../../src';
import { EU, synthErrors } from '../support/checks';
import { logicalIdAt, newPathApp, Resources } from '../support/stacks';

/**
 * `AccessLogs.of(scope).enable({ cloudWatchLogs })` with a destination other than a log group: no
 * log group per stack, and the destination bucket never delivers into itself.
 */

function synthesized(app: App): Record<string, Resources> {
  const assembly = app.synth({ force: true });
  return Object.fromEntries(assembly.stacks.map(stack => [stack.stackName, (stack.template.Resources ?? {}) as Resources]));
}

function ofType(resources: Resources, type: string): Array<{ path: string; properties: any }> {
  return Object.values(resources).filter(r => r.Type === type).map(r => ({ path: r.Metadata?.['aws:cdk:path'], properties: r.Properties }));
}

describe('enable({ cloudWatchLogs }) to other destinations', () => {
  test('to a bucket: no log group per stack, every delivery into the bucket, and the bucket itself not delivered', () => {
    // GIVEN
    const app = newPathApp();
    const web = new Stack(app, 'Web', { env: EU });
    new s3.Bucket(web, 'Assets');
    const archive = new s3.Bucket(web, 'VendedArchive');
    new s3.Bucket(new Stack(app, 'Data', { env: EU }), 'Reports');
    // WHEN
    AccessLogs.of(app).enable({ cloudWatchLogs: { destinationBucket: archive } });
    const stacks = synthesized(app);
    // THEN
    for (const stack of ['Web', 'Data']) {
      expect(ofType(stacks[stack], 'AWS::Logs::LogGroup')).toEqual([]);
    }
    expect(ofType(stacks.Web, 'AWS::Logs::DeliverySource').map(s => s.path)).toEqual(['Web/Assets/AccessLogsCloudWatchDelivery/Source']);
    expect(ofType(stacks.Web, 'AWS::Logs::DeliveryDestination')[0].properties.DestinationResourceArn)
      .toEqual({ 'Fn::GetAtt': [logicalIdAt(stacks.Web, 'Web/VendedArchive/Resource'), 'Arn'] });
    expect(ofType(stacks.Data, 'AWS::Logs::DeliverySource').map(s => s.path)).toEqual(['Data/Reports/AccessLogsCloudWatchDelivery/Source']);
    const statements = ofType(stacks.Web, 'AWS::S3::BucketPolicy').flatMap(p => p.properties.PolicyDocument.Statement)
      .filter((s: any) => s.Principal?.Service === 'delivery.logs.amazonaws.com');
    expect(statements).toHaveLength(2);
    expect(synthErrors(app)).toBe('');
  });

  test('with encryptionKey, the log group of each stack is encrypted with it', () => {
    const app = newPathApp();
    const web = new Stack(app, 'Web', { env: EU });
    new s3.Bucket(web, 'Assets');
    const key = new kms.Key(web, 'LogsKey');
    AccessLogs.of(app).enable({ cloudWatchLogs: { encryptionKey: key } });
    const stacks = synthesized(app);
    const [group] = ofType(stacks.Web, 'AWS::Logs::LogGroup');
    expect(group.path).toBe('Web/AccessLogsLogGroup/Resource');
    expect(group.properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [logicalIdAt(stacks.Web, 'Web/LogsKey/Resource'), 'Arn'] });
  });

  test('throws when two destinations are given', () => {
    const app = newPathApp();
    const web = new Stack(app, 'Web', { env: EU });
    expect(() => AccessLogs.of(app).enable({
      cloudWatchLogs: { encryptionKey: new kms.Key(web, 'Key'), deliveryStreamArn: 'arn:aws:firehose:eu-west-1:111111111111:deliverystream/x' },
    })).toThrow(/AccessLogs.of\(<app>\).enable\(\): cloudWatchLogs.encryptionKey and deliveryStreamArn cannot both be given/);
  });
});
