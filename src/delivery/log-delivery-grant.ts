import { Aws, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { DELIVERY_GRANTS, GrantRecord } from '../checks/grant-record';
import { GrantWidening } from '../checks/model';
import { cfnBucketOf, ownerOf } from '../private/bucket-constructs';
import { literalBucketName } from '../private/literal-bucket-name';
import { LOGGING_SERVICE_PRINCIPAL } from '../private/logging-service';

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

/** Every delivery grant of one destination: a statement per prefix, and the widening decision they share. */
class DestinationGrants implements GrantRecord {
  private readonly byPrefix = new Map<string, PrefixGrant>();
  private readonly unnamedSourcePaths = new Set<string>();
  /** The L1 buckets granted, so that a source is granted once however many ways it is wired. */
  private readonly granted = new Set<CfnBucket>();

  constructor(private readonly destination: IBucket) {}

  public hasSource(source: CfnBucket): boolean {
    return this.granted.has(source);
  }

  public add(source: LogSource, prefix: string): void {
    const cfnSource = cfnBucketOf(source);
    if (cfnSource) {
      this.granted.add(cfnSource);
    }
    const sourceArn = nameableSourceArn(this.destination, source);
    const sourcePath = ownerOf(source).node.path;
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
    return { unnamedSources: [...this.unnamedSourcePaths], namedSourceCount, namedSourceBudget: NAMED_SOURCE_BUDGET };
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
  grantsOf(destination).add(source, prefix);
}

/** Whether `source` was already granted delivery into `destination` by this library. */
export function isGrantedDelivery(destination: IBucket, source: CfnBucket): boolean {
  return (DELIVERY_GRANTS.get(destination) as DestinationGrants | undefined)?.hasSource(source) ?? false;
}

/**
 * The grants of a destination, recorded on the destination construct itself: two copies of this
 * package in one app then add to the same statements.
 */
function grantsOf(destination: IBucket): DestinationGrants {
  return DELIVERY_GRANTS.getOrCreate(destination, () => new DestinationGrants(destination)) as DestinationGrants;
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
