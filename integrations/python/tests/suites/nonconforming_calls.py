"""Calls that moto 5.2.1 answers against the documented contract (botocore 1.43.11), each in
its own test, beside tests whose calls conform."""

import io
import zipfile

import boto3
import pytest

REGION = "us-east-1"



def test_route53_zones():
    route53 = boto3.client("route53", region_name=REGION)
    zone_id = route53.create_hosted_zone(Name="example.com", CallerReference="ref-1")["HostedZone"]["Id"]
    # The caller's "/hostedzone/..." id: botocore strips the prefix before sending.
    route53.list_resource_record_sets(HostedZoneId=zone_id)
    # moto leaves out the required Marker.
    assert len(route53.list_hosted_zones()["HostedZones"]) == 1


def test_sqs_queue_conforms():
    sqs = boto3.client("sqs", region_name=REGION)
    url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="hello")


def test_lambda_function_url():
    iam = boto3.client("iam", region_name=REGION)
    role = iam.create_role(RoleName="fn", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("handler.py", "def handle(event, context):\n    return 1\n")
    fn = boto3.client("lambda", region_name=REGION)
    fn.create_function(FunctionName="fn", Runtime="python3.12", Role=role, Handler="handler.handle",
                       Code={"ZipFile": code.getvalue()})
    # moto answers InvokeMode "Buffered"; the enum is BUFFERED, RESPONSE_STREAM.
    fn.create_function_url_config(FunctionName="fn", AuthType="NONE")


def test_ssm_document():
    ssm = boto3.client("ssm", region_name=REGION)
    content = '{"schemaVersion": "2.2", "description": "d", "mainSteps": []}'
    # moto answers PlatformTypes ["Not Implemented (moto)"].
    ssm.create_document(Content=content, Name="docconform-doc", DocumentType="Command", DocumentFormat="JSON")


def test_s3_conforms():
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="docconform-bucket")
    s3.put_object(Bucket="docconform-bucket", Key="k", Body=b"v")
    assert s3.get_object(Bucket="docconform-bucket", Key="k")["Body"].read() == b"v"
