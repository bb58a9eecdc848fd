"""Finding the `docconform` command-line tool."""

from __future__ import annotations

import os
import shutil
from typing import Optional

ENVIRONMENT_VARIABLE = "DOCCONFORM_BINARY"


class BinaryNotFound(RuntimeError):
    """The docconform binary is not where it was looked for; the message says what to do."""


HOW_TO_GET_IT = (
    "Build it from the docconform repository (`swift build -c release`, then the binary is "
    ".build/release/docconform) and either put its folder on PATH, set "
    f"{ENVIRONMENT_VARIABLE}=/path/to/docconform, or pass --docconform-binary /path/to/docconform "
    "(pytest) / binary=... (Python)."
)


def find_binary(explicit: Optional[str] = None) -> str:
    """The path of the docconform binary: `explicit` when given, else $DOCCONFORM_BINARY, else
    `docconform` on PATH."""
    if explicit:
        return _executable(explicit, "given")
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return _executable(from_environment, f"named by ${ENVIRONMENT_VARIABLE}")
    found = shutil.which("docconform")
    if found is None:
        raise BinaryNotFound(f"docconform: the `docconform` binary is not on PATH. {HOW_TO_GET_IT}")
    return found


def _executable(path: str, how: str) -> str:
    candidate = os.path.abspath(os.path.expanduser(path))
    if os.path.isdir(candidate):
        candidate = os.path.join(candidate, "docconform")
    if not os.path.isfile(candidate):
        raise BinaryNotFound(f"docconform: the binary {how} ({path}) does not exist. {HOW_TO_GET_IT}")
    if not os.access(candidate, os.X_OK):
        raise BinaryNotFound(f"docconform: the binary {how} ({path}) is not executable. {HOW_TO_GET_IT}")
    return candidate
