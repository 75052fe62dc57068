"""One bucket's server access logs through CloudWatch Logs' vended-logs delivery, to every kind of
destination: a log group, an Amazon S3 bucket (Parquet), a Firehose stream, and a log group of a
central account. The bucket has one delivery source, which the four deliveries share.

The Python twin of ``examples/vended-logs.ts``. The central stack is in another account: it defines
the delivery destination with the policy that lets the workload account create a delivery to it, and
the workload stack uses its literal ARN (no reference across accounts).
"""
from aws_cdk import App, Environment, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as kinesisfirehose
from aws_cdk import aws_logs as logs
from cdk_s3_access_logs import (
    AccessLoggedBucket,
    AccessLogsBucket,
    CloudWatchLogsDelivery,
    CloudWatchLogsDeliveryDestination,
    CloudWatchLogsDeliveryOptions,
    VendedLogsOutputFormat,
)

# The account of the workload and its bucket, and the central account that collects access logs.
WORKLOAD = Environment(account="123456789012", region="eu-west-1")
CENTRAL = Environment(account="210987654321", region="eu-west-1")


def vended_logs_app(app: App) -> None:
    central = Stack(app, "CentralLogsExample", env=CENTRAL)
    central_logs = CloudWatchLogsDeliveryDestination(central, "WorkloadAccessLogs",
        source_accounts=[WORKLOAD.account],
        retention=logs.RetentionDays.ONE_YEAR,
    )

    stack = Stack(app, "VendedLogsExample", env=WORKLOAD)

    # 1. Server access logs to a bucket as always, and to a log group of this account, kept a month:
    # Logs Insights queries, metric filters, alarms. This delivery defines the bucket's delivery source.
    orders = AccessLoggedBucket(stack, "Orders",
        cloud_watch_logs=CloudWatchLogsDeliveryOptions(retention=logs.RetentionDays.ONE_MONTH),
    ).bucket

    # 2. To an Amazon S3 bucket, as Parquet (an AccessLogsBucket: SSE-S3, private, kept).
    archive = AccessLogsBucket(stack, "VendedArchive")
    CloudWatchLogsDelivery(stack, "OrdersToS3",
        bucket=orders,
        destination_bucket=archive,
        output_format=VendedLogsOutputFormat.PARQUET,
    )

    # 3. To a Firehose stream (an L1: aws-cdk-lib 2.172 has no stable Firehose L2) that writes to the
    # archive too. CloudWatch Logs tags it LogDeliveryEnabled=true when the delivery is created.
    firehose_role = iam.Role(stack, "FirehoseRole", assumed_by=iam.ServicePrincipal("firehose.amazonaws.com"))
    grant = archive.grant_write(firehose_role, "firehose/*")
    stream = kinesisfirehose.CfnDeliveryStream(stack, "AccessLogsStream",
        delivery_stream_type="DirectPut",
        s3_destination_configuration=kinesisfirehose.CfnDeliveryStream.S3DestinationConfigurationProperty(
            bucket_arn=archive.bucket_arn,
            role_arn=firehose_role.role_arn,
            prefix="firehose/",
        ),
    )
    # The stream writes once its role may.
    grant.apply_before(stream)
    CloudWatchLogsDelivery(stack, "OrdersToFirehose",
        bucket=orders,
        delivery_stream_arn=stream.attr_arn,
    )

    # 4. To the central account's log group, through its delivery destination.
    CloudWatchLogsDelivery(stack, "OrdersToCentral",
        bucket=orders,
        delivery_destination_arn=central_logs.delivery_destination_arn,
    )


if __name__ == "__main__":
    app = App()
    vended_logs_app(app)
    app.synth()
