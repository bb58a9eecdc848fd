#!/usr/bin/env python3
"""Helpers for bench_validate.sh: corpus generation and the comparison validators.

  bench_validate.py gen-large OUT N             EC2 DescribeInstances responses of ~1 MB each
  bench_validate.py jsonschema-rs SCHEMAS CORPUS   parse + validate with jsonschema-rs (from /tmp/jsr), twice:
      `is_valid` (a verdict only: stops at the first violation, no details) and `iter_errors`
      (every error with its path and message: the work docconform does)
  bench_validate.py botocore CORPUS             parse + botocore ParamValidator on request records
  bench_validate.py summarize ROUNDS.txt         medians (min-max) per tool over the rounds of
      bench_validate.sh, and docconform's multiples of jsonschema-rs's medians
  bench_validate.py jsonschema-rs-accuracy SCHEMAS CORPUS   labelled records (`expect`): how many valid
      records jsonschema-rs passes and how many faulty ones it flags, per fault code
Each validator prints one line: name, records, MB, CPU seconds, MB/s, records/s, invalid.
Times are process CPU time (the machine may be shared; wall time would count other work).
"""
import gc
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))


def gen_large(out_path, n):
    import botocore.session
    from gen_labelled_payloads import Generator
    loader = botocore.session.get_session().get_component("data_loader")
    model = loader.load_service_model("ec2", "service-2")
    rnd = random.Random(7)
    gen = Generator("ec2", model, rnd)
    with open(out_path, "w") as out:
        for i in range(n):
            reservations = []
            size = 0
            while size < 1_000_000:
                r = gen.gen("Reservation", depth=0)
                # a realistic reservation holds instances
                r["Instances"] = [gen.gen("Instance", depth=1) for _ in range(4)]
                size += len(json.dumps(r))
                reservations.append(r)
            rec = {"id": "large%d" % i, "service": "ec2", "operation": "DescribeInstances", "direction": "response",
                   "payload": {"Reservations": reservations, "NextToken": "token%d" % i}}
            out.write(json.dumps(rec) + "\n")


def report(name, records, nbytes, seconds, invalid, extra=""):
    mb = nbytes / 1e6
    print("%-26s %8d records %9.1f MB %8.3f s %9.1f MB/s %10.0f records/s  invalid=%d %s"
          % (name, records, mb, seconds, mb / seconds, records / seconds, invalid, extra))


# The validator of a record whose operation the model does not have: there is no schema.
UNKNOWN = "unknown operation"


def jsonschema_rs_validators(schemas, records):
    """jsonschema-rs validators by (service, operation, direction) for the records given:
    UNKNOWN where the model has no such operation, None where jsonschema-rs cannot compile the schema."""
    sys.path.insert(0, "/tmp/jsr")
    import jsonschema_rs
    validators = {}
    for rec in records:
        key = (rec["service"], rec["operation"], rec["direction"])
        if key in validators:
            continue
        try:
            schema = schemas[key[0]][key[1]]["input" if key[2] == "request" else "output"]
        except KeyError:
            validators[key] = UNKNOWN
            continue
        try:
            validators[key] = jsonschema_rs.validator_for(schema)
        except Exception:
            validators[key] = None
    return validators


def bench_jsonschema_rs(schemas_path, corpus):
    with open(schemas_path) as f:
        schemas = json.load(f)["schemas"]
    lines = open(corpus, "rb").read().splitlines()
    # compile the validators the corpus needs, outside the timed loop
    validators = jsonschema_rs_validators(schemas, (json.loads(line) for line in lines))
    unknown = sum(1 for v in validators.values() if v is UNKNOWN)
    uncompilable = sum(1 for v in validators.values() if v is None)
    note = "(%d operations not in the model, %d schemas failed to compile: %%d records skipped)" % (unknown, uncompilable)
    # The exported schemas are millions of Python objects: left alive, the interpreter's full
    # garbage collections walk them at random points of the timed loops (~1 s each).
    del schemas
    quiet_gc()

    def timed(name, invalid_of, quiet=False):
        records = nbytes = invalid = skipped = errors = 0
        start = time.process_time()
        for line in lines:
            rec = json.loads(line)
            v = validators[(rec["service"], rec["operation"], rec["direction"])]
            if v is None or v is UNKNOWN:
                # No compiled schema: not validated, so neither its bytes nor the record count
                # (counting them flattered jsonschema-rs by the ~8% of records it skips).
                skipped += 1
                continue
            records += 1
            nbytes += len(line)
            n = invalid_of(v, rec["payload"])
            if n:
                invalid += 1
                errors += n
        seconds = time.process_time() - start
        if quiet:
            return
        report(name, records, nbytes, seconds, invalid,
               (note % skipped if skipped else "") + ("" if name.endswith("is_valid") else " errors=%d" % errors))

    # One untimed pass first: the first pass over the corpus also pays one-time costs (the
    # interpreter's allocator growing, validators' lazy set-up), which neither timed line should.
    timed("warm-up", lambda v, payload: 0 if v.is_valid(payload) else 1, quiet=True)
    # The fastest path: a verdict only, stopping at the first violation, no error details.
    timed("jsonschema-rs is_valid", lambda v, payload: 0 if v.is_valid(payload) else 1)

    # The same work docconform does: every error, each with its path and message.
    def every_error(v, payload):
        n = 0
        for e in v.iter_errors(payload):
            _ = (e.instance_path, e.message)
            n += 1
        return n
    timed("jsonschema-rs iter_errors", every_error)


def jsonschema_rs_accuracy(schemas_path, corpus):
    """Verdicts only: jsonschema-rs reports errors in JSON Schema's terms, not the fault codes."""
    import collections
    with open(schemas_path) as f:
        schemas = json.load(f)["schemas"]
    records = [json.loads(line) for line in open(corpus, "rb")]
    validators = jsonschema_rs_validators(schemas, records)
    uncompilable = sum(1 for v in validators.values() if v is None)
    valid = collections.Counter()
    faulty = collections.Counter()
    caught = collections.Counter()
    for rec in records:
        key = (rec["service"], rec["operation"], rec["direction"])
        v = validators[key]
        code = rec["expect"]["code"] if rec.get("expect") else None
        if v is None:
            verdict = "skipped"
        elif v is UNKNOWN:
            verdict = False  # no schema for it: the caller's lookup catches it
        else:
            verdict = v.is_valid(rec["payload"])
        if code is None:
            valid["skipped" if verdict == "skipped" else "passed" if verdict else "failed"] += 1
        else:
            faulty[code] += 1
            if verdict == "skipped":
                caught[code + " (skipped)"] += 1
            elif not verdict:
                caught[code] += 1
    total_faulty = sum(faulty.values())
    total_caught = sum(n for k, n in caught.items() if "skipped" not in k)
    print("jsonschema-rs accuracy: %d schemas failed to compile" % uncompilable)
    print("  valid records: %d passed, %d failed, %d skipped" % (valid["passed"], valid["failed"], valid["skipped"]))
    print("  faulty records flagged: %d / %d (%.2f%%)" % (total_caught, total_faulty, 100.0 * total_caught / max(total_faulty, 1)))
    for code in sorted(faulty):
        print("    %-10s %6d / %6d%s" % (code, caught[code], faulty[code],
                                         "  (%d skipped)" % caught[code + " (skipped)"] if caught[code + " (skipped)"] else ""))


def summarize(path):
    import re
    import statistics
    figures = {}
    for line in open(path):
        m = re.match(r"^(\S.*?)\s+(\d+) records .*?([\d.]+) MB/s\s+(\d+) records/s", line)
        if m:
            figures.setdefault(m.group(1), []).append((float(m.group(3)), float(m.group(4))))
    medians = {}
    print("medians of %d rounds (min-max):" % max((len(v) for v in figures.values()), default=0))
    for name, runs in figures.items():
        mb = [r[0] for r in runs]
        rs = [r[1] for r in runs]
        medians[name] = statistics.median(mb)
        print("  %-26s %7.1f MB/s (%.1f-%.1f) %10.0f records/s" % (name, medians[name], min(mb), max(mb), statistics.median(rs)))
    jv, je = medians.get("jsonschema-rs is_valid"), medians.get("jsonschema-rs iter_errors")
    for name, v in medians.items():
        if name.startswith("docconform") and jv and je:
            print("  %-26s %.1fx jsonschema-rs is_valid, %.1fx iter_errors" % (name, v / jv, v / je))


def quiet_gc():
    """Collects once and freezes what is alive, so no timed loop pays for walking set-up objects."""
    gc.collect()
    gc.freeze()


def bench_botocore(corpus):
    import botocore.session
    from botocore.validate import ParamValidator
    session = botocore.session.get_session()
    lines = [l for l in open(corpus, "rb").read().splitlines() if b'"direction": "request"' in l]
    models = {}
    shapes = {}
    for line in lines:
        rec = json.loads(line)
        key = (rec["service"], rec["operation"])
        if key not in shapes:
            if rec["service"] not in models:
                models[rec["service"]] = session.get_service_model(rec["service"])
            try:
                shapes[key] = models[rec["service"]].operation_model(rec["operation"]).input_shape
            except Exception:
                shapes[key] = None
    validator = ParamValidator()
    quiet_gc()
    records = nbytes = invalid = 0
    start = time.process_time()
    for line in lines:
        rec = json.loads(line)
        shape = shapes[(rec["service"], rec["operation"])]
        records += 1
        nbytes += len(line)
        if shape is None:
            invalid += 1
            continue
        if validator.validate(rec["payload"], shape).has_errors():
            invalid += 1
    seconds = time.process_time() - start
    report("botocore", records, nbytes, seconds, invalid, "(request records only)")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "gen-large":
        gen_large(sys.argv[2], int(sys.argv[3]))
    elif cmd == "jsonschema-rs":
        bench_jsonschema_rs(sys.argv[2], sys.argv[3])
    elif cmd == "summarize":
        summarize(sys.argv[2])
    elif cmd == "jsonschema-rs-accuracy":
        jsonschema_rs_accuracy(sys.argv[2], sys.argv[3])
    elif cmd == "botocore":
        bench_botocore(sys.argv[2])
    else:
        sys.exit(__doc__)
