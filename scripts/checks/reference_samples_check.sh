#!/bin/sh
# Real AWS API Reference pages against the botocore release they describe: how many operations
# docconform reads equal to that release, in everything the pages state.
#
# For each sample (a folder of real markdown pages and the botocore version it describes, see
# ../shared/samples/aws-reference-markdown/README.md), installs that botocore release into a
# virtualenv of its own (.venv-botocore-VERSION, git-ignored), then:
#   - `docconform diff --as-seen-by aws-reference BOTOCORE/SERVICE PAGES` (services paired by
#     their SDK identity; no --service), and
#   - the errors each operation page lists (names; a status where the release states one),
# and prints per sample: operations equal / total, every remaining difference, and every
# warning the pages give (each must be a fact the page states that docconform could not read).
#
# Usage: scripts/checks/reference_samples_check.sh [SAMPLES_DIR] [NAME=VERSION:SERVICE ...]
#        (default ../shared/samples/aws-reference-markdown, lex-runtime=1.21.24:lex-runtime
#         textract=1.29.45:textract transcribe=1.21.30:transcribe)
set -eu
cd "$(dirname "$0")/../.."
SAMPLES=${1:-../shared/samples/aws-reference-markdown}
[ $# -gt 0 ] && shift
SETS=${*:-lex-runtime=1.21.24:lex-runtime textract=1.29.45:textract transcribe=1.21.30:transcribe}
BIN=${DOCCONFORM:-.build/debug/docconform}
[ -x "$BIN" ] || swift build --product docconform >/dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
status=0
for set in $SETS; do
    name=${set%%=*}; rest=${set#*=}; version=${rest%%:*}; service=${rest#*:}
    venv=".venv-botocore-$version"
    [ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q "botocore==$version"; }
    data=$("$venv/bin/python" -c 'import botocore, os; print(os.path.dirname(botocore.__file__))')/data/$service
    pages="$SAMPLES/$name"
    "$BIN" parse "$pages" -o "$WORK/$name.json" --quiet 2>"$WORK/$name.warnings" || true
    "$BIN" diff "$data" "$pages" --as-seen-by aws-reference --format json -o "$WORK/$name.diff.json" --quiet 2>/dev/null || true
    python3 - "$WORK/$name.json" "$WORK/$name.diff.json" "$data" "$name" "$version" "$WORK/$name.warnings" <<'EOF' || status=1
import glob, gzip, json, sys
model_path, diff_path, data, name, version, warnings_path = sys.argv[1:]
model = json.load(open(model_path))
diff = json.load(open(diff_path))
path = sorted(glob.glob(data + "/*/service-2.json*"))[-1]
sdk = json.loads((gzip.open(path) if path.endswith(".gz") else open(path, "rb")).read())
every = {o: op for s in model["services"].values() for o, op in s["operations"].items()}
# Pages of a sub-reference the release has no client for (transcribe-streaming) are not compared.
operations = {o: op for o, op in every.items() if o in sdk["operations"]}
elsewhere = sorted(set(every) - set(operations))
changed = {}
for c in diff["changes"]:
    if c.get("operation"):
        changed.setdefault(c["operation"], []).append(f'{c["kind"]} {c.get("direction", "")} {c.get("path", "")} {c.get("from", "")} -> {c.get("to", "")}'.strip())
for o, op in sorted(operations.items()):
    truth = sdk["operations"].get(o, {}).get("errors", [])
    stated = {e["shape"]: sdk["shapes"].get(e["shape"], {}).get("error", {}).get("httpStatusCode") for e in truth}
    read = {e["name"]: e.get("httpStatus") for e in op.get("errors", [])}
    if set(read) != set(stated) or any(stated[n] is not None and stated[n] != s for n, s in read.items() if n in stated):
        changed.setdefault(o, []).append(f"errors {sorted(read.items())} != {sorted(stated.items())}")
equal = sum(1 for o in operations if o not in changed)
print(f"== {name} (botocore {version}): operations equal {equal}/{len(operations)}")
if elsewhere:
    print(f"   not in the release (another service's pages): {', '.join(elsewhere)}")
for o in sorted(changed):
    for line in changed[o]:
        print(f"   {o}: {line}")
warnings = [l.rstrip() for l in open(warnings_path) if ": warning: " in l or ": error: " in l]
print(f"   warnings: {len(warnings)}")
for w in warnings:
    print("   " + w)
sys.exit(0 if equal == len(operations) else 1)
EOF
done
exit $status
