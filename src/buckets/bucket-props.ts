import { BucketEncryption, BucketProps } from 'aws-cdk-lib/aws-s3';
import { DefaultEncryption } from '../checks/model';

/** The default encryption that `s3.Bucket` renders for these props. */
export function defaultEncryptionOfProps(props: BucketProps): DefaultEncryption[] {
  switch (props.encryption) {
    case BucketEncryption.KMS:
      // aws-cdk-lib creates a key when none is given: a customer managed key either way.
      return [{ algorithm: 'aws:kms', kmsKeyGiven: true }];
    case BucketEncryption.KMS_MANAGED:
      return [{ algorithm: 'aws:kms', kmsKeyGiven: false }];
    case BucketEncryption.DSSE:
      return [{ algorithm: 'aws:kms:dsse', kmsKeyGiven: true }];
    case BucketEncryption.DSSE_MANAGED:
      return [{ algorithm: 'aws:kms:dsse', kmsKeyGiven: false }];
    case BucketEncryption.UNENCRYPTED:
      return [];
    case BucketEncryption.S3_MANAGED:
      return [{ algorithm: 'AES256', kmsKeyGiven: false }];
    default:
      // aws-cdk-lib: "`encryptionKey` is specified, so `encryption` defaults to KMS".
      return [props.encryptionKey !== undefined ? { algorithm: 'aws:kms', kmsKeyGiven: true } : { algorithm: 'AES256', kmsKeyGiven: false }];
  }
}
