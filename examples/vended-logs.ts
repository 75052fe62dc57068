import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesisfirehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AccessLoggedBucket, AccessLogsBucket, CloudWatchLogsDelivery, CloudWatchLogsDeliveryDestination, VendedLogsOutputFormat } from '../src';

/** The account of the workload and its bucket, and the central account that collects access logs. */
const WORKLOAD = { account: '123456789012', region: 'eu-west-1' };
const CENTRAL = { account: '210987654321', region: 'eu-west-1' };

/**
 * One bucket's server access logs through CloudWatch Logs' vended-logs delivery, to every kind of
 * destination: a log group, an Amazon S3 bucket (Parquet), a Firehose stream, and a log group of a
 * central account. The bucket has one delivery source, which the four deliveries share.
 *
 * The central stack is in another account: it defines the delivery destination with the policy that
 * lets the workload account create a delivery to it, and the workload stack uses its literal ARN (no
 * reference across accounts).
 */
export function vendedLogsApp(app: App): void {
  const central = new Stack(app, 'CentralLogsExample', { env: CENTRAL });
  const centralLogs = new CloudWatchLogsDeliveryDestination(central, 'WorkloadAccessLogs', {
    sourceAccounts: [WORKLOAD.account],
    retention: logs.RetentionDays.ONE_YEAR,
  });

  const stack = new Stack(app, 'VendedLogsExample', { env: WORKLOAD });
  // 1. Server access logs to a bucket as always, and to a log group of this account, kept a month:
  // Logs Insights queries, metric filters, alarms. This delivery defines the bucket's delivery source.
  const orders = new AccessLoggedBucket(stack, 'Orders', {
    cloudWatchLogs: { retention: logs.RetentionDays.ONE_MONTH },
  }).bucket;

  // 2. To an Amazon S3 bucket, as Parquet (an AccessLogsBucket: SSE-S3, private, kept).
  const archive = new AccessLogsBucket(stack, 'VendedArchive');
  new CloudWatchLogsDelivery(stack, 'OrdersToS3', {
    bucket: orders,
    destinationBucket: archive,
    outputFormat: VendedLogsOutputFormat.PARQUET,
  });

  // 3. To a Firehose stream (an L1: aws-cdk-lib 2.172 has no stable Firehose L2) that writes to the
  // archive too. CloudWatch Logs tags it LogDeliveryEnabled=true when the delivery is created.
  const firehoseRole = new iam.Role(stack, 'FirehoseRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
  const grant = archive.grantWrite(firehoseRole, 'firehose/*');
  const stream = new kinesisfirehose.CfnDeliveryStream(stack, 'AccessLogsStream', {
    deliveryStreamType: 'DirectPut',
    s3DestinationConfiguration: {
      bucketArn: archive.bucketArn,
      roleArn: firehoseRole.roleArn,
      prefix: 'firehose/',
    },
  });
  // The stream writes once its role may.
  grant.applyBefore(stream);
  new CloudWatchLogsDelivery(stack, 'OrdersToFirehose', {
    bucket: orders,
    deliveryStreamArn: stream.attrArn,
  });

  // 4. To the central account's log group, through its delivery destination.
  new CloudWatchLogsDelivery(stack, 'OrdersToCentral', {
    bucket: orders,
    deliveryDestinationArn: centralLogs.deliveryDestinationArn,
  });
}

if (require.main === module) {
  const app = new App();
  vendedLogsApp(app);
  app.synth();
}
