"""Per-turn latency and the call's transcript, read off the frames a call pipeline pushes.

For each caller turn: end of speech (VAD stop less its ``stop_secs``) -> transcript ->
first LLM token -> first TTS audio -> first audio out (the output transport starts speaking). Times come from
the pipeline clock stamped on each push, not from when this observer runs.

The transcript is kept in memory for the call's own display (the CLI, the browser page);
it is never logged. Digit readings appear only as "(digits)". The agent's lines are what its
voice was given to say (the TTS service's text frames, after the reply guard), not what the
model wrote: a reply cut at its sentence cap, or withheld as code, shows as spoken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    CancelFrame,
    EndFrame,
    InterruptionFrame,
    LLMTextFrame,
    TranscriptionFrame,
    TTSAudioRawFrame,
    TTSStoppedFrame,
    TTSTextFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.observers.base_observer import BaseObserver, FramePushed
from pipecat.services.llm_service import LLMService
from pipecat.services.tts_service import TTSService
from pipecat.transports.base_output import BaseOutputTransport

from verivoice.pipeline.asr.service import DigitReadingFrame


@dataclass
class TurnTiming:
    """Milliseconds from the caller's end of speech to each step (``None``: not reached)."""

    transcript_ms: float | None = None
    first_token_ms: float | None = None
    first_tts_ms: float | None = None  # the TTS service's first audio frame
    first_audio_ms: float | None = None  # the output transport starts playing it


@dataclass
class Line:
    speaker: str  # "caller" | "agent"
    text: str


class TurnRecorder(BaseObserver):
    """Collects the transcript and per-turn latencies of one call.

    Args:
        on_line: Called with each finished transcript line (e.g. to stream it to a page).
        on_turn: Called with each completed turn's timing.
    """

    def __init__(self, on_line: Callable[[Line], None] | None = None,
                 on_turn: Callable[[TurnTiming], None] | None = None) -> None:
        super().__init__()
        self.on_line = on_line
        self.on_turn = on_turn
        self.lines: list[Line] = []
        self.turns: list[TurnTiming] = []
        self._speech_end: int | None = None
        self._turn: TurnTiming | None = None
        self._spoken: dict[str | None, list[str]] = {}  # TTS context -> its text so far

    def _add(self, line: Line) -> None:
        self.lines.append(line)
        if self.on_line is not None:
            self.on_line(line)

    def _end_agent_line(self, context_id: str | None) -> None:
        words = self._spoken.pop(context_id, None)
        if words:
            self._add(Line("agent", " ".join(words)))

    def _ms(self, timestamp: int) -> float:
        assert self._speech_end is not None
        return (timestamp - self._speech_end) / 1e6

    async def on_push_frame(self, data: FramePushed) -> None:
        frame, ts = data.frame, data.timestamp
        if not data.first_push:
            return
        if isinstance(frame, VADUserStoppedSpeakingFrame):
            if self._turn is None or self._turn.first_token_ms is None:
                self._speech_end = ts - int(frame.stop_secs * 1e9)
                self._turn = self._turn or TurnTiming()
        elif isinstance(frame, TranscriptionFrame | DigitReadingFrame):
            text = frame.text if isinstance(frame, TranscriptionFrame) else "(digits)"
            if text.strip():
                self._add(Line("caller", text.strip()))
            if self._turn is not None and self._speech_end is not None:
                self._turn.transcript_ms = self._ms(ts)
        elif isinstance(frame, LLMTextFrame) and isinstance(data.source, LLMService):
            turn = self._turn
            if turn is not None and turn.first_token_ms is None and self._speech_end is not None:
                turn.first_token_ms = self._ms(ts)
        elif isinstance(frame, TTSAudioRawFrame) and isinstance(data.source, TTSService):
            turn = self._turn
            if turn is not None and turn.first_tts_ms is None and self._speech_end is not None:
                turn.first_tts_ms = self._ms(ts)
        elif isinstance(frame, TTSTextFrame) and isinstance(data.source, TTSService):
            if frame.text.strip():
                self._spoken.setdefault(frame.context_id, []).append(frame.text.strip())
        elif isinstance(frame, TTSStoppedFrame) and isinstance(data.source, TTSService):
            self._end_agent_line(frame.context_id)
        elif isinstance(frame, InterruptionFrame | EndFrame | CancelFrame):
            for context_id in list(self._spoken):  # what was spoken before the cut
                self._end_agent_line(context_id)
        elif (isinstance(frame, BotStartedSpeakingFrame)
              and isinstance(data.source, BaseOutputTransport)
              and self._turn is not None and self._speech_end is not None):
            self._turn.first_audio_ms = self._ms(ts)
            self.turns.append(self._turn)
            if self.on_turn is not None:
                self.on_turn(self._turn)
            self._turn, self._speech_end = None, None
