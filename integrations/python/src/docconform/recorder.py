"""Records botocore calls through botocore's event system, for any boto3/botocore client or
session.

Where the hooks sit matters:

- A request is what botocore serialises. `provide-client-params` sees the caller's parameters
  before botocore's own `before-parameter-build` customisations run (route53 strips
  `/hostedzone/` from ids there, ec2 base64-encodes `UserData`, s3 fills in SSE-C digests,
  idempotency tokens are generated), so recording there gives false errors. The parameters
  dict those handlers change in place is the one the serialiser then receives: it is kept
  (`before-parameter-build`, in the call's context) and recorded at `before-call`, after
  serialisation, when every customisation has run.
- A response is what came over the wire. botocore's `after-call` handlers change the parsed
  response for the caller (iam's policy documents, URL-encoded on the wire, become dicts;
  ec2's console output is base64-decoded; cloudformation's template bodies are parsed), so
  recording there gives false type errors. `needs-retry` sees each attempt's parsed response
  before them: the record is made there (the conversion copies what it needs, nothing is read
  from a streaming body) and sent at `after-call`, for the attempt the caller gets. A status of
  300 or more is an error response. Members botocore adds to a parsed response itself (its
  `before-parse` handlers' `customized_response_dict`: s3's `ExpiresString`) are not on the
  wire and are left out.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass, field
from typing import Callable, Optional

import botocore
import botocore.handlers

from . import records

_PARAMS = "docconform.params"
_REQUEST_SENT = "docconform.request"
_RESPONSE_SENT = "docconform.response"
_RESPONSE_MADE = "docconform.response-record"

# Frames inside these folders are not "where the call was made".
_LIBRARY_FOLDERS = (os.path.dirname(botocore.__file__) + os.sep, os.path.dirname(__file__) + os.sep)
_LIBRARY_NAMES = (f"{os.sep}boto3{os.sep}", f"{os.sep}s3transfer{os.sep}", f"{os.sep}moto{os.sep}",
                  f"{os.sep}aiobotocore{os.sep}", f"{os.sep}threading.py", f"{os.sep}concurrent{os.sep}")


@dataclass
class Call:
    """One recorded payload: the record as sent, where the call was made, what was left out;
    `problem` says why a payload could not be made into a record (then `record` has no
    payload)."""
    record: dict
    site: Optional[str]
    omitted: list = field(default_factory=list)
    problem: Optional[str] = None

    @property
    def title(self) -> str:
        r = self.record
        return f"{r['service']}.{r['operation']} {r['direction']}"


class Recorder:
    """Hands a `Call` to `sink` for every request, response and error response of the
    clients it is attached to (`attach`), or of every botocore session created after
    `install()`."""

    def __init__(self, sink: Callable[[Call], None]):
        self.sink = sink
        self.enabled = True
        self._unique = f"docconform-{id(self)}"
        self._handlers = [
            ("before-parameter-build", self._keep_params),
            ("before-call", self._request),
            ("before-parse", self._customised),
            ("needs-retry", self._parsed),
            ("after-call", self._response),
        ]
        self._installed = False
        self._lock = threading.Lock()
        # before-parse and needs-retry of one attempt run on the caller's thread, one after
        # the other; before-parse is given no call context.
        self._attempt = threading.local()

    # -- where the handlers go

    def attach(self, target) -> None:
        """Records the calls of a boto3/botocore client (already created), a boto3 Session or
        a botocore Session (its clients created from now on)."""
        events = _events_of(target)
        for event, handler in self._handlers:
            events.register(event, handler, unique_id=f"{self._unique}-{event}")

    def detach(self, target) -> None:
        events = _events_of(target)
        for event, handler in self._handlers:
            events.unregister(event, handler, unique_id=f"{self._unique}-{event}")

    def install(self) -> None:
        """Every botocore session created from now on records (botocore registers its
        BUILTIN_HANDLERS on each new session, which is how moto's `mock_aws` reaches them too),
        and boto3's default session if it exists already."""
        with self._lock:
            if self._installed:
                return
            botocore.handlers.BUILTIN_HANDLERS.extend(self._handlers)
            self._installed = True
        boto3 = sys.modules.get("boto3")
        if boto3 is not None and getattr(boto3, "DEFAULT_SESSION", None) is not None:
            self.attach(boto3.DEFAULT_SESSION)

    def uninstall(self) -> None:
        with self._lock:
            if not self._installed:
                return
            for spec in self._handlers:
                if spec in botocore.handlers.BUILTIN_HANDLERS:
                    botocore.handlers.BUILTIN_HANDLERS.remove(spec)
            self._installed = False
        self.enabled = False

    # -- the handlers (one per event; a call may reach a handler twice when a session was both
    # installed and attached: the call's context says whether it was recorded)

    def _keep_params(self, params, context=None, **kwargs):
        if context is not None:
            context[_PARAMS] = params

    def _request(self, model, context=None, **kwargs):
        if not self.enabled or context is None or context.get(_REQUEST_SENT) or _PARAMS not in context:
            return
        context[_REQUEST_SENT] = True
        self._send(model, "request", context[_PARAMS], model.input_shape)

    def _customised(self, customized_response_dict=None, **kwargs):
        self._attempt.customised = customized_response_dict

    def _parsed(self, response=None, operation=None, request_dict=None, **kwargs):
        # Must return None: anything else asks botocore to retry.
        customised = getattr(self._attempt, "customised", None) or {}
        self._attempt.customised = None
        context = (request_dict or {}).get("context")
        if not self.enabled or response is None or operation is None or context is None:
            return None
        http_response, parsed = response
        context[_RESPONSE_MADE] = self._call(operation, http_response, parsed, synthetic=list(customised))
        return None

    def _response(self, http_response, parsed, model, context=None, **kwargs):
        if not self.enabled or (context is not None and context.get(_RESPONSE_SENT)):
            return
        if context is not None:
            context[_RESPONSE_SENT] = True
        # Made from the wire's parsed response; without one (a stub answered at `before-call`),
        # from what the caller gets.
        call = (context or {}).get(_RESPONSE_MADE) or self._call(model, http_response, parsed)
        call.site = call_site()
        self.sink(call)

    def _call(self, model, http_response, parsed, synthetic=()) -> "Call":
        status = getattr(http_response, "status_code", 200) or 200
        if status >= 300:
            # Checked against the operation's documented errors (`"direction": "error"`).
            return self._make(model, "error", parsed, None, synthetic)
        return self._make(model, "response", parsed, model.output_shape, synthetic)

    def _send(self, model, direction, payload, shape) -> None:
        call = self._make(model, direction, payload, shape)
        call.site = call_site()
        self.sink(call)

    @staticmethod
    def _make(model, direction, payload, shape, synthetic=()) -> Call:
        service, operation = model.service_model.service_name, model.name
        try:
            record, omitted = records.record(service, operation, direction, payload, shape, synthetic)
        except Exception as error:  # a payload this package cannot convert: said, never dropped
            return Call(record={"service": service, "operation": operation, "direction": direction}, site=None,
                        problem=f"cannot be made into a record: {type(error).__name__}: {error}")
        return Call(record=record, site=None, omitted=omitted)


def _events_of(target):
    meta = getattr(target, "meta", None)
    if meta is not None and hasattr(meta, "events"):
        return meta.events  # a client
    events = getattr(target, "events", None)
    if events is not None and hasattr(events, "register"):
        return events  # a boto3 Session (its botocore session's emitter)
    getter = getattr(target, "get_component", None)
    if getter is not None:
        return getter("event_emitter")  # a botocore Session
    raise TypeError(f"docconform: cannot record the calls of {target!r}: not a boto3/botocore client or session")


def call_site() -> Optional[str]:
    """`file:line in function` of the innermost frame outside botocore, boto3, moto and this
    package: where the caller made the call."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if not name.startswith(_LIBRARY_FOLDERS) and not any(part in name for part in _LIBRARY_NAMES) \
                and not name.startswith("<frozen"):
            return f"{_relative(name)}:{frame.f_lineno} in {frame.f_code.co_name}"
        frame = frame.f_back
    return None


def _relative(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative
