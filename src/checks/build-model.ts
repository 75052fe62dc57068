import { CfnOutput, Stack, Token } from 'aws-cdk-lib';
import { BucketBase, CfnBucket, CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { BucketNode, Destination, KeyFormat, LoggingModel } from './model';
import { isWideByDesign } from '../private/bucket-roles';
import { constructsOfStage } from '../private/constructs-of-stage';
import { literalBucketName } from '../private/literal-bucket-name';
import { deliveryGrantWidening } from '../private/log-delivery-grant';

/**
 * Build the logging model of everything under `root`, in one walk of the construct tree.
 *
 * Runs at validation time, after aws-cdk-lib has turned cross-stack references into exports, so a
 * destination is followed through `Ref`, `Fn::ImportValue` of an export of this app, and literal
 * bucket names (matched to a bucket of the app, or to an imported bucket).
 */
export function buildLoggingModel(root: IConstruct): LoggingModel {
  const cfnBuckets: CfnBucket[] = [];
  const policies: CfnBucketPolicy[] = [];
  const outputs: CfnOutput[] = [];
  const imported: BucketBase[] = [];
  for (const construct of constructsOfStage(root)) {
    if (construct instanceof CfnBucket) {
      cfnBuckets.push(construct);
    } else if (construct instanceof CfnBucketPolicy) {
      policies.push(construct);
    } else if (construct instanceof CfnOutput) {
      outputs.push(construct);
    } else if (construct instanceof BucketBase && !(construct.node.defaultChild instanceof CfnBucket)) {
      imported.push(construct);
    }
  }

  const index = new BucketIndex();
  const policiesOf = new Map<BucketNode, CfnBucketPolicy[]>();
  const nodes = cfnBuckets.map(cfn => {
    const attached: CfnBucketPolicy[] = [];
    const node = bucketNode(cfn, attached);
    policiesOf.set(node, attached);
    index.add(cfn, node);
    return node;
  });
  const exports = new ExportIndex(outputs, index);
  const importedByName = importedBucketsByName(imported);

  for (const policy of policies) {
    const stack = Stack.of(policy);
    const target = index.find(stack, stack.resolve(policy.bucket), exports);
    if (target) {
      policiesOf.get(target)!.push(policy);
    }
  }

  cfnBuckets.forEach((cfn, i) => {
    const stack = Stack.of(cfn);
    const logging = stack.resolve(cfn.loggingConfiguration);
    if (logging === undefined || logging === null) {
      return;
    }
    const destinationValue = field(logging, 'destinationBucketName');
    nodes[i].logging = {
      destination: destinationValue === undefined || destinationValue === ''
        // "By default, logs are stored in the bucket where the LoggingConfiguration property is defined."
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-loggingconfiguration.html
        ? { kind: 'bucket', bucket: nodes[i], byReference: true }
        : destinationOf(stack, destinationValue, index, exports, importedByName),
      prefix: prefixOf(field(logging, 'logFilePrefix')),
      keyFormat: keyFormatOf(field(logging, 'targetObjectKeyFormat')),
    };
  });

  return { buckets: nodes };
}

/**
 * The model of one bucket. `policies` are the bucket policies attached to it, filled in once every
 * bucket is known; their documents are resolved when a check first reads them.
 */
function bucketNode(cfn: CfnBucket, policies: CfnBucketPolicy[]): BucketNode {
  const stack = Stack.of(cfn);
  const parent = cfn.node.scope;
  const scope = parent && parent.node.defaultChild === cfn ? parent : cfn;
  let policyDocuments: unknown[] | undefined;
  let sseAlgorithms: string[] | undefined;
  let objectLockEnabled: boolean | undefined;
  return {
    scope,
    path: scope.node.path,
    stackPath: stack.node.path,
    logicalId: stack.resolve(cfn.logicalId),
    account: stack.account,
    region: stack.region,
    literalName: literalBucketName(cfn),
    // Only the checks of destinations read a bucket's settings and policy, and resolving them for
    // every bucket (each bucket with enforceSSL has a policy) was most of the cost of a large app's
    // model: they are resolved on first read.
    get sseAlgorithms() {
      sseAlgorithms ??= sseAlgorithmsOf(stack.resolve(cfn.bucketEncryption));
      return sseAlgorithms;
    },
    get objectLockEnabled() {
      objectLockEnabled ??= objectLockEnabledOf(stack.resolve(cfn.objectLockEnabled), stack.resolve(cfn.objectLockConfiguration));
      return objectLockEnabled;
    },
    get accessControl() {
      return typeof cfn.accessControl === 'string' ? stack.resolve(cfn.accessControl) : undefined;
    },
    get policyDocuments() {
      policyDocuments ??= policies.map(policy => Stack.of(policy).resolve(policy.policyDocument));
      return policyDocuments;
    },
    deliveryGrantWidening: isWideByDesign(cfn) ? undefined : deliveryGrantWidening(cfn),
  };
}

/** Buckets of the app by stack and logical id, and by literal name. */
class BucketIndex {
  private readonly byLogicalId = new Map<string, BucketNode>();
  private readonly byName = new Map<string, BucketNode>();

  public add(cfn: CfnBucket, node: BucketNode): void {
    const stack = Stack.of(cfn);
    this.byLogicalId.set(logicalIdKey(stack, node.logicalId), node);
    if (node.literalName) {
      this.byName.set(node.literalName, node);
    }
  }

  public findByLogicalId(stack: Stack, logicalId: string): BucketNode | undefined {
    return this.byLogicalId.get(logicalIdKey(stack, logicalId));
  }

  public findByName(name: string): BucketNode | undefined {
    return this.byName.get(name);
  }

  /** The bucket a resolved bucket-name value stands for, if it is one of the app's. */
  public find(stack: Stack, value: unknown, exports: ExportIndex): BucketNode | undefined {
    if (typeof value === 'string') {
      return this.findByName(value);
    }
    const ref = field(value, 'Ref');
    if (typeof ref === 'string') {
      return this.findByLogicalId(stack, ref);
    }
    const importName = field(value, 'Fn::ImportValue');
    if (typeof importName === 'string') {
      return exports.find(importName);
    }
    return undefined;
  }
}

function logicalIdKey(stack: Stack, logicalId: string): string {
  return `${stack.node.path}\u0000${logicalId}`;
}

/** The stack exports of the app that name a bucket, so that `Fn::ImportValue` can be followed. */
class ExportIndex {
  private built?: Map<string, BucketNode>;

  constructor(private readonly outputs: CfnOutput[], private readonly buckets: BucketIndex) {}

  public find(exportName: string): BucketNode | undefined {
    if (!this.built) {
      this.built = new Map();
      for (const output of this.outputs) {
        const stack = Stack.of(output);
        const name = output.exportName === undefined ? undefined : stack.resolve(output.exportName);
        const ref = field(stack.resolve(output.value), 'Ref');
        const bucket = typeof ref === 'string' ? this.buckets.findByLogicalId(stack, ref) : undefined;
        if (typeof name === 'string' && bucket) {
          this.built.set(name, bucket);
        }
      }
    }
    return this.built.get(exportName);
  }
}

function importedBucketsByName(imported: BucketBase[]): Map<string, BucketBase> {
  const byName = new Map<string, BucketBase>();
  for (const bucket of imported) {
    if (!Token.isUnresolved(bucket.bucketName)) {
      byName.set(bucket.bucketName, bucket);
    }
  }
  return byName;
}

function destinationOf(
  stack: Stack,
  value: unknown,
  index: BucketIndex,
  exports: ExportIndex,
  importedByName: Map<string, BucketBase>,
): Destination {
  const bucket = index.find(stack, value, exports);
  if (bucket) {
    return { kind: 'bucket', bucket, byReference: typeof value !== 'string' };
  }
  if (typeof value === 'string') {
    const importedBucket = importedByName.get(value);
    return {
      kind: 'external',
      name: value,
      path: importedBucket?.node.path,
      account: importedBucket?.env.account,
      region: importedBucket?.env.region,
    };
  }
  return { kind: 'unknown', expression: JSON.stringify(value) };
}

function prefixOf(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string' ? value : Token.asString(value);
}

function keyFormatOf(value: unknown): KeyFormat {
  return field(value, 'partitionedPrefix') !== undefined ? 'partitioned' : 'simple';
}

function sseAlgorithmsOf(encryption: unknown): string[] {
  const rules = field(encryption, 'serverSideEncryptionConfiguration');
  if (!Array.isArray(rules)) {
    return [];
  }
  return rules
    .map(rule => field(field(rule, 'serverSideEncryptionByDefault'), 'sseAlgorithm'))
    .filter((algorithm): algorithm is string => typeof algorithm === 'string');
}

function objectLockEnabledOf(enabled: unknown, configuration: unknown): boolean {
  return enabled === true || enabled === 'true' || field(configuration, 'objectLockEnabled') === 'Enabled';
}

/**
 * A property of a resolved L1 value. aws-cdk-lib's typed props are camelCase, but a raw object
 * given to an L1 prop may use the CloudFormation spelling; accept both.
 * (`addPropertyOverride` values are not read: aws-cdk-lib keeps them private.)
 */
export function field(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  if (name in record) {
    return record[name];
  }
  const pascal = name.charAt(0).toUpperCase() + name.slice(1);
  return record[pascal];
}
