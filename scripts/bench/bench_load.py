#!/usr/bin/env python3
"""Driver of bench_load.sh: what a user's run of `validate` costs, model loading included.

  bench_load.py WORKDIR DATA NAME=BINARY [NAME=BINARY ...]

Each case runs ROUNDS times (env BENCH_ROUNDS, default 3), the binaries alternated, and is
reported as medians (min-max) of wall time, CPU time (user + system) and peak RSS:
  one record   against the botocore data folder, the model file with descriptions, without
  responses    WORKDIR/responses.jsonl (recorded-responses-like) against the data folder and the
               model file with descriptions
  labelled     WORKDIR/labelled.jsonl against the data folder, and against the model file with
               --format json --stats: the run's own
               --stats figures (CPU of the validating thread after the model is loaded, plan
               compiling and results writing included) beside jsonschema-rs iter_errors on the
               same records (bench_validate.py's harness), in MB/s of payload
Outputs are compared between binaries (byte-identical or not) for every case.
"""
import hashlib
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    """(wall s, cpu s, peak MB, stdout sha, stderr) of one run under /usr/bin/time."""
    timing = "/tmp/bench_load_time.%d" % os.getpid()
    p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing] + cmd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr.decode()[-2000:]))
    wall, user, system, rss = open(timing).read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024, hashlib.sha256(p.stdout).hexdigest()[:12], p.stderr.decode()


def med(xs):
    return "%.3f (%.3f-%.3f)" % (statistics.median(xs), min(xs), max(xs))


def main():
    work, data = sys.argv[1], sys.argv[2]
    bins = [a.split("=", 1) for a in sys.argv[3:]]
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    one = os.path.join(work, "one.jsonl")
    cases = [
        ("one record, botocore data folder", ["--model", data, one]),
        ("one record, model file with descriptions", ["--model", os.path.join(work, "model-docs.json"), one]),
        ("one record, model file --no-docs", ["--model", os.path.join(work, "model.json"), one]),
        ("responses, data folder", ["--model", data, os.path.join(work, "responses.jsonl")]),
        ("responses, model file with descriptions",
         ["--model", os.path.join(work, "model-docs.json"), os.path.join(work, "responses.jsonl")]),
        ("labelled, data folder, json results",
         ["--model", data, os.path.join(work, "labelled.jsonl"), "--format", "json"]),
        ("labelled, model file, json results (--stats)",
         ["--model", os.path.join(work, "model.json"), os.path.join(work, "labelled.jsonl"), "--format", "json", "--stats"]),
    ]
    figures = {}
    for r in range(rounds):
        for case, args in cases:
            for name, binary in bins:
                wall, cpu, rss, sha, err = run([binary, "validate", "--quiet"] + args)
                f = figures.setdefault((case, name), {"wall": [], "cpu": [], "rss": [], "sha": set(), "mbs": [], "mbs_nc": []})
                f["wall"].append(wall); f["cpu"].append(cpu); f["rss"].append(rss); f["sha"].add(sha)
                m = re.search(r"validate: .*?([\d.]+) MB in ([\d.]+) s CPU.*?: ([\d.]+) MB/s.*without it ([\d.]+) MB/s", err)
                if m:
                    f["mbs"].append(float(m.group(3))); f["mbs_nc"].append(float(m.group(4)))
    jsr = []
    for _ in range(rounds):
        p = subprocess.run([sys.executable, os.path.join(HERE, "bench_validate.py"), "jsonschema-rs",
                            os.path.join(work, "schemas.json"), os.path.join(work, "labelled.jsonl")],
                           stdout=subprocess.PIPE, text=True, check=True)
        for line in p.stdout.splitlines():
            if line.startswith("jsonschema-rs iter_errors"):
                jsr.append(float(line.split("MB/s")[0].split()[-1]))
    print("%-46s %-10s %-22s %-22s %-22s %s" % ("case", "binary", "wall s", "CPU s", "peak MB", "output"))
    for case, _ in cases:
        shas = set()
        for name, _ in bins:
            f = figures[(case, name)]
            shas |= f["sha"]
            print("%-46s %-10s %-22s %-22s %-22s %s" % (case, name, med(f["wall"]), med(f["cpu"]), med(f["rss"]), ",".join(sorted(f["sha"]))))
            if f["mbs"]:
                print("%-46s %-10s validating thread: %s MB/s with plan compiling, %s without"
                      % ("", name, med(f["mbs"]), med(f["mbs_nc"])))
        print("%-46s outputs %s" % ("", "identical" if len(shas) == 1 else "DIFFER"))
    if jsr:
        print("jsonschema-rs iter_errors on the labelled records: %s MB/s" % med(jsr))
        for name, _ in bins:
            f = figures[(cases[-1][0], name)]
            print("  %s: %.1fx jsonschema-rs iter_errors (medians, plan compiling included)"
                  % (name, statistics.median(f["mbs"]) / statistics.median(jsr)))


if __name__ == "__main__":
    main()
