import { AspectPriority, Aspects, IAspect } from 'aws-cdk-lib';
import { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { grantLogDelivery, isGrantedDelivery, LogSource } from './log-delivery-grant';
import { resolvedLoggingOf } from '../checks/build-model';
import { referencedElement, ResolvedValue } from '../checks/reference-resolver';
import { ownerOf, stageRootOf } from '../private/bucket-constructs';
import { constructsOfStage } from '../private/constructs-of-stage';
import { literalBucketName } from '../private/literal-bucket-name';
import { ConstructBrand, LOG_DESTINATION } from '../private/roles';

/** A stage whose buckets are granted delivery into its `AccessLogsBucket`s (recorded on the stage). */
const SOURCE_GRANTS_REGISTERED = new ConstructBrand('sourceGrantsRegistered');

/**
 * Make sure every bucket of the stage that holds `scope` that logs into an `AccessLogsBucket` is
 * granted delivery in that bucket's policy, however it was wired: `s3.Bucket`'s
 * `serverAccessLogsBucket`, a `CfnBucket`'s `loggingConfiguration`, or this library.
 *
 * aws-cdk-lib grants a destination it is given by ACL unless the consumer turned on the
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature flag, and by a statement per source when
 * it is on. An `AccessLogsBucket` renders no ACL and takes no such statement, and this Aspect grants
 * it the way it grants its own sources instead: the same template, whatever the flags say. It runs
 * after the mutating aspects (`AccessLogs.enable()` among them), so it sees the logging they add.
 */
export function grantDeliveryToSourcesInStageOf(scope: IConstruct): void {
  const stage = stageRootOf(scope);
  if (SOURCE_GRANTS_REGISTERED.has(stage)) {
    return;
  }
  SOURCE_GRANTS_REGISTERED.mark(stage);
  Aspects.of(stage).add(new SourceGrantsAspect(stage), { priority: AspectPriority.DEFAULT });
}

class SourceGrantsAspect implements IAspect {
  private destinationsByName?: Map<string, CfnBucket>;

  constructor(private readonly stage: IConstruct) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof CfnBucket) || node.loggingConfiguration === undefined) {
      return;
    }
    const logging = resolvedLoggingOf(node);
    const destinationCfn = logging && this.logDestinationNamedBy(logging.resolved, logging.destinationValue);
    if (!logging || !destinationCfn) {
      return;
    }
    const destination = ownerOf(destinationCfn) as IBucket;
    if (!isGrantedDelivery(destination, node)) {
      grantLogDelivery(destination, ownerOf(node) as LogSource, logging.prefix);
    }
  }

  /** The L1 of the `AccessLogsBucket` a destination name stands for: by reference, or by literal name. */
  private logDestinationNamedBy(resolved: ResolvedValue, value: unknown): CfnBucket | undefined {
    const element = referencedElement(resolved, value);
    const cfn = element instanceof CfnBucket ? element : typeof value === 'string' ? this.byName().get(value) : undefined;
    return cfn && LOG_DESTINATION.has(cfn) ? cfn : undefined;
  }

  private byName(): Map<string, CfnBucket> {
    if (!this.destinationsByName) {
      this.destinationsByName = new Map();
      for (const construct of constructsOfStage(this.stage)) {
        const name = construct instanceof CfnBucket && LOG_DESTINATION.has(construct) ? literalBucketName(construct) : undefined;
        if (name !== undefined) {
          this.destinationsByName.set(name, construct as CfnBucket);
        }
      }
    }
    return this.destinationsByName;
  }
}
