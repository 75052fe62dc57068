import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogsBucket, DataEventsTrail } from '../../src';
import { EU, US, synthErrors } from '../support/checks';
import { logicalId, newStack } from '../support/stacks';

/**
 * `DataEventsTrail`: a CloudTrail trail that records the S3 data events of the buckets given to it,
 * and nothing else, into a bucket of its own that is never one of its sources.
 */

function objectsOf(bucket: s3.IBucket): unknown {
  return { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(bucket), 'Arn'] }, '/']] };
}

const DATA = { Field: 'eventCategory', Equals: ['Data'] };
const S3_OBJECTS = { Field: 'resources.type', Equals: ['AWS::S3::Object'] };

describe('DataEventsTrail', () => {
  let stack: Stack;
  let trail: DataEventsTrail;
  let data: s3.Bucket;
  let template: Template;
  beforeAll(() => {
    stack = newStack({ env: EU });
    data = new s3.Bucket(stack, 'Data');
    trail = new DataEventsTrail(stack, 'DataEvents');
    trail.recordDataEvents(data);
    template = Template.fromStack(stack);
  });

  test('records data events only: one advanced selector, no management events, one Region, validated log files', () => {
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: [{
        Name: 'S3 data events (reads and writes)',
        FieldSelectors: [DATA, S3_OBJECTS, { Field: 'resources.ARN', StartsWith: [objectsOf(data)] }],
      }],
      EventSelectors: Match.absent(),
      IsLogging: true,
      IsMultiRegionTrail: false,
      IncludeGlobalServiceEvents: false,
      EnableLogFileValidation: true,
      S3BucketName: { Ref: logicalId(trail.bucket) },
      TrailName: trail.trailName,
    });
  });

  test('has a literal name CloudTrail accepts: 3 to 128 of [A-Za-z0-9._-], starting and ending with a letter or digit', () => {
    expect(trail.trailName).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/);
    expect(trail.trailName).toMatch(/^Stack-DataEvents-/);
  });

  test('its bucket is SSE-S3, blocks public access, enforces TLS, disables ACLs, is versioned and kept', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('its bucket policy lets CloudTrail check the ACL and write under AWSLogs/<account>/, for this trail only (aws:SourceArn)', () => {
    const trailArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:eu-west-1:111111111111:trail/${trail.trailName}`]] };
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(trail.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AWSCloudTrailAclCheck',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:GetBucketAcl',
            Resource: { 'Fn::GetAtt': [logicalId(trail.bucket), 'Arn'] },
            Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
          },
          {
            Sid: 'AWSCloudTrailWrite',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(trail.bucket), 'Arn'] }, '/AWSLogs/111111111111/*']] },
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
          },
        ]),
      },
    });
    expect(trail.trailArn).toBeDefined();
  });

  test('the trail waits for its bucket policy (CloudTrail checks it on creation)', () => {
    template.hasResource('AWS::CloudTrail::Trail', { DependsOn: [logicalId(trail.bucket.policy!)] });
  });

  test('its bucket does not log unless asked', () => {
    expect(template.toJSON().Resources[logicalId(trail.bucket)].Properties.LoggingConfiguration).toBeUndefined();
  });
});

describe('DataEventsTrail: which events', () => {
  test('one selector per choice of reads and writes, with readOnly for reads only or writes only', () => {
    const stack = newStack({ env: EU });
    const [all, reads, writes, alsoWrites] = ['All', 'Reads', 'Writes', 'AlsoWrites'].map(id => new s3.Bucket(stack, id));
    const trail = new DataEventsTrail(stack, 'DataEvents');
    trail.recordDataEvents(writes, cloudtrail.ReadWriteType.WRITE_ONLY);
    trail.recordDataEvents(reads, cloudtrail.ReadWriteType.READ_ONLY);
    trail.recordDataEvents(all);
    trail.recordDataEvents(alsoWrites, cloudtrail.ReadWriteType.WRITE_ONLY);
    trail.recordDataEvents(all);

    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: [
        { Name: 'S3 data events (reads and writes)', FieldSelectors: [DATA, S3_OBJECTS, { Field: 'resources.ARN', StartsWith: [objectsOf(all)] }] },
        {
          Name: 'S3 data events (reads)',
          FieldSelectors: [DATA, S3_OBJECTS, { Field: 'readOnly', Equals: ['true'] }, { Field: 'resources.ARN', StartsWith: [objectsOf(reads)] }],
        },
        {
          Name: 'S3 data events (writes)',
          FieldSelectors: [DATA, S3_OBJECTS, { Field: 'readOnly', Equals: ['false'] }, { Field: 'resources.ARN', StartsWith: [objectsOf(writes), objectsOf(alsoWrites)] }],
        },
      ],
    });
  });

  test('a bucket imported by name is selected by its ARN', () => {
    const stack = newStack({ env: EU });
    const trail = new DataEventsTrail(stack, 'DataEvents');
    trail.recordDataEvents(s3.Bucket.fromBucketName(stack, 'Imported', 'my-data'));
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: [{
        FieldSelectors: [DATA, S3_OBJECTS, {
          Field: 'resources.ARN',
          StartsWith: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::my-data/']] }],
        }],
      }],
    });
  });

  test('throws for readWriteType NONE', () => {
    const stack = newStack({ env: EU });
    const trail = new DataEventsTrail(stack, 'DataEvents');
    expect(() => trail.recordDataEvents(new s3.Bucket(stack, 'Data'), cloudtrail.ReadWriteType.NONE))
      .toThrow(/Stack\/DataEvents: readWriteType NONE records nothing for Stack\/Data/);
  });

  test('a trail that records no bucket fails synthesis: without a selector it would record management events', () => {
    const app = new App();
    new DataEventsTrail(new Stack(app, 'Stack', { env: EU }), 'DataEvents');
    expect(synthErrors(app)).toMatch(/Stack\/DataEvents records the data events of no bucket/);
  });

  test('more values than CloudTrail allows (500 per trail) fail synthesis', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const trail = new DataEventsTrail(stack, 'DataEvents');
    for (let i = 0; i < 498; i++) {
      trail.recordDataEvents(s3.Bucket.fromBucketName(stack, `B${i}`, `bucket-${i}`));
    }
    // 2 fixed values + 498 buckets = 500: allowed
    expect(synthErrors(app)).toBe('');
    trail.recordDataEvents(s3.Bucket.fromBucketName(stack, 'OneMore', 'one-more'));
    expect(synthErrors(app)).toMatch(/Stack\/DataEvents records 499 buckets, which take 501 values in its advanced event selectors; CloudTrail allows 500 per trail/);
  });
});

describe('DataEventsTrail: no loop', () => {
  test('throws when asked to record its own bucket', () => {
    const stack = newStack({ env: EU });
    const trail = new DataEventsTrail(stack, 'DataEvents');
    expect(() => trail.recordDataEvents(trail.bucket))
      .toThrow('Stack/DataEvents records the data events of Stack/DataEvents/Bucket, but it is the bucket that receives the trail\'s own '
        + 'log files: each log file written would be a data event recorded in another log file, without end. Do not record the data events '
        + 'of a bucket that receives logs, or deliver the trail bucket\'s access logs elsewhere. [cdk-s3-access-logs:dataEventsLoop]');
  });

  test('fails synthesis when recording the bucket of another trail (the two would record each other)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const first = new DataEventsTrail(stack, 'First');
    const second = new DataEventsTrail(stack, 'Second');
    first.recordDataEvents(second.bucket);
    second.recordDataEvents(new s3.Bucket(stack, 'Data'));
    expect(synthErrors(app)).toMatch(/Stack\/First records the data events of Stack\/Second\/Bucket, but it receives the log files of a CloudTrail trail/);
  });

  test('fails synthesis when recording the bucket of a cloudtrail.Trail of the app', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const trailBucket = new s3.Bucket(stack, 'TrailBucket');
    new cloudtrail.Trail(stack, 'Audit', { bucket: trailBucket });
    new DataEventsTrail(stack, 'DataEvents').recordDataEvents(trailBucket);
    expect(synthErrors(app)).toMatch(/Stack\/DataEvents records the data events of Stack\/TrailBucket, but it receives the log files of a CloudTrail trail/);
  });

  test('fails synthesis when the trail bucket\'s server access logs reach a recorded bucket', () => {
    // GIVEN a recorded bucket that receives the trail bucket's access logs, through a chain
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const last = new AccessLogsBucket(stack, 'Last');
    const first = new AccessLogsBucket(stack, 'First', { serverAccessLogsBucket: last });
    const trail = new DataEventsTrail(stack, 'DataEvents', { serverAccessLogsBucket: first });

    // WHEN the trail records the end of that chain
    trail.recordDataEvents(last);

    // THEN synthesis fails, naming the chain
    expect(synthErrors(app)).toMatch(/Stack\/DataEvents records the data events of Stack\/Last, but the trail's bucket delivers its server access logs to Stack\/First -> Stack\/Last/);
  });

  test('the trail bucket logging into a destination that is not recorded is fine', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new AccessLogsBucket(stack, 'Logs');
    const trail = new DataEventsTrail(stack, 'DataEvents', { serverAccessLogsBucket: logs });
    trail.recordDataEvents(new s3.Bucket(stack, 'Data'));

    expect(synthErrors(app)).toBe('');
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(logs) }, TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } } },
    });
  });
});

describe('DataEventsTrail: same account and Region', () => {
  test('throws for a bucket in another Region', () => {
    const app = new App();
    const eu = new Stack(app, 'Eu', { env: EU });
    const us = new Stack(app, 'Us', { env: US });
    const trail = new DataEventsTrail(eu, 'DataEvents');
    expect(() => trail.recordDataEvents(new s3.Bucket(us, 'Data')))
      .toThrow('Eu/DataEvents: the bucket Us/Data must be in the Region of Eu, got: us-east-1, expected: eu-west-1. '
        + 'A trail records the data events of buckets in the same account and Region. Use a bucket in eu-west-1.');
  });
});
