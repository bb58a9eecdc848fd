"""One long-running `docconform validate --format jsonl -` process: records go in on its
standard input, one JSON line each, and each record's result comes back on its standard output
(`docconform.result-lines/1`) as soon as it is checked. The model is loaded once."""

from __future__ import annotations

import itertools
import json
import subprocess
import threading
import time
from typing import Iterable, Optional, Sequence

from .binary import find_binary

RESULT_LINES_FORMAT = "docconform.result-lines/1"


class ValidatorFailed(RuntimeError):
    """The docconform process could not start, or stopped before answering."""


class ValidationProcess:
    """Starts `docconform validate` on standard input and waits until its model is loaded.

    `models` are what `--model` takes (model JSON files, botocore data folders or service
    folders, documentation pages); `ignore` are `--ignore` files (lines of
    `CODE SERVICE OPERATION PATH` with `*` wildcards); `plan_cache` is a folder where compiled
    validation plans are kept between runs (`--plan-cache`: a later run of the same model and
    binary takes them on instead of reading the services it meets).
    """

    def __init__(self, models: Sequence[str], binary: Optional[str] = None, ignore: Iterable[str] = (),
                 startup_timeout: float = 600.0, plan_cache: Optional[str] = None):
        if not models:
            raise ValueError("docconform: at least one model is needed (a model file or a botocore data folder)")
        self.binary = find_binary(binary)
        self.arguments = [self.binary, "validate"]
        for model in models:
            self.arguments += ["--model", str(model)]
        for path in ignore:
            self.arguments += ["--ignore", str(path)]
        if plan_cache:
            self.arguments += ["--plan-cache", str(plan_cache)]
        self.arguments += ["--format", "jsonl", "--quiet", "-"]
        self._ids = itertools.count(1)
        self._write_lock = threading.Lock()
        self._changed = threading.Condition()
        self._results: dict[str, dict] = {}
        self._started = False
        self._ended = False
        self.summary: Optional[dict] = None
        self._stderr = bytearray()
        self._process = subprocess.Popen(self.arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE)
        self._readers = [threading.Thread(target=self._read_results, name="docconform-results", daemon=True),
                         threading.Thread(target=self._read_errors, name="docconform-stderr", daemon=True)]
        for reader in self._readers:
            reader.start()
        self._wait_until(lambda: self._started, startup_timeout, "loading its model")

    # -- input

    def submit(self, record: dict) -> str:
        """Sends one record (its `id` is set here) and returns the id its result will carry."""
        with self._write_lock:
            record_id = f"r{next(self._ids)}"
            record["id"] = record_id
            line = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
            try:
                self._process.stdin.write(line + b"\n")
                self._process.stdin.flush()
            except (BrokenPipeError, OSError) as error:
                raise ValidatorFailed(self._ended_message(f"stopped reading records ({error})")) from None
        return record_id

    # -- results

    def result(self, record_id: str, timeout: float = 300.0) -> dict:
        return self.results([record_id], timeout)[0]

    def results(self, record_ids: Sequence[str], timeout: float = 300.0) -> list[dict]:
        """The results of these records, in the same order, waiting for those not back yet."""
        self._wait_until(lambda: all(i in self._results for i in record_ids), timeout,
                         f"checking {len(record_ids)} record(s)")
        with self._changed:
            return [self._results.pop(i) for i in record_ids]

    def close(self, timeout: float = 300.0) -> int:
        """Ends the input and waits for the summary and the exit status (0 all valid, 1 some
        invalid, 2 usage or input error)."""
        with self._write_lock:
            try:
                self._process.stdin.close()
            except OSError:
                pass
        try:
            status = self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            status = self._process.wait()
        for reader in self._readers:
            reader.join(timeout)
        return status

    @property
    def stderr(self) -> str:
        return self._stderr.decode("utf-8", "replace")

    # -- the reading threads

    def _read_results(self) -> None:
        try:
            for raw in self._process.stdout:
                try:
                    item = json.loads(raw)
                except ValueError:
                    continue
                with self._changed:
                    if "format" in item:
                        self._header_format = item["format"]
                        self._started = True
                    elif "summary" in item:
                        self.summary = item["summary"]
                    elif "id" in item:
                        self._results[item["id"]] = item
                    self._changed.notify_all()
        finally:
            with self._changed:
                self._ended = True
                self._changed.notify_all()

    def _read_errors(self) -> None:
        for chunk in iter(lambda: self._process.stderr.read1(65536), b""):
            self._stderr += chunk
            if len(self._stderr) > 1 << 20:
                del self._stderr[: len(self._stderr) - (1 << 20)]

    def _wait_until(self, done, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not done():
                if self._ended:
                    raise ValidatorFailed(self._ended_message(f"stopped while {what}"))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ValidatorFailed(f"docconform: no answer within {timeout:.0f} s while {what} ({' '.join(self.arguments)})")
                self._changed.wait(left)
        if getattr(self, "_header_format", RESULT_LINES_FORMAT) != RESULT_LINES_FORMAT:
            raise ValidatorFailed(f"docconform: {self.binary} writes {self._header_format}, not {RESULT_LINES_FORMAT}")

    def _ended_message(self, what: str) -> str:
        try:
            status = self._process.wait(5)
        except subprocess.TimeoutExpired:
            status = None
        for reader in self._readers[1:]:
            reader.join(5)
        said = self.stderr.strip()
        text = f"docconform validate {what} (exit status {status}); command: {' '.join(self.arguments)}"
        if "Unknown option '--ignore'" in said:
            text += "\nthis docconform build has no `validate --ignore`: build a newer one, or leave out the ignore files"
        if "Unknown option '--format'" in said or "jsonl" in said:
            text += "\nthis docconform build cannot stream results (`validate --format jsonl -`): build a newer one"
        return text + (f"\n{said}" if said else "")
