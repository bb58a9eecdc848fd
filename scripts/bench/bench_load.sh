#!/usr/bin/env bash
# What a user's `validate` costs end to end, model loading included (issue #20, #16):
#   one record against botocore's whole data folder and against model files made from it
#   (with and without descriptions); ~9,800 recorded-responses-like records over 140 services
#   against the data folder; a labelled corpus over 48 services (half the records faulty, so
#   results writing counts) with plan compiling included, beside jsonschema-rs iter_errors; a
#   folder of 10,000 placebo recordings.
# Wall, CPU and peak memory, medians of BENCH_ROUNDS (3) alternated runs; several binaries
# side by side (outputs compared byte for byte).
#
# Usage: scripts/bench/bench_load.sh [WORKDIR] [NAME=BINARY ...]
#   (default WORKDIR /tmp/docconform-load; default binary: this tree's release build)
# Needs: botocore 1.43.11 (installed), jsonschema-rs 0.60.3 in /tmp/jsr (installed once).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-/tmp/docconform-load}"
shift || true
mkdir -p "$WORK"
DATA="$(python3 -c 'import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),"data"))')"
BINS=("$@")
if [ ${#BINS[@]} -eq 0 ]; then
  (cd "$ROOT" && swift build -c release --product docconform >/dev/null)
  BINS=("this=$ROOT/.build/release/docconform")
fi
DC="${BINS[0]#*=}"
[ -d /tmp/jsr/jsonschema_rs ] || pip install --quiet --target /tmp/jsr jsonschema-rs==0.60.3

echo '{"service":"sqs","operation":"ListQueues","direction":"response","payload":{"QueueUrls":["https://sqs.us-east-1.amazonaws.com/123456789012/q"]}}' > "$WORK/one.jsonl"
[ -s "$WORK/model.json" ] || "$DC" parse "$DATA" --no-docs --quiet -o "$WORK/model.json"
[ -s "$WORK/model-docs.json" ] || "$DC" parse "$DATA" --quiet -o "$WORK/model-docs.json"
[ -s "$WORK/schemas.json" ] || "$DC" export --model "$WORK/model.json" --format jsonschema --quiet -o "$WORK/schemas.json"
[ -s "$WORK/responses.jsonl" ] || python3 -W ignore "$ROOT/scripts/bench/gen_response_corpus.py" --out "$WORK/responses.jsonl"
[ -s "$WORK/labelled.jsonl" ] || python3 -W ignore "$ROOT/scripts/gen_labelled_payloads.py" --services 48 --per-op 9 --seed 5 --out "$WORK/labelled.jsonl"
# A folder of placebo recordings as users have them: the fixture recordings 500 times over, each
# test's recordings in a folder of their own (10,000 files).
if [ ! -d "$WORK/recordings" ]; then
  mkdir -p "$WORK/recordings.part"
  for k in $(seq 1 500); do cp -r "$ROOT/docs-corpus/fixtures/placebo/recordings" "$WORK/recordings.part/round-$k"; done
  find "$WORK/recordings.part" -name README.md -delete
  mv "$WORK/recordings.part" "$WORK/recordings"
fi
echo "corpora: responses $(wc -l < "$WORK/responses.jsonl") records $(du -m "$WORK/responses.jsonl" | cut -f1) MB;" \
     "labelled $(wc -l < "$WORK/labelled.jsonl") records $(du -m "$WORK/labelled.jsonl" | cut -f1) MB; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
python3 "$ROOT/scripts/bench/bench_load.py" "$WORK" "$DATA" "${BINS[@]}"
