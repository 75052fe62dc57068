"""The simplest use: one bucket with server access logging, into a log bucket defined for it.

The Python twin of ``examples/single-bucket.ts``: a hardened source bucket, an ``AccessLogsBucket``
as its destination, the bucket policy that lets the S3 logging service write there, and the
source's logging configuration (date-based keys by event time, no prefix).

Run it as any CDK app: ``cdk synth --app "python3 examples/python/single_bucket.py"``.
"""
from aws_cdk import App, Stack
from cdk_s3_access_logs import AccessLoggedBucket


def single_bucket_app(app: App) -> None:
    stack = Stack(app, "SingleBucketExample")

    AccessLoggedBucket(stack, "Data")


if __name__ == "__main__":
    app = App()
    single_bucket_app(app)
    app.synth()
