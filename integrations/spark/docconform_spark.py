"""Validate a corpus of docconform payload records (JSON Lines) on Apache Spark.

Each partition of the input is piped through one `docconform validate --format jsonl -`
process on its executor (the model is loaded once per partition; records reach it as Arrow
batches); the results are aggregated into counts of records, invalid records and issues by
code, service and operation. Needs PySpark with pyarrow on the executors.

    spark-submit --files /path/to/docconform,/path/to/model.json docconform_spark.py \\
        --binary docconform --model model.json --input 's3a://bucket/recordings/*.jsonl' \\
        [--partitions N] [--ignore FILE] [--invalid-results DIR] [--summary FILE]

`--binary`, `--model` and `--ignore` name either files shipped with `--files` (found on each
executor through SparkFiles) or paths every executor can read.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from operator import add

RECORDS, INVALID = "#records", "#invalid"
VALID_MARK = b'"valid":true,'  # docconform.result-lines/1 writes a valid result's verdict so


def local_path(name: str) -> str:
    """A path as given when it exists here, else the file shipped under that name (--files)."""
    if os.path.exists(name):
        return os.path.abspath(name)
    from pyspark import SparkFiles
    shipped = SparkFiles.get(os.path.basename(name))
    if not os.path.exists(shipped):
        raise FileNotFoundError(f"{name}: neither a path on this executor nor a file shipped with --files")
    return shipped


def executable(path: str) -> str:
    """Shipped files may lose their execute bit: run a private executable copy then."""
    if os.access(path, os.X_OK):
        return path
    copy = os.path.join(tempfile.mkdtemp(prefix="docconform-"), os.path.basename(path))
    shutil.copyfile(path, copy)
    os.chmod(copy, os.stat(copy).st_mode | stat.S_IXUSR)
    return copy


def validate_partition(chunks, binary: str, model: str, ignore: str | None, keep_invalid: bool = False):
    """Pipes one partition's records through docconform: `chunks` are bytes of whole JSON Lines
    (each chunk ends with a newline). Yields `("count", key, n)` for the partition's totals
    (keys: `#records`, `#invalid`, `[code, service, operation]` as JSON) and, with
    `keep_invalid`, `("invalid", result_line, 1)` for every invalid record. Exit status 0 or 1 is
    a finished check; anything else (a model that does not load, an unreadable ignore file)
    fails the task with docconform's own words."""
    command = [executable(local_path(binary)), "validate", "--model", local_path(model), "--format", "jsonl",
               "--quiet"]
    if ignore:
        command += ["--ignore", local_path(ignore)]
    command.append("-")
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors = bytearray()
    failure: list[BaseException] = []

    def feed():
        try:
            for chunk in chunks:
                process.stdin.write(chunk)
        except BrokenPipeError:
            pass  # docconform stopped: its exit status and stderr say why
        except BaseException as error:  # noqa: BLE001 (reported through the task)
            failure.append(error)
        finally:
            try:
                process.stdin.close()
            except OSError:
                pass

    def drain():
        errors.extend(process.stderr.read())

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
    for thread in threads:
        thread.start()
    counts = Counter()
    for raw in process.stdout:
        # A valid record's result says so before its errors: counted without parsing it.
        if VALID_MARK in raw:
            counts[RECORDS] += 1
            continue
        item = json.loads(raw)
        if "valid" not in item:
            continue  # the header and summary lines
        counts[RECORDS] += 1
        counts[INVALID] += 1
        for error in item["errors"]:
            counts[json.dumps([error["code"], item.get("service") or "", item.get("operation") or ""])] += 1
        if keep_invalid:
            yield "invalid", raw.decode("utf-8").rstrip("\n"), 1
    status = process.wait()
    for thread in threads:
        thread.join()
    if failure:
        raise failure[0]
    if status not in (0, 1) and not (status == 2 and counts[RECORDS] == 0 and b"no payload records found" in errors):
        raise RuntimeError(f"docconform validate exited with status {status}: {errors.decode('utf-8', 'replace')}")
    for key, n in counts.items():
        yield "count", key, n


def arrow_chunks(batches):
    """Arrow batches of the `value` column (one record a row) as newline-ended bytes, joined in
    Arrow's own code: no Python object per record."""
    import pyarrow as pa
    import pyarrow.compute as pc
    for batch in batches:
        column = batch.column(0)
        if len(column) == 0:
            continue
        one_list = pa.ListArray.from_arrays(pa.array([0, len(column)], pa.int32()), column)
        yield pc.binary_join(one_list, "\n")[0].as_buffer().to_pybytes() + b"\n"


def validate_batches(batches, binary: str, model: str, ignore: str | None, keep_invalid: bool):
    import pyarrow as pa
    rows = list(validate_partition(arrow_chunks(batches), binary, model, ignore, keep_invalid))
    if rows:
        kinds, keys, counts = zip(*rows)
        yield pa.RecordBatch.from_arrays([pa.array(kinds), pa.array(keys), pa.array(counts, pa.int64())],
                                         names=["kind", "key", "n"])


def summary_of(counted) -> dict:
    """`{"records", "invalid", "issues": [{"code", "service", "operation", "count"}]}` from
    `(key, n)` pairs."""
    totals = dict(counted)
    issues = sorted(json.loads(key) for key in totals if key.startswith("["))
    return {"records": totals.get(RECORDS, 0), "invalid": totals.get(INVALID, 0),
            "issues": [{"code": c, "service": s, "operation": o, "count": totals[json.dumps([c, s, o])]}
                       for c, s, o in issues]}


def run(spark, input_path: str, binary: str, model: str, ignore: str | None = None, partitions: int = 0,
        invalid_results: str | None = None) -> dict:
    """Records reach the Python workers as Arrow batches (`mapInArrow`): Spark's row-by-row
    pickling costs more than the validation itself."""
    sc = spark.sparkContext
    if __name__ != "__main__":
        # Imported (not run by spark-submit): the executors' Python workers import it by name.
        sc.addPyFile(os.path.abspath(__file__))
    lines = spark.read.text(input_path)
    if partitions:
        lines = lines.repartition(partitions)
    keep = bool(invalid_results)
    out = lines.mapInArrow(lambda batches: validate_batches(batches, binary, model, ignore, keep),
                           "kind string, key string, n long")
    if keep:
        out = out.persist()
    counts = out.where("kind = 'count'").groupBy("key").sum("n").collect()
    if keep:
        out.where("kind = 'invalid'").select("key").write.text(invalid_results)
        out.unpersist()
    return summary_of((row[0], row[1]) for row in counts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="JSON Lines records: a path, glob or URL Spark reads")
    parser.add_argument("--binary", default="docconform", help="the docconform binary (shipped with --files or a path)")
    parser.add_argument("--model", required=True, help="a model file `docconform parse` wrote (shipped or a path)")
    parser.add_argument("--ignore", help="accepted issues, as for `docconform validate --ignore`")
    parser.add_argument("--partitions", type=int, default=0,
                        help="repartition the input into N partitions (a shuffle; default: split by file block)")
    parser.add_argument("--invalid-results", help="a folder for every invalid record's result (JSON Lines)")
    parser.add_argument("--summary", help="write the summary JSON here (default: standard output)")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession
    spark = SparkSession.builder.appName("docconform validate").getOrCreate()
    started = time.monotonic()
    summary = run(spark, args.input, args.binary, args.model, args.ignore, args.partitions, args.invalid_results)
    summary["seconds"] = round(time.monotonic() - started, 3)
    summary["cores"] = spark.sparkContext.defaultParallelism
    spark.stop()
    text = json.dumps(summary, indent=1, sort_keys=True)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as out:
            out.write(text + "\n")
    else:
        print(text)
    return 1 if summary["invalid"] else 0


if __name__ == "__main__":
    sys.exit(main())
