import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SHARED_SIMPLE_PREFIX } from '../../src/checks/rules/shared-simple-prefix';
import { checkedApp, EU, LOG_DELIVERY_ACL } from '../support/checks';

/**
 * aws-cdk-lib 2.252 added `Validations`, through which annotations become validation rules that can
 * be acknowledged with `Validations.of(scope).acknowledge({ id, reason })`. The checks report warnings
 * with `Annotations.addWarningV2`, which both ways of acknowledging reach there (`Validations.addWarning`
 * would prefix the id, and an `Annotations.acknowledgeWarning` of the README's id would no longer
 * match), and which `@aws-cdk/core:annotationsInValidationReport` puts into the synth's validation
report. This suite runs on the floor (no `Validations`) and on the newest aws-cdk-lib (`.ci/run`).
 */

const validations = (cdk as unknown as { Validations?: { of(scope: cdk.Stack): { acknowledge(...rules: { id: string; reason: string }[]): void } } })
  .Validations;

/** aws-cdk-lib's feature flag (2.252+) that puts annotations into the synth's validation report. */
const ANNOTATIONS_IN_VALIDATION_REPORT = '@aws-cdk/core:annotationsInValidationReport';

/** A stack with one sharedSimplePrefix warning on each of its two sources. */
function sharedPrefixStack(props: cdk.AppProps = {}): cdk.Stack {
  const app = checkedApp(props);
  const stack = new cdk.Stack(app, 'Stack', { env: EU });
  const logs = new s3.CfnBucket(stack, 'Logs', { ...LOG_DELIVERY_ACL });
  for (const id of ['A', 'B']) {
    new s3.CfnBucket(stack, id, { loggingConfiguration: { destinationBucketName: logs.ref } });
  }
  return stack;
}

function sharedPrefixWarnings(stack: cdk.Stack) {
  return AssertAnnotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(SHARED_SIMPLE_PREFIX));
}

describe('acknowledging a warning of the checks', () => {
  test('with Annotations.acknowledgeWarning, on every aws-cdk-lib', () => {
    const stack = sharedPrefixStack();
    cdk.Annotations.of(stack).acknowledgeWarning(SHARED_SIMPLE_PREFIX, 'one team reads these logs');
    expect(sharedPrefixWarnings(stack)).toEqual([]);
  });

  if (validations) {
    test('with Validations.acknowledge, where aws-cdk-lib has Validations (2.252 and later)', () => {
      const stack = sharedPrefixStack();
      validations.of(stack).acknowledge({ id: SHARED_SIMPLE_PREFIX, reason: 'one team reads these logs' });
      expect(sharedPrefixWarnings(stack)).toEqual([]);
    });

    test(`the warnings are in the synth's validation report with ${ANNOTATIONS_IN_VALIDATION_REPORT} on, under their ids`, () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'validation-report-'));
      try {
        const stack = sharedPrefixStack({ outdir, context: { [ANNOTATIONS_IN_VALIDATION_REPORT]: true } });
        cdk.App.of(stack)!.synth();
        const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
        const violations = report.pluginReports.flatMap((plugin: { violations: unknown[] }) => plugin.violations);
        expect(violations).toContainEqual(expect.objectContaining({
          ruleName: `Annotation::${SHARED_SIMPLE_PREFIX}`,
          severity: 'warning',
          violatingConstructs: [expect.objectContaining({ constructPath: 'Stack/A' })],
        }));
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });
  } else {
    test('aws-cdk-lib before 2.252 has no Validations: the warning is an annotation with its id', () => {
      const warnings = sharedPrefixWarnings(sharedPrefixStack());
      expect(warnings.map(w => w.entry.data)).toEqual([
        expect.stringMatching(/\[ack: cdk-s3-access-logs:sharedSimplePrefix\]$/),
        expect.stringMatching(/\[ack: cdk-s3-access-logs:sharedSimplePrefix\]$/),
      ]);
    });
  }
});
