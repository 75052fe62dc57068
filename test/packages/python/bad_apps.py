"""Apps that a Python user gets wrong, each the twin of a function of ``test/packages/bad-apps.ts``.

Each function defines its app's stacks in ``app``; the mistake shows when the app is defined or
synthesized. Run one as a CDK app (``python3 bad_apps.py logging-loop``) to see what a user sees.
"""
import sys

from aws_cdk import App, Environment, Stack
from aws_cdk import aws_s3 as s3
from cdk_s3_access_logs import AccessLoggedBucket, AccessLogs, AccessLogsBucket

ACCOUNT = "123456789012"


def logging_loop_app(app: App) -> None:
    """Two buckets that log into each other by name: a loop, found when the app is synthesized."""
    stack = Stack(app, "LoopExample", env=Environment(account=ACCOUNT, region="eu-west-1"))
    s3.CfnBucket(stack, "Orders",
        bucket_name="orders-bucket",
        logging_configuration=s3.CfnBucket.LoggingConfigurationProperty(destination_bucket_name="audit-bucket"),
    )
    s3.CfnBucket(stack, "Audit",
        bucket_name="audit-bucket",
        logging_configuration=s3.CfnBucket.LoggingConfigurationProperty(destination_bucket_name="orders-bucket"),
    )
    AccessLogs.of(app).check()


def cross_region_app(app: App) -> None:
    """A bucket in eu-west-1 given a destination in us-east-1: refused when it is defined."""
    logs_stack = Stack(app, "LogsUsExample", env=Environment(account=ACCOUNT, region="us-east-1"))
    logs = AccessLogsBucket(logs_stack, "AccessLogs")
    data_stack = Stack(app, "DataEuExample", env=Environment(account=ACCOUNT, region="eu-west-1"))
    AccessLoggedBucket(data_stack, "Data", destination_bucket=logs)


def cross_region_by_name_app(app: App) -> None:
    """A bucket in eu-west-1 logging to a us-east-1 destination given by name: found at synth."""
    logs_stack = Stack(app, "LogsUsExample", env=Environment(account=ACCOUNT, region="us-east-1"))
    AccessLogsBucket(logs_stack, "AccessLogs", bucket_name="access-logs-us")
    data_stack = Stack(app, "DataEuExample", env=Environment(account=ACCOUNT, region="eu-west-1"))
    AccessLoggedBucket(data_stack, "Data",
        destination_bucket=s3.Bucket.from_bucket_name(data_stack, "AccessLogsByName", "access-logs-us"),
    )


def wrong_type_app(app: App) -> None:
    """A bucket name (a str) where a bucket is expected: jsii's type check refuses it."""
    stack = Stack(app, "WrongTypeExample")
    AccessLoggedBucket(stack, "Data", destination_bucket="my-log-bucket")


BAD_APPS = {
    "logging-loop": logging_loop_app,
    "cross-region": cross_region_app,
    "cross-region-by-name": cross_region_by_name_app,
    "wrong-type": wrong_type_app,
}

if __name__ == "__main__":
    app = App()
    BAD_APPS[sys.argv[1]](app)
    app.synth()
