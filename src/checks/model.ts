/**
 * A model of an app's server access logging: every `AWS::S3::Bucket` with its stack's environment,
 * the settings that decide whether S3 can deliver logs into it, and its logging edge; and every
 * CloudTrail trail, with the bucket it writes to and the buckets whose data events it records.
 *
 * The checks are pure functions over this model, so each can be tested alone and all of them run
 * over the whole app in one pass. The model is built from the construct tree (`build-model.ts`);
 * the rules do not know how.
 */
export interface LoggingModel {
  /** Every bucket defined in the app, in construct-tree order. */
  readonly buckets: BucketNode[];
  /** Every trail defined in the app, in construct-tree order. */
  readonly trails: TrailNode[];
}

/** Where a bucket or trail is defined, for messages. */
export interface ModelElement {
  /**
   * What the model was built from, for reporting a finding: the construct (the L2 when the L1 is its
   * default child, else the L1) for a model of a construct tree. The rules never read it.
   */
  readonly scope: unknown;
  /** `scope`'s construct path. */
  readonly path: string;
  /** The path of the stack that holds it; elements in one stack share it. */
  readonly stackPath: string;
}

/** A bucket's place: what the environment rules read. */
export interface PlacedBucket extends ModelElement {
  /** The stack's account: a literal, or a token string for an environment-agnostic stack. */
  readonly account: string;
  /** The stack's Region: a literal, or a token string. */
  readonly region: string;
}

/** One `AWS::S3::Bucket` of the app. */
export interface BucketNode extends PlacedBucket {
  /** The logical id in its stack's template. */
  readonly logicalId: string;
  /** The physical name, when the template gives it as a literal. */
  readonly literalName?: string;
  /** Its default encryption rules (normally one); empty when none is set, where S3 applies SSE-S3. */
  readonly defaultEncryption: readonly DefaultEncryption[];
  /** Whether Object Lock is enabled. */
  readonly objectLockEnabled: boolean;
  /** The canned ACL, when one is set. */
  readonly accessControl?: string;
  /**
   * Whether ACLs apply to it: its `OwnershipControls` set `ObjectWriter` or `BucketOwnerPreferred`.
   * Without `OwnershipControls` a new bucket is `BucketOwnerEnforced`: ACLs are disabled.
   */
  readonly aclsEnabled: boolean;
  /** The bucket's policy documents, resolved (normally zero or one); may be computed on first read. */
  readonly policyDocuments: unknown[];
  /** Set when this library's delivery grant on the bucket accepts every bucket of the account. */
  readonly deliveryGrantWidening?: GrantWidening;
  /** Whether the bucket receives the log files of a trail this library defined, whatever the model found. */
  readonly receivesTrailLogs: boolean;
  /** Where the bucket's access logs go; undefined when logging is off. */
  logging?: LoggingEdge;
}

/** One rule of a bucket's default encryption. */
export interface DefaultEncryption {
  /** `AES256`, `aws:kms`, `aws:kms:dsse`; undefined when it is a deploy-time value (see `algorithmExpression`). */
  readonly algorithm?: string;
  /** For an algorithm chosen at deploy (a parameter): its expression as the template writes it, for messages. */
  readonly algorithmExpression?: string;
  /** Whether it names a KMS key (`KMSMasterKeyID`): a customer managed key, rather than the AWS managed key `aws/s3`. */
  readonly kmsKeyGiven: boolean;
  /**
   * For a key of the app (an `AWS::KMS::Key` it references), whether its key policy lets
   * `logging.s3.amazonaws.com` encrypt with it; undefined for a key the model cannot read.
   */
  readonly keyLetsLoggingServiceEncrypt?: 'yes' | 'no' | 'unknown';
}

/** Why a destination's delivery grant accepts every bucket of the account rather than naming its sources, or grants prefixes together. */
export interface GrantWidening {
  /** Paths of the sources in other stacks that have no literal name. */
  readonly unnamedSources: string[];
  /** How many sources the grant could name; over the budget means it names none. */
  readonly namedSourceCount: number;
  /** How many sources a grant names at most. */
  readonly namedSourceBudget: number;
  /** How many distinct prefixes past the budget of statements share one statement; absent when none. */
  readonly foldedPrefixCount?: number;
  /** How many prefixes a grant gives a statement of their own before it folds the others. */
  readonly prefixStatementBudget?: number;
  /** The longest common prefix of the folded prefixes, which their one statement grants (`<destination ARN>/<foldedUnder>*`). */
  readonly foldedUnder?: string;
}

/** One `AWS::CloudTrail::Trail` of the app. */
export interface TrailNode extends ModelElement {
  /** The bucket that receives the trail's log files, when it is one of the app's. */
  readonly logBucket?: BucketNode;
  /** The buckets of the app whose data events the trail records. */
  readonly recordedBuckets: BucketNode[];
}

/** A bucket's server access logging configuration. */
export interface LoggingEdge {
  readonly destination: Destination;
  /** The log file prefix as configured: `''` for none, or a token string. */
  readonly prefix: string;
  readonly keyFormat: KeyFormat;
}

/** The key format of the log objects. */
export type KeyFormat = 'simple' | 'partitioned';

/** Where a logging edge points. */
export type Destination =
  /**
   * A bucket defined in this app (possibly the source itself). `byReference` when the template
   * reaches it by a reference (`Ref`, an import, a nested stack parameter: CloudFormation itself then
   * keeps both in one account and Region), not by a literal name.
   */
  | { readonly kind: 'bucket'; readonly bucket: BucketNode; readonly byReference: boolean }
  /** A bucket outside the app, known by its literal name (its environment when it was imported with one). */
  | { readonly kind: 'external'; readonly name: string; readonly path?: string; readonly account?: string; readonly region?: string }
  /** A value the model cannot follow (a parameter, a custom resource attribute, ...). */
  | { readonly kind: 'unknown'; readonly expression: string };

/** A bucket that logs, with where it logs to. */
export interface LoggingSource {
  readonly source: BucketNode;
  readonly edge: LoggingEdge;
}

/** Every bucket of the model that has logging on. */
export function loggingSources(model: LoggingModel): LoggingSource[] {
  const sources: LoggingSource[] = [];
  for (const source of model.buckets) {
    if (source.logging) {
      sources.push({ source, edge: source.logging });
    }
  }
  return sources;
}

/** A display name for where an edge points. */
export function describeDestination(destination: Destination): string {
  switch (destination.kind) {
    case 'bucket': return destination.bucket.path;
    case 'external': return destination.path ? `${destination.path} (bucket ${destination.name})` : `bucket ${destination.name}`;
    case 'unknown': return destination.expression;
  }
}

/** The app's buckets that receive logs, each with the sources that log into it, in model order. */
export function sourcesByDestination(model: LoggingModel): Map<BucketNode, LoggingSource[]> {
  const grouped = new Map<BucketNode, LoggingSource[]>();
  for (const source of loggingSources(model)) {
    const destination = source.edge.destination;
    if (destination.kind === 'bucket') {
      const list = grouped.get(destination.bucket) ?? [];
      list.push(source);
      grouped.set(destination.bucket, list);
    }
  }
  return grouped;
}

/** The buckets of the model that receive server access logs. */
export function bucketsReceivingServerAccessLogs(model: LoggingModel): Set<BucketNode> {
  return new Set(sourcesByDestination(model).keys());
}

/** The buckets of the model that receive the log files of a trail. */
export function bucketsReceivingTrailLogs(model: LoggingModel): Set<BucketNode> {
  const receiving = new Set<BucketNode>(model.buckets.filter(bucket => bucket.receivesTrailLogs));
  for (const trail of model.trails) {
    if (trail.logBucket) {
      receiving.add(trail.logBucket);
    }
  }
  return receiving;
}

/** The bucket a bucket's server access logs go to, when it is one of the app's. */
export function nextBucket(bucket: BucketNode): BucketNode | undefined {
  const destination = bucket.logging?.destination;
  return destination?.kind === 'bucket' ? destination.bucket : undefined;
}

/** The paths of some sources, for a message. */
export function describeSources(sources: LoggingSource[]): string {
  return describePaths(sources.map(s => s.source.path));
}

/**
 * How a message names a destination's sources: "receives the server access logs of A, B" when it
 * has some, "is a server access log destination" while it has none yet (a construct's eager check).
 */
export function describeDestinationRole(sourcePaths: string[]): string {
  return sourcePaths.length > 0 ? `receives the server access logs of ${describePaths(sourcePaths)}` : 'is a server access log destination';
}

/** Some construct paths, for a message: the first five, and how many more. */
export function describePaths(paths: string[]): string {
  return paths.length <= 5 ? paths.join(', ') : `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more`;
}

/**
 * The cycles of the logging graph (self-loops included), each once, each starting with its member
 * first in the model's order (whichever bucket the walk entered it by: so a cycle has the same first
 * member in every branch of an app's conditions). Linear in the number of buckets.
 */
export function loggingCycles(model: LoggingModel): BucketNode[][] {
  const NEW = 0;
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Map<BucketNode, number>();
  const order = new Map(model.buckets.map((bucket, i) => [bucket, i]));
  const cycles: BucketNode[][] = [];
  for (const start of model.buckets) {
    const walk: BucketNode[] = [];
    let current: BucketNode | undefined = start;
    while (current && (state.get(current) ?? NEW) === NEW) {
      state.set(current, ON_PATH);
      walk.push(current);
      current = nextBucket(current);
    }
    if (current && state.get(current) === ON_PATH) {
      const cycle = walk.slice(walk.indexOf(current));
      const first = cycle.reduce((best, bucket, i) => (order.get(bucket)! < order.get(cycle[best])! ? i : best), 0);
      cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
    }
    walk.forEach(bucket => state.set(bucket, DONE));
  }
  return cycles;
}
