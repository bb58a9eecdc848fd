#!/usr/bin/env python3
"""Compares two docconform.model/1 files in what AWS reference pages state.

Usage: compare_models.py REFERENCE.json TRUTH.json [--service NAME] [--verbose]

An independent check of the reference-page parser (used while developing it and to
measure fidelity on generated pages): it walks each operation's input and output in both
models and lists every difference in type, members, required (input only), enum, min, max
and pattern. It ignores what pages never state: the types of URI/header/query members,
no output vs an empty one, a map's min of 1, shape names, documentation.
"""
import json
import sys


def resolve(shape, shapes):
    if shape is not None and "ref" in shape:
        return shapes.get(shape["ref"], {}), shape["ref"]
    return shape, None


def compare(a, b, path, out, sa, sb, seen, direction, located=False):
    a, ra = resolve(a, sa)
    b, rb = resolve(b, sb)
    key = (ra or rb)
    if key:
        if seen.count(key) >= 2:
            return
        seen = seen + [key]
    ta, tb = a.get("type"), b.get("type")
    if ta != tb and not located:
        out.append(f"{path}: type {ta} != {tb}")
        return
    for fact in ("enum", "pattern", "min", "max"):
        va, vb = a.get(fact), b.get(fact)
        if fact == "min" and ta == "map" and vb == 1 and va is None:
            continue
        if va != vb:
            out.append(f"{path}: {fact} {str(va)[:80]!s} != {str(vb)[:80]!s}")
    if ta in ("structure", "union"):
        ma, mb = a.get("members", {}), b.get("members", {})
        for name in ma:
            if name not in mb:
                out.append(f"{path}.{name}: only in reference")
        for name in mb:
            if name not in ma:
                out.append(f"{path}.{name}: only in truth")
        if direction == "input":
            if sorted(a.get("required", [])) != sorted(b.get("required", [])):
                out.append(f"{path}: required {sorted(a.get('required', []))} != {sorted(b.get('required', []))}")
        for name in ma:
            if name in mb:
                loc = mb[name].get("location") in ("uri", "header", "querystring", "headers")
                compare(ma[name], mb[name], f"{path}.{name}", out, sa, sb, seen, direction, loc)
    elif ta == "list":
        compare(a.get("member", {}), b.get("member", {}), path + "[]", out, sa, sb, seen, direction)
    elif ta == "map":
        compare(a.get("key", {}), b.get("key", {}), path + "{key}", out, sa, sb, seen, direction)
        compare(a.get("value", {}), b.get("value", {}), path + "{}", out, sa, sb, seen, direction)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    ref = json.load(open(args[0]))
    truth = json.load(open(args[1]))
    service = None
    if "--service" in sys.argv:
        service = sys.argv[sys.argv.index("--service") + 1]
    total = equal = 0
    for sname, rs in ref["services"].items():
        ts = truth["services"].get(service or sname)
        if ts is None:
            print(f"service {sname}: not in truth")
            continue
        for oname, rop in rs["operations"].items():
            total += 1
            top = ts["operations"].get(oname)
            if top is None:
                print(f"{sname}.{oname}: not in truth")
                continue
            out = []
            for direction in ("input", "output"):
                empty = {"type": "structure", "members": {}}
                compare(rop.get(direction) or empty, top.get(direction) or empty, f"{oname} {direction}", out,
                        rs.get("shapes", {}), ts.get("shapes", {}), [], direction)
            if not out:
                equal += 1
            elif verbose:
                print("\n".join(out))
            else:
                print(f"{oname}: {len(out)} differences, first: {out[0]}")
    print(f"operations equal: {equal}/{total}")
    return 0 if equal == total else 1


if __name__ == "__main__":
    sys.exit(main())
