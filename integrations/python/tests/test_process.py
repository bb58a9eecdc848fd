"""The docconform process: records in, each result out before the input ends."""

import pytest

from docconform import BinaryNotFound, ValidationProcess, ValidatorFailed, find_binary

VALID = {"service": "sqs", "operation": "CreateQueue", "direction": "request", "payload": {"QueueName": "q"}}
INVALID = {"service": "sqs", "operation": "CreateQueue", "direction": "request", "payload": {"QueueName": 5}}


def test_results_come_back_while_the_input_is_open(binary, model):
    process = ValidationProcess([model], binary=binary)
    first = process.submit(dict(VALID))
    assert process.result(first, timeout=60)["valid"] is True
    second = process.submit(dict(INVALID))
    result = process.result(second, timeout=60)
    assert result["valid"] is False
    assert result["errors"] == [{"path": "QueueName", "code": "type", "message": "expected string, got number"}]
    assert process.close() == 1
    assert process.summary["records"] == 2 and process.summary["invalid"] == 1


def test_an_unusable_model_is_reported_with_docconform_s_words(binary, tmp_path):
    broken = tmp_path / "model.json"
    broken.write_text("{not json")
    with pytest.raises(ValidatorFailed) as failure:
        ValidationProcess([str(broken)], binary=binary)
    assert "stopped while loading its model (exit status 2)" in str(failure.value)
    assert str(broken) in str(failure.value)


def test_the_binary_is_found_or_the_message_says_how(binary, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCCONFORM_BINARY", binary)
    assert find_binary() == binary
    monkeypatch.delenv("DOCCONFORM_BINARY")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BinaryNotFound, match="not on PATH.*swift build -c release"):
        find_binary()
    not_executable = tmp_path / "docconform"
    not_executable.write_text("")
    with pytest.raises(BinaryNotFound, match="is not executable"):
        find_binary(str(not_executable))
