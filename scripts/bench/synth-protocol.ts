/**
 * What the synth benchmark's parent (`synth.ts`) and its children (`synth-child.ts`) say to each other.
 * No imports: the parent loads this without loading aws-cdk-lib.
 */

/**
 * The apps of the benchmark, by the name the table prints. `distinct prefixes` is a scale case, not a
 * comparison: every source with a log file prefix of its own.
 */
export const APP_KINDS = ['hand-wired', 'AccessLoggedBucket', 'enable()', 'distinct prefixes'] as const;
export type AppKind = typeof APP_KINDS[number];

/** What the parent asks a child to synthesize. */
export interface SynthRequest {
  readonly kind: AppKind;
  readonly sources: number;
  readonly outdir: string;
}

/** What a child measured, in milliseconds and kilobytes. */
export interface SynthMeasurement {
  /** From process start to the first line of this script (node and its bootstrap). */
  readonly startupMs: number;
  /** Loading aws-cdk-lib (and this library, for our apps). */
  readonly loadMs: number;
  /** Defining the construct tree. */
  readonly defineMs: number;
  /** `app.synth()`: aspects, validation (our checks, aws-cdk-lib's template validation), templates. */
  readonly synthMs: number;
  /** In our checks (model building and every check), summed over every stage's pass; 0 for hand-wired. */
  readonly checksMs: number;
  /** How often the checks ran (once per stage and synth). */
  readonly checkRuns: number;
  /** In the `enable()` Aspect's `visit`, summed; 0 where it is not used. */
  readonly aspectMs: number;
  /** Peak resident set size of this process. */
  readonly maxRssKb: number;
  /** CPU time (user and system) of this process. */
  readonly cpuMs: number;
}

export const RESULT_MARKER = 'BENCH_RESULT ';

