#!/usr/bin/env bash
# docconform proxy throughput on loopback: exchanges/s and MB/s of bodies per CPU second of the
# proxy (one event loop thread), forwarding only and forwarding + validating, small (ListTables)
# and ~1 MB (Scan) DynamoDB responses. BENCH_EXCHANGES sets the small run's count (20000).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product docconform >/dev/null
BIN=.build/release/docconform
MODEL=${BENCH_DIR:-/tmp/docconform-bench-proxy}/dynamodb-model.json
mkdir -p "$(dirname "$MODEL")"
"$BIN" parse --quiet --no-docs docs-corpus/fixtures/botocore-1.43.11/data/dynamodb -o "$MODEL"
python3 scripts/bench/bench_proxy.py --docconform "$BIN" --model "$MODEL" --exchanges "${BENCH_EXCHANGES:-20000}"
