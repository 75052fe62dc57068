import { Aws, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { longestCommonPrefix, prefixCovers } from './prefix-folding';
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

/**
 * How many distinct prefixes a destination's policy gives a delivery statement of their own before
 * it grants further prefixes by wider statements: the statement of a prefix that covers them, or one
 * statement for their longest common prefix.
 *
 * Once deployed, a delivery statement costs about 320 bytes besides its prefix and its source names
 * (Sid, principal, action, `Resource` with a 63-character bucket name, `aws:SourceAccount` with a
 * 12-digit account); the names are paid for once, across all statements, within NAMED_SOURCE_BUDGET
 * (at most 7.9 KB). 10 statements and the folded one cost 11 x 320 = 3.5 KB, so with every name
 * and the TLS statement the policy stays under 12 KB (measured: 100 named sources under 100 prefixes,
 * 11.7 KB), whatever the number of sources and prefixes. That leaves 8 KB of S3's 20 KB limit for the
 * prefixes' own length (11 of them, up to 700 characters each) and the owner's own statements; 20
 * statements would leave half of that. And 10 is more distinct prefixes than a destination usually
 * serves (the example apps have at most 3), so their grants stay exact.
 */
export const PREFIX_STATEMENT_BUDGET = 10;

/** A source of logs: the L1 bucket, or an L2 (aws-cdk-lib hands `allowLogDelivery` an `IBucket`). */
export type LogSource = CfnBucket | IBucket;

/**
 * One `Allow` statement of a destination's delivery grant, naming every source that writes under it.
 *
 * aws-cdk-lib adds one statement (~310 bytes) per source, so about 65 sources overflow S3's 20 KB
 * bucket policy limit. Sharing the statement keeps the policy to a small constant per prefix.
 */
class DeliveryStatement {
  public readonly statement: iam.PolicyStatement;
  /** In insertion order (a Set keeps it), without repeats. */
  public readonly namedSourceArns = new Set<string>();
  public hasUnnamedSource = false;

  /** `objectsPattern`: the key pattern after `<destination ARN>/`, e.g. `logs/*`. */
  constructor(destination: IBucket, objectsPattern: string, sid: string, renderSourceArns: (statement: DeliveryStatement) => string | string[]) {
    this.statement = new iam.PolicyStatement({
      sid,
      effect: iam.Effect.ALLOW,
      principals: [new iam.ServicePrincipal(LOGGING_SERVICE_PRINCIPAL)],
      actions: ['s3:PutObject'],
      resources: [destination.arnForObjects(objectsPattern)],
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

/**
 * Every delivery grant of one destination, and the decisions they share: a statement per prefix up to
 * PREFIX_STATEMENT_BUDGET; past it, a prefix that one of those covers joins it (`''` covers every
 * prefix, `logs/` covers `logs/a/`), and the others share one statement for their longest common
 * prefix; and whether sources are named.
 *
 * Statements are added to the policy as prefixes arrive and stay there (aws-cdk-lib has no public way
 * to remove one); what depends on the prefixes and sources still to come (the folded statement's
 * resource, every statement's `aws:SourceArn`) is rendered late, by `Lazy`.
 */
class DestinationGrants implements GrantRecord {
  /** The statements of their own, by the prefix each grants. */
  private readonly byPrefix = new Map<string, DeliveryStatement>();
  /** The statement for the prefixes past the budget, and those prefixes; defined with the first of them. */
  private folded?: { readonly statement: DeliveryStatement; readonly prefixes: Set<string> };
  /** The prefixes past the budget that joined the statement of a prefix that covers them. */
  private readonly coveredPrefixes = new Set<string>();
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
    this.statementFor(prefix)?.addSource(sourceArn);
  }

  public widening(): GrantWidening | undefined {
    const namedSourceCount = this.namedSourceCount();
    const foldedPrefixCount = this.coveredPrefixes.size + (this.folded?.prefixes.size ?? 0);
    if (this.unnamedSourcePaths.size === 0 && namedSourceCount <= NAMED_SOURCE_BUDGET && foldedPrefixCount === 0) {
      return undefined;
    }
    return {
      unnamedSources: [...this.unnamedSourcePaths],
      namedSourceCount,
      namedSourceBudget: NAMED_SOURCE_BUDGET,
      ...(foldedPrefixCount > 0 ? {
        foldedPrefixCount,
        prefixStatementBudget: PREFIX_STATEMENT_BUDGET,
        foldedUnder: this.folded ? longestCommonPrefix(this.folded.prefixes) : undefined,
      } : {}),
    };
  }

  /**
   * The statement that grants `prefix`: its own while the budget lasts (the grant is then exact);
   * past it, the statement of the longest prefix that covers it, else the folded statement.
   * `undefined` for a destination that takes no policy (an imported one; the checks warn about it).
   */
  private statementFor(prefix: string): DeliveryStatement | undefined {
    const own = this.byPrefix.get(prefix);
    if (own) {
      return own;
    }
    if (this.byPrefix.size < PREFIX_STATEMENT_BUDGET) {
      const statement = this.newStatement(`${prefix}*`, statementId(this.byPrefix.size));
      if (statement) {
        this.byPrefix.set(prefix, statement);
      }
      return statement;
    }
    const covering = this.longestCovering(prefix);
    if (covering) {
      this.coveredPrefixes.add(prefix);
      return covering;
    }
    if (!this.folded) {
      const prefixes = new Set<string>();
      const pattern = Lazy.string({ produce: () => `${longestCommonPrefix(prefixes)}*` });
      const statement = this.newStatement(pattern, FOLDED_STATEMENT_ID);
      if (!statement) {
        return undefined;
      }
      this.folded = { statement, prefixes };
    }
    this.folded.prefixes.add(prefix);
    return this.folded.statement;
  }

  private longestCovering(prefix: string): DeliveryStatement | undefined {
    let best: string | undefined;
    for (const granted of this.byPrefix.keys()) {
      if (prefixCovers(granted, prefix) && (best === undefined || granted.length > best.length)) {
        best = granted;
      }
    }
    return best === undefined ? undefined : this.byPrefix.get(best);
  }

  private newStatement(objectsPattern: string, sid: string): DeliveryStatement | undefined {
    const statement = new DeliveryStatement(this.destination, objectsPattern, sid, s => this.renderSourceArns(s));
    return this.destination.addToResourcePolicy(statement.statement).statementAdded ? statement : undefined;
  }

  private namedSourceCount(): number {
    let count = this.folded?.statement.namedSourceArns.size ?? 0;
    for (const statement of this.byPrefix.values()) {
      count += statement.namedSourceArns.size;
    }
    return count;
  }

  private renderSourceArns(statement: DeliveryStatement): string | string[] {
    if (statement.hasUnnamedSource || this.namedSourceCount() > NAMED_SOURCE_BUDGET) {
      // Widened to every bucket of the account: aws:SourceAccount still keeps other accounts out.
      return anyBucketArnOfPartition();
    }
    const arns = [...statement.namedSourceArns];
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

/** The Sid of the statement for the prefixes past PREFIX_STATEMENT_BUDGET. */
const FOLDED_STATEMENT_ID = 'S3ServerAccessLogsDeliveryFolded';

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
