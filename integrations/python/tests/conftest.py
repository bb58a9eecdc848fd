"""The package's tests run the real docconform binary ($DOCCONFORM_BINARY or `docconform` on
PATH: a missing binary fails the tests, it does not skip them) against a model of the installed
botocore's services, and real moto."""

import os
import subprocess
from pathlib import Path

import botocore
import pytest

import docconform

pytest_plugins = ["pytester"]

SUITES = Path(__file__).parent / "suites"
SERVICES = ["iam", "kms", "lambda", "route53", "s3", "secretsmanager", "sns", "sqs", "ssm", "sts"]


@pytest.fixture(scope="session")
def binary() -> str:
    return docconform.find_binary()


@pytest.fixture(scope="session")
def model(binary, tmp_path_factory) -> str:
    """A docconform model of the services the suites call, from the installed botocore."""
    data = Path(botocore.__file__).parent / "data"
    out = tmp_path_factory.mktemp("model") / "model.json"
    subprocess.run([binary, "parse", *[str(data / s) for s in SERVICES], "--no-docs", "--quiet", "-o", str(out)],
                   check=True)
    return str(out)


@pytest.fixture
def aws_credentials(monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)


def suite(name: str) -> str:
    return (SUITES / f"{name}.py").read_text()
