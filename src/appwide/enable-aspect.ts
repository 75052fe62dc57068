import { Annotations, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { DestinationPlacement } from './destination-placement';
import { EnableAccessLogsOptions, IAccessLogsFilter } from './enable-access-logs-options';
import { EnableVisibility } from './enable-visibility';
import { buildLoggingModel, stageDeliversLogs } from '../checks/build-model';
import { checkId } from '../checks/finding';
import { bucketsReceivingServerAccessLogs } from '../checks/model';
import { configureServerAccessLogs } from '../delivery/server-access-logs';
import { stageRootOf } from '../private/bucket-constructs';
import { constructsOfStage } from '../private/constructs-of-stage';
import { defaultKeyFormat, isSimpleKeyFormat } from '../private/key-format';
import { normalizeLogFilePrefix, warnIfUnresolvedPrefix } from '../private/log-file-prefix';
import { LOG_DESTINATION, LOGGING_OPTED_OUT } from '../private/roles';

/** Warning: an `AWS::S3::Bucket` defined as a plain `CfnResource`, whose logging this library cannot set. */
export const BUCKET_NOT_ENABLED = checkId('bucketNotEnabled');

/**
 * The Aspect behind `AccessLogs.of(scope).enable()`: turns server access logging on for every
 * `AWS::S3::Bucket` under its scope (L1 and L2 alike), in one stage.
 *
 * On its first visit (the scope itself) it finds every bucket that receives logs in the stage, and
 * defines the destinations the scope's buckets need, before aws-cdk-lib lists the scope's children:
 * that way a destination stack it adds is visited by the app's other aspects too. Each bucket is
 * then configured when visited, so buckets that other aspects add are enabled as well.
 */
export class EnableAccessLogsAspect implements IAspect {
  private readonly placement: DestinationPlacement;
  private readonly excluded: Set<IConstruct>;
  private readonly logFilePrefix: string;
  private readonly keyFormat: s3.TargetObjectKeyFormat;
  /** Whether a bucket receives server access logs, as the stage's model said when this Aspect first ran. */
  private receivesLogs?: (bucket: s3.CfnBucket) => boolean;
  /** CloudWatch Logs delivery and CloudTrail data events, when asked for. */
  private readonly visibility?: EnableVisibility;

  constructor(private readonly scope: IConstruct, private readonly options: EnableAccessLogsOptions) {
    this.placement = new DestinationPlacement({
      scopePath: scope.node.path || '<app>',
      givenDestinations: options.destinationBuckets ?? [],
      createDestinations: options.createDestinations ?? true,
      destinationBucketProps: options.destinationBucketProps,
      hostStack: stackHolding(scope),
    });
    this.excluded = new Set(options.exclude ?? []);
    warnIfUnresolvedPrefix(scope, 'AccessLogs.enable() logFilePrefix', options.logFilePrefix);
    this.logFilePrefix = normalizeLogFilePrefix(options.logFilePrefix);
    this.keyFormat = options.targetObjectKeyFormat ?? defaultKeyFormat();
    if (options.cloudWatchLogs || options.dataEvents) {
      this.visibility = new EnableVisibility({
        scopePath: scope.node.path || '<app>',
        cloudWatchLogs: options.cloudWatchLogs,
        dataEvents: options.dataEvents,
        hostStack: stackHolding(scope),
        enableServerAccessLogs: bucket => this.enableServerAccessLogs(bucket),
      });
    }
  }

  public visit(node: IConstruct): void {
    if (!this.receivesLogs) {
      this.receivesLogs = this.bucketsReceivingLogs(stageRootOf(this.scope));
      const sources = bucketsOf(this.scope).filter(bucket => this.shouldEnable(bucket));
      for (const bucket of sources) {
        this.placement.destinationFor(bucket);
      }
      this.visibility?.prepare(stageRootOf(this.scope), sources);
    }
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== s3.CfnBucket.CFN_RESOURCE_TYPE_NAME) {
      return;
    }
    if (!(node instanceof s3.CfnBucket)) {
      Annotations.of(node).addWarningV2(BUCKET_NOT_ENABLED, `${node.node.path} is an AWS::S3::Bucket defined as a plain CfnResource, whose logging `
        + 'configuration this library can neither read nor set, so AccessLogs.enable() leaves it as it is. Define it as s3.CfnBucket (or s3.Bucket), '
        + 'or turn its logging on by hand.');
      return;
    }
    if (this.shouldEnable(node)) {
      this.enable(node);
    }
  }

  /** Which buckets of the stage receive server access logs, before this Aspect enables any. */
  private bucketsReceivingLogs(stageRoot: IConstruct): (bucket: s3.CfnBucket) => boolean {
    if (!stageDeliversLogs(stageRoot)) {
      // Nothing logs yet (the usual first run on an app): no bucket receives logs, and no model is needed to say so.
      return () => false;
    }
    const model = buildLoggingModel(stageRoot);
    const receiving = bucketsReceivingServerAccessLogs(model);
    return bucket => {
      const bucketNode = model.nodeOf(bucket);
      return bucketNode !== undefined && receiving.has(bucketNode);
    };
  }

  private shouldEnable(bucket: s3.CfnBucket): boolean {
    if (LOGGING_OPTED_OUT.has(bucket) || LOG_DESTINATION.has(bucket) || this.placement.isGivenDestination(bucket)
      || this.receivesLogs?.(bucket) || this.isExcluded(bucket)) {
      return false;
    }
    if (bucket.loggingConfiguration !== undefined && !this.options.overwrite) {
      return false;
    }
    return passes(this.options.filter, bucket);
  }

  private isExcluded(bucket: s3.CfnBucket): boolean {
    return this.excluded.size > 0 && bucket.node.scopes.some(scope => this.excluded.has(scope));
  }

  private enable(bucket: s3.CfnBucket): void {
    this.enableServerAccessLogs(bucket);
    this.visibility?.enable(bucket);
  }

  private enableServerAccessLogs(bucket: s3.CfnBucket): void {
    const simple = isSimpleKeyFormat(this.keyFormat);
    configureServerAccessLogs(bucket, {
      destination: this.placement.destinationFor(bucket),
      // Sources sharing a destination are told apart by the date-based key format itself; with the
      // simple one, each writes under a prefix of its own (and one statement grants the common prefix).
      prefix: simple ? `${this.logFilePrefix}${sourcePrefix(bucket)}` : this.logFilePrefix,
      grantPrefix: this.logFilePrefix,
      keyFormat: this.keyFormat,
    });
  }
}

function passes(filter: IAccessLogsFilter | undefined, bucket: s3.CfnBucket): boolean {
  return filter === undefined || filter.shouldLog(bucket);
}

/** `<stack name>/[<nested stack id>/...]<logical id>/`: unique to the bucket within its app. */
export function sourcePrefix(bucket: s3.CfnBucket): string {
  const parts: string[] = [Stack.of(bucket).resolve(bucket.logicalId)];
  let stack: Stack | undefined = Stack.of(bucket);
  while (stack.nestedStackParent) {
    parts.unshift(stack.node.id);
    stack = stack.nestedStackParent;
  }
  parts.unshift(stack.stackName);
  return `${parts.join('/')}/`;
}

/** The stack that holds `scope`, or undefined when `scope` is above every stack (the app, a stage). */
function stackHolding(scope: IConstruct): Stack | undefined {
  return [...scope.node.scopes].reverse().find(construct => Stack.isStack(construct));
}

/** The L1 buckets under `root`, leaving out nested stages (synthesized, and enabled, on their own). */
function bucketsOf(root: IConstruct): s3.CfnBucket[] {
  return constructsOfStage(root).filter((construct): construct is s3.CfnBucket => construct instanceof s3.CfnBucket);
}
