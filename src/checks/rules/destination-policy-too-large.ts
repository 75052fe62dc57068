import { checkId, Finding } from '../finding';
import { BucketNode, LoggingModel, sourcesByDestination } from '../model';

/** Error: the destination's bucket policy is over S3's 20 KB limit, whatever the names turn out to be. */
export const DESTINATION_POLICY_TOO_LARGE = checkId('destinationPolicyTooLarge');
/** Warning: the destination's bucket policy may be over 20 KB once names are known. */
export const DESTINATION_POLICY_MAY_BE_TOO_LARGE = checkId('destinationPolicyMayBeTooLarge');

/**
 * A bucket policy is limited to 20 KB.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html
 */
export const BUCKET_POLICY_LIMIT_BYTES = 20 * 1024;

/**
 * The deployed size of a destination's policy, bounded from below and above: names that are only
 * known at deploy count as 3 characters (S3's shortest bucket name) or 63 (its longest).
 */
export function checkDestinationPolicyTooLarge(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const [destination, sources] of sourcesByDestination(model)) {
    for (const document of destination.policyDocuments) {
      const least = deployedPolicyBytes(document, 3);
      const most = deployedPolicyBytes(document, 63);
      if (least > BUCKET_POLICY_LIMIT_BYTES) {
        findings.push(sizeFinding('error', DESTINATION_POLICY_TOO_LARGE, destination, sources.length, `at least ${least}`));
      } else if (most > BUCKET_POLICY_LIMIT_BYTES) {
        findings.push(sizeFinding('warning', DESTINATION_POLICY_MAY_BE_TOO_LARGE, destination, sources.length, `between ${least} and ${most}`));
      }
    }
  }
  return findings;
}

function sizeFinding(level: 'error' | 'warning', id: string, destination: BucketNode, sourceCount: number, size: string): Finding {
  return {
    level,
    id,
    subject: destination,
    message: `${destination.path}: its bucket policy will be ${size} bytes once deployed, and S3 allows ${BUCKET_POLICY_LIMIT_BYTES} `
      + `(20 KB); it receives the logs of ${sourceCount} source(s). `
      + 'Grant delivery once per prefix instead of once per source: use an AccessLogsBucket, whose policy holds one statement per prefix.',
  };
}

/** The byte length of a resolved policy document once CloudFormation has substituted its intrinsics. */
export function deployedPolicyBytes(document: unknown, unknownNameLength: number): number {
  return Buffer.byteLength(JSON.stringify(substitute(document, unknownNameLength)), 'utf8');
}

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::Region': 'ap-southeast-2',
  'AWS::URLSuffix': 'amazonaws.com',
};

function substitute(value: unknown, nameLength: number): unknown {
  if (Array.isArray(value)) {
    return value.map(v => substitute(v, nameLength));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    return substituteIntrinsic(keys[0], record[keys[0]], nameLength);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    out[key] = substitute(record[key], nameLength);
  }
  return out;
}

function substituteIntrinsic(name: string, argument: unknown, nameLength: number): string {
  const someName = 'x'.repeat(nameLength);
  if (name === 'Ref') {
    return PSEUDO_PARAMETERS[String(argument)] ?? someName;
  }
  if (name === 'Fn::Join' && Array.isArray(argument) && Array.isArray(argument[1])) {
    return argument[1].map(part => String(substitute(part, nameLength))).join(String(argument[0]));
  }
  if (name === 'Fn::GetAtt' && Array.isArray(argument) && argument[1] === 'Arn') {
    return `arn:aws:s3:::${someName}`;
  }
  return someName;
}
