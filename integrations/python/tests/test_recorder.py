"""Where the recorder hooks into botocore, seen on real moto calls."""

import io
import json
import zipfile

import boto3
import botocore.handlers
import botocore.session
import pytest
from moto import mock_aws

from docconform import Recorder, Validator

REGION = "us-east-1"


@pytest.fixture
def recorded(aws_credentials):
    calls = []
    recorder = Recorder(calls.append)
    recorder.install()
    with mock_aws():
        yield calls
    recorder.uninstall()


def payloads(calls, operation, direction):
    return [c.record["payload"] for c in calls
            if c.record["operation"] == operation and c.record["direction"] == direction]


def test_requests_are_recorded_after_botocore_s_customisations(recorded):
    route53 = boto3.client("route53", region_name=REGION)
    zone_id = route53.create_hosted_zone(Name="example.com", CallerReference="r")["HostedZone"]["Id"]
    assert zone_id.startswith("/hostedzone/")
    route53.get_hosted_zone(Id=zone_id)
    # botocore's before-parameter-build handler strips the prefix; that is what is sent.
    assert payloads(recorded, "GetHostedZone", "request") == [{"Id": zone_id.removeprefix("/hostedzone/")}]
    # ...and fills in idempotency tokens the caller left out.
    boto3.client("secretsmanager", region_name=REGION).create_secret(Name="db", SecretString="x")
    (create,) = payloads(recorded, "CreateSecret", "request")
    assert len(create["ClientRequestToken"]) == 36


def test_responses_are_recorded_as_they_came_over_the_wire(recorded):
    iam = boto3.client("iam", region_name=REGION)
    policy = {"Version": "2012-10-17", "Statement": []}
    iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps(policy))
    role = iam.get_role(RoleName="r")["Role"]
    # The caller gets botocore's decoded dict; the wire, and the model, have a string.
    assert role["AssumeRolePolicyDocument"] == policy
    recorded_document = payloads(recorded, "GetRole", "response")[0]["Role"]["AssumeRolePolicyDocument"]
    assert isinstance(recorded_document, str)


def test_a_streaming_body_stays_the_caller_s(recorded):
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="bucket-one")
    s3.put_object(Bucket="bucket-one", Key="k", Body=b"payload bytes")
    got = s3.get_object(Bucket="bucket-one", Key="k")
    assert got["Body"].read() == b"payload bytes"
    response = payloads(recorded, "GetObject", "response")[0]
    assert response["Body"] == ""
    assert "ResponseMetadata" not in response
    assert response["LastModified"].endswith("Z")


def test_error_responses_are_recorded_as_errors(recorded):
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="bucket-one")
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket="bucket-one", Key="missing")
    (error,) = payloads(recorded, "GetObject", "error")
    assert error["Error"]["Code"] == "NoSuchKey"
    assert "ResponseMetadata" not in error


def test_a_call_reached_twice_is_recorded_once_with_the_caller_s_site(aws_credentials):
    calls = []
    recorder = Recorder(calls.append)
    recorder.install()
    try:
        with mock_aws():
            sqs = boto3.Session(region_name=REGION).client("sqs")
            recorder.attach(sqs)  # installed and attached: the handlers run twice per event
            sqs.list_queues()
    finally:
        recorder.uninstall()
    assert [c.record["direction"] for c in calls] == ["request", "response"]
    assert all("test_recorder.py:" in c.site and c.site.endswith("in test_a_call_reached_twice_is_recorded_once_with_the_caller_s_site")
               for c in calls)


def test_a_client_made_before_recording_is_attached_explicitly(aws_credentials):
    with mock_aws():
        client = botocore.session.get_session().create_client("sqs", region_name=REGION)
        calls = []
        recorder = Recorder(calls.append)
        client.list_queues()
        assert calls == []
        recorder.attach(client)
        client.list_queues()
        recorder.detach(client)
        client.list_queues()
        assert [c.record["direction"] for c in calls] == ["request", "response"]
    assert not any(spec[1].__self__ is recorder for spec in botocore.handlers.BUILTIN_HANDLERS
                   if hasattr(spec[1], "__self__"))


def test_the_validator_finds_moto_s_enum_departure(binary, model, aws_credentials):
    with Validator([model], binary=binary) as validator, mock_aws():
        fn = boto3.client("lambda", region_name=REGION)
        fn.list_functions()
        assert validator.findings() == []
        role = boto3.client("iam", region_name=REGION).create_role(
            RoleName="fn", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
        code = io.BytesIO()
        with zipfile.ZipFile(code, "w") as archive:
            archive.writestr("h.py", "def h(e, c):\n    return 1\n")
        fn.create_function(FunctionName="fn", Runtime="python3.12", Role=role, Handler="h.h",
                           Code={"ZipFile": code.getvalue()})
        fn.create_function_url_config(FunctionName="fn", AuthType="NONE")
        (finding,) = validator.findings()
        assert finding.call.title == "lambda.CreateFunctionUrlConfig response"
        assert finding.errors == [{"path": "InvokeMode", "code": "enum",
                                   "message": 'value "Buffered" is not one of BUFFERED, RESPONSE_STREAM'}]
        assert "test_recorder.py" in finding.call.site
    assert validator.counts["invalid"] == 1
