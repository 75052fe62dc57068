"""Execute replay plans against a moto_server and print the results as JSON: the one replayer of the
moto tests (test/validators/moto-replay.test.ts, test/validators/visibility-moto.test.ts).

Usage: python3 replay.py ENDPOINT_URL < plan.json

The plan is {"deployments": [{"name": ..., "steps": [...]}, ...]}. Each deployment starts from an
empty moto (its state is reset before it). Each step is one API call as CloudFormation would make it,
with every intrinsic already resolved, and names its Region; a step that fails is recorded with its
error code and message and the deployment goes on, so one run reports every outcome. Calls that
configure something read it back.

Prints {"deployments": [{"name": ..., "results": [{"op": ..., "ok": true, "readBack": ...} |
{"op": ..., "ok": false, "code": ..., "message": ...}, ...]}]}, one result per step, in order.
Exits non-zero only when the run itself breaks (bad input, moto unreachable).
"""

import json
import sys
import urllib.request

import boto3
import botocore.config
import botocore.exceptions

CONFIG = botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1})


def main() -> None:
    endpoint = sys.argv[1]
    plan = json.load(sys.stdin)
    clients = {}

    def client(service, region):
        key = (service, region)
        if key not in clients:
            clients[key] = boto3.client(service, region_name=region, endpoint_url=endpoint, config=CONFIG,
                                        aws_access_key_id="testing", aws_secret_access_key="testing")
        return clients[key]

    output = []
    for deployment in plan["deployments"]:
        reset(endpoint)
        output.append({"name": deployment["name"], "results": [outcome(client, step) for step in deployment["steps"]]})
    json.dump({"deployments": output}, sys.stdout, default=str)


def reset(endpoint):
    """Empty moto's state, so that each deployment starts from nothing."""
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=30).read()


def outcome(client, step):
    try:
        return {"op": step["op"], "ok": True, "readBack": OPS[step["op"]](lambda service: client(service, step["region"]), step)}
    except botocore.exceptions.ClientError as e:
        error = e.response.get("Error", {})
        return {"op": step["op"], "ok": False, "code": error.get("Code"), "message": error.get("Message")}


def create_bucket(client, step):
    args = {"Bucket": step["bucket"]}
    if step["region"] != "us-east-1":
        args["CreateBucketConfiguration"] = {"LocationConstraint": step["region"]}
    client("s3").create_bucket(**args)
    return None


def put_bucket_policy(client, step):
    policy = step["policy"]
    client("s3").put_bucket_policy(Bucket=step["bucket"], Policy=policy if isinstance(policy, str) else json.dumps(policy))
    return None


def put_bucket_logging(client, step):
    enabled = {"TargetBucket": step["targetBucket"], "TargetPrefix": step["targetPrefix"]}
    if "targetObjectKeyFormat" in step:
        enabled["TargetObjectKeyFormat"] = step["targetObjectKeyFormat"]
    s3 = client("s3")
    s3.put_bucket_logging(Bucket=step["bucket"], BucketLoggingStatus={"LoggingEnabled": enabled})
    return s3.get_bucket_logging(Bucket=step["bucket"]).get("LoggingEnabled")


def create_log_group(client, step):
    logs = client("logs")
    logs.create_log_group(logGroupName=step["name"])
    logs.put_retention_policy(logGroupName=step["name"], retentionInDays=step["retentionInDays"])
    group = logs.describe_log_groups(logGroupNamePrefix=step["name"])["logGroups"][0]
    return {"arn": group["arn"], "retentionInDays": group.get("retentionInDays")}


def put_delivery_source(client, step):
    source = client("logs").put_delivery_source(name=step["name"], resourceArn=step["resourceArn"], logType=step["logType"])["deliverySource"]
    return {"logType": source["logType"], "resourceArns": source["resourceArns"]}


def put_delivery_destination(client, step):
    destination = client("logs").put_delivery_destination(
        name=step["name"], deliveryDestinationConfiguration={"destinationResourceArn": step["destinationResourceArn"]})["deliveryDestination"]
    return {"arn": destination["arn"], "destinationResourceArn": destination["deliveryDestinationConfiguration"]["destinationResourceArn"]}


def create_delivery(client, step):
    args = {"deliverySourceName": step["deliverySourceName"], "deliveryDestinationArn": step["deliveryDestinationArn"]}
    if "recordFields" in step:
        args["recordFields"] = step["recordFields"]
    return {"recordFields": client("logs").create_delivery(**args)["delivery"].get("recordFields")}


def create_trail(client, step):
    cloudtrail = client("cloudtrail")
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


OPS = {
    "createBucket": create_bucket,
    "putBucketPolicy": put_bucket_policy,
    "putBucketLogging": put_bucket_logging,
    "createLogGroup": create_log_group,
    "putDeliverySource": put_delivery_source,
    "putDeliveryDestination": put_delivery_destination,
    "createDelivery": create_delivery,
    "createTrail": create_trail,
}


if __name__ == "__main__":
    main()
