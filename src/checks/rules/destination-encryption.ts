import { checkId, Finding } from '../finding';
import { DefaultEncryption, describeDestinationRole, LoggingModel, ModelElement, sourcesByDestination } from '../model';

/** Error (DSSE-KMS, SSE-KMS with the AWS managed key) or warning (SSE-KMS with a customer managed key, an algorithm chosen at deploy). */
export const DESTINATION_ENCRYPTION = checkId('destinationEncryption');

/** How `destinationEncryption` treats SSE-KMS with a customer managed key. */
export interface EncryptionRuleOptions {
  /** Refuse it (an error) rather than warn: for a destination this library defines, which is SSE-S3. */
  readonly refuseCustomerManagedKey?: boolean;
}

const SSE_S3_FIX = 'Use SSE-S3 on it (`encryption: BucketEncryption.S3_MANAGED` and no `encryptionKey`), or use an AccessLogsBucket.';

/**
 * The S3 User Guide documents SSE-S3 (`AES256`) as the only default encryption of a server access log
 * destination. What this rule decides, and why (README, "SSE-KMS destinations"):
 *
 * - DSSE-KMS (`aws:kms:dsse`): an error, as documented.
 * - SSE-KMS with the AWS managed key `aws/s3` (`aws:kms` without `KMSMasterKeyID`; aws-cdk-lib's
 *   `KMS_MANAGED`): an error. Nothing can let the logging service use that key: its key policy
 *   cannot be changed.
 * - SSE-KMS with a key of the app whose key policy does not let `logging.s3.amazonaws.com` use it: an
 *   error, whichever reading below is right.
 * - SSE-KMS with another customer managed key: a warning. It is documented as unsupported, and aws-cdk-lib
 *   accepts it (aws/aws-cdk#25350, "KMS encryption works fine ... with proper permission being
 *   setup", granting the key to `logging.s3.amazonaws.com`); a deployment cannot show which is right,
 *   since S3 drops logs it cannot deliver without an error. Our own destinations refuse it.
 * - An algorithm that is a deploy-time value (a parameter): a warning.
 *
 * Used by the app-wide check and by our constructs' eager checks alike, so both say the same.
 *
 * @param destination the destination bucket
 * @param encryption its default encryption
 * @param sourcePaths the sources that log into it (none yet, for a destination being defined)
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshooting-server-access-logging.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function destinationEncryption(
  destination: ModelElement,
  encryption: readonly DefaultEncryption[],
  sourcePaths: string[],
  options: EncryptionRuleOptions = {},
): Finding | undefined {
  const role = `${destination.path} ${describeDestinationRole(sourcePaths)}`;
  const refused = encryption.filter(rule => rule.algorithm === 'aws:kms:dsse'
    || (rule.algorithm === 'aws:kms' && (!rule.kmsKeyGiven || options.refuseCustomerManagedKey)));
  if (refused.length > 0) {
    return {
      level: 'error',
      id: DESTINATION_ENCRYPTION,
      subject: destination,
      message: `${role}, but its default encryption is ${describe(refused)}; `
        + 'S3 delivers server access logs only to a bucket encrypted with SSE-S3 (AES256). ' + SSE_S3_FIX,
    };
  }
  const customerKey = encryption.find(rule => rule.algorithm === 'aws:kms');
  if (customerKey?.keyLetsLoggingServiceEncrypt === 'no') {
    return {
      level: 'error',
      id: DESTINATION_ENCRYPTION,
      subject: destination,
      message: `${role}, but its default encryption is SSE-KMS with a key whose key policy does not let logging.s3.amazonaws.com `
        + 'use it (no Allow of kms:GenerateDataKey for that service principal): S3 cannot write a log object into it. ' + SSE_S3_FIX,
    };
  }
  if (customerKey) {
    return {
      level: 'warning',
      id: DESTINATION_ENCRYPTION,
      subject: destination,
      message: `${role}, but its default encryption is SSE-KMS with a customer managed key. The S3 User Guide documents SSE-S3 (AES256) `
        + 'as the only default encryption of a log destination; aws-cdk-lib accepts a customer managed key whose key policy lets '
        + 'logging.s3.amazonaws.com use it (aws/aws-cdk#25350). S3 drops logs it cannot deliver without an error: check that log objects '
        + `arrive after deploying, or ${SSE_S3_FIX.charAt(0).toLowerCase()}${SSE_S3_FIX.slice(1)}`,
    };
  }
  const chosenAtDeploy = encryption.find(rule => rule.algorithm === undefined);
  if (chosenAtDeploy) {
    return {
      level: 'warning',
      id: DESTINATION_ENCRYPTION,
      subject: destination,
      message: `${role}, and its default encryption algorithm is chosen at deploy (${chosenAtDeploy.algorithmExpression}). `
        + 'S3 delivers server access logs only to a bucket encrypted with SSE-S3 (AES256): deploy it with AES256, or make it AES256 in the template.',
    };
  }
  return undefined;
}

function describe(rules: readonly DefaultEncryption[]): string {
  return [...new Set(rules.map(rule => rule.algorithm === 'aws:kms' && !rule.kmsKeyGiven ? 'aws:kms with the AWS managed key aws/s3' : rule.algorithm))]
    .join(', ');
}

export function checkDestinationEncryption(model: LoggingModel): Finding[] {
  return [...sourcesByDestination(model)].flatMap(([destination, sources]) =>
    destinationEncryption(destination, destination.defaultEncryption, sources.map(s => s.source.path)) ?? []);
}
