import { CfnResource, Duration, Size, Stack, Token } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { assertWorkGroupName, uniqueWorkGroupName } from './glue-names';
import { SECURE_BUCKET_DEFAULTS, withDefaults } from '../private/props';
import { QUERY_RESULTS_ONLY, suppressScannerFindings } from '../private/scanner-suppressions';

/** What a query WorkGroup is defined from. */
export interface QueryWorkGroupSettings {
  readonly name?: string;
  readonly description: string;
  readonly resultsRetention?: Duration;
  readonly bytesScannedCutoffPerQuery?: Size;
}

/** A WorkGroup and the bucket its query results go to. */
export interface QueryWorkGroup {
  readonly workGroup: athena.CfnWorkGroup;
  readonly resultsBucket: s3.Bucket;
}

/** How long query results are kept when no retention is given: results are copies, to re-run at will. */
const DEFAULT_RESULTS_RETENTION = Duration.days(30);

/**
 * Athena refuses a per-query limit under 10 MB.
 *
 * @see https://docs.aws.amazon.com/athena/latest/APIReference/API_WorkGroupConfiguration.html
 */
const MIN_BYTES_SCANNED_CUTOFF = 10_000_000;

/**
 * Define an Athena WorkGroup whose settings queries cannot override, and its results bucket.
 *
 * The results (which hold copies of log records) go to a bucket with the library's secure defaults
 * (SSE-S3, public access blocked, TLS only, ACLs disabled), are encrypted with SSE-S3 by Athena too,
 * and expire after `resultsRetention`. The settings are enforced, so a query cannot send its results
 * elsewhere or unencrypted, or escape the scan limit.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html
 */
export function defineQueryWorkGroup(scope: Construct, settings: QueryWorkGroupSettings): QueryWorkGroup {
  assertWorkGroupName(scope, 'workGroup.workGroupName', settings.name);
  const cutoff = settings.bytesScannedCutoffPerQuery?.toBytes();
  if (cutoff !== undefined && !Token.isUnresolved(cutoff) && cutoff < MIN_BYTES_SCANNED_CUTOFF) {
    throw new Error(`${scope.node.path}: workGroup.bytesScannedCutoffPerQuery must be at least 10 MB (Athena's minimum), `
      + `got: ${cutoff} bytes. Use e.g. Size.gibibytes(10), or leave it out for no limit.`);
  }
  const retention = settings.resultsRetention ?? DEFAULT_RESULTS_RETENTION;

  const resultsBucket = new s3.Bucket(scope, 'QueryResultsBucket', withDefaults<s3.BucketProps>({
    lifecycleRules: [{
      id: 'QueryResultsRetention',
      expiration: retention,
      abortIncompleteMultipartUploadAfter: Duration.days(1),
    }],
  }, SECURE_BUCKET_DEFAULTS));
  suppressScannerFindings(resultsBucket, resultsBucket.node.defaultChild as CfnResource, [QUERY_RESULTS_ONLY]);

  const workGroup = new athena.CfnWorkGroup(scope, 'WorkGroup', {
    name: settings.name ?? uniqueWorkGroupName(scope),
    description: settings.description,
    state: 'ENABLED',
    workGroupConfiguration: {
      enforceWorkGroupConfiguration: true,
      publishCloudWatchMetricsEnabled: true,
      bytesScannedCutoffPerQuery: cutoff,
      resultConfiguration: {
        outputLocation: `s3://${resultsBucket.bucketName}/`,
        encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        expectedBucketOwner: Stack.of(scope).account,
      },
    },
  });
  return { workGroup, resultsBucket };
}
