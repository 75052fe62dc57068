import { Token } from 'aws-cdk-lib';
import { Finding } from './finding';
import { Destination, describeDestination, LoggingModel, loggingSources, PlacedBucket } from './model';
import { knownAndDifferent } from '../private/same-environment';

/**
 * Where a logging edge's destination is, as the environment rules compare it with the source.
 * Shared by the Region, account and unknown-environment rules; the rules' messages are their own.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export interface EnvironmentTarget {
  /** How the destination is named in a message. */
  readonly description: string;
  /** Its account, when known (a literal or a token); undefined when nothing says. */
  readonly account?: string;
  /** Its Region, when known. */
  readonly region?: string;
  /** The path of its stack, when it is defined in the app. */
  readonly stackPath?: string;
  /** Whether the template reaches it by a reference, which keeps both in one deploy-time environment. */
  readonly byReference: boolean;
}

/** One logging edge, with both ends placed. */
export interface PlacedEdge {
  readonly source: PlacedBucket;
  readonly target: EnvironmentTarget;
}

export type EnvironmentDimension = 'Region' | 'account';

/** The environment of an edge's destination; undefined when it cannot be followed. */
export function environmentTarget(destination: Destination): EnvironmentTarget | undefined {
  switch (destination.kind) {
    case 'bucket':
      return {
        description: describeDestination(destination),
        account: destination.bucket.account,
        region: destination.bucket.region,
        stackPath: destination.bucket.stackPath,
        byReference: destination.byReference,
      };
    case 'external':
      return { description: describeDestination(destination), account: destination.account, region: destination.region, byReference: false };
    case 'unknown':
      return undefined;
  }
}

/** Every edge of the model whose destination can be placed, and is in another stack than its source. */
export function edgesAcrossStacks(model: LoggingModel): PlacedEdge[] {
  const edges: PlacedEdge[] = [];
  for (const { source, edge } of loggingSources(model)) {
    const target = environmentTarget(edge.destination);
    if (target && target.stackPath !== source.stackPath) {
      edges.push({ source, target });
    }
  }
  return edges;
}

/** The source's and the destination's value of one dimension. */
export function dimensionValues(edge: PlacedEdge, dimension: EnvironmentDimension): [string, string | undefined] {
  return dimension === 'Region' ? [edge.source.region, edge.target.region] : [edge.source.account, edge.target.account];
}

/** Whether both values of a dimension are known at synth and differ. */
export function knownToDiffer(edge: PlacedEdge, dimension: EnvironmentDimension): boolean {
  const [source, target] = dimensionValues(edge, dimension);
  return target !== undefined && knownAndDifferent(source, target);
}

/**
 * Whether a dimension cannot be decided at synth: one side is a token (an environment-agnostic
 * stack), or both are the same token and no reference ties the two stacks to one deploy.
 */
export function unknownAtSynth(edge: PlacedEdge, dimension: EnvironmentDimension): boolean {
  const [source, target] = dimensionValues(edge, dimension);
  if (target === undefined) {
    return false;
  }
  if (source === target) {
    return Token.isUnresolved(source) && !edge.target.byReference;
  }
  return Token.isUnresolved(source) || Token.isUnresolved(target);
}

/** The one message of the Region and account rules: the two differ only in the dimension they name. */
export function environmentMismatchFinding(edge: PlacedEdge, dimension: EnvironmentDimension, id: string): Finding | undefined {
  if (!knownToDiffer(edge, dimension)) {
    return undefined;
  }
  const [source, destination] = dimensionValues(edge, dimension);
  return {
    level: 'error',
    id,
    subject: edge.source,
    message: `${edge.source.path} logs to ${edge.target.description} in another ${dimension}: `
      + `source ${source}, destination ${destination}. S3 delivers server access logs only to a bucket in the source's own ${dimension}. `
      + `Use a destination in ${source}, e.g. an AccessLogsBucket in a stack of that ${dimension}.`,
  };
}

/** Whether an edge's source and destination are known to be in different Regions or accounts (which the Region and account rules report). */
export function edgeHasEnvironmentMismatch(source: { readonly source: PlacedBucket; readonly edge: { readonly destination: Destination } }): boolean {
  const target = environmentTarget(source.edge.destination);
  if (!target || target.stackPath === source.source.stackPath) {
    return false;
  }
  const edge = { source: source.source, target };
  return knownToDiffer(edge, 'Region') || knownToDiffer(edge, 'account');
}
