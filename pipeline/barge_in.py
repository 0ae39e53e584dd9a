"""When the caller last talked over the agent, read off the frames a call pipeline pushes.

A line the caller talks over is cut: the interruption drops the rest of its audio. The
step-up flow asks this whether its question was cut, so a caller who was still finishing
their request ("... could you check that for me?") over "To keep your account safe, I'm
texting a code ..." hears the question again instead of silence.

It also notes whether the caller is speaking (the VAD's start and stop), so that a line the
code says (:meth:`Call.say <verivoice.server.assembly.Call.say>`) waits for a caller who is
still finishing a sentence instead of starting over them.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    CancelFrame,
    EndFrame,
    InterruptionFrame,
    TTSSpeakFrame,
    VADUserStartedSpeakingFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.observers.base_observer import BaseObserver, FramePushed
from pipecat.transports.base_output import BaseOutputTransport

# A line on its way this long without a sound has made none (it failed, or was empty).
LINE_COMING_S = 3.0


class BargeInWatch(BaseObserver):
    """Notes when an interruption reached the output transport while the agent was speaking,
    or while a line of the code's (a ``TTSSpeakFrame``) was on its way to be spoken: the
    interruption drops such a line before its first sound, and it is cut all the same.

    Times are ``time.monotonic()`` seconds, taken when the observer sees the frame.
    """

    def __init__(self) -> None:
        super().__init__()
        self._speaking = False
        # when a TTSSpeakFrame was last seen on its way, with no sound since: a line that
        # makes no sound at all (a synthesis error) is forgotten after LINE_COMING_S
        self._line_coming_at: float | None = None
        self._own_interruptions = 0  # interruptions the code sent itself (not the caller's)
        self.last_cut: float | None = None
        self._caller_quiet = asyncio.Event()
        self._caller_quiet.set()

    @property
    def caller_speaking(self) -> bool:
        """The caller's voice is on the line now (the VAD's start, not yet its stop)."""
        return not self._caller_quiet.is_set()

    async def caller_quiet(self, timeout_s: float) -> bool:
        """Wait until the caller stops speaking, at most ``timeout_s``; whether they did."""
        if self._caller_quiet.is_set():
            return True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._caller_quiet.wait(), timeout_s)
        return self._caller_quiet.is_set()

    @property
    def speaking(self) -> bool:
        """The agent's audio is going out now."""
        return self._speaking

    def own_interruption(self) -> None:
        """The next interruption is the code's own (a hand-off cutting the model's reply),
        not the caller talking over the agent."""
        self._own_interruptions += 1

    def _line_coming(self) -> bool:
        return (self._line_coming_at is not None
                and time.monotonic() - self._line_coming_at < LINE_COMING_S)

    def cut_since(self, when: float) -> bool:
        """The caller cut what the agent was saying at ``when`` (monotonic s) or later."""
        return self.last_cut is not None and self.last_cut >= when

    async def on_push_frame(self, data: FramePushed) -> None:
        frame = data.frame
        if isinstance(frame, VADUserStartedSpeakingFrame):
            self._caller_quiet.clear()
        elif isinstance(frame, VADUserStoppedSpeakingFrame | EndFrame | CancelFrame):
            self._caller_quiet.set()
        elif isinstance(frame, TTSSpeakFrame):
            if self._line_coming_at is None:  # seen at every hop: its first sighting counts
                self._line_coming_at = time.monotonic()
        elif isinstance(data.source, BaseOutputTransport):
            if isinstance(frame, BotStartedSpeakingFrame):
                self._speaking, self._line_coming_at = True, None
            elif isinstance(frame, BotStoppedSpeakingFrame):
                # usually a line queued while the agent spoke was spoken with it
                self._speaking, self._line_coming_at = False, None
        elif (isinstance(frame, InterruptionFrame)
              and isinstance(data.destination, BaseOutputTransport)):
            if self._own_interruptions:
                self._own_interruptions -= 1
            elif self._speaking or self._line_coming():
                self.last_cut = time.monotonic()
            self._line_coming_at = None
