import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { DESTINATION_UNRESOLVED } from '../../../src/checks/rules/destination-unresolved';
import { IMPORTED_DESTINATION_POLICY } from '../../../src/checks/rules/imported-destination-policy';
import { checkedApp, EU, expectNoFinding, lit, synthErrors, USE_BUCKET_POLICY_FLAG, warningsWithId } from '../../support/checks';

/** The statement the warning asks for, as JSON. */
function statementJson(destinationName: string, account: string, sourceArn: string, prefix = '', partition = 'aws'): string {
  return JSON.stringify({
    Sid: 'S3ServerAccessLogsDelivery',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `arn:${partition}:s3:::${destinationName}/${prefix}*`,
    Condition: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': sourceArn } },
  });
}

function importedWarning(source: string, destination: string, name: string, statement: string): string {
  return lit(
    `${source} logs to ${destination} "${name}", which is not defined in this app, `
    + 'so its bucket policy cannot be granted or checked here, and S3 delivers no logs until it lets the logging service write. '
    + `Make sure its bucket policy has this statement: ${statement} [ack: cdk-s3-access-logs:importedDestinationPolicy]`,
  );
}

describe('importedDestinationPolicy and destinationUnresolved: compliant', () => {
  test('does not warn for destinations defined in the app, in one stack and across stacks', () => {
    const app = new App({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    const logs = new AccessLogsBucket(logsStack, 'Logs');
    new AccessLoggedBucket(logsStack, 'Local');
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new AccessLoggedBucket(dataStack, 'Remote', { destinationBucket: logs });
    new s3.Bucket(dataStack, 'Plain', { serverAccessLogsBucket: logs });

    expect(synthErrors(app)).toBe('');
    expectNoFinding(app, [logsStack, dataStack], IMPORTED_DESTINATION_POLICY);
    expectNoFinding(app, [logsStack, dataStack], DESTINATION_UNRESOLVED);
  });
});

describe('importedDestinationPolicy', () => {
  test('warns with the statement to add for an AccessLoggedBucket whose destination is imported by name', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    new AccessLoggedBucket(stack, 'Data', {
      bucketProps: { bucketName: 'data-bucket' },
      destinationBucket: s3.Bucket.fromBucketName(stack, 'Central', 'central-logs'),
      logFilePrefix: 'data',
    });

    // THEN
    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Data/Bucket', Match.stringLikeRegexp(importedWarning(
      'Stack/Data/Bucket', 'Stack/Central', 'central-logs',
      statementJson('central-logs', '111111111111', 'arn:aws:s3:::data-bucket', 'data/'),
    )));
  });

  test('warns with placeholders for an s3.Bucket in an environment-agnostic stack whose name is generated', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: s3.Bucket.fromBucketName(stack, 'Central', 'central-logs') });

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Source', Match.stringLikeRegexp(importedWarning(
      'Stack/Source', 'Stack/Central', 'central-logs', statementJson('central-logs', '<account id>', 'arn:aws:s3:::<name of Stack/Source>'),
    )));
  });

  test('warns for a CfnBucket logging to a literal name that is no bucket of the app, with the partition of its Region', () => {
    const app = checkedApp();
    const china = new Stack(app, 'China', { env: { account: '111111111111', region: 'cn-north-1' } });
    new s3.CfnBucket(china, 'Source', { bucketName: 'cn-source', loggingConfiguration: { destinationBucketName: 'cn-logs', logFilePrefix: 'x/' } });
    const govCloud = new Stack(app, 'GovCloud', { env: { account: '111111111111', region: 'us-gov-west-1' } });
    new s3.CfnBucket(govCloud, 'Source', { bucketName: 'gov-source', loggingConfiguration: { destinationBucketName: 'gov-logs' } });

    expect(warningsWithId(china, IMPORTED_DESTINATION_POLICY)).toEqual([expect.stringMatching(new RegExp(`^${importedWarning(
      'China/Source', 'the bucket', 'cn-logs', statementJson('cn-logs', '111111111111', 'arn:aws-cn:s3:::cn-source', 'x/', 'aws-cn'),
    )}$`))]);
    expect(warningsWithId(govCloud, IMPORTED_DESTINATION_POLICY)).toEqual([expect.stringMatching(new RegExp(`^${importedWarning(
      'GovCloud/Source', 'the bucket', 'gov-logs', statementJson('gov-logs', '111111111111', 'arn:aws-us-gov:s3:::gov-source', '', 'aws-us-gov'),
    )}$`))]);
  });
});

describe('destinationUnresolved', () => {
  test('warns for a CfnBucket whose destination is a CfnParameter', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const destination = new CfnParameter(stack, 'DestinationBucket');
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: destination.valueAsString, logFilePrefix: 'logs/' } });

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Source', Match.stringLikeRegexp(lit(
      'Stack/Source logs to a destination that cannot be followed at synth ({"Ref":"DestinationBucket"}), '
      + 'so its Region, account, settings and policy are not checked. Make sure it is an SSE-S3 bucket in the same account and Region '
      + 'whose policy lets logging.s3.amazonaws.com write s3:PutObject under "logs/". [ack: cdk-s3-access-logs:destinationUnresolved]',
    )));
    expect(warningsWithId(stack, IMPORTED_DESTINATION_POLICY)).toEqual([]);
  });

  test('warns for an AccessLoggedBucket whose destination is imported with a parameter as its name', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const name = new CfnParameter(stack, 'LogsBucketName').valueAsString;
    new AccessLoggedBucket(stack, 'Data', { destinationBucket: s3.Bucket.fromBucketName(stack, 'Logs', name) });

    expect(synthErrors(app)).toBe('');
    Annotations.fromStack(stack).hasWarning('/Stack/Data/Bucket',
      Match.stringLikeRegexp(lit('Stack/Data/Bucket logs to a destination that cannot be followed at synth ({"Ref":"LogsBucketName"})')));
  });

  test('warns for an s3.Bucket whose destination is an import of an export outside the app', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    new s3.Bucket(stack, 'Source', {
      serverAccessLogsBucket: s3.Bucket.fromBucketName(stack, 'Shared', Fn.importValue('SharedLogsBucketName')),
    });

    expect(warningsWithId(stack, DESTINATION_UNRESOLVED)).toEqual([
      expect.stringContaining('Stack/Source logs to a destination that cannot be followed at synth ({"Fn::ImportValue":"SharedLogsBucketName"})'),
    ]);
  });
});
