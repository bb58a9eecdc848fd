#!/usr/bin/env bash
# Throughput of the boto3 HTML parser (libxml2) beside the RST parser, on the same pages, one core.
#
#   scripts/bench/bench_boto3_html.sh RST_DIR HTML_DIR [TEXT_DIR]
#
# RST_DIR is a corpus from scripts/generate_boto3_docs.py, HTML_DIR (and TEXT_DIR) what
# scripts/build_boto3_html.py made from it (<out>/html, <out>/text). Uses the release build
# (swift build -c release --product docconform). Each run is pinned to CPU 0 with taskset so
# the figure is per core; the best of 3 runs (CPU time, user + sys) is printed, in MB/s of input bytes (whole files:
# furo's navigation and scripts included for HTML).
set -euo pipefail
cd "$(dirname "$0")/../.."
RST=${1:?RST corpus folder}
HTML=${2:?HTML folder}
TEXT=${3:-}
BIN=.build/release/docconform
[ -x "$BIN" ] || { echo "build first: swift build -c release --product docconform" >&2; exit 2; }
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"

measure() { # label folder pattern
  local label=$1 dir=$2 pattern=$3
  local bytes files best=""
  bytes=$(find "$dir" -path "*/client/$pattern" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  files=$(find "$dir" -path "*/client/$pattern" -type f | wc -l)
  local list; list=$(mktemp); find "$dir" -path "*/client/$pattern" -type f > "$list"
  for _ in 1 2 3; do
    # CPU seconds (user + sys) of the pinned process: the machine may be shared, wall time is not per core.
    local t
    t=$( { TIMEFORMAT='%3U %3S'; time $PIN "$BIN" parse $(cat "$list") -o /dev/null --quiet >/dev/null 2>&1 || true; } 2>&1 | awk '{print $1 + $2}')
    if [ -z "$best" ] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  rm -f "$list"
  printf '%-12s %6d pages %8.1f MB  %7.3f s CPU  %7.1f MB/s per core\n' "$label" "$files" \
    "$(echo "$bytes / 1000000" | bc -l)" "$best" "$(echo "$bytes / 1000000 / $best" | bc -l)"
}

measure "boto3-rst" "$RST" "*.rst"
measure "boto3-html" "$HTML" "*.html"
[ -n "$TEXT" ] && measure "boto3-text" "$TEXT" "*.txt"
