import { CfnOutput, Stack, Stage, Token } from 'aws-cdk-lib';
import { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { AccessLogsBucket, AccessLogsBucketProps } from '../buckets/access-logs-bucket';
import { ownerOf } from '../private/bucket-constructs';
import { constructsOfStage } from '../private/constructs-of-stage';
import { ConstructFact, DESTINATION_OF_ONE_SOURCE, LOG_DESTINATION, WIDE_BY_DESIGN } from '../private/roles';

/** Where app-wide enablement may find or put destinations. */
export interface PlacementSettings {
  /** The path `enable()` was called on, for messages. */
  readonly scopePath: string;
  readonly givenDestinations: IBucket[];
  readonly createDestinations: boolean;
  readonly destinationBucketProps?: AccessLogsBucketProps;
  /** When `enable()` was called on a stack or below it, the destination it defines goes in that stack. */
  readonly hostStack?: Stack;
}

/** The id of the stack that holds the destination of one account and Region, under its stage. */
export const DESTINATION_STACK_ID_PREFIX = 'AccessLogs';
/** The id of a destination this library defines, in its stack. */
export const DESTINATION_ID = 'AccessLogsDestination';

/**
 * Destinations defined for app-wide enablement, by environment, recorded on the stage (or host stack)
 * they serve: a second `enable()` on the same stage, even from another copy of this package, uses them.
 */
const DEFINED_DESTINATIONS = new ConstructFact<Map<string, IBucket>>('enabledDestinations');

/**
 * Chooses each source's destination: a given one in the source's account, Region and stage, or
 * one defined for them (one per account and Region, in a stack of its own under the stage).
 * S3 delivers server access logs only within one account and Region, and no reference crosses stages.
 */
export class DestinationPlacement {
  /** The `AccessLogsBucket`s the app defined on its own (by any copy of this package), found on first need. */
  private standalone?: IBucket[];

  constructor(private readonly settings: PlacementSettings) {
    assertOneGivenDestinationPerEnvironment(settings);
  }

  /** Whether `bucket` is the L1 of a given destination. */
  public isGivenDestination(bucket: CfnBucket): boolean {
    return this.settings.givenDestinations.some(destination => destination.node.defaultChild === bucket);
  }

  /** The destination for `source`, defining it when needed; throws when there is none and none may be defined. */
  public destinationFor(source: CfnBucket): IBucket {
    const sourceStack = Stack.of(source);
    const given = this.settings.givenDestinations.find(destination => canServe(destination, sourceStack));
    if (given) {
      return given;
    }
    if (!this.settings.createDestinations) {
      throw new Error(`${source.node.path}: AccessLogs.of(${this.settings.scopePath}).enable() has no destination for `
        + `${describeEnvironment(sourceStack)}: no bucket of destinationBuckets is there (${describeGiven(this.settings.givenDestinations)}), `
        + 'and createDestinations is false. S3 delivers server access logs only within one account and Region. '
        + `Add a bucket in ${describeEnvironment(sourceStack)} to destinationBuckets, or exclude this bucket.`);
    }
    return this.definedDestination(sourceStack);
  }

  private definedDestination(sourceStack: Stack): IBucket {
    const host = this.settings.hostStack ?? Stage.of(sourceStack) ?? sourceStack.node.root;
    const byEnvironment = DEFINED_DESTINATIONS.getOrCreate(host, () => new Map());
    const key = environmentKey(sourceStack);
    let destination = byEnvironment.get(key) ?? this.standaloneDestinationFor(host, sourceStack);
    if (destination) {
      byEnvironment.set(key, destination);
    } else {
      destination = this.settings.hostStack
        ? new AccessLogsBucket(this.settings.hostStack, DESTINATION_ID, this.settings.destinationBucketProps)
        : this.destinationInStackOfItsOwn(host, sourceStack);
      byEnvironment.set(key, destination);
    }
    return destination;
  }

  /**
   * The one `AccessLogsBucket` of the source's account and Region that the app defines on its own
   * (not one an `AccessLoggedBucket` defined for itself), under `host`: an environment that already
   * has a log archive gets no second one. Several are a question only the user can answer.
   */
  private standaloneDestinationFor(host: IConstruct, sourceStack: Stack): IBucket | undefined {
    this.standalone ??= constructsOfStage(host)
      .filter((construct): construct is CfnBucket => construct instanceof CfnBucket && LOG_DESTINATION.has(construct)
        && !DESTINATION_OF_ONE_SOURCE.has(construct) && !WIDE_BY_DESIGN.has(construct))
      // By the brand, not `instanceof`: another copy of this package may have defined it.
      .map(cfn => ownerOf(cfn) as IBucket);
    const candidates = this.standalone.filter(destination => canServe(destination, sourceStack));
    if (candidates.length > 1) {
      throw new Error(`AccessLogs.of(${this.settings.scopePath}).enable(): ${describeEnvironment(sourceStack)} has several AccessLogsBuckets `
        + `(${candidates.map(candidate => candidate.node.path).join(', ')}), and any of them could receive the logs of its buckets. `
        + 'Say which in destinationBuckets.');
    }
    return candidates[0];
  }

  private destinationInStackOfItsOwn(stage: IConstruct, sourceStack: Stack): AccessLogsBucket {
    const id = destinationStackId(sourceStack);
    const existing = stage.node.tryFindChild(id);
    if (existing) {
      throw new Error(`${existing.node.path}: AccessLogs.of(${this.settings.scopePath}).enable() defines the destination for `
        + `${describeEnvironment(sourceStack)} in a stack with this id, and the id is taken. `
        + `Rename that construct, or give a destination in ${describeEnvironment(sourceStack)} in destinationBuckets.`);
    }
    const stack = new Stack(stage, id, {
      env: {
        account: Token.isUnresolved(sourceStack.account) ? undefined : sourceStack.account,
        region: Token.isUnresolved(sourceStack.region) ? undefined : sourceStack.region,
      },
      description: `Amazon S3 server access logs of ${describeEnvironment(sourceStack)}; the bucket policy admits the logs of every bucket `
        + 'of the account (aws:SourceAccount), as its sources are in other stacks (cdk-s3-access-logs)',
    });
    const destination = new AccessLogsBucket(stack, DESTINATION_ID, this.settings.destinationBucketProps);
    WIDE_BY_DESIGN.mark(destination.node.defaultChild!);
    new CfnOutput(stack, 'DestinationBucketName', {
      value: destination.bucketName,
      description: `The bucket that receives the server access logs of ${describeEnvironment(sourceStack)}`,
    });
    return destination;
  }
}

/**
 * A given destination serves a source in the same account and Region, literally (or both unknown
 * in the same way), and, when the destination is defined in the app, in the same stage.
 */
function canServe(destination: IBucket, sourceStack: Stack): boolean {
  if (destination.env.account !== sourceStack.account || destination.env.region !== sourceStack.region) {
    return false;
  }
  const definedInApp = destination.node.defaultChild instanceof CfnBucket;
  return !definedInApp || Stage.of(destination) === Stage.of(sourceStack);
}

function assertOneGivenDestinationPerEnvironment(settings: PlacementSettings): void {
  const seen = new Map<string, IBucket>();
  for (const destination of settings.givenDestinations) {
    const stage = destination.node.defaultChild instanceof CfnBucket ? Stage.of(destination)?.node.path ?? '' : '*';
    const key = `${stage}\u0000${destination.env.account}\u0000${destination.env.region}`;
    const other = seen.get(key);
    if (other) {
      throw new Error(`AccessLogs.of(${settings.scopePath}).enable(): destinationBuckets has two buckets for the same account and Region, `
        + `${other.node.path} and ${destination.node.path}; each source would have two candidates. Give one destination per account and Region.`);
    }
    seen.set(key, destination);
  }
}

function environmentKey(stack: Stack): string {
  return `${stack.account}\u0000${stack.region}`;
}

/** `AccessLogs-<account>-<region>`, leaving out what is unknown at synth. */
function destinationStackId(stack: Stack): string {
  const known = [stack.account, stack.region].filter(value => !Token.isUnresolved(value));
  return [DESTINATION_STACK_ID_PREFIX, ...known].join('-');
}

function describeEnvironment(environment: { readonly account: string; readonly region: string }): string {
  const account = Token.isUnresolved(environment.account) ? 'the deploy-time account' : `account ${environment.account}`;
  const region = Token.isUnresolved(environment.region) ? 'the deploy-time Region' : environment.region;
  return `${account} in ${region}`;
}

function describeGiven(destinations: IBucket[]): string {
  if (destinations.length === 0) {
    return 'none was given';
  }
  return destinations.map(destination => `${destination.node.path}: ${describeEnvironment(destination.env)}`).join(', ');
}
