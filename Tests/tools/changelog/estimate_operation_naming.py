#!/usr/bin/env python3
"""Test-data tool: how often the compact layout's operation naming rule gets the API name right.

Compact changelog pages never write an operation's API name, only its boto3 method name.
docconform (Sources/DocIngest/Changelog/PageVocabulary.swift) names it from the page's
PascalCase words: a word botocore maps to the whole method name, else the fewest pieces
covering the method's segments, each piece a run of 2+ segments spelled as in a page word
that contains it, or one capitalized segment. This script is a Python model of that rule,
applied to every operation of the installed botocore with the operation's own boto3 RST page
(scripts/generate_boto3_docs.py output, links removed: a changelog's text rendering loses
them) as the page text. It prints how many names come out right with whole words only and
with runs inside words.

    estimate_operation_naming.py --pages /tmp/rst-1.43.11 [--show 40]
"""
import argparse
import glob
import os
import re

import botocore.session
from botocore import xform_name

WORD = re.compile(rb"[A-Za-z0-9]+")


def page_words(text):
    words = []
    for m in WORD.finditer(text):
        w = m.group().decode()
        if len(w) > 1 and "A" <= w[0] <= "Z" and w not in words:
            words.append(w)
    return words


def vocabulary(words, runs_inside):
    runs = {}
    inside = []
    for w in words:
        snake = xform_name(w)
        seg = snake.split("_")
        if len(seg) < 2:
            continue
        runs.setdefault(snake, w)
        if not runs_inside or "".join(seg) != w.lower():
            continue
        offs = [0]
        for x in seg:
            offs.append(offs[-1] + len(x))
        for a in range(len(seg)):
            for b in range(a + 2, len(seg) + 1):
                if (a, b) != (0, len(seg)):
                    inside.append(("_".join(seg[a:b]), w[offs[a]:offs[b]]))
    for snake, spelling in inside:
        runs.setdefault(snake, spelling)
    return runs


def name(method, runs):
    seg = method.split("_")
    if method in runs and len(seg) > 1:
        return runs[method]
    best = [None] * (len(seg) + 1)
    best[0] = (0, "")
    for end in range(1, len(seg) + 1):
        for start in range(end):
            if best[start] is None:
                continue
            if end - start == 1:
                piece = seg[start][:1].upper() + seg[start][1:]
            else:
                piece = runs.get("_".join(seg[start:end]))
                if piece is None:
                    continue
            if best[end] is None or best[start][0] + 1 < best[end][0]:
                best[end] = (best[start][0] + 1, best[start][1] + piece)
    return best[-1][1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", required=True, help="boto3 RST pages: <pages>/<service>/client/<method>.rst")
    ap.add_argument("--show", type=int, default=0, help="print this many misses")
    args = ap.parse_args()
    session = botocore.session.get_session()
    total = whole_ok = runs_ok = 0
    misses = []
    for service in sorted(os.listdir(args.pages)):
        try:
            model = session.get_service_model(service)
        except Exception:
            continue
        names = {xform_name(op): op for op in model.operation_names}
        for path in glob.glob(os.path.join(args.pages, service, "client", "*.rst")):
            method = os.path.basename(path)[:-4]
            if method not in names:
                continue
            text = re.sub(rb"<https?://[^>]*>", b"", open(path, "rb").read())
            words = page_words(text)
            total += 1
            whole_ok += name(method, vocabulary(words, False)) == names[method]
            got = name(method, vocabulary(words, True))
            if got == names[method]:
                runs_ok += 1
            else:
                misses.append((service, names[method], got))
    print("operations %d  right with whole words %d (%.2f%%)  with runs inside words %d (%.2f%%)"
          % (total, whole_ok, 100.0 * whole_ok / total, runs_ok, 100.0 * runs_ok / total))
    for miss in misses[:args.show]:
        print("  %s: %s named %s" % miss)


if __name__ == "__main__":
    main()
