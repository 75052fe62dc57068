/**
 * The benchmark's apps that use this library: the same buckets and stacks as the hand-wired app of
 * `synth-apps.ts`, defined with `AccessLoggedBucket` or turned on by `AccessLogs.of(app).enable()`;
 * and the scale case of sources with distinct prefixes.
 */
import { App } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { forEachSource, SECURE_BUCKET, sourceStacks } from './synth-apps';
import { AccessLoggedBucket, AccessLogs, AccessLogsBucket } from '../../src';

/** `AccessLoggedBucket`s sharing one `AccessLogsBucket` (its defaults are the hand-wired destination's settings). */
export function accessLoggedBucketApp(app: App, sourceCount: number): void {
  const stacks = sourceStacks(app, sourceCount);
  const destination = new AccessLogsBucket(stacks[0], 'AccessLogs');
  forEachSource(stacks, sourceCount, (stack, id) => new AccessLoggedBucket(stack, id, { destinationBucket: destination }));
}

/** Plain `s3.Bucket`s, and one line that gives them all a destination (defined in a stack of its own). */
export function enableApp(app: App, sourceCount: number): void {
  const stacks = sourceStacks(app, sourceCount);
  forEachSource(stacks, sourceCount, (stack, id) => new s3.Bucket(stack, id, SECURE_BUCKET));
  AccessLogs.of(app).enable();
}

/**
 * Every source with a log file prefix of its own, into one `AccessLogsBucket`: `AccessLoggedBucket`s
 * and plain `s3.Bucket`s (given it as `serverAccessLogsBucket`) in turn. The destination's grant
 * folds the prefixes past its budget of statements, so its policy stays small.
 */
export function distinctPrefixesApp(app: App, sourceCount: number): void {
  const stacks = sourceStacks(app, sourceCount);
  const destination = new AccessLogsBucket(stacks[0], 'AccessLogs');
  let index = 0;
  forEachSource(stacks, sourceCount, (stack, id) => {
    const prefix = `${stack.node.id}/${id}/`;
    if (index++ % 2 === 0) {
      new AccessLoggedBucket(stack, id, { destinationBucket: destination, logFilePrefix: prefix });
    } else {
      new s3.Bucket(stack, id, { ...SECURE_BUCKET, serverAccessLogsBucket: destination, serverAccessLogsPrefix: prefix });
    }
  });
}
