import { App, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AccessLoggedBucket } from '../src';

/**
 * One bucket seen through all three channels: server access logs into a log bucket (audit, hours),
 * the same records as JSON in CloudWatch Logs (queries, metric filters, alarms), and its writes as
 * CloudTrail data events (about every 5 minutes, with the caller's identity).
 *
 * The stack has an explicit environment: CloudWatch Logs and CloudTrail deliver only within one
 * account and Region, which the constructs check at synth.
 */
export function visibilityApp(app: App): void {
  const stack = new Stack(app, 'VisibilityExample', { env: { account: '123456789012', region: 'eu-west-1' } });

  new AccessLoggedBucket(stack, 'Orders', {
    // Only the fields the dashboards use, kept a month.
    cloudWatchLogs: {
      retention: logs.RetentionDays.ONE_MONTH,
      recordFields: ['request_time', 'bucket_name', 'operation', 'key_name', 'http_status', 'error_code', 'remote_ip', 'requester'],
    },
    // Writes only: every PutObject and DeleteObject, within minutes (charged per event).
    dataEvents: { readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY },
  });
}

if (require.main === module) {
  const app = new App();
  visibilityApp(app);
  app.synth();
}
