"""The pytest plugin, run by pytester on suites of real moto calls."""

import os
import subprocess

import pytest

from conftest import suite

# moto 5.2.1's departures from the documented contract (botocore 1.43.11) that
# suites/nonconforming_calls.py meets, in the ignore format of `docconform validate --ignore`.
KNOWN_MOTO_ISSUES = """\
# CODE     SERVICE  OPERATION       PATH
required   route53  ListHostedZones Marker
length     route53  *               *Id          # moto's zone ids are 22 characters, /hostedzone/ included 34
enum       lambda   *               InvokeMode   # "Buffered"
enum       ssm      CreateDocument  DocumentDescription.PlatformTypes*   # "Not Implemented (moto)"
"""


def run(pytester, binary, model, *arguments, files=()):
    if files:
        pytester.makeconftest(suite("moto_conftest"))
    for name in files:
        pytester.makepyfile(**{f"test_{name}": suite(name)})
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "--docconform-model", model,
                                         "--docconform-binary", binary, *arguments)


def test_a_clean_suite_passes(pytester, binary, model, aws_credentials):
    result = run(pytester, binary, model, files=["clean_calls"])
    result.assert_outcomes(passed=7)
    result.stdout.fnmatch_lines(["*= docconform =*",
                                 "* payloads checked (* requests, * responses, 4 error responses): 0 not conforming*"])
    assert result.ret == 0


def test_non_conforming_responses_fail_the_tests_that_made_the_calls(pytester, binary, model, aws_credentials):
    result = run(pytester, binary, model, files=["nonconforming_calls"])
    result.assert_outcomes(passed=2, failed=3, errors=0)
    result.stdout.fnmatch_lines([
        "FAILED test_nonconforming_calls.py::test_route53_zones - *",
        "FAILED test_nonconforming_calls.py::test_lambda_function_url - *",
        "FAILED test_nonconforming_calls.py::test_ssm_document - *",
    ])
    result.stdout.fnmatch_lines([
        "*_ test_route53_zones _*",
        "docconform: 2 call(s) made here do not conform to the documented API model",
        "route53.CreateHostedZone response does not conform to the model "
        "(call at test_nonconforming_calls.py:16 in test_route53_zones):",
        "  HostedZone.Id: length: length 34 characters is above the maximum 32",
        "route53.ListHostedZones response does not conform to the model "
        "(call at test_nonconforming_calls.py:20 in test_route53_zones):",
        "  HostedZones[0].Id: length: length 34 characters is above the maximum 32",
        "  Marker: required: missing required member Marker",
    ])
    result.stdout.fnmatch_lines([
        "*_ test_lambda_function_url _*",
        "lambda.CreateFunctionUrlConfig response does not conform to the model (call at *:39 in test_lambda_function_url):",
        '  InvokeMode: enum: value "Buffered" is not one of BUFFERED, RESPONSE_STREAM',
    ])
    result.stdout.fnmatch_lines([
        "*_ test_ssm_document _*",
        "ssm.CreateDocument response does not conform to the model (call at *:46 in test_ssm_document):",
        '  DocumentDescription.PlatformTypes[0]: enum: value "Not Implemented (moto)" is not one of Windows, Linux, MacOS',
    ])
    # Requests are recorded after botocore's customisations: the caller's "/hostedzone/..." id
    # (34 characters) is sent without its prefix, so no request is flagged.
    assert " request does not conform" not in result.stdout.str()
    assert result.ret == 1


def test_known_issues_in_an_ignore_file_pass(pytester, binary, model, aws_credentials):
    ignore = pytester.path / "moto-known.txt"
    ignore.write_text(KNOWN_MOTO_ISSUES)
    result = run(pytester, binary, model, "--docconform-ignore", str(ignore), files=["nonconforming_calls"])
    if "--ignore" in subprocess.run([binary, "validate", "--help"], capture_output=True, text=True).stdout:
        result.assert_outcomes(passed=5)
        assert result.ret == 0
    else:
        # A docconform build from before `validate --ignore`: the session stops and says why.
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines(["*this docconform build has no `validate --ignore`*"])


def test_calls_are_attributed_to_the_phase_that_made_them(pytester, binary, model, aws_credentials):
    pytester.makepyfile(test_phases="""
        import boto3
        import pytest
        from moto import mock_aws

        with mock_aws():
            # At collection, outside any test: reported at the end, and the session fails.
            boto3.client("route53", region_name="us-east-1").list_hosted_zones()

        @pytest.fixture
        def zone():
            with mock_aws():
                route53 = boto3.client("route53", region_name="us-east-1")
                route53.create_hosted_zone(Name="example.com", CallerReference="fixture")
                yield route53

        def test_with_a_zone(zone):
            pass

        def test_fails_for_its_own_reason_too():
            with mock_aws():
                boto3.client("route53", region_name="us-east-1").list_hosted_zones()
            assert 1 == 2, "its own failure"

        def test_clean():
            with mock_aws():
                boto3.client("sqs", region_name="us-east-1").create_queue(QueueName="q")
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--docconform-model", model,
                                           "--docconform-binary", binary)
    result.assert_outcomes(passed=1, failed=1, errors=1)
    result.stdout.fnmatch_lines([
        "*ERROR at setup of test_with_a_zone*",
        "docconform: 1 call(s) made here do not conform*",
        "route53.CreateHostedZone response does not conform to the model (call at test_phases.py:13 in zone):",
    ])
    result.stdout.fnmatch_lines([
        "*_ test_fails_for_its_own_reason_too _*",
        "*AssertionError: its own failure*",
        "*docconform: 1 call(s) made here do not conform*",
        "*  Marker: required: missing required member Marker*",
    ])
    result.stdout.fnmatch_lines([
        "1 non-conforming call(s) made outside any test:",
        "route53.ListHostedZones response does not conform to the model (call at test_phases.py:7 in <module>):",
    ])
    assert result.ret == 1


def test_plugin_loads_by_name_without_autoloading(pytester, binary, model, aws_credentials, monkeypatch):
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(test_one="""
        import boto3
        from moto import mock_aws

        def test_lambda():
            with mock_aws():
                boto3.client("lambda", region_name="us-east-1").list_functions()
    """)
    result = pytester.runpytest_subprocess("-p", "docconform", "-p", "no:cacheprovider",
                                           "--docconform-model", model, "--docconform-binary", binary)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["docconform: *, model *", "2 payloads checked (1 requests, 1 responses, *"])


def test_a_missing_binary_says_what_to_do(pytester, model, monkeypatch):
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest_subprocess("--docconform-model", model, "--docconform-binary", "/no/such/docconform")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*the binary given (/no/such/docconform) does not exist*swift build -c release*"])

    monkeypatch.delenv("DOCCONFORM_BINARY", raising=False)
    monkeypatch.setenv("PATH", str(pytester.path))
    result = pytester.runpytest_subprocess("--docconform-model", model)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*the `docconform` binary is not on PATH*--docconform-binary*"])


def test_an_unusable_model_stops_the_session_with_docconform_s_own_words(pytester, binary):
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest_subprocess("--docconform-model", "/no/such/model.json", "--docconform-binary", binary)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*docconform validate stopped while loading its model (exit status 2)*",
                                 "*/no/such/model.json*"])


def test_without_a_model_the_plugin_stays_out_of_the_way(pytester):
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert "docconform:" not in result.stdout.str()
    assert "= docconform =" not in result.stdout.str()


def test_plans_are_kept_in_pytest_s_cache_folder_between_sessions(pytester, binary, model, aws_credentials):
    pytester.makeconftest(suite("moto_conftest"))
    pytester.makepyfile(test_nonconforming_calls=suite("nonconforming_calls"))
    # The rootdir, where pytest keeps its cache folder (else the common ancestor of the paths
    # given, the model's among them).
    arguments = ("--rootdir", str(pytester.path), "--docconform-model", model, "--docconform-binary", binary)
    first = pytester.runpytest_subprocess(*arguments)
    first.assert_outcomes(passed=2, failed=3)
    first.stdout.fnmatch_lines(["docconform: *, model *, plans kept in *docconform-plans"])
    kept = list((pytester.path / ".pytest_cache" / "d" / "docconform-plans").glob("plans-*.dcplan"))
    assert len(kept) == 1, kept
    # Marked unused; the next session takes the plans on (marking the file used) and finds the same.
    os.utime(kept[0], (0, 0))
    second = pytester.runpytest_subprocess(*arguments)
    second.assert_outcomes(passed=2, failed=3)
    assert kept[0].stat().st_mtime > 0, "the second session took the kept plans"
    findings = [line for line in first.stdout.lines if "does not conform" in line or line.startswith("  ")]
    assert findings and findings == [line for line in second.stdout.lines if "does not conform" in line or line.startswith("  ")]

    # `none` keeps none.
    none = pytester.runpytest_subprocess(*arguments, "--docconform-plan-cache", "none", "--cache-clear")
    none.assert_outcomes(passed=2, failed=3)
    assert "plans kept in" not in none.stdout.str()
    assert not (pytester.path / ".pytest_cache" / "d" / "docconform-plans").exists()
