#!/usr/bin/env python3
"""Test-data tool: changelog text pages of one day, in both layouts, from two botocore releases.

For each service that changed between OLD and NEW it writes
  <out>/compact/changelog-compact_<service>_<date>.txt
  <out>/expanded/changelog-expanded_<service>_<date>.txt
  <out>/truth/<service>_<date>.json   (the changes the page states)

The change dicts are computed here from the two service-2.json files (added members with
their changelog-style type, added enum values, new operations), independently of
docconform's differ. The operation documentation is boto3's own RST page of the NEW release
(scripts/generate_boto3_docs.py, via scripts/bench/generate_differ_seed_pages.py for old
releases), turned into text the way the two seed layouts show it:
  compact  - no headings per operation, request/response syntax on one line, bare type and
             [REQUIRED] lines, the request dict glued to 'Response' before the response dict;
  expanded - 'Name (updated) Link ¶' headings, 'Changes (request|response|both)' labels,
             indented syntax, 'type X' / 'param X' blocks, bullet trees.

    make_changelog_pages.py --old 1.20.50 --new 1.20.51 --date 2021/04/12 --out /tmp/cl-pages [--services a,b] [--max-services N]
"""
import argparse
import gzip
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
NBSP = "\u00a0"


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def release_data(version, work):
    target = os.path.join(work, "botocore-" + version)
    data = os.path.join(target, "botocore", "data")
    if not os.path.isdir(data):
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target,
                        "botocore==" + version], check=True)
    return data


def service_model(data, service):
    folder = os.path.join(data, service)
    if not os.path.isdir(folder):
        return None
    versions = sorted(v for v in os.listdir(folder) if re.match(r"\d{4}-\d\d-\d\d$", v))
    for v in reversed(versions):
        for name in ("service-2.json", "service-2.json.gz"):
            p = os.path.join(folder, v, name)
            if os.path.exists(p):
                raw = gzip.open(p).read() if name.endswith(".gz") else open(p, "rb").read()
                return json.loads(raw)
    return None


# ---------------------------------------------------------------- changes

def summary(shapes, name, seen):
    s = shapes[name]
    t = s["type"]
    if t == "structure":
        if seen.get(name, 0) >= 2:
            return "... recursive ..."
        seen[name] = seen.get(name, 0) + 1
        out = {m: summary(shapes, ms["shape"], seen) for m, ms in s.get("members", {}).items()}
        seen[name] -= 1
        return out
    if t == "list":
        return [summary(shapes, s["member"]["shape"], seen)]
    if t == "map":
        k = summary(shapes, s["key"]["shape"], seen)
        return {k: summary(shapes, s["value"]["shape"], seen)}
    if s.get("enum"):
        return " | ".join(s["enum"])
    return t


class Walk:
    def __init__(self, old, new, service, operation, direction):
        self.old, self.new = old["shapes"], new["shapes"]
        self.service, self.operation, self.direction = service, operation, direction
        self.changes, self.tree = [], {}
        self.seen = {}

    def add(self, names, leaf, change):
        node = self.tree
        for n in names[:-1]:
            node = node.setdefault(n, {})
            if not isinstance(node, dict):
                return
        last = names[-1]
        if isinstance(leaf, set) and isinstance(node.get(last), set):
            node[last] |= leaf
        else:
            node[last] = leaf
        self.changes.append(change)

    def change(self, kind, path, **extra):
        c = {"kind": kind, "service": self.service, "operation": self.operation, "direction": self.direction, "path": path}
        c.update(extra)
        return c

    def compare(self, o, n, path, names):
        so, sn = self.old[o], self.new[n]
        if so["type"] != sn["type"]:
            return
        oe, ne = so.get("enum") or [], sn.get("enum") or []
        for v in ne:
            if v not in oe:
                self.add(names, {v}, self.change("enum-value-added", path, value=v))
        t = sn["type"]
        if t == "structure":
            if self.seen.get(n, 0) >= 2 or self.seen.get("old:" + o, 0) >= 2:
                return
            self.seen[n] = self.seen.get(n, 0) + 1
            self.seen["old:" + o] = self.seen.get("old:" + o, 0) + 1
            om = so.get("members", {})
            for m, ms in sn.get("members", {}).items():
                p = m if not path else path + "." + m
                if m in om:
                    self.compare(om[m]["shape"], ms["shape"], p, names + [m])
                else:
                    s = summary(self.new, ms["shape"], {})
                    self.add(names + [m], s, self.change("member-added", p, summary=s))
            self.seen[n] -= 1
            self.seen["old:" + o] -= 1
        elif t == "list":
            self.compare(so["member"]["shape"], sn["member"]["shape"], path + "[]", names)
        elif t == "map":
            self.compare(so["value"]["shape"], sn["value"]["shape"], path + "{}", names)


def operation_changes(old, new, service, name):
    result = {}
    for direction, key in (("input", "input"), ("output", "output")):
        o = old["operations"][name].get(key, {}).get("shape")
        n = new["operations"][name].get(key, {}).get("shape")
        w = Walk(old, new, service, name, direction)
        if n and o:
            w.compare(o, n, "", [])
        elif n:
            for m, ms in new["shapes"][n].get("members", {}).items():
                s = summary(new["shapes"], ms["shape"], {})
                w.add([m], s, w.change("member-added", m, summary=s))
        if w.changes:
            result[direction] = w
    return result


def literal(v):
    """Python repr of a change-dict value; sets keep their page order."""
    if isinstance(v, set):
        return "{" + ", ".join(repr(x) for x in sorted(v)) + "}"
    if isinstance(v, dict):
        return "{" + ", ".join("%r: %s" % (k, literal(x)) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(literal(x) for x in v) + "]"
    return repr(v)


# ---------------------------------------------------------------- RST -> text

INLINE = [
    (re.compile(r"``(.+?)``"), r"\1"),
    (re.compile(r"`([^`<]+?)\s*<[^>]*>`__?"), r"\1"),
    (re.compile(r":[a-z:]+:`([^`<]+?)\s*<[^>`]*>`"), r"\1"),
    (re.compile(r":[a-z:]+:`\.?([^`]+)`"), r"\1"),
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"(?<![\w*])\*([^*\s][^*]*?)\*(?!\w)"), r"\1"),
]


def inline(text):
    for rx, rep in INLINE:
        text = rx.sub(rep, text)
    return text


BULLET = re.compile(r"^- (?:\*\*(?P<name>[^*]+)\*\* )?\*?\((?P<type>[^)]*)\)\s*--\*?\s*(?P<rest>.*)$")


def rst_to_text(rst, compact):
    out = []
    lines = rst.split("\n")
    i = 0

    def emit(text, indent=0):
        if compact:
            if text.strip():
                out.append(text.strip())
        else:
            if not text.strip():
                if out and out[-1] != "":
                    out.append("")
            else:
                out.append(" " * indent + text.strip())

    def blank():
        emit("")

    while i < len(lines):
        raw = lines[i]
        s = raw.strip()
        ind = len(raw) - len(raw.lstrip(" "))
        i += 1
        if not s or s.startswith(":doc:") or set(s) == {"*"} or s.startswith(".. py:method::") or s.startswith(".. _"):
            if not s:
                blank()
            continue
        if i < len(lines) and set(lines[i].strip() or "x") == {"*"} and lines[i - 2:i - 1] and set(lines[i - 2].strip() or "x") == {"*"}:
            continue  # the title between two star lines
        if s.startswith("See also: `AWS API Documentation"):
            emit("See also: AWS API Documentation", ind - 2 if not compact else 0); blank(); continue
        if s in ("**Request Syntax**", "**Response Syntax**", "**Parameters**"):
            emit(s.strip("*")); blank()
            while i < len(lines) and lines[i].strip() in ("", "::"):
                i += 1
            code = []
            base = None
            while i < len(lines):
                l = lines[i]
                if l.strip().startswith("**") and l.strip().endswith("**"):
                    break  # the next heading (boto3 writes `**Parameters**` at code indentation)
                if l.strip():
                    li = len(l) - len(l.lstrip(" "))
                    if base is None:
                        base = li
                    if li < base:
                        break
                    code.append(l[base:].rstrip())
                i += 1
            if code and code[0].startswith("response = "):
                code[0] = code[0][len("response = "):]
            if compact:
                emit(" ".join(c.strip() for c in code))
            else:
                for c in code:
                    out.append(c)
                blank()
            continue
        if s == "**Response Structure**":
            emit("Response Structure"); blank(); continue
        if s == "**Examples**":
            break  # the seed pages show no examples
        if s == "**Exceptions**":
            emit("Exceptions"); blank(); continue
        m = re.match(r"^:type (\S+): (.*)$", s)
        if m:
            if not compact:
                emit("type " + m.group(1)); blank()
            emit(inline(m.group(2))); blank(); continue
        m = re.match(r"^:param (\S+):\s*(.*)$", s)
        if m:
            if not compact:
                emit("param " + m.group(1)); blank()
            rest = m.group(2)
            if "**[REQUIRED]**" in rest:
                emit("[REQUIRED]"); blank()
                rest = rest.replace("**[REQUIRED]**", "")
            if rest.strip():
                emit(inline(rest), 0); blank()
            continue
        m = re.match(r"^:rtype: (.*)$", s)
        if m:
            if not compact:
                emit("rtype"); blank()
            emit(inline(m.group(1))); blank(); continue
        m = re.match(r"^:returns:\s*(.*)$", s)
        if m:
            if not compact:
                emit("returns"); blank()
            if m.group(1).strip():
                emit(inline(m.group(1))); blank()
            continue
        m = BULLET.match(s)
        if m:
            name = m.group("name")
            head = (name + " " if name else "") + "(" + inline(m.group("type")) + ") --"
            rest = m.group("rest").replace("**[REQUIRED]**", "[REQUIRED]").strip()
            if rest:
                head += " " + inline(rest)
            emit(head if compact else NBSP.join([]) + "• " + head, max(0, ind - 2)); blank(); continue
        if s.startswith(".. note::"):
            emit("Note", max(0, ind - 2)); blank()
            rest = s[len(".. note::"):].strip()
            if rest:
                emit(inline(rest), max(0, ind)); blank()
            continue
        if s.startswith(".. ") or s == "::":
            continue
        m = re.match(r"^[*-] +(.*)$", s)
        if m:
            emit(("" if compact else "• ") + inline(m.group(1)), max(0, ind - 2)); continue
        emit(inline(s), max(0, ind - 2))
    while out and out[-1] == "":
        out.pop()
    return out


# ---------------------------------------------------------------- pages

def counts_phrase(new_ops, updated):
    parts = []
    if new_ops:
        parts.append("%d new" % len(new_ops))
    if updated:
        parts.append("%d updated" % len(updated))
    n = len(new_ops) + len(updated)
    return " ".join(parts) + (" api method" if n == 1 else " api methods")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--date", required=True, help="YYYY/MM/DD of the page")
    ap.add_argument("--out", required=True)
    ap.add_argument("--services", help="only these services (default: every service that changed)")
    ap.add_argument("--max-services", type=int, default=6)
    ap.add_argument("--max-operations", type=int, default=25, help="skip services with more changed operations")
    ap.add_argument("--work", default="/tmp/docconform-changelog-gen")
    args = ap.parse_args()
    seedgen = load_module("seedgen", os.path.join(ROOT, "scripts/bench/generate_differ_seed_pages.py"))
    gen = load_module("generate_boto3_docs", os.path.join(ROOT, "scripts/generate_boto3_docs.py"))
    old_data, new_data = release_data(args.old, args.work), release_data(args.new, args.work)
    services = args.services.split(",") if args.services else sorted(os.listdir(new_data))
    date = args.date.replace("/", "-")
    written = 0
    for service in services:
        if written >= args.max_services:
            break
        old, new = service_model(old_data, service), service_model(new_data, service)
        if not old or not new or old == new:
            continue
        new_ops = sorted(n for n in new["operations"] if n not in old["operations"])
        updated = {}
        for name in sorted(new["operations"]):
            if name in old["operations"]:
                ch = operation_changes(old, new, service, name)
                if ch:
                    updated[name] = ch
        if not updated and not new_ops:
            continue
        if len(updated) + len(new_ops) > args.max_operations:
            print("%s: %d operations changed, skipped" % (service, len(updated) + len(new_ops)), file=sys.stderr)
            continue
        # boto3's pages of the new release.
        seedgen.release_data = lambda version, work: release_data(version, work)
        data = seedgen.generation_data(args.new, [service], args.work)
        pages_dir = os.path.join(args.work, "pages-%s-%s" % (args.new, service))
        shutil.rmtree(pages_dir, ignore_errors=True)
        gen._init_worker(data, pages_dir)
        _, count, error, _ = gen._document(service)
        if error:
            print("%s: boto3 docs failed: %s" % (service, error), file=sys.stderr)
            continue
        client = os.path.join(pages_dir, service, "client")
        by_op = {}
        for f in os.listdir(client):
            text = open(os.path.join(client, f)).read()
            m = re.search(r"/goto/WebAPI/[^/]+/(\w+)>", text)
            if m:
                by_op[m.group(1)] = text
        names = sorted(set(updated) | set(new_ops))
        missing = [n for n in names if n not in by_op]
        if missing:
            print("%s: no boto3 page for %s, skipped" % (service, ", ".join(missing)), file=sys.stderr)
            continue
        title = new["metadata"].get("serviceFullName", service)
        heading = "%s - %s - %s" % (args.date, title, counts_phrase(new_ops, updated))
        prose = "Generated test page: %s changes between botocore %s and %s." % (title, args.old, args.new)
        truth = []
        compact = [heading, "Changes " + prose]
        expanded = [title, "", heading, "", "Changes" + NBSP + " " + prose, ""]
        for name in names:
            if name in new_ops:
                truth.append({"kind": "operation-added", "service": service, "operation": name})
                expanded += [name + NBSP + "(new) Link ¶", ""]
            else:
                ch = updated[name]
                req, resp = ch.get("input"), ch.get("output")
                # boto3 leaves out syntax it finds too large: such a page shows the dict but
                # not where its list levels are, so those changes cannot be placed.
                hidden = "This section is too large to render" in by_op[name]
                for w in (req, resp):
                    if w:
                        truth += [dict(c, placeable=not hidden) for c in w.changes]
                if req and resp:
                    compact.append(literal(req.tree) + "Response")
                    compact.append(literal(resp.tree))
                    expanded += [name + NBSP + "(updated) Link ¶", "Changes (both)", literal(req.tree), "Response", literal(resp.tree), ""]
                else:
                    w = req or resp
                    compact.append(literal(w.tree))
                    expanded += [name + NBSP + "(updated) Link ¶", "Changes (%s)" % ("request" if req else "response"), literal(w.tree), ""]
            compact += rst_to_text(by_op[name], True)
            expanded += rst_to_text(by_op[name], False) + [""]
        for layout, lines in (("compact", compact), ("expanded", expanded)):
            os.makedirs(os.path.join(args.out, layout), exist_ok=True)
            with open(os.path.join(args.out, layout, "changelog-%s_%s_%s.txt" % (layout, service, date)), "w") as fh:
                fh.write("\n".join(lines).rstrip("\n") + "\n")
        os.makedirs(os.path.join(args.out, "truth"), exist_ok=True)
        with open(os.path.join(args.out, "truth", "%s_%s.json" % (service, date)), "w") as fh:
            json.dump({"old": args.old, "new": args.new, "date": date, "changes": truth}, fh, indent=1)
        written += 1
        print("%s %s: %d updated, %d new operations, %d changes" % (service, date, len(updated), len(new_ops), len(truth)), file=sys.stderr)


if __name__ == "__main__":
    main()
