#!/usr/bin/env python3
"""Driver of bench_load.sh: what a user's run of `validate` costs, model loading included.

  bench_load.py WORKDIR DATA NAME=BINARY [NAME=BINARY ...]

Each case runs ROUNDS times (env BENCH_ROUNDS, default 3), the binaries alternated, and is
reported as medians (min-max) of wall time, CPU time (user + system) and peak RSS:
  one record   against the botocore data folder, the model file with descriptions, without
  responses    WORKDIR/responses.jsonl (recorded-responses-like) against the data folder and the
               model file with descriptions
  warm runs    one record (against the data folder and the model file), the responses and the
               recordings against the data folder with plans from --plan-cache
               (what a pre-commit hook or test session pays once its plans are kept)
  labelled     WORKDIR/labelled.jsonl against the data folder, and against the model file with
               --format json --stats, on one thread (--jobs 1) and on every core: the run's own
               --stats figures (one thread: MB/s per CPU second after the model is loaded, plan
               compiling and results writing included; every core: MB/s of wall time, the same
               work, and the same up to the results' summary written and the output file
               committed, which the builds from session 38 on print) beside jsonschema-rs
               iter_errors on the same records (bench_validate.py's harness, one thread, run in
               every round just before these cases; the ratios are the median of each round's),
               in MB/s of payload. The results go to a file (-o); piped to
               this script once more, every core, as measured before (the script's reading then
               shares the two cores with the run); and to a file with plans taken from
               --plan-cache (a folder per binary, filled by one untimed run of each such case
               first), one thread and every core, for binaries that have the option
Outputs are compared between binaries (byte-identical or not) for every case.
"""
import hashlib
import os
import re
import statistics
import subprocess
import tempfile
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Stands for the results file in a case's arguments.
OUTPUT = "<results file>"
# Stands for the binary's own plan cache folder (cases that use it run only for binaries with it).
PLAN_CACHE = "<plan cache>"


def run(cmd, output=None):
    """(wall s, cpu s, peak MB, output sha, stderr) of one run under /usr/bin/time: the output is
    standard output, or the file `output` when the command writes there (-o), removed after."""
    fd, timing = tempfile.mkstemp(prefix="bench_load_time.")
    os.close(fd)
    try:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing] + cmd,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode not in (0, 1):
            sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr.decode()[-2000:]))
        wall, user, system, rss = open(timing).read().split()[-4:]
        if output:
            with open(output, "rb") as f:
                out = f.read()
        else:
            out = p.stdout
    finally:
        os.unlink(timing)
        if output and os.path.exists(output):
            os.unlink(output)
    return float(wall), float(user) + float(system), int(rss) / 1024, hashlib.sha256(out).hexdigest()[:12], p.stderr.decode()


def med(xs):
    return "%.3f (%.3f-%.3f)" % (statistics.median(xs), min(xs), max(xs))


def main():
    work, data = sys.argv[1], sys.argv[2]
    bins = [a.split("=", 1) for a in sys.argv[3:]]
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    one = os.path.join(work, "one.jsonl")
    output = os.path.join(work, "results.json")
    cases = [
        ("one record, botocore data folder", ["--model", data, one]),
        ("one record, model file with descriptions", ["--model", os.path.join(work, "model-docs.json"), one]),
        ("one record, model file --no-docs", ["--model", os.path.join(work, "model.json"), one]),
        ("responses, data folder", ["--model", data, os.path.join(work, "responses.jsonl")]),
        ("responses, model file with descriptions",
         ["--model", os.path.join(work, "model-docs.json"), os.path.join(work, "responses.jsonl")]),
        ("one record, botocore data folder, plans from --plan-cache", ["--model", data, one, "--plan-cache", PLAN_CACHE]),
        ("one record, model file with descriptions, plans from --plan-cache",
         ["--model", os.path.join(work, "model-docs.json"), one, "--plan-cache", PLAN_CACHE]),
        ("responses, data folder, plans from --plan-cache",
         ["--model", data, os.path.join(work, "responses.jsonl"), "--plan-cache", PLAN_CACHE]),
        ("labelled, data folder, json results",
         ["--model", data, os.path.join(work, "labelled.jsonl"), "--format", "json"]),
        ("labelled, data folder, text results (the default)",
         ["--model", data, os.path.join(work, "labelled.jsonl")]),
        ("10,000 placebo recordings in folders, data folder, json results",
         ["--model", data, os.path.join(work, "recordings"), "--format", "json"]),
        ("10,000 placebo recordings in folders, data folder, json results, plans from --plan-cache",
         ["--model", data, os.path.join(work, "recordings"), "--format", "json", "--plan-cache", PLAN_CACHE]),
        # Piped to this script, which reads the 15 MB of results on the same two cores while the
        # run is timed (as measured until the eighth session); written to a file, as a CI job does.
        ("labelled, model file, json results piped, every core (--stats)",
         ["--model", os.path.join(work, "model.json"), os.path.join(work, "labelled.jsonl"), "--format", "json", "--stats"]),
        ("labelled, model file, json results to a file, --jobs 1 (--stats)",
         ["--model", os.path.join(work, "model.json"), os.path.join(work, "labelled.jsonl"), "--format", "json", "--stats", "--jobs", "1",
          "-o", OUTPUT]),
        ("labelled, model file, json results to a file, every core (--stats)",
         ["--model", os.path.join(work, "model.json"), os.path.join(work, "labelled.jsonl"), "--format", "json", "--stats",
          "-o", OUTPUT]),
        ("labelled, model file, json results to a file, --jobs 1, plans from --plan-cache (--stats)",
         ["--model", os.path.join(work, "model.json"), os.path.join(work, "labelled.jsonl"), "--format", "json", "--stats", "--jobs", "1",
          "-o", OUTPUT, "--plan-cache", PLAN_CACHE]),
        ("labelled, model file, json results to a file, every core, plans from --plan-cache (--stats)",
         ["--model", os.path.join(work, "model.json"), os.path.join(work, "labelled.jsonl"), "--format", "json", "--stats",
          "-o", OUTPUT, "--plan-cache", PLAN_CACHE]),
    ]
    figures = {}
    # A build from before --jobs checks on one thread: the option is left out for it.
    helps = {b: subprocess.run([b, "validate", "--help"], stdout=subprocess.PIPE, text=True).stdout for _, b in bins}
    knows_jobs = {b: "--jobs" in helps[b] for _, b in bins}
    caches = {}
    for name, binary in bins:
        if "--plan-cache" in helps[binary]:
            caches[binary] = os.path.join(work, "plan-cache-" + name)
            # Filled by one run of each case, not timed (a cold run compiles and writes the plans).
            for _, args in cases:
                if PLAN_CACHE in args:
                    given = [caches[binary] if a == PLAN_CACHE else os.devnull if a == OUTPUT else a for a in args]
                    subprocess.run([binary, "validate", "--quiet"] + given, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    jsr = []

    def jsonschema_rs():
        """One run of jsonschema-rs iter_errors on the labelled records (MB/s of payload)."""
        p = subprocess.run([sys.executable, os.path.join(HERE, "bench_validate.py"), "jsonschema-rs",
                            os.path.join(work, "schemas.json"), os.path.join(work, "labelled.jsonl")],
                           stdout=subprocess.PIPE, text=True, check=True)
        for line in p.stdout.splitlines():
            if line.startswith("jsonschema-rs iter_errors"):
                return float(line.split("MB/s")[0].split()[-1])
        sys.exit("bench_validate.py printed no jsonschema-rs figure")

    # The labelled cases against the model file, the ones set beside jsonschema-rs.
    compared = len(cases) - 5
    for r in range(rounds):
        for k, (case, args) in enumerate(cases):
            # jsonschema-rs runs in every round just before the cases it is compared with: the
            # host's load drifts over minutes, and a ratio of figures taken far apart moved with it.
            if k == compared:
                jsr.append(jsonschema_rs())
            for name, binary in bins:
                if PLAN_CACHE in args and binary not in caches:
                    continue
                given = [caches[binary] if a == PLAN_CACHE else a for a in args]
                if not knows_jobs[binary] and "--jobs" in args:
                    k = args.index("--jobs")
                    given = args[:k] + args[k + 2:]
                to_file = OUTPUT in given
                given = [output if a == OUTPUT else a for a in given]
                wall, cpu, rss, sha, err = run([binary, "validate", "--quiet"] + given, output if to_file else None)
                f = figures.setdefault((case, name), {"wall": [], "cpu": [], "rss": [], "sha": set(), "mbs": [], "mbs_nc": [], "mbs_wall": [], "mbs_committed": []})
                f["wall"].append(wall); f["cpu"].append(cpu); f["rss"].append(rss); f["sha"].add(sha)
                m = re.search(r"validate: .*?([\d.]+) MB in ([\d.]+) s CPU.*?: ([\d.]+) MB/s.*without it ([\d.]+) MB/s", err)
                if m:
                    f["mbs"].append(float(m.group(3))); f["mbs_nc"].append(float(m.group(4)))
                w = re.search(r"on (\d+) threads?: ([\d.]+) MB/s of wall time", err)
                if w:
                    f["mbs_wall"].append(float(w.group(2))); f["threads"] = int(w.group(1))
                c = re.search(r"([\d.]+) MB/s of wall time to the results' summary written and the output committed", err)
                if c:
                    f["mbs_committed"].append(float(c.group(1)))
    print("%-46s %-10s %-22s %-22s %-22s %s" % ("case", "binary", "wall s", "CPU s", "peak MB", "output"))
    for case, _ in cases:
        shas = set()
        for name, _ in bins:
            if (case, name) not in figures:
                print("%-46s %-10s (no --plan-cache)" % (case, name))
                continue
            f = figures[(case, name)]
            shas |= f["sha"]
            print("%-46s %-10s %-22s %-22s %-22s %s" % (case, name, med(f["wall"]), med(f["cpu"]), med(f["rss"]), ",".join(sorted(f["sha"]))))
            if f["mbs"]:
                print("%-46s %-10s per CPU second: %s MB/s with plan compiling, %s without"
                      % ("", name, med(f["mbs"]), med(f["mbs_nc"])))
            if f["mbs_wall"]:
                print("%-46s %-10s on %d thread(s): %s MB/s of wall time, plan compiling included"
                      % ("", name, f["threads"], med(f["mbs_wall"])))
            if f["mbs_committed"]:
                print("%-46s %-10s to the summary written and the output committed: %s MB/s of wall time"
                      % ("", name, med(f["mbs_committed"])))
        if PLAN_CACHE in dict(cases)[case]:
            # The same results as the runs that compiled their plans (the case without the cache).
            twin = case.replace(", plans from --plan-cache", "").replace(" (--stats)", "")
            twins = [c for c, _ in cases if c.replace(" (--stats)", "") == twin]
            shas |= figures[(twins[0], bins[0][0])]["sha"]
        print("%-46s outputs %s" % ("", "identical" if len(shas) == 1 else "DIFFER"))
    if jsr:
        print("jsonschema-rs iter_errors on the labelled records (one thread, once per round): %s MB/s" % med(jsr))

        def ratio(xs):
            """The median of each round's ratio to that round's jsonschema-rs run, with its range."""
            rs = [x / j for x, j in zip(xs, jsr)]
            return "%.1fx (%.1f-%.1f)" % (statistics.median(rs), min(rs), max(rs))

        for name, _ in bins:
            piped, one, every = (figures[(cases[k][0], name)] for k in (-5, -4, -3))
            line = "  %s: one thread %s jsonschema-rs iter_errors (per CPU second)" % (name, ratio(one["mbs"]))
            if every["mbs_wall"]:
                line += "; every core %s (wall time, %d threads)" % (ratio(every["mbs_wall"]), every["threads"])
            if every["mbs_committed"]:
                line += "; every core to the output committed %s" % ratio(every["mbs_committed"])
            if piped["mbs_wall"]:
                line += "; piped %s" % ratio(piped["mbs_wall"])
            print(line + " (per-round ratios, medians; plan compiling included, results written)")
            cached = figures.get((cases[-1][0], name))
            if cached and cached["mbs_wall"]:
                print("  %s: with plans from --plan-cache, every core %s (wall time); one thread %s (per CPU second)"
                      % (name, ratio(cached["mbs_wall"]), ratio(figures[(cases[-2][0], name)]["mbs"])))

if __name__ == "__main__":
    main()
