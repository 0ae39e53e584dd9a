"""The code gate: where digits the caller reads or keys in leave the conversation.

It sits between the speech recogniser and the LLM's context aggregator. Digit readings
(:class:`DigitReadingFrame`, from the ASR in digit mode) and keypad presses
(``InputDTMFFrame``) stop here: they never travel on towards the LLM. The dialogue switches
digit mode with :meth:`CodeGate.expect`; a complete entry goes to the gate's
:class:`DigitsListener` (the auth layer's step-up flow, issue 6). Without a listener the
gate is a pass-through for everything else and drops digits with a log line that holds no
digits.
"""

from __future__ import annotations

import asyncio

from loguru import logger
from pipecat.frames.frames import Frame, InputDTMFFrame, StartFrame
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

from verivoice.pipeline.asr.service import DigitModeFrame, DigitReadingFrame
from verivoice.pipeline.asr.whisper import DigitExpectation
from verivoice.pipeline.contracts import DigitEntry, DigitsListener
from verivoice.pipeline.taken_turns import TurnTakenFrame


class CodeGate(FrameProcessor):
    """Keeps digits out of the LLM path and hands them to the step-up flow.

    Args:
        listener: Receives complete entries; ``None`` drops them (until auth is wired).
        keypad_max: Keypad digits after which an entry completes without ``#``.
    """

    def __init__(self, listener: DigitsListener | None = None, *, keypad_max: int = 12,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self._listener = listener
        self._keypad_max = keypad_max
        self._expectation: DigitExpectation | None = None
        self._keys: list[str] = []
        # Entries are handled one at a time by a task of the gate's own: the step-up flow
        # waits on Twilio, and system frames (barge-in, hang-up) must not wait behind it.
        self._entries: asyncio.Queue[DigitEntry] = asyncio.Queue()
        self._consumer: asyncio.Task | None = None

    def listen(self, listener: DigitsListener | None) -> None:
        """Hand complete entries to ``listener`` from now on."""
        self._listener = listener

    @property
    def expectation(self) -> DigitExpectation | None:
        return self._expectation

    async def expect(self, expectation: DigitExpectation | None) -> None:
        """Expect digits in the caller's next turns (``None``: back to ordinary speech).

        Switches the recogniser upstream into (or out of) digit mode.
        """
        self._expectation = expectation
        self._keys = []
        await self.push_frame(DigitModeFrame(expectation=expectation), FrameDirection.UPSTREAM)

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, DigitReadingFrame):
            await self._deliver(DigitEntry(frame.digits, "speech", frame.confidence, frame.unsure,
                                           words=frame.words))
            await self.push_frame(TurnTakenFrame(), FrameDirection.DOWNSTREAM)  # the turn ends
        elif isinstance(frame, InputDTMFFrame):
            await self._key(str(frame.button.value))
        else:
            if isinstance(frame, StartFrame):
                self._keys = []
                if self._consumer is None:
                    self._consumer = self.create_task(self._consume(), name="code-gate")
            await self.push_frame(frame, direction)

    async def _consume(self) -> None:
        while True:
            entry = await self._entries.get()
            if self._listener is None:
                continue
            try:
                await self._listener.on_digits(entry, self)
            except Exception as exc:  # one failed entry never silences the gate
                logger.error(f"{self}: handling a digit entry failed ({type(exc).__name__})")

    async def cleanup(self) -> None:
        if self._consumer is not None:
            await self.cancel_task(self._consumer)
            self._consumer = None
        await super().cleanup()

    async def _key(self, key: str) -> None:
        if key == "#" or key == "*":
            if key == "#" and self._keys:
                entry, self._keys = "".join(self._keys), []
                await self._deliver(DigitEntry(entry, "keypad", 1.0, False))
            else:
                self._keys = []
            return
        if key.isdigit():
            self._keys.append(key)
        expected = self._expectation.lengths if self._expectation else ()
        if (expected and len(self._keys) == max(expected)) or len(self._keys) >= self._keypad_max:
            entry, self._keys = "".join(self._keys), []
            await self._deliver(DigitEntry(entry, "keypad", 1.0, False))

    async def _deliver(self, entry: DigitEntry) -> None:
        if self._listener is None:
            logger.info(f"{self}: {entry.source} digits received and dropped (no step-up flow)")
            return
        self._entries.put_nowait(entry)
