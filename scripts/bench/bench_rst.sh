#!/usr/bin/env bash
# Speed of the boto3 RST parser on a full generated corpus.
#
#   scripts/bench/bench_rst.sh [PAGES_DIR]      (default /tmp/rst-1.43.11; generated if missing)
#
# Prints the corpus size, wall time, MB/s and peak memory of `docconform parse` (read, detect,
# parse in parallel, merge, write the model), and of the parse alone (`docconform-bench rst-bench`, pages in memory).
# Anchors named by issue 3 for the same ~170 MB on this machine: docutils alone ~480 s to read
# the pages, a straightforward Python parser ~35 s, botocore ~20 s to load its own JSON models.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAGES=${1:-/tmp/rst-1.43.11}
BIN=${DOCCONFORM:-.build/release/docconform}
[ -x "$BIN" ] || swift build -c release --product docconform >&2
BENCH=${DOCCONFORM_BENCH:-.build/release/docconform-bench}
[ -x "$BENCH" ] || swift build -c release --product docconform-bench >&2
[ -d "$PAGES" ] || python3 scripts/generate_boto3_docs.py --out "$PAGES"

files=$(find "$PAGES" -name '*.rst' | wc -l)
bytes=$(find "$PAGES" -name '*.rst' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
# Warm the page cache so the figure is the parser's, not the disk's.
find "$PAGES" -name '*.rst' -print0 | xargs -0 cat > /dev/null
echo "corpus: $files pages, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB, $(nproc) cores"

for run in 1 2 3; do
  # Exit 1 (diagnostics in the pages) is a result; 2 is a tool or usage error and stops the run.
  status=0
  /usr/bin/time -f '%e %M' -o /tmp/bench_rst.time "$BIN" parse "$PAGES" --no-docs --quiet -o /dev/null || status=$?
  [ "$status" -le 1 ] || { echo "docconform parse failed (exit $status)" >&2; exit 2; }
  read -r wall rss < /tmp/bench_rst.time
  awk -v b="$bytes" -v w="$wall" -v r="$rss" -v n="$run" \
    'BEGIN{printf "docconform parse run %d: %.2f s wall, %.1f MB/s, peak memory %.0f MB\n", n, w, b/1e6/w, r/1024}'
done

# The parser alone (pages already in memory, documentation text included).
"$BENCH" rst-bench "$PAGES" --runs 3
