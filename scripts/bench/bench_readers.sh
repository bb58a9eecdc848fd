#!/usr/bin/env bash
# The text-page readers side by side for two builds: boto3 text pages and changelog pages per
# core, and a whole release's boto3 RST pages (with descriptions) on every core, each with peak
# memory; and whether both builds write byte-identical models and diagnostics.
#
#   scripts/bench/bench_readers.sh BASELINE_BINARY [BINARY] [--text DIR] [--changelog DIR] [--rst DIR]
#                                  [--runs N] [--copies N]
#
# BINARY defaults to this tree's release build (swift build -c release --product docconform).
# Corpora (each optional; a missing one is skipped and said so):
#   --text DIR       boto3 text renderings: scripts/build_boto3_html.py --rst RST --out OUT --text (OUT/text)
#   --changelog DIR  changelog pages: Tests/tools/changelog/make_changelog_pages.py, or copies of
#                    docs-corpus/fixtures/changelog (the default: 20 copies in a temporary folder)
#   --rst DIR        a release's pages: scripts/generate_boto3_docs.py --out DIR (20,067 pages for 1.43.11)
# --copies N reads N copies of the text corpus (default 10; a few MB of pages take tens of
# milliseconds, too few for the timer): each page is parsed, later copies are reported as duplicates.
# Per-core figures are CPU seconds (user + sys) of `docconform parse` pinned to one CPU with taskset,
# best of N runs (default 3); the RST figure is wall time on all cores (CPU and peak memory beside it).
# Anchors (issue 20): text and changelog >= 85 MB/s per core; RST release < 1 s wall.
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=${1:?baseline docconform binary (e.g. a release build of main)}
shift
NEW=.build/release/docconform
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then NEW=$1; shift; fi
TEXT="" CHANGELOG="" RST="" RUNS=3 COPIES=10
while [ $# -gt 0 ]; do
  case "$1" in
    --text) TEXT=$2; shift 2 ;;
    --changelog) CHANGELOG=$2; shift 2 ;;
    --rst) RST=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --copies) COPIES=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for b in "$BASE" "$NEW"; do [ -x "$b" ] || { echo "not an executable: $b (swift build -c release --product docconform)" >&2; exit 2; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$CHANGELOG" ]; then
  CHANGELOG=$work/changelog
  for k in $(seq -w 1 20); do
    mkdir -p "$CHANGELOG/c$k"
    find docs-corpus/fixtures/changelog -name '*.txt' -not -path '*/bad/*' -exec cp {} "$CHANGELOG/c$k/" \;
  done
fi
if [ -n "$TEXT" ] && [ "$COPIES" -gt 1 ]; then
  for k in $(seq -w 1 "$COPIES"); do mkdir -p "$work/text/t$k"; cp -r "$TEXT"/. "$work/text/t$k/"; done
  TEXT=$work/text
fi
PIN=""
command -v taskset > /dev/null && PIN="taskset -c 0"

corpus_bytes() { find "$1" -type f -name "$2" -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }

# One timed run: prints "wall cpu peak_kb exit".
run_once() { # binary pin args...
  local bin=$1 pin=$2; shift 2
  local status=0
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" $pin "$bin" parse "$@" --quiet -o /dev/null > /dev/null 2>&1 || status=$?
  [ "$status" -le 1 ] || { echo "docconform parse failed (exit $status): $bin $*" >&2; exit 2; }
  awk -v s="$status" '{printf "%s %.2f %s %s\n", $1, $2 + $3, $4, s}' "$work/time"
}

# Best of RUNS by the figure in column $1 (1: wall, 2: CPU).
best() { # column binary pin args...
  local col=$1; shift
  for _ in $(seq "$RUNS"); do run_once "$@"; done | sort -g -k"$col" | head -1
}

same_output() { # label args...
  local label=$1; shift
  "$BASE" parse "$@" -o "$work/a.json" > /dev/null 2> "$work/a.err" || true
  "$NEW" parse "$@" -o "$work/b.json" > /dev/null 2> "$work/b.err" || true
  local m=identical d=identical
  cmp -s "$work/a.json" "$work/b.json" || m=DIFFERENT
  cmp -s "$work/a.err" "$work/b.err" || d=DIFFERENT
  printf '  %-10s output: model %s (%s bytes), diagnostics %s\n' "$label" "$m" "$(stat -c %s "$work/b.json")" "$d"
  rm -f "$work/a.json" "$work/b.json"
}

# One corpus side by side: "core" pins each run to one CPU and rates CPU time (a reader's speed
# per core); "all" runs on every core and rates wall time (a release read end to end).
measure() { # core|all label dir pattern
  local mode=$1 label=$2 dir=$3 pattern=$4
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "$label: no corpus given (skipped)"; return; }
  local bytes files
  bytes=$(corpus_bytes "$dir" "$pattern")
  files=$(find "$dir" -type f -name "$pattern" | wc -l)
  find "$dir" -type f -name "$pattern" -print0 | xargs -0 cat > /dev/null
  if [ "$mode" = core ]; then
    printf '%s: %d pages, %.1f MB, one core (taskset), best of %d\n' "$label" "$files" "$(echo "$bytes / 1000000" | bc -l)" "$RUNS"
  else
    printf '%s: %d pages, %.1f MB, %d cores, with descriptions, best of %d by wall time\n' "$label" "$files" \
      "$(echo "$bytes / 1000000" | bc -l)" "$(nproc)" "$RUNS"
  fi
  for side in baseline new; do
    local bin=$BASE; [ $side = new ] && bin=$NEW
    if [ "$mode" = core ]; then
      read -r wall cpu rss status < <(best 2 "$bin" "$PIN" "$dir")
      printf '  %-10s %6.2f s CPU  %7.1f MB/s per core  peak memory %5.0f MB  (exit %s)\n' "$side" "$cpu" \
        "$(echo "$bytes / 1000000 / $cpu" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$status"
    else
      read -r wall cpu rss status < <(best 1 "$bin" "" "$dir")
      printf '  %-10s %6.2f s wall  %6.2f s CPU  %7.1f MB/s  peak memory %5.0f MB  (exit %s)\n' "$side" "$wall" "$cpu" \
        "$(echo "$bytes / 1000000 / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$status"
    fi
  done
  same_output "$label" "$dir"
}

echo "baseline: $BASE"
echo "new:      $NEW"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure core "boto3 text" "$TEXT" '*.txt'
measure core "changelog" "$CHANGELOG" '*.txt'
measure all "boto3 RST" "$RST" '*.rst'
