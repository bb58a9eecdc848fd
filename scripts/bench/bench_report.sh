#!/usr/bin/env bash
# Times the README's first command: the release build (cold when SCRATCH is a new folder) and
# `docconform report` on the bundled corpus. Prints the figures; asserts nothing.
#
#   scripts/bench/bench_report.sh [RUNS] [SCRATCH]   (defaults: 3 runs, the package's .build)
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
scratch=${2:-.build}
out=$(mktemp -d)

start=$(date +%s.%N)
swift build -c release --product docconform --scratch-path "$scratch" >/dev/null 2>&1 || { echo "build failed"; exit 2; }
build=$(echo "$(date +%s.%N) - $start" | bc)
printf 'release build (%s): %.1f s\n' "$scratch" "$build"

bin="$scratch/release/docconform"
for i in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$bin" report --corpus docs-corpus -o "$out" --quiet
    status=$?
    printf 'report run %d: %.2f s (exit %d)\n' "$i" "$(echo "$(date +%s.%N) - $start" | bc)" "$status"
done
"$bin" report --corpus docs-corpus -o "$out" 2>&1 | tail -n 1
ls -l "$out" | awk 'NR>1 {printf "  %-14s %9d bytes\n", $9, $5}'
rm -rf "$out"
