import { Token } from 'aws-cdk-lib';
import { ConditionBranch, ConditionDefinitions, ConditionEvaluator } from './conditions';
import {
  BucketNode, DefaultEncryption, DeliveryDestinationNode, DeliverySourceNode, Destination, GrantWidening, KeyFormat, LoggingModel, TrailNode,
  VendedDeliveryNode, VendedDestination,
} from './model';
import { keyPolicyLetsLoggingServiceEncrypt } from './policy-evaluation';
import { ExpressionKeys, holdsReference, referencedElement, ResolvedValue } from './resolved-value';
import { LOG_DELIVERY_SERVICE_PRINCIPAL } from '../private/logging-service';

/**
 * The core of the model: it builds the `LoggingModel` from the resolved values of an app's resources,
 * whichever front-end resolved them. The construct tree (`build-model.ts`) and template files
 * (`template-files.ts`) each turn what they read into a `ModelInput`; everything about what a value
 * means (a literal name, a configuration without `DestinationBucketName`, a key format, a prefix,
 * a trail's selectors, the bucket a policy is attached to, an import of an export) is decided here, once.
 *
 * Values are CloudFormation-shaped, with the references to other elements of the app kept as handles
 * (`resolved-value.ts`). Property names are read with `field()`: camelCase as the construct tree's L1
 * props have them, PascalCase as templates do. An intrinsic the core does not follow (`Fn::If`,
 * `Fn::Sub`, a parameter) stays an intrinsic object, which makes a destination `unknown` and a prefix
 * a token: a front-end that learns to follow more hands the core more, and both front-ends gain.
 *
 * `E` is a front-end's element handle: `CfnElement` for the construct tree, a template resource for
 * template files. The core only compares handles, and asks the front-end for an element's logical id.
 */
export interface ModelInput<E> {
  /** Every `AWS::S3::Bucket` of the app, in the order the model lists them. */
  readonly buckets: readonly BucketInput<E>[];
  /** Every `AWS::S3::BucketPolicy` of the app. */
  readonly policies: readonly BucketPolicyInput<E>[];
  /** Every stack output of the app that is exported. */
  readonly exports: readonly ExportInput<E>[];
  /** Buckets outside the app that the app knows by name (the construct tree's imported buckets), to place external destinations. */
  readonly externalBuckets: readonly ExternalBucketInput[];
  /** Every `AWS::CloudTrail::Trail` of the app. */
  readonly trails: readonly TrailInput<E>[];
  /** Every `AWS::KMS::Key` of the app, to read the key policy of a destination's SSE-KMS key. */
  readonly keys?: readonly KeyInput<E>[];
  /** Every `AWS::Logs::DeliverySource` of the app. */
  readonly deliverySources?: readonly DeliverySourceInput<E>[];
  /** Every `AWS::Logs::DeliveryDestination` of the app. */
  readonly deliveryDestinations?: readonly DeliveryDestinationInput<E>[];
  /** Every `AWS::Logs::Delivery` of the app. */
  readonly deliveries?: readonly DeliveryInput<E>[];
  /** The definition of a stack's condition, for `Fn::If`; without it every condition is the deployment's choice. */
  readonly conditionDefinitions?: ConditionDefinitions<E>;
  /** The logical id of an element, to write a reference back as `{ "Ref": "<logical id>" }` in a message. */
  logicalIdOf(element: E): string;
  /**
   * What an element is, to tell what a delivery destination's `DestinationResourceArn` references: its
   * CloudFormation type, and its stack's Region (a literal, or a token string).
   */
  describeElement?(element: E): { readonly type?: string; readonly region: string } | undefined;
}

/** What a front-end knows of where an element is, for findings (see `ModelElement`). */
export interface ElementPlace {
  /** What the front-end built the element from; findings are reported on it. The core and the rules never read it. */
  readonly scope: unknown;
  readonly path: string;
  readonly stackPath: string;
}

/** The properties of a bucket the core reads, by their camelCase names. */
export type BucketProperty = 'bucketName' | 'loggingConfiguration' | 'bucketEncryption' | 'objectLockEnabled' | 'objectLockConfiguration'
| 'accessControl' | 'ownershipControls';

/** One `AWS::S3::Bucket`, as a front-end hands it to the core. */
export interface BucketInput<E> extends ElementPlace {
  /** The handle that references to this bucket resolve to. */
  readonly element: E;
  /** Its logical id; read only where a rule needs it (computing it is a large app's largest cost per bucket), so a front-end may compute it on first read. */
  readonly logicalId: string;
  /** The account of its stack: a literal, or a token string when it is not known. */
  readonly account: string;
  /** The Region of its stack: a literal, or a token string. */
  readonly region: string;
  /** Whether a construct of this library made it the bucket of a trail (only the construct tree knows). */
  readonly receivesTrailLogs: boolean;
  /** One of its properties, resolved keeping references. Called at most once per property, when the core first needs it. */
  property(name: BucketProperty): ResolvedValue<E>;
  /** How this library's delivery grant on it is widened, if it is (only the construct tree knows); read when a check asks. */
  deliveryGrantWidening?(): GrantWidening | undefined;
}

/** An element with its stack's environment. */
export interface PlacedInput extends ElementPlace {
  /** The account of its stack: a literal, or a token string when it is not known. */
  readonly account: string;
  /** The Region of its stack: a literal, or a token string. */
  readonly region: string;
}

/** One `AWS::Logs::DeliverySource`: its `Name`, `ResourceArn` and `LogType`, resolved keeping references. */
export interface DeliverySourceInput<E> extends PlacedInput {
  /** The handle that references to it (`Ref`, its name) resolve to. */
  readonly element: E;
  readonly name: ResolvedValue<E>;
  readonly resourceArn: ResolvedValue<E>;
  readonly logType: ResolvedValue<E>;
}

/** One `AWS::Logs::DeliveryDestination`: its `Name` and `DestinationResourceArn`, resolved keeping references. */
export interface DeliveryDestinationInput<E> extends PlacedInput {
  /** The handle that references to it (`Fn::GetAtt` of its `Arn`) resolve to. */
  readonly element: E;
  readonly name: ResolvedValue<E>;
  readonly destinationResourceArn: ResolvedValue<E>;
}

/** One `AWS::Logs::Delivery`: its `DeliverySourceName` and `DeliveryDestinationArn`, resolved keeping references. */
export interface DeliveryInput<E> extends PlacedInput {
  readonly deliverySourceName: ResolvedValue<E>;
  readonly deliveryDestinationArn: ResolvedValue<E>;
}

/** One `AWS::S3::BucketPolicy`. */
export interface BucketPolicyInput<E> {
  /** The path of the stack that holds it, whose conditions its `Fn::If`s name. */
  readonly stackPath: string;
  /** Its `Bucket`, resolved keeping references; read only when a check reads a bucket's policy, so a front-end may resolve it on first read. */
  readonly bucket: ResolvedValue<E>;
  /** Its `PolicyDocument` in CloudFormation's form (references as `Ref` and `Fn::GetAtt`), the way the policy rules read it; resolved when a check first reads it. */
  document(): unknown;
}

/** One `AWS::KMS::Key`. */
export interface KeyInput<E> {
  readonly element: E;
  readonly stackPath: string;
  /** Its `KeyPolicy` in CloudFormation's form; resolved when a check first reads it. */
  policy(): unknown;
}

/** One exported stack output. */
export interface ExportInput<E> {
  /** The export name, resolved: a string when it is known. */
  readonly name: unknown;
  /** The output's value, resolved keeping references. */
  readonly value: ResolvedValue<E>;
}

/** A bucket outside the app known by its literal name, with its environment when known. */
export interface ExternalBucketInput {
  readonly name: string;
  readonly path?: string;
  readonly account?: string;
  readonly region?: string;
}

/** One `AWS::CloudTrail::Trail`. */
export interface TrailInput<E> extends ElementPlace {
  /** Its `S3BucketName`, resolved keeping references. */
  readonly bucketName: ResolvedValue<E>;
  /**
   * Its `{ AdvancedEventSelectors, EventSelectors }` (or camelCase), resolved keeping references in one
   * value. (Not a pair in an array: resolving drops an `undefined` item, which would shift the other.)
   */
  readonly selectors: ResolvedValue<E>;
}

/** The model, with the way back from a front-end's bucket elements to their nodes. */
export interface BuiltModel<E> extends LoggingModel {
  nodeOfElement(element: E): BucketNode | undefined;
}

/**
 * Build the logging model of an app from its resolved resources, in one pass over them.
 *
 * A destination is followed through every reference to a bucket of the app, through `Fn::ImportValue`
 * of an export of the app, and through literal bucket names (matched to a bucket of the app, or to an
 * external bucket the front-end knows). Each `Fn::If` is the branch that `branch` chooses (by default,
 * every condition the deployment decides is true): `run-checks.ts` builds one model per branch.
 */
export function buildModel<E>(input: ModelInput<E>, branch: ConditionBranch = new ConditionBranch()): BuiltModel<E> {
  const conditions = new ConditionEvaluator<E>(branch, input.conditionDefinitions ?? (() => undefined), canonicalValue);
  const branchOfStack = new Map<string, BranchOf>();
  const branchOf = (stackPath: string): BranchOf => {
    let choose = branchOfStack.get(stackPath);
    if (!choose) {
      choose = name => conditions.valueOf(stackPath, name);
      branchOfStack.set(stackPath, choose);
    }
    return choose;
  };
  const keys = new Map((input.keys ?? []).map(key => [key.element, key]));
  const keyVerdict = (key: KeyInput<E>, principal?: string) =>
    keyPolicyLetsLoggingServiceEncrypt(canonicalValue(key.policy(), branchOf(key.stackPath)), principal);
  const index = new BucketIndex<E>();
  const policiesOf = new Map<BucketNode, BucketPolicyInput<E>[]>();
  // Which bucket each policy is attached to, found when a check first reads a bucket's policy (at
  // validation; the model of the aspects never does): each bucket with enforceSSL has a policy.
  let policiesAttached = false;
  const attachPolicies = () => {
    if (policiesAttached) {
      return;
    }
    policiesAttached = true;
    for (const policy of input.policies) {
      const target = names.bucketOf(canonical(policy.bucket, branchOf(policy.stackPath)));
      if (target) {
        policiesOf.get(target)!.push(policy);
      }
    }
  };
  const nodes = input.buckets.map(bucket => {
    const attached: BucketPolicyInput<E>[] = [];
    const name = canonical(bucket.property('bucketName'), branchOf(bucket.stackPath));
    const node = bucketNode(bucket, name, () => {
      attachPolicies();
      return attached;
    }, branchOf, {
      verdict: (element, principal) => {
        const key = keys.get(element);
        return key ? keyVerdict(key, principal) : undefined;
      },
      logicalIdOf: input.logicalIdOf,
    });
    policiesOf.set(node, attached);
    index.add(bucket.element, node, name);
    return node;
  });
  const names = new BucketNames(index, new ExportIndex(input.exports, index));
  const externalByName = new Map(input.externalBuckets.map(bucket => [bucket.name, bucket]));

  input.buckets.forEach((bucket, i) => {
    const logging = loggingOf(bucket.property('loggingConfiguration'), input.logicalIdOf, branchOf(bucket.stackPath));
    if (!logging) {
      return;
    }
    nodes[i].logging = {
      destination: logging.destinationValue === undefined
        ? { kind: 'bucket', bucket: nodes[i], byReference: true }
        : destinationOf(logging.resolved, logging.destinationValue, nodes[i], names, externalByName, input.logicalIdOf),
      prefix: logging.prefix,
      keyFormat: logging.keyFormat,
    };
  });

  const trails = input.trails.map(trail => trailNode(trail, names, branchOf(trail.stackPath)));
  const vended = vendedNodes(input, index, names, branchOf);
  return { buckets: nodes, trails, ...vended, nodeOfElement: element => index.nodeOf(element) };
}

/** A bucket's logging configuration, resolved keeping references. */
export interface ResolvedLogging<E = unknown> {
  readonly resolved: ResolvedValue<E>;
  /** The destination's name as resolved; undefined when the configuration names none (the bucket logs into itself). */
  readonly destinationValue?: unknown;
  /** The log file prefix: `''` for none, or a token string. */
  readonly prefix: string;
  readonly keyFormat: KeyFormat;
}

/** What a resolved `LoggingConfiguration` says; undefined when logging is off. */
export function loggingOf<E>(given: ResolvedValue<E>, logicalIdOf: (element: E) => string, branchOf?: BranchOf): ResolvedLogging<E> | undefined {
  const resolved = canonical(given, branchOf);
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
    prefix: prefixOf(field(logging, 'logFilePrefix'), resolved, logicalIdOf),
    keyFormat: keyFormatOf(field(logging, 'targetObjectKeyFormat')),
  };
}

/** The physical name a resolved `BucketName` gives, when it is a plain string. */
export function literalNameOf(resolved: ResolvedValue<unknown>, branchOf?: BranchOf): string | undefined {
  const name = canonicalValue(resolved.value, branchOf);
  return isLiteral(name) ? name : undefined;
}

/**
 * Whether a value is a literal string: no reference, and no dynamic reference (`{{resolve:ssm:...}}`,
 * which CloudFormation replaces with a parameter's or secret's value at deploy).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
 */
function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && !holdsReference(value) && !value.includes('{{resolve:');
}

/**
 * The default encryption rules of a resolved `BucketEncryption`; empty when none is set. An algorithm
 * that is not a literal (a parameter) is kept as its expression.
 */
export function defaultEncryptionOf<E>(bucketEncryption: ResolvedValue<E>, keys?: KeyReader<E>): DefaultEncryption[] {
  const rules = field(bucketEncryption.value, 'serverSideEncryptionConfiguration');
  const encryption: DefaultEncryption[] = [];
  for (const rule of Array.isArray(rules) ? rules : []) {
    const byDefault = field(rule, 'serverSideEncryptionByDefault');
    const algorithm = field(byDefault, 'sseAlgorithm');
    if (algorithm === undefined || algorithm === null) {
      continue;
    }
    const key = field(byDefault, 'kmsMasterKeyId');
    const keyElement = referencedElement(bucketEncryption, key);
    const literal = typeof algorithm === 'string' && !holdsReference(algorithm);
    encryption.push({
      algorithm: literal ? algorithm : undefined,
      algorithmExpression: literal ? undefined
        : JSON.stringify(keys ? withReferencesAsRefs(algorithm, bucketEncryption, keys.logicalIdOf) : algorithm),
      kmsKeyGiven: key !== undefined && key !== null && key !== '',
      keyLetsLoggingServiceEncrypt: keyElement !== undefined ? keys?.verdict(keyElement) : undefined,
      keyLetsLogDeliveryEncrypt: keyElement !== undefined ? keys?.verdict(keyElement, LOG_DELIVERY_SERVICE_PRINCIPAL) : undefined,
    });
  }
  return encryption;
}

/** What reading a default encryption needs of the app: its KMS keys' verdicts, and how to write a reference. */
interface KeyReader<E> {
  readonly verdict: (key: E, principal?: string) => 'yes' | 'no' | 'unknown' | undefined;
  readonly logicalIdOf: (element: E) => string;
}

/**
 * Whether a resolved `OwnershipControls` leaves ACLs on: `ObjectWriter` or `BucketOwnerPreferred`.
 * "Object Ownership ... BucketOwnerEnforced ... is the default setting for all newly created buckets"
 * (since April 2023), and then ACLs no longer affect permissions.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 */
export function aclsEnabledOf(ownershipControls: unknown): boolean {
  const rules = field(ownershipControls, 'rules');
  return asList(rules).some(rule => ['ObjectWriter', 'BucketOwnerPreferred'].includes(field(rule, 'objectOwnership') as string));
}

/** Whether a resolved `ObjectLockEnabled` and `ObjectLockConfiguration` enable Object Lock. */
export function objectLockEnabledOf(enabled: unknown, configuration: unknown): boolean {
  return enabled === true || enabled === 'true' || field(configuration, 'objectLockEnabled') === 'Enabled';
}

/**
 * The model of one bucket, with its `BucketName` read (canonical, in the model's branch). `policies` gives the bucket policies attached to it, once every
 * bucket is known. Only the checks of destinations read a bucket's settings and policy, and resolving
 * them for every bucket (each bucket with enforceSSL has a policy) was most of the cost of a large
 * app's model: they are resolved on first read, which is at validation, never during aspects.
 */
function bucketNode<E>(
  bucket: BucketInput<E>,
  name: ResolvedValue<E>,
  policies: () => readonly BucketPolicyInput<E>[],
  branchOf: (stackPath: string) => BranchOf,
  keys: KeyReader<E>,
): BucketNode {
  const read = (property: BucketProperty) => canonicalValue(bucket.property(property).value, branchOf(bucket.stackPath));
  let policyDocuments: unknown[] | undefined;
  let defaultEncryption: DefaultEncryption[] | undefined;
  let objectLockEnabled: boolean | undefined;
  let accessControl: { value: string | undefined } | undefined;
  let aclsEnabled: boolean | undefined;
  return {
    scope: bucket.scope,
    path: bucket.path,
    stackPath: bucket.stackPath,
    get logicalId() {
      return bucket.logicalId;
    },
    account: bucket.account,
    region: bucket.region,
    literalName: literalNameOf(name),
    get defaultEncryption() {
      const encryption = bucket.property('bucketEncryption');
      defaultEncryption ??= defaultEncryptionOf(canonical(encryption, branchOf(bucket.stackPath)), keys);
      return defaultEncryption;
    },
    get objectLockEnabled() {
      objectLockEnabled ??= objectLockEnabledOf(read('objectLockEnabled'), read('objectLockConfiguration'));
      return objectLockEnabled;
    },
    get accessControl() {
      if (!accessControl) {
        const value = read('accessControl');
        accessControl = { value: typeof value === 'string' ? value : undefined };
      }
      return accessControl.value;
    },
    get aclsEnabled() {
      aclsEnabled ??= aclsEnabledOf(read('ownershipControls'));
      return aclsEnabled;
    },
    get policyDocuments() {
      policyDocuments ??= policies().map(policy => canonicalValue(policy.document(), branchOf(policy.stackPath)));
      return policyDocuments;
    },
    get deliveryGrantWidening() {
      return bucket.deliveryGrantWidening?.();
    },
    receivesTrailLogs: bucket.receivesTrailLogs,
  };
}

/** The model of one trail: the bucket it writes to, and the buckets whose data events its selectors name. */
function trailNode<E>(trail: TrailInput<E>, names: BucketNames<E>, branchOf: BranchOf): TrailNode {
  const recorded = new Set<BucketNode>();
  const selectors = canonical(trail.selectors, branchOf);
  for (const arn of selectedObjectArns(selectors.value)) {
    const bucket = names.bucketOfArn(selectors, arn);
    if (bucket) {
      recorded.add(bucket);
    }
  }
  return {
    scope: trail.scope,
    path: trail.path,
    stackPath: trail.stackPath,
    logBucket: names.bucketOf(canonical(trail.bucketName, branchOf)),
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
  const advanced = field(selectors, 'advancedEventSelectors');
  const basic = field(selectors, 'eventSelectors');
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

/** The log type of S3 server access logs in the CloudWatch Logs delivery APIs. */
const S3_SERVER_ACCESS_LOGS = 'S3_SERVER_ACCESS_LOGS';

/**
 * The CloudWatch Logs vended-logs channel of the app's server access logs: each delivery source of
 * log type `S3_SERVER_ACCESS_LOGS` with its bucket, and each delivery from one of them with where it
 * goes. One pass over each of the three resource types; a source is found by reference (`Ref` of a
 * delivery source is its name) or by literal name, a destination by `Fn::GetAtt` of its `Arn` or by the
 * literal name in its ARN.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-vended-logs-permissions-V2.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-enabling.html
 */
function vendedNodes<E>(
  input: ModelInput<E>,
  index: BucketIndex<E>,
  names: BucketNames<E>,
  branchOf: (stackPath: string) => BranchOf,
): { deliverySources: DeliverySourceNode[]; vendedDeliveries: VendedDeliveryNode[] } {
  const sourceByElement = new Map<E, DeliverySourceNode>();
  const sourceByName = new Map<string, DeliverySourceNode>();
  const deliverySources: DeliverySourceNode[] = [];
  for (const source of input.deliverySources ?? []) {
    const choose = branchOf(source.stackPath);
    if (canonicalValue(source.logType.value, choose) !== S3_SERVER_ACCESS_LOGS) {
      continue;
    }
    const arn = withPartitionRead(canonical(source.resourceArn, choose));
    const bucket = bucketOfBucketArn(arn, index, names);
    const literalName = literalNameOf(source.name, choose);
    const node: DeliverySourceNode = {
      scope: source.scope,
      path: source.path,
      stackPath: source.stackPath,
      account: source.account,
      region: source.region,
      bucket,
      externalBucketArn: !bucket && isLiteral(arn.value) ? arn.value : undefined,
      literalName,
    };
    deliverySources.push(node);
    sourceByElement.set(source.element, node);
    if (literalName) {
      sourceByName.set(literalName, node);
    }
  }
  if (deliverySources.length === 0) {
    return { deliverySources, vendedDeliveries: [] };
  }

  const destinationByElement = new Map<E, () => VendedDestination>();
  const destinationByName = new Map<string, () => VendedDestination>();
  for (const destination of input.deliveryDestinations ?? []) {
    const choose = branchOf(destination.stackPath);
    const literalName = literalNameOf(destination.name, choose);
    const node: DeliveryDestinationNode = {
      scope: destination.scope,
      path: destination.path,
      stackPath: destination.stackPath,
      account: destination.account,
      region: destination.region,
      literalName,
    };
    let resolved: VendedDestination | undefined;
    const arn = () => withPartitionRead(canonical(destination.destinationResourceArn, choose));
    const resolve = () => resolved ??= vendedDestinationOf(arn(), node, input, index);
    destinationByElement.set(destination.element, resolve);
    if (literalName) {
      destinationByName.set(literalName, resolve);
    }
  }

  const vendedDeliveries: VendedDeliveryNode[] = [];
  for (const delivery of input.deliveries ?? []) {
    const choose = branchOf(delivery.stackPath);
    const sourceName = canonical(delivery.deliverySourceName, choose);
    const sourceElement = referencedElement(sourceName);
    const source = sourceElement !== undefined ? sourceByElement.get(sourceElement)
      : isLiteral(sourceName.value) ? sourceByName.get(sourceName.value) : undefined;
    if (!source) {
      continue;
    }
    const arn = withPartitionRead(canonical(delivery.deliveryDestinationArn, choose));
    const destinationElement = referencedElement(arn);
    const byName = isLiteral(arn.value) ? /^arn:[^:]+:logs:[^:]*:[^:]*:delivery-destination:(.+)$/.exec(arn.value) : null;
    const destination = destinationElement !== undefined ? destinationByElement.get(destinationElement)?.()
      : byName ? destinationByName.get(byName[1])?.() ?? { kind: 'other', description: `the delivery destination ${arn.value}` }
        : undefined;
    vendedDeliveries.push({
      scope: delivery.scope,
      path: delivery.path,
      stackPath: delivery.stackPath,
      account: delivery.account,
      region: delivery.region,
      source,
      destination: destination ?? { kind: 'unknown', expression: JSON.stringify(withReferencesAsRefs(arn.value, arn, input.logicalIdOf)) },
    });
  }
  return { deliverySources, vendedDeliveries };
}

/** The bucket of the app a bucket ARN value stands for: `Fn::GetAtt` of its `Arn`, `arn:<partition>:s3:::<name>` (by `Ref` or literal), an import. */
function bucketOfBucketArn<E>(arn: ResolvedValue<E>, index: BucketIndex<E>, names: BucketNames<E>): BucketNode | undefined {
  const element = referencedElement(arn);
  if (element !== undefined) {
    return index.nodeOf(element);
  }
  const name = typeof arn.value === 'string' ? S3_ARN.exec(arn.value)?.[1] : undefined;
  if (name !== undefined) {
    const named = referencedElement(arn, name);
    return named !== undefined ? index.nodeOf(named) : isLiteral(name) ? index.findByName(name) : undefined;
  }
  return names.bucketOf(arn);
}

/**
 * An ARN value with `AWS::Partition` read as `aws`, as ARNs are written to name a resource in any
 * partition: `Fn::Sub` whose only variable is `${AWS::Partition}`, `Fn::Join` whose parts are strings
 * and `Ref` of `AWS::Partition`. Anything else stays as it is. (The partition does not tell resources
 * of one app apart.)
 */
function withPartitionRead<E>(resolved: ResolvedValue<E>): ResolvedValue<E> {
  const value = resolved.value;
  const sub = field(value, 'Fn::Sub');
  if (typeof sub === 'string' && Object.keys(value as object).length === 1 && !/\$\{(?!AWS::Partition\})/.test(sub)) {
    return { value: sub.split('${AWS::Partition}').join('aws'), elements: resolved.elements };
  }
  const join = field(value, 'Fn::Join');
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map(part => field(part, 'Ref') === 'AWS::Partition' ? 'aws' : part);
    if (parts.every(part => typeof part === 'string')) {
      return { value: parts.join(join[0]), elements: resolved.elements };
    }
  }
  return resolved;
}

/** A bucket's ARN (or an object ARN in it): its name. */
const S3_ARN = /^arn:[^:]+:s3:::([^/]+)(\/.*)?$/;

/** What a delivery destination's resolved `DestinationResourceArn` stands for. */
function vendedDestinationOf<E>(
  arn: ResolvedValue<E>, node: DeliveryDestinationNode, input: ModelInput<E>, index: BucketIndex<E>,
): VendedDestination {
  const element = referencedElement(arn);
  if (element !== undefined) {
    const described = input.describeElement?.(element);
    const description = `${described?.type ?? 'resource'} ${input.logicalIdOf(element)}`;
    switch (described?.type) {
      case 'AWS::S3::Bucket': {
        const bucket = index.nodeOf(element);
        return bucket ? { kind: 'bucket', bucket, deliveryDestination: node } : { kind: 'other', description, deliveryDestination: node };
      }
      case 'AWS::Logs::LogGroup':
        return { kind: 'logGroup', description: `the log group ${input.logicalIdOf(element)}`, region: described.region, byReference: true, deliveryDestination: node };
      default:
        return { kind: 'other', description, deliveryDestination: node };
    }
  }
  if (typeof arn.value === 'string') {
    const bucketName = S3_ARN.exec(arn.value)?.[1];
    if (bucketName !== undefined) {
      const named = referencedElement(arn, bucketName);
      const bucket = named !== undefined ? index.nodeOf(named) : isLiteral(bucketName) ? index.findByName(bucketName) : undefined;
      return bucket ? { kind: 'bucket', bucket, deliveryDestination: node }
        : { kind: 'other', description: `the bucket ${isLiteral(bucketName) ? bucketName : 'of ' + JSON.stringify(withReferencesAsRefs(arn.value, arn, input.logicalIdOf))}`, deliveryDestination: node };
    }
    const logGroup = /^arn:[^:]+:logs:([^:]*):[^:]*:log-group:/.exec(arn.value);
    if (logGroup) {
      const region = isLiteral(logGroup[1]) && logGroup[1] !== '' ? logGroup[1] : undefined;
      return { kind: 'logGroup', description: `the log group ${isLiteral(arn.value) ? arn.value : JSON.stringify(withReferencesAsRefs(arn.value, arn, input.logicalIdOf))}`, region, byReference: false, deliveryDestination: node };
    }
    if (/^arn:[^:]+:firehose:/.test(arn.value)) {
      return { kind: 'other', description: `the Firehose stream ${JSON.stringify(withReferencesAsRefs(arn.value, arn, input.logicalIdOf))}`, deliveryDestination: node };
    }
  }
  return { kind: 'unknown', expression: JSON.stringify(withReferencesAsRefs(arn.value, arn, input.logicalIdOf)) };
}

/** Buckets of the app by element, by literal name, and by the expression of a name known only at deploy. */
class BucketIndex<E> {
  private readonly byElement = new Map<E, BucketNode>();
  private readonly byName = new Map<string, BucketNode>();
  private readonly byExpression = new Map<string, BucketNode>();
  private readonly expressions = new ExpressionKeys<E>();

  /** Index a bucket, with its `BucketName` resolved and canonical. */
  public add(element: E, node: BucketNode, name: ResolvedValue<E>): void {
    this.byElement.set(element, node);
    if (node.literalName) {
      this.byName.set(node.literalName, node);
    } else if (name.value !== undefined) {
      this.byExpression.set(this.expressionKey(node.stackPath, name), node);
    }
  }

  /**
   * The bucket whose `BucketName` is the same expression, in the same stack: `Fn::Sub` of the same
   * string, the same attribute of the same resource. In one stack an expression has one value at
   * deploy (its parameters and pseudo parameters are the stack's), so that bucket is the one named.
   */
  public findByExpression(stackPath: string, name: ResolvedValue<E>): BucketNode | undefined {
    return this.byExpression.get(this.expressionKey(stackPath, name));
  }

  /** An expression in a stack: the same expression over the same elements, in the same stack. */
  private expressionKey(stackPath: string, resolved: ResolvedValue<E>): string {
    return `${stackPath}\u0000${this.expressions.keyOf(resolved)}`;
  }

  public nodeOf(element: E | undefined): BucketNode | undefined {
    return element === undefined ? undefined : this.byElement.get(element);
  }

  public findByName(name: string): BucketNode | undefined {
    return this.byName.get(name);
  }
}

/** What a bucket-name value of a template stands for, among the app's buckets. */
class BucketNames<E> {
  constructor(private readonly index: BucketIndex<E>, private readonly exports: ExportIndex<E>) {}

  /** The bucket a resolved bucket-name value stands for: a reference, a literal name, or an import of an export of the app. */
  public bucketOf(resolved: ResolvedValue<E>, value: unknown = resolved.value): BucketNode | undefined {
    const element = referencedElement(resolved, value);
    if (element !== undefined) {
      return this.index.nodeOf(element);
    }
    if (isLiteral(value)) {
      return this.index.findByName(value);
    }
    const importName = field(value, 'Fn::ImportValue');
    return typeof importName === 'string' ? this.exports.find(importName) : undefined;
  }

  /** The bucket of a stack whose `BucketName` is the same expression as `name` (see `BucketIndex.findByExpression`). */
  public bucketOfExpression(stackPath: string, name: ResolvedValue<E>): BucketNode | undefined {
    return this.index.findByExpression(stackPath, name);
  }

  /** The bucket an object ARN pattern of a trail selector is in: `<bucket ARN>/...` by reference, or `arn:<partition>:s3:::<name>/...`. */
  public bucketOfArn(resolved: ResolvedValue<E>, arn: unknown): BucketNode | undefined {
    if (typeof arn !== 'string') {
      return undefined;
    }
    const [bucketPart] = arn.split('/', 1);
    const element = referencedElement(resolved, bucketPart);
    if (element !== undefined) {
      return this.index.nodeOf(element);
    }
    const literal = /^arn:[a-z-]+:s3:::([^/]+)$/.exec(bucketPart);
    return literal ? this.index.findByName(literal[1]) : undefined;
  }
}

/** The stack exports of the app that name a bucket, so that `Fn::ImportValue` can be followed. */
class ExportIndex<E> {
  private built?: Map<string, BucketNode>;

  constructor(private readonly exports: readonly ExportInput<E>[], private readonly buckets: BucketIndex<E>) {}

  public find(exportName: string): BucketNode | undefined {
    if (!this.built) {
      this.built = new Map();
      for (const exported of this.exports) {
        const bucket = this.buckets.nodeOf(referencedElement(canonical(exported.value)));
        const name = canonicalValue(exported.name);
        if (typeof name === 'string' && bucket) {
          this.built.set(name, bucket);
        }
      }
    }
    return this.built.get(exportName);
  }
}

function destinationOf<E>(
  resolved: ResolvedValue<E>,
  value: unknown,
  source: BucketNode,
  names: BucketNames<E>,
  externalByName: Map<string, ExternalBucketInput>,
  logicalIdOf: (element: E) => string,
): Destination {
  const bucket = names.bucketOf(resolved, value);
  if (bucket) {
    const element = referencedElement(resolved, value);
    // A name (or a reference that may cross Regions or accounts) leaves the two stacks' environments apart.
    const byReference = (typeof value !== 'string' || element !== undefined) && !(element !== undefined && resolved.acrossEnvironments?.has(element));
    return { kind: 'bucket', bucket, byReference };
  }
  if (isLiteral(value)) {
    const external = externalByName.get(value);
    return { kind: 'external', name: value, path: external?.path, account: external?.account, region: external?.region };
  }
  const named = names.bucketOfExpression(source.stackPath, { value, elements: resolved.elements });
  if (named) {
    return { kind: 'bucket', bucket: named, byReference: true };
  }
  return { kind: 'unknown', expression: JSON.stringify(withReferencesAsRefs(value, resolved, logicalIdOf)) };
}

/** A resolved value with each reference written back as `{ "Ref": "<logical id>" }`, for a message. */
function withReferencesAsRefs<E>(value: unknown, resolved: ResolvedValue<E>, logicalIdOf: (element: E) => string): unknown {
  if (typeof value === 'string') {
    const element = referencedElement(resolved, value);
    return element !== undefined ? { Ref: logicalIdOf(element) } : value;
  }
  if (Array.isArray(value)) {
    return value.map(item => withReferencesAsRefs(item, resolved, logicalIdOf));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withReferencesAsRefs(item, resolved, logicalIdOf)]));
  }
  return value;
}

/** The prefix as a string: a literal, or a token for anything only known at deploy (a parameter, an intrinsic). */
function prefixOf<E>(value: unknown, resolved: ResolvedValue<E>, logicalIdOf: (element: E) => string): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string' && !holdsReference(value)) {
    return value;
  }
  return Token.asString(withReferencesAsRefs(value, resolved, logicalIdOf));
}

function keyFormatOf(value: unknown): KeyFormat {
  return field(value, 'partitionedPrefix') !== undefined ? 'partitioned' : 'simple';
}

/** Chooses the branch of an `Fn::If` by its condition's name; absent, an `Fn::If` stays as written. */
export type BranchOf = (condition: string) => boolean;

/** A resolved value in canonical form (see `canonicalValue`), with the same elements. */
function canonical<E>(resolved: ResolvedValue<E>, branchOf?: BranchOf): ResolvedValue<E> {
  return { ...resolved, value: canonicalValue(resolved.value, branchOf) };
}

/**
 * A value as the model reads it, whichever front-end resolved it and however the template wrote it:
 *
 * - `Fn::Join` of parts that are all strings (references included: their placeholders are strings) is
 *   the joined string, as CloudFormation makes it: `{ "Fn::Join": ["", [<bucket ARN>, "/"]] }` is the
 *   string `<bucket ARN>/`, as `${bucket.bucketArn}/` is in a construct tree;
 * - `Fn::GetAtt`'s `Resource.Attribute` string form (YAML's `!GetAtt Resource.Attribute`, kept as
 *   written in a `Json` property such as a policy document) is its array form;
 * - with `branchOf`, `Fn::If` is the branch its condition chooses, and `AWS::NoValue` removes the
 *   property or list item that holds it, as CloudFormation does (a value that is `AWS::NoValue` is undefined).
 *
 * Anything else stays as it is.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if
 */
export function canonicalValue(value: unknown, branchOf?: BranchOf): unknown {
  const result = canonicalOrNoValue(value, branchOf);
  return result === NO_VALUE ? undefined : result;
}

/** Stands for `AWS::NoValue` while a value is made canonical. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

function canonicalOrNoValue(value: unknown, branchOf: BranchOf | undefined): unknown {
  if (Array.isArray(value)) {
    return value.map(item => canonicalOrNoValue(item, branchOf)).filter(item => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    switch (keys[0]) {
      case 'Fn::Join': {
        const argument = canonicalOrNoValue(record['Fn::Join'], branchOf);
        if (Array.isArray(argument) && typeof argument[0] === 'string' && Array.isArray(argument[1])
          && argument[1].every(part => typeof part === 'string')) {
          return argument[1].join(argument[0]);
        }
        return { 'Fn::Join': argument };
      }
      case 'Fn::GetAtt': {
        const text = record['Fn::GetAtt'];
        const dot = typeof text === 'string' ? text.indexOf('.') : -1;
        if (typeof text === 'string') {
          return dot > 0 ? { 'Fn::GetAtt': [text.slice(0, dot), text.slice(dot + 1)] } : record;
        }
        break;
      }
      case 'Fn::If': {
        const args = record['Fn::If'];
        if (branchOf && Array.isArray(args) && args.length === 3 && typeof args[0] === 'string') {
          return canonicalOrNoValue(branchOf(args[0]) ? args[1] : args[2], branchOf);
        }
        break;
      }
      case 'Ref':
        if (branchOf && record.Ref === 'AWS::NoValue') {
          return NO_VALUE;
        }
        break;
    }
  }
  const entries = keys.map(key => [key, canonicalOrNoValue(record[key], branchOf)] as const);
  return Object.fromEntries(entries.filter(([, item]) => item !== NO_VALUE));
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** CloudFormation's spellings that are not the camelCase name with a capital first letter. */
const CLOUDFORMATION_SPELLINGS: Record<string, string> = {
  sseAlgorithm: 'SSEAlgorithm',
  kmsMasterKeyId: 'KMSMasterKeyID',
};

/**
 * A property of a resolved value. The construct tree's L1 props are camelCase (though a raw object
 * given to an L1 prop may use the CloudFormation spelling) and templates are PascalCase: accept both.
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
  const pascal = CLOUDFORMATION_SPELLINGS[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
  return record[pascal];
}
