#!/usr/bin/env bash
# CI fidelity check of the boto3 RST parser: generate boto3's client method pages for a fixed,
# varied handful of services from the pinned botocore, parse them, import the same release's
# service-2.json files, and fail on any difference in what the pages can state.
#
#   scripts/ci/rst_fidelity.sh [WORKDIR]
#
set -euo pipefail
cd "$(dirname "$0")/../.."
PINNED_BOTOCORE=1.43.11
# unions, recursion (dynamodb, lexv2-models), documents and event streams (bedrock-runtime),
# streaming bodies and hidden/auto-populated parameters (s3, lambda), plain JSON services.
SERVICES=appstream,dynamodb,lambda,imagebuilder,s3,lexv2-models,bedrock-runtime
WORK=${1:-$(mktemp -d /tmp/docconform-rst-ci.XXXXXX)}
PAGES=$WORK/pages
BENCH=${DOCCONFORM_BENCH:-.build/release/docconform-bench}
[ -x "$BENCH" ] || swift build -c release --product docconform-bench >&2

installed=$(python3 -c 'import botocore; print(botocore.__version__)')
if [ "$installed" = "$PINNED_BOTOCORE" ]; then
  DATA=$(python3 -c 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))')
else
  DATA=/tmp/docconform-botocore-$PINNED_BOTOCORE/botocore/data
fi

rm -rf "$PAGES"
python3 scripts/generate_boto3_docs.py --botocore-version "$PINNED_BOTOCORE" --services "$SERVICES" --out "$PAGES"
[ -d "$DATA" ] || { echo "botocore data folder not found: $DATA" >&2; exit 2; }

data_paths=()
for s in ${SERVICES//,/ }; do data_paths+=("$DATA/$s"); done

# `docconform-bench rst-fidelity` projects both sides onto what boto3 pages state (FormatView.boto3) and applies
# botocore's documentation hooks (ec2 Filter→Filters, hidden s3 ContentMD5, ...) to the SDK side,
# which a plain `diff --as-seen-by boto3-rst` does not; it exits 1 on any mismatching operation.
"$BENCH" rst-fidelity "$PAGES" --botocore "${data_paths[@]}" --list 50
