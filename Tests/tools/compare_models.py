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


def compare(a, b, path, out, sa, sb, seen, direction, located=False, stated="full"):
    """stated: "full" for a member's own shape, "scalar" for list items and map keys/values
    (pages state their scalar facts but no counts), "none" below a collection nested in a
    collection (pages state nothing there, except the members of a named structure)."""
    a, ra = resolve(a, sa)
    b, rb = resolve(b, sb)
    key = (ra or rb)
    if key:
        if seen.count(key) >= 2:
            return
        seen = seen + [key]
    ta, tb = a.get("type"), b.get("type")
    if located and ta != tb:
        # Pages give no type for URI/header/query members: a list is told only by its
        # `Array Members` line; compare what the facts are about.
        if tb == "list" and ta != "list":
            b, tb = b.get("member", {}), b.get("member", {}).get("type")
        if ta == "list" and tb != "list":
            a, ta = a.get("member", {}), a.get("member", {}).get("type")
    if ta != tb and not located:
        out.append(f"{path}: type {ta} != {tb}")
        return
    facts = ("enum", "pattern", "min", "max") if stated == "full" else ()
    if stated in ("scalar", "leaf") and tb not in ("list", "map", "structure", "union"):
        facts = ("pattern", "min", "max") if path.endswith("{key}") else ("enum", "pattern", "min", "max")
    for fact in facts:
        va, vb = a.get(fact), b.get(fact)
        if fact == "min" and tb == "map" and vb == 1 and va is None:
            continue
        if va != vb:
            out.append(f"{path}: {fact} {str(va)[:80]!s} != {str(vb)[:80]!s}")
    if ta in ("structure", "union"):
        ma, mb = a.get("members", {}), dict(b.get("members", {}))
        # Query-protocol pages show wire names (`networkInterface`, `ImageId.N`): match them
        # with the model's member by name or location name, ignoring case.
        renamed = {}
        for name in ma:
            if name in mb:
                continue
            for other, ref in mb.items():
                if other in ma or other in renamed.values():
                    continue
                wires = {other.lower(), str(ref.get("locationName", "")).lower(), str(ref.get("queryName", "")).lower()}
                if name.lower() in wires:
                    renamed[name] = other
                    break
        mb = {next((k for k, v in renamed.items() if v == n), n): m for n, m in mb.items()}
        b = dict(b, required=[next((k for k, v in renamed.items() if v == n), n) for n in b.get("required", [])])
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
                loc = mb[name].get("location") in ("uri", "header", "querystring", "headers", "statusCode")
                compare(ma[name], mb[name], f"{path}.{name}", out, sa, sb, seen, direction, loc, "full")
    elif ta == "list" and stated == "leaf":
        compare(a.get("member", {}), b.get("member", {}), path + "[]", out, sa, sb, seen, direction, located, "none")
    elif ta == "list":
        # A member's list states its items' scalar facts (through nested lists); lists under maps state nothing.
        inner = "scalar" if stated in ("full", "scalar") else "none"
        compare(a.get("member", {}), b.get("member", {}), path + "[]", out, sa, sb, seen, direction, located, inner)
    elif ta == "map":
        inner = "leaf" if stated == "full" else "none"
        compare(a.get("key", {}), b.get("key", {}), path + "{key}", out, sa, sb, seen, direction, located, inner)
        compare(a.get("value", {}), b.get("value", {}), path + "{}", out, sa, sb, seen, direction, located, inner)


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
