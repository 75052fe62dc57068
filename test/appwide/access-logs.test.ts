import { App, Annotations as CoreAnnotations, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogs } from '../../src';
import { LOGGING_LOOP } from '../../src/checks/rules/logging-loop';
import { SHARED_SIMPLE_PREFIX } from '../../src/checks/rules/shared-simple-prefix';
import { EU, LOG_DELIVERY_ACL, synthErrors } from '../support/checks';

/** Two CfnBuckets that log into each other by literal name: a loop no construct of ours is part of. */
function cfnLoop(stack: Stack): void {
  new s3.CfnBucket(stack, 'A', { bucketName: 'loop-a', ...LOG_DELIVERY_ACL, loggingConfiguration: { destinationBucketName: 'loop-b' } });
  new s3.CfnBucket(stack, 'B', { bucketName: 'loop-b', ...LOG_DELIVERY_ACL, loggingConfiguration: { destinationBucketName: 'loop-a' } });
}

/** Two s3.Buckets that share a destination and the simple key format: warnings, no error. */
function sharedPrefix(stack: Stack): void {
  const logs = new s3.Bucket(stack, 'Logs');
  new s3.Bucket(stack, 'One', { serverAccessLogsBucket: logs });
  new s3.Bucket(stack, 'Two', { serverAccessLogsBucket: logs });
}

function warningCount(stack: Stack, path: string, id: string): number {
  return Annotations.fromStack(stack).findWarning(path, Match.stringLikeRegexp(`\\[ack: ${id}\\]$`)).length;
}

describe('AccessLogs.of(scope).check()', () => {
  test('turns the checks on for an app with only plain s3.Bucket and CfnBucket, failing synth with paths and ids', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    new s3.Bucket(stack, 'Plain');
    cfnLoop(stack);

    // WHEN
    AccessLogs.of(app).check();

    // THEN
    expect(() => app.synth()).toThrow(
      /^Validation failed with the following errors:\n {2}\[Stack\/A\] logging loop: Stack\/A -> Stack\/B -> Stack\/A\. .* \[cdk-s3-access-logs:loggingLoop\]$/,
    );
  });

  test('without it, an app of plain buckets with a loop synthesizes, and nothing is reported', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    cfnLoop(stack);
    sharedPrefix(stack);

    expect(() => app.synth()).not.toThrow();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cdk-s3-access-logs:'))).toEqual([]);
  });

  test('checks the whole app when called on a stack of it', () => {
    const app = new App();
    const checkedStack = new Stack(app, 'Checked');
    new s3.Bucket(checkedStack, 'Plain');
    cfnLoop(new Stack(app, 'Other'));

    AccessLogs.of(checkedStack).check();

    expect(() => app.synth()).toThrow(/\[Other\/A\] logging loop: Other\/A -> Other\/B -> Other\/A\./);
  });

  test('reports each error once when called twice (and on two scopes of one app)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    cfnLoop(stack);

    AccessLogs.of(app).check();
    AccessLogs.of(app).check();
    AccessLogs.of(stack).check();

    const errors = synthErrors(app);
    expect(errors.match(/\[cdk-s3-access-logs:loggingLoop\]/g)).toHaveLength(1);
    // A second synthesis reports the same errors, once each.
    expect(synthErrors(app)).toEqual(errors);
  });

  test('does not duplicate warnings when the app is synthesized more than once', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    sharedPrefix(stack);
    AccessLogs.of(app).check();

    // WHEN: Template.fromStack synthesizes; Annotations.fromStack synthesizes again (forced), twice.
    Template.fromStack(stack);
    Template.fromStack(stack);
    expect(warningCount(stack, '/Stack/One', SHARED_SIMPLE_PREFIX)).toBe(1);
    app.synth({ force: true });

    // THEN
    expect(warningCount(stack, '/Stack/One', SHARED_SIMPLE_PREFIX)).toBe(1);
    expect(warningCount(stack, '/Stack/Two', SHARED_SIMPLE_PREFIX)).toBe(1);
    const one = stack.node.findChild('One');
    expect(one.node.metadata.filter(entry => String(entry.data).includes(SHARED_SIMPLE_PREFIX))).toHaveLength(1);
  });

  test('lets the warnings of a stack be acknowledged by id', () => {
    const app = new App();
    const acknowledged = new Stack(app, 'Acknowledged', { env: EU });
    sharedPrefix(acknowledged);
    const other = new Stack(app, 'Other', { env: EU });
    sharedPrefix(other);
    AccessLogs.of(app).check();

    // The warnings are added at synth, so they are acknowledged ahead. (aws-cdk-lib 2.172 looks an
    // acknowledgement up on the ancestors of the warned construct only, so it is given on the stack.)
    CoreAnnotations.of(acknowledged).acknowledgeWarning(SHARED_SIMPLE_PREFIX, 'these buckets are tested together');

    expect(warningCount(acknowledged, '*', SHARED_SIMPLE_PREFIX)).toBe(0);
    expect(warningCount(other, '*', SHARED_SIMPLE_PREFIX)).toBe(2);
  });

  test('checks a nested Stage when called on a stack inside it', () => {
    const app = new App();
    const stage = new Stage(app, 'Stage');
    const stack = new Stack(stage, 'Stack');
    cfnLoop(stack);

    AccessLogs.of(stack).check();

    expect(() => app.synth()).toThrow(/\[Stage\/Stack\/A\] logging loop: Stage\/Stack\/A -> Stage\/Stack\/B -> Stage\/Stack\/A\./);
  });

  test('AccessLogs.of(stage).check() on a nested Stage checks that Stage: a loop in it fails synth', () => {
    const app = new App();
    const stage = new Stage(app, 'Stage');
    cfnLoop(new Stack(stage, 'Stack'));

    AccessLogs.of(stage).check();

    expect(synthErrors(app)).toContain(LOGGING_LOOP);
  });

  test('AccessLogs.of(app).check() checks the nested Stages that exist when it is called: a loop in one fails synth', () => {
    const app = new App();
    cfnLoop(new Stack(new Stage(app, 'Stage'), 'Stack'));

    AccessLogs.of(app).check();

    expect(synthErrors(app)).toContain(LOGGING_LOOP);
  });
});
