#!/usr/bin/env python3
"""Real-shaped placebo recordings from moto, and an independent check of what docconform says
about them.

    placebo_moto_corpus.py record OUT_DIR          # record (needs placebo: a venv, see below); OUT_DIR.manifest.json
    placebo_moto_corpus.py check OUT_DIR RESULTS   # compare `docconform validate --format json` output
    placebo_moto_corpus.py run WORKDIR [DOCCONFORM] # both, with docconform in between

`record` runs boto3 clients against moto's in-process mock (moto 5.x, installed system-wide)
with a placebo pill attached in record mode, so every response is written exactly as placebo
writes it: `<endpoint prefix>.<Operation>_<n>.json` holding botocore's parsed response, with
datetimes and streaming bodies as placebo's tagged objects and error responses beside plain
ones. Per service it calls every operation that needs no input, every read or delete operation
with made-up identifiers (most answer with the service's not-found error) and a few create /
describe scenarios that give responses with content. The pill's own hook is wrapped to note,
for each file, the service and operation that really made it (the manifest): the truth the
check holds docconform's name resolution to.

`check` reads each recording with an independent checker written from botocore's models
(botocore.model shapes, Python's `regex` for patterns; no code shared with docconform) and
compares issue by issue (code and path) with docconform's results: every issue docconform
reports must be one the checker finds, no record may go unchecked for want of a name, and the
service and operation docconform chose must be the ones that made the recording.

Set-up (placebo is not installed system-wide):
    python3 -m venv --system-site-packages .venv-placebo
    .venv-placebo/bin/pip install placebo==0.10.0
    .venv-placebo/bin/python scripts/checks/placebo_moto_corpus.py run /tmp/placebo-moto .build/release/docconform
"""
import base64
import contextlib
import datetime
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

import botocore
import botocore.session

BOTOCORE_DATA = os.path.join(os.path.dirname(botocore.__file__), "data")

# ------------------------------------------------------------------------------------------
# recording


def _dummy(shape, name):
    """A made-up value for a required input member, or None when there is no simple one."""
    t = shape.type_name
    if t == "string":
        if shape.enum:
            return shape.enum[0]
        lo = shape.metadata.get("min", 1) or 1
        hi = shape.metadata.get("max", 64)
        v = "nonexistent-" + name.lower()
        if "arn" in name.lower():
            v = "arn:aws:%s:us-east-1:123456789012:thing/nonexistent" % "svc"
        while len(v) < lo:
            v += "x"
        return v[:hi] if hi else v
    if t in ("integer", "long"):
        return max(int(shape.metadata.get("min", 1)), 1)
    if t == "boolean":
        return False
    if t == "list" and shape.member.type_name == "string":
        m = _dummy(shape.member, name)
        return [m] if m is not None else None
    return None


def _scenarios(session):
    """Create-then-read calls that give responses with content (datetimes, nested lists)."""
    def c(name):
        return session.client(name, region_name="us-east-1")
    steps = [
        lambda: c("ec2").run_instances(ImageId="ami-12c6146b", MinCount=2, MaxCount=2),
        lambda: c("ec2").describe_instances(),
        lambda: c("ec2").create_volume(Size=8, AvailabilityZone="us-east-1a"),
        lambda: c("ec2").describe_volumes(),
        lambda: c("ec2").describe_addresses(AllocationIds=["eipalloc-12345678"]),
        lambda: c("s3").create_bucket(Bucket="placebo-bucket"),
        lambda: c("s3").put_object(Bucket="placebo-bucket", Key="k", Body=b"hello"),
        lambda: c("s3").list_objects_v2(Bucket="placebo-bucket"),
        lambda: c("s3").get_object(Bucket="placebo-bucket", Key="k"),
        lambda: c("s3").head_object(Bucket="placebo-bucket", Key="missing"),
        lambda: c("dynamodb").create_table(TableName="t", KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                                           AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                                           BillingMode="PAY_PER_REQUEST"),
        lambda: c("dynamodb").describe_table(TableName="t"),
        lambda: c("dynamodb").put_item(TableName="t", Item={"k": {"S": "a"}, "n": {"N": "1"}}),
        lambda: c("dynamodb").get_item(TableName="t", Key={"k": {"S": "a"}}),
        lambda: c("sqs").create_queue(QueueName="q"),
        lambda: c("sqs").get_queue_attributes(QueueUrl="https://sqs.us-east-1.amazonaws.com/123456789012/q", AttributeNames=["All"]),
        lambda: c("iam").create_user(UserName="u"),
        lambda: c("iam").get_user(UserName="u"),
        lambda: c("iam").get_user(UserName="nobody"),
        lambda: c("elb").create_load_balancer(LoadBalancerName="classic", AvailabilityZones=["us-east-1a"],
                                              Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 80}]),
        lambda: c("elb").describe_load_balancers(),
        lambda: c("elbv2").create_load_balancer(Name="app", Subnets=_subnets(c("ec2"))),
        lambda: c("elbv2").describe_load_balancers(),
        lambda: c("apigateway").create_rest_api(name="r", tags={"a": "b"}),
        lambda: c("apigateway").get_rest_apis(),
        lambda: c("apigatewayv2").create_api(Name="h", ProtocolType="HTTP", Tags={"a": "b"}),
        lambda: c("apigatewayv2").get_apis(),
        lambda: c("rds").create_db_cluster(DBClusterIdentifier="c1", Engine="aurora-postgresql", MasterUsername="u",
                                           MasterUserPassword="password1"),
        lambda: c("rds").describe_db_clusters(),
        lambda: c("docdb").describe_db_clusters(),
        lambda: c("neptune").describe_db_clusters(),
        lambda: c("ecr").create_repository(repositoryName="repo"),
        lambda: c("ecr").describe_repositories(),
        lambda: c("ecr").get_repository_policy(repositoryName="repo"),
        lambda: c("logs").create_log_group(logGroupName="g"),
        lambda: c("logs").create_log_stream(logGroupName="g", logStreamName="s"),
        lambda: c("logs").put_log_events(logGroupName="g", logStreamName="s", logEvents=[{"timestamp": 1700000000000, "message": "m"}]),
        lambda: c("logs").get_log_events(logGroupName="g", logStreamName="s"),
        lambda: c("stepfunctions").create_state_machine(name="sm", definition='{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}',
                                                        roleArn="arn:aws:iam::123456789012:role/r"),
        lambda: c("stepfunctions").list_state_machines(),
        lambda: c("stepfunctions").start_execution(stateMachineArn="arn:aws:states:us-east-1:123456789012:stateMachine:sm"),
        lambda: c("kinesis").create_stream(StreamName="st", ShardCount=1),
        lambda: c("kinesis").describe_stream(StreamName="st"),
        lambda: c("secretsmanager").create_secret(Name="sec", SecretString="v"),
        lambda: c("secretsmanager").describe_secret(SecretId="sec"),
        lambda: c("ssm").put_parameter(Name="p", Value="v", Type="String"),
        lambda: c("ssm").get_parameter(Name="p"),
        lambda: c("kms").create_key(),
        lambda: c("kms").list_keys(),
        lambda: c("efs").create_file_system(CreationToken="tok", Tags=[{"Key": "Name", "Value": "f"}]),
        lambda: c("efs").describe_file_systems(),
        lambda: c("timestream-write").create_database(DatabaseName="db"),
        lambda: c("timestream-write").describe_database(DatabaseName="db"),
        lambda: c("timestream-write").describe_endpoints(),
        lambda: c("timestream-query").describe_endpoints(),
        lambda: c("ses").verify_email_identity(EmailAddress="a@example.com"),
        lambda: c("ses").list_identities(),
        lambda: c("sesv2").create_email_identity(EmailIdentity="b@example.com"),
        lambda: c("sesv2").list_email_identities(),
        lambda: c("ses").send_email(Source="a@example.com", Destination={"ToAddresses": ["x@example.com"]},
                                    Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}),
        lambda: c("sesv2").send_email(FromEmailAddress="b@example.com", Destination={"ToAddresses": ["x@example.com"]},
                                      Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}}),
        lambda: c("sns").create_topic(Name="topic"),
        lambda: c("sns").list_topics(),
        lambda: c("cloudwatch").put_metric_data(Namespace="n", MetricData=[{"MetricName": "m", "Value": 1.0}]),
        lambda: c("cloudwatch").list_metrics(),
        lambda: c("events").put_rule(Name="rule", ScheduleExpression="rate(5 minutes)"),
        lambda: c("events").list_rules(),
        lambda: c("resourcegroupstaggingapi").get_resources(),
        lambda: c("sagemaker").list_notebook_instances(),
        lambda: c("sagemaker").describe_notebook_instance(NotebookInstanceName="missing"),
        lambda: c("kinesisanalyticsv2").list_applications(),
        lambda: c("es").list_domain_names(),
        lambda: c("opensearch").list_domain_names(),
        lambda: c("route53").create_hosted_zone(Name="example.com", CallerReference="ref"),
        lambda: c("route53").list_hosted_zones(),
        lambda: c("cloudformation").list_stacks(),
        lambda: c("autoscaling").describe_auto_scaling_groups(),
        lambda: c("lambda").list_functions(),
        lambda: c("lambda").get_function(FunctionName="missing"),
        lambda: c("sts").get_caller_identity(),
    ]
    return steps


def _subnets(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
    return [a, b]


# Operations that would start real work in moto (containers, long waits) or stream events.
SKIP_OPERATIONS = {"Invoke", "InvokeAsync", "InvokeWithResponseStream", "StartQuery", "GetMedia", "Subscribe"}


def record(out, manifest_path):
    import moto
    import placebo

    os.makedirs(out, exist_ok=True)
    for k, v in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
                 "AWS_DEFAULT_REGION": "us-east-1"}.items():
        os.environ[k] = v
    manifest = {}
    import boto3
    from moto.backends import SERVICE_NAMES
    import typing
    moto_names = {str(a.__forward_arg__ if hasattr(a, "__forward_arg__") else a).split("'")[1] for a in typing.get_args(SERVICE_NAMES)}
    session_core = botocore.session.get_session()
    available = set(session_core.get_available_services())
    # moto's backend names that are boto3 clients, plus services moto answers under another backend
    services = sorted((moto_names | {"docdb", "neptune", "timestream-query", "sesv2", "kinesisanalytics",
                                     "resourcegroupstaggingapi", "sso", "dynamodbstreams"}) & available)
    with moto.mock_aws():
        session = boto3.Session(region_name="us-east-1")
        pill = placebo.attach(session, data_path=out)
        original = pill._record_data

        def noting(http_response, parsed, model, **kwargs):
            before = set(os.listdir(out))
            with contextlib.redirect_stdout(io.StringIO()):  # placebo 0.10 prints each object it serializes
                original(http_response, parsed, model, **kwargs)
            for f in set(os.listdir(out)) - before:
                manifest[f] = {"service": model.service_model.service_name, "operation": model.name,
                               "status": http_response.status_code}

        pill._record_data = noting
        pill.record()
        calls = Counter()
        for step in _scenarios(session):
            try:
                step()
                calls["scenario ok"] += 1
            except Exception:
                calls["scenario error"] += 1
        for name in services:
            try:
                client = session.client(name, region_name="us-east-1")
            except Exception:
                continue
            model = client.meta.service_model
            done = 0
            for op_name in model.operation_names:
                if done >= 40 or op_name in SKIP_OPERATIONS:
                    continue
                op = model.operation_model(op_name)
                if op.has_event_stream_output or op.has_streaming_input:
                    continue
                params = {}
                inp = op.input_shape
                if inp is not None:
                    ok = True
                    for req in inp.required_members:
                        v = _dummy(inp.members[req], req)
                        if v is None:
                            ok = False
                            break
                        params[req] = v
                    if not ok:
                        continue
                    if inp.required_members and not re.match(r"(Get|Describe|Delete|List|Head)", op_name):
                        continue
                method = botocore.xform_name(op_name)
                try:
                    getattr(client, method)(**params)
                    calls["ok"] += 1
                except Exception:
                    calls["error"] += 1
                done += 1
        pill.stop()
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    statuses = Counter("error" if m["status"] >= 300 else "ok" for m in manifest.values())
    print("recorded %d responses (%d error responses) from %d services; calls: %s"
          % (len(manifest), statuses["error"], len({m["service"] for m in manifest.values()}), dict(calls)))


# ------------------------------------------------------------------------------------------
# the independent checker


COMMON_ERRORS = {  # AWS API Reference "Common Errors" (both versions) and botocore's standard-retry codes
    "AccessDeniedException", "ExpiredTokenException", "IncompleteSignature", "InternalFailure",
    "MalformedHttpRequestException", "NotAuthorized", "OptInRequired", "RequestAbortedException",
    "RequestEntityTooLargeException", "RequestExpired", "RequestTimeoutException", "ServiceUnavailable",
    "ThrottlingException", "UnrecognizedClientException", "UnknownOperationException", "ValidationError",
    "InvalidAction", "InvalidClientTokenId", "InvalidParameterCombination", "InvalidParameterValue",
    "InvalidQueryParameter", "MalformedQueryString", "MissingAction", "MissingAuthenticationToken",
    "MissingParameter", "Throttling",
    "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
    "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
    "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException", "RequestTimeout",
}

JAVA_POSIX = {  # Java's POSIX classes are US-ASCII
    "Lower": "a-z", "Upper": "A-Z", "ASCII": "\\x00-\\x7f", "Alpha": "a-zA-Z", "Digit": "0-9", "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@\\[-`{-~", "Graph": "!-~", "Print": " -~", "Blank": " \\t", "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F", "Space": " \\t\\n\\x0b\\f\\r",
}
_pattern_cache = {}


def java_pattern(p):
    """Java regex → Python `regex` (Unicode properties native); None when it cannot be translated."""
    if p in _pattern_cache:
        return _pattern_cache[p]
    import regex
    q = re.sub(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})",
               lambda m: "\\U%08x" % (0x10000 + ((int(m.group(1), 16) - 0xD800) << 10) + (int(m.group(2), 16) - 0xDC00)), p, flags=re.I)
    q = re.sub(r"\\p\{(?:Is)?(%s)\}" % "|".join(JAVA_POSIX), lambda m: "[" + JAVA_POSIX[m.group(1)] + "]", q)
    q = q.replace("\\z", "\\Z__").replace("\\Z", "(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?\\Z)").replace("\\Z__", "\\Z")
    try:
        compiled = regex.compile(q, regex.ASCII | regex.VERSION0) if "\\p" not in q else regex.compile(q, regex.VERSION0)
    except Exception:
        compiled = None
    _pattern_cache[p] = compiled
    return compiled


RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def _path(parent, member):
    return member if not parent else parent + "." + member


class Checker:
    def __init__(self):
        self.issues = []
        self.undecided = 0

    def add(self, code, path):
        self.issues.append((code, path))

    def value(self, shape, v, path, placebo):
        t = shape.type_name
        if t == "structure":
            if shape.is_document_type:
                return self.document(v, path)
            if not isinstance(v, dict):
                return self.add("type", path)
            self.structure(shape, v, path, placebo)
        elif t == "list":
            if not isinstance(v, list):
                return self.add("type", path)
            for i, item in enumerate(v):
                if item is None:
                    self.add("type", "%s[%d]" % (path, i))
                else:
                    self.value(shape.member, item, "%s[%d]" % (path, i), placebo)
            self.bounds_length(shape, len(v), path)
        elif t == "map":
            if not isinstance(v, dict):
                return self.add("type", path)
            for k, item in v.items():
                p = "%s[%s]" % (path, json.dumps(k, ensure_ascii=False))
                self.string(shape.key, k, p)
                if item is None:
                    self.add("type", p)
                else:
                    self.value(shape.value, item, p, placebo)
            self.bounds_length(shape, len(v), path)
        elif t == "string":
            if not isinstance(v, str):
                return self.add("type", path)
            self.string(shape, v, path)
        elif t in ("integer", "long"):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or (isinstance(v, float) and v != int(v)):
                return self.add("type", path)
            lo = shape.metadata.get("min", -2**31 if t == "integer" else -2**63)
            hi = shape.metadata.get("max", 2**31 - 1 if t == "integer" else 2**63 - 1)
            if not lo <= v <= hi:
                self.add("range", path)
        elif t in ("float", "double"):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                return self.add("type", path)
            if ("min" in shape.metadata and v < shape.metadata["min"]) or ("max" in shape.metadata and v > shape.metadata["max"]):
                self.add("range", path)
        elif t == "boolean":
            if not isinstance(v, bool):
                self.add("type", path)
        elif t == "timestamp":
            if placebo and isinstance(v, dict) and isinstance(v.get("__class__"), str):
                if v["__class__"] != "datetime":
                    return self.add("type", path)
                fields = {k: x for k, x in v.items() if k not in ("__class__", "__module__")}
                try:
                    assert all(isinstance(x, int) and not isinstance(x, bool) for x in fields.values())
                    datetime.datetime(**fields)
                except Exception:
                    self.add("malformed", path)
            elif isinstance(v, str):
                m = RFC3339.match(v)
                if not m:
                    return self.add("type", path)
                try:
                    datetime.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)),
                                      min(int(m.group(6)), 59))
                except ValueError:
                    self.add("type", path)
            elif isinstance(v, bool) or not isinstance(v, (int, float)):
                self.add("type", path)
        elif t == "blob":
            if placebo and isinstance(v, dict) and isinstance(v.get("__class__"), str):
                if v["__class__"] != "StreamingBody":
                    return self.add("type", path)
                if not isinstance(v.get("body"), str):
                    self.add("malformed", path)
            elif isinstance(v, str):
                try:
                    if len(v) % 4:
                        raise ValueError
                    raw = base64.b64decode(v, validate=True)
                except Exception:
                    return self.add("type", path)
                self.bounds_length(shape, len(raw), path)
            else:
                self.add("type", path)

    def structure(self, shape, v, path, placebo, root=False, extra=()):
        members = shape.members
        seen = 0
        for k, item in v.items():
            if k in members:
                if item is None:
                    continue
                seen += 1
                self.value(members[k], item, _path(path, k), placebo)
            elif k in extra:
                continue
            elif not (root and placebo and k == "ResponseMetadata"):
                self.add("unknown", _path(path, k))
        for r in shape.required_members:
            if v.get(r) is None:
                self.add("required", _path(path, r))
        if shape.is_tagged_union and seen != 1:
            self.add("union", path)

    def document(self, v, path):
        pass  # any JSON; duplicate keys are found while loading

    def string(self, shape, v, path):
        if shape.enum and v not in shape.enum:
            self.add("enum", path)
        self.bounds_length(shape, len(v), path)
        p = shape.metadata.get("pattern")
        if p is not None:
            rx = java_pattern(p)
            if rx is None:
                self.undecided += 1
            elif rx.search(v) is None:
                self.add("pattern", path)

    def bounds_length(self, shape, n, path):
        if ("min" in shape.metadata and n < shape.metadata["min"]) or ("max" in shape.metadata and n > shape.metadata["max"]):
            self.add("length", path)


def _load_with_duplicates(text):
    duplicates = []

    def pairs(items, path=[""]):
        keys = [k for k, _ in items]
        if len(keys) != len(set(keys)):
            duplicates.append(keys)
        return dict(items)
    return json.loads(text, object_pairs_hook=pairs), duplicates


def _error_shape_for(service_model, op, code):
    """The error shape botocore reads a code into, the operation's own first (codes can be shared)."""
    for shapes in (op.error_shapes, service_model.error_shapes):
        for shape in shapes:
            if shape.error_code == code:
                return shape
        for shape in shapes:
            if shape.name == code:
                return shape
    return None


def check_recording(loader_cache, path, truth, service=None):
    """The independent reading of one recording as a response of `service` (by default the one
    that made it): (service, operation, direction, issues)."""
    with open(path, encoding="utf-8") as f:
        doc, duplicates = _load_with_duplicates(f.read())
    session = loader_cache["session"]
    service = service or truth["service"]
    if service not in loader_cache:
        loader_cache[service] = session.get_service_model(service)
    sm = loader_cache[service]
    op = sm.operation_model(truth["operation"])
    data = doc.get("data")
    status = doc.get("status_code")
    c = Checker()
    for _ in duplicates:
        c.add("duplicate", "?")
    output = op.output_shape
    is_error = (isinstance(status, int) and status >= 300) or (
        isinstance(data, dict) and isinstance(data.get("Error"), dict) and (output is None or "Error" not in output.members))
    if not is_error:
        if output is None:
            for k in (data or {}):
                if k != "ResponseMetadata":
                    c.add("unknown", k)
        else:
            c.structure(output, data, "", True, root=True)
        return service, op.name, "response", c
    err = data.get("Error") if isinstance(data, dict) else None
    shape = None
    if not isinstance(err, dict):
        c.add("required", "Error")
    else:
        code = err.get("Code")
        if code is None:
            c.add("required", "Error.Code")
        elif not isinstance(code, str):
            c.add("type", "Error.Code")
        elif code.isdigit():
            pass  # botocore's stand-in code (the HTTP status): not judged
        else:
            shape = _error_shape_for(sm, op, code)
            documented = {e.name for e in op.error_shapes} | {e.error_code for e in op.error_shapes if e.error_code}
            if code not in documented and code not in COMMON_ERRORS and (op.error_shapes or sm.error_shapes):
                c.add("undocumented-error", "Error.Code")
        if err.get("Message") is not None and not isinstance(err.get("Message"), str):
            c.add("type", "Error.Message")
    extra_members = {}
    if shape is not None:
        extra_members = shape.members
    for k, v in (data or {}).items():
        if k in ("Error", "ResponseMetadata") or v is None:
            continue
        if k in extra_members:
            c.value(extra_members[k], v, k, True)
        else:
            c.add("unknown", k)
    return service, op.name, "error", c


def check(out, manifest_path, results_path):
    with open(manifest_path) as f:
        manifest = json.load(f)
    with open(results_path) as f:
        results = json.load(f)["results"]
    by_file = {os.path.basename(r["file"]): r for r in results}
    cache = {"session": botocore.session.get_session()}
    figures = Counter()
    disagreements = []
    dc_codes, ind_codes = Counter(), Counter()
    for name, truth in sorted(manifest.items()):
        figures["recordings"] += 1
        r = by_file.get(name)
        if r is None:
            figures["not in docconform's results"] += 1
            disagreements.append((name, "no result"))
            continue
        path = os.path.join(out, name)
        service, operation, direction, c = check_recording(cache, path, truth)
        figures["error responses"] += direction == "error"
        if (r.get("service"), r.get("operation")) != (service, operation):
            # Placebo names a recording by endpoint prefix only: where several services share it and
            # have the operation, the recording can only be told apart by its content. Read it as
            # the service docconform chose too: the same verdict means the two are indistinguishable.
            _, _, chosen_direction, chosen = check_recording(cache, path, truth, service=r.get("service"))
            if Counter(chosen.issues) == Counter(c.issues) and chosen_direction == direction:
                figures["shared prefix, other service, same verdict (indistinguishable)"] += 1
            else:
                figures["shared prefix, other service, another verdict"] += 1
                disagreements.append((name, "resolved to %s.%s (issues %s), made by %s.%s (issues %s)"
                                      % (r.get("service"), r.get("operation"), sorted(chosen.issues), service, operation, sorted(c.issues))))
            service, direction, c = r.get("service"), chosen_direction, chosen
        else:
            figures["resolved to the service that made it"] += 1
        mine = Counter((e["code"], e["path"]) for e in r.get("errors", []))
        theirs = Counter(c.issues)
        figures["pattern checks the checker could not decide"] += c.undecided
        for code, _ in mine.elements():
            dc_codes[code] += 1
        for code, _ in theirs.elements():
            ind_codes[code] += 1
        if any(code in ("operation", "record") for code, _ in mine):
            figures["records unchecked for want of a name"] += 1
        extra = mine - theirs
        missing = theirs - mine
        figures["docconform issues"] += sum(mine.values())
        figures["independent issues"] += sum(theirs.values())
        figures["docconform issues the checker also finds"] += sum((mine & theirs).values())
        if extra:
            disagreements.append((name, "docconform only: %s" % sorted(extra.elements())))
        if missing:
            disagreements.append((name, "checker only: %s" % sorted(missing.elements())))
        figures["records docconform finds invalid"] += not r["valid"]
    print("figures:")
    for k, v in figures.items():
        print("  %-48s %d" % (k, v))
    print("issues by code, docconform:", dict(dc_codes))
    print("issues by code, independent checker:", dict(ind_codes))
    print("disagreements: %d" % len(disagreements))
    for name, what in disagreements[:60]:
        print("  %s: %s" % (name, what))
    return 1 if disagreements else 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "record":
        record(sys.argv[2], sys.argv[2].rstrip("/") + ".manifest.json")
    elif len(sys.argv) >= 4 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[2].rstrip("/") + ".manifest.json", sys.argv[3]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "run":
        work = sys.argv[2]
        binary = sys.argv[3] if len(sys.argv) > 3 else ".build/release/docconform"
        out = os.path.join(work, "recordings")
        manifest = out + ".manifest.json"
        if not os.path.exists(manifest):
            record(out, manifest)
        results = os.path.join(work, "results.json")
        # As the README documents it: the botocore data folder as the model, the recordings folder.
        run = subprocess.run([binary, "validate", "--model", BOTOCORE_DATA, out, "--format", "json", "-o", results, "--quiet"],
                             capture_output=True, text=True)
        print("docconform validate --model %s %s: exit %d" % (BOTOCORE_DATA, out, run.returncode))
        if run.stderr.strip():
            print(run.stderr.strip()[:3000])
        sys.exit(check(out, manifest, results))
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
