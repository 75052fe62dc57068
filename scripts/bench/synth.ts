/**
 * The synth benchmark: what this library costs at synth, and how far it scales, side by side with
 * the same buckets wired by hand with aws-cdk-lib.
 *
 * Every app is synthesized in a fresh child process (`synth-child.ts`), so that peak RSS and module
 * caches are the app's own, as in `cdk synth`. Within a run the apps of one size take turns, in an
 * order that alternates from run to run; the table gives medians over the runs, and "vs hand" is
 * the median of the per-run ratios ours / hand-wired.
 *
 * The children run JavaScript transpiled once at the start (`transpileModule`, no type check) rather
 * than ts-node: ts-node would add its own start-up (about a second a process here) and the
 * transpiling of our src/ to every one of our apps and to no hand-wired one, while users load our
 * compiled JavaScript.
 *
 * aws-cdk-lib >= 2.262 validates the templates on every synth (`CDK_VALIDATION=false` turns it off).
 * The children run against the newest aws-cdk-lib 2.x, installed once into `.bench/cdk-newest/`
 * (gitignored), with the validation off (our own cost) and on (what users feel).
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { AppKind, RESULT_MARKER, SynthMeasurement, SynthRequest } from './synth-protocol';
import { BUCKET_POLICY_LIMIT_BYTES, deployedPolicyBytes } from '../../src/checks/rules/destination-policy-too-large';

const REPO = path.resolve(__dirname, '..', '..');
const BENCH_DIR = path.join(REPO, '.bench');
const NEWEST_DIR = path.join(BENCH_DIR, 'cdk-newest');

/** The first aws-cdk-lib that validates templates on synth. */
const FIRST_VALIDATING_CDK = [2, 262, 0];
/** CloudFormation's limit of resources per stack. */
const STACK_RESOURCE_LIMIT = 500;

/** What the targets are held to. */
const TARGETS = {
  wallRatio: 1.10,
  checksShare: 0.05,
  checksLinearity: 2.2,
  policyBytes: BUCKET_POLICY_LIMIT_BYTES,
  /** With every source's prefix its own: held lower than S3's limit, to leave room for the owner's statements. */
  distinctPrefixPolicyBytes: 16 * 1024,
};

type Validation = 'off' | 'default';

/** One group of apps measured together, taking turns within each run (or, if `concurrent`, all at once). */
interface Group {
  readonly validation: Validation;
  readonly sources: number;
  readonly kinds: readonly AppKind[];
  /**
   * Start the group's apps at the same time, one per core. Used where each synth takes long: they
   * then see the same machine, and a run costs the longest of them rather than their sum.
   */
  readonly concurrent: boolean;
  /** Measure on the first run only: for an app whose figure that matters is its template, which never varies. */
  readonly once?: boolean;
}

/** How the benchmark runs. */
export interface SynthBenchOptions {
  /** Runs per app. @default BENCH_RUNS, else 5 */
  readonly runs?: number;
}

/** One target, measured. */
export interface TargetResult {
  readonly name: string;
  readonly result: string;
  readonly target: string;
  readonly pass: boolean;
}

/** What the benchmark found. */
export interface SynthBenchReport {
  readonly targets: TargetResult[];
  readonly durationMs: number;
  /** CPU time of the benchmark and its children: what its wall time comes down to on an idle machine. */
  readonly cpuMs: number;
}

/** The aws-cdk-lib the children run against. */
interface CdkUnderTest {
  /** The directory whose `build/` holds the transpiled children; `require('aws-cdk-lib')` from there finds this version. */
  readonly root: string;
  readonly version: string;
  readonly constructsVersion: string;
  readonly validates: boolean;
  /** Why this is not the newest aws-cdk-lib, or why the validation cannot be measured. */
  readonly note?: string;
}

/** One child's measurement, with the wall time the parent saw. */
interface Sample extends SynthMeasurement {
  readonly wallMs: number;
}

/** The deterministic figures of an app's templates. */
interface AppShape {
  readonly stacks: number;
  readonly templateBytes: number;
  readonly resources: number;
  readonly maxResourcesPerStack: number;
  /** The largest bucket policy that grants `logging.s3.amazonaws.com`, with 63-character names. */
  readonly destinationPolicyBytes: number;
  /** `Custom::*`, `AWS::CloudFormation::CustomResource` and `AWS::Lambda::Function` resources. */
  readonly lambdaBacked: number;
}

/** The measurements of one app in one group. */
interface Cell {
  readonly group: Group;
  readonly kind: AppKind;
  readonly samples: Sample[];
  shape?: AppShape;
}

const SIZES = [1, 100, 1000];
const LINEARITY_SOURCES = 2000;
/** The sources of the scale case where every one has a prefix of its own. */
const DISTINCT_PREFIX_SOURCES = 1000;
/** The sizes measured with aws-cdk-lib's default template validation (`BENCH_VALIDATED_SIZES` to change). */
const VALIDATED_SIZES = [1, 1000];

/**
 * The groups every run measures:
 * - with `CDK_VALIDATION=false`, the three apps at 1, 100 and 1,000 sources, taking turns, and our
 *   AccessLoggedBucket app at 2,000 (for the check time's linearity);
 * - once, with `CDK_VALIDATION=false`, 1,000 sources with a prefix each (the destination's policy size);
 * - with the default validation, hand-wired and AccessLoggedBucket at 1 and 1,000 sources, each pair
 *   at the same time. The validation costs seconds per synth (tens at 1,000 sources), which leaves no
 *   room within the benchmark's five minutes for 100 sources (it lies between the two), for the
 *   `enable()` app (its templates are the AccessLoggedBucket app's, give or take the destination's
 *   stack), or for taking turns.
 */
function plan(cdk: CdkUnderTest): Group[] {
  const groups: Group[] = SIZES.map((sources): Group => ({
    validation: 'off', sources, kinds: ['hand-wired', 'AccessLoggedBucket', 'enable()'], concurrent: false,
  }));
  groups.push({ validation: 'off', sources: LINEARITY_SOURCES, kinds: ['AccessLoggedBucket'], concurrent: false });
  groups.push({ validation: 'off', sources: DISTINCT_PREFIX_SOURCES, kinds: ['distinct prefixes'], concurrent: false, once: true });
  if (cdk.validates) {
    groups.push(...validatedSizes().map((sources): Group => ({
      validation: 'default', sources, kinds: ['hand-wired', 'AccessLoggedBucket'], concurrent: true,
    })));
  }
  return groups;
}

function validatedSizes(): number[] {
  const given = process.env.BENCH_VALIDATED_SIZES;
  if (given === undefined) {
    return VALIDATED_SIZES;
  }
  const sizes = given.split(',').filter(size => size.trim() !== '').map(Number);
  if (sizes.some(size => !Number.isInteger(size) || size < 1)) {
    throw new Error(`BENCH_VALIDATED_SIZES must list numbers of sources, e.g. 1,100,1000, got: ${given}`);
  }
  return sizes;
}

/** Run the synth benchmark and print its table and targets. */
export async function runSynthBenchmark(options: SynthBenchOptions = {}): Promise<SynthBenchReport> {
  const started = Date.now();
  const runs = options.runs ?? runsFromEnvironment();
  const cdk = prepareCdk();
  transpileChildren(cdk.root);
  const groups = plan(cdk);
  const cells = groups.flatMap(group => group.kinds.map((kind): Cell => ({ group, kind, samples: [] })));

  printHeader(cdk, runs, groups);
  for (let run = 0; run < runs; run++) {
    for (const group of groups.filter(g => run === 0 || !g.once)) {
      // Alternate the order of the apps from run to run, so that neither always goes first.
      const kinds = run % 2 === 0 ? group.kinds : [...group.kinds].reverse();
      const measure = async (kind: AppKind) => {
        const cell = cells.find(c => c.group === group && c.kind === kind)!;
        const outdir = path.join(BENCH_DIR, 'out', `${group.validation}-${kind.replace(/\W/g, '')}-${group.sources}`);
        cell.samples.push(await synthInChild(cdk, { kind, sources: group.sources, outdir }, group.validation));
        cell.shape ??= appShape(outdir);
      };
      if (group.concurrent) {
        await Promise.all(kinds.map(measure));
      } else {
        for (const kind of kinds) {
          await measure(kind);
        }
      }
    }
    process.stderr.write(`  run ${run + 1}/${runs} done after ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }

  console.log(formatTable(cells));
  const targets = evaluateTargets(cells);
  console.log(formatTargets(targets));
  const durationMs = Date.now() - started;
  const own = process.cpuUsage();
  const cpuMs = cells.flatMap(cell => cell.samples).reduce((sum, sample) => sum + sample.cpuMs, 0) + (own.user + own.system) / 1000;
  console.log(`\nThe synth benchmark took ${(durationMs / 1000).toFixed(0)} s (${runs} runs) and ${(cpuMs / 1000).toFixed(0)} s of CPU; `
    + `load average ${loadAverage()} at the end.`);
  return { targets, durationMs, cpuMs };
}

function runsFromEnvironment(): number {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`BENCH_RUNS must be a whole number of runs, 1 or more, got: ${process.env.BENCH_RUNS}`);
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Preparing the children

/**
 * The newest aws-cdk-lib 2.x, installed once into `.bench/cdk-newest/` (delete it to refresh);
 * the project's own aws-cdk-lib (the floor) when that cannot be installed.
 */
function prepareCdk(): CdkUnderTest {
  const installed = path.join(NEWEST_DIR, 'node_modules', 'aws-cdk-lib', 'package.json');
  let note: string | undefined;
  if (!fs.existsSync(installed)) {
    process.stderr.write('Installing the newest aws-cdk-lib 2.x into .bench/cdk-newest/ (once) ...\n');
    fs.mkdirSync(NEWEST_DIR, { recursive: true });
    fs.writeFileSync(path.join(NEWEST_DIR, 'package.json'), JSON.stringify({ name: 'bench-cdk-newest', private: true }));
    const npm = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', NEWEST_DIR, 'aws-cdk-lib@2', 'constructs@10'],
      { cwd: NEWEST_DIR, encoding: 'utf8' });
    if (npm.status !== 0) {
      note = `could not install the newest aws-cdk-lib (npm exited ${npm.status}: ${lastLine(npm.stderr)}); measured against the project's own`;
    }
  }
  const root = note === undefined ? NEWEST_DIR : path.join(BENCH_DIR, 'project');
  const version = packageVersion(root, 'aws-cdk-lib');
  const validates = compareVersions(version, FIRST_VALIDATING_CDK) >= 0;
  if (!validates) {
    note = `${note ? `${note}; ` : ''}aws-cdk-lib ${version} has no built-in template validation (it came with 2.262), `
      + 'so the rows with the default validation are missing';
  }
  return { root, version, constructsVersion: packageVersion(root, 'constructs'), validates, note };
}

/** The version of `name` that `require` finds from `<root>/build/`. */
function packageVersion(root: string, name: string): string {
  const manifest = require.resolve(`${name}/package.json`, { paths: [path.join(root, 'build')] });
  return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
}

function compareVersions(version: string, other: number[]): number {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < other.length; i++) {
    if (parts[i] !== other[i]) {
      return (parts[i] ?? 0) - other[i];
    }
  }
  return 0;
}

function lastLine(text: string | null): string {
  return (text ?? '').trim().split('\n').pop() ?? '';
}

/**
 * Transpile src/ and this directory into `<root>/build/`, keeping the layout, so that the children's
 * `require('aws-cdk-lib')` resolves from `<root>/node_modules` (the aws-cdk-lib under test), or up
 * in the repository's node_modules (the project's own) when `<root>` has none.
 */
function transpileChildren(root: string): void {
  const build = path.join(root, 'build');
  fs.rmSync(build, { recursive: true, force: true });
  for (const dir of ['src', path.join('scripts', 'bench')]) {
    for (const file of typeScriptFiles(path.join(REPO, dir))) {
      const output = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      const target = path.join(build, path.relative(REPO, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, output.outputText);
    }
  }
}

function typeScriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? typeScriptFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Measuring

function synthInChild(cdk: CdkUnderTest, request: SynthRequest, validation: Validation): Promise<Sample> {
  fs.rmSync(request.outdir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Whatever the caller's shell says: the child is a plain `app.synth()` with exactly this validation.
  delete env.CDK_VALIDATION;
  delete env.CDK_OUTDIR;
  delete env.CDK_CONTEXT_JSON;
  if (validation === 'off') {
    env.CDK_VALIDATION = 'false';
  }
  const script = path.join(cdk.root, 'build', 'scripts', 'bench', 'synth-child.js');
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [script, JSON.stringify(request)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const { stdout, stderr } = collectOutput(child);
    child.on('error', reject);
    child.on('close', code => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const line = stdout().split('\n').find(l => l.startsWith(RESULT_MARKER));
      if (code !== 0 || line === undefined) {
        reject(new Error(`The ${request.kind} app with ${request.sources} source(s) failed to synthesize (exit ${code}):\n${stderr()}`));
        return;
      }
      resolve({ ...(JSON.parse(line.slice(RESULT_MARKER.length)) as SynthMeasurement), wallMs });
    });
  });
}

function collectOutput(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  return { stdout: () => Buffer.concat(out).toString('utf8'), stderr: () => Buffer.concat(err).toString('utf8') };
}

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: { PolicyDocument?: { Statement?: unknown[] } };
}

/** Read the templates of an app's cloud assembly. */
function appShape(outdir: string): AppShape {
  const templates = fs.readdirSync(outdir).filter(name => name.endsWith('.template.json')).map(name => path.join(outdir, name));
  let templateBytes = 0;
  let resources = 0;
  let maxResourcesPerStack = 0;
  let destinationPolicyBytes = 0;
  let lambdaBacked = 0;
  for (const file of templates) {
    const text = fs.readFileSync(file, 'utf8');
    templateBytes += Buffer.byteLength(text, 'utf8');
    const stackResources = Object.values((JSON.parse(text).Resources ?? {}) as Record<string, TemplateResource>);
    resources += stackResources.length;
    maxResourcesPerStack = Math.max(maxResourcesPerStack, stackResources.length);
    for (const resource of stackResources) {
      if (resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource' || resource.Type === 'AWS::Lambda::Function') {
        lambdaBacked++;
      }
      const document = resource.Properties?.PolicyDocument;
      if (resource.Type === 'AWS::S3::BucketPolicy' && document?.Statement?.some(grantsLogDelivery)) {
        destinationPolicyBytes = Math.max(destinationPolicyBytes, deployedPolicyBytes(document, 63));
      }
    }
  }
  return { stacks: templates.length, templateBytes, resources, maxResourcesPerStack, destinationPolicyBytes, lambdaBacked };
}

function grantsLogDelivery(statement: unknown): boolean {
  const service = (statement as { Principal?: { Service?: unknown } }).Principal?.Service;
  return service === 'logging.s3.amazonaws.com' || (Array.isArray(service) && service.includes('logging.s3.amazonaws.com'));
}

// ---------------------------------------------------------------------------------------------
// Reporting

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function inProcessMs(sample: Sample): number {
  return sample.defineMs + sample.synthMs;
}

/** The median of the per-run ratios of `cell`'s wall time to the hand-wired app's of the same group. */
function wallRatio(cells: Cell[], cell: Cell): number | undefined {
  const hand = cells.find(c => c.group === cell.group && c.kind === 'hand-wired');
  if (!hand || cell === hand) {
    return undefined;
  }
  return median(cell.samples.map((sample, run) => sample.wallMs / hand.samples[run].wallMs));
}

/** The median share of the app's define + synth time spent in our checks. */
function checksShare(cell: Cell): number {
  return median(cell.samples.map(sample => sample.checksMs / inProcessMs(sample)));
}

function wouldDeploy(shape: AppShape): string {
  const reasons: string[] = [];
  if (shape.destinationPolicyBytes > BUCKET_POLICY_LIMIT_BYTES) {
    reasons.push('policy > 20 KB');
  }
  if (shape.maxResourcesPerStack > STACK_RESOURCE_LIMIT) {
    reasons.push(`> ${STACK_RESOURCE_LIMIT} resources in a stack`);
  }
  return reasons.length === 0 ? 'yes' : `no (${reasons.join(', ')})`;
}

function printHeader(cdk: CdkUnderTest, runs: number, groups: Group[]): void {
  const cpus = os.cpus();
  console.log('## Synth: this library against hand-wired aws-cdk-lib\n');
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB; `
    + `load average ${loadAverage()} at the start`);
  console.log(`versions: node ${process.version}, aws-cdk-lib ${cdk.version}, constructs ${cdk.constructsVersion} `
    + `(from ${path.relative(REPO, cdk.root)}/)`);
  if (cdk.note) {
    console.log(`note: ${cdk.note}`);
  }
  console.log('apps: N source buckets (SSE-S3, public access blocked, TLS enforced, ACLs disabled, date-based log keys) logging into one '
    + 'shared versioned destination, in stacks of 100 sources; hand-wired = s3.Bucket with serverAccessLogsBucket and '
    + '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy on (so both grant by policy); distinct prefixes = AccessLoggedBuckets and '
    + 's3.Buckets in turn, each with a log file prefix of its own, into one AccessLogsBucket (measured on the first run only).');
  console.log(`method: ${runs} run(s), every app synthesized in a fresh node process each run; medians over the runs. `
    + 'With CDK_VALIDATION=false the apps of one size take turns, in an order that alternates between runs; '
    + 'with the default validation the apps of one size run at the same time, one per core.');
  const validated = groups.filter(g => g.validation === 'default');
  const unvalidated = [...new Set(groups.filter(g => g.validation === 'off' && g.kinds.length > 1).map(g => g.sources))]
    .filter(sources => !validated.some(g => g.sources === sources));
  if (validated.length > 0) {
    console.log(`not measured with the default validation: ${[...unvalidated.map(n => `${n.toLocaleString('en-US')} sources`), 'the enable() app'].join(', ')} `
      + '(each validated synth takes seconds; BENCH_VALIDATED_SIZES=1,100,1000 adds sizes).');
  }
  console.log('');
}

function loadAverage(): string {
  return os.loadavg().map(l => l.toFixed(1)).join(' ');
}

const COLUMNS = [
  'validation', 'sources', 'app', 'wall s', 'vs hand', 'peak RSS MB', 'template B / source', 'resources / source',
  'destination policy B', '< 20 KB', 'our checks ms', 'checks / synth', 'enable() aspect ms', 'Lambda-backed', 'would deploy',
];

function formatTable(cells: Cell[]): string {
  const rows = cells.map(cell => {
    const { group, kind, samples } = cell;
    const shape = cell.shape!;
    const ours = kind !== 'hand-wired';
    const ratio = wallRatio(cells, cell);
    return [
      group.validation === 'off' ? 'CDK_VALIDATION=false' : 'default',
      group.sources.toLocaleString('en-US'),
      kind,
      (median(samples.map(s => s.wallMs)) / 1000).toFixed(2),
      ratio === undefined ? '' : `${ratio.toFixed(2)}x`,
      (median(samples.map(s => s.maxRssKb)) / 1024).toFixed(0),
      Math.round(shape.templateBytes / group.sources).toLocaleString('en-US'),
      (shape.resources / group.sources).toFixed(2),
      shape.destinationPolicyBytes.toLocaleString('en-US'),
      shape.destinationPolicyBytes <= BUCKET_POLICY_LIMIT_BYTES ? 'yes' : 'no',
      ours ? median(samples.map(s => s.checksMs)).toFixed(0) : '',
      ours ? `${(checksShare(cell) * 100).toFixed(1)}%` : '',
      kind === 'enable()' ? median(samples.map(s => s.aspectMs)).toFixed(0) : '',
      String(shape.lambdaBacked),
      wouldDeploy(shape),
    ];
  });
  return `\n${markdownTable(COLUMNS, rows)}\n\n`
    + 'wall s: the whole child process (node start-up, loading, define, synth). vs hand: median of the per-run ratios to hand-wired. '
    + 'destination policy B: its deployed size with every generated name 63 characters long (S3\'s longest). '
    + 'our checks ms: model building and every check, measured in the child; checks / synth: their share of define + synth. '
    + 'Lambda-backed: Custom::*, AWS::CloudFormation::CustomResource and AWS::Lambda::Function resources.';
}

function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map(row => row[i].length)));
  const numeric = header.map((_, i) => rows.every(row => row[i] === '' || /^[\d.,]+(x|%)?$/.test(row[i])));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (numeric[i] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function evaluateTargets(cells: Cell[]): TargetResult[] {
  const targets: TargetResult[] = [];
  const find = (validation: Validation, sources: number, kind: AppKind) =>
    cells.find(c => c.group.validation === validation && c.group.sources === sources && c.kind === kind);
  const top = Math.max(...SIZES);
  for (const kind of ['AccessLoggedBucket', 'enable()'] as const) {
    const cell = find('off', top, kind)!;
    const ratio = wallRatio(cells, cell)!;
    targets.push({
      name: `${kind} wall time at ${top.toLocaleString('en-US')} sources vs hand-wired (CDK_VALIDATION=false)`,
      result: `${ratio.toFixed(2)}x`,
      target: `<= ${TARGETS.wallRatio.toFixed(2)}x`,
      pass: ratio <= TARGETS.wallRatio,
    });
    const share = checksShare(cell);
    targets.push({
      name: `${kind}: our checks' share of define + synth at ${top.toLocaleString('en-US')} sources`,
      result: `${(share * 100).toFixed(1)}%`,
      target: `< ${(TARGETS.checksShare * 100).toFixed(0)}%`,
      pass: share < TARGETS.checksShare,
    });
    const larger = find('off', LINEARITY_SOURCES, kind);
    if (larger) {
      const growth = median(larger.samples.map(s => s.checksMs)) / median(cell.samples.map(s => s.checksMs));
      targets.push({
        name: `${kind}: our checks at ${LINEARITY_SOURCES.toLocaleString('en-US')} sources vs ${top.toLocaleString('en-US')} (linear)`,
        result: `${growth.toFixed(2)}x`,
        target: `<= ${TARGETS.checksLinearity.toFixed(1)}x`,
        pass: growth <= TARGETS.checksLinearity,
      });
    }
    targets.push({
      name: `${kind}: destination policy at ${top.toLocaleString('en-US')} sources (63-character names)`,
      result: `${cell.shape!.destinationPolicyBytes.toLocaleString('en-US')} B`,
      target: `< ${TARGETS.policyBytes.toLocaleString('en-US')} B`,
      pass: cell.shape!.destinationPolicyBytes < TARGETS.policyBytes,
    });
  }
  const distinct = cells.find(c => c.kind === 'distinct prefixes');
  if (distinct) {
    const bytes = distinct.shape!.destinationPolicyBytes;
    targets.push({
      name: `distinct prefixes: destination policy at ${DISTINCT_PREFIX_SOURCES.toLocaleString('en-US')} sources, a prefix each (63-character names)`,
      result: `${bytes.toLocaleString('en-US')} B`,
      target: `< ${TARGETS.distinctPrefixPolicyBytes.toLocaleString('en-US')} B`,
      pass: bytes < TARGETS.distinctPrefixPolicyBytes,
    });
  }
  const lambdaBacked = cells.filter(c => c.kind !== 'hand-wired').reduce((sum, c) => sum + c.shape!.lambdaBacked, 0);
  targets.push({
    name: 'Lambda-backed custom resources in every template of ours',
    result: String(lambdaBacked),
    target: '0',
    pass: lambdaBacked === 0,
  });
  return targets;
}

function formatTargets(targets: TargetResult[]): string {
  const rows = targets.map(t => [t.name, t.result, t.target, t.pass ? 'PASS' : 'FAIL']);
  return `\n### Targets\n\n${markdownTable(['target', 'measured', 'target', ''], rows)}`;
}
