#!/usr/bin/env bash
# Held-out fidelity of the boto3 HTML and text parsers: pages generated from a botocore
# release (RST by boto3's generator, HTML by Sphinx + furo, text by elinks) are parsed and
# compared per operation with that release's botocore model, in what the pages state.
#
#   scripts/bench/boto3_html_fidelity.sh BOTOCORE_VERSION SERVICES WORKDIR
#   scripts/bench/boto3_html_fidelity.sh 1.35.40 dynamodb,s3,iam,route53,bedrock-runtime /tmp/html-heldout
#
# Two comparisons per rendering:
#   - `docconform-bench rst-fidelity` (operations one by one, botocore's doc hooks applied);
#   - `docconform diff --as-seen-by boto3-html BOTOCORE PAGES --format json` (the differ's view).
# Text renderings keep the words of the "AWS API Documentation" link, not its target, so their
# operation names are derived from the method names (`CreateStreamingUrl` for
# `CreateStreamingURL`); before comparing, they are matched to botocore's names ignoring case
# (reported as a count).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${1:?botocore version}
SERVICES=${2:?comma-separated services}
WORK=${3:?work folder}
BIN=${BIN:-.build/debug/docconform}
BENCH=${BENCH:-.build/debug/docconform-bench}
[ -x "$BIN" ] && [ -x "$BENCH" ] || { echo "build first: swift build --product docconform; swift build --product docconform-bench" >&2; exit 2; }
mkdir -p "$WORK"
if [ ! -d "$WORK/out/html" ]; then
  python3 scripts/generate_boto3_docs.py --botocore-version "$VERSION" --services "$SERVICES" --out "$WORK/rst"
  python3 scripts/build_boto3_html.py --rst "$WORK/rst" --out "$WORK/out" --text
fi
DATA=/tmp/docconform-botocore-$VERSION/botocore/data
IFS=, read -r -a LIST <<< "$SERVICES"
REF=(); HTML=(); TEXT=(); BOTOCORE_FLAGS=()
for s in "${LIST[@]}"; do
  REF+=("$DATA/$s"); BOTOCORE_FLAGS+=(--botocore "$DATA/$s"); HTML+=("$WORK/out/html/$s"); TEXT+=("$WORK/out/text/$s")
done

echo "== HTML (Sphinx + furo) =="
"$BENCH" rst-fidelity "${HTML[@]}" "${BOTOCORE_FLAGS[@]}" --quiet || true
"$BIN" parse "${REF[@]}" -o "$WORK/botocore.json" --quiet || true
"$BIN" parse "${HTML[@]}" -o "$WORK/html-model.json" --quiet || true
"$BIN" diff "$WORK/botocore.json" "$WORK/html-model.json" --as-seen-by boto3-html --format json -o "$WORK/html-diff.json" --quiet || true
python3 - "$WORK/html-diff.json" <<'EOF'
import collections, json, sys
changes = json.load(open(sys.argv[1]))['changes']
print(f"diff --as-seen-by boto3-html: {len(changes)} changes", dict(collections.Counter(c['kind'] for c in changes)))
EOF

echo "== text (elinks) =="
"$BIN" parse "${TEXT[@]}" -o "$WORK/text-raw.json" --quiet || true
python3 - "$WORK/botocore.json" "$WORK/text-raw.json" "$WORK/text-model.json" <<'EOF'
import json, sys
ref = json.load(open(sys.argv[1]))
model = json.load(open(sys.argv[2]))
renamed = 0
for name, service in model['services'].items():
    names = {op.lower(): op for op in ref['services'].get(name, {}).get('operations', {})}
    ops = {}
    for op, body in service['operations'].items():
        real = names.get(op.lower(), op)
        renamed += real != op
        ops[real] = body
    service['operations'] = ops
json.dump(model, open(sys.argv[3], 'w'))
print(f"operation names matched to botocore's ignoring case: {renamed}")
EOF
"$BENCH" rst-fidelity "$WORK/text-model.json" "${BOTOCORE_FLAGS[@]}" --quiet || true
"$BIN" diff "$WORK/botocore.json" "$WORK/text-model.json" --as-seen-by boto3-html --format json -o "$WORK/text-diff.json" --quiet || true
python3 - "$WORK/text-diff.json" <<'EOF'
import collections, json, sys
changes = json.load(open(sys.argv[1]))['changes']
print(f"diff --as-seen-by boto3-html: {len(changes)} changes", dict(collections.Counter(c['kind'] for c in changes)))
EOF
