/**
 * `cli`: the command, `cdk-s3-access-logs check`, over the cloud assembly of a large CDK app, whole
 * process (node's start-up, loading, parsing, the model, the checks, the report), against cfn-lint
 * over the same templates for scale.
 *
 * The app is the synth benchmark's `AccessLoggedBucket` app (`synth-apps-ours.ts`): 1,000 sources in
 * 10 stacks of 100 logging into one shared `AccessLogsBucket`, and 2,000 in 20 for linearity,
 * synthesized with the path metadata the CDK CLI writes into `.bench/cli-<sources>/` (gitignored).
 * The command runs as users run the package's bin: compiled JavaScript (`src/` transpiled once, as
 * the tests run it), in a process of its own; the two sizes take turns, and each figure is the
 * median of BENCH_RUNS (5) runs. cfn-lint, where it is on PATH, runs once over the same templates: it
 * takes tens of seconds a run here, and is there for scale, not as a target.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { PATH_METADATA_ENABLE_CONTEXT } from 'aws-cdk-lib/cx-api';
import { BenchRow, BenchSection } from './section';
import { APP_CONTEXT, SOURCES_PER_STACK } from './synth-apps';
import { accessLoggedBucketApp } from './synth-apps-ours';
import { cliEntry } from '../../test/support/cli';
import { findOnPath } from '../../test/support/external-tools';

const ROOT = path.join(__dirname, '..', '..');
const BENCH_DIR = path.join(ROOT, '.bench');

const SOURCES = 1000;
const LINEARITY_SOURCES = 2000;
/** The command over the 1,000-source assembly, whole process, in seconds. */
const MAX_SECONDS = 2;
/** The command at 2,000 sources against 1,000. */
const MAX_RATIO = 2.2;

export const cliSection: BenchSection = {
  name: 'cli',
  description: `cdk-s3-access-logs check over a ${SOURCES.toLocaleString('en-US')}-bucket cloud assembly, whole process, against cfn-lint for scale`,
  run: async () => {
    const runs = runsFromEnvironment();
    const assemblies = [SOURCES, LINEARITY_SOURCES].map(sources => ({ sources, directory: synthesize(sources) }));
    const command = cliEntry();

    // One untimed run each (the file cache, as a user's second run has it), then the sizes take turns.
    const seconds = assemblies.map(() => [] as number[]);
    const outcomes = assemblies.map(assembly => runCommand(command, assembly.directory));
    for (let run = 0; run < runs; run++) {
      assemblies.forEach((assembly, i) => seconds[i].push(runCommand(command, assembly.directory).seconds));
    }
    const [small, large] = seconds.map(median);
    const ratio = large / small;

    const rows: BenchRow[] = assemblies.map((assembly, i) => ({
      name: `input: ${path.relative(ROOT, assembly.directory)} (${describeAssembly(assembly.directory)})`,
      result: outcomes[i].summary,
    }));
    rows.push(
      {
        name: `command, ${SOURCES.toLocaleString('en-US')} sources in ${SOURCES / SOURCES_PER_STACK} stacks (median of ${runs})`,
        result: `${small.toFixed(2)} s`,
        target: `< ${MAX_SECONDS.toFixed(2)} s`,
        pass: small < MAX_SECONDS,
      },
      {
        name: `command, ${LINEARITY_SOURCES.toLocaleString('en-US')} sources in ${LINEARITY_SOURCES / SOURCES_PER_STACK} stacks (median of ${runs})`,
        result: `${large.toFixed(2)} s`,
      },
      {
        name: `command at ${LINEARITY_SOURCES.toLocaleString('en-US')} sources vs ${SOURCES.toLocaleString('en-US')}`,
        result: `${ratio.toFixed(2)}x`,
        target: `<= ${MAX_RATIO.toFixed(2)}x`,
        pass: ratio <= MAX_RATIO,
      },
      ...cfnLintRows(assemblies[0].directory, small),
    );
    return rows;
  },
};

/** Synthesize the app of `sources` sources into `.bench/cli-<sources>/`, as `cdk synth` would (path metadata on). */
function synthesize(sources: number): string {
  const outdir = path.join(BENCH_DIR, `cli-${sources}`);
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: { ...APP_CONTEXT, [PATH_METADATA_ENABLE_CONTEXT]: true } });
  accessLoggedBucketApp(app, sources);
  app.synth();
  return outdir;
}

function describeAssembly(directory: string): string {
  const templates = templatesOf(directory);
  const bytes = templates.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  return `${templates.length} templates, ${(bytes / 1e6).toFixed(1)} MB`;
}

function templatesOf(directory: string): string[] {
  return fs.readdirSync(directory).filter(file => file.endsWith('.template.json')).sort().map(file => path.join(directory, file));
}

/** One run of the command, timed from spawn to exit. */
function runCommand(command: string, assembly: string): { seconds: number; summary: string } {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [command, 'check', assembly], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) {
    throw new Error(`cdk-s3-access-logs check ${assembly} exited with ${run.status}: ${run.stderr || run.stdout.slice(-2000)}`);
  }
  return { seconds, summary: run.stdout.trim().split('\n').pop() ?? '' };
}

/** cfn-lint over the same templates, once; or a row that says it is not there. */
function cfnLintRows(assembly: string, ourSeconds: number): BenchRow[] {
  if (process.env.BENCH_CFN_LINT === '0') {
    // CI: about 50 s of cfn-lint for a figure of scale, not a target.
    return [{ name: 'for scale: cfn-lint over the same templates', result: 'not run: BENCH_CFN_LINT=0' }];
  }
  const cfnLint = findOnPath('cfn-lint');
  if (!cfnLint) {
    return [{ name: 'for scale: cfn-lint over the same templates', result: 'not run: cfn-lint is not on PATH' }];
  }
  const version = spawnSync(cfnLint, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const started = process.hrtime.bigint();
  const run = spawnSync(cfnLint, templatesOf(assembly), { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // cfn-lint exits non-zero for its own findings (a bit field); only a failure to run is an error here.
  if (run.status === null || run.error) {
    return [{ name: `for scale: ${version} over the same templates`, result: `failed to run: ${run.error?.message ?? run.signal}` }];
  }
  return [{
    name: `for scale: ${version} over the same ${SOURCES.toLocaleString('en-US')}-source templates (one run)`,
    result: `${seconds.toFixed(2)} s (${(seconds / ourSeconds).toFixed(0)}x the command)`,
  }];
}

function runsFromEnvironment(): number {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`BENCH_RUNS must be a positive integer, got: ${process.env.BENCH_RUNS}`);
  }
  return runs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
