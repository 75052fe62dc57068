import { IConstruct } from 'constructs';

/**
 * Facts this library records on constructs: that a bucket receives server access logs, that its
 * logging was turned off on purpose, that it receives a trail's log files, ...
 *
 * They live on the constructs themselves, under `Symbol.for` keys, and never in module-level maps:
 * two copies of this package loaded into one app (a monorepo with two installs) then read and write
 * the same facts, as one copy would.
 */

/** A fact recorded on a construct: its key is shared by every copy of this package. */
export class ConstructFact<T> {
  private readonly key: symbol;

  constructor(name: string) {
    this.key = Symbol.for(`cdk-s3-access-logs.${name}`);
  }

  /** The value recorded on `construct`, if any. */
  public get(construct: IConstruct): T | undefined {
    return (construct as unknown as Record<symbol, T | undefined>)[this.key];
  }

  /** Record `value` on `construct` (not enumerable, so it stays out of every listing of its members). */
  public set(construct: IConstruct, value: T): T {
    Object.defineProperty(construct, this.key, { value, configurable: true, enumerable: false, writable: true });
    return value;
  }

  /** The value recorded on `construct`, recording `create()` first when there is none. */
  public getOrCreate(construct: IConstruct, create: () => T): T {
    return this.get(construct) ?? this.set(construct, create());
  }

  /** Whether `construct` has this fact (a brand). */
  public has(construct: IConstruct): boolean {
    return this.get(construct) !== undefined;
  }
}

/** A fact that a construct either has or has not. */
export class ConstructBrand {
  private readonly fact: ConstructFact<true>;

  constructor(name: string) {
    this.fact = new ConstructFact<true>(name);
  }

  public mark(construct: IConstruct): void {
    this.fact.set(construct, true);
  }

  public has(construct: IConstruct): boolean {
    return this.fact.has(construct);
  }
}

/** The L1 bucket of an `AccessLogsBucket`: made to receive server access logs. */
export const LOG_DESTINATION = new ConstructBrand('logDestination');

/**
 * The L1 bucket of an `AccessLogsBucket` that an `AccessLoggedBucket` defined for its own source: not
 * a log archive that app-wide enablement may send other buckets' logs to.
 */
export const DESTINATION_OF_ONE_SOURCE = new ConstructBrand('destinationOfOneSource');

/** The L1 bucket of an `AccessLoggedBucket` with `enabled: false`: app-wide enablement leaves it off. */
export const LOGGING_OPTED_OUT = new ConstructBrand('loggingOptedOut');

/** The L1 bucket of a `DataEventsTrail`: receives a trail's log files, so its data events are never recorded. */
export const TRAIL_BUCKET = new ConstructBrand('trailBucket');

/**
 * The L1 bucket of a destination whose delivery grant accepts every bucket of its account by design:
 * one that `AccessLogs.enable()` defined in a stack of its own, whose sources are all in other
 * stacks. Its stack description and the README say so; a warning there could be neither acted on
 * nor acknowledged (aws-cdk-lib matches acknowledgements on scopes below the app only).
 */
export const WIDE_BY_DESIGN = new ConstructBrand('grantWideByDesign');

/**
 * The Logs Insights query definitions over a log group, recorded on the log group: deliveries that
 * share it (as `enable()`'s one log group per stack) share one set of queries.
 */
export const LOG_GROUP_QUERY_DEFINITIONS = new ConstructFact<unknown[]>('logGroupQueryDefinitions');
