import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeWithTools, findOnPath } from '../support/external-tools';
import { REPRESENTATIVE_APPS, synthesizeRepresentativeApp } from '../support/representative-apps';

/**
 * Every template of the representative apps (`representative-apps.ts`: the examples, each
 * construct, each key format, cross-stack, ...) passes cfn-lint with no error and no warning.
 *
 * One cfn-lint run checks them all, together with a control template that has a known mistake in its
 * logging configuration: cfn-lint must report the control, and nothing else. That proves the run
 * really linted (a run that checks nothing would pass too), and that cfn-lint knows the
 * `LoggingConfiguration` schema.
 *
 * Skipped, and saying so, where cfn-lint is not on PATH, except under CI, where that fails.
 */

/** cfn-lint loads its resource specs on every start: ~5-20 s for the whole set on a busy machine. */
const CFN_LINT_TIMEOUT_MS = 180_000;

/** Both Regions the representative apps deploy to (env-agnostic stacks default to us-east-1). */
const REGIONS = ['us-east-1', 'eu-west-1'];

/** A logging configuration S3 and CloudFormation refuse: an unknown `PartitionDateSource`. */
const CONTROL_TEMPLATE = {
  Resources: {
    Logs: { Type: 'AWS::S3::Bucket' },
    Source: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        LoggingConfiguration: {
          DestinationBucketName: { Ref: 'Logs' },
          TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'UploadTime' } },
        },
      },
    },
  },
};

const cfnLint = findOnPath('cfn-lint');

describeWithTools('cfn-lint', { 'cfn-lint': cfnLint }, 'Install it: pip install cfn-lint', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
  });
  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('reports nothing on any representative template, and the control\'s mistake', () => {
    // GIVEN every representative app synthesized into a directory of its own, and the control
    const templates = REPRESENTATIVE_APPS
      .flatMap(representative => synthesizeRepresentativeApp(representative, path.join(outdir, representative.name)).stacks)
      .map(stack => stack.templateFullPath);
    expect(templates.length).toBeGreaterThanOrEqual(REPRESENTATIVE_APPS.length);
    const control = path.join(outdir, 'control.template.json');
    fs.writeFileSync(control, JSON.stringify(CONTROL_TEMPLATE, undefined, 2));

    // WHEN one cfn-lint run checks them all
    const result = spawnSync(cfnLint!, ['--format', 'parseable', '--regions', ...REGIONS, '--', ...templates, control], {
      encoding: 'utf8',
      timeout: CFN_LINT_TIMEOUT_MS - 10_000,
    });
    if (result.error) {
      throw result.error;
    }

    // THEN it reports errors (exit bit 2) in the control only, among them the bad date source
    const findings = `${result.stdout}${result.stderr}`.split('\n').filter(line => line.trim() !== '');
    const outsideControl = findings.filter(line => !line.startsWith(`${control}:`));
    expect({ status: result.status, outsideControl }).toEqual({ status: 2, outsideControl: [] });
    expect(findings).toContainEqual(expect.stringMatching(/:E3030:'UploadTime' is not one of/));
  }, CFN_LINT_TIMEOUT_MS);
});
