import { App, Duration, Stack } from 'aws-cdk-lib';
import { TargetObjectKeyFormat } from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../src';

/**
 * Several buckets logging into one `AccessLogsBucket` that keeps logs for a year.
 *
 * The destination's policy gets one statement per prefix, naming every source that writes under it,
 * so the policy stays small however many buckets share the destination.
 */
export function sharedDestinationApp(app: App): void {
  const stack = new Stack(app, 'SharedDestinationExample');

  const accessLogs = new AccessLogsBucket(stack, 'AccessLogs', {
    logRetention: Duration.days(365),
  });

  // Date-based keys (the default) carry the source account, Region and bucket, so sources can share
  // the root of the destination without their logs mixing.
  new AccessLoggedBucket(stack, 'Invoices', {
    destinationBucket: accessLogs,
  });

  new AccessLoggedBucket(stack, 'Reports', {
    destinationBucket: accessLogs,
    logFilePrefix: 'reports/',
  });

  // Simple keys (`[prefix]YYYY-MM-DD-hh-mm-ss-UniqueString`) do not name the source:
  // give such a source a prefix of its own.
  new AccessLoggedBucket(stack, 'Uploads', {
    destinationBucket: accessLogs,
    logFilePrefix: 'uploads/',
    targetObjectKeyFormat: TargetObjectKeyFormat.simplePrefix(),
  });
}

if (require.main === module) {
  const app = new App();
  sharedDestinationApp(app);
  app.synth();
}
