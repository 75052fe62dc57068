"""One bucket seen through all three channels: server access logs into a log bucket (audit, hours),
the same records as JSON in CloudWatch Logs (queries, metric filters, alarms), and its writes as
CloudTrail data events (about every 5 minutes, with the caller's identity).

The Python twin of ``examples/visibility.ts``. The stack has an explicit environment: CloudWatch
Logs and CloudTrail deliver only within one account and Region, which the constructs check at synth.
"""
from aws_cdk import App, Environment, Stack
from aws_cdk import aws_cloudtrail as cloudtrail
from aws_cdk import aws_logs as logs
from cdk_s3_access_logs import AccessLoggedBucket, CloudWatchLogsDeliveryOptions, DataEventsOptions


def visibility_app(app: App) -> None:
    stack = Stack(app, "VisibilityExample", env=Environment(account="123456789012", region="eu-west-1"))

    AccessLoggedBucket(stack, "Orders",
        # Only the fields the dashboards use, kept a month.
        cloud_watch_logs=CloudWatchLogsDeliveryOptions(
            retention=logs.RetentionDays.ONE_MONTH,
            record_fields=["request_time", "bucket_name", "operation", "key_name", "http_status", "error_code", "remote_ip", "requester"],
        ),
        # Writes only: every PutObject and DeleteObject, within minutes (charged per event).
        data_events=DataEventsOptions(read_write_type=cloudtrail.ReadWriteType.WRITE_ONLY),
    )


if __name__ == "__main__":
    app = App()
    visibility_app(app)
    app.synth()
