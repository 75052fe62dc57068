import { App, Duration, Environment, Stack, Stage } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { EXAMPLES } from '../../examples';
import { AccessLoggedBucket, AccessLogsBucket } from '../../src';

/**
 * The apps whose templates are run through validators we did not write: cfn-lint
 * (`cfn-lint.test.ts`) and a deploy replay against moto's S3 API (`moto-replay.test.ts`), and, on an
 * aws-cdk-lib that has one, aws-cdk-lib's built-in template validation (`newest-aws-cdk-lib.test.ts`).
 * Not a test file itself.
 *
 * Every example, each construct, each key format, cross-stack (strong and weak references),
 * explicit environments, a nested Stage. Each app must synthesize without an error.
 *
 * To add an app: write its `build` function below and add ONE line to `REPRESENTATIVE_APPS`.
 */
export interface RepresentativeApp {
  /** Kebab-case; unique; names the app in test titles and its output directory. */
  readonly name: string;
  /** Define the app's stacks. */
  readonly build: (app: App) => void;
  /** Context for the App, e.g. a feature flag. */
  readonly context?: Record<string, unknown>;
}

/** The aws-cdk-lib feature flag that makes `s3.Bucket` grant log delivery by policy; our output must not depend on it. */
const USE_BUCKET_POLICY_FLAG = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

/**
 * Cross-stack reference strength (aws-cdk-lib 2.2xx and later): `weak` references are
 * `Fn::GetStackOutput` instead of `Fn::ImportValue`. Older aws-cdk-lib ignores the key and makes
 * strong references.
 */
const CROSS_STACK_REFERENCES_CONTEXT = '@aws-cdk/core:defaultCrossStackReferences';

export const REPRESENTATIVE_APPS: readonly RepresentativeApp[] = [
  ...EXAMPLES.map(example => ({ name: `example-${example.name}`, build: example.build })),
  { name: 'key-formats', build: keyFormats },
  { name: 'destination-props', build: destinationProps },
  { name: 's3-bucket-sources', build: s3BucketSources },
  { name: 's3-bucket-sources-flag-on', build: s3BucketSources, context: { [USE_BUCKET_POLICY_FLAG]: true } },
  { name: 'chained-destination', build: chainedDestination },
  { name: 'explicit-environment-cross-stack', build: explicitEnvironmentCrossStack },
  { name: 'cross-stack-weak-references', build: EXAMPLES.find(e => e.name === 'cross-stack-destination')!.build, context: { [CROSS_STACK_REFERENCES_CONTEXT]: 'weak' } },
  { name: 'nested-stage', build: nestedStage },
  // AccessLogs.of(scope).enable(): an example of it (examples/app-wide.ts) is covered by the line
  // above; an app for what the example leaves out is one more line here, e.g.
  // { name: 'app-wide-aspect', build: appWideAspect },
];

/** Every key format, with and without a prefix, each source with a destination of its own. */
function keyFormats(app: App): void {
  const stack = new Stack(app, 'KeyFormats');
  new AccessLoggedBucket(stack, 'PartitionedEventTime');
  new AccessLoggedBucket(stack, 'PartitionedDeliveryTime', {
    targetObjectKeyFormat: s3.TargetObjectKeyFormat.partitionedPrefix(s3.PartitionDateSource.DELIVERY_TIME),
    logFilePrefix: 'delivery-time',
  });
  new AccessLoggedBucket(stack, 'SimpleNoPrefix', { targetObjectKeyFormat: s3.TargetObjectKeyFormat.simplePrefix() });
  new AccessLoggedBucket(stack, 'SimpleWithPrefix', {
    targetObjectKeyFormat: s3.TargetObjectKeyFormat.simplePrefix(),
    logFilePrefix: '/simple/logs',
  });
}

/** Destination settings that reach the template: lifecycle rules, transitions, no versioning; logging off. */
function destinationProps(app: App): void {
  const stack = new Stack(app, 'DestinationProps');
  new AccessLoggedBucket(stack, 'Retained', {
    destinationBucketProps: {
      logRetention: Duration.days(400),
      logTransitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) }],
      noncurrentVersionExpiration: Duration.days(30),
    },
  });
  new AccessLoggedBucket(stack, 'Unversioned', { destinationBucketProps: { versioned: false, logRetention: Duration.days(30) } });
  new AccessLoggedBucket(stack, 'Disabled', { enabled: false });
}

/** Plain `s3.Bucket`s logging into an `AccessLogsBucket`, as the README shows. */
function s3BucketSources(app: App): void {
  const stack = new Stack(app, 'S3BucketSources');
  const logs = new AccessLogsBucket(stack, 'AccessLogs');
  new s3.Bucket(stack, 'Legacy', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'legacy/' });
  new s3.Bucket(stack, 'Partitioned', {
    serverAccessLogsBucket: logs,
    serverAccessLogsPrefix: 'partitioned/',
    targetObjectKeyFormat: s3.TargetObjectKeyFormat.partitionedPrefix(s3.PartitionDateSource.EVENT_TIME),
  });
  new s3.Bucket(stack, 'NoPrefix', { serverAccessLogsBucket: logs });
}

/** A log bucket that itself logs into another log bucket (the chain ends). */
function chainedDestination(app: App): void {
  const stack = new Stack(app, 'ChainedDestination');
  const audit = new AccessLogsBucket(stack, 'AuditLogs');
  const logs = new AccessLogsBucket(stack, 'AccessLogs', { serverAccessLogsBucket: audit, serverAccessLogsPrefix: 'access-logs' });
  new AccessLoggedBucket(stack, 'Data', { destinationBucket: logs });
}

/**
 * Stacks with a concrete account and Region (not the default us-east-1), the destination in one and
 * its sources in another; one source has a literal name, so the destination's policy names it.
 */
function explicitEnvironmentCrossStack(app: App): void {
  const env: Environment = { account: '111111111111', region: 'eu-west-1' };
  const archive = new Stack(app, 'EuLogArchive', { env });
  const logs = new AccessLogsBucket(archive, 'AccessLogs');
  const application = new Stack(app, 'EuApplication', { env });
  new AccessLoggedBucket(application, 'Named', {
    destinationBucket: logs,
    bucketProps: { bucketName: 'representative-named-source' },
    logFilePrefix: 'named/',
  });
  new AccessLoggedBucket(application, 'Unnamed', { destinationBucket: logs, logFilePrefix: 'unnamed/' });
}

/** A nested Stage (as a pipeline deploys), synthesized into an assembly of its own. */
function nestedStage(app: App): void {
  const stage = new Stage(app, 'Prod');
  const stack = new Stack(stage, 'Storage');
  const logs = new AccessLogsBucket(stack, 'AccessLogs');
  new AccessLoggedBucket(stack, 'Data', { destinationBucket: logs, logFilePrefix: 'data/' });
}

/** One representative app, synthesized: its stacks, those of nested stages included. */
export interface SynthesizedApp {
  readonly name: string;
  readonly stacks: CloudFormationStackArtifact[];
}

/** Define and synthesize one representative app; `outdir` defaults to a temporary directory. */
export function synthesizeRepresentativeApp(representative: RepresentativeApp, outdir?: string): SynthesizedApp {
  const app = new App({ outdir, context: representative.context });
  representative.build(app);
  return { name: representative.name, stacks: stacksOf(app.synth()) };
}

/** The stacks of an assembly and of every assembly nested in it. */
export function stacksOf(assembly: CloudAssembly): CloudFormationStackArtifact[] {
  return [...assembly.stacks, ...assembly.nestedAssemblies.flatMap(nested => stacksOf(nested.nestedAssembly))];
}
