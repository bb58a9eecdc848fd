#!/usr/bin/env python3
"""Records boto3 traffic against moto's server mode as a HAR 1.2 file, with botocore's own
view of the same calls beside it (docconform records of the parameters it sent, the responses
it parsed and the error responses it raised, as `ClientError.response` less ResponseMetadata,
with direction `error`), so wire-level validation can be compared with the parsed path.

    python3 scripts/wire/record_moto_har.py OUT.har PARSED.jsonl
    python3 scripts/wire/record_moto_har.py --cut-model MODEL.json PARSED.jsonl OUT.json
        # a docconform model (`docconform parse` of the services' botocore data) cut to the
        # operations PARSED.jsonl names: the capture's fixture model

Needs boto3 and moto[server] (moto 5.2.1 was used); binds 127.0.0.1 only.
"""
import base64
import datetime
import json
import socket
import sys

import boto3
import botocore
from botocore.config import Config
from moto.server import ThreadedMotoServer


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def plain(value):
    """botocore's parsed values as docconform payload JSON."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    if hasattr(value, "read"):
        return None
    return value


class Recorder:
    def __init__(self):
        self.entries = []
        self.parsed = []

    def attach(self, client):
        events = client.meta.events
        events.register("before-parameter-build", self.on_params)
        events.register("before-send", self.on_send)
        events.register("response-received", self.on_response)

    def on_params(self, params, model, context, **_):
        context["docconform_params"] = plain(params)
        context["docconform_operation"] = (model.service_model.service_name, model.name)

    def on_send(self, request, **_):
        body = request.body
        if hasattr(body, "read"):
            pos = body.tell()
            data = body.read()
            body.seek(pos)
            body = data
        if isinstance(body, str):
            body = body.encode()
        body = body or b""
        entry = {
            "startedDateTime": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "time": 0,
            "request": {
                "method": request.method,
                "url": request.url,
                "httpVersion": "HTTP/1.1",
                "headers": [{"name": k, "value": v.decode() if isinstance(v, bytes) else v} for k, v in request.headers.items()],
                "queryString": [],
                "cookies": [],
                "headersSize": -1,
                "bodySize": len(body),
            },
            "cache": {},
            "timings": {"send": 0, "wait": 0, "receive": 0},
        }
        if body:
            try:
                text, enc = body.decode("utf-8"), None
            except UnicodeDecodeError:
                text, enc = base64.b64encode(body).decode(), "base64"
            post = {"mimeType": request.headers.get("Content-Type", "") or "", "text": text}
            if isinstance(post["mimeType"], bytes):
                post["mimeType"] = post["mimeType"].decode()
            if enc:
                post["_encoding"] = enc
            entry["request"]["postData"] = post
        self.current = entry

    def on_response(self, response_dict, parsed_response, context, exception, **_):
        if response_dict is None:
            return
        entry = self.current
        body = response_dict.get("body") or b""
        if hasattr(body, "read"):
            body = b""
        try:
            text, enc = body.decode("utf-8"), None
        except UnicodeDecodeError:
            text, enc = base64.b64encode(body).decode(), "base64"
        content = {"size": len(body), "mimeType": response_dict["headers"].get("Content-Type", ""), "text": text}
        if enc:
            content["encoding"] = enc
        entry["response"] = {
            "status": response_dict["status_code"],
            "statusText": "",
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in response_dict["headers"].items()],
            "cookies": [],
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(body),
        }
        self.entries.append(entry)
        service, op = context["docconform_operation"]
        n = len(self.entries) - 1
        self.parsed.append({"id": f"entries[{n}].request", "service": service, "operation": op, "direction": "request",
                            "payload": context.get("docconform_params", {})})
        if parsed_response is not None:
            # botocore raises ClientError from 300 on, its parsed response being the error's.
            direction = "response" if response_dict["status_code"] < 300 else "error"
            self.parsed.append({"id": f"entries[{n}].response", "service": service, "operation": op, "direction": direction,
                                "payload": plain(parsed_response)})


def cut_model(model_path, used, out_path):
    """A docconform model cut to the operations `used` names ({service: {operation}}): those
    services, those operations, every error shape of theirs (any error code a service defines
    must be recognised), and the shape definitions all these reach through {"ref": NAME}."""
    model = json.load(open(model_path))
    model["services"] = {name: s for name, s in model["services"].items() if name in used}
    for name, s in model["services"].items():
        s["operations"] = {k: v for k, v in s["operations"].items() if k in used[name]}
        shapes, todo, kept = s.get("shapes", {}), [s["operations"], s.get("errorShapes", {})], {}
        while todo:
            node = todo.pop()
            if isinstance(node, dict):
                ref = node.get("ref")
                if isinstance(ref, str) and ref in shapes and ref not in kept:
                    kept[ref] = shapes[ref]
                    todo.append(shapes[ref])
                todo.extend(node.values())
            elif isinstance(node, list):
                todo.extend(node)
        if "shapes" in s:
            s["shapes"] = {k: v for k, v in shapes.items() if k in kept}
    with open(out_path, "w") as f:
        json.dump(model, f, separators=(",", ":"))


def drive(make, rec):
    def call(client, op, **kw):
        try:
            return getattr(client, op)(**kw)
        except botocore.exceptions.ClientError:
            return None

    ec2 = make("ec2")
    vpc = call(ec2, "create_vpc", CidrBlock="10.0.0.0/16")
    vpc_id = vpc["Vpc"]["VpcId"] if vpc else "vpc-0"
    call(ec2, "describe_vpcs")
    subnet = call(ec2, "create_subnet", VpcId=vpc_id, CidrBlock="10.0.1.0/24")
    call(ec2, "describe_subnets")
    sg = call(ec2, "create_security_group", GroupName="g", Description="d", VpcId=vpc_id)
    call(ec2, "describe_security_groups")
    call(ec2, "run_instances", ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t2.micro",
         TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "env", "Value": "test"}]}])
    call(ec2, "describe_instances")
    call(ec2, "describe_instances", InstanceIds=["i-00000000000000000"])
    call(ec2, "describe_key_pairs")
    call(ec2, "create_key_pair", KeyName="k")
    call(ec2, "describe_availability_zones")
    call(ec2, "describe_regions")
    call(ec2, "describe_volumes")

    sns = make("sns")
    topic = call(sns, "create_topic", Name="t", Tags=[{"Key": "a", "Value": "b"}])
    call(sns, "list_topics")
    if topic:
        call(sns, "get_topic_attributes", TopicArn=topic["TopicArn"])
        call(sns, "publish", TopicArn=topic["TopicArn"], Message="hi", MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}})
        call(sns, "list_tags_for_resource", ResourceArn=topic["TopicArn"])
    call(sns, "get_topic_attributes", TopicArn="arn:aws:sns:us-east-1:123456789012:missing")

    iam = make("iam")
    call(iam, "create_user", UserName="u", Tags=[{"Key": "a", "Value": "b"}])
    call(iam, "list_users")
    call(iam, "get_user", UserName="u")
    call(iam, "get_user", UserName="nobody")
    call(iam, "create_role", RoleName="r", AssumeRolePolicyDocument="{}")
    call(iam, "list_roles")

    s3 = make("s3")
    call(s3, "create_bucket", Bucket="bucket-one")
    call(s3, "put_object", Bucket="bucket-one", Key="dir/a.txt", Body=b"hello", Metadata={"k": "v"})
    call(s3, "list_buckets")
    call(s3, "list_objects_v2", Bucket="bucket-one")
    call(s3, "list_objects", Bucket="bucket-one")
    call(s3, "get_object", Bucket="bucket-one", Key="dir/a.txt")
    call(s3, "head_object", Bucket="bucket-one", Key="dir/a.txt")
    call(s3, "get_object", Bucket="bucket-one", Key="missing")
    call(s3, "put_bucket_tagging", Bucket="bucket-one", Tagging={"TagSet": [{"Key": "a", "Value": "b"}]})
    call(s3, "get_bucket_tagging", Bucket="bucket-one")
    call(s3, "get_bucket_location", Bucket="bucket-one")
    call(s3, "get_bucket_versioning", Bucket="bucket-one")
    call(s3, "get_bucket_policy", Bucket="bucket-one")
    call(s3, "delete_object", Bucket="bucket-one", Key="dir/a.txt")

    r53 = make("route53")
    zone = call(r53, "create_hosted_zone", Name="example.com", CallerReference="1")
    call(r53, "list_hosted_zones")
    if zone:
        zid = zone["HostedZone"]["Id"].split("/")[-1]
        call(r53, "get_hosted_zone", Id=zid)
        call(r53, "list_resource_record_sets", HostedZoneId=zid)
    call(r53, "get_hosted_zone", Id="ZNOTTHERE")

    ddb = make("dynamodb")
    call(ddb, "create_table", TableName="t", KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
         AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    call(ddb, "put_item", TableName="t", Item={"k": {"S": "1"}, "n": {"N": "2"}, "m": {"M": {"x": {"L": [{"S": "y"}]}}}})
    call(ddb, "get_item", TableName="t", Key={"k": {"S": "1"}})
    call(ddb, "scan", TableName="t")
    call(ddb, "describe_table", TableName="t")
    call(ddb, "describe_table", TableName="missing")
    call(ddb, "list_tables")

    kms = make("kms")
    key = call(kms, "create_key", Description="k")
    call(kms, "list_keys")
    if key:
        call(kms, "describe_key", KeyId=key["KeyMetadata"]["KeyId"])
        call(kms, "list_grants", KeyId=key["KeyMetadata"]["KeyId"])
    call(kms, "describe_key", KeyId="alias/missing")

    sm = make("secretsmanager")
    call(sm, "create_secret", Name="s", SecretString="v")
    call(sm, "get_secret_value", SecretId="s")
    call(sm, "list_secrets")
    call(sm, "describe_secret", SecretId="s")
    call(sm, "list_secret_version_ids", SecretId="s")
    call(sm, "get_secret_value", SecretId="missing")

    lam = make("lambda")
    call(lam, "list_functions")
    call(lam, "get_function", FunctionName="missing")
    call(lam, "list_layers")

    apigw = make("apigateway")
    api = call(apigw, "create_rest_api", name="api")
    call(apigw, "get_rest_apis")
    if api:
        call(apigw, "get_resources", restApiId=api["id"])
    call(apigw, "get_rest_api", restApiId="missing")


def main():
    if sys.argv[1] == "--cut-model":
        used = {}
        for line in open(sys.argv[3]):
            r = json.loads(line)
            used.setdefault(r["service"], set()).add(r["operation"])
        cut_model(sys.argv[2], used, sys.argv[4])
        return
    out_har, out_parsed = sys.argv[1], sys.argv[2]
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    rec = Recorder()
    try:
        session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")

        def make(name):
            c = session.client(name, endpoint_url=f"http://127.0.0.1:{port}", config=Config(retries={"max_attempts": 1}))
            rec.attach(c)
            return c

        drive(make, rec)
    finally:
        server.stop()
    har = {"log": {"version": "1.2", "creator": {"name": "docconform record_moto_har.py", "version": "1"},
                   "entries": rec.entries}}
    with open(out_har, "w") as f:
        json.dump(har, f, indent=1)
    with open(out_parsed, "w") as f:
        for r in rec.parsed:
            f.write(json.dumps(r, default=str) + "\n")
    print(f"{len(rec.entries)} exchanges, {len(rec.parsed)} parsed records, boto3 {boto3.__version__}, botocore {botocore.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
