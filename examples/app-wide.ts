import { App, Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogs } from '../src';

/** The account of this example; S3 delivers server access logs only within one account and Region. */
const ACCOUNT = '123456789012';

/**
 * Three stacks in two Regions, with buckets defined every way (L1, L2, `AccessLoggedBucket`), and
 * server access logging turned on for all of them in one line.
 *
 * Each Region gets a destination stack of its own (`AccessLogs-<account>-<region>`); the bucket that
 * already logs (the `AccessLoggedBucket`) is left as it is.
 */
export function appWideApp(app: App): void {
  const web = new Stack(app, 'WebEuExample', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new s3.Bucket(web, 'Assets', { enforceSSL: true });
  new s3.CfnBucket(web, 'Raw');
  new AccessLoggedBucket(web, 'Uploads');

  const data = new Stack(app, 'DataEuExample', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new s3.Bucket(data, 'Reports', { enforceSSL: true });

  const webUs = new Stack(app, 'WebUsExample', { env: { account: ACCOUNT, region: 'us-east-1' } });
  new s3.Bucket(webUs, 'Assets', { enforceSSL: true });
  new s3.CfnBucket(webUs, 'Raw');

  AccessLogs.of(app).enable({ destinationBucketProps: { logRetention: Duration.days(365) } });
}

if (require.main === module) {
  const app = new App();
  appWideApp(app);
  app.synth();
}
