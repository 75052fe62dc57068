import { Aws, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { literalBucketName } from './literal-bucket-name';

/**
 * The service principal that writes server access logs.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export const LOGGING_SERVICE_PRINCIPAL = 'logging.s3.amazonaws.com';

/**
 * How many sources a destination's policy names in `aws:SourceArn` before it accepts every bucket
 * of the account instead.
 *
 * A named source costs at most 79 bytes once deployed (`"arn:aws:s3:::` + 63 characters + `",`),
 * so 100 of them stay under 8 KB: well inside S3's 20 KB policy limit, with room for the owner's
 * own statements.
 */
export const NAMED_SOURCE_BUDGET = 100;

/** A source of logs: the L1 bucket, or an L2 (aws-cdk-lib hands `allowLogDelivery` an `IBucket`). */
export type LogSource = CfnBucket | IBucket;

/**
 * One `Allow` statement per destination and prefix, naming every source that writes under it.
 *
 * aws-cdk-lib adds one statement (~310 bytes) per source, so about 65 sources overflow S3's 20 KB
 * bucket policy limit. Sharing the statement keeps the policy to a small constant per prefix.
 */
class PrefixGrant {
  public readonly statement: iam.PolicyStatement;
  /** In insertion order (a Set keeps it), without repeats. */
  public readonly namedSourceArns = new Set<string>();
  public hasUnnamedSource = false;

  constructor(destination: IBucket, prefix: string, sid: string, renderSourceArns: (grant: PrefixGrant) => string | string[]) {
    this.statement = new iam.PolicyStatement({
      sid,
      effect: iam.Effect.ALLOW,
      principals: [new iam.ServicePrincipal(LOGGING_SERVICE_PRINCIPAL)],
      actions: ['s3:PutObject'],
      resources: [destination.arnForObjects(`${prefix}*`)],
      conditions: {
        // Sources must be in the destination's account (S3's rule), so its account is theirs.
        StringEquals: { 'aws:SourceAccount': destination.env.account },
        ArnLike: { 'aws:SourceArn': Lazy.any({ produce: () => renderSourceArns(this) }) },
      },
    });
  }

  /** Name one more source; `undefined` stands for one that cannot be named without a dependency cycle. */
  public addSource(sourceArn: string | undefined): void {
    if (sourceArn === undefined) {
      this.hasUnnamedSource = true;
    } else {
      this.namedSourceArns.add(sourceArn);
    }
  }
}

/** Why a destination's delivery grant accepts every bucket of the account rather than naming its sources. */
export interface GrantWidening {
  /** Paths of the sources in other stacks that have no literal name. */
  readonly unnamedSources: string[];
  /** How many sources the grant could name; over `NAMED_SOURCE_BUDGET` means it names none. */
  readonly namedSourceCount: number;
}

/** Every delivery grant of one destination: a statement per prefix, and the widening decision they share. */
class DestinationGrants {
  private readonly byPrefix = new Map<string, PrefixGrant>();
  private readonly unnamedSourcePaths = new Set<string>();

  constructor(private readonly destination: IBucket) {}

  public add(source: LogSource, prefix: string): void {
    const sourceArn = nameableSourceArn(this.destination, source);
    const sourcePath = displayPath(source);
    if (sourceArn === undefined) {
      this.unnamedSourcePaths.add(sourcePath);
    }
    const existing = this.byPrefix.get(prefix);
    if (existing) {
      existing.addSource(sourceArn);
      return;
    }
    const grant = new PrefixGrant(this.destination, prefix, statementId(this.byPrefix.size), g => this.renderSourceArns(g));
    grant.addSource(sourceArn);
    // An imported destination takes no policy (statementAdded is false): the checks warn about it.
    if (this.destination.addToResourcePolicy(grant.statement).statementAdded) {
      this.byPrefix.set(prefix, grant);
    }
  }

  public widening(): GrantWidening | undefined {
    const namedSourceCount = this.namedSourceCount();
    if (this.unnamedSourcePaths.size === 0 && namedSourceCount <= NAMED_SOURCE_BUDGET) {
      return undefined;
    }
    return { unnamedSources: [...this.unnamedSourcePaths], namedSourceCount };
  }

  private namedSourceCount(): number {
    let count = 0;
    for (const grant of this.byPrefix.values()) {
      count += grant.namedSourceArns.size;
    }
    return count;
  }

  private renderSourceArns(grant: PrefixGrant): string | string[] {
    if (grant.hasUnnamedSource || this.namedSourceCount() > NAMED_SOURCE_BUDGET) {
      // Widened to every bucket of the account: aws:SourceAccount still keeps other accounts out.
      return anyBucketArnOfPartition();
    }
    const arns = [...grant.namedSourceArns];
    return arns.length === 1 ? arns[0] : arns;
  }
}

/** The `aws:SourceArn` pattern that matches every bucket; used when a source cannot be named. */
export function anyBucketArnOfPartition(): string {
  return `arn:${Aws.PARTITION}:s3:::*`;
}

const grantsByDestination = new WeakMap<IConstruct, DestinationGrants>();

/**
 * Let the S3 logging service write `source`'s access logs into `destination` under `prefix`.
 *
 * Grants by bucket policy only, never by ACL, whatever the app's feature flags say. The statement
 * always carries `aws:SourceAccount`, and names the sources in `aws:SourceArn` when that creates no
 * cross-stack dependency cycle (the source already depends on the destination through its logging
 * configuration) and keeps the policy small; otherwise it accepts every bucket of the account, and
 * the checks say so (`deliveryGrantWidened`).
 */
export function grantLogDelivery(destination: IBucket, source: LogSource, prefix: string): void {
  let grants = grantsByDestination.get(destination);
  if (!grants) {
    grants = new DestinationGrants(destination);
    grantsByDestination.set(destination, grants);
  }
  grants.add(source, prefix);
}

/**
 * Whether, and why, the delivery grants of a destination accept every bucket of the account.
 *
 * @param destination the destination's L2, or its L1 when that is the L2's default child
 */
export function deliveryGrantWidening(destination: IConstruct): GrantWidening | undefined {
  const owner = destination instanceof CfnBucket && destination.node.scope?.node.defaultChild === destination
    ? destination.node.scope
    : destination;
  return grantsByDestination.get(owner)?.widening();
}

/** The path users know a bucket by: the L2's when the L1 is its default child. */
function displayPath(source: LogSource): string {
  const parent = source.node.scope;
  return parent && parent.node.defaultChild === source ? parent.node.path : source.node.path;
}

function statementId(index: number): string {
  return index === 0 ? 'S3ServerAccessLogsDelivery' : `S3ServerAccessLogsDelivery${index + 1}`;
}

/**
 * The source's ARN when the destination's policy can name it without a dependency cycle: always in
 * the same stack, and across stacks only when the source's name is a literal.
 */
function nameableSourceArn(destination: IBucket, source: LogSource): string | undefined {
  if (Stack.of(source) === Stack.of(destination)) {
    return source instanceof CfnBucket ? source.attrArn : source.bucketArn;
  }
  const literalName = literalBucketName(source);
  return literalName === undefined ? undefined : `arn:${Aws.PARTITION}:s3:::${literalName}`;
}
