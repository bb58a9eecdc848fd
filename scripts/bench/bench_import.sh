#!/usr/bin/env bash
# Speed of importing a whole botocore release into docconform.model/1, side by side with
# botocore itself loading every service model and walking every operation's shapes.
#
# usage: scripts/bench/bench_import.sh [BOTOCORE_DATA_DIR] [RUNS]
# Default data dir: the installed botocore's (the pinned 1.43.11 on this project's machines).
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-$(python3 -c 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))')}
runs=${2:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

swift build -c release --product docconform >/dev/null
bin=.build/release/docconform
mb=$(python3 - "$data" <<'PY'
import gzip, os, sys
total = 0
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.startswith("service-2.json"):
            p = os.path.join(root, f)
            total += len(gzip.open(p).read()) if f.endswith(".gz") else os.path.getsize(p)
print(f"{total / 1e6:.1f}")
PY
)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label, command...
    local label=$1; shift
    local times=() mems=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$out/t" "$@" >/dev/null 2>"$out/err" || { cat "$out/err"; exit 1; }
        read -r t m <"$out/t"; times+=("$t"); mems+=("$m")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | median)
    m=$(printf '%s\n' "${mems[@]}" | median)
    printf '%-58s %7.2f s  %8.0f MB/s  %6.0f MB peak\n' "$label" "$t" "$(echo "$mb / $t" | bc -l)" "$(echo "$m / 1024" | bc -l)"
    echo "$t" >"$out/last"
}

echo "botocore data: $data ($mb MB of service-2.json), median of $runs runs, $(nproc) cores"
measure "docconform parse -o model.json" $bin parse "$data" --quiet -o "$out/model.json"
ours=$(cat "$out/last")
measure "docconform parse --pretty -o model.json" $bin parse "$data" --quiet --pretty -o "$out/model-pretty.json"
ours_pretty=$(cat "$out/last")
measure "botocore: load every service model + walk all shapes" python3 scripts/bench/botocore_load_all.py
theirs=$(cat "$out/last")
printf 'speed-up vs botocore: %.1fx (default compact output), %.1fx (--pretty)\n' "$(echo "$theirs / $ours" | bc -l)" "$(echo "$theirs / $ours_pretty" | bc -l)"
