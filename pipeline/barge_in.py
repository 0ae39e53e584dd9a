"""When the caller last talked over the agent, read off the frames a call pipeline pushes.

A line the caller talks over is cut: the interruption drops the rest of its audio. The
step-up flow asks this whether its question was cut, so a caller who was still finishing
their request ("... could you check that for me?") over "To keep your account safe, I'm
texting a code ..." hears the question again instead of silence.
"""

from __future__ import annotations

import time

from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    InterruptionFrame,
)
from pipecat.observers.base_observer import BaseObserver, FramePushed
from pipecat.transports.base_output import BaseOutputTransport


class BargeInWatch(BaseObserver):
    """Notes when an interruption reached the output transport while the agent was speaking.

    Times are ``time.monotonic()`` seconds, taken when the observer sees the frame.
    """

    def __init__(self) -> None:
        super().__init__()
        self._speaking = False
        self.last_cut: float | None = None

    @property
    def speaking(self) -> bool:
        """The agent's audio is going out now."""
        return self._speaking

    def cut_since(self, when: float) -> bool:
        """The caller cut what the agent was saying at ``when`` (monotonic s) or later."""
        return self.last_cut is not None and self.last_cut >= when

    async def on_push_frame(self, data: FramePushed) -> None:
        frame = data.frame
        if isinstance(data.source, BaseOutputTransport):
            if isinstance(frame, BotStartedSpeakingFrame):
                self._speaking = True
            elif isinstance(frame, BotStoppedSpeakingFrame):
                self._speaking = False
        elif (isinstance(frame, InterruptionFrame) and self._speaking
              and isinstance(data.destination, BaseOutputTransport)):
            self.last_cut = time.monotonic()
