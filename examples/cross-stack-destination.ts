import { App, Duration, Stack } from 'aws-cdk-lib';
import { AccessLoggedBucket, AccessLogsBucket } from '../src';

/**
 * A log archive stack that holds the destination, and an application stack whose buckets log into it.
 *
 * Both stacks must deploy to the same account and Region (S3 delivers access logs only within one).
 * The application stack imports the destination's name, so the log archive deploys first.
 */
export function crossStackDestinationApp(app: App): void {
  const logArchive = new Stack(app, 'LogArchiveExample');
  const accessLogs = new AccessLogsBucket(logArchive, 'AccessLogs', {
    logRetention: Duration.days(365),
  });

  const application = new Stack(app, 'ApplicationExample');
  new AccessLoggedBucket(application, 'Orders', {
    destinationBucket: accessLogs,
  });
  new AccessLoggedBucket(application, 'Assets', {
    destinationBucket: accessLogs,
    logFilePrefix: 'assets/',
  });
}

if (require.main === module) {
  const app = new App();
  crossStackDestinationApp(app);
  app.synth();
}
