#!/usr/bin/env python3
"""Validate AWS's own examples (botocore's examples-1.json files) against the model.

Every example's `input` becomes a request record and its `output` a response record of that
operation; `docconform validate --format json` checks them against the model (imported from
the same botocore data folder), and this script summarizes how many of AWS's examples break
the documented contract, and why.

Usage: validate_botocore_examples.py [--data DIR] [--model MODEL.json] [--docconform BIN]
                                     [--work DIR] [--markdown FILE]
  --data   botocore data folder (default: the installed botocore's, pinned 1.43.11)
  --model  a docconform model of that folder (default: built with `docconform parse DIR`)
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys


def newest_version_dir(service_dir):
    versions = sorted(d for d in os.listdir(service_dir) if os.path.isdir(os.path.join(service_dir, d)))
    return os.path.join(service_dir, versions[-1]) if versions else None


def classify(error):
    """A reason class for an error, so the summary says what kind of doc problem it is."""
    m = error["message"]
    got = re.search(r'got "(.*)"$', m)
    value = got.group(1) if got else ""
    if error["code"] == "type" and "timestamp" in m:
        if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?(E[0-9]+)?", value):
            return "timestamp written as a string of epoch seconds"
        return "timestamp in a non-RFC 3339 format (%s)" % (
            "HTTP date" if "GMT" in value or "PDT" in value else "basic ISO 8601 / bad offset / no zone")
    if error["code"] == "type" and "base64" in m:
        return "blob given as raw text or a placeholder, not base64"
    if error["code"] == "type" and m.endswith("got string"):
        return "number or boolean written as a string"
    return "%s: value outside the documented contract" % error["code"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data")
    ap.add_argument("--model")
    ap.add_argument("--docconform", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "docconform"))
    ap.add_argument("--work", default="/tmp/docconform-examples")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    if not args.data:
        import botocore
        args.data = os.path.join(os.path.dirname(botocore.__file__), "data")
        print("botocore %s at %s" % (botocore.__version__, args.data), file=sys.stderr)
    os.makedirs(args.work, exist_ok=True)
    model = args.model or os.path.join(args.work, "model.json")
    if not os.path.exists(model):
        subprocess.run([args.docconform, "parse", args.data, "--no-docs", "--quiet", "-o", model], check=True)

    records = os.path.join(args.work, "examples.jsonl")
    n_examples = n_files = 0
    with open(records, "w") as out:
        for service in sorted(os.listdir(args.data)):
            sdir = os.path.join(args.data, service)
            if not os.path.isdir(sdir):
                continue
            vdir = newest_version_dir(sdir)
            path = vdir and os.path.join(vdir, "examples-1.json")
            if not path or not os.path.exists(path):
                continue
            n_files += 1
            with open(path) as f:
                examples = json.load(f).get("examples", {})
            for op, items in sorted(examples.items()):
                for i, ex in enumerate(items):
                    n_examples += 1
                    ident = "%s.%s#%d" % (service, op, i)
                    for direction, key in (("request", "input"), ("response", "output")):
                        if key in ex:
                            out.write(json.dumps({"id": ident + ":" + direction, "service": service, "operation": op,
                                                  "direction": direction, "payload": ex[key]}) + "\n")
    results_path = os.path.join(args.work, "results.json")
    proc = subprocess.run([args.docconform, "validate", "--model", model, records, "--format", "json", "-o", results_path, "--quiet"])
    if proc.returncode not in (0, 1):
        sys.exit("docconform validate failed with exit code %d" % proc.returncode)
    with open(results_path) as f:
        results = json.load(f)["results"]

    bad_examples = set()
    by_code = collections.Counter()
    by_reason = collections.Counter()
    samples = {}
    n_records = len(results)
    invalid_records = 0
    for r in results:
        if r["valid"]:
            continue
        invalid_records += 1
        bad_examples.add(r["id"].rsplit(":", 1)[0])
        for e in r["errors"]:
            by_code[e["code"]] += 1
            reason = (e["code"], r["service"], r["operation"], r["direction"], e["path"])
            by_reason[reason] += 1
            samples.setdefault(reason, e["message"])
    classes = collections.Counter()
    class_examples = collections.defaultdict(set)
    for r in results:
        for e in r["errors"]:
            c = classify(e)
            classes[c] += 1
            class_examples[c].add(r["id"].rsplit(":", 1)[0])
    lines = []
    lines.append("# AWS's own examples (botocore examples-1.json) against the documented contract\n")
    lines.append("- examples files: %d; examples: %d; records (inputs + outputs): %d" % (n_files, n_examples, n_records))
    lines.append("- examples breaking the contract: %d (%.1f%%); invalid records: %d"
                 % (len(bad_examples), 100.0 * len(bad_examples) / max(n_examples, 1), invalid_records))
    lines.append("- errors by code: " + ", ".join("%s %d" % kv for kv in by_code.most_common()))
    lines.append("\n| reason | errors | examples |\n|---|---|---|")
    for c, n in classes.most_common():
        lines.append("| %s | %d | %d |" % (c, n, len(class_examples[c])))
    lines.append("\n| code | service.operation | direction | path | count | example message |\n|---|---|---|---|---|---|")
    for (code, svc, op, d, path), count in by_reason.most_common():
        msg = samples[(code, svc, op, d, path)].replace("|", "\\|")
        lines.append("| %s | %s.%s | %s | `%s` | %d | %s |" % (code, svc, op, d, path, count, msg[:160]))
    text = "\n".join(lines) + "\n"
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    print("\n".join(lines[:6 + len(classes) + 2]))
    print("(full table: %s)" % (args.markdown or "use --markdown FILE"))


if __name__ == "__main__":
    main()
