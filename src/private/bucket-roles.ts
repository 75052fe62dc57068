import { IConstruct } from 'constructs';

/**
 * Roles that this library's constructs give their L1 buckets, for app-wide enablement to respect.
 */

const optedOut = new WeakSet<IConstruct>();
const logDestinations = new WeakSet<IConstruct>();

/** Record that a bucket's logging was turned off on purpose (`AccessLoggedBucket` with `enabled: false`). */
export function markLoggingOptedOut(bucket: IConstruct): void {
  optedOut.add(bucket);
}

/** Whether the L1 bucket's logging was turned off on purpose. */
export function isLoggingOptedOut(bucket: IConstruct): boolean {
  return optedOut.has(bucket);
}

/** Record that a bucket was made to receive server access logs (`AccessLogsBucket`). */
export function markLogDestination(bucket: IConstruct): void {
  logDestinations.add(bucket);
}

/** Whether the L1 bucket was made to receive server access logs. */
export function isLogDestination(bucket: IConstruct): boolean {
  return logDestinations.has(bucket);
}

const wideByDesign = new WeakSet<IConstruct>();

/**
 * Record that a destination's delivery grant accepts every bucket of its account by design: one that
 * `AccessLogs.enable()` defined in a stack of its own, whose sources are all in other stacks. Its
 * stack description and the README say so; a warning there could be neither acted on nor
 * acknowledged (aws-cdk-lib matches acknowledgements on scopes below the app only).
 */
export function markWideByDesign(bucket: IConstruct): void {
  wideByDesign.add(bucket);
}

/** Whether the L1 bucket's delivery grant accepts every bucket of its account by design. */
export function isWideByDesign(bucket: IConstruct): boolean {
  return wideByDesign.has(bucket);
}
