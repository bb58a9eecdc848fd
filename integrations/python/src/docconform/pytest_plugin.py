"""pytest plugin: every botocore call a test makes is validated against the model, in one
`docconform validate -` process for the whole session; a call whose request, response or error
response breaks the documented contract fails the test that made it.

    pytest --docconform-model path/to/botocore/data [--docconform-ignore accepted.txt]
           [--docconform-binary path/to/docconform] [--docconform-plan-cache DIR|none]

Inert unless a model is given (option or `docconform_model` in the ini file).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from typing import Optional

import pytest

from .binary import BinaryNotFound, find_binary
from .process import ValidatorFailed
from .validator import Finding, Validator


def pytest_addoption(parser):
    group = parser.getgroup("docconform", "docconform: validate botocore calls against the documented API model")
    group.addoption("--docconform-model", action="append", default=[], metavar="PATH",
                    help="docconform model: a model JSON file (`docconform parse`), a botocore data folder or "
                         "service folders, documentation pages (repeatable). Turns the plugin on.")
    group.addoption("--docconform-ignore", action="append", default=[], metavar="FILE",
                    help="accepted issues: lines of `CODE SERVICE OPERATION PATH` with * wildcards, "
                         "as for `docconform validate --ignore` (repeatable).")
    group.addoption("--docconform-binary", default=None, metavar="PATH",
                    help="the docconform binary (default: $DOCCONFORM_BINARY, else `docconform` on PATH).")
    group.addoption("--docconform-plan-cache", default=None, metavar="DIR",
                    help="where compiled validation plans are kept between sessions (`docconform validate "
                         "--plan-cache`): a later session takes them on instead of reading the services it "
                         "meets. Default: docconform-plans in pytest's cache folder (.pytest_cache); "
                         "`none` keeps none.")
    parser.addini("docconform_model", "docconform model paths (as --docconform-model)", type="paths", default=[])
    parser.addini("docconform_ignore", "docconform ignore files (as --docconform-ignore)", type="paths", default=[])
    parser.addini("docconform_binary", "the docconform binary (as --docconform-binary)", default="")
    parser.addini("docconform_plan_cache", "where compiled plans are kept (as --docconform-plan-cache)", default="")


def pytest_configure(config):
    models = config.getoption("docconform_model") or [str(p) for p in config.getini("docconform_model")]
    if not models:
        return
    if _is_xdist_controller(config):
        return  # the workers validate their own calls
    ignore = config.getoption("docconform_ignore") or [str(p) for p in config.getini("docconform_ignore")]
    binary = config.getoption("docconform_binary") or config.getini("docconform_binary") or None
    plan_cache = config.getoption("docconform_plan_cache") or config.getini("docconform_plan_cache") or None
    plugin = DocconformPlugin(models, ignore, binary, _plan_cache(config, plan_cache, binary))
    config.pluginmanager.register(plugin, "docconform-session")
    config.add_cleanup(plugin.close)


def _plan_cache(config, asked: Optional[str], binary: Optional[str]) -> Optional[str]:
    """The plan cache folder: the one asked for (`none`: no cache), else one in pytest's cache
    folder when the cache plugin is on and the binary knows `--plan-cache` (an older build runs
    without it)."""
    if asked:
        return None if asked.lower() == "none" else str(asked)
    cache = getattr(config, "cache", None)
    if cache is None:
        return None
    try:
        usage = subprocess.run([find_binary(binary), "validate", "--help"], capture_output=True, text=True,
                               timeout=60).stdout
    except (BinaryNotFound, OSError, subprocess.SubprocessError):
        return None  # said when the validator starts
    return str(cache.mkdir("docconform-plans")) if "--plan-cache" in usage else None


def _is_xdist_controller(config) -> bool:
    return not hasattr(config, "workerinput") and getattr(config.option, "dist", "no") not in ("no", None)


def _merged(ignore_files: list[str]) -> tuple[Optional[str], Optional[str]]:
    """One ignore file for the command line (it takes one): the file itself, or the files
    joined into a temporary one (returned second, to be removed)."""
    if not ignore_files:
        return None, None
    if len(ignore_files) == 1:
        return ignore_files[0], None
    handle, path = tempfile.mkstemp(prefix="docconform-ignore-", suffix=".txt")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        for name in ignore_files:
            with open(name, encoding="utf-8") as source:
                text = source.read()
            out.write(text if text.endswith("\n") else text + "\n")
    return path, path


class DocconformPlugin:
    def __init__(self, models, ignore_files, binary, plan_cache=None):
        self.models = list(models)
        self.plan_cache = plan_cache
        ignore, self._temporary = _merged(list(ignore_files))
        try:
            self.validator = Validator(self.models, binary=binary, ignore=[ignore] if ignore else [],
                                       plan_cache=plan_cache)
        except (BinaryNotFound, ValidatorFailed, OSError) as error:
            self._remove_temporary()
            raise pytest.UsageError(str(error)) from None
        self.failing_tests = 0
        self.outside: list[Finding] = []
        self.outside_failure: Optional[str] = None
        self.closed = False

    # -- each phase of each test owns the calls made during it

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item):
        return (yield from self._phase(item, "setup"))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item):
        return (yield from self._phase(item, "call"))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item):
        return (yield from self._phase(item, "teardown"))

    def _phase(self, item, when):
        # Calls made between phases (collection, other plugins' hooks) belong to no test.
        self.outside += self.validator.findings()
        try:
            result = yield
        except BaseException as error:
            findings = self._findings()
            if findings:
                self.failing_tests += 1
                if isinstance(error, Exception) and hasattr(error, "add_note"):
                    error.add_note(_message(findings))
                else:  # Python < 3.11, or an exit: shown beside the failure
                    item.add_report_section(when, "docconform", _message(findings))
            raise
        findings = self._findings()
        if findings:
            self.failing_tests += 1
            pytest.fail(_message(findings), pytrace=False)
        return result

    def _findings(self) -> list[Finding]:
        try:
            return self.validator.findings()
        except ValidatorFailed as error:
            pytest.fail(str(error), pytrace=False)

    # -- the end of the session

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session):
        try:
            self.outside += self.validator.findings()
        except ValidatorFailed as error:
            self.outside_failure = str(error)
        if self.outside or self.outside_failure:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_report_header(self, config):
        header = f"docconform: {self.validator.process.binary}, model {' '.join(self.models)}"
        return header + (f", plans kept in {self.plan_cache}" if self.plan_cache else "")

    def pytest_terminal_summary(self, terminalreporter):
        tr = terminalreporter
        counts = self.validator.counts
        checked = counts["request"] + counts["response"] + counts["error"]
        tr.section("docconform")
        tr.line(f"{checked} payloads checked ({counts['request']} requests, {counts['response']} responses, "
                f"{counts['error']} error responses): {counts['invalid']} not conforming, "
                f"in {self.failing_tests} test phase(s)")
        if self.validator.errors_not_checked:
            tr.line(f"{self.validator.errors_not_checked} error responses not checked: this docconform build "
                    "does not know the `error` direction (build a newer one)")
        for reason, n in sorted(self.validator.omitted.items()):
            tr.line(f"{n} member(s) left out of records: {reason}")
        if self.outside:
            tr.line(f"{len(self.outside)} non-conforming call(s) made outside any test:", red=True)
            for finding in self.outside:
                tr.line(str(finding), red=True)
        if self.outside_failure:
            tr.line(self.outside_failure, red=True)

    def close(self):
        if self.closed:
            return
        self.closed = True
        try:
            self.validator.close()
        finally:
            self._remove_temporary()

    def _remove_temporary(self):
        if self._temporary:
            try:
                os.unlink(self._temporary)
            except OSError:
                pass


def _message(findings: list[Finding]) -> str:
    head = f"docconform: {len(findings)} call(s) made here do not conform to the documented API model"
    return "\n".join([head] + [str(f) for f in findings])
