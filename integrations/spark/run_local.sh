#!/usr/bin/env bash
# The Spark job in local mode on a generated corpus, checked against one `docconform validate`
# run over the same records; prints the throughput of both.
#
# Usage: integrations/spark/run_local.sh [WORKDIR]     (default /tmp/docconform-spark)
#        COPIES=8 (the 58,520-record labelled corpus repeated), CORES=2 (local[CORES]),
#        DOCCONFORM=path/to/binary (default: the release build)
# Needs: Java 17+ (Debian: apt-get install openjdk-17-jre-headless), python3 with botocore
# 1.43.11 for the corpus; PySpark 4.0.1 with pyarrow and pandas from PyPI go into WORKDIR/venv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-/tmp/docconform-spark}"
COPIES="${COPIES:-8}"
CORES="${CORES:-2}"
mkdir -p "$WORK"

if ! java -version >/dev/null 2>&1; then
  echo "spark: no Java runtime; on Debian: apt-get install -y openjdk-17-jre-headless" >&2
  exit 2
fi
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet "pyspark==4.0.1" "pyarrow==21.0.0" "pandas==2.3.3" "numpy==2.4.6"
fi
if [ -z "${DOCCONFORM:-}" ]; then
  (cd "$ROOT" && swift build -c release --product docconform >/dev/null)
  DOCCONFORM="$ROOT/.build/release/docconform"
fi
BOTOCORE_DATA="$(python3 -c 'import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),"data"))')"

if [ ! -s "$WORK/base.jsonl" ]; then
  echo "== labelled corpus (half the records with one injected fault)"
  python3 "$ROOT/scripts/gen_labelled_payloads.py" --services 50 --per-op 7 --seed 11 --out "$WORK/base.jsonl"
fi
if [ ! -s "$WORK/model.json" ]; then
  # Each partition loads the model: one of the corpus's services loads in a fraction of the
  # time all of botocore takes (about 1.4 s and 600 MB).
  echo "== model of the corpus's services"
  mapfile -t folders < <(python3 "$ROOT/scripts/corpus_service_folders.py" "$WORK/base.jsonl" "$BOTOCORE_DATA")
  "$DOCCONFORM" parse "${folders[@]}" --no-docs --quiet -o "$WORK/model.json"
fi
rm -f "$WORK/corpus.jsonl"
for _ in $(seq "$COPIES"); do cat "$WORK/base.jsonl" >>"$WORK/corpus.jsonl"; done
echo "== corpus: $(wc -l <"$WORK/corpus.jsonl") records, $(du -m "$WORK/corpus.jsonl" | cut -f1) MB"

echo "== one docconform validate process"
start=$(date +%s.%N)
status=0
"$DOCCONFORM" validate --model "$WORK/model.json" "$WORK/corpus.jsonl" --format json --quiet -o "$WORK/single.json" || status=$?
seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
if [ "$status" -gt 1 ]; then echo "validate failed (exit $status)"; exit 1; fi

echo "== Spark local[$CORES]"
cd "$ROOT/integrations/spark"
PYSPARK_PYTHON="$WORK/venv/bin/python" "$WORK/venv/bin/python" check_local.py --input "$WORK/corpus.jsonl" \
  --binary "$DOCCONFORM" --model "$WORK/model.json" --single "$WORK/single.json" --single-seconds "$seconds" \
  --cores "$CORES"
