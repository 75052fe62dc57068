"""Execute a replay plan (test/support/replay/resolve.ts) against moto's S3 API and print the results as JSON.

Usage: python3 replay.py ENDPOINT_URL < plan.json

The plan is {"deployments": [{"name": ..., "steps": [...]}, ...]}. Each deployment starts from an
empty S3 (moto's state is reset before it). Each step is one call; a step that fails is recorded
with its error code and the deployment goes on, so one run reports every outcome. After a
PutBucketLogging that succeeds, GetBucketLogging reads the configuration back.

Prints {"deployments": [{"name": ..., "results": [{"ok": true|false, ...}, ...]}]}, one result per
step, in order. Exits non-zero only when the run itself breaks (bad input, moto unreachable).
"""

import json
import sys
import urllib.request

import boto3
import botocore.config
import botocore.exceptions


def main() -> None:
    endpoint = sys.argv[1]
    plan = json.load(sys.stdin)
    clients = {}

    def s3(region):
        if region not in clients:
            clients[region] = boto3.client(
                "s3",
                region_name=region,
                endpoint_url=endpoint,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
                config=botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
            )
        return clients[region]

    output = []
    for deployment in plan["deployments"]:
        reset(endpoint)
        output.append({"name": deployment["name"], "results": [run(s3, step) for step in deployment["steps"]]})
    json.dump({"deployments": output}, sys.stdout)


def reset(endpoint):
    """Empty moto's state, so that each deployment starts from nothing."""
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=30).read()


def run(s3, step):
    client = s3(step["region"])
    try:
        if step["op"] == "createBucket":
            args = {"Bucket": step["bucket"]}
            if step["region"] != "us-east-1":
                args["CreateBucketConfiguration"] = {"LocationConstraint": step["region"]}
            client.create_bucket(**args)
            return {"ok": True}
        if step["op"] == "putBucketPolicy":
            client.put_bucket_policy(Bucket=step["bucket"], Policy=step["policy"])
            return {"ok": True}
        if step["op"] == "putBucketLogging":
            enabled = {"TargetBucket": step["targetBucket"], "TargetPrefix": step["targetPrefix"]}
            if "targetObjectKeyFormat" in step:
                enabled["TargetObjectKeyFormat"] = step["targetObjectKeyFormat"]
            client.put_bucket_logging(Bucket=step["bucket"], BucketLoggingStatus={"LoggingEnabled": enabled})
            read = client.get_bucket_logging(Bucket=step["bucket"])
            return {"ok": True, "readBack": read.get("LoggingEnabled")}
        raise ValueError(f"unknown op {step['op']!r}")
    except botocore.exceptions.ClientError as e:
        error = e.response.get("Error", {})
        return {"ok": False, "code": error.get("Code"), "message": error.get("Message")}


if __name__ == "__main__":
    main()
