/**
 * One measured synth, in a process of its own: `node synth-child.js '<SynthRequest as JSON>'`.
 *
 * Defines one app of the benchmark, synthesizes it into `outdir`, and prints one line
 * `BENCH_RESULT <SynthMeasurement as JSON>` on stdout. A fresh process per app keeps peak RSS and
 * module caches its own, as in `cdk synth`.
 *
 * The time spent in this library's checks and in the `enable()` Aspect is measured here, from the
 * outside: the child wraps the module exports that the library calls through (`buildLoggingModel`,
 * `runChecksInEveryBranch`) and the Aspect's `visit`, so the library itself carries no timing code.
 */
import { performance } from 'perf_hooks';
import { RESULT_MARKER, SynthMeasurement, SynthRequest } from './synth-protocol';

type Mutable = Record<string, any>;

/**
 * `require`, on purpose: a module is loaded when (and only when) the app needs it, inside the timed
 * span, so that the hand-wired app never loads this library.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (id: string): unknown => require(id);

interface Timer {
  ms: number;
  calls: number;
  /** Calls of this timer's function under way (a call inside another timed call is counted by the outer timer only). */
  active: number;
}

function timer(): Timer {
  return { ms: 0, calls: 0, active: 0 };
}

/**
 * Replace `owner[name]` (a function) by one that adds its run time to `timer`, unless it is called
 * inside a call timed by `outer` (which counts that time already).
 */
function timeCalls(owner: Mutable, name: string, counted: Timer, outer?: Timer): void {
  const original = owner[name];
  if (typeof original !== 'function') {
    throw new Error(`synth benchmark: ${name} is not a function any more; update the timing hooks in synth-child.ts`);
  }
  owner[name] = function timed(this: unknown, ...args: unknown[]) {
    if (outer && outer.active > 0) {
      return original.apply(this, args);
    }
    const start = performance.now();
    counted.active += 1;
    try {
      return original.apply(this, args);
    } finally {
      counted.active -= 1;
      counted.ms += performance.now() - start;
      counted.calls += 1;
    }
  };
}

function main(request: SynthRequest): SynthMeasurement {
  const startupMs = performance.now();

  const cdk = load('aws-cdk-lib') as typeof import('aws-cdk-lib');
  load('aws-cdk-lib/aws-s3');
  const apps = load('./synth-apps') as typeof import('./synth-apps');
  const model = timer();
  const checks = timer();
  const aspect = timer();
  let define = apps.handWiredApp;
  if (request.kind !== 'hand-wired') {
    const ours = load('./synth-apps-ours') as typeof import('./synth-apps-ours');
    // The app-wide pass is `runChecksInEveryBranch(branch => buildLoggingModel(stage, branch))`, called
    // through these module objects; the Aspects build the model too (that time counts as the model's).
    timeCalls(load('../../src/checks/run-checks') as Mutable, 'runChecksInEveryBranch', checks);
    timeCalls(load('../../src/checks/build-model') as Mutable, 'buildLoggingModel', model, checks);
    const enableAspect = load('../../src/appwide/enable-aspect') as typeof import('../../src/appwide/enable-aspect');
    timeCalls(enableAspect.EnableAccessLogsAspect.prototype as unknown as Mutable, 'visit', aspect);
    define = request.kind === 'AccessLoggedBucket' ? ours.accessLoggedBucketApp
      : request.kind === 'distinct prefixes' ? ours.distinctPrefixesApp : ours.enableApp;
  }
  const loaded = performance.now();

  const app = new cdk.App({ outdir: request.outdir, context: apps.APP_CONTEXT });
  define(app, request.sources);
  const defined = performance.now();

  app.synth();
  const synthesized = performance.now();

  if (request.kind !== 'hand-wired' && checks.calls === 0) {
    throw new Error('synth benchmark: the checks never ran, or no longer run through runChecksInEveryBranch; update synth-child.ts');
  }
  return {
    startupMs,
    loadMs: loaded - startupMs,
    defineMs: defined - loaded,
    synthMs: synthesized - defined,
    checksMs: model.ms + checks.ms,
    checkRuns: checks.calls,
    aspectMs: aspect.ms,
    maxRssKb: 0,
    cpuMs: 0,
  };
}

try {
  const measurement = main(JSON.parse(process.argv[2]) as SynthRequest);
  // Peak RSS and CPU time are read as the process exits: aws-cdk-lib's template validation goes on
  // working after `app.synth()` returns. (Writes to a pipe are synchronous on Linux: the line is not lost.)
  process.once('exit', () => {
    const usage = process.resourceUsage();
    const result: SynthMeasurement = { ...measurement, maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
    process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
  });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
