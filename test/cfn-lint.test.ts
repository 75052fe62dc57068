import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildExampleApps } from './example-apps';

/**
 * Every example template passes cfn-lint with no error and no warning.
 *
 * cfn-lint's exit code is a bit mask (2 error, 4 warning, 8 informational), so anything it reports
 * shows as a non-zero status. Where cfn-lint is not on PATH the test is skipped, and says so, except
 * under CI, where a missing linter fails.
 */

/** cfn-lint loads its resource specs on every start: ~10-20 s for the whole set. */
const CFN_LINT_TIMEOUT_MS = 180_000;

const cfnLint = findOnPath('cfn-lint');
const inCi = ['', '0', 'false'].indexOf((process.env.CI ?? '').toLowerCase()) === -1;

if (cfnLint) {
  describe('cfn-lint', () => {
    let outdir: string;
    beforeAll(() => {
      outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-examples-'));
    });
    afterAll(() => {
      fs.rmSync(outdir, { recursive: true, force: true });
    });

    test('reports nothing on any example template', () => {
      // GIVEN every example app synthesized into a directory of its own
      const templates = buildExampleApps(example => ({ outdir: path.join(outdir, example.name) }))
        .flatMap(({ app }) => app.synth().stacks.map(stack => stack.templateFullPath));
      expect(templates.map(template => path.basename(template))).toEqual([
        'SingleBucketExample.template.json',
        'SharedDestinationExample.template.json',
        'LogArchiveExample.template.json',
        'ApplicationExample.template.json',
        'AccessLogs-123456789012-eu-west-1.template.json',
        'AccessLogs-123456789012-us-east-1.template.json',
        'DataEuExample.template.json',
        'WebEuExample.template.json',
        'WebUsExample.template.json',
        'VisibilityExample.template.json',
      ]);

      // WHEN one cfn-lint run checks them all
      const result = spawnSync(cfnLint, templates, { encoding: 'utf8', timeout: CFN_LINT_TIMEOUT_MS - 10_000 });

      // THEN it exits 0 and prints nothing
      expect({
        status: result.status,
        output: `${result.error ? `${result.error.message}\n` : ''}${result.stdout ?? ''}${result.stderr ?? ''}`,
      }).toEqual({ status: 0, output: '' });
    }, CFN_LINT_TIMEOUT_MS);
  });
} else if (inCi) {
  describe('cfn-lint', () => {
    test('is on PATH (required when CI is set)', () => {
      throw new Error('cfn-lint is not on PATH, and CI is set, where the example templates must be linted. Install it: pip install cfn-lint');
    });
  });
} else {
  describe('cfn-lint (skipped: cfn-lint not on PATH)', () => {
    test.skip('reports nothing on any example template', () => undefined);
  });
}

/** The path of an executable on PATH, as `which` finds it. */
function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) {
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}
