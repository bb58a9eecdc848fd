"""Calls across several services that moto 5.2.1 answers as documented (botocore 1.43.11)."""

import datetime
import io
import json

import boto3
import pytest

REGION = "us-east-1"



def test_s3_objects():
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="docconform-bucket")
    s3.put_object(Bucket="docconform-bucket", Key="a.txt", Body=b"hello",
                  Expires=datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc), Metadata={"k": "v"})
    s3.put_object(Bucket="docconform-bucket", Key="b.txt", Body=io.BytesIO(b"from a file"))
    got = s3.get_object(Bucket="docconform-bucket", Key="a.txt")
    assert got["Body"].read() == b"hello"  # the body is still the caller's
    listed = s3.list_objects_v2(Bucket="docconform-bucket")
    assert [o["Key"] for o in listed["Contents"]] == ["a.txt", "b.txt"]
    s3.delete_object(Bucket="docconform-bucket", Key="a.txt")


def test_sqs_messages():
    sqs = boto3.client("sqs", region_name=REGION)
    url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"job": 1}),
                     MessageAttributes={"kind": {"DataType": "Binary", "BinaryValue": b"\x00\x01"}})
    messages = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"])["Messages"]
    assert json.loads(messages[0]["Body"]) == {"job": 1}


def test_sns_topics():
    sns = boto3.client("sns", region_name=REGION)
    arn = sns.create_topic(Name="events")["TopicArn"]
    sns.publish(TopicArn=arn, Message="hello")
    assert arn in [t["TopicArn"] for t in sns.list_topics()["Topics"]]


def test_iam_role_policy_document():
    iam = boto3.client("iam", region_name=REGION)
    policy = {"Version": "2012-10-17", "Statement": []}
    iam.create_role(RoleName="worker", AssumeRolePolicyDocument=json.dumps(policy))
    # botocore hands the caller a dict; the wire (and the model) has a string.
    assert iam.get_role(RoleName="worker")["Role"]["AssumeRolePolicyDocument"] == policy


def test_kms_and_secrets():
    kms = boto3.client("kms", region_name=REGION)
    key = kms.create_key(Description="docconform")["KeyMetadata"]["KeyId"]
    blob = kms.encrypt(KeyId=key, Plaintext=b"secret")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"secret"
    secrets = boto3.client("secretsmanager", region_name=REGION)
    secrets.create_secret(Name="db-password", SecretString="hunter2")
    assert secrets.get_secret_value(SecretId="db-password")["SecretString"] == "hunter2"


def test_ssm_parameters_and_identity():
    ssm = boto3.client("ssm", region_name=REGION)
    ssm.put_parameter(Name="/app/flag", Value="on", Type="String")
    assert ssm.get_parameter(Name="/app/flag")["Parameter"]["Value"] == "on"
    assert boto3.client("sts", region_name=REGION).get_caller_identity()["Account"]


def test_error_responses():
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="docconform-bucket")
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket="docconform-bucket", Key="missing")
    sqs = boto3.client("sqs", region_name=REGION)  # a query-compatible JSON service
    with pytest.raises(sqs.exceptions.QueueDoesNotExist):
        sqs.get_queue_url(QueueName="missing")
    iam = boto3.client("iam", region_name=REGION)  # wire code NoSuchEntity, shape NoSuchEntityException
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_role(RoleName="missing")
    ssm = boto3.client("ssm", region_name=REGION)
    with pytest.raises(ssm.exceptions.ParameterNotFound):
        ssm.get_parameter(Name="/missing")
