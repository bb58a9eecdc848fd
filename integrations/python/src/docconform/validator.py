"""Validating botocore calls as they are made: a `Recorder` feeding one `ValidationProcess`,
and the findings of the calls made since the last look."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from .process import ValidationProcess
from .recorder import Call, Recorder


@dataclass
class Finding:
    """A call whose payload does not conform to the model: the call and its result's errors
    (each with `path`, `code` and `message`)."""
    call: Call
    errors: list

    def __str__(self) -> str:
        where = f" (call at {self.call.site})" if self.call.site else ""
        lines = [f"{self.call.title} does not conform to the model{where}:"]
        for error in self.errors:
            path = error.get("path") or "(root)"
            lines.append(f"  {path}: {error.get('code')}: {error.get('message')}")
        return "\n".join(lines)


def _lacks_error_direction(result: dict) -> bool:
    """The docconform build predates error responses: it calls the direction unknown."""
    return any(e.get("code") == "record" and '"error"' in e.get("message", "") for e in result.get("errors") or [])


class Validator:
    """Records the calls of every botocore session created while it is installed (and of the
    clients and sessions given to `attach`) and validates them in one docconform process.

        with Validator(models=[botocore_data_folder]) as validator:
            s3 = boto3.client("s3")
            s3.list_buckets()
            for finding in validator.findings():
                print(finding)
    """

    def __init__(self, models: Sequence[str], binary: Optional[str] = None, ignore: Iterable[str] = (),
                 install: bool = True, plan_cache: Optional[str] = None):
        self.process = ValidationProcess(models, binary=binary, ignore=ignore, plan_cache=plan_cache)
        self.recorder = Recorder(self._record)
        self._pending: list[tuple[Optional[str], Call]] = []
        self._lock = threading.Lock()
        self.counts: Counter = Counter()
        self.omitted: Counter = Counter()
        self.errors_not_checked = 0
        if install:
            self.recorder.install()

    def attach(self, target) -> None:
        self.recorder.attach(target)

    def _record(self, call: Call) -> None:
        record_id = None if call.problem else self.process.submit(call.record)
        with self._lock:
            self._pending.append((record_id, call))
            self.counts[call.record["direction"]] += 1
            for _, reason in call.omitted:
                self.omitted[reason] += 1

    def findings(self, timeout: float = 300.0) -> list[Finding]:
        """Waits for the results of every call recorded since the last look; the invalid ones."""
        with self._lock:
            pending, self._pending = self._pending, []
        if not pending:
            return []
        sent = self.process.results([record_id for record_id, _ in pending if record_id is not None], timeout)
        results = iter(sent)
        found = []
        for record_id, call in pending:
            if record_id is None:
                found.append(Finding(call, [{"path": "", "code": "recording", "message": call.problem}]))
                continue
            result = next(results)
            if result.get("valid", False):
                continue
            if call.record["direction"] == "error" and _lacks_error_direction(result):
                with self._lock:
                    self.errors_not_checked += 1
                continue
            with self._lock:
                self.counts["invalid"] += 1
            found.append(Finding(call, result.get("errors") or []))
        return found

    def close(self) -> int:
        self.recorder.uninstall()
        return self.process.close()

    def __enter__(self) -> "Validator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
