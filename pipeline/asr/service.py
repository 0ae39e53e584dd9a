"""Pipecat speech-to-text service on the shared faster-whisper model, with digit mode.

The model is loaded once per process (:meth:`WhisperTranscriber.shared`) and shared by every
call; a service instance owns only its call's state. Digit mode is switched per turn by
the dialogue (the code gate) with :meth:`WhisperDigitsSTTService.expect_digits` or a
:class:`DigitModeFrame`. In digit mode the service emits a :class:`DigitReadingFrame`
instead of a transcription, so a code the caller reads out never enters the LLM context.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

from loguru import logger
from pipecat.frames.frames import (
    ErrorFrame,
    Frame,
    SystemFrame,
    TranscriptionFrame,
    TTSSpeakFrame,
)
from pipecat.processors.frame_processor import FrameDirection
from pipecat.services.settings import NOT_GIVEN, NotGiven, STTSettings
from pipecat.services.stt_service import SegmentedSTTService
from pipecat.utils.time import time_now_iso8601

from verivoice.device import ResolvedDevice
from verivoice.pipeline.asr.audio import SAMPLE_RATE, pcm16_to_float, to_mono_16k
from verivoice.pipeline.asr.settings import AsrSettings
from verivoice.pipeline.asr.spoken_numbers import spoken_to_digits
from verivoice.pipeline.asr.whisper import DigitExpectation, Transcript, WhisperTranscriber


@dataclass
class DigitModeFrame(SystemFrame):
    """Switch digit mode on (with what is expected) or off (``expectation=None``).

    A system frame, so it is not overtaken by the caller's audio and VAD frames.
    """

    expectation: DigitExpectation | None = None


@dataclass
class DigitReadingFrame(SystemFrame):
    """What the caller read out in digit mode. For the code gate, never for the LLM.

    Attributes:
        digits: The digit string, or ``None`` when nothing usable was heard.
        confidence: 0..1 support for ``digits`` among the decoder's hypotheses.
        unsure: The dialogue should ask again rather than act on ``digits``.
        expectation: What was expected in this turn.
        words: When the turn held no digits at all, what the caller said instead (a
            question, say), decoded as ordinary speech; ``None`` otherwise. Never holds
            digits, so it can never carry a code.
    """

    digits: str | None = None
    confidence: float = 0.0
    unsure: bool = True
    expectation: DigitExpectation | None = None
    words: str | None = None

    def __str__(self) -> str:  # never print the digits themselves
        return (f"{self.name}(digits: <{len(self.digits or '')} redacted>, "
                f"confidence: {self.confidence:.2f}, unsure: {self.unsure})")

    __repr__ = __str__


@dataclass
class WhisperDigitsSTTSettings(STTSettings):
    """Runtime-updatable settings of :class:`WhisperDigitsSTTService`.

    Parameters:
        no_speech_threshold: Windows more likely silence than this give no transcript.
    """

    no_speech_threshold: float | NotGiven = field(default_factory=lambda: NOT_GIVEN)


# Measured with `verivoice bench asr` (README): p99 of plain and digit decoding for a phone
# turn, tiny.en int8 on a 2-core CPU (258 ms and 256 ms). Segments are buffered, so this is
# the whole time from end of speech to the final transcript.
MEASURED_TTFS_P99_S = 0.26


class WhisperDigitsSTTService(SegmentedSTTService):
    """Segmented STT on faster-whisper with per-turn digit-biased decoding.

    Args:
        asr: Decoding settings (model, beams, windows); defaults from the environment.
        device: ``cuda`` or ``cpu``.
        ttfs_p99_latency: Measured end-of-speech to transcript p99 in seconds.
        **kwargs: Passed to :class:`SegmentedSTTService`.
    """

    Settings = WhisperDigitsSTTSettings
    _settings: Settings

    def __init__(
        self,
        *,
        asr: AsrSettings,
        device: ResolvedDevice,
        ttfs_p99_latency: float = MEASURED_TTFS_P99_S,
        settings: Settings | None = None,
        **kwargs,
    ) -> None:
        defaults = self.Settings(model=asr.model, language=asr.language,
                                 no_speech_threshold=asr.no_speech_threshold)
        if settings is not None:
            defaults.apply_update(settings)
        super().__init__(
            settings=defaults,
            ttfs_p99_latency=ttfs_p99_latency,
            stt_ttfb_timeout=max(2.0, 4 * ttfs_p99_latency),
            **kwargs,
        )
        self._transcriber = WhisperTranscriber.shared(asr, device)
        self._failure_line = asr.failure_line
        self._expectation: DigitExpectation | None = None

    @property
    def wants_wav_segments(self) -> bool:
        """The model reads raw 16-bit PCM."""
        return False

    def can_generate_metrics(self) -> bool:
        return True

    def expect_digits(self, expectation: DigitExpectation | None) -> None:
        """Switch digit mode for the caller's next turns (``None`` switches it off)."""
        self._expectation = expectation

    @property
    def expectation(self) -> DigitExpectation | None:
        return self._expectation

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        if isinstance(frame, DigitModeFrame):
            self.expect_digits(frame.expectation)
        await super().process_frame(frame, direction)

    async def _words_instead(self, samples) -> str | None:
        """A digit turn with no digits in it: what was said, if it holds no number at all.

        Digit mode's decoding can only write numbers, so a caller who asks something while a
        code is expected ("sorry, what are your hours?") is decoded again as ordinary speech.
        Anything with a digit in it is dropped: it may be part of a code.
        """
        try:
            plain: Transcript = await asyncio.to_thread(self._transcriber.transcribe, samples, None)
        except Exception as exc:
            logger.error(f"{self}: transcription failed ({type(exc).__name__})")
            return None
        text = plain.text.strip()
        if plain.no_speech or not text or any(c.isdigit() for c in text):
            return None
        if spoken_to_digits(text.lower()):
            return None
        return text

    async def run_stt(self, audio: bytes) -> AsyncGenerator[Frame, None]:
        """Transcribe one segment (16 kHz, 16-bit PCM) in a worker thread."""
        expectation = self._expectation
        samples = pcm16_to_float(audio)
        if self.sample_rate != SAMPLE_RATE:
            samples = to_mono_16k(samples, self.sample_rate)
        await self.start_processing_metrics()
        try:
            result: Transcript = await asyncio.to_thread(
                self._transcriber.transcribe, samples, expectation
            )
        except Exception as exc:  # the call goes on: the caller is asked to say it again
            logger.error(f"{self}: transcription failed ({type(exc).__name__})")
            yield ErrorFrame(f"transcription failed ({type(exc).__name__})")
            yield TTSSpeakFrame(self._failure_line, append_to_context=False)
            return
        finally:
            await self.stop_processing_metrics()
        if expectation is not None:
            words = None
            if result.digits is None and not result.no_speech:
                words = await self._words_instead(samples)
            yield DigitReadingFrame(
                digits=result.digits,
                confidence=result.confidence,
                unsure=result.unsure or result.digits is None,
                expectation=expectation,
                words=words,
            )
            return
        if result.no_speech or not result.text:
            return
        yield TranscriptionFrame(
            result.text, self._user_id, time_now_iso8601(), self._settings.language,
            result=result,
        )
