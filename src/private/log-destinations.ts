import { DefaultTokenResolver, IPostProcessor, IResolvable, IResolveContext, Reference, StringConcat, Tokenization } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { literalBucketName } from './literal-bucket-name';
import { field } from '../checks/build-model';

/**
 * The buckets among `buckets` that receive server access logs from any of them, as the construct
 * tree says at this moment (during aspects, before cross-stack references become exports).
 *
 * A destination is found by following the references in `DestinationBucketName` to the resources
 * they point at (`Ref` and `Fn::GetAtt`, in the same stack or across stacks), by literal name, and
 * a configuration without a destination names its own bucket.
 */
export function bucketsReceivingLogs(buckets: CfnBucket[]): Set<CfnBucket> {
  const byName = bucketsByLiteralName(buckets);
  const receiving = new Set<CfnBucket>();
  for (const bucket of buckets) {
    for (const destination of destinationsOf(bucket, byName)) {
      receiving.add(destination);
    }
  }
  return receiving;
}

/** The buckets among `buckets` that have a literal name, by that name. */
export function bucketsByLiteralName(buckets: CfnBucket[]): Map<string, CfnBucket> {
  const byName = new Map<string, CfnBucket>();
  for (const bucket of buckets) {
    const name = literalBucketName(bucket);
    if (name !== undefined) {
      byName.set(name, bucket);
    }
  }
  return byName;
}

/** The buckets `bucket` delivers its server access logs to (itself for a configuration without a destination). */
export function destinationsOf(bucket: CfnBucket, byName: Map<string, CfnBucket>): CfnBucket[] {
  const logging = bucket.loggingConfiguration;
  if (logging === undefined) {
    return [];
  }
  const collector = new ReferenceCollector();
  const name = field(Tokenization.resolve(logging, { scope: bucket, resolver: collector }), 'destinationBucketName');
  if (name === undefined || name === '') {
    return [bucket];
  }
  const named = typeof name === 'string' ? byName.get(name) : undefined;
  return named ? [named] : collector.referencedBuckets();
}

/**
 * The buckets a bucket-name value of `scope` stands for: the bucket of that literal name, or the
 * buckets its references point at.
 */
export function bucketsNamedBy(value: unknown, scope: IConstruct, byName: Map<string, CfnBucket>): CfnBucket[] {
  const collector = new ReferenceCollector();
  const name = Tokenization.resolve(value, { scope, resolver: collector });
  const named = typeof name === 'string' ? byName.get(name) : undefined;
  return named ? [named] : collector.referencedBuckets();
}

const REFERENCE_PLACEHOLDER = '<reference>';

/**
 * Resolves a value, recording the resources its references point at instead of resolving them: a
 * reference to another stack cannot be resolved before aws-cdk-lib turns it into an import.
 */
class ReferenceCollector extends DefaultTokenResolver {
  private readonly targets: IConstruct[] = [];

  constructor() {
    super(new StringConcat());
  }

  public resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): any {
    if (Reference.isReference(token)) {
      this.targets.push(token.target);
      return REFERENCE_PLACEHOLDER;
    }
    return super.resolveToken(token, context, postProcessor);
  }

  public referencedBuckets(): CfnBucket[] {
    return this.targets.filter((target): target is CfnBucket => target instanceof CfnBucket);
  }
}
