#!/usr/bin/env bash
# Data races in validating on several threads (`validate --jobs`), found by ThreadSanitizer:
# the side-by-side tests built with -sanitize=thread (in their own scratch folder), then the
# CLI on ~2 MB of interleaved fixture records in every results format, several rounds each
# (a race shows up only when the threads happen to meet; TSan exits 66 when it reports one).
#
# Usage: scripts/checks/thread_sanitizer.sh [SCRATCH]   (default /tmp/docconform-tsan)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SCRATCH="${1:-/tmp/docconform-tsan}"
cd "$ROOT"

swift build --build-tests --sanitize=thread --scratch-path "$SCRATCH" 2>&1 | tail -n 1
set +e
swift test --sanitize=thread --scratch-path "$SCRATCH" --skip-build --filter "SideBySideTests|ValidateJobsTests" \
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
bin="$SCRATCH/debug/docconform"
races=0
for round in 1 2 3 4 5; do
    for format in text json jsonl junit sarif; do
        set +e
        "$bin" validate --quiet --model docs-corpus/fixtures/botocore-1.43.11/data "$corpus" --format "$format" \
            --jobs 3 -o "$SCRATCH/out.$format" 2> "$SCRATCH/err.$format"
        status=$?
        set -e
        if [ "$status" -ne 1 ]; then
            echo "tsan: validate --format $format --jobs 3 exited $status (round $round)"
            grep -A 30 "WARNING: ThreadSanitizer" "$SCRATCH/err.$format" | head -n 60 || tail -n 20 "$SCRATCH/err.$format"
            races=$((races + 1))
        fi
    done
done
[ "$races" -eq 0 ] || exit 1
echo "tsan: no data race in 25 CLI runs on 3 threads, side-by-side tests passed"
