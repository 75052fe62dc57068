import { ACCOUNT_MISMATCH } from '../checks/rules/account-mismatch';
import { CONDITIONS_NOT_EXPLORED } from '../checks/rules/conditions-not-explored';
import { DATA_EVENTS_LOOP } from '../checks/rules/data-events-loop';
import { DELIVERY_GRANT_WIDENED } from '../checks/rules/delivery-grant-widened';
import { DENY_BLOCKS_DELIVERY, DENY_MAY_BLOCK_DELIVERY } from '../checks/rules/deny-blocks-delivery';
import { DESTINATION_ENCRYPTION } from '../checks/rules/destination-encryption';
import { DESTINATION_LOGS_ELSEWHERE } from '../checks/rules/destination-logs-elsewhere';
import { DESTINATION_OBJECT_LOCK } from '../checks/rules/destination-object-lock';
import { DESTINATION_POLICY_MAY_BE_TOO_LARGE, DESTINATION_POLICY_TOO_LARGE } from '../checks/rules/destination-policy-too-large';
import { DESTINATION_UNRESOLVED } from '../checks/rules/destination-unresolved';
import { DUPLICATE_DELIVERY_SOURCE } from '../checks/rules/duplicate-delivery-source';
import { ENVIRONMENT_UNKNOWN } from '../checks/rules/environment-unknown';
import { IMPORTED_DESTINATION_POLICY } from '../checks/rules/imported-destination-policy';
import { INVALID_LOG_FILE_PREFIX } from '../checks/rules/invalid-log-file-prefix';
import { LOGGING_LOOP } from '../checks/rules/logging-loop';
import { NO_DELIVERY_PERMISSION } from '../checks/rules/no-delivery-permission';
import { REGION_MISMATCH } from '../checks/rules/region-mismatch';
import { SELF_LOGGING } from '../checks/rules/self-logging';
import { SHARED_SIMPLE_PREFIX } from '../checks/rules/shared-simple-prefix';
import { VENDED_DELIVERY_PERMISSION } from '../checks/rules/vended-delivery-permission';
import { VENDED_DESTINATION_ACCOUNT } from '../checks/rules/vended-destination-account';
import { VENDED_DESTINATION_ENCRYPTION } from '../checks/rules/vended-destination-encryption';
import { VENDED_REGION_MISMATCH } from '../checks/rules/vended-region-mismatch';

/** What the reports say about each check: the README's line for it, and what to do. */
export interface RuleHelp {
  /** `cdk-s3-access-logs:<camelCaseId>`. */
  readonly id: string;
  readonly level: 'error' | 'warning';
  /** Its line of the README's table of ids, word for word (Markdown); `test/cli/rule-catalog.test.ts` holds the two together. */
  readonly summary: string;
  /** What to do about it, in a sentence or two. */
  readonly fix: string;
}

/** The README section that lists every id, which a SARIF rule links to. */
export const README_CHECKS_URL = 'https://github.com/cdk-s3-access-logs/cdk-s3-access-logs#synth-time-checks';

/** Every check of the model's rules (`ALL_CHECKS`), in the README's order: errors, then warnings. */
export const RULES: readonly RuleHelp[] = [
  {
    id: REGION_MISMATCH,
    level: 'error',
    summary: 'source and destination in different Regions',
    fix: 'S3 delivers server access logs only to a bucket in the source\'s own Region: use a destination there.',
  },
  {
    id: ACCOUNT_MISMATCH,
    level: 'error',
    summary: 'source and destination in different accounts',
    fix: 'S3 delivers server access logs only to a bucket in the source\'s own account: use a destination there.',
  },
  {
    id: VENDED_DESTINATION_ACCOUNT,
    level: 'error',
    summary: 'a delivery destination (`AWS::Logs::DeliveryDestination`) in another account than the bucket of the app it stands for '
      + '(CloudWatch Logs takes it only in the destination\'s account)',
    fix: 'Define the delivery destination in the bucket\'s account, with a delivery destination policy for the source\'s account.',
  },
  {
    id: VENDED_REGION_MISMATCH,
    level: 'error',
    summary: 'a CloudWatch Logs vended delivery of a bucket\'s server access logs goes to a log group in another Region than the '
      + 'bucket; where the Region of one of them is a token, a warning with this id',
    fix: 'CloudWatch Logs delivers a bucket\'s server access logs only to a log group in the bucket\'s Region: use a log group '
      + 'there.',
  },
  {
    id: SELF_LOGGING,
    level: 'error',
    summary: 'a bucket logs into itself (a `LoggingConfiguration` without `DestinationBucketName` too)',
    fix: 'Every log object delivered is logged again, without end: send the bucket\'s logs to a bucket of their own that does not log.',
  },
  {
    id: LOGGING_LOOP,
    level: 'error',
    summary: 'a cycle of logging edges of any length, across stacks, named in order; a CloudWatch Logs vended delivery of a bucket\'s '
      + 'server access logs into a bucket is an edge too (A\'s vended logs into B, whose server access logs go to A; a bucket\'s '
      + 'vended logs into itself), and the message names each edge\'s channel',
    fix: 'Every delivery is a request the next bucket logs, without end: send the logs of one bucket of the loop to a bucket that does not log.',
  },
  {
    id: DUPLICATE_DELIVERY_SOURCE,
    level: 'error',
    summary: 'two `AWS::Logs::DeliverySource`s of log type `S3_SERVER_ACCESS_LOGS` for one bucket (CloudWatch Logs has one per '
      + 'resource and log type; one source serves several deliveries)',
    fix: 'Keep one delivery source for the bucket, and give it one AWS::Logs::Delivery per destination.',
  },
  {
    id: DATA_EVENTS_LOOP,
    level: 'error',
    summary: 'a CloudTrail trail records the data events of a bucket its own log files reach: its own bucket, another trail\'s bucket, '
      + 'or a bucket its bucket\'s server access logs go to',
    fix: 'Do not record the data events of a bucket that receives logs, or deliver the trail bucket\'s access logs elsewhere.',
  },
  {
    id: DESTINATION_ENCRYPTION,
    level: 'error',
    summary: 'the destination\'s default encryption is DSSE-KMS, SSE-KMS with the AWS managed key `aws/s3`, or SSE-KMS with a key of the '
      + 'app whose key policy does not let `logging.s3.amazonaws.com` use it. SSE-KMS with another customer managed key, or an algorithm '
      + 'chosen at deploy, is a warning with this id ([SSE-KMS destinations](#sse-kms-destinations))',
    fix: 'S3 delivers server access logs only to a bucket encrypted with SSE-S3: give the destination AES256 default encryption.',
  },
  {
    id: VENDED_DESTINATION_ENCRYPTION,
    level: 'error',
    summary: 'a bucket of the app receives a vended delivery, and its default encryption is SSE-KMS with a key of the app whose key '
      + 'policy does not let `delivery.logs.amazonaws.com` use it. SSE-KMS with the AWS managed key `aws/s3` is a warning with '
      + 'this id',
    fix: 'Let delivery.logs.amazonaws.com use the key (kms:GenerateDataKey*, with aws:SourceAccount and aws:SourceArn of the '
      + 'delivery sources), or use SSE-S3.',
  },
  {
    id: DESTINATION_OBJECT_LOCK,
    level: 'error',
    summary: 'the destination has Object Lock enabled',
    fix: 'A bucket with Object Lock cannot be a server access log destination: use one without it (versioning and lifecycle rules keep logs safe).',
  },
  {
    id: NO_DELIVERY_PERMISSION,
    level: 'error',
    summary: 'the destination (defined in the app) lets `logging.s3.amazonaws.com` write nothing under the prefix, by policy or `LogDeliveryWrite` ACL',
    fix: 'Add a bucket policy statement that allows the service principal logging.s3.amazonaws.com s3:PutObject on "<bucket ARN>/<prefix>*", '
      + 'with aws:SourceArn the source bucket\'s ARN and aws:SourceAccount its account.',
  },
  {
    id: VENDED_DELIVERY_PERMISSION,
    level: 'error',
    summary: 'a bucket of the app receives a vended delivery from another account, and its bucket policy lets '
      + '`delivery.logs.amazonaws.com` write nothing for that account (CloudWatch Logs adds no policy across accounts). In one '
      + 'account, a bucket policy in the template that grants it nothing is a warning with this id (CloudWatch Logs appends its '
      + 'statement, which CloudFormation\'s next write of the policy removes)',
    fix: 'Add a bucket policy statement that allows the service principal delivery.logs.amazonaws.com s3:PutObject on the '
      + 'bucket\'s objects, with aws:SourceAccount the source account and aws:SourceArn arn:<partition>:logs:<source '
      + 'Region>:<source account>:*.',
  },
  {
    id: DENY_BLOCKS_DELIVERY,
    level: 'error',
    summary: 'a `Deny` in the destination policy catches the logging service writing under the prefix (conditions are evaluated for a service '
      + 'principal: `aws:SecureTransport` is true, organization and principal-tag keys are absent)',
    fix: 'Exclude the logging service from the Deny, e.g. with the condition "BoolIfExists": { "aws:PrincipalIsAWSService": "false" }.',
  },
  {
    id: DESTINATION_POLICY_TOO_LARGE,
    level: 'error',
    summary: 'the destination\'s policy is over S3\'s 20 KB limit even with the shortest possible names',
    fix: 'Grant delivery once per prefix instead of once per source, or spread the sources over several destinations.',
  },
  {
    id: INVALID_LOG_FILE_PREFIX,
    level: 'error',
    summary: 'a prefix starting with `/`, or so long that prefix and S3\'s key suffix pass 1,024 bytes',
    fix: 'Remove the leading "/", and keep the prefix short enough for S3\'s key suffix.',
  },
  {
    id: ENVIRONMENT_UNKNOWN,
    level: 'warning',
    summary: 'source and destination in different stacks, and the Region or account of one of them is a token',
    fix: 'Make sure both deploy to the same account and Region; give the templates\' environment with --region and --account, '
      + 'or the CDK stacks an explicit env.',
  },
  {
    id: IMPORTED_DESTINATION_POLICY,
    level: 'warning',
    summary: 'the destination is not defined in the app (imported by name): the warning gives the exact statement to add to its policy',
    fix: 'Make sure the destination\'s bucket policy has the statement the message gives, or check the template that defines it too.',
  },
  {
    id: DESTINATION_UNRESOLVED,
    level: 'warning',
    summary: 'the destination is a value the checks cannot follow (a parameter, a custom resource attribute)',
    fix: 'Make sure it is an SSE-S3 bucket in the same account and Region whose policy lets logging.s3.amazonaws.com write under the prefix; '
      + 'give parameter values with --parameters to have it checked.',
  },
  {
    id: DENY_MAY_BLOCK_DELIVERY,
    level: 'warning',
    summary: 'a `Deny` in the destination policy may catch the logging service; its conditions cannot be decided at synth',
    fix: 'Check that the Deny does not apply to logging.s3.amazonaws.com.',
  },
  {
    id: DESTINATION_POLICY_MAY_BE_TOO_LARGE,
    level: 'warning',
    summary: 'the destination\'s policy may pass 20 KB, depending on names known only at deploy',
    fix: 'Grant delivery once per prefix instead of once per source, or spread the sources over several destinations.',
  },
  {
    id: SHARED_SIMPLE_PREFIX,
    level: 'warning',
    summary: 'several sources write to one destination and prefix with the simple key format: their logs interleave',
    fix: 'Give each source its own prefix, or use the date-based key format (TargetObjectKeyFormat PartitionedPrefix).',
  },
  {
    id: DESTINATION_LOGS_ELSEWHERE,
    level: 'warning',
    summary: 'a destination itself logs to another bucket (allowed while the chain ends)',
    fix: 'Remove the destination\'s logging configuration unless you need logs of log deliveries.',
  },
  {
    id: DELIVERY_GRANT_WIDENED,
    level: 'warning',
    summary: 'a destination\'s delivery grant accepts every bucket of its account (`aws:SourceArn` `arn:<partition>:s3:::*`, always with '
      + '`aws:SourceAccount`), because a source is in another stack with a generated name (naming it would be a dependency cycle) or '
      + 'because it has more than 100 sources; or it has prefixes folded: past 10 distinct prefixes, a prefix is granted by the statement '
      + 'of a prefix that covers it, or by one statement for the longest common prefix of the others. One warning per destination, with every reason',
    fix: 'Give the sources literal names, or define them in the destination\'s stack. (Reported at synth only: it is about this library\'s grant.)',
  },
  {
    id: CONDITIONS_NOT_EXPLORED,
    level: 'warning',
    summary: 'the app\'s conditions decide its logging in more than 64 ways (combinations of the values of the conditions that `Fn::If`s '
      + 'in what the checks read name); the first 64 are checked, and not the others',
    fix: 'Give the template\'s parameters values (`--parameters`), or split the template.',
  },
];
