#!/bin/bash
# Throughput of reading changelog pages: `docconform changes` over a folder of pages.
#   scripts/bench/bench_changelog.sh [PAGES_DIR] [BINARY]
# PAGES_DIR defaults to the committed fixtures (seeds + held-out pages of both layouts);
# a larger set comes from Tests/tools/changelog/make_changelog_pages.py.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
pages="${1:-$root/docs-corpus/fixtures/changelog}"
bin="${2:-$root/.build/release/docconform}"
[ -x "$bin" ] || { echo "build first: swift build -c release --product docconform (or pass a binary)" >&2; exit 2; }
files=$(find "$pages" -name '*.txt' -not -path '*/bad/*' | wc -l)
bytes=$(find "$pages" -name '*.txt' -not -path '*/bad/*' -print0 | xargs -0 cat | wc -c)
list=$(find "$pages" -name '*.txt' -not -path '*/bad/*' | sort)
start=$(date +%s.%N)
# shellcheck disable=SC2086
"$bin" changes $list --format json --quiet -o /dev/null || true
end=$(date +%s.%N)
python3 -c "
s=$end-$start; print('changelog pages: %d files, %.1f MB in %.2f s: %.1f pages/s, %.1f MB/s' % ($files, $bytes/1e6, s, $files/s, $bytes/1e6/s))"
