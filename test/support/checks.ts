import { App, AppProps, Environment, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogs } from '../../src';
import { buildLoggingModel } from '../../src/checks/build-model';
import { LoggingModel } from '../../src/checks/model';

/**
 * Helpers shared by the tests of the synth-time checks (`src/checks/`). Not a test file itself.
 */

/** The account every concrete environment of these tests uses, unless a test is about accounts. */
export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';
export const EU: Environment = { account: ACCOUNT, region: 'eu-west-1' };
export const US: Environment = { account: ACCOUNT, region: 'us-east-1' };
export const EU_OTHER_ACCOUNT: Environment = { account: OTHER_ACCOUNT, region: 'eu-west-1' };

/** The aws-cdk-lib feature flag that makes `s3.Bucket` grant log delivery by bucket policy instead of ACL. */
export const USE_BUCKET_POLICY_FLAG = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

export const LOGGING_SERVICE = 'logging.s3.amazonaws.com';

/**
 * The legacy grant of log delivery on a `CfnBucket`: the `LogDeliveryWrite` canned ACL, with the
 * Object Ownership that keeps ACLs enabled (without it a new bucket is `BucketOwnerEnforced`, and S3
 * refuses the ACL).
 */
export const LOG_DELIVERY_ACL = { accessControl: 'LogDeliveryWrite', ownershipControls: { rules: [{ objectOwnership: 'ObjectWriter' }] } };

/** An App whose synthesis runs the checks (as `AccessLogs.of(app).check()` does for plain buckets). */
export function checkedApp(props: AppProps = {}): App {
  const app = new App(props);
  AccessLogs.of(app).check();
  return app;
}

/** A regular expression that matches `text` literally. */
export function lit(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The message synthesis fails with, or `''` when it succeeds. Only validation failures are caught:
 * anything else (a construction or aws-cdk-lib error) fails the test.
 */
export function synthErrors(app: Stage): string {
  try {
    app.synth({ force: true });
    return '';
  } catch (e) {
    const message = (e as Error).message;
    if (!message.startsWith('Validation failed with the following errors:')) {
      throw e;
    }
    return message;
  }
}

/** The error lines of a failed synthesis that carry a given check id. */
export function errorLines(app: Stage, id: string): string[] {
  return synthErrors(app).split('\n').filter(line => line.endsWith(`[${id}]`));
}

/** The warnings with a given id, anywhere in the stack. The app must synthesize. */
export function warningsWithId(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp(`\\[ack: ${lit(id)}\\]$`))
    .map(message => String(message.entry.data));
}

/** Neither an error nor (in any of `stacks`) a warning with this id. */
export function expectNoFinding(app: Stage, stacks: Stack[], id: string): void {
  expect(synthErrors(app)).not.toContain(`[${id}]`);
  for (const stack of stacks) {
    expect(warningsWithId(stack, id)).toEqual([]);
  }
}

/** Let the S3 logging service write anywhere in `bucket`, the way a hand-written policy would. */
export function grantLoggingService(bucket: s3.IBucket, objects: string = '*'): void {
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.ALLOW,
    principals: [new iam.ServicePrincipal(LOGGING_SERVICE)],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects(objects)],
  }));
}

/**
 * The logging model of `stage` as the checks see it: built during validation, after aws-cdk-lib has
 * turned cross-stack references into imports. Synthesizes the stage.
 */
export function modelAtValidation(stage: Stage): LoggingModel {
  let model: LoggingModel | undefined;
  stage.node.addValidation({
    validate: () => {
      model = buildLoggingModel(stage);
      return [];
    },
  });
  synthErrors(stage);
  if (!model) {
    throw new Error('the validation did not run');
  }
  return model;
}
