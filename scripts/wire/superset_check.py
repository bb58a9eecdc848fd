#!/usr/bin/env python3
"""Checks that wire-level validation finds everything the parsed path finds: every issue
(code, path) of botocore's parsed records is reported for the same HAR entry on the wire.

    python3 scripts/wire/superset_check.py WIRE_RESULTS.json PARSED_RESULTS.json

Both files are `docconform validate --format json` outputs (docconform.results/1) of the HAR
and of the parsed records `record_moto_har.py` wrote beside it; records pair up by `id`.
Prints the issues only the wire has, and exits 1 when the parsed path has one the wire lacks.
"""
import json
import sys


def issues(path):
    out = {}
    for r in json.load(open(path))["results"]:
        out[r.get("id")] = {(e["code"], e["path"]) for e in r["errors"]}
    return out


wire, parsed = issues(sys.argv[1]), issues(sys.argv[2])
missing = 0
extra = []
for rid, found in sorted(parsed.items()):
    got = wire.get(rid)
    if got is None:
        print(f"{rid}: no wire record")
        missing += 1
        continue
    for issue in sorted(found - got):
        print(f"{rid}: parsed path finds {issue}, the wire does not")
        missing += 1
for rid, got in sorted(wire.items()):
    for issue in sorted(got - parsed.get(rid, set())):
        extra.append(f"{rid}: {issue[0]} {issue[1]}")
print(f"{len(parsed)} parsed records; {missing} parsed issues missing on the wire; {len(extra)} found only on the wire:")
for e in extra:
    print("  " + e)
sys.exit(1 if missing else 0)
