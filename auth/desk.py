"""The request desk: what the call does with a caller's routed request.

The request router (``pipeline/router.py``) hands over requests it recognised in the
caller's words ("what do I owe", "when is my next appointment", "are you open on Saturday").
For protected data, a verified caller hears the answer at once, from the record, in a fixed
sentence; anyone else is verified first (the step-up flow), and the request waits there and
is answered as soon as the code is accepted, without the caller asking again. Questions about
the practice are answered from its profile, in its time zone.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Protocol

from verivoice.auth.stepup import StepUp
from verivoice.pipeline.contracts import Request, Routed
from verivoice.practice import PracticeProfile

NO_VERIFICATION = ("I'm sorry, I can't verify callers on this line right now, so I can't help "
                   "with your account on this call.")
ANSWER_FAILED = "I'm sorry, I can't look that up right now. Please call back later."


class Speaker(Protocol):
    async def say(self, text: str) -> None: ...

    def cut_since(self, when: float) -> bool:
        """The caller talked over the agent, cutting its line, at ``when`` or later."""
        ...


class Answerer(Protocol):
    """The call's tools, behind its gate (the pipeline's ``ToolRunner``)."""

    async def answer(self, name: str) -> str | None:
        """The sentence the caller hears for tool ``name``, or ``None`` if it cannot run."""
        ...


class StaffHandoff(Protocol):
    async def asked(self, topic: str | None) -> object:
        """The caller asked for a person (about ``topic``, e.g. "billing")."""
        ...


class RequestDesk:
    """Answers routed requests for a verified caller, and verifies everyone else first.

    Args:
        control: Where lines are spoken (the call).
        tools: The call's tools, behind its gate (the PHI tools answer in fixed sentences).
        stepup: The call's step-up flow; ``None`` when Verify is not configured, and then no
            protected request is ever answered.
        practice: The practice profile, for questions about the practice.
        handoff: Passes the call to staff (``await handoff(topic)``) when the caller asks
            for a person.
    """

    def __init__(self, control: Speaker, tools: Answerer, stepup: StepUp | None,
                 practice: PracticeProfile | None = None,
                 handoff: StaffHandoff | None = None) -> None:
        self._control = control
        self._tools = tools
        self._stepup = stepup
        self._practice = practice
        self._handoff = handoff
        self._last: tuple[float, str] | None = None  # (when, what) the desk last answered
        if stepup is not None:
            stepup.answer_with(self.answer)

    @property
    def handles(self) -> set[Request]:
        """What the router should hand here."""
        handled = {r for r in Request if r.protected}
        if self._practice is not None:
            handled |= {r for r in Request if r.practice}
        if self._handoff is not None:
            handled.add(Request.HANDOFF)
        return handled

    async def on_request(self, routed: Routed) -> None:
        """The router recognised ``routed`` in what the caller said."""
        request = routed.request
        self._last = None  # a tail from now on belongs to this request's answer
        if request is Request.HANDOFF and self._handoff is not None:
            await self._handoff.asked(routed.topic)
            return
        if request.practice and self._practice is not None:
            await self._say(practice_answer(self._practice, routed))
            return
        if not request.protected:
            return
        if self._stepup is None:
            await self._control.say(NO_VERIFICATION)
        elif self._stepup.verified:
            await self.answer([request.value])
        else:
            await self._stepup.require(request.value)

    async def answer(self, tool_names: list[str]) -> None:
        """Speak the answer to each request, in the order they were asked."""
        for name in dict.fromkeys(tool_names):
            line = await self._tools.answer(name)
            await self._say(line or ANSWER_FAILED)

    async def on_tail(self) -> None:
        """The caller finished the request ("... if you don't mind?") while the answer was
        being said. If those words cut it (the step's question or the desk's answer), it is
        said again; otherwise nothing is, and the words reach nobody."""
        if self._stepup is not None and await self._stepup.tail_heard():
            return
        if self._last is not None and self._control.cut_since(self._last[0]):
            await self._say(self._last[1])

    async def _say(self, line: str) -> None:
        self._last = (time.monotonic(), line)
        await self._control.say(line)


def practice_answer(practice: PracticeProfile, routed: Routed) -> str:
    """The profile's answer to a question about the practice, in its time zone."""
    if routed.request is Request.ADDRESS:
        return practice.address_line()
    if routed.request is Request.OPEN_NOW:
        return practice.open_now()
    today = practice.now().date()
    if routed.day in (None, "today"):
        line = practice.hours_on(today, today=today)
        return line if routed.day else f"{line} I can tell you the hours for any other day, too."
    if routed.day == "tomorrow":
        return practice.hours_on(today + dt.timedelta(days=1), today=today)
    return practice.hours_on_weekday(routed.day)  # type: ignore[arg-type]
