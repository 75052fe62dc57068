import { Aws, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { literalBucketName } from './literal-bucket-name';

/**
 * The service principal that writes server access logs.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export const LOGGING_SERVICE_PRINCIPAL = 'logging.s3.amazonaws.com';

/**
 * One `Allow` statement per destination and prefix, naming every source that writes under it.
 *
 * aws-cdk-lib adds one statement (~310 bytes) per source, so about 65 sources overflow S3's 20 KB
 * bucket policy limit. Sharing the statement keeps the policy to a small constant per prefix.
 */
class PrefixGrant {
  public readonly statement: iam.PolicyStatement;
  private readonly namedSourceArns: string[] = [];
  private hasUnnamedSource = false;

  constructor(destination: IBucket, prefix: string, sid: string) {
    this.statement = new iam.PolicyStatement({
      sid,
      effect: iam.Effect.ALLOW,
      principals: [new iam.ServicePrincipal(LOGGING_SERVICE_PRINCIPAL)],
      actions: ['s3:PutObject'],
      resources: [destination.arnForObjects(`${prefix}*`)],
      conditions: {
        // Sources must be in the destination's account (S3's rule), so its account is theirs.
        StringEquals: { 'aws:SourceAccount': destination.env.account },
        ArnLike: { 'aws:SourceArn': Lazy.any({ produce: () => this.renderSourceArns() }) },
      },
    });
  }

  /** Admit a source; `undefined` stands for one that cannot be named without a dependency cycle. */
  public addSource(sourceArn: string | undefined): void {
    if (sourceArn === undefined) {
      this.hasUnnamedSource = true;
    } else if (!this.namedSourceArns.includes(sourceArn)) {
      this.namedSourceArns.push(sourceArn);
    }
  }

  private renderSourceArns(): string | string[] {
    if (this.hasUnnamedSource) {
      // Widened to every bucket of the account: aws:SourceAccount still keeps other accounts out.
      return anyBucketArnOfPartition();
    }
    return this.namedSourceArns.length === 1 ? this.namedSourceArns[0] : [...this.namedSourceArns];
  }
}

/** The `aws:SourceArn` pattern that matches every bucket; used when a source cannot be named. */
export function anyBucketArnOfPartition(): string {
  return `arn:${Aws.PARTITION}:s3:::*`;
}

const grantsByDestination = new WeakMap<IBucket, Map<string, PrefixGrant>>();

/**
 * Let the S3 logging service write `source`'s access logs into `destination` under `prefix`.
 *
 * Grants by bucket policy only, never by ACL, whatever the app's feature flags say. The statement
 * always carries `aws:SourceAccount`, and names the source in `aws:SourceArn` whenever that creates
 * no cross-stack dependency cycle (the source already depends on the destination through its
 * logging configuration).
 */
export function grantLogDelivery(destination: IBucket, source: IBucket, prefix: string): void {
  let grants = grantsByDestination.get(destination);
  if (!grants) {
    grants = new Map();
    grantsByDestination.set(destination, grants);
  }
  const sourceArn = nameableSourceArn(destination, source);
  const existing = grants.get(prefix);
  if (existing) {
    existing.addSource(sourceArn);
    return;
  }
  const grant = new PrefixGrant(destination, prefix, statementId(grants.size));
  grant.addSource(sourceArn);
  // An imported destination takes no policy (statementAdded is false): the checks warn about it.
  if (destination.addToResourcePolicy(grant.statement).statementAdded) {
    grants.set(prefix, grant);
  }
}

function statementId(index: number): string {
  return index === 0 ? 'S3ServerAccessLogsDelivery' : `S3ServerAccessLogsDelivery${index + 1}`;
}

/**
 * The source's ARN when the destination's policy can name it without a dependency cycle: always in
 * the same stack, and across stacks only when the source's name is a literal.
 */
function nameableSourceArn(destination: IBucket, source: IBucket): string | undefined {
  if (Stack.of(source) === Stack.of(destination)) {
    return source.bucketArn;
  }
  const literalName = literalBucketName(source);
  return literalName === undefined ? undefined : `arn:${Aws.PARTITION}:s3:::${literalName}`;
}
