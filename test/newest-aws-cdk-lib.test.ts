import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AccessLogs } from '../src';
import { synthErrors } from './support/checks';
import { REPRESENTATIVE_APPS } from './support/representative-apps';

/**
 * What only aws-cdk-lib releases newer than our floor (2.172.0) have. On the floor (`npm test`) these
 * tests are skipped, and their names say why; `scripts/ci/newest-aws-cdk-lib.sh` runs them against
 * the newest aws-cdk-lib 2.x, in a jest run of their own with the built-in validation on.
 */

const AWS_CDK_LIB_VERSION: string = JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version;

/** Feature flags and context keys of newer releases; undefined where this aws-cdk-lib lacks them. */
const newer = cxapi as unknown as Record<string, string | undefined>;
const VALIDATE_AGAINST_DEFAULT_RULES = newer.VALIDATE_AGAINST_DEFAULT_RULES;
const DEFAULT_CROSS_STACK_REFERENCES = newer.DEFAULT_CROSS_STACK_REFERENCES;

/**
 * aws-cdk-lib 2.262 and later validate every template at synth (the "CloudFormation Validate"
 * plugin, rules like cfn-lint's) and report as warnings; `@aws-cdk/core:validateAgainstDefaultRules`
 * makes its errors fail the synth. Users on such a release run it on every synth of their app, so our
 * output must pass it: another validator we did not write.
 */
if (VALIDATE_AGAINST_DEFAULT_RULES) {
  describe('aws-cdk-lib\'s built-in template validation', () => {
    let outdir: string;
    beforeAll(() => {
      if (process.env.CDK_VALIDATION === 'false') {
        throw new Error('CDK_VALIDATION=false turns off the validation these tests are about; run them without it.');
      }
      outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-validation-'));
    });
    afterAll(() => {
      fs.rmSync(outdir, { recursive: true, force: true });
    });

    /** Synthesize with the validation's errors failing the synth; the violations in its report. */
    function violations(build: (app: App) => void, name: string, context: Record<string, unknown> = {}): unknown[] {
      const app = new App({ outdir: path.join(outdir, name), context: { ...context, [VALIDATE_AGAINST_DEFAULT_RULES!]: true } });
      build(app);
      const reportFile = path.join(outdir, name, 'validation-report.json');
      try {
        app.synth();
      } catch (e) {
        // A failed validation throws after writing its report; anything else is a failure of its own.
        if (!fs.existsSync(reportFile)) {
          throw e;
        }
      }
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
      return report.pluginReports.flatMap((plugin: any) => plugin.violations.map((v: any) => `${plugin.pluginName} ${v.ruleName} ${v.severity}: ${v.description}`));
    }

    test('control: reports a bucket ACL without ownership controls', () => {
      expect(violations(app => new s3.CfnBucket(new Stack(app, 'Control'), 'Acl', { accessControl: 'LogDeliveryWrite' }), 'control'))
        .toContainEqual(expect.stringMatching(/^CloudFormation Validate E3045 error: /));
    });

    test.each(REPRESENTATIVE_APPS.map(r => [r.name, r] as const))('reports nothing in representative app %s', (name, representative) => {
      expect(violations(representative.build, name, representative.context)).toEqual([]);
    });
  });
} else {
  describe(`aws-cdk-lib's built-in template validation (skipped: aws-cdk-lib ${AWS_CDK_LIB_VERSION} has none; it came in 2.262)`, () => {
    test.skip('reports nothing in any representative app', () => undefined);
  });
}

/**
 * Cross-stack reference strength (`@aws-cdk/core:defaultCrossStackReferences`): a weak reference is
 * `Fn::GetStackOutput` where a strong one is `Fn::ImportValue` of an export.
 */
describe('cross-stack references', () => {
  /** A destination with Object Lock in one stack, and a plain bucket in another that logs into it. */
  function objectLockedDestinationAcrossStacks(context: Record<string, unknown>): string {
    const app = new App({ context });
    AccessLogs.of(app).check();
    const locked = new s3.Bucket(new Stack(app, 'Logs'), 'Locked', { objectLockEnabled: true });
    new s3.Bucket(new Stack(app, 'Application'), 'Source', { serverAccessLogsBucket: locked });
    return synthErrors(app);
  }

  test('strong (the default): the checks follow the destination into its stack', () => {
    expect(objectLockedDestinationAcrossStacks({})).toContain('[cdk-s3-access-logs:destinationObjectLock]');
  });

  if (DEFAULT_CROSS_STACK_REFERENCES) {
    // The model keeps every reference as the element it points at (src/checks/reference-resolver.ts),
    // so a weak reference is followed like any other: an error about the destination is not lost.
    test('weak: the checks follow the destination through Fn::GetStackOutput', () => {
      expect(objectLockedDestinationAcrossStacks({ [DEFAULT_CROSS_STACK_REFERENCES]: 'weak' }))
        .toContain('[cdk-s3-access-logs:destinationObjectLock]');
    });
  } else {
    test.skip(`weak: the checks follow the destination through Fn::GetStackOutput (skipped: aws-cdk-lib ${AWS_CDK_LIB_VERSION} has no weak references)`,
      () => undefined);
  }
});
