#!/usr/bin/env bash
# Data races in validating on several threads (`validate --jobs`), found by ThreadSanitizer:
# the side-by-side, plan cache and array-writing tests built with -sanitize=thread (in their own
# scratch folder; the last one makes and reads empty arrays on two threads at once), then the
# CLI on ~2 MB of interleaved fixture records and on a folder of placebo recordings, in every
# results format, several rounds each, and with plans taken from --plan-cache (the lanes share
# the cached tables; a race shows up only when the threads happen to meet; TSan exits 66 when it
# reports one).
#
# Usage: scripts/checks/thread_sanitizer.sh [SCRATCH]   (default /tmp/docconform-tsan)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SCRATCH="${1:-/tmp/docconform-tsan}"
cd "$ROOT"

swift build --build-tests --sanitize=thread --scratch-path "$SCRATCH" 2>&1 | tail -n 1
set +e
swift test --sanitize=thread --scratch-path "$SCRATCH" --skip-build --filter "SideBySideTests|ValidateJobsTests|PlanCacheTests|ArrayWritingTests" \
    > "$SCRATCH/test.log" 2>&1
status=$?
set -e
grep -E "Test run with|^✘|ThreadSanitizer" "$SCRATCH/test.log" | tail -n 20 || true
if [ "$status" -ne 0 ]; then
    echo "tsan: the side-by-side tests failed (exit $status)"
    grep -A 30 "WARNING: ThreadSanitizer" "$SCRATCH/test.log" | head -n 60 || tail -n 40 "$SCRATCH/test.log"
    exit 1
fi

corpus="$SCRATCH/interleaved.jsonl"
python3 - "$corpus" <<'PY'
import sys
lines = [l for l in open("docs-corpus/fixtures/payloads/labelled-sample.jsonl", "rb").read().split(b"\n") if l]
out, size, r = [], 0, 0
while size < 2_000_000:
    for k in range(len(lines)):
        line = lines[(k + r * 5) % len(lines)]
        out.append(line)
        size += len(line) + 1
    r += 1
open(sys.argv[1], "wb").write(b"\n".join(out) + b"\n")
PY
# A folder of placebo recordings (the fixture recordings eight times over), checked file by file.
recordings="$SCRATCH/recordings"
rm -rf "$recordings"
mkdir -p "$recordings"
for round in 1 2 3 4 5 6 7 8; do cp -r docs-corpus/fixtures/placebo/recordings "$recordings/round-$round"; done
bin="$SCRATCH/debug/docconform"
races=0
runs=0
extra=()
# validate INPUT FORMAT MODEL...: one run on 3 threads, which must exit 1 (invalid payloads) without a report.
check() {
    local input="$1" format="$2"
    shift 2
    local models=()
    for m in "$@"; do models+=(--model "$m"); done
    set +e
    "$bin" validate --quiet "${models[@]}" "$input" --format "$format" --jobs 3 -o "$SCRATCH/out.$format" "${extra[@]}" 2> "$SCRATCH/err.$format"
    local status=$?
    set -e
    runs=$((runs + 1))
    if [ "$status" -ne 1 ]; then
        echo "tsan: validate $input --format $format --jobs 3 exited $status"
        grep -A 30 "WARNING: ThreadSanitizer" "$SCRATCH/err.$format" | head -n 60 || tail -n 20 "$SCRATCH/err.$format"
        races=$((races + 1))
    fi
}
fixtures=docs-corpus/fixtures
for round in 1 2 3 4 5; do
    for format in text json jsonl junit sarif; do
        check "$corpus" "$format" "$fixtures/botocore-1.43.11/data"
        # The recordings' model is slower to read in this build: two rounds of them.
        if [ "$round" -le 2 ]; then check "$recordings" "$format" "$fixtures/placebo/botocore-1.43.11/data" "$fixtures/botocore-1.43.11/data"; fi
    done
done
# Plans from the cache: the first run writes them, the next ones share them across the lanes.
rm -rf "$SCRATCH/plans"
extra=(--plan-cache "$SCRATCH/plans")
for round in 1 2 3; do
    for format in text json; do check "$corpus" "$format" "$fixtures/botocore-1.43.11/data"; done
done
[ "$races" -eq 0 ] || exit 1
echo "tsan: no data race in $runs CLI runs on 3 threads (a .jsonl file, a folder of recordings, plans from the cache), side-by-side and plan cache tests passed"
