#!/usr/bin/env python3
"""A recorded-responses-like corpus for timing `validate` end to end: responses of the read
operations (Describe*, List*, Get*, ...) recorded tests mostly hold, over many services, as
docconform.payload records in one JSON Lines file. Values come from botocore 1.43.11's own
shapes (scripts/gen_labelled_payloads.py's generator: enums, patterns, lengths and ranges
respected), so every record is valid unless --faulty says otherwise.

Usage: gen_response_corpus.py [--services 140] [--records 9850] [--seed 3] [--out FILE]
Not committed: it is made on the machine that measures (bench_load.sh).
"""
import argparse
import json
import os
import random
import zlib
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import botocore.session  # noqa: E402
from gen_labelled_payloads import PINNED, Generator, Untranslatable  # noqa: E402

READ_PREFIXES = ("Describe", "List", "Get", "Search", "Query", "Batch", "Lookup")


# Recorded responses vary in size: most are small, some list dozens of resources.
SIZES = [200, 400, 800, 1200, 2000, 5000]


def grow(gen, root, payload, target):
    """Adds items to the response's top-level lists until its JSON reaches about `target`
    bytes (a recorded listing holds more than the generator's few items)."""
    shape = gen.shapes[root]
    lists = [(m, ref["shape"]) for m, ref in shape.get("members", {}).items()
             if gen.shapes[ref["shape"]]["type"] == "list" and m in payload]
    if not lists:
        return
    for _ in range(40):
        if len(json.dumps(payload)) >= target:
            return
        member, list_shape = gen.rnd.choice(lists)
        sh = gen.shapes[list_shape]
        if "max" in sh and len(payload[member]) >= sh["max"]:
            return
        payload[member].append(gen.gen(sh["member"]["shape"], 1, (root, list_shape)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--services", type=int, default=140)
    ap.add_argument("--records", type=int, default=9850)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    if botocore.__version__ != PINNED:
        sys.exit("botocore %s installed; this corpus is pinned to %s" % (botocore.__version__, PINNED))
    sys.setrecursionlimit(10000)
    rnd = random.Random(args.seed)
    loader = botocore.session.get_session().get_component("data_loader")
    services = sorted(loader.list_available_services("service-2"))
    chosen = sorted(random.Random(args.seed).sample(services, min(args.services, len(services))))
    per_service = max(1, args.records // len(chosen))
    out = sys.stdout if args.out == "-" else open(args.out, "w")
    n = 0
    for svc in chosen:
        model = loader.load_service_model(svc, "service-2")
        gen = Generator(svc, model, rnd)
        ops = [(name, op) for name, op in sorted(model["operations"].items())
               if "output" in op and name.startswith(READ_PREFIXES)]
        if not ops:
            ops = [(name, op) for name, op in sorted(model["operations"].items()) if "output" in op]
        if not ops:
            continue
        # A test suite records a handful of operations many times, not every operation once.
        ops = random.Random(args.seed ^ zlib.crc32(svc.encode())).sample(ops, min(len(ops), 12))
        made = tries = 0
        while made < per_service and tries < per_service * 4:
            tries += 1
            name, op = ops[tries % len(ops)]
            try:
                payload = gen.gen(op["output"]["shape"])
                grow(gen, op["output"]["shape"], payload, rnd.choice(SIZES))
            except (Untranslatable, RecursionError):
                continue
            n += 1
            made += 1
            rec = {"id": "r%d" % n, "service": svc, "operation": name, "direction": "response", "payload": payload}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    print("records=%d services=%d" % (n, len(chosen)), file=sys.stderr)


if __name__ == "__main__":
    main()
