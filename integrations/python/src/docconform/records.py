"""docconform payload records built from what botocore holds: request parameters and parsed
responses, converted into the JSON encodings the model expects (spec/formats.md section 3) by
walking the operation's botocore shapes.

JSON has no timestamp or bytes type: a timestamp becomes an RFC 3339 string and a blob a
base64 string. A streaming body is never read (the caller still needs it): it stands as an
empty blob, which no streaming shape bounds.
"""

from __future__ import annotations

import base64
import datetime
import io
from typing import Any, Iterable, Optional

from botocore.model import Shape
from botocore.utils import parse_to_aware_datetime

# What a record leaves out, with the reason; counted by the caller.
OMITTED_EVENT_STREAM = "event stream (read by the caller as it arrives)"


class Conversion:
    """Converts one payload; remembers what it had to leave out."""

    def __init__(self, direction: str):
        self.direction = direction
        self.omitted: list[tuple[str, str]] = []

    def payload(self, value: dict, shape: Optional[Shape], synthetic: Iterable[str] = ()) -> dict:
        """`synthetic`: members botocore added to this parsed response itself (its
        `before-parse` handlers' `customized_response_dict`, s3's `ExpiresString`): not on the
        wire, so left out unless the model has them."""
        converted = self.value(value, shape, "")
        if self.direction == "error" and isinstance(converted, dict):
            _wire_error_code(converted)
        if self.direction != "request" and isinstance(converted, dict):
            # botocore adds the HTTP status, headers and request id to every parsed response.
            converted.pop("ResponseMetadata", None)
            members = shape.members if shape is not None and shape.type_name == "structure" else {}
            for key in synthetic:
                if key not in members:
                    converted.pop(key, None)
        return converted

    def value(self, value: Any, shape: Optional[Shape], path: str) -> Any:
        if value is None:
            return None
        kind = shape.type_name if shape is not None else None
        if kind == "structure" and isinstance(value, dict) and not shape.metadata.get("document"):
            members = shape.members
            out = {}
            for key, item in value.items():
                member = members.get(key)
                child = f"{path}.{key}" if path else key
                if member is not None and member.serialization.get("eventstream"):
                    self.omitted.append((child, OMITTED_EVENT_STREAM))
                    continue
                out[key] = self.value(item, member, child)
            return out
        if kind == "list" and isinstance(value, (list, tuple)):
            return [self.value(item, shape.member, f"{path}[{i}]") for i, item in enumerate(value)]
        if kind == "map" and isinstance(value, dict):
            return {key: self.value(item, shape.value, f'{path}["{key}"]') for key, item in value.items()}
        if kind == "timestamp":
            return self.timestamp(value)
        if kind == "blob":
            return self.blob(value, shape)
        return self.plain(value)

    def timestamp(self, value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            return _rfc3339(value)
        if self.direction == "request" and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            # botocore accepts epoch numbers and ISO 8601 dates for timestamps and serialises
            # what it parses: record that (what it cannot parse is left for the check to report).
            try:
                return _rfc3339(parse_to_aware_datetime(value))
            except (ValueError, TypeError, OverflowError):
                return value
        return self.plain(value)

    def blob(self, value: Any, shape: Shape) -> Any:
        if isinstance(value, (bytes, bytearray, memoryview)):
            return base64.b64encode(bytes(value)).decode("ascii")
        if isinstance(value, str):
            # botocore encodes a str given for a blob as UTF-8.
            return base64.b64encode(value.encode("utf-8")).decode("ascii")
        if hasattr(value, "read"):
            return self.stream(value, shape)
        return self.plain(value)

    def stream(self, value: Any, shape: Shape) -> str:
        """A file-like body: never consumed. Where the shape bounds its length (no streaming
        shape of botocore does), a seekable body is read and put back where it was."""
        bounded = "min" in shape.metadata or "max" in shape.metadata
        if bounded and _seekable(value):
            start = value.tell()
            try:
                data = value.read()
            finally:
                value.seek(start)
            if isinstance(data, str):
                data = data.encode("utf-8")
            return base64.b64encode(data).decode("ascii")
        return ""

    def plain(self, value: Any) -> Any:
        """A value the shape does not describe (an unknown member, a document): JSON as it is,
        with timestamps and bytes in their JSON encodings."""
        if isinstance(value, dict):
            return {str(k): self.plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.plain(v) for v in value]
        if isinstance(value, datetime.datetime):
            return _rfc3339(value)
        if isinstance(value, (bytes, bytearray, memoryview)):
            return base64.b64encode(bytes(value)).decode("ascii")
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        if hasattr(value, "read"):
            return ""
        return str(value)


def _wire_error_code(payload: dict) -> None:
    """A query-compatible JSON service (sqs) sends its error's shape name as `__type` and its old
    query protocol code in the `x-amzn-query-error` header; botocore's parser makes the header's
    code `Error.Code` and keeps the shape name as `Error.QueryErrorCode`. The model documents the
    shape name: that is the code recorded."""
    error = payload.get("Error")
    if isinstance(error, dict) and isinstance(error.get("QueryErrorCode"), str):
        error["Code"] = error.pop("QueryErrorCode")


def _rfc3339(value: datetime.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _seekable(value: Any) -> bool:
    try:
        return bool(value.seekable()) if hasattr(value, "seekable") else isinstance(value, io.IOBase)
    except (ValueError, OSError):
        return False


def record(service: str, operation: str, direction: str, payload: dict, shape: Optional[Shape],
           synthetic: Iterable[str] = ()) -> tuple[dict, list[tuple[str, str]]]:
    """A docconform.payload record and what was left out of it."""
    conversion = Conversion(direction)
    body = conversion.payload(payload if payload is not None else {}, shape, synthetic)
    return ({"service": service, "operation": operation, "direction": direction, "payload": body},
            conversion.omitted)
