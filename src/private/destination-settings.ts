import { BucketAccessControl, BucketEncryption, BucketProps } from 'aws-cdk-lib/aws-s3';

/**
 * The settings a server access log destination may not have, checked on the props before the bucket
 * is defined, so that a mistake is reported where it was made.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function assertDeliverableDestinationProps(path: string, props: BucketProps): void {
  const encryptionProblem = destinationEncryptionProblem(props);
  if (encryptionProblem) {
    throw new Error(`${path}: encryption must be SSE-S3 (BucketEncryption.S3_MANAGED) for a server access log destination, got: ${encryptionProblem}. `
      + 'S3 cannot deliver server access logs to a bucket whose default encryption is SSE-KMS or DSSE-KMS. '
      + 'Remove `encryption` and `encryptionKey`, or set `encryption: BucketEncryption.S3_MANAGED`.');
  }
  if (props.objectLockEnabled || props.objectLockDefaultRetention) {
    const got = props.objectLockDefaultRetention ? 'objectLockDefaultRetention' : 'objectLockEnabled: true';
    throw new Error(`${path}: a server access log destination cannot use S3 Object Lock, got: ${got}. `
      + 'S3 does not deliver server access logs to a bucket with Object Lock enabled. '
      + 'Remove `objectLockEnabled` and `objectLockDefaultRetention`; keep logs with versioning and a lifecycle rule instead.');
  }
  if (props.accessControl !== undefined && props.accessControl !== BucketAccessControl.PRIVATE) {
    throw new Error(`${path}: accessControl must be left unset on a server access log destination, got: ${props.accessControl}. `
      + 'Log delivery is granted by a bucket policy for logging.s3.amazonaws.com, and ACLs are disabled (BucketOwnerEnforced). '
      + 'Remove `accessControl`.');
  }
}

function destinationEncryptionProblem(props: BucketProps): string | undefined {
  const unsupported: (BucketEncryption | undefined)[] = [
    BucketEncryption.KMS,
    BucketEncryption.KMS_MANAGED,
    BucketEncryption.DSSE,
    BucketEncryption.DSSE_MANAGED,
  ];
  if (unsupported.includes(props.encryption)) {
    return `BucketEncryption.${enumMemberName(props.encryption)}`;
  }
  if (props.encryptionKey !== undefined) {
    return 'encryptionKey (SSE-KMS)';
  }
  return undefined;
}

function enumMemberName(value: BucketEncryption | undefined): string {
  const entry = Object.entries(BucketEncryption).find(([, member]) => member === value);
  return entry ? entry[0] : String(value);
}
