"""The request desk: what the call does with a caller's routed request for protected data.

The request router (``pipeline/router.py``) hands over requests it recognised in the
caller's words ("what do I owe", "when is my next appointment"). A verified caller hears the
answer at once, from the record, in a fixed sentence; anyone else is verified first (the
step-up flow), and the request waits there and is answered as soon as the code is accepted,
without the caller asking again.
"""

from __future__ import annotations

from typing import Protocol

from verivoice.auth.stepup import StepUp
from verivoice.pipeline.intents import Request
from verivoice.pipeline.llm.tools import ToolRunner

NO_VERIFICATION = ("I'm sorry, I can't verify callers on this line right now, so I can't help "
                   "with your account on this call.")
ANSWER_FAILED = "I'm sorry, I can't look that up right now. Please call back later."


class Speaker(Protocol):
    async def say(self, text: str) -> None: ...


class RequestDesk:
    """Answers routed requests for a verified caller, and verifies everyone else first.

    Args:
        control: Where lines are spoken (the call).
        tools: The call's tools, behind its gate (the PHI tools answer in fixed sentences).
        stepup: The call's step-up flow; ``None`` when Verify is not configured, and then no
            protected request is ever answered.
    """

    def __init__(self, control: Speaker, tools: ToolRunner, stepup: StepUp | None) -> None:
        self._control = control
        self._tools = tools
        self._stepup = stepup
        if stepup is not None:
            stepup.answer_with(self.answer)

    async def on_request(self, request: Request) -> None:
        """The router recognised ``request`` in what the caller said."""
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
            await self._control.say(line or ANSWER_FAILED)
