import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as ts from 'typescript';
import { CLI_CONTEXT, CLI_CONTEXT_ENV, npmVersion, stacksOf, typeScriptTwin } from './assemblies';
import { errorOf, BAD_APPS } from './bad-apps';
import { EXAMPLES } from '../../examples';
import { AccessLogFormat, AccessLogRecord, CloudWatchLogsDelivery } from '../../src';
import { describeWithTools } from '../support/external-tools';
import { extractSamples, Sample } from '../support/readme-samples';

/**
 * The Python package, built for real (`jsii-pacmak --targets python`) and installed from its wheel
 * into a virtual environment with aws-cdk-lib from PyPI, used as a Python user uses it: the Python
 * twins of the example apps (`examples/python/`), the README's Python quick start, apps that get it
 * wrong (`python/bad_apps.py`), and `AccessLogFormat.parse_line`. Each is compared with its
 * TypeScript twin, run here against the aws-cdk-lib that this process loads, which must be the
 * version the virtual environment has.
 *
 * Not part of `npm test`: `scripts/ci/python-e2e.sh` builds the virtual environment (at the
 * aws-cdk-lib floor, then the newest on PyPI) and runs this file with `PYTHON_E2E_PYTHON` set to its
 * python.
 */

const ROOT = path.join(__dirname, '..', '..');
const README = path.join(ROOT, 'README.md');
const LOG_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'docs-sample-lines.log');

/** A Python process imports aws_cdk and starts the jsii kernel (about 10 s), then synthesizes. */
const PYTHON_TIMEOUT_MS = 240_000;

const python = process.env.PYTHON_E2E_PYTHON || undefined;

/** What `python/run_apps.py` writes to `results.json`. */
interface PythonResults {
  readonly versions: Record<string, string>;
  readonly examples: string[];
  readonly readme: Array<{ line: number; assembly: string }>;
  readonly errors: Record<string, { type: string; message: string; traceback: string[]; javaScriptStack: string | null } | null>;
  readonly parseLine: Array<Record<string, string | number | null> | null>;
  readonly format: {
    REGEX: string;
    FIELDS: Array<{ name: string; column_name: string; column_type: string }> | { error: string };
    RECORD_FIELDS: string[];
  };
}

function runPython(args: string[], env: Record<string, string> = {}) {
  return spawnSync(python!, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...CLI_CONTEXT_ENV, ...env },
    timeout: PYTHON_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
}

describeWithTools('the Python package', { 'PYTHON_E2E_PYTHON (a python with cdk-s3-access-logs installed)': python },
  'Run scripts/ci/python-e2e.sh, which builds the wheel, installs it into a virtual environment and runs this file', () => {
    let outDir: string;
    let results: PythonResults;
    beforeAll(() => {
      outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'python-e2e-'));
      const run = runPython([path.join(__dirname, 'python', 'run_apps.py'), README, outDir, LOG_FIXTURE]);
      if (run.error || run.status !== 0) {
        throw new Error(`python/run_apps.py failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`);
      }
      results = JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8'));
    }, PYTHON_TIMEOUT_MS);
    afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

    test('runs against the aws-cdk-lib and constructs versions that TypeScript runs against here', () => {
      // A difference here is the setup's, not the package's: install the same versions on both sides.
      expect({ 'aws-cdk-lib': results.versions['aws-cdk-lib'], 'constructs': results.versions.constructs })
        .toEqual({ 'aws-cdk-lib': npmVersion('aws-cdk-lib'), 'constructs': npmVersion('constructs') });
    });

    test('every TypeScript example has a Python twin in examples/python/', () => {
      expect([...results.examples].sort()).toEqual(EXAMPLES.map(example => example.name).sort());
    });

    test.each(EXAMPLES.map(example => example.name))('example %s synthesizes the stacks of its TypeScript twin', name => {
      const tsDir = fs.mkdtempSync(path.join(os.tmpdir(), `ts-${name}-`));
      try {
        expect(stacksOf(path.join(outDir, 'examples', name))).toEqual(typeScriptTwin(name, tsDir));
      } finally {
        fs.rmSync(tsDir, { recursive: true, force: true });
      }
    });

    test('the README\'s Python quick start runs as written and synthesizes what the TypeScript one does', () => {
      const { python: pySample, typeScript: tsSample } = quickStartSamples();
      expect(results.readme.map(run => run.line)).toEqual([pySample.line]);
      const tsApp = runTypeScriptSample(tsSample);
      expect(stacksOf(results.readme[0].assembly)).toEqual(stacksOf(tsApp.synth().directory));
    });

    describe.each(Object.entries(BAD_APPS))('the %s app', (name, { build, ruleId }) => {
      test('raises a RuntimeError in Python with the message TypeScript gets', () => {
        const tsError = errorOf(build);
        const pyError = results.errors[name];
        expect(pyError?.type).toBe('builtins.RuntimeError');
        // A method call (app.synth()) reaches the jsii kernel through its `_ensureSync`, which wraps
        // what it throws in a RuntimeError whose message is `String(error)` (`Error: <message>`); an
        // error thrown by a constructor keeps its message as it is.
        expect([tsError.message, String(tsError)]).toContain(pyError?.message);
        if (ruleId) {
          expect(pyError?.message).toContain(`[${ruleId}]`);
        }
      });
    });

    test('the cross-region error is thrown from our code (the control for the wrong-type test below)', () => {
      expect(results.errors['cross-region']?.javaScriptStack).toMatch(/node_modules\/cdk-s3-access-logs\/lib\//);
    });

    test('a str where a bucket is expected is refused by jsii\'s type check, before our code runs', () => {
      const error = results.errors['wrong-type'];
      expect(error?.type).toBe('builtins.RuntimeError');
      expect(error?.message).toMatch(new RegExp(
        '^Passed to parameter props of new cdk-s3-access-logs\\.AccessLoggedBucket: '
        + 'Unable to deserialize value as cdk-s3-access-logs\\.AccessLoggedBucketProps \\| undefined\\n'));
      expect(error?.message).toContain('Key \'destinationBucket\': Unable to deserialize value as aws-cdk-lib.aws_s3.IBucket | undefined');
      expect(error?.message).toContain('Failing value is a string');
      expect(error?.message).toContain('\'my-log-bucket\'');
      // The kernel refused the value while deserializing it: no frame of this library's code ran.
      expect(error?.javaScriptStack).toBeTruthy();
      expect(error?.javaScriptStack).not.toMatch(/node_modules\/cdk-s3-access-logs\//);
    });

    test('a Python app whose synthesis fails exits with an error that prints our message and rule id', () => {
      const run = runPython([path.join(__dirname, 'python', 'bad_apps.py'), 'logging-loop'], { CDK_OUTDIR: path.join(outDir, 'logging-loop') });
      expect(run.error).toBeUndefined();
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(errorOf(BAD_APPS['logging-loop'].build).message);
      expect(run.stderr).toContain('[cdk-s3-access-logs:loggingLoop]');
    }, PYTHON_TIMEOUT_MS);

    test('AccessLogFormat.parse_line returns the record parseLine does, for every line of the documented examples', () => {
      const lines = fs.readFileSync(LOG_FIXTURE, 'utf8').split('\n').filter(line => line !== '');
      const fields = results.parseLine.find(record => record !== null);
      expect(fields).toBeDefined();
      const expected = lines.map(line => {
        const record = AccessLogFormat.parseLine(line);
        return record === undefined ? null : Object.fromEntries(Object.keys(fields!).map(field =>
          [field, record[camelCase(field) as keyof AccessLogRecord] ?? null]));
      });
      expect(results.parseLine).toEqual(expected);
      // Every field TypeScript fills in is one that Python reads.
      const tsFields = new Set(lines.flatMap(line => Object.keys(AccessLogFormat.parseLine(line) ?? {})));
      expect([...tsFields].filter(field => !(snakeCase(field) in fields!))).toEqual([]);
    });

    test('AccessLogFormat.REGEX reads the same in Python', () => {
      expect(results.format.REGEX).toBe(AccessLogFormat.REGEX);
    });

    test('CloudWatchLogsDelivery.RECORD_FIELDS reads the same in Python', () => {
      expect(results.format.RECORD_FIELDS).toEqual(CloudWatchLogsDelivery.RECORD_FIELDS);
    });

    // FIELDS hands plain objects to jsii (a frozen object cannot be tagged for another language).
    test('AccessLogFormat.FIELDS reads the same in Python', () => {
      expect(results.format.FIELDS).toEqual(AccessLogFormat.FIELDS.map(field =>
        ({ name: field.name, column_name: field.columnName, column_type: field.columnType })));
    });
  });

/** jsii's names: `http_status` in Python is `httpStatus` in TypeScript. */
function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, letter => `_${letter.toLowerCase()}`);
}

/** The first TypeScript and the first Python sample of the README's "Quick start" section. */
function quickStartSamples(): { python: Sample; typeScript: Sample } {
  const readme = fs.readFileSync(README, 'utf8');
  const lines = readme.split('\n');
  const start = lines.indexOf('## Quick start') + 1;
  const end = lines.findIndex((line, i) => i >= start && line.startsWith('## '));
  const inSection = extractSamples(readme).filter(sample => sample.line > start && sample.line <= end);
  const pySample = inSection.find(sample => sample.lang === 'python');
  const tsSample = inSection.find(sample => sample.lang === 'ts');
  if (start === 0 || !pySample || !tsSample) {
    throw new Error('README.md has no "## Quick start" section with a ts and a python sample');
  }
  return { python: pySample, typeScript: tsSample };
}

/**
 * Run a README TypeScript sample that defines `const app = new App()` as written (transpiled, with
 * `cdk-s3-access-logs` mapped onto the source), with the CLI's context as the Python one gets it;
 * its `app`.
 */
function runTypeScriptSample(sample: Sample): App {
  const js = ts.transpileModule(`${sample.code}\nexports.__sampleApp = app;\n`, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const sampleModule = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sampleRequire = (id: string) => id === 'cdk-s3-access-logs' ? require('../../src') : require(id);
  const saved = process.env.CDK_CONTEXT_JSON;
  process.env.CDK_CONTEXT_JSON = JSON.stringify(CLI_CONTEXT);
  try {
    new Function('require', 'module', 'exports', js)(sampleRequire, sampleModule, sampleModule.exports);
  } finally {
    if (saved === undefined) {
      delete process.env.CDK_CONTEXT_JSON;
    } else {
      process.env.CDK_CONTEXT_JSON = saved;
    }
  }
  return sampleModule.exports.__sampleApp as App;
}
