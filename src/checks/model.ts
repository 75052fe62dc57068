import { IConstruct } from 'constructs';
import { GrantWidening } from '../private/log-delivery-grant';

/**
 * A model of an app's server access logging: every `AWS::S3::Bucket` with its stack's environment,
 * the settings that decide whether S3 can deliver logs into it, and its logging edge.
 *
 * The checks are pure functions over this model, so each can be tested alone and all of them run
 * over the whole app in one pass.
 */
export interface LoggingModel {
  /** Every bucket defined in the app, in construct-tree order. */
  readonly buckets: BucketNode[];
}

/** One `AWS::S3::Bucket` of the app. */
export interface BucketNode {
  /** The construct to report on: the L2 bucket when the L1 is its default child, else the L1. */
  readonly scope: IConstruct;
  /** `scope`'s construct path. */
  readonly path: string;
  /** The path of the stack that holds the bucket; buckets in one stack share it. */
  readonly stackPath: string;
  /** The logical id in its stack's template. */
  readonly logicalId: string;
  /** The stack's account: a literal, or a token string for an environment-agnostic stack. */
  readonly account: string;
  /** The stack's Region: a literal, or a token string. */
  readonly region: string;
  /** The physical name, when the template gives it as a literal. */
  readonly literalName?: string;
  /** Default encryption algorithms (`AES256`, `aws:kms`, `aws:kms:dsse`); empty when none is set. */
  readonly sseAlgorithms: string[];
  /** Whether Object Lock is enabled. */
  readonly objectLockEnabled: boolean;
  /** The canned ACL, when one is set. */
  readonly accessControl?: string;
  /** The bucket's policy documents, resolved (normally zero or one); may be computed on first read. */
  readonly policyDocuments: unknown[];
  /** Set when this library's delivery grant on the bucket accepts every bucket of the account. */
  readonly deliveryGrantWidening?: GrantWidening;
  /** Where the bucket's access logs go; undefined when logging is off. */
  logging?: LoggingEdge;
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
   * reaches it by `Ref` or `Fn::ImportValue` (so CloudFormation itself keeps both in one account and
   * Region), not by a literal name.
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

/** The paths of some sources, for a message. */
export function describeSources(sources: LoggingSource[]): string {
  return describePaths(sources.map(s => s.source.path));
}

/** Some construct paths, for a message: the first five, and how many more. */
export function describePaths(paths: string[]): string {
  return paths.length <= 5 ? paths.join(', ') : `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more`;
}
