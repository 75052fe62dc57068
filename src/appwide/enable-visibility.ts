import { Stack, Stage, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { buildLoggingModel } from '../checks/build-model';
import { bucketsReceivingTrailLogs } from '../checks/model';
import { ownerOf } from '../private/bucket-constructs';
import { TRAIL_BUCKET } from '../private/roles';
import { assertSameEnvironment } from '../private/same-environment';
import { CloudWatchLogsDelivery, CloudWatchLogsDeliveryOptions } from '../visibility/cloudwatch-logs-delivery';
import { DataEventsOptions, DataEventsTrail } from '../visibility/data-events-trail';
import { defineLogGroup, DestinationKind, destinationKindOf, sameBucket } from '../visibility/delivery-destinations';

/** The id of the stack that holds the data-events trail of one account and Region, under its stage. */
export const DATA_EVENTS_STACK_ID_PREFIX = 'AccessLogsDataEvents';
/** The id of the log group `AccessLogs.enable()` defines in each source stack. */
export const ENABLE_LOG_GROUP_ID = 'AccessLogsLogGroup';

/** What `AccessLogs.of(scope).enable()` asks for. */
export interface EnableVisibilitySettings {
  readonly scopePath: string;
  readonly cloudWatchLogs?: CloudWatchLogsDeliveryOptions;
  readonly dataEvents?: DataEventsOptions;
  /** When `enable()` was called on a stack or below it, the trail it defines goes in that stack. */
  readonly hostStack?: Stack;
  /** Turn server access logging on for a bucket this defines (a trail's bucket). */
  readonly enableServerAccessLogs: (bucket: s3.CfnBucket) => void;
}

/**
 * The channels of app-wide enablement, for the buckets it enables.
 *
 * CloudWatch Logs: each source gets its delivery, into the given log group or one log group per
 * source stack (`AccessLogsLogGroup`), so that no stack references another for it.
 *
 * Data events: the given trail, or one `DataEventsTrail` per account and Region, in a stack of its own
 * (`AccessLogsDataEvents-<account>-<region>`, which depends on the source stacks for their ARNs; in the
 * destination stack it would be a dependency cycle), or in the stack `enable()` was called on. A
 * bucket that receives CloudTrail log files is never recorded.
 */
export class EnableVisibility {
  private receivingTrailLogs?: (bucket: s3.CfnBucket) => boolean;
  private readonly trails = new Map<string, DataEventsTrail>();
  private readonly cloudWatchLogsKind?: DestinationKind;

  constructor(private readonly settings: EnableVisibilitySettings) {
    if (settings.cloudWatchLogs?.logGroup && settings.cloudWatchLogs.retention !== undefined) {
      throw new Error(`AccessLogs.of(${settings.scopePath}).enable(): cloudWatchLogs.logGroup and cloudWatchLogs.retention cannot both be given. `
        + 'Set the retention on your log group, or leave logGroup out to have one defined in each stack with this retention.');
    }
    this.cloudWatchLogsKind = settings.cloudWatchLogs
      ? destinationKindOf(`AccessLogs.of(${settings.scopePath}).enable(): cloudWatchLogs.`, settings.cloudWatchLogs)
      : undefined;
  }

  /** Define the trails that `sources` need, before aspects list the scope's children (so that their stacks are visited too). */
  public prepare(stageRoot: IConstruct, sources: s3.CfnBucket[]): void {
    const model = buildLoggingModel(stageRoot);
    const receiving = bucketsReceivingTrailLogs(model);
    this.receivingTrailLogs = bucket => {
      const node = model.nodeOf(bucket);
      return node !== undefined && receiving.has(node);
    };
    if (this.settings.dataEvents && !this.settings.dataEvents.trail) {
      for (const source of sources.filter(bucket => this.recordsDataEventsOf(bucket))) {
        this.trailFor(source);
      }
    }
  }

  /** Define the channels of one enabled bucket. */
  public enable(bucket: s3.CfnBucket): void {
    const { cloudWatchLogs, dataEvents } = this.settings;
    if (isTrailBucket(bucket, this.receivingTrailLogs)) {
      // A trail's bucket is log infrastructure: its server access logs suffice.
      return;
    }
    if (cloudWatchLogs && !this.isVendedLogsDestination(bucket)) {
      const { parent, id } = childPlace(bucket, 'AccessLogsCloudWatchDelivery');
      // One log group per stack, unless the destination is a bucket, a stream or another account's.
      const toLogGroup = this.cloudWatchLogsKind === DestinationKind.LOG_GROUP;
      new CloudWatchLogsDelivery(parent, id, {
        ...cloudWatchLogs,
        logGroup: toLogGroup ? cloudWatchLogs.logGroup ?? this.logGroupFor(bucket, cloudWatchLogs) : undefined,
        retention: undefined,
        encryptionKey: undefined,
        bucket: bucketOf(bucket),
      });
    }
    if (dataEvents && this.recordsDataEventsOf(bucket)) {
      if (dataEvents.trail) {
        assertSameEnvironment(ownerOf(bucket), 'trail', dataEvents.trail, 'A trail records the data events of buckets');
      }
      const trail = dataEvents.trail ?? this.trailFor(bucket);
      trail.recordDataEvents(bucketOf(bucket), dataEvents.readWriteType);
    }
  }

  /** Whether `bucket` is the `destinationBucket` of the vended logs: its own would be delivered into itself. */
  private isVendedLogsDestination(bucket: s3.CfnBucket): boolean {
    const destination = this.settings.cloudWatchLogs?.destinationBucket;
    return destination !== undefined && sameBucket(destination, bucketOf(bucket));
  }

  private recordsDataEventsOf(bucket: s3.CfnBucket): boolean {
    return !isTrailBucket(bucket, this.receivingTrailLogs);
  }

  private logGroupFor(bucket: s3.CfnBucket, options: CloudWatchLogsDeliveryOptions): logs.ILogGroup {
    const stack = Stack.of(bucket);
    const existing = stack.node.tryFindChild(ENABLE_LOG_GROUP_ID);
    if (existing) {
      if (!(existing instanceof logs.LogGroup)) {
        throw new Error(`${existing.node.path}: AccessLogs.of(${this.settings.scopePath}).enable() defines the log group of this stack's `
          + 'access logs with this id, and the id is taken. Rename that construct, or give cloudWatchLogs.logGroup.');
      }
      return existing;
    }
    return defineLogGroup(stack, ENABLE_LOG_GROUP_ID, { retention: options.retention, encryptionKey: options.encryptionKey });
  }

  private trailFor(source: s3.CfnBucket): DataEventsTrail {
    const sourceStack = Stack.of(source);
    const stage = Stage.of(sourceStack) ?? sourceStack.node.root;
    const key = `${stage.node.path}\u0000${sourceStack.account}\u0000${sourceStack.region}`;
    let trail = this.trails.get(key);
    if (!trail) {
      const host = this.settings.hostStack ?? this.trailStack(stage, sourceStack);
      trail = new DataEventsTrail(host, 'AccessLogsDataEventsTrail');
      this.settings.enableServerAccessLogs(trail.bucket.node.defaultChild as s3.CfnBucket);
      this.trails.set(key, trail);
    }
    return trail;
  }

  private trailStack(stage: IConstruct, sourceStack: Stack): Stack {
    const known = [sourceStack.account, sourceStack.region].filter(value => !Token.isUnresolved(value));
    const id = [DATA_EVENTS_STACK_ID_PREFIX, ...known].join('-');
    const existing = stage.node.tryFindChild(id);
    if (existing) {
      throw new Error(`${existing.node.path}: AccessLogs.of(${this.settings.scopePath}).enable() defines the CloudTrail data-events trail of `
        + 'this account and Region in a stack with this id, and the id is taken. Rename that construct, or give dataEvents.trail.');
    }
    return new Stack(stage, id, {
      env: {
        account: Token.isUnresolved(sourceStack.account) ? undefined : sourceStack.account,
        region: Token.isUnresolved(sourceStack.region) ? undefined : sourceStack.region,
      },
      description: 'AWS CloudTrail trail recording the Amazon S3 data events of the buckets of this account and Region that '
        + 'AccessLogs.enable() turned logging on for (cdk-s3-access-logs)',
    });
  }
}

/** Whether a bucket receives a trail's log files: as the model found when enablement started, or as one of our trails' buckets defined since. */
function isTrailBucket(bucket: s3.CfnBucket, receivingTrailLogs: ((bucket: s3.CfnBucket) => boolean) | undefined): boolean {
  return (receivingTrailLogs?.(bucket) ?? false) || TRAIL_BUCKET.has(bucket);
}

/** The L2 of an L1 bucket when it is its default child, else the L1 seen as an `IBucket`. */
function bucketOf(bucket: s3.CfnBucket): s3.IBucket {
  const parent = bucket.node.scope;
  if (parent instanceof s3.BucketBase && parent.node.defaultChild === bucket) {
    return parent;
  }
  return s3.Bucket.fromCfnBucket(bucket);
}

/** Where to define a construct that belongs to a bucket: beside the L2, or beside a bare L1. */
function childPlace(bucket: s3.CfnBucket, id: string): { parent: Construct; id: string } {
  const parent = bucket.node.scope as Construct;
  return parent.node.defaultChild === bucket
    ? { parent, id }
    : { parent, id: `${bucket.node.id}${id}` };
}
