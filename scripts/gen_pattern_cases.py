#!/usr/bin/env python3
"""Pattern test cases for the engine-free matchers: every distinct botocore 1.43.11 pattern,
each with a few fixed values and values sampled from the pattern and mutated around it (cut
at either end, a character changed, extended, a space in front).
The Swift tests run every value through the engine-free matcher and through ICU and require
the same verdict, searched and fully matched.

  python3 scripts/gen_pattern_cases.py docs-corpus/fixtures/patterns/pattern-cases.jsonl [--limit N]
"""
import argparse
import glob
import json
import os
import random
import re
import warnings
warnings.simplefilter("ignore")
import sre_parse  # noqa: E402
import sys

import botocore

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_labelled_payloads import Sampler, Untranslatable, java_to_python  # noqa: E402


def patterns():
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    seen = set()
    for path in sorted(glob.glob(os.path.join(data, "*", "*", "service-2.json*"))):
        if path.endswith(".gz"):
            import gzip
            model = json.load(gzip.open(path))
        else:
            model = json.load(open(path))
        for shape in model.get("shapes", {}).values():
            p = shape.get("pattern")
            if p and p not in seen:
                seen.add(p)
                yield p


def mutations(v, rnd):
    out = [v]
    if v:
        out.append(v[:-1])
        out.append(v[1:])
        i = rnd.randrange(len(v))
        out.append(v[:i] + rnd.choice("a-:/0 Z_.") + v[i + 1:])
    out.append(v + rnd.choice("a-:/0 \n"))
    out.append(" " + v)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    rnd = random.Random(3)
    sampler = Sampler(rnd, 6)
    n = 0
    with open(args.out, "w") as out:
        for p in patterns():
            values = ["", "arn:aws:s3:::bucket", "-", "a"]
            try:
                parsed = sre_parse.parse(java_to_python(p).pattern, re.ASCII)
                for _ in range(2):
                    values.extend(mutations(sampler.sample(parsed), rnd))
            except (Untranslatable, re.error, RecursionError, OverflowError, ValueError):
                pass
            values = list(dict.fromkeys(v for v in values if len(v) < 160))
            out.write(json.dumps({"pattern": p, "values": values}) + "\n")
            n += 1
            if args.limit and n >= args.limit:
                break
    print("%d patterns" % n, file=sys.stderr)


if __name__ == "__main__":
    main()
