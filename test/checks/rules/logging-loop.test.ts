import { App, Stack, Stage } from 'aws-cdk-lib';
import * as cwl from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { LOGGING_LOOP } from '../../../src/checks/rules/logging-loop';
import { SELF_LOGGING } from '../../../src/checks/rules/self-logging';
import { checkedApp, errorLines, EU, expectNoFinding, lit, US, USE_BUCKET_POLICY_FLAG } from '../../support/checks';
import { vendedDelivery } from '../../support/vended';

/** The error for a loop through `paths`, in that order, reported on the first. */
function loopError(...paths: string[]): RegExp {
  return new RegExp(lit(
    `[${paths[0]}] logging loop: ${[...paths, paths[0]].join(' -> ')}. `
    + 'Every log object delivered into a bucket of the loop is a request that bucket logs in turn, so the logs grow without end. '
    + `Break the loop: send the logs of ${paths[paths.length - 1]} to a bucket that does not log, e.g. an AccessLogsBucket. `
    + '[cdk-s3-access-logs:loggingLoop]',
  ));
}

/** CfnBuckets named `<id>-bucket`, each logging to the literal name of the next id given in `edges`. */
function cfnBucketsByName(stackOf: (id: string) => Stack, edges: Record<string, string | undefined>): void {
  for (const [id, destination] of Object.entries(edges)) {
    new s3.CfnBucket(stackOf(id), id, {
      bucketName: `${id.toLowerCase()}-bucket`,
      loggingConfiguration: destination ? { destinationBucketName: `${destination.toLowerCase()}-bucket` } : undefined,
    });
  }
}

describe('checkLoggingLoops: compliant', () => {
  test('reports nothing for a chain of CfnBuckets that ends (A -> B -> C)', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    cfnBucketsByName(() => stack, { A: 'B', B: 'C', C: undefined });

    expectNoFinding(app, [], LOGGING_LOOP);
  });

  test('reports nothing for s3.Buckets sharing one destination across stacks', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const logsStack = new Stack(app, 'LogsStack', { env: EU });
    const logs = new s3.Bucket(logsStack, 'Logs');
    const dataStack = new Stack(app, 'DataStack', { env: EU });
    new s3.Bucket(dataStack, 'One', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'one/' });
    new s3.Bucket(dataStack, 'Two', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'two/' });

    expectNoFinding(app, [logsStack, dataStack], LOGGING_LOOP);
  });

  test('reports nothing for an AccessLogsBucket that logs to another AccessLogsBucket', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const logsOfLogs = new AccessLogsBucket(stack, 'LogsOfLogs');
    const logs = new AccessLogsBucket(stack, 'Logs', { serverAccessLogsBucket: logsOfLogs });
    new AccessLoggedBucket(stack, 'Data', { destinationBucket: logs });

    expectNoFinding(app, [], LOGGING_LOOP);
  });
});

describe('checkLoggingLoops: loops within one stack', () => {
  test('throws for a loop of two CfnBuckets by Ref, naming the cycle in order', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const a = new s3.CfnBucket(stack, 'A');
    const b = new s3.CfnBucket(stack, 'B', { loggingConfiguration: { destinationBucketName: a.ref } });
    a.loggingConfiguration = { destinationBucketName: b.ref };

    // THEN
    expect(() => app.synth()).toThrow(loopError('Stack/A', 'Stack/B'));
    expect(errorLines(app, LOGGING_LOOP)).toHaveLength(1);
  });

  test('throws for a loop of three CfnBuckets, following the edges from the bucket defined first', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    // A -> C -> B -> A: the order of definition is not the order of the loop.
    cfnBucketsByName(() => stack, { A: 'C', B: 'A', C: 'B' });

    expect(() => app.synth()).toThrow(loopError('Stack/A', 'Stack/C', 'Stack/B'));
    expect(errorLines(app, LOGGING_LOOP)).toHaveLength(1);
  });

  test('throws for a loop of two s3.Buckets, naming their L2 paths', () => {
    const app = checkedApp({ context: { [USE_BUCKET_POLICY_FLAG]: true } });
    const stack = new Stack(app, 'Stack', { env: EU });
    const a = new s3.Bucket(stack, 'A', {
      bucketName: 'loop-a',
      serverAccessLogsBucket: s3.Bucket.fromBucketName(stack, 'BByName', 'loop-b'),
    });
    new s3.Bucket(stack, 'B', { bucketName: 'loop-b', serverAccessLogsBucket: a });

    expect(() => app.synth()).toThrow(loopError('Stack/A', 'Stack/B'));
  });

  test('throws for an AccessLoggedBucket whose AccessLogsBucket logs back into the source', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    new AccessLoggedBucket(stack, 'Data', {
      bucketProps: { bucketName: 'data-bucket' },
      destinationBucketProps: { serverAccessLogsBucket: s3.Bucket.fromBucketName(stack, 'DataByName', 'data-bucket') },
    });

    expect(() => app.synth()).toThrow(loopError('Stack/Data/Bucket', 'Stack/Data/AccessLogsBucket'));
  });

  test('throws for two AccessLogsBuckets that log into each other', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const one = new AccessLogsBucket(stack, 'One', {
      bucketName: 'logs-one',
      serverAccessLogsBucket: s3.Bucket.fromBucketName(stack, 'TwoByName', 'logs-two'),
    });
    new AccessLogsBucket(stack, 'Two', { bucketName: 'logs-two', serverAccessLogsBucket: one });

    expect(() => app.synth()).toThrow(loopError('Stack/One', 'Stack/Two'));
  });

  test('reports each of two separate loops once, and not the bucket that only leads into one', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    cfnBucketsByName(() => stack, { Tail: 'A', A: 'B', B: 'A', C: 'D', D: 'E', E: 'C' });

    expect(errorLines(app, LOGGING_LOOP)).toEqual([
      expect.stringContaining('[Stack/A] logging loop: Stack/A -> Stack/B -> Stack/A.'),
      expect.stringContaining('[Stack/C] logging loop: Stack/C -> Stack/D -> Stack/E -> Stack/C.'),
    ]);
    expect(errorLines(app, SELF_LOGGING)).toEqual([]);
  });
});

describe('checkLoggingLoops: loops across stacks', () => {
  test('throws for a loop of two across two stacks (by literal bucket names)', () => {
    const app = checkedApp();
    const one = new Stack(app, 'One', { env: EU });
    const two = new Stack(app, 'Two', { env: EU });
    cfnBucketsByName(id => (id === 'A' ? one : two), { A: 'B', B: 'A' });

    expect(() => app.synth()).toThrow(loopError('One/A', 'Two/B'));
  });

  test('throws for a loop of three across two stacks, in the order of the edges', () => {
    const app = checkedApp();
    const one = new Stack(app, 'One');
    const two = new Stack(app, 'Two');
    // One/A -> Two/C -> One/B -> One/A
    cfnBucketsByName(id => (id === 'C' ? two : one), { A: 'C', B: 'A', C: 'B' });

    expect(() => app.synth()).toThrow(loopError('One/A', 'Two/C', 'One/B'));
    expect(errorLines(app, LOGGING_LOOP)).toHaveLength(1);
  });

  test('throws for a loop across Regions as a loop too (besides the Region errors)', () => {
    const app = checkedApp();
    const eu = new Stack(app, 'Eu', { env: EU });
    const us = new Stack(app, 'Us', { env: US });
    cfnBucketsByName(id => (id === 'A' ? eu : us), { A: 'B', B: 'A' });

    expect(() => app.synth()).toThrow(loopError('Eu/A', 'Us/B'));
  });

  test('throws for a loop inside a nested Stage that holds one of our constructs, with the Stage in the paths', () => {
    const app = new App();
    const stage = new Stage(app, 'Stage');
    const stack = new Stack(stage, 'Stack', { env: EU });
    new AccessLoggedBucket(stack, 'Data');
    cfnBucketsByName(() => stack, { A: 'B', B: 'A' });

    expect(() => app.synth()).toThrow(loopError('Stage/Stack/A', 'Stage/Stack/B'));
  });
});

describe('checkLoggingLoops: loops across channels (CloudWatch Logs vended deliveries into buckets)', () => {
  /** The error for a loop through `paths` whose edges are `channels` (one per edge, from each bucket to the next). */
  function crossChannelLoopError(paths: string[], channels: string[], fix: string): RegExp {
    const edges = paths.map((from, i) => `${from} -> ${paths[(i + 1) % paths.length]} by ${channels[i]}`);
    return new RegExp(lit(
      `[${paths[0]}] logging loop: ${[...paths, paths[0]].join(' -> ')}. Edges: ${edges.join('; ')}. `
      + 'Every log object delivered into a bucket of the loop is a request that bucket logs in turn, so the logs grow without end. '
      + `Break the loop: ${fix} [cdk-s3-access-logs:loggingLoop]`,
    ));
  }

  test('throws for a bucket whose vended logs go into itself', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const bucket = new s3.CfnBucket(stack, 'A');
    vendedDelivery(stack, 'Self', bucket.attrArn, bucket.attrArn);

    // THEN
    expect(() => app.synth()).toThrow(crossChannelLoopError(['Stack/A'], ['the CloudWatch Logs vended delivery Stack/SelfDelivery'],
      'deliver the vended logs of Stack/A (Stack/SelfDelivery) to a bucket that does not log, or to a log group.'));
    expect(errorLines(app, LOGGING_LOOP)).toHaveLength(1);
  });

  test('throws for A whose vended logs go into B, whose server access logs go to A, once', () => {
    // GIVEN
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const a = new s3.CfnBucket(stack, 'A', { bucketName: 'vended-loop-a' });
    const b = new s3.CfnBucket(stack, 'B', { loggingConfiguration: { destinationBucketName: 'vended-loop-a' } });
    vendedDelivery(stack, 'AToB', a.attrArn, b.attrArn);

    // THEN
    expect(() => app.synth()).toThrow(crossChannelLoopError(['Stack/A', 'Stack/B'],
      ['the CloudWatch Logs vended delivery Stack/AToBDelivery', 'server access logging'],
      'send the logs of Stack/B to a bucket that does not log, e.g. an AccessLogsBucket.'));
    expect(errorLines(app, LOGGING_LOOP)).toHaveLength(1);
  });

  test('throws for a loop across stacks, the vended destination named by its literal ARN', () => {
    const app = checkedApp();
    const one = new Stack(app, 'One', { env: EU });
    const two = new Stack(app, 'Two', { env: EU });
    const a = new s3.CfnBucket(one, 'A', { bucketName: 'vended-loop-a', loggingConfiguration: { destinationBucketName: 'vended-loop-b' } });
    new s3.CfnBucket(two, 'B', { bucketName: 'vended-loop-b' });
    // B's vended logs into A: A logs to B, B delivers to A.
    vendedDelivery(two, 'BToA', 'arn:aws:s3:::vended-loop-b', 'arn:aws:s3:::vended-loop-a');
    void a;

    expect(() => app.synth()).toThrow(crossChannelLoopError(['One/A', 'Two/B'],
      ['server access logging', 'the CloudWatch Logs vended delivery Two/BToADelivery'],
      'deliver the vended logs of Two/B (Two/BToADelivery) to a bucket that does not log, or to a log group.'));
  });

  test('reports nothing for vended logs into a bucket that does not log, or into a log group', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const a = new s3.CfnBucket(stack, 'A');
    const sink = new s3.CfnBucket(stack, 'Sink');
    vendedDelivery(stack, 'ToSink', a.attrArn, sink.attrArn);
    const logGroup = new cwl.LogGroup(stack, 'Logs');
    const second = new cwl.CfnDeliveryDestination(stack, 'ToGroup', { name: 'to-group', destinationResourceArn: logGroup.logGroupArn });
    new cwl.CfnDelivery(stack, 'ToGroupDelivery', {
      deliverySourceName: (stack.node.findChild('ToSinkSource') as cwl.CfnDeliverySource).ref,
      deliveryDestinationArn: second.attrArn,
    });

    expectNoFinding(app, [stack], LOGGING_LOOP);
  });
});
