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
  /** Every `AWS::Logs::DeliverySource` of log type `S3_SERVER_ACCESS_LOGS` in the app, in construct-tree order. */
  readonly deliverySources: DeliverySourceNode[];
  /** Every `AWS::Logs::Delivery` of the app whose source is one of `deliverySources`, in construct-tree order. */
  readonly vendedDeliveries: VendedDeliveryNode[];
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
  /** The same for `delivery.logs.amazonaws.com`, which writes CloudWatch Logs vended deliveries into a bucket. */
  readonly keyLetsLogDeliveryEncrypt?: 'yes' | 'no' | 'unknown';
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

/** An element of the model with its stack's environment: a literal, or a token string where it is not known. */
export interface PlacedElement extends ModelElement {
  readonly account: string;
  readonly region: string;
}

/**
 * One `AWS::Logs::DeliverySource` of log type `S3_SERVER_ACCESS_LOGS`: the CloudWatch Logs vended-logs
 * channel of a bucket's server access logs.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-enabling.html
 */
export interface DeliverySourceNode extends PlacedElement {
  /** The bucket whose logs it takes, when it is one of the app's. */
  readonly bucket?: BucketNode;
  /** The bucket's ARN as the template writes it when it is not one of the app's (a literal ARN), for the duplicate rule; else undefined. */
  readonly externalBucketArn?: string;
  /** Its `Name`, when the template gives it as a literal. */
  readonly literalName?: string;
}

/** One `AWS::Logs::Delivery` from a delivery source of server access logs. */
export interface VendedDeliveryNode extends PlacedElement {
  readonly source: DeliverySourceNode;
  readonly destination: VendedDestination;
}

/** The `AWS::Logs::DeliveryDestination` of a delivery, when it is one of the app's. */
export interface DeliveryDestinationNode extends PlacedElement {
  /** Its `Name`, when the template gives it as a literal. */
  readonly literalName?: string;
}

/** Where a vended delivery's records go. */
export type VendedDestination =
  /** A bucket of the app (`DestinationResourceArn` its ARN by reference, or `arn:<partition>:s3:::<name>` of its literal name). */
  | { readonly kind: 'bucket'; readonly bucket: BucketNode; readonly deliveryDestination: DeliveryDestinationNode }
  /**
   * A CloudWatch Logs log group. `region` is where it is when known: the Region of its ARN, or of the
   * stack of the log group the template references; `byReference` when it is such a reference.
   */
  | {
    readonly kind: 'logGroup';
    readonly description: string;
    readonly region?: string;
    readonly byReference: boolean;
    readonly deliveryDestination: DeliveryDestinationNode;
  }
  /** Anything else the model can name: a Firehose stream, a bucket outside the app, a delivery destination of another account. */
  | { readonly kind: 'other'; readonly description: string; readonly deliveryDestination?: DeliveryDestinationNode }
  /** A value the model cannot follow. */
  | { readonly kind: 'unknown'; readonly expression: string };

/** The channel an edge of the logging graph belongs to. */
export type LoggingChannel =
  /** The bucket's `LoggingConfiguration`. */
  | { readonly kind: 'serverAccessLogging' }
  /** A CloudWatch Logs vended-logs delivery of its server access logs into a bucket. */
  | { readonly kind: 'vendedDelivery'; readonly delivery: VendedDeliveryNode };

/** One edge of the logging graph: the bucket `from`'s access logs are written into `to`. */
export interface LoggingGraphEdge {
  readonly from: BucketNode;
  readonly to: BucketNode;
  readonly channel: LoggingChannel;
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
export function sourcesByDestination(model: LoggingModel): ReadonlyMap<BucketNode, readonly LoggingSource[]> {
  let grouped = sourcesOfModel.get(model);
  if (!grouped) {
    grouped = groupSourcesByDestination(model);
    sourcesOfModel.set(model, grouped);
  }
  return grouped;
}

/** The sources of each destination of each model, grouped once: most destination rules read them. */
const sourcesOfModel = new WeakMap<LoggingModel, ReadonlyMap<BucketNode, readonly LoggingSource[]>>();

function groupSourcesByDestination(model: LoggingModel): Map<BucketNode, LoggingSource[]> {
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
export function describeSources(sources: readonly LoggingSource[]): string {
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
 * The edges of the logging graph, by source bucket: its server access logging first, then its vended
 * deliveries into buckets of the app, in model order.
 */
export function loggingGraph(model: LoggingModel): Map<BucketNode, LoggingGraphEdge[]> {
  const graph = new Map<BucketNode, LoggingGraphEdge[]>();
  const add = (edge: LoggingGraphEdge) => {
    const list = graph.get(edge.from);
    if (list) {
      list.push(edge);
    } else {
      graph.set(edge.from, [edge]);
    }
  };
  for (const bucket of model.buckets) {
    const next = nextBucket(bucket);
    if (next) {
      add({ from: bucket, to: next, channel: { kind: 'serverAccessLogging' } });
    }
  }
  for (const delivery of model.vendedDeliveries) {
    const from = delivery.source.bucket;
    if (from && delivery.destination.kind === 'bucket') {
      add({ from, to: delivery.destination.bucket, channel: { kind: 'vendedDelivery', delivery } });
    }
  }
  return graph;
}

/**
 * One loop of the logging graph: its edges in order, the first from its member first in the model's
 * order, the last back to it.
 */
export interface LoggingLoop {
  readonly buckets: BucketNode[];
  readonly edges: LoggingGraphEdge[];
}

/**
 * The loops of the logging graph over every channel (server access logging and vended deliveries),
 * one per strongly connected part of the graph (Tarjan's algorithm, linear in buckets and edges), each
 * the shortest loop through that part's member first in the model's order (so a loop has the same
 * first member in every branch of an app's conditions). A bucket whose `LoggingConfiguration` names
 * itself is not a loop here (the self-logging rule reports it); with server access logging alone,
 * every bucket has at most one edge, and each part is exactly one cycle.
 */
export function loggingLoops(model: LoggingModel): LoggingLoop[] {
  let loops = loopsOfModel.get(model);
  if (!loops) {
    loops = findLoggingLoops(model);
    loopsOfModel.set(model, loops);
  }
  return loops;
}

/** The loops of each model, found once: several rules read them (a model does not change once built). */
const loopsOfModel = new WeakMap<LoggingModel, LoggingLoop[]>();

function findLoggingLoops(model: LoggingModel): LoggingLoop[] {
  const graph = loggingGraph(model);
  const order = new Map(model.buckets.map((bucket, i) => [bucket, i]));
  const edgesOf = (bucket: BucketNode) => (graph.get(bucket) ?? [])
    .filter(edge => !(edge.to === edge.from && edge.channel.kind === 'serverAccessLogging'));
  const loops: LoggingLoop[] = [];
  for (const component of stronglyConnected(model.buckets, edgesOf)) {
    const members = new Set(component);
    const first = component.reduce((best, bucket) => (order.get(bucket)! < order.get(best)! ? bucket : best));
    const edges = shortestLoop(first, members, edgesOf);
    if (edges) {
      loops.push({ buckets: edges.map(edge => edge.from), edges });
    }
  }
  return loops.sort((a, b) => order.get(a.buckets[0])! - order.get(b.buckets[0])!);
}

/**
 * The cycles of the logging graph, each once, as their members in order: every loop of `loggingLoops`,
 * and every bucket that logs into itself. Linear in the number of buckets and deliveries.
 */
export function loggingCycles(model: LoggingModel): BucketNode[][] {
  const selfLogging = model.buckets.filter(bucket => nextBucket(bucket) === bucket).map(bucket => [bucket]);
  return [...selfLogging, ...loggingLoops(model).map(loop => loop.buckets)];
}

/** The strongly connected parts of a graph that hold an edge (of two members or more, or one with an edge to itself). */
function stronglyConnected(nodes: readonly BucketNode[], edgesOf: (node: BucketNode) => LoggingGraphEdge[]): BucketNode[][] {
  const index = new Map<BucketNode, number>();
  const low = new Map<BucketNode, number>();
  const onStack = new Set<BucketNode>();
  const stack: BucketNode[] = [];
  const components: BucketNode[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) {
      continue;
    }
    // An iterative depth-first walk: each frame is a node and the position in its edges.
    const frames: { node: BucketNode; edges: LoggingGraphEdge[]; next: number }[] = [];
    const enter = (node: BucketNode) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, edges: edgesOf(node), next: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++].to;
        if (!index.has(to)) {
          enter(to);
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: BucketNode[] = [];
        let member: BucketNode;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || frame.edges.some(edge => edge.to === frame.node)) {
          components.push(component.reverse());
        }
      }
    }
  }
  return components;
}

/** The shortest loop from `start` back to it within `members` (a breadth-first walk); undefined when there is none. */
function shortestLoop(
  start: BucketNode, members: Set<BucketNode>, edgesOf: (node: BucketNode) => LoggingGraphEdge[],
): LoggingGraphEdge[] | undefined {
  const reachedBy = new Map<BucketNode, LoggingGraphEdge>();
  const queue: BucketNode[] = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const edge of edgesOf(queue[head])) {
      if (!members.has(edge.to)) {
        continue;
      }
      if (edge.to === start) {
        const path = [edge];
        for (let at = edge.from; at !== start; at = reachedBy.get(at)!.from) {
          path.unshift(reachedBy.get(at)!);
        }
        return path;
      }
      if (!reachedBy.has(edge.to)) {
        reachedBy.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
  }
  return undefined;
}
