#!/usr/bin/env python3
"""Generate a labelled payload corpus from botocore's models for measuring validator accuracy.

Each record is a docconform.payload line plus labels:
  "expect": null                       -> the record is valid
  "expect": {"code": C, "path": P}     -> exactly one fault of code C injected at path P

Values come straight from botocore's service-2.json shapes (not from docconform's model):
enums pick a documented value, patterns are sampled with a small generator over Python's
regex parser (Java-only syntax translated first) and checked with Python's `re`, lengths and
ranges stay inside min/max. Faulty records inject one violation each of: required, unknown,
type, enum, length, range, pattern, union, operation — chosen so that no other constraint is
broken (checked the same way).

Usage: gen_labelled_payloads.py [--services N] [--per-op K] [--seed S] [--out FILE]
       gen_labelled_payloads.py --score CORPUS.jsonl RESULTS.json   (RESULTS from validate --format json)
Requires botocore 1.43.11 (pinned; pass --any-version to skip the check).
"""
import argparse
import base64
import json
import random
import re
import sys

try:
    import re._parser as sre_parse  # Python 3.11+
    import re._constants as sre_c
except ImportError:  # pragma: no cover
    import sre_parse
    import sre_constants as sre_c

import botocore
import botocore.session

PINNED = "1.43.11"

# ---------------------------------------------------------------- Java regex -> Python

PROPS = {  # ASCII subsets of Java properties: enough to sample values and to test candidates
    "L": "a-zA-Z", "Lu": "A-Z", "Ll": "a-z", "Alpha": "a-zA-Z", "Alnum": "a-zA-Z0-9",
    "N": "0-9", "Nd": "0-9", "Digit": "0-9", "Z": " ", "Zs": " ", "Space": " \\t\\n\\x0b\\f\\r",
    "P": "!-#%-*,-/:;?@\\[-\\]_{}", "Punct": "!-/:-@\\[-`{-~", "S": "$+<->^`|~", "Sm": "+<->|~", "Sc": "$",
    "Print": " -~", "Graph": "!-~", "ASCII": "\\x00-\\x7f", "XDigit": "0-9a-fA-F", "Lower": "a-z", "Upper": "A-Z",
    "M": "\\u0300-\\u036f", "Mn": "\\u0300-\\u036f", "Cntrl": "\\x00-\\x1f\\x7f", "Blank": " \\t",
    "C": "\\x00-\\x1f\\x7f", "Cc": "\\x00-\\x1f\\x7f",
}
NEG_PROPS = {"C": " -~", "Cc": " -~", "L": "0-9 _.", "N": "a-zA-Z _.", "Z": "a-zA-Z0-9_."}


class Untranslatable(Exception):
    pass


def java_to_python(p):
    # surrogate pairs written as escapes -> the supplementary code point
    def pair(m):
        hi, lo = int(m.group(1), 16), int(m.group(2), 16)
        return "\\U%08x" % (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
    p = re.sub(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", pair, p, flags=re.I)
    if re.search(r"\\u(d[89a-f][0-9a-f]{2})", p, flags=re.I):
        raise Untranslatable("lone surrogate")
    out, i, depth = [], 0, 0
    while i < len(p):
        c = p[i]
        if c == "\\" and i + 1 < len(p):
            e = p[i + 1]
            if e in "pP":
                m = re.match(r"\\[pP](\{(\^?)([A-Za-z_=]+)\}|([A-Za-z]))", p[i:])
                if not m:
                    raise Untranslatable("bad property")
                name = m.group(3) or m.group(4)
                name = name[2:] if name.startswith("Is") else name
                neg = (e == "P") != bool(m.group(2))
                if not neg:
                    body = PROPS.get(name)
                    if body is None:
                        raise Untranslatable("property " + name)
                    out.append(body if depth else "[" + body + "]")
                else:
                    if depth:
                        raise Untranslatable("negated property in class")
                    body = PROPS.get(name)
                    if body is None:
                        raise Untranslatable("property " + name)
                    out.append("[^" + body + "]")
                i += len(m.group(0))
                continue
            if e == "z":
                out.append("\\Z"); i += 2; continue
            if e == "Z":
                out.append("(?=\\n?\\Z)"); i += 2; continue
            if e in "hHvVRX":
                raise Untranslatable("escape \\" + e)
            out.append(p[i:i + 2]); i += 2; continue
        if c == "[":
            if depth and not (i > 0 and p[i - 1] == "\\"):
                raise Untranslatable("nested class")
            depth += 1
            out.append(c); i += 1
            if i < len(p) and p[i] == "^":
                out.append("^"); i += 1
            if i < len(p) and p[i] == "]":
                out.append("\\]"); i += 1
            continue
        if c == "]" and depth:
            depth -= 1
        if depth and c == "&" and p[i:i + 2] == "&&":
            raise Untranslatable("class intersection")
        if depth and c == "[":
            raise Untranslatable("nested class")
        out.append(c); i += 1
    py = "".join(out)
    # Java's ASCII-only \d \w \s
    return re.compile(py, re.ASCII)


# ---------------------------------------------------------------- sampling from a regex

PRINTABLE = [chr(c) for c in range(0x20, 0x7F)]


def class_chars(items, rnd):
    """Candidate characters for an IN node."""
    neg = False
    chars = []
    for op, av in items:
        if op == sre_c.NEGATE:
            neg = True
        elif op == sre_c.LITERAL:
            chars.append(chr(av))
        elif op == sre_c.RANGE:
            lo, hi = av
            if hi - lo > 200:
                chars.extend(chr(c) for c in range(lo, lo + 100) if not 0xD800 <= c <= 0xDFFF)
            else:
                chars.extend(chr(c) for c in range(lo, hi + 1) if not 0xD800 <= c <= 0xDFFF)
        elif op == sre_c.CATEGORY:
            chars.extend(CATS.get(av, []))
    if neg:
        excluded = set(chars)
        return [c for c in PRINTABLE if c not in excluded and c not in "\n\r"]
    return chars


CATS = {
    sre_c.CATEGORY_DIGIT: list("0123456789"),
    sre_c.CATEGORY_NOT_DIGIT: list("abcXYZ_-"),
    sre_c.CATEGORY_WORD: list("abcxyzABCXYZ0189_"),
    sre_c.CATEGORY_NOT_WORD: list("-.:/ "),
    sre_c.CATEGORY_SPACE: list(" "),
    sre_c.CATEGORY_NOT_SPACE: list("abcxyzABC0189_-."),
}


class Sampler:
    def __init__(self, rnd, max_repeat):
        self.rnd = rnd
        self.max_repeat = max_repeat

    def sample(self, parsed):
        return "".join(self.node(op, av) for op, av in parsed)

    def node(self, op, av):
        r = self.rnd
        if op == sre_c.LITERAL:
            return chr(av)
        if op == sre_c.NOT_LITERAL:
            return r.choice([c for c in "abcXYZ019_-" if ord(c) != av])
        if op == sre_c.ANY:
            return r.choice("abcxyzABC0189_-.")
        if op == sre_c.IN:
            chars = class_chars(av, r)
            if not chars:
                raise Untranslatable("empty class")
            return r.choice(chars)
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            hi = lo + self.max_repeat if hi == sre_c.MAXREPEAT else hi
            n = r.randint(lo, max(lo, min(hi, lo + self.max_repeat)))
            return "".join(self.sample(sub) for _ in range(n))
        if op == sre_c.SUBPATTERN:
            return self.sample(av[-1])
        if op == getattr(sre_c, "ATOMIC_GROUP", None):
            return self.sample(av)
        if op == sre_c.BRANCH:
            return self.sample(r.choice(av[1]))
        if op == sre_c.AT:
            return ""
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            return ""
        if op == sre_c.CATEGORY:
            return r.choice(CATS.get(av, ["a"]))
        raise Untranslatable("op %s" % op)


# ---------------------------------------------------------------- value generation

class Generator:
    def __init__(self, service, model, rnd):
        self.service = service
        self.shapes = model["shapes"]
        self.rnd = rnd
        self.regex_cache = {}

    def regex(self, pattern):
        if pattern not in self.regex_cache:
            try:
                compiled = java_to_python(pattern)
                parsed = sre_parse.parse(compiled.pattern, re.ASCII)
                self.regex_cache[pattern] = (compiled, parsed)
            except (Untranslatable, re.error, RecursionError, OverflowError):
                self.regex_cache[pattern] = None
        return self.regex_cache[pattern]

    def string_ok(self, shape, s):
        n = len(s)
        if "min" in shape and n < shape["min"]:
            return False
        if "max" in shape and n > shape["max"]:
            return False
        if "enum" in shape and s not in shape["enum"]:
            return False
        if "pattern" in shape:
            rx = self.regex(shape["pattern"])
            if rx is None:
                return False
            try:
                if not rx[0].search(s):
                    return False
            except RecursionError:
                return False
        return True

    def gen_string(self, shape):
        if "enum" in shape:
            choices = [v for v in shape["enum"] if self.string_ok(shape, v)]
            if not choices:
                raise Untranslatable("no valid enum value")
            return self.rnd.choice(choices)
        lo = shape.get("min", 0)
        hi = shape.get("max", lo + 12)
        if "pattern" in shape:
            rx = self.regex(shape["pattern"])
            if rx is None:
                raise Untranslatable("pattern")
            for attempt in range(40):
                try:
                    s = Sampler(self.rnd, 3 if attempt < 20 else 1).sample(rx[1])
                except (Untranslatable, RecursionError):
                    raise Untranslatable("pattern")
                if len(s) < lo:
                    # pad by repeating the sample when the pattern allows it
                    s2 = (s * (lo // max(len(s), 1) + 1))[:max(lo, len(s))] if s else s
                    if self.string_ok(shape, s2):
                        return s2
                if self.string_ok(shape, s):
                    return s
            raise Untranslatable("cannot sample pattern within length")
        n = self.rnd.randint(lo, min(hi, lo + 12))
        s = "".join(self.rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))
        return s

    def gen(self, name, depth=0, stack=()):
        shape = self.shapes[name]
        t = shape["type"]
        r = self.rnd
        if t == "structure":
            if shape.get("document"):
                return {"doc": [1, "two", None, True]}
            members = shape.get("members", {})
            if shape.get("union"):
                options = [m for m, ref in members.items() if ref["shape"] not in stack or depth < 3]
                r.shuffle(options)
                for m in options:
                    try:
                        return {m: self.gen(members[m]["shape"], depth + 1, stack + (name,))}
                    except Untranslatable:
                        continue
                raise Untranslatable("union")
            out = {}
            required = set(shape.get("required", []))
            for m, ref in members.items():
                if ref.get("streaming") or self.shapes[ref["shape"]].get("eventstream"):
                    if m in required:
                        raise Untranslatable("streaming required")
                    continue
                take = m in required or (depth < 4 and ref["shape"] not in stack and r.random() < 0.6)
                if not take:
                    continue
                try:
                    out[m] = self.gen(ref["shape"], depth + 1, stack + (name,))
                except Untranslatable:
                    if m in required:
                        raise
            return out
        if t == "list":
            lo = shape.get("min", 0)
            hi = shape.get("max", lo + 3)
            if depth > 6 or shape["member"]["shape"] in stack:
                n = lo
            else:
                n = r.randint(lo, min(hi, lo + 3))
            return [self.gen(shape["member"]["shape"], depth + 1, stack + (name,)) for _ in range(n)]
        if t == "map":
            lo = shape.get("min", 0)
            hi = shape.get("max", lo + 3)
            n = lo if depth > 6 else r.randint(lo, min(hi, lo + 3))
            out = {}
            kshape = self.shapes[shape["key"]["shape"]]
            for _ in range(n * 5):
                if len(out) >= n:
                    break
                k = self.gen_string(kshape)
                out[k] = None
            if len(out) < lo:
                raise Untranslatable("map keys")
            return {k: self.gen(shape["value"]["shape"], depth + 1, stack + (name,)) for k in out}
        if t == "string":
            return self.gen_string(shape)
        if t in ("integer", "long"):
            lo = int(shape.get("min", 0))
            hi = int(shape.get("max", lo + 1000))
            return r.randint(lo, min(hi, lo + 1000))
        if t in ("float", "double"):
            lo = float(shape.get("min", 0))
            hi = float(shape.get("max", lo + 1000.0))
            return round(r.uniform(lo, min(hi, lo + 1000.0)), 3) if hi > lo else lo
        if t == "boolean":
            return r.random() < 0.5
        if t == "timestamp":
            return r.choice(["2015-01-01T00:00:00Z", "2024-02-29T12:30:45.123Z", "2020-06-01T08:00:00+02:00", 1700000000])
        if t == "blob":
            lo = int(shape.get("min", 0))
            hi = int(shape.get("max", lo + 16))
            n = r.randint(lo, min(hi, lo + 16))
            return base64.b64encode(bytes(r.randrange(256) for _ in range(n))).decode()
        raise Untranslatable("type " + t)


# ---------------------------------------------------------------- fault injection

def join(path, member):
    return member if not path else path + "." + member


def set_at(root, path_items, new):
    """path_items: list of keys/indices from root."""
    cur = root
    for k in path_items[:-1]:
        cur = cur[k]
    cur[path_items[-1]] = new


def locations_items(gen, value, shape_name, items=(), ref=None):
    """Where a fault may go. A value reached through a `jsonvalue` reference is none: it is
    JSON text on the wire and any JSON value once parsed, so no value there is wrong."""
    if ref is not None and ref.get("jsonvalue"):
        return
    shape = gen.shapes[shape_name]
    yield items, shape_name, value
    t = shape["type"]
    if t == "structure" and not shape.get("document") and isinstance(value, dict):
        for m, v in value.items():
            yield from locations_items(gen, v, shape["members"][m]["shape"], items + (m,), shape["members"][m])
    elif t == "list" and isinstance(value, list):
        for i, v in enumerate(value):
            yield from locations_items(gen, v, shape["member"]["shape"], items + (i,), shape["member"])
    elif t == "map" and isinstance(value, dict):
        for k, v in value.items():
            yield from locations_items(gen, v, shape["value"]["shape"], items + (("__mapkey__", k),), shape["value"])


def render(items):
    out = ""
    for it in items:
        if isinstance(it, int):
            out += "[%d]" % it
        elif isinstance(it, tuple):
            out += "[%s]" % json.dumps(it[1], ensure_ascii=False)
        else:
            out = join(out, it)
    return out


def resolve(items):
    return [it[1] if isinstance(it, tuple) else it for it in items]


def inject(gen, payload, root_shape, code, rnd):
    """Mutates a deep copy of payload with one fault of `code`; returns (payload, path) or None."""
    p = json.loads(json.dumps(payload))
    locs = list(locations_items(gen, p, root_shape))
    rnd.shuffle(locs)
    S = gen.shapes
    for items, sname, value in locs:
        sh = S[sname]
        t = sh["type"]
        if code == "required" and t == "structure" and not sh.get("document") and isinstance(value, dict):
            req = [m for m in sh.get("required", []) if m in value]
            if req and not sh.get("union"):
                m = rnd.choice(req)
                del value[m]
                return p, render(items + (m,))
        if code == "unknown" and t == "structure" and not sh.get("document") and isinstance(value, dict) and not sh.get("union"):
            m = "NotAMember%d" % rnd.randrange(1000)
            if m not in sh.get("members", {}):
                value[m] = "x"
                return p, render(items + (m,))
        if code == "type" and items:
            wrong = {"string": 12345, "integer": "12", "long": "12", "float": "1.5", "double": "1.5", "boolean": "true",
                     "timestamp": True, "blob": 42, "list": {"a": 1}, "map": [1], "structure": "x"}.get(t)
            if t == "structure" and sh.get("document"):
                continue
            if wrong is None:
                continue
            set_at(p, resolve(items), wrong)
            return p, render(items)
        if code == "enum" and t == "string" and "enum" in sh and items:
            for cand in ["NOT_A_VALUE", "bogus", "X", "invalid-value", "zz"]:
                if cand in sh["enum"]:
                    continue
                ok = all([("min" not in sh or len(cand) >= sh["min"]), ("max" not in sh or len(cand) <= sh["max"])])
                if "pattern" in sh:
                    rx = gen.regex(sh["pattern"])
                    ok = ok and rx is not None and rx[0].search(cand) is not None
                if ok:
                    set_at(p, resolve(items), cand)
                    return p, render(items)
        if code == "length" and items:
            if t == "string" and "enum" not in sh and ("min" in sh or "max" in sh) and isinstance(value, str):
                cands = []
                if sh.get("min", 0) > 0:
                    cands.append(value[: sh["min"] - 1])
                if "max" in sh and sh["max"] < 5000 and value:
                    cands.append((value * (sh["max"] // max(len(value), 1) + 2))[: sh["max"] + 1])
                for cand in cands:
                    ok = True
                    if "pattern" in sh:
                        rx = gen.regex(sh["pattern"])
                        ok = rx is not None and rx[0].search(cand) is not None
                    if ok:
                        set_at(p, resolve(items), cand)
                        return p, render(items)
            if t == "blob" and ("min" in sh or "max" in sh):
                if sh.get("min", 0) > 0:
                    n = sh["min"] - 1
                elif "max" in sh and sh["max"] < 100000:
                    n = sh["max"] + 1
                else:
                    continue
                set_at(p, resolve(items), base64.b64encode(b"\x01" * n).decode())
                return p, render(items)
            if t == "list" and isinstance(value, list) and ("min" in sh or "max" in sh):
                if sh.get("min", 0) > 0:
                    set_at(p, resolve(items), value[: sh["min"] - 1])
                    return p, render(items)
                if "max" in sh and sh["max"] < 200 and value:
                    set_at(p, resolve(items), (value * (sh["max"] + 1))[: sh["max"] + 1])
                    return p, render(items)
        if code == "range" and t in ("integer", "long", "float", "double") and items and isinstance(value, (int, float)):
            if "min" in sh and sh["min"] > -(2 ** 31):
                set_at(p, resolve(items), int(sh["min"]) - 1 if t in ("integer", "long") else float(sh["min"]) - 1.5)
                return p, render(items)
            if "max" in sh and sh["max"] < 2 ** 62:
                set_at(p, resolve(items), int(sh["max"]) + 1 if t in ("integer", "long") else float(sh["max"]) + 1.5)
                return p, render(items)
            if t == "integer" and "max" not in sh:
                set_at(p, resolve(items), 2 ** 31)
                return p, render(items)
        if code == "pattern" and t == "string" and "pattern" in sh and "enum" not in sh and items:
            rx = gen.regex(sh["pattern"])
            if rx is None:
                continue
            lo, hi = sh.get("min", 0), sh.get("max", 10 ** 9)
            for cand in ["!", "#", "~", " ", "\t", "é", "!" * max(lo, 1), "#" * max(lo, 1), "@" * max(lo, 1), " " * max(lo, 1)]:
                if lo <= len(cand) <= hi and rx[0].search(cand) is None:
                    set_at(p, resolve(items), cand)
                    return p, render(items)
        if code == "union" and t == "structure" and sh.get("union") and isinstance(value, dict):
            if rnd.random() < 0.5 or len(sh["members"]) < 2:
                value.clear()
                return p, render(items)
            others = [m for m in sh["members"] if m not in value]
            rnd.shuffle(others)
            for m in others:
                try:
                    value[m] = gen.gen(sh["members"][m]["shape"], 3)
                    return p, render(items)
                except Untranslatable:
                    continue
    return None


CODES = ["required", "unknown", "type", "enum", "length", "range", "pattern", "union", "operation"]


def score(corpus_path, results_path):
    """Compares `docconform validate --format json` results with the corpus labels."""
    expect = {}
    with open(corpus_path) as f:
        for line in f:
            rec = json.loads(line)
            expect[rec["id"]] = rec["expect"]
    with open(results_path) as f:
        results = json.load(f)["results"]
    valid_ok = valid_n = fault_ok = fault_n = extras = 0
    misses = {}
    seen = set()
    for r in results:
        rid = r.get("id")
        if rid not in expect:
            continue
        seen.add(rid)
        e = expect[rid]
        errs = [(x["code"], x["path"]) for x in r["errors"]]
        if e is None:
            valid_n += 1
            if not errs:
                valid_ok += 1
            else:
                misses.setdefault("valid-flagged", []).append((rid, errs[:3]))
        else:
            fault_n += 1
            if (e["code"], e["path"]) in errs:
                fault_ok += 1
                if len(errs) > 1:
                    extras += 1
                    misses.setdefault("extra-" + e["code"], []).append((rid, e, errs[:4]))
            else:
                misses.setdefault("missed-" + e["code"], []).append((rid, e, errs[:3]))
    missing = len(set(expect) - seen)
    print("valid: %d/%d pass (%.3f%%)" % (valid_ok, valid_n, 100.0 * valid_ok / max(valid_n, 1)))
    print("faulty: %d/%d expected code at expected path (%.3f%%); %d with extra errors; %d records without a result"
          % (fault_ok, fault_n, 100.0 * fault_ok / max(fault_n, 1), extras, missing))
    for k, v in sorted(misses.items()):
        print("  %s: %d e.g. %s" % (k, len(v), v[:3]))
    return 0 if valid_ok == valid_n and fault_ok == fault_n and extras == 0 and missing == 0 else 1


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--score":
        sys.exit(score(sys.argv[2], sys.argv[3]))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--services", type=int, default=50)
    ap.add_argument("--per-op", type=int, default=1, help="valid records per operation and direction")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="-")
    ap.add_argument("--any-version", action="store_true")
    ap.add_argument("--service-list", help="comma-separated services instead of a random sample")
    ap.add_argument("--max-ops", type=int, default=0, help="at most this many operations per service (0: all)")
    args = ap.parse_args()
    if botocore.__version__ != PINNED and not args.any_version:
        sys.exit("botocore %s installed; this corpus is pinned to %s (pip install --target DIR botocore==%s)"
                 % (botocore.__version__, PINNED, PINNED))
    sys.setrecursionlimit(10000)
    rnd = random.Random(args.seed)
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    services = sorted(loader.list_available_services("service-2"))
    if args.service_list:
        chosen = args.service_list.split(",")
    else:
        chosen = sorted(random.Random(args.seed).sample(services, min(args.services, len(services))))
    out = sys.stdout if args.out == "-" else open(args.out, "w")
    counts = {"valid": 0}
    n = 0
    for svc in chosen:
        model = loader.load_service_model(svc, "service-2")
        gen = Generator(svc, model, rnd)
        ops = sorted(model["operations"].items())
        if args.max_ops:
            ops = random.Random(args.seed).sample(ops, min(args.max_ops, len(ops)))
        for op_name, op in ops:
            for direction, key in (("request", "input"), ("response", "output")):
                if key not in op:
                    continue
                root = op[key]["shape"]
                for _ in range(args.per_op):
                    try:
                        payload = gen.gen(root)
                    except (Untranslatable, RecursionError):
                        continue
                    n += 1
                    rec = {"id": "v%d" % n, "service": svc, "operation": op_name, "direction": direction,
                           "payload": payload, "expect": None}
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    counts["valid"] += 1
                    # the rarest code first, so every code gets its share
                    for c in sorted(CODES, key=lambda c: (counts.get(c, 0), rnd.random())):
                        if c == "operation":
                            faulty = {"id": "f%d" % n, "service": svc, "operation": op_name + "Nope", "direction": direction,
                                      "payload": payload, "expect": {"code": "operation", "path": ""}}
                        else:
                            try:
                                r = inject(gen, payload, root, c, rnd)
                            except (Untranslatable, RecursionError):
                                r = None
                            if r is None:
                                continue
                            faulty = {"id": "f%d" % n, "service": svc, "operation": op_name, "direction": direction,
                                      "payload": r[0], "expect": {"code": c, "path": r[1]}}
                        out.write(json.dumps(faulty, ensure_ascii=False) + "\n")
                        counts[c] = counts.get(c, 0) + 1
                        break
    if out is not sys.stdout:
        out.close()
    print("services=%d %s" % (len(chosen), json.dumps(counts, sort_keys=True)), file=sys.stderr)


if __name__ == "__main__":
    main()
