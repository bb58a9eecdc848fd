#!/usr/bin/env bash
# Wire validation throughput: MB/s of HTTP body bytes read from HAR files (one core, CPU time,
# `validate --stats`), XML bodies and JSON bodies apart, small (the moto capture's exchanges
# repeated) and large (one ec2 DescribeInstances / dynamodb Scan response grown to ~1 MB,
# repeated). Beside them, the same payloads as docconform JSON records (botocore's parsed view
# of the capture's exchanges; the grown Scan response as a record), so wire and record figures
# compare on one model and one content; bench_validate.sh gives the record figures on all of
# botocore.
#
#   scripts/bench/bench_wire.sh            # ~60 MB per HAR; BENCH_MB=200 for larger
set -euo pipefail
cd "$(dirname "$0")/../.."
MB=${BENCH_MB:-60}
OUT=${BENCH_DIR:-/tmp/docconform-bench-wire}
mkdir -p "$OUT"
[ -n "${BENCH_NO_BUILD:-}" ] || swift build -c release --product docconform >/dev/null
BIN=.build/release/docconform
MODEL=docs-corpus/fixtures/wire/moto-model.json
SRC=docs-corpus/fixtures/wire/moto-5.2.1.har

python3 - "$SRC" "$OUT" "$MB" <<'EOF'
import copy, json, sys
src, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
entries = json.load(open(src))["log"]["entries"]

def kind(e):
    t = e["response"]["content"].get("mimeType", "") + " " + " ".join(h["value"] for h in e["response"]["headers"] if h["name"].lower() == "content-type")
    return "xml" if "xml" in t else "json" if "json" in t else None

def body_bytes(es):
    return sum(len(e["response"]["content"].get("text", "")) + len(e["request"].get("postData", {}).get("text", "")) for e in es)

def write(name, es):
    target = mb * 1_000_000
    reps = max(1, target // max(1, body_bytes(es)))
    with open(f"{out}/{name}.har", "w") as f:
        f.write('{"log": {"version": "1.2", "creator": {"name": "bench_wire", "version": "1"}, "entries": [\n')
        first = True
        for _ in range(reps):
            for e in es:
                if not first: f.write(",\n")
                first = False
                f.write(json.dumps(e))
        f.write("\n]}}\n")

ok = lambda e: e.get("response", {}).get("status", 0) < 300
write("small-xml", [e for e in entries if ok(e) and kind(e) == "xml"])
write("small-json", [e for e in entries if ok(e) and kind(e) == "json"])

# Large bodies: the items of a response list repeated until the body is ~1 MB.
def grow_xml(e, wrapper):
    e = copy.deepcopy(e)
    text = e["response"]["content"]["text"]
    i = text.index(f"<{wrapper}>") + len(wrapper) + 2; j = text.rindex(f"</{wrapper}>")
    inner = text[i:j]
    e["response"]["content"]["text"] = text[:i] + inner * max(1, 1_000_000 // len(inner)) + text[j:]
    return e

di = next(e for e in entries if "Action=DescribeInstances" in e["request"].get("postData", {}).get("text", "") and ok(e) and "<reservationSet>" in e["response"]["content"]["text"])
write("large-xml", [grow_xml(di, "reservationSet")])
scan = next(e for e in entries if any(h["value"].endswith(".Scan") for h in e["request"]["headers"]) and ok(e))
body = json.loads(scan["response"]["content"]["text"])
item = body["Items"][0]
body["Items"] = [item] * max(1, 1_000_000 // len(json.dumps(item)))
body["Count"] = body["ScannedCount"] = len(body["Items"])
scan = copy.deepcopy(scan); scan["response"]["content"]["text"] = json.dumps(body)
write("large-json", [scan])

# The same payloads as records: botocore's parsed view of every exchange, and the grown Scan response.
parsed = open(src.replace(".har", "-parsed.jsonl")).read()
with open(f"{out}/small-records.jsonl", "w") as f:
    f.write(parsed * max(1, mb * 1_000_000 // len(parsed)))
record = json.dumps({"service": "dynamodb", "operation": "Scan", "direction": "response", "payload": body}) + "\n"
with open(f"{out}/large-records.jsonl", "w") as f:
    f.write(record * max(1, mb * 1_000_000 // len(record)))
EOF

for h in small-xml.har small-json.har large-xml.har large-json.har small-records.jsonl large-records.jsonl; do
  f="$OUT/$h"
  printf '%-20s %6.1f MB  ' "$h" "$(echo "$(stat -c %s "$f") / 1000000" | bc -l)"
  # Exit 1 is expected: the capture holds moto's undocumented members.
  out=$( { /usr/bin/time -f 'peak %M KB' "$BIN" validate --model "$MODEL" "$f" --stats --quiet --format json -o /dev/null; } 2>&1 || true)
  echo "$out" | grep -E '^validate:|^peak' | sed -E 's/plans compiled on first use.*//' | tr '\n' ' '
  echo
done
