#!/bin/sh
# Merged with the same release's boto3 RST pages, do AWS reference pages give back the botocore
# model in everything either source states?
#
# For each service: boto3's RST pages of the installed botocore (scripts/generate_boto3_docs.py)
# and reference pages rendered from the same release's model (Tests/tools/render_reference_pages.py,
# one rendering per run) are parsed together by `docconform parse` (which merges them), then
# compared with the botocore model by `docconform diff --as-seen-by boto3+aws-reference`: both
# sides projected onto each view and merged, so a fact counts when either kind of page states it.
# Prints the changes per service; exits 1 if any service differs or a parse reports an error.
#
# Usage: scripts/checks/merged_sources_check.sh [--style html|text|markdown] [WORKDIR] [SERVICE...]
#        (default: markdown, /tmp/docconform-merged-check, lambda dynamodb iam ec2 s3control route53 sqs)
set -eu
cd "$(dirname "$0")/../.."
STYLE=markdown
if [ "${1:-}" = "--style" ]; then STYLE=$2; shift 2; fi
WORK=${1:-/tmp/docconform-merged-check}
[ $# -gt 0 ] && shift
SERVICES=${*:-lambda dynamodb iam ec2 s3control route53 sqs}
BIN=${DOCCONFORM:-.build/debug/docconform}
[ -x "$BIN" ] || swift build --product docconform >/dev/null
BC=$(python3 -c 'import botocore, os; print(os.path.dirname(botocore.__file__))')/data
status=0
for service in $SERVICES; do
    dir="$WORK/$STYLE/$service"
    if [ ! -d "$dir/ref" ]; then
        mkdir -p "$dir"
        python3 scripts/generate_boto3_docs.py --services "$service" --out "$dir/rst-gen" >/dev/null
        mv "$dir/rst-gen/$service" "$dir/rst" && rm -rf "$dir/rst-gen"
        model=$(ls "$BC/$service"/*/service-2.json* | tail -1)
        python3 Tests/tools/render_reference_pages.py --model "$model" --service "$service" --style "$STYLE" --out "$dir/ref" 2>/dev/null
    fi
    "$BIN" parse "$dir/rst" "$dir/ref" --service "$service" -o "$dir/merged.json" --quiet 2>"$dir/parse.err" || true
    if grep -q ": error:" "$dir/parse.err"; then echo "$service: parse errors (see $dir/parse.err)"; status=1; fi
    "$BIN" diff "$BC/$service" "$dir/merged.json" --as-seen-by boto3+aws-reference --format text --quiet >"$dir/diff.txt" || true
    head -1 "$dir/diff.txt"
    grep -q ": 0 changes" "$dir/diff.txt" || { sed -n '2,12p' "$dir/diff.txt"; status=1; }
done
exit $status
