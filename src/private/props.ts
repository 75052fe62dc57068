import { BlockPublicAccess, BucketEncryption, BucketProps, ObjectOwnership } from 'aws-cdk-lib/aws-s3';

/**
 * What every bucket this library defines starts from, source or destination: SSE-S3, all public
 * access blocked, TLS enforced, ACLs disabled.
 */
export const SECURE_BUCKET_DEFAULTS: Partial<BucketProps> = {
  encryption: BucketEncryption.S3_MANAGED,
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
};

/**
 * `defaults` overlaid by every prop of `given` that is not `undefined`.
 *
 * A plain spread would let `{ encryption: undefined }` erase a secure default.
 */
export function withDefaults<T extends object>(given: T, defaults: Partial<T>): T {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) {
      merged[key] = value;
    }
  }
  return merged as T;
}
