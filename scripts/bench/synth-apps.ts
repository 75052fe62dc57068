/**
 * The apps that the synth benchmark compares: N source buckets logging into one shared destination,
 * defined by hand with aws-cdk-lib, with `AccessLoggedBucket`, and with `AccessLogs.of(app).enable()`.
 *
 * The three apps define the same buckets with the same settings (SSE-S3, all public access blocked,
 * TLS enforced, ACLs disabled; a versioned, retained destination whose noncurrent versions expire
 * after 90 days; date-based log keys), in the same stacks, so that what differs is the library.
 *
 * This module imports aws-cdk-lib only: the hand-wired app must not pay for loading our library.
 * Our apps are in `synth-apps-ours.ts`.
 */
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** A stack holds at most 500 resources; an `AccessLoggedBucket` source is 2 (its bucket and TLS policy). */
export const SOURCES_PER_STACK = 100;

/** The one environment of every stack: S3 delivers access logs within one account and Region. */
export const ENV = { account: '123456789012', region: 'eu-west-1' };

/**
 * The context of every app. The feature flag makes aws-cdk-lib grant delivery by bucket policy, as
 * this library always does (without it, aws-cdk-lib grants by ACL, which fails on buckets with ACLs
 * disabled): the fair comparison.
 */
export const APP_CONTEXT = { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true };

/** The stack that holds sources `index`: `Sources0` holds the first 100 (and the destination), `Sources1` the next 100, ... */
export function sourceStacks(app: App, sourceCount: number): Stack[] {
  const stacks: Stack[] = [];
  for (let i = 0; i * SOURCES_PER_STACK < sourceCount; i++) {
    stacks.push(new Stack(app, `Sources${i}`, { env: ENV }));
  }
  return stacks;
}

/** Calls `define` once per source, with its stack and id. */
export function forEachSource(stacks: Stack[], sourceCount: number, define: (stack: Stack, id: string) => void): void {
  for (let i = 0; i < sourceCount; i++) {
    define(stacks[Math.floor(i / SOURCES_PER_STACK)], `Source${i}`);
  }
}

/** The settings of every bucket, source or destination (what this library defaults to). */
export const SECURE_BUCKET: s3.BucketProps = {
  encryption: s3.BucketEncryption.S3_MANAGED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
};

/**
 * What a user writes without this library: `s3.Bucket`s whose `serverAccessLogsBucket` is one shared
 * destination, set up by hand like an `AccessLogsBucket`.
 */
export function handWiredApp(app: App, sourceCount: number): void {
  const stacks = sourceStacks(app, sourceCount);
  const destination = new s3.Bucket(stacks[0], 'AccessLogs', {
    ...SECURE_BUCKET,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ id: 'AccessLogsRetention', noncurrentVersionExpiration: Duration.days(90) }],
  });
  forEachSource(stacks, sourceCount, (stack, id) => new s3.Bucket(stack, id, {
    ...SECURE_BUCKET,
    serverAccessLogsBucket: destination,
    targetObjectKeyFormat: s3.TargetObjectKeyFormat.partitionedPrefix(s3.PartitionDateSource.EVENT_TIME),
  }));
}
