"""The contracts between the call's pipeline and the layers beside it (``auth/``).

The pipeline's stages and the step-up flow meet only here: what the dialogue expects the
caller to read out (:class:`DigitExpectation`) and what they entered (:class:`DigitEntry`),
the tools the model may call and the gate that decides whether a protected one runs
(:class:`Tool`, :class:`ToolGate`), the values the speech must never voice
(:class:`ProtectedValues`), the requests the router recognises (:class:`Request`,
:class:`Routed`), and what a flow may ask of the call it runs in (:class:`CallControl`).
``auth/`` imports nothing else from the pipeline, and the pipeline imports nothing from
``auth/``: the call is wired together beside the server (``verivoice.server.assembly``).
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, Protocol

from pipecat.adapters.llm.schemas.function_schema import FunctionSchema

from verivoice.pipeline.asr.spoken_dates import spoken_to_date
from verivoice.pipeline.asr.spoken_numbers import spoken_to_digits

# -- digits the caller reads or keys ----------------------------------------------------

DigitKind = Literal["code", "phone", "digits", "date"]


@dataclass(frozen=True)
class DigitExpectation:
    """What the dialogue expects the caller to read out in this turn.

    Attributes:
        kind: ``code`` (a one-time code), ``phone`` (a phone number or its last digits),
            ``digits`` (any digit string) or ``date`` (a date of birth; the reading is
            ``YYYYMMDD``).
        lengths: Accepted numbers of digits, e.g. ``(6,)`` for a code, ``(10, 11)`` for a
            North American number. Empty means any length.
    """

    kind: DigitKind = "digits"
    lengths: tuple[int, ...] = ()

    @classmethod
    def code(cls, length: int = 6) -> DigitExpectation:
        return cls("code", (length,))

    @classmethod
    def phone(cls, lengths: tuple[int, ...] = (10, 11)) -> DigitExpectation:
        return cls("phone", lengths)

    @classmethod
    def date(cls) -> DigitExpectation:
        return cls("date", (8,))

    def normalise(self, text: str) -> str:
        """The digits ``text`` holds for this expectation ("" when none)."""
        if self.kind == "date":
            return (spoken_to_date(text) or "").replace("-", "")
        return spoken_to_digits(text)

    def accepts(self, digits: str) -> bool:
        return bool(digits) and (not self.lengths or len(digits) in self.lengths)


@dataclass(frozen=True)
class DigitEntry:
    """A complete digit entry from the caller. ``str()`` never shows the digits."""

    digits: str | None
    source: Literal["speech", "keypad"]
    confidence: float
    unsure: bool
    words: str | None = None  # a turn with no digits: what was said instead (never digits)

    def __str__(self) -> str:
        return (f"DigitEntry(<{len(self.digits or '')} digits redacted>, source={self.source}, "
                f"confidence={self.confidence:.2f}, unsure={self.unsure}, "
                f"words={'<redacted>' if self.words else None})")

    __repr__ = __str__


class DigitsListener(Protocol):
    """What the gate hands complete entries to (the auth layer's step-up flow)."""

    async def on_digits(self, entry: DigitEntry, gate: Any) -> None:
        """``gate``: the code gate that passed the entry on."""
        ...


# -- tools and the gate on protected ones ---------------------------------------------

ToolHandler = Callable[..., Awaitable[Any]]
Speak = Callable[[str], Awaitable[None]]

ANSWERED = {"status": "answered", "note": "The answer was read to the caller. Do not repeat "
            "it; ask if there is anything else."}
AUDIT_UNAVAILABLE = {"error": "audit_unavailable",
                     "say": "I'm sorry, I can't look that up right now. Please call back later."}
VERIFICATION_REQUIRED = {
    "error": "verification_required",
    "say": "Before I can do that I need to verify your identity with a one-time code.",
}


@dataclass(frozen=True)
class Tool:
    """One function the model may call.

    Attributes:
        name: Function name the model uses.
        description: What it does, for the model.
        properties: JSON-schema properties of its arguments.
        required: Names of the required arguments.
        handler: ``async def handler(**arguments) -> result``.
        phi: It touches protected data (or money): the gate decides whether it runs.
        spoken: Turns a successful result into the sentence the caller hears; the code
            speaks it, and the model never sees the result.
        quiet: The tool speaks to the caller itself (a hand-off): the model does not reply.
        reads: The kinds of protected data a PHI tool reads (for its audit record).
    """

    name: str
    description: str
    handler: ToolHandler
    properties: dict[str, Any] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    phi: bool = False
    spoken: Callable[[Any], str] | None = None
    quiet: bool = False
    reads: tuple[str, ...] = ()

    def function_schema(self) -> FunctionSchema:
        return FunctionSchema(self.name, self.description, self.properties, self.required)

    def openai_tool(self) -> dict[str, Any]:
        """The strict schema, for servers and small models that need `strict` to comply."""
        return {"type": "function", "function": {
            "name": self.name, "description": self.description, "strict": True,
            "parameters": {"type": "object", "properties": self.properties,
                           "required": self.required, "additionalProperties": False}}}


class ToolGate(Protocol):
    """Decides, per call, whether a PHI tool may run now.

    A gate may also define ``async def require(tool_name)``: called when it refuses a tool,
    so that it can start verification itself (the step-up flow does); and
    ``async def disclosing(tool)``: called before a PHI tool runs, to write its access
    record; if it raises, the tool does not run.
    """

    def allows(self, tool: Tool) -> bool: ...


# -- what the speech must never voice ----------------------------------------------------

class WithheldText(ValueError):
    """The text would voice a protected value (a one-time code). It holds no part of it."""


class ProtectedValues:
    """Per-call registry of digit strings that must never be spoken (one-time codes).

    The auth layer marks a code when it is issued and may forget it once it is used.
    """

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._lock = threading.Lock()

    def mark(self, value: str) -> None:
        digits = "".join(c for c in value if c.isdigit())
        if len(digits) < 4:
            raise ValueError("a protected value must hold at least 4 digits")
        with self._lock:
            self._values.add(digits)

    def forget(self, value: str) -> None:
        with self._lock:
            self._values.discard("".join(c for c in value if c.isdigit()))

    @property
    def longest(self) -> int:
        with self._lock:
            return max((len(v) for v in self._values), default=0)

    def found_in(self, digit_stream: str) -> bool:
        with self._lock:
            return any(v in digit_stream for v in self._values)


# -- requests the router recognises ------------------------------------------------------

class Request(StrEnum):
    """A request the code acts on. The value is the name of the tool that serves it."""

    BALANCE = "account_balance"
    APPOINTMENTS = "upcoming_appointments"
    CHANGE_APPOINTMENT = "change_appointment"
    TEST_RESULTS = "test_results"
    PRESCRIPTIONS = "prescriptions"
    ACCOUNT = "account_summary"
    HANDOFF = "transfer_to_staff"
    HOURS = "practice_hours"
    OPEN_NOW = "practice_open_now"
    ADDRESS = "practice_address"

    @property
    def protected(self) -> bool:
        """It reads protected data: only a verified caller is answered."""
        return self not in _PUBLIC

    @property
    def practice(self) -> bool:
        """A fact about the practice, answered from its profile."""
        return self in (Request.HOURS, Request.OPEN_NOW, Request.ADDRESS)


_PUBLIC = frozenset({Request.HANDOFF, Request.HOURS, Request.OPEN_NOW, Request.ADDRESS})


@dataclass(frozen=True)
class Routed:
    """A recognised request, with the day it is about ("saturday", "today", ...) and its
    topic ("billing", for a person to talk to) if any."""

    request: Request
    day: str | None = None
    topic: str | None = None


# -- what a flow may ask of its call --------------------------------------------------------

class CallControl(Protocol):
    """What the flow needs from the call it runs in."""

    async def say(self, text: str) -> None: ...

    async def expect_digits(self, expectation: DigitExpectation | None) -> None: ...

    async def tell_model(self, text: str, respond: bool = True) -> None: ...

    async def escalate(self, reason: str) -> None:
        """Hand the call to staff: ``locked`` (verification failed; the call ends if no one
        can take it), ``verify_down`` (verification cannot run; the call goes on) or
        ``asked`` (the caller asked for a person mid-flow)."""
        ...

    async def aside(self, said: str, then: str) -> None:
        """Let the model answer what the caller ``said`` (no digits in it), then say ``then``."""
        ...

    def cut_since(self, when: float) -> bool:
        """The caller talked over the agent, cutting its line, at ``when`` (``time.monotonic()``)
        or later."""
        ...

    async def caller_quiet(self, timeout_s: float) -> bool:
        """Wait until the caller is not speaking, at most ``timeout_s``; whether they stopped."""
        ...

    def handing_off(self) -> bool:
        """The call is being handed to staff now (the agent says nothing more of its own)."""
        ...


# What classifies a caller's words as a request (``verivoice.pipeline.intents.classify``).
Classify = Callable[[str], Request | None]
