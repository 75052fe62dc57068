"""Replay the CloudWatch Logs delivery and the CloudTrail trail of a template against moto.

Usage: python3 visibility-moto.py ENDPOINT_URL < plan.json

The plan (built by visibility-moto.test.ts from a synthesized template, every intrinsic resolved) is
{"region": ..., "steps": [{"op": ..., ...}, ...]}. Each step is one API call, as CloudFormation would
make it; a step that fails is recorded with its error code and message and the run goes on. Prints
{"results": [{"op": ..., "ok": true, "readBack": ...} | {"op": ..., "ok": false, "code": ..., "message": ...}]}.
Exits non-zero only when the run itself breaks (bad input, moto unreachable).
"""

import json
import sys

import boto3
import botocore.config
import botocore.exceptions


def main() -> None:
    endpoint = sys.argv[1]
    plan = json.load(sys.stdin)
    config = botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1})

    def client(service):
        return boto3.client(service, region_name=plan["region"], endpoint_url=endpoint,
                            aws_access_key_id="testing", aws_secret_access_key="testing", config=config)

    s3, logs, cloudtrail = client("s3"), client("logs"), client("cloudtrail")
    results = []
    for step in plan["steps"]:
        try:
            results.append({"op": step["op"], "ok": True, "readBack": run(step, s3, logs, cloudtrail, plan["region"])})
        except botocore.exceptions.ClientError as e:
            error = e.response.get("Error", {})
            results.append({"op": step["op"], "ok": False, "code": error.get("Code"), "message": error.get("Message")})
    json.dump({"results": results}, sys.stdout, default=str)


def run(step, s3, logs, cloudtrail, region):
    op = step["op"]
    if op == "createBucket":
        s3.create_bucket(Bucket=step["bucket"], CreateBucketConfiguration={"LocationConstraint": region})
        return None
    if op == "putBucketPolicy":
        s3.put_bucket_policy(Bucket=step["bucket"], Policy=json.dumps(step["policy"]))
        return None
    if op == "createLogGroup":
        logs.create_log_group(logGroupName=step["name"])
        logs.put_retention_policy(logGroupName=step["name"], retentionInDays=step["retentionInDays"])
        group = logs.describe_log_groups(logGroupNamePrefix=step["name"])["logGroups"][0]
        return {"arn": group["arn"], "retentionInDays": group.get("retentionInDays")}
    if op == "putDeliverySource":
        source = logs.put_delivery_source(name=step["name"], resourceArn=step["resourceArn"], logType=step["logType"])["deliverySource"]
        return {"logType": source["logType"], "resourceArns": source["resourceArns"]}
    if op == "putDeliveryDestination":
        destination = logs.put_delivery_destination(
            name=step["name"], deliveryDestinationConfiguration={"destinationResourceArn": step["destinationResourceArn"]})["deliveryDestination"]
        return {"arn": destination["arn"], "destinationResourceArn": destination["deliveryDestinationConfiguration"]["destinationResourceArn"]}
    if op == "createDelivery":
        args = {"deliverySourceName": step["deliverySourceName"], "deliveryDestinationArn": step["deliveryDestinationArn"]}
        if "recordFields" in step:
            args["recordFields"] = step["recordFields"]
        delivery = logs.create_delivery(**args)["delivery"]
        return {"recordFields": delivery.get("recordFields")}
    if op == "createTrail":
        cloudtrail.create_trail(Name=step["name"], S3BucketName=step["bucket"], IsMultiRegionTrail=step["isMultiRegionTrail"],
                                IncludeGlobalServiceEvents=step["includeGlobalServiceEvents"],
                                EnableLogFileValidation=step["enableLogFileValidation"])
        cloudtrail.put_event_selectors(TrailName=step["name"], AdvancedEventSelectors=step["advancedEventSelectors"])
        if step["isLogging"]:
            cloudtrail.start_logging(Name=step["name"])
        selectors = cloudtrail.get_event_selectors(TrailName=step["name"])
        status = cloudtrail.get_trail_status(Name=step["name"])
        return {"advancedEventSelectors": selectors.get("AdvancedEventSelectors"), "eventSelectors": selectors.get("EventSelectors"),
                "isLogging": status["IsLogging"]}
    raise ValueError(f"unknown op {op!r}")


if __name__ == "__main__":
    main()
