#!/bin/sh
# Parse speed of AWS API Reference pages, per rendering (HTML through libxml2, text, markdown).
#
# Renders pages of several services (ec2, dynamodb, lambda, iam from botocore 1.43.11) with
# Tests/tools/render_reference_pages.py, then times `docconform parse` (release build) on
# each rendering and prints MB/s by wall clock and by CPU time (user+sys: the figure that
# holds on a busy machine). Targets: >= 85 MB/s text and markdown, >= 30 MB/s HTML.
#
# Usage: scripts/bench/bench_reference.sh [WORKDIR]   (default /tmp/docconform-bench-reference)
set -eu
cd "$(dirname "$0")/../.."
WORK=${1:-/tmp/docconform-bench-reference}
BIN=.build/release/docconform
[ -x "$BIN" ] || swift build -c release --product docconform >/dev/null
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
printf '%-9s %6s %9s %8s %8s %10s %10s\n' rendering files MB wall_s cpu_s MB/s_wall MB/s_cpu
for style in html text markdown; do
    files=$(find "$WORK/$style" -type f | wc -l)
    bytes=$(find "$WORK/$style" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
    best=""
    for run in 1 2 3; do
        # One parse per service folder (each is one service's page set), timed together.
        t=$( { /usr/bin/time -f '%e %U %S' sh -c "for d in $WORK/$style/*; do $BIN parse \$d --service \$(basename \$d) --no-docs --quiet -o /dev/null 2>/dev/null; done" ; } 2>&1 | tail -1)
        cpu=$(echo "$t" | awk '{print $2 + $3}')
        if [ -z "$best" ] || [ "$(echo "$cpu < $(echo "$best" | awk '{print $2 + $3}')" | bc)" = 1 ]; then best=$t; fi
    done
    echo "$style $files $bytes $best" | awk '{mb=$3/1e6; cpu=$5+$6; printf "%-9s %6d %9.1f %8.2f %8.2f %10.1f %10.1f\n", $1, $2, mb, $4, cpu, mb/$4, mb/cpu}'
done
