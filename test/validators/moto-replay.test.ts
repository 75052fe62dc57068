import { App, Aws, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudFormationStackArtifact, UNKNOWN_ACCOUNT, UNKNOWN_REGION } from 'aws-cdk-lib/cx-api';
import { AccessLogs, AccessLogsBucket } from '../../src';
import { synthErrors } from '../support/checks';
import { describeWithTools, findOnPath, findPython } from '../support/external-tools';
import { MotoServer, DeploymentResult } from '../support/moto/moto-server';
import { Deployment, DeployTarget, planDeployment, PutBucketLoggingStep, StackInput } from '../support/moto/resolve';
import { REPRESENTATIVE_APPS, stacksOf, synthesizeRepresentativeApp } from '../support/representative-apps';

/**
 * A deploy replay against moto's S3 API: what CloudFormation would do with the S3 parts of our
 * templates (create each bucket in its stack's Region, put each bucket policy, put each logging
 * configuration and read it back), done on a `moto_server` of our own. See `replay/resolve.ts` for
 * the plan and `replay/replay.py` for its execution.
 *
 * 1. Every representative app (`representative-apps.ts`) deploys: every call is accepted, and each
 *    logging configuration reads back as configured.
 * 2. Grounding: for each case our checks reject that moto also checks (cross-Region, no permission
 *    for the prefix), the same app, synthesized without our checks (`synth({ skipValidation: true })`,
 *    which skips the validations the checks run in), is refused by moto too; a control that differs in
 *    that one respect is accepted by both.
 * 3. Gaps: where moto's check is shallower than S3, or than our checks, a case pins what moto does,
 *    so that moto is trusted for exactly what it checks.
 *
 * What moto 5 checks in PutBucketLogging: the target bucket exists; a statement of its policy has
 * Effect Allow, `Principal.Service` exactly "logging.s3.amazonaws.com" (a string, not a list),
 * an Action containing s3:PutObject, and `Resource` a single string equal to
 * `arn:aws:s3:::<bucket>/<prefix>*`, `arn:aws:s3:::<bucket>/*` or `arn:aws:s3:::<bucket>` (or the
 * log-delivery group has WRITE and READ_ACP by ACL); then that the Regions match. It ignores
 * conditions and Deny statements, and assumes one account. GetBucketLogging returns TargetBucket and
 * TargetPrefix, not TargetObjectKeyFormat (which PutBucketLogging accepts).
 *
 * Our policy shape agrees with that parser today: one Allow statement per destination and prefix,
 * `Principal: { Service: "logging.s3.amazonaws.com" }`, `Action: "s3:PutObject"`, and a single
 * `Resource` `<destination ARN>/<prefix>*`. Its conditions (`aws:SourceAccount`, `aws:SourceArn`) are
 * not checked by moto at all; cfn-lint checks their shape and our own tests their values. Do not change
 * the policy to suit moto: where moto's parser is narrower than S3 (a Resource list, a wider wildcard),
 * the gap cases below show it.
 */

/** Where environment-agnostic stacks deploy: moto's default account, and S3's first Region. */
const TARGET: DeployTarget = { region: 'us-east-1', account: '123456789012' };

const ERROR = {
  regionMismatch: 'cdk-s3-access-logs:regionMismatch',
  noDeliveryPermission: 'cdk-s3-access-logs:noDeliveryPermission',
  denyBlocksDelivery: 'cdk-s3-access-logs:denyBlocksDelivery',
};

/** moto's error codes. */
const MOTO = {
  crossRegion: 'CrossLocationLoggingProhibited',
  noPermission: 'InvalidTargetBucketForLogging',
};

/** An app our checks and moto both judge: its last logging configuration decides moto's verdict. */
interface JudgedCase {
  readonly name: string;
  readonly build: (app: App) => void;
  /** The error id our checks fail synthesis with; undefined when they accept the app. */
  readonly ourCheck: string | undefined;
  /** moto's answer to the logging configuration: 'accepted', or its error code. */
  readonly moto: string;
}

const LOGGING_SERVICE = 'logging.s3.amazonaws.com';
const EU = { account: '111111111111', region: 'eu-west-1' };
const US = { account: '111111111111', region: 'us-east-1' };

/**
 * Our constructs, in two Regions: an `AccessLogsBucket` with a literal name (so another Region can
 * name it) and a plain `s3.Bucket` that logs into it. `AccessLoggedBucket` would throw at once for
 * this; `s3.Bucket` does not, and our checks find it at synth.
 */
function logsAcrossRegions(sourceEnv: typeof EU): (app: App) => void {
  return app => {
    AccessLogs.of(app).check();
    const logs = new AccessLogsBucket(new Stack(app, 'EuLogs', { env: EU }), 'AccessLogs', { bucketName: 'grounding-eu-access-logs' });
    new s3.Bucket(new Stack(app, 'Source', { env: sourceEnv }), 'Source', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'source/' });
  };
}

/**
 * Hand-built L1 resources (not our constructs, which always grant the prefix): a destination whose
 * policy has `statements`, and a source that logs into it under `prefix`.
 */
function handBuilt(prefix: string, statements: (logsArn: string) => Record<string, unknown>[]): (app: App) => void {
  return app => {
    AccessLogs.of(app).check();
    const stack = new Stack(app, 'HandBuilt');
    const logs = new s3.CfnBucket(stack, 'Logs');
    const policy = statements(logs.attrArn);
    if (policy.length > 0) {
      new s3.CfnBucketPolicy(stack, 'LogsPolicy', { bucket: logs.ref, policyDocument: { Version: '2012-10-17', Statement: policy } });
    }
    new s3.CfnBucket(stack, 'Source', { loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: prefix } });
  };
}

/** An Allow for the logging service, as AWS documents it, with `resource` and `more` merged in. */
function grant(resource: unknown, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Effect: 'Allow',
    Principal: { Service: LOGGING_SERVICE },
    Action: 's3:PutObject',
    Resource: resource,
    Condition: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    ...more,
  };
}

const GROUNDING: readonly JudgedCase[] = [
  { name: 'destination in another Region', build: logsAcrossRegions(US), ourCheck: ERROR.regionMismatch, moto: MOTO.crossRegion },
  { name: 'control: destination in the same Region', build: logsAcrossRegions(EU), ourCheck: undefined, moto: 'accepted' },
  { name: 'policy grants another prefix', build: handBuilt('other/', arn => [grant(`${arn}/granted/*`)]), ourCheck: ERROR.noDeliveryPermission, moto: MOTO.noPermission },
  { name: 'no policy at all', build: handBuilt('granted/', () => []), ourCheck: ERROR.noDeliveryPermission, moto: MOTO.noPermission },
  { name: 'control: policy grants the prefix', build: handBuilt('granted/', arn => [grant(`${arn}/granted/*`)]), ourCheck: undefined, moto: 'accepted' },
];

const GAPS: readonly JudgedCase[] = [
  // S3 matches Resource as an IAM pattern, and a list of patterns; moto compares one string exactly.
  { name: 'grant with a Resource list (moto: no grant)', build: handBuilt('granted/', arn => [grant([`${arn}/granted/*`])]), ourCheck: undefined, moto: MOTO.noPermission },
  { name: 'grant with a wider wildcard (moto: no grant)', build: handBuilt('granted/app/', arn => [grant(`${arn}/granted/*`)]), ourCheck: undefined, moto: MOTO.noPermission },
  // moto reads no Deny: a Deny that catches the logging service drops every log, which only our checks see.
  {
    name: 'Deny that catches the logging service (moto: accepted)',
    build: handBuilt('granted/', arn => [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject', Resource: `${arn}/*` }, grant(`${arn}/granted/*`)]),
    ourCheck: ERROR.denyBlocksDelivery,
    moto: 'accepted',
  },
  // moto reads no condition; our checks assume an Allow's conditions are met (policy-evaluation.ts):
  // a grant whose aws:SourceAccount is another account delivers nothing, and neither notices.
  {
    name: 'grant limited to another account (moto and our checks: accepted)',
    build: handBuilt('granted/', arn => [grant(`${arn}/granted/*`, { Condition: { StringEquals: { 'aws:SourceAccount': '999999999999' } } })]),
    ourCheck: undefined,
    moto: 'accepted',
  },
];

const motoServer = findOnPath('moto_server');
const python = findPython(['boto3']);

describeWithTools('deploy replay against moto\'s S3 API', { 'moto_server': motoServer, 'python3 with boto3': python },
  'Install them: pip install "moto[server]" boto3', () => {
    const plans: Deployment[] = [];
    const results = new Map<string, DeploymentResult>();
    let moto: MotoServer | undefined;

    beforeAll(async () => {
      // GIVEN every app, synthesized (the judged cases without our checks), as one plan of S3 calls
      for (const representative of REPRESENTATIVE_APPS) {
        plans.push(planDeployment(representative.name, stackInputsOf(synthesizeRepresentativeApp(representative).stacks), TARGET));
      }
      for (const judged of [...GROUNDING, ...GAPS]) {
        const app = new App();
        judged.build(app);
        plans.push(planDeployment(judged.name, stackInputsOf(stacksOf(app.synth({ skipValidation: true }))), TARGET));
      }

      // WHEN one python3 process replays them on our own moto_server, each app from an empty S3
      moto = await MotoServer.start(motoServer!);
      for (const result of moto.replay(python!, plans)) {
        results.set(result.name, result);
      }
    }, 120_000);

    afterAll(async () => {
      await moto?.stop();
    });

    test('stops its moto_server by process id', async () => {
      expect(moto).toBeDefined();
      const pid = moto!.pid;
      expect(processExists(pid)).toBe(true);
      await moto!.stop();
      expect(processExists(pid)).toBe(false);
    });

    describe.each(REPRESENTATIVE_APPS.map(representative => representative.name))('representative app %s', name => {
      test('every call is accepted, and each logging configuration reads back as configured', () => {
        const plan = plans.find(p => p.name === name)!;
        const outcomes = results.get(name)!.results;
        expect(outcomes).toHaveLength(plan.steps.length);

        // THEN nothing was refused
        const refused = plan.steps.flatMap((step, i) => outcomes[i].ok ? [] : [{ step, outcome: outcomes[i] }]);
        expect(refused).toEqual([]);

        // AND each source logs where its template says
        const logging = plan.steps.flatMap((step, i) => step.op === 'putBucketLogging' ? [{ step, outcome: outcomes[i] }] : []);
        expect(logging.length).toBeGreaterThan(0);
        expect(logging.map(({ step, outcome }) => ({ bucket: step.bucket, readBack: outcome.ok ? outcome.readBack : outcome })))
          .toEqual(logging.map(({ step }) => ({ bucket: step.bucket, readBack: asConfigured(step) })));
      });
    });

    describe.each([['grounding', GROUNDING], ['gap', GAPS]] as const)('%s', (_kind, cases) => {
      test.each(cases.map(judged => [judged.name, judged] as const))('%s', (name, judged) => {
        // GIVEN the app with our checks on
        const app = new App();
        judged.build(app);
        const ours = synthErrors(app);

        // THEN our checks, and moto on the same app without them, give the verdicts the case states
        const outcomes = results.get(name)!.results;
        const steps = plans.find(p => p.name === name)!.steps;
        // Each case has one logging configuration, the last call; everything before it was accepted,
        // so the verdict is about logging only.
        expect(steps.filter(step => step.op === 'putBucketLogging')).toEqual([steps[steps.length - 1]]);
        expect(outcomes.slice(0, -1).filter(o => !o.ok)).toEqual([]);
        const step = steps[steps.length - 1] as PutBucketLoggingStep;
        const outcome = outcomes[outcomes.length - 1];
        expect({
          ourCheck: ids(ours).join(', ') || undefined,
          moto: outcome.ok ? 'accepted' : outcome.code,
        }).toEqual({ ourCheck: judged.ourCheck, moto: judged.moto });
        if (outcome.ok) {
          expect(outcome.readBack).toEqual(asConfigured(step));
        }
      });
    });
  });

/** The replay's view of synthesized stacks: names, concrete environment, dependencies, template. */
function stackInputsOf(stacks: CloudFormationStackArtifact[]): StackInput[] {
  return stacks.map(stack => ({
    stackName: stack.stackName,
    region: stack.environment.region === UNKNOWN_REGION ? undefined : stack.environment.region,
    account: stack.environment.account === UNKNOWN_ACCOUNT ? undefined : stack.environment.account,
    dependencies: stack.dependencies.filter((d): d is CloudFormationStackArtifact => d instanceof CloudFormationStackArtifact).map(d => d.stackName),
    template: stack.template,
  }));
}

/**
 * What GetBucketLogging should read back after `step`. moto 5 leaves out TargetObjectKeyFormat
 * (it accepts it in PutBucketLogging): should it ever return it, the exact comparisons above fail,
 * and this should add it.
 */
function asConfigured(step: PutBucketLoggingStep): Record<string, unknown> {
  return { TargetBucket: step.targetBucket, TargetPrefix: step.targetPrefix };
}

/** The distinct check ids in a synthesis error message, in order. */
function ids(message: string): string[] {
  return [...new Set([...message.matchAll(/\[(cdk-s3-access-logs:[A-Za-z]+)\]/g)].map(m => m[1]))];
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
