import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { LOGGING_LOOP } from '../../../src/checks/rules/logging-loop';
import { NO_DELIVERY_PERMISSION } from '../../../src/checks/rules/no-delivery-permission';
import { SELF_LOGGING } from '../../../src/checks/rules/self-logging';
import { checkedApp, errorLines, EU, expectNoFinding, grantLoggingService, lit, synthErrors, USE_BUCKET_POLICY_FLAG } from '../../support/checks';

function selfLoggingError(path: string): RegExp {
  return new RegExp(lit(
    `[${path}] ${path} logs into itself (its LoggingConfiguration names no destination bucket, or names this bucket). `
    + 'Every log object S3 delivers is a request that is logged again, so the bucket grows without end. '
    + 'Send its logs to a bucket of their own, e.g. an AccessLogsBucket. [cdk-s3-access-logs:selfLogging]',
  ));
}

describe('checkSelfLogging: compliant', () => {
  test('reports nothing for an s3.Bucket and a CfnBucket logging to another bucket', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.Bucket(stack, 'Logs');
    new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'source/' });
    // aws-cdk-lib's grant names Source in aws:SourceArn: the CfnSource needs a grant of its own.
    grantLoggingService(logs, 'cfn-source/*');
    new s3.CfnBucket(stack, 'CfnSource', { loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: 'cfn-source/' } });

    expectNoFinding(app, [stack], SELF_LOGGING);
  });

  test('reports nothing for an AccessLoggedBucket (its destination does not log)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new AccessLoggedBucket(stack, 'Data');

    expect(synthErrors(app)).toBe('');
  });
});

describe('checkSelfLogging: a bucket that logs into itself', () => {
  test('throws for a CfnBucket with an empty LoggingConfiguration ({})', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    new s3.CfnBucket(stack, 'Self', { loggingConfiguration: {} });

    expect(() => app.synth()).toThrow(selfLoggingError('Stack/Self'));
  });

  test('throws for a CfnBucket whose DestinationBucketName is its own Ref', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const self = new s3.CfnBucket(stack, 'Self');
    self.loggingConfiguration = { destinationBucketName: self.ref, logFilePrefix: 'logs/' };

    expect(() => app.synth()).toThrow(selfLoggingError('Stack/Self'));
  });

  test('throws for a CfnBucket whose DestinationBucketName is its own literal name', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    new s3.CfnBucket(stack, 'Self', { bucketName: 'self-logging', loggingConfiguration: { destinationBucketName: 'self-logging' } });

    expect(() => app.synth()).toThrow(selfLoggingError('Stack/Self'));
  });

  test('throws for a CfnBucket whose DestinationBucketName is the same Fn::Sub as its own BucketName', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    new CfnParameter(stack, 'Name');
    const name = Fn.sub('${Name}-logs-${AWS::AccountId}');
    new s3.CfnBucket(stack, 'Self', { bucketName: name, loggingConfiguration: { destinationBucketName: Fn.sub('${Name}-logs-${AWS::AccountId}') } });

    expect(() => app.synth()).toThrow(selfLoggingError('Stack/Self'));
  });

  test('reads the same expression in two stacks as two names (their parameters differ), and another expression as another name', () => {
    const app = checkedApp();
    for (const id of ['One', 'Two']) {
      const stack = new Stack(app, id, { env: EU });
      new CfnParameter(stack, 'Name');
      new s3.CfnBucket(stack, 'Logs', { bucketName: Fn.sub('${Name}-logs') });
    }
    const three = new Stack(app, 'Three', { env: EU });
    new CfnParameter(three, 'Name');
    new s3.CfnBucket(three, 'Source', { bucketName: Fn.sub('${Name}-data'), loggingConfiguration: { destinationBucketName: Fn.sub('${Name}-logs') } });

    expect(synthErrors(app)).not.toContain(`[${SELF_LOGGING}]`);
  });

  test('throws for an s3.Bucket with serverAccessLogsPrefix and no serverAccessLogsBucket, naming the L2 path', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    new s3.Bucket(stack, 'Self', { serverAccessLogsPrefix: 'logs/' });

    expect(() => app.synth()).toThrow(selfLoggingError('Stack/Self'));
  });

  test('throws for an AccessLogsBucket whose serverAccessLogsBucket is itself, imported by name', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    new AccessLogsBucket(stack, 'Logs', {
      bucketName: 'logs-of-logs',
      serverAccessLogsBucket: s3.Bucket.fromBucketName(stack, 'Itself', 'logs-of-logs'),
    });

    expect(() => app.synth()).toThrow(selfLoggingError('Stack/Logs'));
  });

  test('reports self-logging buckets of several stacks (concrete and environment-agnostic), each once, and no loop', () => {
    const app = checkedApp();
    new s3.CfnBucket(new Stack(app, 'Concrete', { env: EU }), 'Self', { loggingConfiguration: {} });
    new s3.CfnBucket(new Stack(app, 'Agnostic'), 'Self', { loggingConfiguration: {} });

    expect(errorLines(app, SELF_LOGGING)).toEqual([
      expect.stringMatching(/^ {2}\[Concrete\/Self\] Concrete\/Self logs into itself/),
      expect.stringMatching(/^ {2}\[Agnostic\/Self\] Agnostic\/Self logs into itself/),
    ]);
    // A self-loop is not a loop of two or more, and the bucket needs no grant to itself.
    expect(errorLines(app, LOGGING_LOOP)).toEqual([]);
    expect(errorLines(app, NO_DELIVERY_PERMISSION)).toEqual([]);
  });
});
