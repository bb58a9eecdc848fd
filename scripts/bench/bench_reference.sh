#!/bin/sh
# Parse speed of AWS API Reference pages, per rendering (HTML through libxml2, text, markdown).
#
# Renders the pages of several services (ec2, dynamodb, lambda, iam from botocore 1.43.11)
# with Tests/tools/render_reference_pages.py, then runs `docconform-bench bench-reference` (release
# build) on them and on the 92 real markdown pages: MB/s on one core (thread CPU time, so the
# figure holds on a shared machine), for reading pages into sections/entries ("read") and
# for reading plus interpreting them into the model ("read+model"; writing JSON excluded).
# Targets: >= 85 MB/s text and markdown, >= 30 MB/s HTML.
#
# Usage: scripts/bench/bench_reference.sh [WORKDIR]   (default /tmp/docconform-bench-reference)
set -eu
cd "$(dirname "$0")/../.."
WORK=${1:-/tmp/docconform-bench-reference}
BENCH=.build/release/docconform-bench
[ -x "$BENCH" ] || swift build -c release --product docconform-bench >/dev/null
BC=$(python3 -c 'import botocore, os; print(os.path.dirname(botocore.__file__))')/data
FX=docs-corpus/fixtures/botocore-1.43.11/data
models="ec2:$FX/ec2/2016-11-15/service-2.json.gz dynamodb:$FX/dynamodb/2012-08-10/service-2.json.gz
lambda:$FX/lambda/2015-03-31/service-2.json.gz iam:$BC/iam/2010-05-08/service-2.json.gz"
for style in html text markdown; do
    for entry in $models; do
        service=${entry%%:*}; model=${entry#*:}
        dir="$WORK/$style/$service"
        [ -d "$dir" ] || python3 Tests/tools/render_reference_pages.py --model "$model" --service "$service" \
            --style "$style" --out "$dir" 2>/dev/null
    done
done
echo "== generated pages (ec2, dynamodb, lambda, iam), per service"
for style in html text markdown; do
    for entry in $models; do
        service=${entry%%:*}
        printf '%-9s ' "$service"; "$BENCH" bench-reference "$WORK/$style/$service" --service "$service" --runs 10 | tail -1
    done
done
echo "== real markdown pages (Transcribe, 2021)"
"$BENCH" bench-reference docs-corpus/fixtures/aws-reference/markdown/transcribe --runs 20
echo "== the seed (text)"
"$BENCH" bench-reference docs-corpus/fixtures/aws-reference/text --service imagebuilder --runs 50 | tail -1
