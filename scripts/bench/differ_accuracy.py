#!/usr/bin/env python3
"""Independent check of `docconform diff` on two botocore releases.

Computes the changes of spec/formats.md §2 straight from botocore's raw service models
(shape-name graph, loaded with botocore's own Loader, which picks the newest API version
and merges sdk-extras), then compares them with `docconform diff --format json` and
prints precision and recall per change kind.

    differ_accuracy.py OLD_DATA_DIR NEW_DATA_DIR [--docconform BIN] [--diff-json FILE]
    differ_accuracy.py OLD_DATA_DIR NEW_DATA_DIR --view boto3 --services a,b \
        --tool-old OLD_RST_DIR --tool-new NEW_RST_DIR

OLD/NEW_DATA_DIR are botocore `data` folders (e.g. from `pip download botocore==X`).
With `--view boto3` the expected changes are those boto3's pages can express (no
min/max/pattern, long/integer and double/float alike, no required flags in responses),
and docconform runs on the RST page folders given by --tool-old/--tool-new.
Nothing here shares code with the Swift differ: it is the ground truth it is judged by.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

from botocore.loaders import Loader

SCALARS = {"string", "integer", "long", "float", "double", "boolean", "timestamp", "blob"}
ALIASES = {"character": "string", "bigdecimal": "double", "biginteger": "long"}


def load_release(data_dir):
    loader = Loader(extra_search_paths=[data_dir], include_default_search_paths=False)
    models = {}
    for name in sorted(os.listdir(data_dir)):
        if not os.path.isdir(os.path.join(data_dir, name)):
            continue
        try:
            models[name] = loader.load_service_model(name, "service-2")
        except Exception:
            continue
    return models


VIEW = "full"
COARSE = {"long": "integer", "double": "float"}


def shape_type(shape):
    t = _shape_type(shape)
    return COARSE.get(t, t) if VIEW == "boto3" else t


def _shape_type(shape):
    t = shape.get("type")
    if t == "structure":
        if shape.get("document"):
            return "document"
        if shape.get("union"):
            return "union"
    return ALIASES.get(t, t)


def number(v):
    return None if v is None else float(v)


class Walker:
    def __init__(self, service, old_model, new_model, out):
        self.service = service
        self.old = old_model["shapes"]
        self.new = new_model["shapes"]
        self.out = out

    def emit(self, kind, op, direction, path, **extra):
        if VIEW == "boto3":
            if kind == "constraint-changed":
                return
            if direction == "output" and kind in ("required-added", "required-removed"):
                return
            if direction == "output" and kind == "member-added":
                extra["required"] = False
        self.out.append(dict(kind=kind, service=self.service, operation=op, direction=direction, path=path, **extra))

    def operation(self, name, old_op, new_op):
        if new_op.get("deprecated") and not old_op.get("deprecated"):
            self.out.append(dict(kind="operation-deprecated", service=self.service, operation=name))
        for direction in ("input", "output"):
            o, n = old_op.get(direction), new_op.get(direction)
            if o and n:
                self.node(name, direction, "", o["shape"], n["shape"], {}, {}, member_of=None)
            elif n:
                shape = self.new[n["shape"]]
                for m in shape.get("members", {}):
                    self.added(name, direction, m, m in shape.get("required", []))
            elif o:
                for m in self.old[o["shape"]].get("members", {}):
                    self.emit("member-removed", name, direction, m)

    def added(self, op, direction, path, required):
        self.emit("member-added", op, direction, path, required=required)

    def node(self, op, direction, path, old_name, new_name, old_seen, new_seen, member_of):
        o, n = self.old[old_name], self.new[new_name]
        to, tn = shape_type(o), shape_type(n)
        if to != tn:
            self.emit("type-changed", op, direction, path, **{"from": to, "to": tn})
            return
        if member_of is not None:
            old_ref, new_ref = member_of
            old_dep = old_ref.get("deprecated") or o.get("deprecated")
            new_dep = new_ref.get("deprecated") or n.get("deprecated")
            if new_dep and not old_dep:
                self.emit("member-deprecated", op, direction, path)
        oe, ne = o.get("enum") or [], n.get("enum") or []
        for v in oe:
            if v not in ne:
                self.emit("enum-value-removed", op, direction, path, value=v)
        for v in ne:
            if v not in oe:
                self.emit("enum-value-added", op, direction, path, value=v)
        for c in ("min", "max"):
            if number(o.get(c)) != number(n.get(c)):
                self.emit("constraint-changed", op, direction, path, constraint=c, **{"from": number(o.get(c)), "to": number(n.get(c))})
        if o.get("pattern") != n.get("pattern"):
            self.emit("constraint-changed", op, direction, path, constraint="pattern", **{"from": o.get("pattern"), "to": n.get("pattern")})
        if tn in ("structure", "union"):
            # third appearance on the path: nothing below is compared
            if old_seen.get(old_name, 0) >= 2 or new_seen.get(new_name, 0) >= 2:
                return
            old_seen = dict(old_seen); old_seen[old_name] = old_seen.get(old_name, 0) + 1
            new_seen = dict(new_seen); new_seen[new_name] = new_seen.get(new_name, 0) + 1
            om, nm = o.get("members", {}), n.get("members", {})
            oreq, nreq = set(o.get("required", [])), set(n.get("required", []))
            for m, ref in nm.items():
                p = m if not path else path + "." + m
                if m not in om:
                    self.added(op, direction, p, m in nreq)
                    continue
                if m in nreq and m not in oreq:
                    self.emit("required-added", op, direction, p)
                if m in oreq and m not in nreq:
                    self.emit("required-removed", op, direction, p)
                self.node(op, direction, p, om[m]["shape"], ref["shape"], old_seen, new_seen, member_of=(om[m], ref))
            for m in om:
                if m not in nm:
                    self.emit("member-removed", op, direction, m if not path else path + "." + m)
        elif tn == "list":
            self.node(op, direction, path + "[]", o["member"]["shape"], n["member"]["shape"], old_seen, new_seen, None)
        elif tn == "map":
            self.node(op, direction, path + "{key}", o["key"]["shape"], n["key"]["shape"], old_seen, new_seen, None)
            self.node(op, direction, path + "{}", o["value"]["shape"], n["value"]["shape"], old_seen, new_seen, None)


def expected_changes(old_dir, new_dir, services=None):
    old, new = load_release(old_dir), load_release(new_dir)
    if services:
        old = {k: v for k, v in old.items() if k in services}
        new = {k: v for k, v in new.items() if k in services}
    out = []
    for s in sorted(set(old) | set(new)):
        if s not in old:
            out.append(dict(kind="service-added", service=s)); continue
        if s not in new:
            out.append(dict(kind="service-removed", service=s)); continue
        walker = Walker(s, old[s], new[s], out)
        oo, no = old[s]["operations"], new[s]["operations"]
        for op in sorted(set(oo) | set(no)):
            if op not in oo:
                out.append(dict(kind="operation-added", service=s, operation=op))
            elif op not in no:
                out.append(dict(kind="operation-removed", service=s, operation=op))
            else:
                walker.operation(op, oo[op], no[op])
    return out


def elided_sections(page_dirs, services):
    """(service, operation, direction) whose boto3 page says the section is too large to
    render: boto3 states nothing there, so those changes are not expected from the pages."""
    from botocore import xform_name
    out = set()
    for d in page_dirs:
        for service in services:
            folder = os.path.join(d, service, "client")
            if not os.path.isdir(folder):
                continue
            for name in os.listdir(folder):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                if "too large to render" not in text:
                    continue
                for direction, heading in (("input", "**Request Syntax**"), ("output", "**Response Syntax**")):
                    at = text.find(heading)
                    if at >= 0 and "too large to render" in text[at:at + 400]:
                        out.add((service, name[:-4], direction))
    return out


def key(c):
    return (c["kind"], c["service"], c.get("operation"), c.get("direction"), c.get("path"), c.get("value"), c.get("constraint"))


def detail(c):
    """The fields beyond the key that must agree too."""
    f, t = c.get("from"), c.get("to")
    if c["kind"] == "constraint-changed" and c.get("constraint") in ("min", "max"):
        f, t = number(f), number(t)
    return (c.get("required"), f, t)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old"); ap.add_argument("new")
    ap.add_argument("--docconform", default=".build/release/docconform")
    ap.add_argument("--diff-json", help="use this docconform.diff/1 file instead of running docconform")
    ap.add_argument("--view", choices=["full", "boto3"], default="full")
    ap.add_argument("--services", help="comma-separated services to compare (default: all)")
    ap.add_argument("--tool-old", help="what docconform reads as OLD (default: OLD_DATA_DIR)")
    ap.add_argument("--tool-new", help="what docconform reads as NEW (default: NEW_DATA_DIR)")
    args = ap.parse_args()
    global VIEW
    VIEW = args.view

    truth = expected_changes(args.old, args.new, set(args.services.split(",")) if args.services else None)
    if args.view == "boto3" and args.tool_old and args.tool_new:
        from botocore import xform_name
        services = {c["service"] for c in truth}
        elided = elided_sections([args.tool_old, args.tool_new], services)
        if elided:
            before = len(truth)
            truth = [c for c in truth if (c["service"], xform_name(c.get("operation") or ""), c.get("direction")) not in elided]
            print("note: %d expected changes dropped in %d request/response sections boto3 does not render: %s"
                  % (before - len(truth), len(elided), ", ".join(sorted("%s.%s %s" % e for e in elided))))
    if args.diff_json:
        got = json.load(open(args.diff_json))["changes"]
    else:
        run = subprocess.run([args.docconform, "diff", args.tool_old or args.old, args.tool_new or args.new,
                              "--format", "json", "--quiet", "--no-summaries"],
                             capture_output=True)
        if run.returncode not in (0, 1):
            sys.exit("docconform diff failed (%d): %s" % (run.returncode, run.stderr.decode()[-2000:]))
        got = json.loads(run.stdout)["changes"]

    want = {key(c): c for c in truth}
    have = {key(c): c for c in got}
    if len(want) != len(truth):
        print("note: ground truth has %d duplicate keys" % (len(truth) - len(want)))
    if len(have) != len(got):
        print("note: docconform output has %d duplicate keys" % (len(got) - len(have)))
    kinds = sorted({k[0] for k in want} | {k[0] for k in have})
    print("%-22s %8s %8s %8s %9s %7s %8s" % ("kind", "truth", "tool", "matched", "precision", "recall", "fieldsOK"))
    total = collections.Counter()
    for kind in kinds:
        w = {k for k in want if k[0] == kind}
        h = {k for k in have if k[0] == kind}
        m = w & h
        fields_ok = sum(1 for k in m if detail(want[k]) == detail(have[k]))
        p = len(m) / len(h) if h else 1.0
        r = len(m) / len(w) if w else 1.0
        print("%-22s %8d %8d %8d %9.4f %7.4f %8d" % (kind, len(w), len(h), len(m), p, r, fields_ok))
        total.update(truth=len(w), tool=len(h), matched=len(m))
    p = total["matched"] / total["tool"] if total["tool"] else 1.0
    r = total["matched"] / total["truth"] if total["truth"] else 1.0
    print("%-22s %8d %8d %8d %9.4f %7.4f" % ("all", total["truth"], total["tool"], total["matched"], p, r))
    for label, keys in (("missing", sorted(set(want) - set(have), key=str)), ("extra", sorted(set(have) - set(want), key=str))):
        for k in keys[:10]:
            print("%s: %s" % (label, k))
    mismatched = [k for k in set(want) & set(have) if detail(want[k]) != detail(have[k])]
    for k in sorted(mismatched, key=str)[:10]:
        print("field mismatch: %s truth=%s tool=%s" % (k, detail(want[k]), detail(have[k])))


if __name__ == "__main__":
    main()
