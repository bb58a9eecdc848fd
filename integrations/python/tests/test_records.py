"""Payloads converted by walking botocore's shapes (no docconform process needed)."""

import base64
import datetime
import io

import botocore.session
import pytest
from dateutil.tz import tzoffset

from docconform.records import OMITTED_EVENT_STREAM, record

SESSION = botocore.session.get_session()


def operation(service, name):
    return SESSION.get_service_model(service).operation_model(name)


def request(service, name, params):
    op = operation(service, name)
    return record(service, name, "request", params, op.input_shape)[0]["payload"]


def response(service, name, parsed, synthetic=()):
    op = operation(service, name)
    return record(service, name, "response", parsed, op.output_shape, synthetic)


def test_timestamps_become_rfc3339_strings():
    aware = datetime.datetime(2024, 5, 1, 12, 30, 15, 250000, tzinfo=tzoffset(None, 7200))
    utc = datetime.datetime(2024, 5, 1, 10, 30, 15, tzinfo=datetime.timezone.utc)
    payload, _ = response("s3", "HeadObject", {"LastModified": aware, "Expires": utc})
    assert payload["payload"]["LastModified"] == "2024-05-01T12:30:15.250000+02:00"
    assert payload["payload"]["Expires"] == "2024-05-01T10:30:15Z"


def test_request_timestamps_are_recorded_as_botocore_sends_them():
    # botocore accepts naive datetimes (as UTC), epoch numbers and ISO 8601 dates.
    assert request("s3", "PutObject", {"Bucket": "b", "Key": "k", "Expires": datetime.datetime(2030, 1, 2)})[
        "Expires"] == "2030-01-02T00:00:00Z"
    assert request("s3", "PutObject", {"Bucket": "b", "Key": "k", "Expires": 0})["Expires"] == "1970-01-01T00:00:00Z"
    assert request("s3", "PutObject", {"Bucket": "b", "Key": "k", "Expires": "2030-01-02"})[
        "Expires"] == "2030-01-02T00:00:00Z"
    # What botocore could not parse is left for the check to report.
    assert request("s3", "PutObject", {"Bucket": "b", "Key": "k", "Expires": "soon"})["Expires"] == "soon"


def test_blobs_become_base64_inside_maps_and_lists():
    payload = request("sqs", "SendMessage", {
        "QueueUrl": "u", "MessageBody": "m",
        "MessageAttributes": {
            "raw": {"DataType": "Binary", "BinaryValue": b"\x00\xff"},
            "text": {"DataType": "Binary", "BinaryValue": "é"},
            "many": {"DataType": "Binary", "BinaryListValues": [b"a", bytearray(b"b")]},
        }})
    attributes = payload["MessageAttributes"]
    assert attributes["raw"]["BinaryValue"] == base64.b64encode(b"\x00\xff").decode()
    assert attributes["text"]["BinaryValue"] == base64.b64encode("é".encode()).decode()
    assert attributes["many"]["BinaryListValues"] == ["YQ==", "Yg=="]


def test_streaming_bodies_are_never_read():
    body = io.BytesIO(b"the caller's bytes")
    body.seek(4)
    payload = request("s3", "PutObject", {"Bucket": "b", "Key": "k", "Body": body})
    assert payload["Body"] == ""
    assert body.tell() == 4 and body.read() == b"caller's bytes"


def test_a_bounded_blob_given_as_a_file_is_read_and_put_back():
    # kms Encrypt's Plaintext is a blob of 1 to 4096 bytes.
    body = io.BytesIO(b"abcdef")
    body.seek(2)
    payload = request("kms", "Encrypt", {"KeyId": "k", "Plaintext": body})
    assert payload["Plaintext"] == base64.b64encode(b"cdef").decode()
    assert body.tell() == 2


def test_event_streams_are_left_out_and_said_so():
    payload, omitted = response("s3", "SelectObjectContent", {"Payload": object()})
    assert payload["payload"] == {}
    assert omitted == [("Payload", OMITTED_EVENT_STREAM)]


def test_botocore_s_own_members_are_left_out_of_responses():
    parsed = {"ResponseMetadata": {"HTTPStatusCode": 200}, "ContentLength": 3, "ExpiresString": "soon"}
    payload, _ = response("s3", "HeadObject", parsed, synthetic=["ExpiresString"])
    assert payload["payload"] == {"ContentLength": 3}


def test_members_the_model_does_not_have_are_kept_for_the_check_to_report():
    when = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    payload, _ = response("sqs", "CreateQueue", {"QueueUrl": "u", "Extra": {"At": when, "Raw": b"x"}})
    assert payload["payload"]["Extra"] == {"At": "2024-01-01T00:00:00Z", "Raw": "eA=="}


def test_documents_pass_through():
    op = operation("bedrock-runtime", "Converse")
    shape = op.input_shape.members["additionalModelRequestFields"]
    assert shape.metadata.get("document")
    payload = request("bedrock-runtime", "Converse",
                      {"modelId": "m", "additionalModelRequestFields": {"top_k": 5, "nested": [1, {"a": None}]}})
    assert payload["additionalModelRequestFields"] == {"top_k": 5, "nested": [1, {"a": None}]}


@pytest.mark.parametrize("direction", ["response", "error"])
def test_response_metadata_is_dropped(direction):
    body = record("s3", "GetObject", direction, {"ResponseMetadata": {}, "Error": {"Code": "NoSuchKey"}}, None)[0]
    assert body["payload"] == {"Error": {"Code": "NoSuchKey"}}


def test_a_query_compatible_error_is_recorded_with_the_code_the_json_protocol_sends():
    # sqs: botocore takes Error.Code from the x-amzn-query-error header and keeps the body's
    # __type (the shape name the model documents) as QueryErrorCode.
    parsed = {"Error": {"Code": "AWS.SimpleQueueService.NonExistentQueue", "QueryErrorCode": "QueueDoesNotExist",
                        "Type": "Sender", "Message": "gone"}, "ResponseMetadata": {}}
    body = record("sqs", "GetQueueUrl", "error", parsed, None)[0]["payload"]
    assert body == {"Error": {"Code": "QueueDoesNotExist", "Type": "Sender", "Message": "gone"}}
