"""Several buckets logging into one ``AccessLogsBucket`` that keeps logs for a year.

The Python twin of ``examples/shared-destination.ts``. The destination's policy gets one statement
per prefix, naming every source that writes under it, so the policy stays small however many
buckets share the destination.
"""
from aws_cdk import App, Duration, Stack
from aws_cdk import aws_s3 as s3
from cdk_s3_access_logs import AccessLoggedBucket, AccessLogsBucket


def shared_destination_app(app: App) -> None:
    stack = Stack(app, "SharedDestinationExample")

    access_logs = AccessLogsBucket(stack, "AccessLogs",
        log_retention=Duration.days(365),
    )

    # Date-based keys (the default) carry the source account, Region and bucket, so sources can
    # share the root of the destination without their logs mixing.
    AccessLoggedBucket(stack, "Invoices",
        destination_bucket=access_logs,
    )

    AccessLoggedBucket(stack, "Reports",
        destination_bucket=access_logs,
        log_file_prefix="reports/",
    )

    # Simple keys ([prefix]YYYY-MM-DD-hh-mm-ss-UniqueString) do not name the source:
    # give such a source a prefix of its own.
    AccessLoggedBucket(stack, "Uploads",
        destination_bucket=access_logs,
        log_file_prefix="uploads/",
        target_object_key_format=s3.TargetObjectKeyFormat.simple_prefix(),
    )


if __name__ == "__main__":
    app = App()
    shared_destination_app(app)
    app.synth()
