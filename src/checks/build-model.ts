import { CfnCondition, CfnElement, CfnOutput, CfnResource, Stack, Token } from 'aws-cdk-lib';
// Types only: the model reads these L1s by their resource type (`l1TypeOf`), so that it loads no
// service module of aws-cdk-lib an app does not use.
import type { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import type { CfnDelivery, CfnDeliveryDestination, CfnDeliverySource } from 'aws-cdk-lib/aws-logs';
import { BucketBase, CfnBucket, CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { ConditionBranch } from './conditions';
import { DELIVERY_GRANTS } from './grant-record';
import { BucketNode, DefaultEncryption, LoggingModel } from './model';
import {
  BucketInput, BucketProperty, buildModel, DeliveryDestinationInput, DeliveryInput, DeliverySourceInput, ExternalBucketInput, defaultEncryptionOf,
  loggingOf, objectLockEnabledOf, PlacedInput, ResolvedLogging, TrailInput,
} from './model-builder';
import { resolveKeepingReferences, ResolvedValue } from './reference-resolver';
import { ownerOf } from '../private/bucket-constructs';
import { constructsOfStage } from '../private/constructs-of-stage';
import { TRAIL_BUCKET, WIDE_BY_DESIGN } from '../private/roles';

export { field } from './model-builder';

/**
 * The construct-tree front-end of the model: the L1 resources of a stage, their props resolved
 * keeping references (`reference-resolver.ts`), handed to the model builder (`model-builder.ts`), which
 * decides what they mean. The template-file front-end (`template-files.ts`) hands it the same from
 * CloudFormation templates.
 */

/** The model of a construct tree, with the way back from its L1 buckets to their nodes. */
export interface ConstructTreeModel extends LoggingModel {
  /** The node of an L1 bucket of the tree. */
  nodeOf(bucket: CfnBucket): BucketNode | undefined;
}

/**
 * Build the logging model of everything under `root` (a stage's subtree, leaving out nested stages),
 * in one walk of the construct tree.
 *
 * A destination is followed through every reference to a bucket of the app, wherever it is (the same
 * stack, another stack, a nested stack, by export or weak reference), through `Fn::ImportValue` of an
 * export of this app, and through literal bucket names (matched to a bucket of the app, or to an
 * imported bucket). It can be built at any time: during aspects, and at validation. `Fn::If` is read
 * in `branch` (by default, the branch where every condition the deployment decides is true).
 */
export function buildLoggingModel(root: IConstruct, branch?: ConditionBranch): ConstructTreeModel {
  const buckets: BucketInput<CfnElement>[] = [];
  const policies: CfnBucketPolicy[] = [];
  const outputs: CfnOutput[] = [];
  const externalBuckets: ExternalBucketInput[] = [];
  const trails: TrailInput<CfnElement>[] = [];
  const conditions = new Map<string, CfnCondition>();
  const keys: CfnKey[] = [];
  const deliverySources: DeliverySourceInput<CfnElement>[] = [];
  const deliveryDestinations: DeliveryDestinationInput<CfnElement>[] = [];
  const deliveries: DeliveryInput<CfnElement>[] = [];
  const addResource = (resource: CfnResource): void => {
    switch (l1TypeOf(resource)) {
      case 'AWS::S3::Bucket':
        buckets.push(bucketInput(resource as CfnBucket));
        break;
      case 'AWS::S3::BucketPolicy':
        policies.push(resource as CfnBucketPolicy);
        break;
      case 'AWS::CloudTrail::Trail':
        trails.push(trailInput(resource as CfnTrail));
        break;
      case 'AWS::KMS::Key':
        keys.push(resource as CfnKey);
        break;
      case 'AWS::Logs::DeliverySource': {
        const source = resource as CfnDeliverySource;
        deliverySources.push({
          ...placeOf(source),
          element: source,
          name: resolveKeepingReferences(source.name, source),
          resourceArn: resolveKeepingReferences(source.resourceArn, source),
          logType: resolveKeepingReferences(source.logType, source),
        });
        break;
      }
      case 'AWS::Logs::DeliveryDestination': {
        const destination = resource as CfnDeliveryDestination;
        deliveryDestinations.push({
          ...placeOf(destination),
          element: destination,
          name: resolveKeepingReferences(destination.name, destination),
          destinationResourceArn: resolveKeepingReferences(destination.destinationResourceArn, destination),
        });
        break;
      }
      case 'AWS::Logs::Delivery': {
        const delivery = resource as CfnDelivery;
        deliveries.push({
          ...placeOf(delivery),
          deliverySourceName: resolveKeepingReferences(delivery.deliverySourceName, delivery),
          deliveryDestinationArn: resolveKeepingReferences(delivery.deliveryDestinationArn, delivery),
        });
        break;
      }
    }
  };
  for (const construct of constructsOfStage(root)) {
    if (CfnResource.isCfnResource(construct)) {
      addResource(construct);
    } else if (construct instanceof CfnOutput) {
      outputs.push(construct);
    } else if (construct instanceof CfnCondition) {
      conditions.set(conditionKey(Stack.of(construct).node.path, logicalIdOf(construct)), construct);
    } else if (construct instanceof BucketBase && !(construct.node.defaultChild instanceof CfnBucket) && !Token.isUnresolved(construct.bucketName)) {
      externalBuckets.push({ name: construct.bucketName, path: construct.node.path, account: construct.env.account, region: construct.env.region });
    }
  }

  const model = buildModel<CfnElement>({
    buckets,
    policies: policies.map(policy => {
      let bucket: ResolvedValue | undefined;
      return {
        stackPath: Stack.of(policy).node.path,
        get bucket() {
          bucket ??= resolveKeepingReferences(policy.bucket, policy);
          return bucket;
        },
        document: () => Stack.of(policy).resolve(policy.policyDocument),
      };
    }),
    exports: outputs.filter(output => output.exportName !== undefined).map(output => ({
      name: Stack.of(output).resolve(output.exportName),
      value: resolveKeepingReferences(output.value, output),
    })),
    externalBuckets,
    trails,
    keys: keys.map(key => ({ element: key, stackPath: Stack.of(key).node.path, policy: () => Stack.of(key).resolve(key.keyPolicy) })),
    deliverySources,
    deliveryDestinations,
    deliveries,
    describeElement: element => ({
      type: CfnResource.isCfnResource(element) ? element.cfnResourceType : undefined,
      region: Stack.of(element).region,
    }),
    logicalIdOf,
    conditionDefinitions: (stackPath, name) => {
      const condition = conditions.get(conditionKey(stackPath, name));
      return condition?.expression ? resolveKeepingReferences(condition.expression, condition) : undefined;
    },
  }, branch);
  return {
    buckets: model.buckets,
    trails: model.trails,
    deliverySources: model.deliverySources,
    vendedDeliveries: model.vendedDeliveries,
    nodeOf: cfn => model.nodeOfElement(cfn),
  };
}

/**
 * Whether anything in the stage makes a bucket a log destination: a bucket with a
 * `LoggingConfiguration`, or a CloudWatch Logs delivery. When nothing does, no bucket receives logs,
 * and no model need be built to say so (app-wide enablement asks before it has enabled any bucket).
 */
export function stageDeliversLogs(root: IConstruct): boolean {
  return constructsOfStage(root).some(construct => {
    if (!CfnResource.isCfnResource(construct)) {
      return false;
    }
    const type = l1TypeOf(construct);
    return (type === 'AWS::S3::Bucket' && (construct as CfnBucket).loggingConfiguration !== undefined) || type === 'AWS::Logs::Delivery';
  });
}

/** The logging configuration of an L1 bucket, resolved keeping references; undefined when logging is off. */
export function resolvedLoggingOf(cfn: CfnBucket): ResolvedLogging<CfnElement> | undefined {
  return loggingOf(resolveKeepingReferences(cfn.loggingConfiguration, cfn), logicalIdOf);
}

/** The default encryption of an L1 bucket; empty when none is set. */
export function defaultEncryptionOfBucket(cfn: CfnBucket): DefaultEncryption[] {
  return defaultEncryptionOf(resolveKeepingReferences(cfn.bucketEncryption, cfn), { verdict: () => undefined, logicalIdOf });
}

/** Whether an L1 bucket has Object Lock enabled. */
export function objectLockEnabledOnBucket(cfn: CfnBucket): boolean {
  const enabled = resolveKeepingReferences(cfn.objectLockEnabled, cfn).value;
  return objectLockEnabledOf(enabled, resolveKeepingReferences(cfn.objectLockConfiguration, cfn).value);
}

/** An L1 bucket as the model builder reads it: its props, each resolved when the builder first asks for it. */
function bucketInput(cfn: CfnBucket): BucketInput<CfnElement> {
  const stack = Stack.of(cfn);
  const scope = ownerOf(cfn);
  let logicalId: string | undefined;
  return {
    element: cfn,
    scope,
    path: scope.node.path,
    stackPath: stack.node.path,
    get logicalId() {
      logicalId ??= logicalIdOf(cfn);
      return logicalId;
    },
    account: stack.account,
    region: stack.region,
    property: name => resolveProperty(cfn, name),
    receivesTrailLogs: TRAIL_BUCKET.has(cfn),
    deliveryGrantWidening: () => WIDE_BY_DESIGN.has(cfn) ? undefined : DELIVERY_GRANTS.get(scope)?.widening(),
  };
}

function resolveProperty(cfn: CfnBucket, name: BucketProperty): ResolvedValue {
  const value = cfn[name];
  // Most buckets have no name, or a plain one: nothing to resolve (resolving is most of a large app's model cost).
  if (value === undefined || (typeof value === 'string' && !Token.isUnresolved(value))) {
    return { value, elements: [] };
  }
  return resolveKeepingReferences(value, cfn);
}

/** Where an L1 is, as findings name it, with its stack's environment. */
function placeOf(cfn: CfnElement): PlacedInput {
  const stack = Stack.of(cfn);
  const scope = ownerOf(cfn);
  return { scope, path: scope.node.path, stackPath: stack.node.path, account: stack.account, region: stack.region };
}

function trailInput(trail: CfnTrail): TrailInput<CfnElement> {
  const scope = ownerOf(trail);
  return {
    scope,
    path: scope.node.path,
    stackPath: Stack.of(trail).node.path,
    bucketName: resolveKeepingReferences(trail.s3BucketName, trail),
    selectors: resolveKeepingReferences({ advancedEventSelectors: trail.advancedEventSelectors, eventSelectors: trail.eventSelectors }, trail),
  };
}

function conditionKey(stackPath: string, logicalId: string): string {
  return `${stackPath}\u0000${logicalId}`;
}

/** The logical id of an element, as its own stack writes it. */
function logicalIdOf(element: CfnElement): string {
  return Stack.of(element).resolve(element.logicalId);
}

/**
 * The resource type of an L1 class of aws-cdk-lib (`CfnBucket`, `CfnTrail`, ... or a subclass), read
 * from the class rather than with `instanceof`: aws-cdk-lib loads a service's classes on their first
 * use, and the checks would otherwise load the trail, key and delivery modules into every app.
 * Undefined for a plain `CfnResource` of any type, whose props the checks cannot read.
 */
function l1TypeOf(resource: CfnResource): string | undefined {
  const type = (resource.constructor as { readonly CFN_RESOURCE_TYPE_NAME?: unknown }).CFN_RESOURCE_TYPE_NAME;
  return type === resource.cfnResourceType ? type : undefined;
}
