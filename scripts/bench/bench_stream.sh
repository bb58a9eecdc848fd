#!/usr/bin/env bash
# `docconform validate -` on a long stream: the labelled small-record corpus
# (scripts/gen_labelled_payloads.py, 58,520 records) repeated into standard input until
# RECORDS_SMALL and then RECORDS_LARGE records have gone through, results written as
# docconform.result-lines/1. Prints, for each length, the records the summary counted, wall and
# CPU time and the peak RSS of the docconform process (/usr/bin/time -v): memory must be the
# same for both lengths (flat in the number of records), the model loaded once.
#
# Usage: scripts/bench/bench_stream.sh [WORKDIR]   (default /tmp/docconform-bench-stream)
#        RECORDS_SMALL=1000000 RECORDS_LARGE=10000000 DOCCONFORM=path/to/binary (default: release build)
# Needs: botocore 1.43.11 (installed), GNU time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-/tmp/docconform-bench-stream}"
SMALL="${RECORDS_SMALL:-1000000}"
LARGE="${RECORDS_LARGE:-10000000}"
mkdir -p "$WORK"
BOTOCORE_DATA="$(python3 -c 'import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),"data"))')"

if [ -z "${DOCCONFORM:-}" ]; then
  echo "== building docconform (release)"
  (cd "$ROOT" && swift build -c release --product docconform >/dev/null)
  DOCCONFORM="$ROOT/.build/release/docconform"
fi

if [ ! -s "$WORK/small.jsonl" ]; then
  echo "== small-record corpus"
  python3 "$ROOT/scripts/gen_labelled_payloads.py" --services 50 --per-op 7 --seed 11 --out "$WORK/small.jsonl"
fi
if [ ! -s "$WORK/model.json" ]; then
  echo "== model of the corpus's services"
  mapfile -t folders < <(python3 "$ROOT/scripts/corpus_service_folders.py" "$WORK/small.jsonl" "$BOTOCORE_DATA")
  "$DOCCONFORM" parse "${folders[@]}" --no-docs --quiet -o "$WORK/model.json"
fi

# The corpus again and again, cut at N lines: a producer that never holds the stream.
stream() { while cat "$WORK/small.jsonl"; do :; done | head -n "$1"; }

measure() {
  local n="$1" summary="$WORK/summary-$1.json" timing="$WORK/time-$1.txt"
  set +e
  stream "$n" | /usr/bin/time -v -o "$timing" "$DOCCONFORM" validate --model "$WORK/model.json" - \
      --format jsonl --quiet | tail -n 1 >"$summary"
  local status="${PIPESTATUS[1]}"
  set -e
  # 1: invalid records (half the corpus has one fault each); 2 or more would be a failure.
  if [ "$status" -gt 1 ]; then echo "validate failed (exit $status)"; exit 1; fi
  local records rss wall user sys
  records=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["records"])' "$summary")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
  wall=$(awk -F'): ' '/Elapsed \(wall clock\)/ {print $2}' "$timing")
  user=$(awk -F': ' '/User time/ {print $2}' "$timing")
  sys=$(awk -F': ' '/System time/ {print $2}' "$timing")
  printf '%10s records: %s in the summary, peak RSS %.1f MB, wall %s, CPU %.1f s (%.0f records/s of CPU)\n' \
    "$n" "$records" "$(echo "$rss / 1024" | bc -l)" "$wall" "$(echo "$user + $sys" | bc -l)" \
    "$(echo "$records / ($user + $sys)" | bc -l)"
}

echo "== validate - (docconform.result-lines/1 into a pipe), model: the corpus's services"
measure "$SMALL"
measure "$LARGE"
