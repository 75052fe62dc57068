"""Three stacks in two Regions, with buckets defined every way (L1, L2, ``AccessLoggedBucket``), and
server access logging turned on for all of them in one line.

The Python twin of ``examples/app-wide.ts``. Each Region gets a destination stack of its own
(``AccessLogs-<account>-<region>``); the bucket that already logs (the ``AccessLoggedBucket``) is
left as it is.
"""
from aws_cdk import App, Duration, Environment, Stack
from aws_cdk import aws_s3 as s3
from cdk_s3_access_logs import AccessLoggedBucket, AccessLogs, AccessLogsBucketProps

# The account of this example; S3 delivers server access logs only within one account and Region.
ACCOUNT = "123456789012"


def app_wide_app(app: App) -> None:
    web = Stack(app, "WebEuExample", env=Environment(account=ACCOUNT, region="eu-west-1"))
    s3.Bucket(web, "Assets", enforce_ssl=True)
    s3.CfnBucket(web, "Raw")
    AccessLoggedBucket(web, "Uploads")

    data = Stack(app, "DataEuExample", env=Environment(account=ACCOUNT, region="eu-west-1"))
    s3.Bucket(data, "Reports", enforce_ssl=True)

    web_us = Stack(app, "WebUsExample", env=Environment(account=ACCOUNT, region="us-east-1"))
    s3.Bucket(web_us, "Assets", enforce_ssl=True)
    s3.CfnBucket(web_us, "Raw")

    AccessLogs.of(app).enable(
        destination_bucket_props=AccessLogsBucketProps(log_retention=Duration.days(365)),
    )


if __name__ == "__main__":
    app = App()
    app_wide_app(app)
    app.synth()
