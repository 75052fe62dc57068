import { App, Stack } from 'aws-cdk-lib';
import { AccessLoggedBucket } from '../src';

/**
 * The simplest use: one bucket with server access logging, into a log bucket defined for it.
 *
 * Defines a hardened source bucket, an `AccessLogsBucket` as its destination, the bucket policy that
 * lets the S3 logging service write there, and the source's logging configuration
 * (date-based keys by event time, no prefix).
 */
export function singleBucketApp(app: App): void {
  const stack = new Stack(app, 'SingleBucketExample');

  new AccessLoggedBucket(stack, 'Data');
}

if (require.main === module) {
  const app = new App();
  singleBucketApp(app);
  app.synth();
}
