#!/usr/bin/env python3
"""Test-data tool: precision/recall of `docconform changes` on generated changelog pages.

Reads <pages>/{compact,expanded}/*.txt and <pages>/truth/<service>_<date>.json (written by
make_changelog_pages.py), runs `docconform changes PAGE --format json` on every page and
compares the changes with the truth on what a changelog states: kind, service, operation,
direction, path, value, summary. Prints per-layout and overall figures and the error
diagnostics; exits 1 unless precision and recall are 1.0 with no error diagnostic.

    measure_changelog.py --docconform .build/debug/docconform --pages /tmp/cl-heldout
"""
import argparse
import glob
import json
import os
import subprocess
import sys


def key(c):
    return (c["kind"], c["service"], c.get("operation"), c.get("direction"), c.get("path"), c.get("value"),
            json.dumps(c.get("summary"), sort_keys=True) if "summary" in c else None)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docconform", required=True)
    ap.add_argument("--pages", required=True)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--botocore-work", help="make_changelog_pages.py's --work folder: also compare each page's model with the new release")
    args = ap.parse_args()
    totals = {}
    ok = True
    for layout in ("compact", "expanded"):
        tp = fp = fn = errors = warnings = pages = hidden = 0
        model_ops = model_bad = model_fail = 0
        for page in sorted(glob.glob(os.path.join(args.pages, layout, "*.txt"))):
            name = os.path.basename(page)[:-4].split("_", 1)[1]  # <service>_<date>
            truth = json.load(open(os.path.join(args.pages, "truth", name + ".json")))["changes"]
            run = subprocess.run([args.docconform, "changes", page, "--format", "json", "--quiet"], capture_output=True, text=True)
            diag = [l for l in run.stderr.splitlines() if ": error: " in l or ": warning: " in l]
            errors += sum(": error: " in l for l in diag)
            warnings += sum(": warning: " in l for l in diag)
            got = json.loads(run.stdout)["changes"] if run.stdout.strip() else []
            # Changes of operations whose syntax boto3 did not render cannot be placed: counted apart.
            unplaceable = {key(c) for c in truth if c.get("placeable") is False}
            placed_unplaceable = len(unplaceable & {key(c) for c in got})
            hidden += len(unplaceable) - placed_unplaceable
            tp += placed_unplaceable  # placed anyway (the other direction's syntax was shown)
            want, have = {key(c) for c in truth} - unplaceable, {key(c) for c in got} - unplaceable
            tp += len(want & have)
            fp += len(have - want)
            fn += len(want - have)
            pages += 1
            if args.botocore_work:
                # The page's operations against the NEW release as boto3 pages show it: every
                # difference other than operations the page does not document is a model error.
                meta = json.load(open(os.path.join(args.pages, "truth", name + ".json")))
                service = name.rsplit("_", 1)[0]
                data = os.path.join(args.botocore_work, "botocore-" + meta["new"], "botocore", "data", service)
                d = subprocess.run([args.docconform, "diff", data, page, "--as-seen-by", "boto3", "--format", "json", "--quiet"],
                                   capture_output=True, text=True)
                diffs = [c for c in json.loads(d.stdout)["changes"] if c["kind"] != "operation-removed"] if d.stdout.strip() else None
                documented = len({c.get("operation") for c in truth})
                if diffs is None:
                    model_fail += 1
                    print("  model    %s: diff failed: %s" % (os.path.basename(page), d.stderr.strip()[:200]))
                else:
                    bad_ops = {c.get("operation") for c in diffs}
                    model_ops += documented
                    model_bad += len(bad_ops)
                    for c in diffs[:5]:
                        print("  model    %s: %s %s %s %s" % (os.path.basename(page), c["kind"], c.get("operation"), c.get("direction"), c.get("path")))
            if args.verbose or want != have or any(": error: " in l for l in diag):
                for k in sorted(want - have, key=str):
                    print("  missed   %s: %s" % (os.path.basename(page), k))
                for k in sorted(have - want, key=str):
                    print("  spurious %s: %s" % (os.path.basename(page), k))
                for l in diag:
                    print("  " + l)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        totals[layout] = (pages, tp, fp, fn, errors, warnings)
        print("%-8s pages %3d  changes %4d  precision %.4f  recall %.4f  errors %d  warnings %d  (+%d changes of operations boto3 renders no syntax for, not placeable)"
              % (layout, pages, tp + fn, precision, recall, errors, warnings, hidden))
        if args.botocore_work:
            print("%-8s operations %d compared with the new release (boto3 view): %d differ, %d pages not comparable"
                  % (layout, model_ops, model_bad, model_fail))
        ok = ok and fp == 0 and fn == 0 and errors == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
