#!/usr/bin/env python3
"""A live session through `docconform proxy`: moto's server (in this process, its WSGI app
wrapped to keep exactly what it sent), the proxy in front of it, boto3 driven through the proxy
across ec2, query (sns, iam, sts, cloudformation, elb), rest-xml (s3, route53), json (dynamodb,
kms, secretsmanager, events, logs, sqs) and rest-json (lambda, apigateway) services, error
responses included. It checks, and exits 1 when one fails:

  1. every exchange is attributed to the service and operation boto3 called (botocore events);
  2. every exchange's results reached the proxy's output before boto3's next call;
  3. responses reach boto3 unchanged: status, body bytes and every header moto's app set are
     what botocore received, and botocore's parser reads moto's own bytes (without the proxy)
     to exactly what the client got through the proxy;
  4. the wire is a superset of the parsed path: every issue `docconform validate` finds in
     botocore's parsed records is found on the wire too (same id, code, path); the issues
     only the wire finds (members the model does not know, ...) are listed;
  5. the proxy stops on SIGINT with the validate exit rule, and its HAR file validates again
     to the results it streamed.

    python3 scripts/live/proxy_moto_session.py --docconform .build/debug/docconform --out DIR [--fixture DIR]

Needs boto3 and moto[server] (pinned in scripts/live/requirements.txt); binds 127.0.0.1 only.
"""
import argparse
import copy
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time

import boto3
import botocore
from botocore.config import Config
from botocore.awsrequest import AWSResponse, HeadersDict
from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "wire"))
import record_moto_har as wire  # noqa: E402  (the wire helper's recorder and calls, reused)
from session_calls import drive_more  # noqa: E402

SERVICES = ["ec2", "sns", "iam", "sts", "cloudformation", "elb", "s3", "route53", "dynamodb", "kms",
            "secretsmanager", "events", "logs", "sqs", "lambda", "apigateway"]
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "transfer-encoding"}
# Set by werkzeug around the app's value (it puts its own name before the app's Server).
SET_BY_THE_WSGI_SERVER = {"server"}


class MotoTap:
    """moto's WSGI app, keeping each response exactly as the app produced it."""

    def __init__(self):
        self.app = DomainDispatcherApplication(create_backend_app)
        self.sent = []

    def __call__(self, environ, start_response):
        kept = {}

        def start(status, headers, exc_info=None):
            kept["status"], kept["headers"] = int(status.split()[0]), list(headers)
            return start_response(status, headers, exc_info)

        body = b"".join(self.app(environ, start))
        self.sent.append({"method": environ["REQUEST_METHOD"], "path": environ.get("PATH_INFO", ""),
                          "status": kept["status"], "headers": kept["headers"], "body": body})
        return [body]


class Seen:
    """What botocore received through the proxy, and what it parsed, per exchange."""

    def __init__(self):
        self.responses = []

    def attach(self, client):
        client.meta.events.register("response-received", self.on_response)

    def on_response(self, response_dict, parsed_response, context, **_):
        if response_dict is None:
            return
        body = response_dict.get("body")
        streaming = hasattr(body, "read")
        self.responses.append({"operation": context.get("docconform_operation"), "status": response_dict["status_code"],
                               "headers": dict(response_dict["headers"]), "body": None if streaming else (body or b""),
                               "parsed": parsed_response, "model": context.get("docconform_model"),
                               "kwargs": context.get("docconform_kwargs")})


def remember_call(params, model, context, **_):
    context["docconform_model"] = model
    context["docconform_kwargs"] = copy.deepcopy(params)


class Body:
    """A raw HTTP body for AWSResponse: moto's bytes, as a socket would give them."""

    def __init__(self, data):
        self.data = data

    def stream(self, **_):
        yield self.data


def replay(session, endpoint, model, kwargs, sent):
    """The same call on a client without the proxy, its HTTP answered with moto's own bytes:
    what botocore makes of the response when nothing stands between it and moto."""
    client = session.client(model.service_model.service_name, endpoint_url=endpoint, config=Config(retries={"max_attempts": 1}))
    got = {}
    client.meta.events.register("before-send", lambda request, **_: AWSResponse(request.url, sent["status"], HeadersDict(sent["headers"]), Body(sent["body"])))
    client.meta.events.register("response-received", lambda parsed_response, **_: got.setdefault("parsed", parsed_response))
    try:
        getattr(client, botocore.xform_name(model.name))(**kwargs)
    except botocore.exceptions.ClientError:
        pass
    return got.get("parsed")


class ProxyOutput:
    """The proxy's standard output (docconform.result-lines/1), read as it comes."""

    def __init__(self, stream):
        self.lines = []
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for raw in stream:
            line = json.loads(raw)
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()

    def wait_for(self, rid, seconds=5.0):
        deadline = time.time() + seconds
        with self.cond:
            while not any(l.get("id") == rid for l in self.lines):
                left = deadline - time.time()
                if left <= 0:
                    return False
                self.cond.wait(left)
        return True


def plain_parsed(value):
    return wire.plain(value)


def run(args):
    os.makedirs(args.out, exist_ok=True)
    model_path = os.path.join(args.out, "model.json")
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    subprocess.run([args.docconform, "parse", "--quiet", "--no-docs", *[os.path.join(data, s) for s in SERVICES], "-o", model_path], check=True)

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    tap = MotoTap()
    moto = make_server("127.0.0.1", 0, tap, threaded=True)
    moto_port = moto.server_address[1]
    threading.Thread(target=moto.serve_forever, daemon=True).start()

    har_path = os.path.join(args.out, "session.har")
    proxy = subprocess.Popen([args.docconform, "proxy", "--model", model_path, "--listen", "127.0.0.1:0",
                              "--upstream", f"http://127.0.0.1:{moto_port}", "--format", "jsonl", "--har", har_path],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proxy.stderr.readline()
    if "listening on http://" not in first:
        sys.exit(f"proxy did not start: {first}{proxy.stderr.read()}")
    endpoint = first.split("listening on ")[1].split(",")[0]
    stderr_lines = []
    threading.Thread(target=lambda: stderr_lines.extend(proxy.stderr), daemon=True).start()
    output = ProxyOutput(proxy.stdout)

    rec, seen = wire.Recorder(), Seen()
    late = []
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")

    def make(name):
        c = session.client(name, endpoint_url=endpoint, config=Config(retries={"max_attempts": 1}))
        rec.attach(c)
        seen.attach(c)
        c.meta.events.register("before-parameter-build", remember_call)
        return c

    def check_streamed(**_):
        n = len(rec.entries) - 1
        if n >= 0 and not output.wait_for(f"entries[{n}].request"):
            late.append(n)

    def make_checked(name):
        # After each call, its results must be out before the next call is made.
        c = make(name)
        c.meta.events.register("after-call", check_streamed)
        c.meta.events.register("after-call-error", check_streamed)
        return c

    started = time.time()
    wire.drive(make_checked, rec)
    first_more = len(rec.entries)
    drive_more(make_checked)
    elapsed = time.time() - started

    proxy.send_signal(signal.SIGINT)
    status = proxy.wait(timeout=60)
    output.thread.join(timeout=10)
    failures = []

    # 1. attribution
    results = [l for l in output.lines if "id" in l]
    by_id = {r["id"]: r for r in results}
    calls = [p for p in rec.parsed if p["direction"] == "request"]
    operations = set()
    for p in calls:
        r = by_id.get(p["id"])
        if r is None or (r.get("service"), r.get("operation")) != (p["service"], p["operation"]):
            failures.append(f"{p['id']}: boto3 called {p['service']}.{p['operation']}, the proxy says {r and (r.get('service'), r.get('operation'))}")
        operations.add((p["service"], p["operation"]))
    exchanges = len(rec.entries)
    if len(tap.sent) != exchanges or len(seen.responses) != exchanges:
        failures.append(f"{exchanges} calls, moto answered {len(tap.sent)}, botocore received {len(seen.responses)}")
    errors = sum(1 for s in seen.responses if s["status"] >= 300)
    protocols = {}
    for svc, op in operations:
        protocols.setdefault(session.client(svc, endpoint_url=endpoint).meta.service_model.protocol, set()).add(f"{svc}.{op}")

    # 2. streaming
    if late:
        failures.append(f"results not out before the next call for exchanges {late}")

    # 3. unchanged
    reparsed_equal = 0
    for n, (sent, got) in enumerate(zip(tap.sent, seen.responses)):
        if sent["status"] != got["status"]:
            failures.append(f"entries[{n}]: moto sent status {sent['status']}, botocore got {got['status']}")
        lower = {k.lower(): v for k, v in got["headers"].items()}
        for k, v in sent["headers"]:
            if k.lower() not in HOP_BY_HOP | SET_BY_THE_WSGI_SERVER and lower.get(k.lower()) != v:
                failures.append(f"entries[{n}]: header {k}: moto sent {v!r}, botocore got {lower.get(k.lower())!r}")
        if got["body"] is None:
            continue
        if got["body"] != sent["body"]:
            failures.append(f"entries[{n}]: body differs ({len(sent['body'])} bytes sent, {len(got['body'])} received)")
            continue
        model = got["model"]
        direct = dict(replay(session, endpoint, model, got["kwargs"], sent) or {})
        direct.pop("ResponseMetadata", None)
        via = dict(got["parsed"] or {})
        via.pop("ResponseMetadata", None)
        a, b = (json.dumps(plain_parsed(x), sort_keys=True, default=str) for x in (direct, via))
        if a == b:
            reparsed_equal += 1
        else:
            failures.append(f"entries[{n}] {model.name}: botocore reads moto's own bytes to other values than it got through the proxy: {a[:300]} / {b[:300]}")
    bodies_compared = sum(1 for g in seen.responses if g["body"] is not None)

    # 4. superset: the parsed path validated, beside the wire results the proxy streamed
    parsed_path = os.path.join(args.out, "parsed.jsonl")
    with open(parsed_path, "w") as f:
        for p in rec.parsed:
            f.write(json.dumps(p, default=str) + "\n")
    parsed_results = os.path.join(args.out, "parsed-results.json")
    subprocess.run([args.docconform, "validate", "--quiet", "--model", model_path, parsed_path, "--format", "json", "-o", parsed_results])
    wire_results = os.path.join(args.out, "proxy-results.json")
    with open(wire_results, "w") as f:
        json.dump({"format": "docconform.results/1", "results": results}, f)
    superset = subprocess.run([sys.executable, os.path.join(HERE, "..", "wire", "superset_check.py"), wire_results, parsed_results],
                              capture_output=True, text=True)
    if superset.returncode != 0:
        failures.append("the wire misses issues the parsed path finds:\n" + superset.stdout)

    # 5. exit status and the HAR file validated again
    invalid = sum(1 for r in results if not r["valid"])
    upstream_errors = [l for l in stderr_lines if ": error: " in l]
    expected_status = 2 if upstream_errors else 1 if invalid else 0
    if status != expected_status:
        failures.append(f"proxy exit status {status}, expected {expected_status}")
    har_results = os.path.join(args.out, "har-results.json")
    subprocess.run([args.docconform, "validate", "--quiet", "--model", model_path, har_path, "--format", "json", "-o", har_results])
    again = json.load(open(har_results))["results"]
    key = lambda r: (r["id"], r["valid"], tuple((e["code"], e["path"], e["message"]) for e in r["errors"]))
    if sorted(map(key, again)) != sorted(map(key, results)):
        failures.append("validating the HAR file gives other results than the proxy streamed")

    moto.shutdown()
    print(f"session: {exchanges} exchanges in {elapsed:.1f} s, {len(operations)} distinct operations of "
          f"{len({s for s, _ in operations})} services, {errors} error responses; boto3 {boto3.__version__}, moto (server) in-process")
    for proto in sorted(protocols):
        print(f"  {proto}: {len(protocols[proto])} operations")
    print(f"attribution: {len(calls)} exchanges attributed as botocore named them" if not any("boto3 called" in f for f in failures) else "attribution: FAILED")
    print(f"streaming: {exchanges - len(late)}/{exchanges} exchanges' results out before the next call")
    print(f"unchanged: {exchanges} statuses and header sets, {bodies_compared} bodies byte-identical to moto's; "
          f"botocore, given moto's own bytes without the proxy, reads the same values for {reparsed_equal}/{bodies_compared}")
    print(superset.stdout.rstrip())
    print(f"proxy: exit {status}; {len(results)} records streamed, {invalid} invalid; HAR {os.path.getsize(har_path)} bytes, "
          f"validated again: {len(again)} records, {'same' if sorted(map(key, again)) == sorted(map(key, results)) else 'DIFFERENT'} results")
    for l in stderr_lines:
        if ": warning: " in l or ": error: " in l:
            print("  proxy: " + l.rstrip())
    if args.fixture:
        write_fixture(args.fixture, har_path, rec.parsed, model_path, first_more)
    for f in failures:
        print("FAILED: " + f)
    print(f"{'0 failed' if not failures else str(len(failures)) + ' failed'}: proxy_moto_session")
    return 1 if failures else 0


def write_fixture(folder, har_path, parsed, model_path, first):
    """The session's exchanges from `first` on (the wire recorder's own fixture holds the ones
    before), renumbered from 0, with botocore's parsed records and the model cut to the
    operations they use."""
    os.makedirs(folder, exist_ok=True)
    har = json.load(open(har_path))
    har["log"]["entries"] = har["log"]["entries"][first:]
    with open(os.path.join(folder, "moto-proxy-session.har"), "w") as f:
        f.write('{"log": {"version": "1.2", "creator": ' + json.dumps(har["log"]["creator"]) + ', "entries": [\n')
        f.write(",\n".join(json.dumps(e, separators=(",", ":")) for e in har["log"]["entries"]))
        f.write("\n]}}\n")
    used = {}
    with open(os.path.join(folder, "moto-proxy-session-parsed.jsonl"), "w") as f:
        for p in parsed:
            n, rest = p["id"][len("entries["):].split("]", 1)
            if int(n) < first:
                continue
            used.setdefault(p["service"], set()).add(p["operation"])
            f.write(json.dumps(dict(p, id=f"entries[{int(n) - first}]{rest}"), default=str) + "\n")
    wire.cut_model(model_path, used, os.path.join(folder, "moto-proxy-model.json"))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--docconform", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--fixture")
    sys.exit(run(ap.parse_args()))
