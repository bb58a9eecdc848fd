#!/usr/bin/env python3
"""Independent check of `docconform parse` on a botocore data folder.

Converts every service's newest service-2.json (plus service-2.sdk-extras.json) straight from
the raw JSON into docconform.model/1 shape trees, in Python and without any docconform code,
then compares them field by field (everything of spec §1 except documentation) with the model
docconform wrote. Both sides are expanded through their `ref` tables with the spec's recursion
rule (a shape may appear twice on a path, the third time stops), so where each side chose to
cut recursion does not matter.

usage: botocore_import_check.py DATA_DIR MODEL_JSON
"""
import gzip
import json
import os
import sys

FIELDS = ("type", "required", "enum", "min", "max", "pattern", "name", "streaming", "eventstream", "sensitive", "deprecated")


def load_json(path):
    if path.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return json.load(f)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def newest_models(data_dir):
    for service in sorted(os.listdir(data_dir)):
        folder = os.path.join(data_dir, service)
        if not os.path.isdir(folder):
            continue
        versions = sorted(v for v in os.listdir(folder) if os.path.isdir(os.path.join(folder, v)))
        for version in reversed(versions):
            for name in ("service-2.json.gz", "service-2.json"):
                path = os.path.join(folder, version, name)
                if os.path.exists(path):
                    yield service, os.path.join(folder, version), path
                    break
            else:
                continue
            break


def deep_merge(base, patch):
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return patch
    out = dict(base)
    for k, v in patch.items():
        out[k] = deep_merge(out[k], v) if k in out else v
    return out


def convert_service(raw):
    """botocore shapes → {name: tree-builder}; returns operations {name: (input, output)}."""
    shapes = raw["shapes"]
    TYPES = {"character": "string", "bigdecimal": "double", "biginteger": "long"}

    def build(name, stack, member_ref):
        if name in stack:
            return {"ref": name}
        s = shapes[name]
        t = s["type"]
        node = {}
        if t == "structure":
            node["type"] = "document" if s.get("document") else "union" if s.get("union") else "structure"
            if node["type"] != "document":
                node["members"] = {m: build(r["shape"], stack | {name}, r) for m, r in s.get("members", {}).items()}
                node["required"] = list(s.get("required", []))
                if s.get("eventstream"):
                    node["eventstream"] = True
        elif t == "list":
            node["type"] = "list"
            node["member"] = build(s["member"]["shape"], stack | {name}, s["member"])
        elif t == "map":
            node["type"] = "map"
            node["key"] = build(s["key"]["shape"], stack | {name}, s["key"])
            node["value"] = build(s["value"]["shape"], stack | {name}, s["value"])
        else:
            node["type"] = TYPES.get(t, t)
        node["name"] = name
        # botocore resolves a member by updating the shape with the member's own traits.
        traits = dict(s)
        traits.update({k: v for k, v in (member_ref or {}).items() if k in ("enum", "min", "max", "pattern")})
        for k in ("enum", "min", "max", "pattern"):
            if k in traits:
                node[k] = traits[k]
        for k in ("streaming", "sensitive", "deprecated"):
            if s.get(k) or (member_ref and member_ref.get(k)):
                node[k] = True
        return node

    ops = {}
    for name, op in raw["operations"].items():
        inp = build(op["input"]["shape"], frozenset(), None) if "input" in op else None
        out = build(op["output"]["shape"], frozenset(), None) if "output" in op else None
        ops[name] = (inp, out)
    # Every shape as its own root: what a `ref` to it stands for.
    table = {name: build(name, frozenset(), None) for name in shapes}
    return ops, table


def expand(node, table, path_counts):
    """Resolve refs through `table`; a name seen twice on the path stops at its third visit."""
    if node is None:
        return None
    if "ref" in node:
        name = node["ref"]
        if path_counts.get(name, 0) >= 2 or name not in table:
            return {"ref": name}
        node = table[name]
    name = node.get("name")
    counts = dict(path_counts)
    if name and node.get("type") in ("structure", "union"):
        counts[name] = counts.get(name, 0) + 1
        if counts[name] > 2:
            return {"ref": name}
    out = {k: node[k] for k in FIELDS if k in node and node[k] not in (False, None)}
    if out.get("required") == []:
        del out["required"]
    if "required" in out:
        out["required"] = sorted(out["required"])
    if "members" in node:
        out["members"] = {k: expand(v, table, counts) for k, v in node["members"].items()}
        out["memberOrder"] = list(node["members"].keys())
    for k in ("member", "key", "value"):
        if k in node:
            out[k] = expand(node[k], table, counts)
    return out


def first_difference(a, b, path=""):
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return None if a == b else f"{path}: {a} != {b}"
    if type(a) != type(b):
        return f"{path}: {json.dumps(a)[:120]} != {json.dumps(b)[:120]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: present on one side only"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if a != b:
            return f"{path}: {a[:10]} != {b[:10]}"
        return None
    if isinstance(a, float) or isinstance(b, float):
        return None if float(a) == float(b) else f"{path}: {a} != {b}"
    return None if a == b else f"{path}: {a!r} != {b!r}"


def main():
    data_dir, model_path = sys.argv[1], sys.argv[2]
    with open(model_path, encoding="utf-8") as f:
        model = json.load(f)
    assert model.get("format") == "docconform.model/1", "not a docconform.model/1 file"
    services = model["services"]
    checked = failures = 0
    missing_services = []
    for service, folder, path in newest_models(data_dir):
        raw = load_json(path)
        extras = os.path.join(folder, "service-2.sdk-extras.json")
        if os.path.exists(extras):
            patch = load_json(extras).get("merge", {})
            raw = deep_merge(raw, {k: v for k, v in patch.items() if k in ("metadata", "shapes")})
        expected_ops, expected_table = convert_service(raw)
        if service not in services:
            missing_services.append(service)
            continue
        got = services[service]
        table = got.get("shapes", {})
        if set(expected_ops) != set(got["operations"]):
            failures += 1
            print(f"{service}: operations differ: missing {sorted(set(expected_ops) - set(got['operations']))[:5]}, "
                  f"extra {sorted(set(got['operations']) - set(expected_ops))[:5]}")
        for op_name, (inp, out) in expected_ops.items():
            op = got["operations"].get(op_name)
            if op is None:
                continue
            checked += 1
            for direction, exp in (("input", inp), ("output", out)):
                a = expand(exp, expected_table, {})
                b = expand(op.get(direction), table, {})
                d = first_difference(a, b, f"{service}.{op_name}.{direction}")
                if d:
                    failures += 1
                    if failures <= 20:
                        print("DIFF", d)
    extra_services = sorted(set(services) - {s for s, _, _ in newest_models(data_dir)})
    print(f"services: {len(services)} in model, missing {missing_services}, extra {extra_services}")
    print(f"operations compared: {checked}; differences: {failures}")
    sys.exit(1 if failures or missing_services or extra_services else 0)


if __name__ == "__main__":
    main()
