#!/usr/bin/env bash
# Are two docconform binaries' outputs byte-identical on the bundled corpus and fixtures?
# For refactorings that must not change behaviour: runs parse, diff, changes, validate, export
# and report with each binary, the same arguments in the same order, and compares standard
# output, standard error, the exit status and every file written. Figures of time and speed
# (`2.31 s`, `190.2 MB/s` on standard error, the report page's "in 1.3 s") are masked; nothing
# else is.
#
#   scripts/checks/outputs_identical.sh OLD_BINARY NEW_BINARY [WORKDIR]
#
# Build the old binary from another commit, e.g.:
#   git archive b5df8bf | tar -x -C /tmp/old && (cd /tmp/old && swift build --product docconform)
# Exit 0: identical; 1: differences (listed); 2: usage.
set -uo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { sed -n 2,12p "$0" >&2; exit 2; }
OLD=$(realpath "$1"); NEW=$(realpath "$2")
[ -x "$OLD" ] && [ -x "$NEW" ] || { echo "not executable: $OLD or $NEW" >&2; exit 2; }
WORK=${3:-$(mktemp -d /tmp/docconform-identical.XXXXXX)}
rm -rf "$WORK/old" "$WORK/new"
mkdir -p "$WORK/old" "$WORK/new"

F=docs-corpus/fixtures
S=docs-corpus/snapshots
P=docs-corpus/payloads
cases=0

# run NAME ARGS...: the binary's arguments; `@OUT@` stands for the case's output folder.
run() {
  local name=$1; shift
  cases=$((cases + 1))
  for side in old new; do
    local bin=$OLD; [ $side = new ] && bin=$NEW
    local out="$WORK/$side/$name"
    mkdir -p "$out"
    local args=("${@//@OUT@/$out}")
    local models="$WORK/$side"
    args=("${args[@]//@MODELS@/$models}")
    "$bin" "${args[@]}" >"$out/stdout" 2>"$out/stderr.raw"
    echo $? >"$out/status"
    # The run's own folder names differ between the sides; times and speeds differ between runs.
    sed -E -e "s#$WORK/$side#WORK#g" \
        -e 's/[0-9]+(\.[0-9]+)? s\b/T s/g' -e 's/[0-9]+(\.[0-9]+)? (MB|records)\/s/R \2\/s/g' \
        "$out/stderr.raw" >"$out/stderr"
    rm "$out/stderr.raw"
    # The report page says how long it took ("in 1.3 s").
    find "$out" -type f ! -name stderr -exec sed -i -E 's/ in [0-9]+(\.[0-9]+)? s\b/ in T s/g' {} +
  done
}

# parse: every snapshot and each of its formats, the fixtures of every format, bad inputs.
for snap in "$S"/botocore-*; do
  v=${snap##*/}
  run "parse-$v" parse "$snap" -o @OUT@/model.json
  for fmt in "$snap"/*/; do
    fmt=${fmt%/}
    run "parse-$v-${fmt##*/}" parse "$fmt" -o @OUT@/model.json --pretty
  done
done
run parse-newest-model parse "$S/botocore-1.43.11" -o "@MODELS@/newest.json" --quiet
run parse-botocore-fixtures parse "$F/botocore-1.43.11/data" -o @OUT@/model.json
run parse-botocore-no-docs parse "$F/botocore-1.43.11/data" --no-docs --pretty
for d in aws-reference boto3-rst boto3-html differ/botocore-1.5.43 differ/boto3-rst-1.5.43 \
         bad-botocore reliability html changelog/seeds changelog/bad; do
  run "parse-${d//\//-}" parse "$F/$d" -o @OUT@/model.json
done
run parse-strict parse "$F/aws-reference/merge" "$F/botocore-1.43.11/data/imagebuilder" --strict -o @OUT@/model.json
run parse-missing parse "$F/no-such-folder"

# diff: consecutive snapshots in every format, the differ's fixtures, as seen by a format.
for format in text json markdown changelog; do
  run "diff-snapshots-$format" diff "$S/botocore-1.27.0" "$S/botocore-1.35.40" --format "$format"
  run "diff-snapshots2-$format" diff "$S/botocore-1.35.40" "$S/botocore-1.43.11" --format "$format" -o @OUT@/diff.out
  run "diff-botocore-$format" diff "$F/differ/botocore-1.5.42/data" "$F/differ/botocore-1.5.43/data" --format "$format"
  run "diff-rst-$format" diff "$F/differ/boto3-rst-1.8.40" "$F/differ/boto3-rst-1.8.41" --format "$format"
done
run diff-fail-on diff "$F/differ/botocore-1.8.40/data" "$F/differ/botocore-1.8.41/data" --fail-on breaking
run diff-ignore diff "$F/differ/botocore-1.5.42/data" "$F/differ/botocore-1.5.43/data" \
    --ignore "$F/differ/ignore-seed-ec2.txt" --format json
run diff-as-seen diff --as-seen-by boto3-rst "$F/differ/botocore-1.5.43/data" "$F/differ/boto3-rst-1.5.43"
for case in "$F"/differ/kinds/*/*/; do
  case=${case%/}
  run "diff-kind-$(basename "$(dirname "$case")")-${case##*/}" diff "$case/old.json" "$case/new.json" --format json
done

# changes: the changelog pages through each renderer.
for format in text json markdown changelog; do
  run "changes-$format" changes "$F/changelog/seeds" --format "$format"
done
run changes-heldout changes "$F/changelog/heldout" --format json

# validate: every payload set against the newest snapshot's model and the botocore fixtures.
for format in text json jsonl junit sarif; do
  for set in "$P/valid" "$P/broken" "$P/placebo" "$F/payloads"; do
    run "validate-${set##*/}-$format" validate --model "@MODELS@/newest.json" "$set" --format "$format"
  done
  run "validate-lazy-$format" validate --model "$F/botocore-1.43.11/data" "$F/payloads" --format "$format" -o @OUT@/results
done
run validate-full validate --model "$F/botocore-1.43.11/data" "$F/payloads" --pattern-match full
run validate-placebo-recordings validate --model "$F/placebo/botocore-1.43.11/data" --model "$F/botocore-1.43.11/data" "$F/placebo/recordings"
run validate-har validate --model "$F/wire/moto-model.json" "$F/wire/moto-5.2.1.har" --format json

# export and report.
run export export --model "@MODELS@/newest.json" --format jsonschema -o @OUT@/schemas.json
run export-botocore export --model "$F/botocore-1.43.11/data" --format jsonschema
run report report -o @OUT@/reports --quiet

if diff -r "$WORK/old" "$WORK/new" >"$WORK/differences.txt"; then
  echo "identical: $cases cases (parse, diff, changes, validate, export, report), every output byte for byte ($WORK)"
  exit 0
fi
echo "DIFFERENT: $(grep -c '^diff -r\|^Only in' "$WORK/differences.txt") outputs of $cases cases differ; first lines of $WORK/differences.txt:"
head -n 60 "$WORK/differences.txt"
exit 1
