#!/usr/bin/env bash
# Validation throughput, one core, same records, side by side (CPU time of the validating
# thread/process, so other load on a shared machine does not count):
#   docconform validate (release build)  vs  jsonschema-rs (fed `docconform export --format jsonschema`)
#   vs botocore's ParamValidator (request records only)
# docconform runs twice: writing docconform.results/1 for every record (json) and writing only
# the invalid records (text). jsonschema-rs runs twice after an untimed warm-up pass: `is_valid`
# (a verdict only, its fastest path) and `iter_errors` (every error with its path and message,
# the same work docconform does); docconform's figures are given as a ratio of both.
# botocore's ParamValidator collects every error too.
# on a small-record corpus (scripts/gen_labelled_payloads.py) and on ~1 MB EC2
# DescribeInstances responses. Prints MB/s and records/s per tool, plus docconform's peak RSS
# at two corpus sizes (memory must stay flat in the number of records).
#
# Usage: scripts/bench/bench_validate.sh [WORKDIR]   (default /tmp/docconform-bench)
#   BASELINE=/path/to/docconform: also runs that build, alternated with this one in every round
#   (lines `docconform-base/...`), for before/after figures taken side by side.
# Needs: botocore 1.43.11 (installed), network to PyPI once for jsonschema-rs (into /tmp/jsr).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-/tmp/docconform-bench}"
mkdir -p "$WORK"
CPU="${BENCH_CPU:-0}"
PIN=(taskset -c "$CPU")
BOTOCORE_DATA="$(python3 -c 'import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),"data"))')"

echo "== building docconform (release)"
(cd "$ROOT" && swift build -c release --product docconform >/dev/null)
DC="$ROOT/.build/release/docconform"

[ -d /tmp/jsr/jsonschema_rs ] || pip install --quiet --target /tmp/jsr jsonschema-rs

if [ ! -s "$WORK/model.json" ]; then
  echo "== model from $BOTOCORE_DATA"
  "$DC" parse "$BOTOCORE_DATA" --no-docs --quiet -o "$WORK/model.json"
fi
# Exported on every run: schemas left from an older build would not show the exporter's changes.
echo "== JSON Schemas (docconform export --format jsonschema)"
"$DC" export --model "$WORK/model.json" --format jsonschema --quiet -o "$WORK/schemas.json"
if [ ! -s "$WORK/small.jsonl" ]; then
  echo "== small-record corpus"
  python3 "$ROOT/scripts/gen_labelled_payloads.py" --services 50 --per-op 7 --seed 11 --out "$WORK/small.jsonl"
fi
if [ ! -s "$WORK/large.jsonl" ]; then
  echo "== large-response corpus (EC2 DescribeInstances, ~1 MB each)"
  python3 "$ROOT/scripts/bench/bench_validate.py" gen-large "$WORK/large.jsonl" "${LARGE_RECORDS:-40}"
fi
# A 10x copy of the small corpus for the memory check.
if [ ! -s "$WORK/small10.jsonl" ]; then
  for i in $(seq 10); do cat "$WORK/small.jsonl"; done > "$WORK/small10.jsonl"
fi

run_dc() {  # corpus [format [binary [name]]]
  local out fmt="${2:-json}" bin="${3:-$DC}" tool="${4:-docconform}"
  out=$( { /usr/bin/time -f "maxrss_kb=%M" "${PIN[@]}" "$bin" validate --model "$WORK/model.json" "$1" \
           --format "$fmt" -o /dev/null --quiet --stats; } 2>&1 >/dev/null || true)
  local line rss
  line=$(echo "$out" | grep '^validate:') || { echo "docconform validate failed: $out" >&2; exit 2; }
  rss=$(echo "$out" | grep -o 'maxrss_kb=[0-9]*' | cut -d= -f2)
  # validate: N records, X MB in S s CPU (W s wall): R MB/s, Q records/s; I invalid; plans compiled
  # on first use: C s elapsed; without it R2 MB/s, Q2 records/s
  echo "$line" | awk -v name="$tool/$fmt" -v rss="$rss" '{
    gsub(",", ""); gsub("\\(", "");
    printf "%-14s %8d records %9.1f MB %8.3f s %9.1f MB/s %10.0f records/s  invalid=%d  (wall %.3f s; peak RSS %.0f MB, model included)\n",
    name, $2, $4, $7, $13, $15, $17, $10, rss/1024;
    printf "%-14s %8d records %9.1f MB %8.3f s %9.1f MB/s %10.0f records/s  (the same run without the %.3f s compiling plans on first use, like jsonschema-rs below)\n",
    name "-nc", $2, $4, $7 - $24, $29, $31, $24 }'
}

# This machine's timings swing by a third from run to run: every tool runs ROUNDS times,
# alternated, and the summary gives medians (min-max) and the multiples of the medians.
ROUNDS="${BENCH_ROUNDS:-3}"
for corpus in small large; do
  echo
  echo "== corpus: $corpus ($(wc -l < "$WORK/$corpus.jsonl") records, $(du -m "$WORK/$corpus.jsonl" | cut -f1) MB), $ROUNDS rounds"
  lines="$WORK/rounds-$corpus.txt"
  : > "$lines"
  for round in $(seq "$ROUNDS"); do
    echo "-- round $round"
    { run_dc "$WORK/$corpus.jsonl" json
      run_dc "$WORK/$corpus.jsonl" text
      if [ -n "${BASELINE:-}" ]; then
        run_dc "$WORK/$corpus.jsonl" json "$BASELINE" docconform-base
        run_dc "$WORK/$corpus.jsonl" text "$BASELINE" docconform-base
      fi
      "${PIN[@]}" python3 "$ROOT/scripts/bench/bench_validate.py" jsonschema-rs "$WORK/schemas.json" "$WORK/$corpus.jsonl"
      if [ "$corpus" = small ]; then
        "${PIN[@]}" python3 "$ROOT/scripts/bench/bench_validate.py" botocore "$WORK/$corpus.jsonl"
      fi
    } | tee -a "$lines"
  done
  # docconform against both jsonschema-rs lines (is_valid: verdict only; iter_errors: every error
  # with path and message, the same work docconform does).
  python3 "$ROOT/scripts/bench/bench_validate.py" summarize "$lines"
done
echo
echo "== jsonschema-rs's verdicts on the labelled small corpus (untimed)"
python3 "$ROOT/scripts/bench/bench_validate.py" jsonschema-rs-accuracy "$WORK/schemas.json" "$WORK/small.jsonl"
echo
echo "== memory: 10x the small corpus"
run_dc "$WORK/small10.jsonl" json
echo "(anchors measured on this machine by the issue: jsonschema-rs 14 MB/s / 73k records/s; botocore 11 MB/s)"
