"""Runs docconform_spark in Spark local mode and checks its counts against one
`docconform validate --format json` run over the same records (docconform.results/1).

    python check_local.py --input corpus.jsonl --binary docconform --model model.json \\
        --single single-results.json [--cores 2] [--partitions N]

Prints both summaries' agreement and the throughput of each; exits 1 when they differ.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter

import docconform_spark


def single_process_summary(results_path: str) -> dict:
    """The Spark job's summary, computed from a docconform.results/1 file."""
    with open(results_path, encoding="utf-8") as f:
        document = json.load(f)
    counts = Counter()
    for result in document["results"]:
        counts[docconform_spark.RECORDS] += 1
        if not result["valid"]:
            counts[docconform_spark.INVALID] += 1
            for error in result["errors"]:
                counts[json.dumps([error["code"], result.get("service") or "", result.get("operation") or ""])] += 1
    return docconform_spark.summary_of(counts.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--single", required=True, help="docconform.results/1 of the same records")
    parser.add_argument("--single-seconds", type=float, help="the single run's wall time, for the comparison")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=0)
    args = parser.parse_args()

    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master(f"local[{args.cores}]").appName("docconform check")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", str(args.cores))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    # Twice: the first run pays the JVM's warm-up (classes, JIT), the second is the steady pace.
    runs = []
    for _ in range(2):
        started = time.monotonic()
        summary = docconform_spark.run(spark, os.path.abspath(args.input), args.binary, args.model,
                                       partitions=args.partitions)
        runs.append((summary, time.monotonic() - started))
    spark.stop()

    single = single_process_summary(args.single)
    megabytes = os.path.getsize(args.input) / 1e6
    distributed = runs[0][0]
    records = distributed["records"]
    print(f"spark local[{args.cores}]: {records} records, {distributed['invalid']} invalid, "
          f"{len(distributed['issues'])} (code, service, operation) groups, "
          f"{sum(i['count'] for i in distributed['issues'])} issues")
    for label, (_, seconds) in zip(["first run (JVM warm-up included)", "second run"], runs):
        print(f"  {label}: {seconds:.2f} s wall, {records / seconds:,.0f} records/s, {megabytes / seconds:.1f} MB/s; "
              f"per executor core {records / seconds / args.cores:,.0f} records/s, "
              f"{megabytes / seconds / args.cores:.1f} MB/s")
    if args.single_seconds:
        print(f"single process: {single['records']} records in {args.single_seconds:.2f} s wall: "
              f"{single['records'] / args.single_seconds:,.0f} records/s, {megabytes / args.single_seconds:.1f} MB/s")
    if all(summary == single for summary, _ in runs):
        print("the Spark job's counts equal the single process's")
        return 0
    print("the Spark job's counts differ from the single process's:")
    print(json.dumps({"spark": distributed, "single": single}, indent=1)[:20000])
    return 1


if __name__ == "__main__":
    sys.exit(main())
