"""A log archive stack that holds the destination, and an application stack whose buckets log into it.

The Python twin of ``examples/cross-stack-destination.ts``. Both stacks must deploy to the same
account and Region (S3 delivers access logs only within one). The application stack imports the
destination's name, so the log archive deploys first.
"""
from aws_cdk import App, Duration, Stack
from cdk_s3_access_logs import AccessLoggedBucket, AccessLogsBucket


def cross_stack_destination_app(app: App) -> None:
    log_archive = Stack(app, "LogArchiveExample")
    access_logs = AccessLogsBucket(log_archive, "AccessLogs",
        log_retention=Duration.days(365),
    )

    application = Stack(app, "ApplicationExample")
    AccessLoggedBucket(application, "Orders",
        destination_bucket=access_logs,
    )
    AccessLoggedBucket(application, "Assets",
        destination_bucket=access_logs,
        log_file_prefix="assets/",
    )


if __name__ == "__main__":
    app = App()
    cross_stack_destination_app(app)
    app.synth()
