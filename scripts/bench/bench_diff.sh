#!/usr/bin/env bash
# Differ speed benchmark: diff all services of two botocore releases about two years apart
# and print how long the diff itself takes, apart from loading the models.
#
#   scripts/bench/bench_diff.sh [OLD_VERSION] [NEW_VERSION] [RUNS]
#
# Defaults: botocore 1.34.0 (Dec 2023) → 1.43.11, 3 runs. Releases come from PyPI with
# `pip download` into $BENCH_DIR (default /tmp/docconform-bench). Target: diff < 2 s.
set -euo pipefail
OLD=${1:-1.34.0}
NEW=${2:-1.43.11}
RUNS=${3:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/docconform-bench}
mkdir -p "$WORK"

fetch() { # version → prints the data folder
    local v=$1 dir="$WORK/botocore-$1"
    if [ ! -d "$dir/botocore/data" ]; then
        pip download "botocore==$v" --no-deps -d "$WORK/wheels" -q >&2
        mkdir -p "$dir"
        (cd "$dir" && python3 -m zipfile -e "$WORK"/wheels/botocore-"$v"-*.whl . >&2)
    fi
    echo "$dir/botocore/data"
}

OLD_DATA=$(fetch "$OLD")
NEW_DATA=$(fetch "$NEW")
(cd "$ROOT" && swift build -c release --product docconform >&2)
BIN="$ROOT/.build/release/docconform"

echo "docconform diff botocore $OLD → $NEW (all services), $RUNS runs, $(nproc) cores"
best=""
for i in $(seq "$RUNS"); do
    line=$("$BIN" diff "$OLD_DATA" "$NEW_DATA" --format json -o "$WORK/diff.json" --quiet --timings 2>&1 | grep '^timings:')
    echo "run $i: $line"
    d=$(echo "$line" | sed -E 's/.*diff ([0-9.]+)s .*/\1/')
    if [ -z "$best" ] || awk "BEGIN{exit !($d < $best)}"; then best=$d; fi
done
changes=$(echo "$line" | sed -E 's/.* ([0-9]+) changes\).*/\1/')
echo "best diff time: ${best}s wall for $changes changes (target < 2 s after loading); load average $(cut -d' ' -f1-3 /proc/loadavg)"
