import { CfnElement, CfnOutput, Stack, Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { BucketBase, CfnBucket, CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { DELIVERY_GRANTS } from './grant-record';
import { BucketNode, Destination, KeyFormat, LoggingModel, TrailNode } from './model';
import { referencedElement, resolveKeepingReferences, ResolvedValue } from './reference-resolver';
import { ownerOf } from '../private/bucket-constructs';
import { constructsOfStage } from '../private/constructs-of-stage';
import { literalBucketName } from '../private/literal-bucket-name';
import { TRAIL_BUCKET, WIDE_BY_DESIGN } from '../private/roles';

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
 * imported bucket). It can be built at any time: during aspects, and at validation.
 */
export function buildLoggingModel(root: IConstruct): ConstructTreeModel {
  const cfnBuckets: CfnBucket[] = [];
  const policies: CfnBucketPolicy[] = [];
  const outputs: CfnOutput[] = [];
  const imported: BucketBase[] = [];
  const cfnTrails: CfnTrail[] = [];
  for (const construct of constructsOfStage(root)) {
    if (construct instanceof CfnBucket) {
      cfnBuckets.push(construct);
    } else if (construct instanceof CfnBucketPolicy) {
      policies.push(construct);
    } else if (construct instanceof CfnOutput) {
      outputs.push(construct);
    } else if (construct instanceof CfnTrail) {
      cfnTrails.push(construct);
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
  const names = new BucketNames(index, new ExportIndex(outputs, index));
  const importedByName = importedBucketsByName(imported);

  for (const policy of policies) {
    const target = names.bucketOf(resolveKeepingReferences(policy.bucket, policy));
    if (target) {
      policiesOf.get(target)!.push(policy);
    }
  }

  cfnBuckets.forEach((cfn, i) => {
    const logging = resolvedLoggingOf(cfn);
    if (!logging) {
      return;
    }
    nodes[i].logging = {
      destination: logging.destinationValue === undefined
        ? { kind: 'bucket', bucket: nodes[i], byReference: true }
        : destinationOf(cfn, logging.resolved, logging.destinationValue, names, importedByName),
      prefix: logging.prefix,
      keyFormat: logging.keyFormat,
    };
  });

  const trails = cfnTrails.map(trail => trailNode(trail, names));
  return { buckets: nodes, trails, nodeOf: cfn => index.nodeOf(cfn) };
}

/** A bucket's logging configuration, resolved keeping references. */
export interface ResolvedLogging {
  readonly resolved: ResolvedValue;
  /** The destination's name as resolved; undefined when the configuration names none (the bucket logs into itself). */
  readonly destinationValue?: unknown;
  /** The log file prefix: `''` for none, or a token string. */
  readonly prefix: string;
  readonly keyFormat: KeyFormat;
}

/** The logging configuration of an L1 bucket; undefined when logging is off. */
export function resolvedLoggingOf(cfn: CfnBucket): ResolvedLogging | undefined {
  const resolved = resolveKeepingReferences(cfn.loggingConfiguration, cfn);
  const logging = resolved.value;
  if (logging === undefined || logging === null) {
    return undefined;
  }
  const destinationValue = field(logging, 'destinationBucketName');
  return {
    resolved,
    // "By default, logs are stored in the bucket where the LoggingConfiguration property is defined."
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-loggingconfiguration.html
    destinationValue: destinationValue === '' ? undefined : destinationValue,
    prefix: prefixOf(field(logging, 'logFilePrefix'), resolved, Stack.of(cfn)),
    keyFormat: keyFormatOf(field(logging, 'targetObjectKeyFormat')),
  };
}

/**
 * The model of one bucket. `policies` are the bucket policies attached to it, filled in once every
 * bucket is known; their documents are resolved when a check first reads them.
 */
function bucketNode(cfn: CfnBucket, policies: CfnBucketPolicy[]): BucketNode {
  const stack = Stack.of(cfn);
  const scope = ownerOf(cfn);
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
    // model: they are resolved on first read, which is at validation, never during aspects.
    get sseAlgorithms() {
      sseAlgorithms ??= sseAlgorithmsOfBucket(cfn);
      return sseAlgorithms;
    },
    get objectLockEnabled() {
      objectLockEnabled ??= objectLockEnabledOnBucket(cfn);
      return objectLockEnabled;
    },
    get accessControl() {
      return typeof cfn.accessControl === 'string' ? stack.resolve(cfn.accessControl) : undefined;
    },
    get policyDocuments() {
      policyDocuments ??= policies.map(policy => Stack.of(policy).resolve(policy.policyDocument));
      return policyDocuments;
    },
    get deliveryGrantWidening() {
      return WIDE_BY_DESIGN.has(cfn) ? undefined : DELIVERY_GRANTS.get(scope)?.widening();
    },
    receivesTrailLogs: TRAIL_BUCKET.has(cfn),
  };
}

/** The model of one trail: the bucket it writes to, and the buckets whose data events its selectors name. */
function trailNode(trail: CfnTrail, names: BucketNames): TrailNode {
  const scope = ownerOf(trail);
  const selectors = resolveKeepingReferences([trail.advancedEventSelectors, trail.eventSelectors], trail);
  const recorded = new Set<BucketNode>();
  for (const arn of selectedObjectArns(selectors.value)) {
    const bucket = names.bucketOfArn(selectors, arn);
    if (bucket) {
      recorded.add(bucket);
    }
  }
  return {
    scope,
    path: scope.node.path,
    stackPath: Stack.of(trail).node.path,
    logBucket: names.bucketOf(resolveKeepingReferences(trail.s3BucketName, trail)),
    recordedBuckets: [...recorded],
  };
}

/**
 * The object ARN values of a trail's resolved selectors: `resources.ARN` of its advanced event
 * selectors, and the `AWS::S3::Object` data resources of its basic ones.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 */
function selectedObjectArns(selectors: unknown): unknown[] {
  const [advanced, basic] = Array.isArray(selectors) ? selectors : [];
  const arns: unknown[] = [];
  for (const selector of asList(advanced)) {
    for (const fieldSelector of asList(field(selector, 'fieldSelectors'))) {
      if (field(fieldSelector, 'field') === 'resources.ARN') {
        arns.push(...asList(field(fieldSelector, 'equals')), ...asList(field(fieldSelector, 'equalTo')),
          ...asList(field(fieldSelector, 'startsWith')));
      }
    }
  }
  for (const selector of asList(basic)) {
    for (const resource of asList(field(selector, 'dataResources'))) {
      if (field(resource, 'type') === 'AWS::S3::Object') {
        arns.push(...asList(field(resource, 'values')));
      }
    }
  }
  return arns;
}

/** Buckets of the app by L1, by stack and logical id, and by literal name. */
class BucketIndex {
  private readonly byCfn = new Map<CfnBucket, BucketNode>();
  private readonly byName = new Map<string, BucketNode>();

  public add(cfn: CfnBucket, node: BucketNode): void {
    this.byCfn.set(cfn, node);
    if (node.literalName) {
      this.byName.set(node.literalName, node);
    }
  }

  public nodeOf(cfn: CfnBucket): BucketNode | undefined {
    return this.byCfn.get(cfn);
  }

  public nodeOfElement(element: CfnElement | undefined): BucketNode | undefined {
    return element instanceof CfnBucket ? this.byCfn.get(element) : undefined;
  }

  public findByName(name: string): BucketNode | undefined {
    return this.byName.get(name);
  }
}

/** What a bucket-name value of a template stands for, among the app's buckets. */
class BucketNames {
  constructor(private readonly index: BucketIndex, private readonly exports: ExportIndex) {}

  /** The bucket a resolved bucket-name value stands for: a reference, a literal name, or an import of an export of the app. */
  public bucketOf(resolved: ResolvedValue, value: unknown = resolved.value): BucketNode | undefined {
    const element = referencedElement(resolved, value);
    if (element) {
      return this.index.nodeOfElement(element);
    }
    if (typeof value === 'string') {
      return this.index.findByName(value);
    }
    const importName = field(value, 'Fn::ImportValue');
    return typeof importName === 'string' ? this.exports.find(importName) : undefined;
  }

  /** The bucket an object ARN pattern of a trail selector is in: `<bucket ARN>/...` by reference, or `arn:<partition>:s3:::<name>/...`. */
  public bucketOfArn(resolved: ResolvedValue, arn: unknown): BucketNode | undefined {
    if (typeof arn !== 'string') {
      return undefined;
    }
    const [bucketPart] = arn.split('/', 1);
    const element = referencedElement(resolved, bucketPart);
    if (element) {
      return this.index.nodeOfElement(element);
    }
    const literal = /^arn:[a-z-]+:s3:::([^/]+)$/.exec(bucketPart);
    return literal ? this.index.findByName(literal[1]) : undefined;
  }
}

/** The stack exports of the app that name a bucket, so that `Fn::ImportValue` can be followed. */
class ExportIndex {
  private built?: Map<string, BucketNode>;

  constructor(private readonly outputs: CfnOutput[], private readonly buckets: BucketIndex) {}

  public find(exportName: string): BucketNode | undefined {
    if (!this.built) {
      this.built = new Map();
      for (const output of this.outputs) {
        const name = output.exportName === undefined ? undefined : Stack.of(output).resolve(output.exportName);
        const bucket = this.buckets.nodeOfElement(referencedElement(resolveKeepingReferences(output.value, output)));
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
  source: CfnBucket,
  resolved: ResolvedValue,
  value: unknown,
  names: BucketNames,
  importedByName: Map<string, BucketBase>,
): Destination {
  const bucket = names.bucketOf(resolved, value);
  if (bucket) {
    return { kind: 'bucket', bucket, byReference: typeof value !== 'string' || referencedElement(resolved, value) !== undefined };
  }
  if (typeof value === 'string' && !value.includes(PLACEHOLDER_MARK)) {
    const importedBucket = importedByName.get(value);
    return {
      kind: 'external',
      name: value,
      path: importedBucket?.node.path,
      account: importedBucket?.env.account,
      region: importedBucket?.env.region,
    };
  }
  return { kind: 'unknown', expression: JSON.stringify(withReferencesAsRefs(value, resolved, Stack.of(source))) };
}

const PLACEHOLDER_MARK = '\u0000';

/** A resolved value with each reference written back as `{ "Ref": "<logical id>" }`, for a message. */
function withReferencesAsRefs(value: unknown, resolved: ResolvedValue, stack: Stack): unknown {
  if (typeof value === 'string') {
    const element = referencedElement(resolved, value);
    return element ? { Ref: stack.resolve(element.logicalId) } : value;
  }
  if (Array.isArray(value)) {
    return value.map(item => withReferencesAsRefs(item, resolved, stack));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withReferencesAsRefs(item, resolved, stack)]));
  }
  return value;
}

/** The prefix as a string: a literal, or a token for anything only known at deploy (a parameter, an intrinsic). */
function prefixOf(value: unknown, resolved: ResolvedValue, stack: Stack): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string' && !value.includes(PLACEHOLDER_MARK)) {
    return value;
  }
  return Token.asString(withReferencesAsRefs(value, resolved, stack));
}

function keyFormatOf(value: unknown): KeyFormat {
  return field(value, 'partitionedPrefix') !== undefined ? 'partitioned' : 'simple';
}

/** The default encryption algorithms of an L1 bucket (`AES256`, `aws:kms`, `aws:kms:dsse`); empty when none is set. */
export function sseAlgorithmsOfBucket(cfn: CfnBucket): string[] {
  const rules = field(resolveKeepingReferences(cfn.bucketEncryption, cfn).value, 'serverSideEncryptionConfiguration');
  if (!Array.isArray(rules)) {
    return [];
  }
  return rules
    .map(rule => field(field(rule, 'serverSideEncryptionByDefault'), 'sseAlgorithm'))
    .filter((algorithm): algorithm is string => typeof algorithm === 'string');
}

/** Whether an L1 bucket has Object Lock enabled. */
export function objectLockEnabledOnBucket(cfn: CfnBucket): boolean {
  const enabled = resolveKeepingReferences(cfn.objectLockEnabled, cfn).value;
  const configuration = resolveKeepingReferences(cfn.objectLockConfiguration, cfn).value;
  return enabled === true || enabled === 'true' || field(configuration, 'objectLockEnabled') === 'Enabled';
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
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
