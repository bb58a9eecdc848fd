"""docconform for Python: validate the requests and responses of botocore/boto3 calls against
AWS's documented API model as they are made, in one long-running `docconform validate -`
process, with a pytest plugin (`--docconform-model PATH`)."""

from .binary import BinaryNotFound, find_binary
from .process import ValidationProcess, ValidatorFailed
from .recorder import Call, Recorder
from .validator import Finding, Validator

__all__ = ["BinaryNotFound", "Call", "Finding", "Recorder", "ValidationProcess", "Validator", "ValidatorFailed",
           "find_binary"]
