import { BucketEncryption, BucketProps } from 'aws-cdk-lib/aws-s3';

/** The default encryption algorithms that `s3.Bucket` renders for these props. */
export function sseAlgorithmsOfProps(props: BucketProps): string[] {
  switch (props.encryption) {
    case BucketEncryption.KMS:
    case BucketEncryption.KMS_MANAGED:
      return ['aws:kms'];
    case BucketEncryption.DSSE:
    case BucketEncryption.DSSE_MANAGED:
      return ['aws:kms:dsse'];
    case BucketEncryption.UNENCRYPTED:
      return [];
    case BucketEncryption.S3_MANAGED:
      return ['AES256'];
    default:
      // aws-cdk-lib: "`encryptionKey` is specified, so `encryption` defaults to KMS".
      return props.encryptionKey !== undefined ? ['aws:kms'] : ['AES256'];
  }
}
