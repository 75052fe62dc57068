import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { RULES } from '../../src/cli/rule-catalog';
import { CORPUS_DIR, corpusDir } from '../realworld/synth-findings';
import { runCli } from '../support/cli';
import { describeWithTools } from '../support/external-tools';

/**
 * Issue #14: `--format sarif` is SARIF 2.1.0, as two validators we did not write say: ajv with the
 * SARIF 2.1.0 JSON schema that Microsoft publishes (in the SARIF Multitool's npm package), and the
 * SARIF Multitool's own `validate` (the schema and its rules for SARIF that viewers such as GitHub
 * code scanning read well). The Multitool's silence means something only if it read the file: a
 * copy with planted defects shows that it does.
 */

const FIXTURES = path.join(__dirname, 'fixtures');

/** The Linux build of the SARIF Multitool (a self-contained executable) and the schema it ships, where the platform has them. */
function multitoolPackage(): string | undefined {
  try {
    return path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
  } catch {
    return undefined;
  }
}

const MULTITOOL_PACKAGE = multitoolPackage();

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<Record<string, any>> } };
    results: Array<Record<string, any>>;
  }>;
}

describeWithTools(
  'the SARIF report (issue #14)',
  { '@microsoft/sarif-multitool-linux': MULTITOOL_PACKAGE },
  'npm ci installs it (a devDependency, through @microsoft/sarif-multitool) on Linux.',
  () => {
    let directory: string;
    /** Reports over: every rule's fixture as one app; a corpus template (a path outside the working directory); a template with no finding. */
    const reports: Record<string, string> = {};

    beforeAll(() => {
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-sarif-'));
      const inputs: Record<string, string[]> = {
        rules: [path.join(FIXTURES, 'rules')],
        assembly: [path.join(FIXTURES, 'assembly')],
        clean: [path.join(FIXTURES, 'assembly', 'LogsEu.template.json')],
        ...(corpusDir() ? { corpus: [path.join(CORPUS_DIR, 'checkov-ExampleS3.yaml')] } : {}),
      };
      for (const [name, paths] of Object.entries(inputs)) {
        const output = path.join(directory, `${name}.sarif`);
        const run = runCli(['check', ...paths, '--format', 'sarif', '--output', output]);
        expect(run.status === 0 || run.status === 1).toBe(true);
        reports[name] = output;
      }
    });

    afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

    const logOf = (name: string): SarifLog => JSON.parse(fs.readFileSync(reports[name], 'utf8'));

    test('validates against the published SARIF 2.1.0 JSON schema (ajv)', () => {
      const schema = JSON.parse(fs.readFileSync(path.join(MULTITOOL_PACKAGE!, 'sarif-2.1.0.json'), 'utf8'));
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      for (const name of Object.keys(reports)) {
        const valid = validate(logOf(name));
        expect({ name, errors: valid ? null : validate.errors }).toEqual({ name, errors: null });
      }
    });

    test('passes the SARIF Multitool\'s validate with no error and no warning, which finds defects planted in a copy', () => {
      // GIVEN a copy of a report with a region that has no line and a tool without its home page
      const planted = logOf('rules');
      planted.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
      delete (planted.runs[0].tool.driver as Partial<SarifLog['runs'][0]['tool']['driver']>).informationUri;
      const plantedFile = path.join(directory, 'planted.sarif');
      fs.writeFileSync(plantedFile, JSON.stringify(planted));

      // WHEN the Multitool validates the reports, and the copy
      const ours = multitoolValidate(Object.values(reports), path.join(directory, 'ours.validation.sarif'));
      const control = multitoolValidate([plantedFile], path.join(directory, 'planted.validation.sarif'));

      // THEN it finds the planted defects, and nothing in ours
      expect(control).toEqual(expect.arrayContaining(['error JSON1008', 'warning SARIF2005']));
      expect(ours).toEqual([]);
    });

    test('has one rule per check id, with its help, level and a link to the README\'s section on the checks', () => {
      const { rules } = logOf('clean').runs[0].tool.driver;
      expect(rules.map(rule => rule.id)).toEqual(RULES.map(rule => rule.id));
      for (const rule of rules) {
        expect(rule.helpUri).toBe('https://github.com/cdk-s3-access-logs/cdk-s3-access-logs#synth-time-checks');
        expect(rule.help.text.length).toBeGreaterThan(40);
        expect(['error', 'warning']).toContain(rule.defaultConfiguration.level);
      }
      expect(rules.find(rule => rule.id === 'cdk-s3-access-logs:selfLogging')).toMatchObject({
        name: 'SelfLogging',
        shortDescription: { text: 'A bucket logs into itself (a LoggingConfiguration without DestinationBucketName too).' },
        defaultConfiguration: { level: 'error' },
      });
    });

    test('has one result per finding, with its rule, level and physical location (the template, the line)', () => {
      const json = JSON.parse(runCli(['check', path.join(FIXTURES, 'rules'), '--format', 'json']).stdout).findings as Array<Record<string, any>>;
      const { results, tool } = logOf('rules').runs[0];
      expect(results).toHaveLength(json.length);
      results.forEach((result, i) => {
        expect(result.ruleId).toBe(json[i].id);
        expect(tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
        expect(result.level).toBe(json[i].level);
        expect(result.message.text).toBe(json[i].message);
        expect(result.locations[0].physicalLocation).toEqual({
          artifactLocation: { uri: json[i].file, uriBaseId: '%SRCROOT%' },
          region: { startLine: json[i].line },
        });
      });
    });

    test('names a template outside the working directory by an absolute file URI', () => {
      if (!reports.corpus) {
        return;
      }
      const [result] = logOf('corpus').runs[0].results;
      expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${path.join(CORPUS_DIR, 'checkov-ExampleS3.yaml')}` });
    });

    test('has an empty list of results where nothing is found', () => {
      expect(logOf('clean').runs[0].results).toEqual([]);
    });
  },
);

/** `Sarif.Multitool validate`, as `<level> <rule id>` of each result it reports, sorted. */
function multitoolValidate(files: string[], output: string): string[] {
  const executable = path.join(MULTITOOL_PACKAGE!, 'Sarif.Multitool');
  ensureExecutable(executable);
  const run = spawnSync(executable, ['validate', ...files, '--output', output, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    timeout: 120_000,
    // A self-contained .NET program; without ICU libraries it must run in invariant mode.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  expect(run.error).toBeUndefined();
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  const log = JSON.parse(fs.readFileSync(output, 'utf8')) as SarifLog;
  expect(log.runs[0].tool.driver.name).toBe('Sarif.Multitool');
  return log.runs[0].results.map(result => `${result.level ?? 'warning'} ${result.ruleId}`).sort();
}

/**
 * npm 11 runs the package's postinstall (`chmod u+x Sarif.Multitool`) only where package.json's
 * `allowScripts` lets it (it does); an older npm, or an install that skipped scripts, leaves the file as
 * it was packed. Do what the postinstall does.
 */
function ensureExecutable(file: string): void {
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    fs.chmodSync(file, 0o755);
  }
}
