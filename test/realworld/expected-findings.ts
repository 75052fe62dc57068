/**
 * The findings the synth-time checks should report for the public templates of
 * `../shared/realworld-templates/` (issue #13), decided from S3's documented rules, bucket by bucket.
 * Data for `realworld-templates.test.ts`; not a test file itself. The templates are not ours and are
 * never copied into the repository: only their file names and logical ids appear here.
 *
 * Every bucket with a `LoggingConfiguration` is listed, and every bucket of the template that is a
 * destination of one. How to read a row:
 *
 * - `errors`: S3 would refuse the configuration, or lose or loop the logs, in every branch of the
 *   template's conditions.
 * - `warnings`: what depends on a condition, a parameter or a value known only at deploy. The id of an
 *   error rule in `warnings` (e.g. `destinationEncryption`) means: that error holds in some branches
 *   only; `reason` says which, with the parameters at their `Default`.
 * - Parameters are deploy-time values, never their `Default`: a destination named by a parameter is
 *   `destinationUnresolved`.
 * - `gap`: set where the engine today reports something else; it names the gap of issue #13 (or the
 *   rule the checks lack), and the bucket's test is a `test.failing` until the engine is fixed. For a
 *   template that `CfnInclude` cannot load only the command's test (`test/cli/realworld.test.ts`) runs it.
 */

/** A finding id of this library, without its `cdk-s3-access-logs:` prefix (README, "Synth-time checks"). */
export type FindingId =
  | 'regionMismatch'
  | 'accountMismatch'
  | 'environmentUnknown'
  | 'selfLogging'
  | 'loggingLoop'
  | 'destinationEncryption'
  | 'destinationObjectLock'
  | 'noDeliveryPermission'
  | 'denyBlocksDelivery'
  | 'denyMayBlockDelivery'
  | 'destinationPolicyTooLarge'
  | 'destinationPolicyMayBeTooLarge'
  | 'invalidLogFilePrefix'
  | 'importedDestinationPolicy'
  | 'destinationUnresolved'
  | 'sharedSimplePrefix'
  | 'destinationLogsElsewhere'
  | 'deliveryGrantWidened';

/** The right findings of one bucket of a template. */
export interface ExpectedBucket {
  readonly errors: FindingId[];
  readonly warnings: FindingId[];
  /** Why, in one line, citing the rule and where useful the AWS page it comes from. */
  readonly reason: string;
  /** Where today's engine disagrees: the gap that explains it. Its test is `test.failing` while it is set. */
  readonly gap?: string;
}

/** One template of the corpus, by file name. */
export interface CorpusTemplate {
  readonly file: string;
  /** Set when aws-cdk-lib's `CfnInclude` cannot load the file: the error it throws, and why. */
  readonly notLoadable?: { readonly error: RegExp; readonly why: string };
  /** By logical id. */
  readonly buckets: Record<string, ExpectedBucket>;
}

// The AWS pages the rules come from.
const ENABLING = 'S3 User Guide "Enabling Amazon S3 server access logging"';
const TROUBLESHOOTING = 'S3 User Guide "Troubleshoot server access logging"';
const CFN_LOGGING = 'CloudFormation "AWS::S3::Bucket LoggingConfiguration": without DestinationBucketName logs go to the bucket itself';
const OBJECT_LOCK = 'S3 User Guide "Configuring S3 Object Lock": an Object Lock bucket cannot be a server access log destination';
const ACLS_DISABLED = 'S3 User Guide "Setting Object Ownership when you create a bucket": BucketOwnerEnforced (ACLs disabled) '
  + 'is the default for new buckets since April 2023, and CreateBucket with a LogDeliveryWrite ACL then fails with '
  + 'InvalidBucketAclWithObjectOwnership ("Troubleshooting" page; cloudformation-coverage-roadmap#1606)';
const SOURCE_ARN = `${ENABLING}: the grant's aws:SourceArn is the source bucket's ARN (arn:aws:s3:::<source>) and aws:SourceAccount its account`;
const KMS = `${TROUBLESHOOTING}: a destination's default encryption must be SSE-S3 (AES256); SSE-KMS and DSSE-KMS are not supported`;
const KMS_DECISION = `${KMS}, while aws-cdk PR #25350 reports that a customer managed key whose key policy lets `
  + 'logging.s3.amazonaws.com use it works: a warning (README, "SSE-KMS destinations"); an error where the key policy does not';

const SOURCE_ONLY = 'A source whose destination is a bucket of the template by Ref; what is wrong, if anything, is on the destination.';

/** Every template of `../shared/realworld-templates/`, in file name order. */
export const CORPUS_TEMPLATES: CorpusTemplate[] = [
  {
    file: 'acfs3-custom-resource-2022.sam.yaml',
    buckets: {
      S3BucketLogs: {
        errors: ['noDeliveryPermission'],
        warnings: [],
        reason: 'Its only grant is AccessControl: LogDeliveryWrite with no OwnershipControls, so ACLs are disabled and S3 refuses '
          + `the ACL; no bucket policy lets logging.s3.amazonaws.com write. ${ACLS_DISABLED}.`,
      },
      S3BucketRoot: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'acfs3-custom-resource-2025.sam.yaml',
    buckets: {
      S3BucketLogs: {
        errors: ['noDeliveryPermission'],
        warnings: [],
        reason: 'BucketOwnerPreferred enables ACLs, but neither an ACL grant nor a bucket policy lets logging.s3.amazonaws.com write: '
          + `S3 takes the configuration and delivers nothing (as reported in runs-on/runs-on#241). ${ENABLING}.`,
      },
      S3BucketRoot: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'amcufa-main.yaml',
    buckets: {
      ArtifactLogsBucket: {
        errors: ['noDeliveryPermission'],
        warnings: ['destinationEncryption'],
        reason: 'Default encryption is aws:kms with a customer managed key in both branches of Fn::If EnableCmkEncryptionCondition (a key '
          + `ARN parameter, or an alias: neither key policy can be read; ${KMS_DECISION}); its one logging Allow has aws:SourceArn = its own ARN, which no delivery from ArtifactBucket carries. ${KMS}; ${SOURCE_ARN}.`,
      },
      ArtifactBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'amcufa-web.yaml',
    buckets: {
      WebsiteBucket: {
        errors: ['selfLogging'],
        warnings: [],
        reason: 'DestinationBucketName is !GetAtt GetWebsiteBucketName.Data, the same value as its own BucketName: it logs into itself '
          + `and grows without end. ${ENABLING}.`,
      },
    },
  },
  {
    file: 'asc-iots3-new-encrypted-bucket.template.json',
    buckets: {
      testiots3integrationS3LoggingBucket606446CC: {
        errors: ['destinationEncryption'],
        warnings: [],
        reason: `Default encryption is aws:kms with the AWS managed key aws/s3 (no KMSMasterKeyID), whose policy no one can extend. ${KMS}.`,
      },
      testiots3integrationS3Bucket9B8B180C: {
        errors: [],
        warnings: [],
        reason: 'A source (its own SSE-KMS does not matter); its destination is granted for its ARN and account.',
      },
    },
  },
  {
    file: 'cdk-integ-bucket-server-access-logs-sse-kms.template.json',
    buckets: {
      MyAccessLogsBucketF7FE6635: {
        errors: [],
        warnings: ['destinationEncryption'],
        reason: `Default encryption is SSE-KMS with a customer managed key granted to logging.s3.amazonaws.com. ${KMS_DECISION}.`,
      },
      MyBucketF68F3FF0: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'cdk-integ-bucket.server-access-logs.template.json',
    buckets: {
      MyAccessLogsBucketF7FE6635: {
        errors: [],
        warnings: [],
        reason: `One Allow per source, each for its prefix with the source's aws:SourceArn and aws:SourceAccount; SSE-S3 by default. ${SOURCE_ARN}.`,
      },
      MyBucketF68F3FF0: {
        errors: [],
        warnings: [],
        reason: 'Prefix "example" (simple keys); it differs from the others\' prefixes, so no shared prefix, though its keys '
          + '(example2026-...) also start with "example2".',
      },
      MyBucket26E0C3623: { errors: [], warnings: [], reason: 'Prefix "example2", simple keys, granted by its own statement.' },
      MyBucket3CC4F8735: { errors: [], warnings: [], reason: 'Prefix "example3", date-based keys (EventTime), granted by its own statement.' },
      MyBucket43E0A113B: { errors: [], warnings: [], reason: 'Prefix "example4", date-based keys (DeliveryTime), granted by its own statement.' },
    },
  },
  {
    file: 'cfnlint-quickstart-nist-logging.yaml',
    buckets: {
      rArchiveLogsBucket: {
        errors: ['denyBlocksDelivery', 'noDeliveryPermission'],
        warnings: [],
        reason: 'Deny DenyUnEncryptedObjectUploads (s3:PutObject by * unless s3:x-amz-server-side-encryption is AES256) catches log '
          + 'delivery, which sends no such header (aws-quickstart/quickstart-compliance-common#29); its only grant is a LogDeliveryWrite '
          + `ACL without OwnershipControls. ${ACLS_DISABLED}.`,
      },
      rCloudTrailBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'cfntemplates-compliant-bucket.yaml',
    buckets: {
      ObjectStorageLogBucket: {
        errors: ['destinationObjectLock', 'noDeliveryPermission'],
        warnings: [],
        reason: `Object Lock is enabled (COMPLIANCE, 1 year). ${OBJECT_LOCK}. Its policy's logging Allow has aws:SourceArn = its own name, `
          + `not ObjectStorageBucket's, so it grants nothing (the engine gets the same id because it does not attach a policy whose Bucket is a Fn::Sub). ${SOURCE_ARN}.`,
      },
      ObjectStorageBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'cfntemplates-vpcflowlogs-s3.yaml',
    buckets: {
      VPCFlowLogsBucket: {
        errors: [],
        warnings: ['destinationUnresolved'],
        reason: 'LoggingConfiguration is !If [S3AccessLogsCondition, {DestinationBucketName: !Ref S3AccessLogsBucketName}, AWS::NoValue]: '
          + 'no logging when the parameter (no Default) is empty, else a bucket named by a parameter; the NoValue branch removes the whole '
          + 'configuration, which is not self-logging.',
      },
    },
  },
  {
    file: 'cfo-centralized-logging-cloudtrail-s3-bucket.yaml',
    buckets: {
      rS3AccessLoggingBucket: {
        errors: ['selfLogging'],
        warnings: ['destinationEncryption'],
        reason: 'DestinationBucketName is the same !Sub ${pS3BucketName}-access-logs-${AWS::AccountId} as its own BucketName: it logs into '
          + `itself. As rS3CloudTrailBucket's destination it is aws:kms when pSSEAlgorithm is aws:kms (cUseKMS); the Default AES256 delivers. ${KMS}.`,
      },
      rS3CloudTrailBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'cfo-organization-s3-bucket.yaml',
    buckets: {
      rOrgS3Bucket: {
        errors: [],
        warnings: ['selfLogging', 'destinationUnresolved'],
        reason: 'DestinationBucketName is !If [cDeployAccessLogging, !Ref pLogBucketName, AWS::NoValue]: with the Default "No" the '
          + `LoggingConfiguration has no destination (${CFN_LOGGING}); with "Yes" it is the parameter's bucket, which is not rLogBucket `
          + '(named ${pLogBucketName}-${AWS::AccountId}).',
      },
    },
  },
  {
    file: 'checkov-ExampleS3.yaml',
    buckets: {
      S3Bucket2: {
        errors: [],
        warnings: ['importedDestinationPolicy', 'sharedSimplePrefix'],
        reason: 'Logs to the literal name "String", no bucket of the template, under prefix "String" with simple keys, as S3Bucket3 does.',
      },
      S3Bucket3: {
        errors: [],
        warnings: ['importedDestinationPolicy', 'sharedSimplePrefix'],
        reason: 'Logs to the literal name "String", no bucket of the template, under prefix "String" with simple keys, as S3Bucket2 does.',
      },
    },
  },
  {
    file: 'kics-s3_bucket_logging_disabled-negative2.json',
    buckets: {
      RecordServiceS3Bucket: {
        errors: [],
        warnings: ['importedDestinationPolicy'],
        reason: 'Logs to the literal name "LoggingBucket" (perhaps meant as a logical id), which no bucket of the template has.',
      },
    },
  },
  {
    file: 'naa-resources-3189815.yaml',
    buckets: {
      S3LoggingBucket: {
        errors: [],
        warnings: [],
        reason: `The logging Allow names aws:SourceArn !GetAtt S3Bucket.Arn and aws:SourceAccount; SSE-S3, BucketOwnerEnforced. ${SOURCE_ARN}.`,
      },
      S3Bucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'naa-resources-cb21995.yaml',
    buckets: {
      S3LoggingBucket: {
        errors: ['noDeliveryPermission'],
        warnings: [],
        reason: 'The logging Allow names aws:SourceArn !GetAtt S3LoggingBucket.Arn, the destination itself, so deliveries from S3Bucket '
          + `match no Allow (fixed 16 minutes later in 3189815). ${SOURCE_ARN}.`,
      },
      S3Bucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'runs-on-template-1a43421.yaml',
    buckets: {
      S3BucketLogging: {
        errors: ['noDeliveryPermission'],
        warnings: [],
        reason: 'No ACL grant and no logging Allow in its policy: the stack deployed and no logs arrived (runs-on/runs-on#241). '
          + `${ENABLING}.`,
      },
      S3Bucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
      S3BucketCache: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'runs-on-template-9543ac4.yaml',
    buckets: {
      S3BucketLogging: {
        errors: ['noDeliveryPermission'],
        warnings: [],
        reason: 'The Allow added by PR #243 lists aws:SourceArn arn:aws:s3:::${S3Bucket}/*, an object pattern that ArnLike never matches '
          + 'to the bucket ARN a delivery carries: S3Bucket\'s logs under s3-config-access-logs/ are still not granted (S3BucketCache\'s are). '
          + `${SOURCE_ARN}.`,
      },
      S3Bucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
      S3BucketCache: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'sc-ra-SageMaker-Notebook-Product.yaml',
    buckets: {
      SageMakerS3Bucket: {
        errors: ['selfLogging'],
        warnings: ['destinationEncryption'],
        reason: `A LoggingConfiguration with only LogFilePrefix logs into the bucket itself (${CFN_LOGGING}), which is aws:kms with an imported `
          + `key (!ImportValue CMK-KeyId) whose policy cannot be read. ${KMS_DECISION}. `
          + 'Its Denies of public x-amz-acl / x-amz-grant-read uploads do not apply: delivery sends no such header (no TargetGrants).',
      },
    },
  },
  {
    file: 'sc-ra-s3_iam_kms.yaml',
    notLoadable: {
      error: /Map keys must be unique; "AWS" is repeated/,
      why: 'a duplicate mapping key (Principal with AWS twice, in two KMS key policy statements) that aws-cdk-lib\'s YAML parser rejects',
    },
    buckets: {
      S3BucketLogs: {
        errors: ['noDeliveryPermission'],
        warnings: [],
        reason: 'Its policy grants s3.amazonaws.com, not logging.s3.amazonaws.com, and its LogDeliveryWrite ACL has no OwnershipControls. '
          + `${ACLS_DISABLED}.`,
      },
      S3BucketData: {
        errors: [],
        warnings: ['sharedSimplePrefix'],
        reason: 'Logs to S3BucketLogs under prefix "testing-logs" with simple keys, as S3BucketInfra does.',
      },
      S3BucketInfra: {
        errors: [],
        warnings: ['sharedSimplePrefix'],
        reason: 'Logs to S3BucketLogs under prefix "testing-logs" with simple keys, as S3BucketData does.',
      },
    },
  },
  {
    file: 'sc-ra-sc-emr-ra.json',
    buckets: {
      LogBucket: {
        errors: ['selfLogging', 'destinationEncryption'],
        warnings: [],
        reason: `A LoggingConfiguration with only LogFilePrefix logs into the bucket itself (${CFN_LOGGING}), which is aws:kms with a key `
          + `that does not name logging.s3.amazonaws.com. ${KMS}.`,
      },
    },
  },
  {
    file: 'sdlf-foundations.sam.yaml',
    buckets: {
      rS3AccessLogsBucket: {
        errors: ['destinationEncryption'],
        warnings: [],
        reason: 'Default encryption is aws:kms (rKMSKey, whose policy lets no principal that the logging service can be use the key: '
          + 'its Principal "*" statements require kms:ViaService of SNS or DynamoDB); its grant (aws:SourceArn '
          + `on the name pattern of the sources, in both branches of UseCustomBucketPrefix) is right. ${KMS}.`,
      },
      rArtifactsBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
      rRawBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
      rStageBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
      rAnalyticsBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
      rAthenaBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'sdlf-monitoring.sam.yaml',
    buckets: {
      rTrailBucket: {
        errors: [],
        warnings: ['destinationUnresolved'],
        reason: 'Defined only under cInternalBucket (off by Default); its destination is the dynamic reference '
          + '{{resolve:ssm:/SDLF/S3/AccessLogsBucket}}, known only at deploy.',
      },
      rCloudwatchLogsFirehoseBucket: {
        errors: [],
        warnings: ['destinationUnresolved'],
        reason: 'Defined only under cLogsForwardingEnabled (off by Default); its destination is the dynamic reference '
          + '{{resolve:ssm:/SDLF/S3/AccessLogsBucket}}, known only at deploy.',
      },
    },
  },
  {
    // The corpus's negative control: a SAM template without server access logging.
    file: 'serverless-patterns-lambda-s3.sam.yaml',
    buckets: {},
  },
  {
    file: 'waf-security-automations-v3.2.3.template',
    notLoadable: {
      error: /Insufficient indentation in flow collection/,
      why: 'multi-line flow sequences (!If [ ... ] over several lines) that aws-cdk-lib\'s YAML parser rejects',
    },
    buckets: {
      AccessLoggingBucket: {
        errors: ['noDeliveryPermission'],
        warnings: [],
        reason: `Its only grant is a LogDeliveryWrite ACL without OwnershipControls; its policy has no logging Allow. ${ACLS_DISABLED}.`,
      },
      WafLogBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'waf-security-automations-v4.template',
    notLoadable: {
      error: /Insufficient indentation in flow collection/,
      why: 'multi-line flow sequences (!If [ ... ] over several lines) that aws-cdk-lib\'s YAML parser rejects',
    },
    buckets: {
      AccessLoggingBucket: {
        errors: [],
        warnings: [],
        reason: 'SSE-S3, ACLs disabled, and a logging Allow whose aws:SourceArn lists WafLogBucket (under the same condition that '
          + `defines WafLogBucket) with aws:SourceAccount. ${SOURCE_ARN}.`,
      },
      WafLogBucket: { errors: [], warnings: [], reason: SOURCE_ONLY },
    },
  },
  {
    file: 'widdix-state-s3.yaml',
    buckets: {
      Bucket: {
        errors: [],
        warnings: ['destinationUnresolved'],
        reason: 'LoggingConfiguration is !If [HasS3Bucket, {DestinationBucketName: !ImportValue ${ParentS3StackAccessLog}-BucketName}, '
          + 'AWS::NoValue]: off with the Default "", else a bucket exported by another stack that the checks cannot follow; not self-logging.',
      },
    },
  },
];
