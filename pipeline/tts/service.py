"""Pipecat TTS service on the shared Piper worker, tuned for fast first audio.

Per call, :class:`PiperWorkerTTSService` owns only its text rewriting state (and the codes
the auth layer protects); the voice lives in one :class:`PiperProcess` shared by every call
in the server, and the fixed phrases in one :class:`PhraseCache`.

- LLM tokens are cut into chunks by :class:`ClauseTextAggregator`: the first chunk of a
  reply after its first clause or a few words, the rest at clause boundaries. Pipecat runs
  :meth:`run_tts` per chunk as soon as it is complete, so later chunks are synthesised while
  earlier ones play.
- Audio leaves in 20 ms frames at the transport's rate (Pipecat's soxr stream resampler) as soon as each piece is ready.
- On barge-in Pipecat cancels :meth:`run_tts`; leaving it cancels the worker request, and
  late audio for it is dropped, so nothing stale plays.
- The model's text passes :class:`ReplyGuard` first: code, tool names, JSON, markup, links,
  stack traces, repeated sentences and sentences past ``max_sentences`` are not spoken. The
  system's own lines (``TTSSpeakFrame``: greetings, step-up prompts, templated answers) are
  trusted and spoken as written.
- The text is never logged (it may be PHI), and a marked one-time code is never voiced.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field

from loguru import logger
from pipecat.audio.resamplers.soxr_stream_resampler import SOXRStreamAudioResampler
from pipecat.frames.frames import (
    AggregatedTextFrame,
    ErrorFrame,
    Frame,
    TTSAudioRawFrame,
    TTSSpeakFrame,
)
from pipecat.services.settings import NOT_GIVEN, NotGiven, TTSSettings, is_given
from pipecat.services.tts_service import TTSService

from verivoice.pipeline.tts.clauses import ChunkRules, ClauseTextAggregator, split_for_speech
from verivoice.pipeline.tts.figures import KnownFigures
from verivoice.pipeline.tts.opening_times import OpeningTimesCheck
from verivoice.pipeline.tts.phrases import PhraseCache
from verivoice.pipeline.tts.piper import PiperProcess, SynthesisOptions, TtsError
from verivoice.pipeline.tts.settings import TtsSettings
from verivoice.pipeline.tts.speakable import ReplyGuard
from verivoice.pipeline.tts.speech_text import ProtectedValues, SpeechText, WithheldText

FRAME_MS = 20


def chunk_rules(tts: TtsSettings) -> ChunkRules:
    return ChunkRules(first_chunk_words=tts.first_chunk_words,
                      min_clause_words=tts.min_clause_words,
                      max_chunk_words=tts.max_chunk_words)


def synthesis_options(tts: TtsSettings) -> SynthesisOptions:
    return SynthesisOptions(length_scale=tts.length_scale, noise_scale=tts.noise_scale,
                            noise_w_scale=tts.noise_w_scale, speaker_id=tts.speaker_id)


def load_voice(tts: TtsSettings, *, nice: int = 0) -> tuple[PiperProcess, PhraseCache]:
    """Start (once per process) the Piper worker, at nice value ``nice``, and the fixed-phrase
    cache.

    Raises:
        verivoice.models.registry.ModelError: the voice is missing or corrupt (names the file).
        TtsError: the worker could not load the voice.
    """
    from verivoice.models.registry import main_path

    worker = PiperProcess.shared(main_path(tts.voice, kind="piper"), threads=tts.worker_threads,
                                 cuda=tts.cuda, startup_timeout_s=tts.startup_timeout_s,
                                 nice=nice)
    return worker, PhraseCache.shared(worker, tts.cached_phrases, synthesis_options(tts))


class Framer:
    """Cuts a PCM stream into fixed-length frames, keeping the remainder for the next piece."""

    def __init__(self, sample_rate: int, frame_ms: int = FRAME_MS) -> None:
        self.frame_bytes = sample_rate * frame_ms // 1000 * 2
        self._pending = bytearray()

    def push(self, pcm: bytes) -> list[bytes]:
        self._pending.extend(pcm)
        cut = len(self._pending) - len(self._pending) % self.frame_bytes
        frames = [bytes(self._pending[i:i + self.frame_bytes])
                  for i in range(0, cut, self.frame_bytes)]
        del self._pending[:cut]
        return frames

    def flush(self) -> list[bytes]:
        rest, self._pending = bytes(self._pending), bytearray()
        return [rest] if rest else []


@dataclass
class PiperWorkerTTSSettings(TTSSettings):
    """Runtime-updatable synthesis settings (``None`` keeps the voice's default)."""

    length_scale: float | NotGiven | None = field(default_factory=lambda: NOT_GIVEN)
    noise_scale: float | NotGiven | None = field(default_factory=lambda: NOT_GIVEN)
    noise_w_scale: float | NotGiven | None = field(default_factory=lambda: NOT_GIVEN)
    speaker_id: int | NotGiven | None = field(default_factory=lambda: NOT_GIVEN)


class PiperWorkerTTSService(TTSService):
    """Piper speech for one call, through the process-wide worker.

    Args:
        tts: Voice, chunking and text settings.
        worker: The Piper worker (default: the process-wide one for ``tts.voice``).
        phrases: Fixed phrases served from memory (default: the process-wide cache).
        protected: This call's one-time codes, marked by the auth layer.
        tool_names: The call's tool names, never voiced in the model's replies.
        opening_times: Checks the opening times a model's reply states (``None``: not checked).
        known_figures: The figures the model's context holds, read once per reply that
            states one (``None``: figures are not checked).
        settings: Runtime-updatable synthesis settings.
        **kwargs: Passed to :class:`TTSService` (``sample_rate``: the transport's).
    """

    Settings = PiperWorkerTTSSettings
    _settings: Settings

    def __init__(
        self,
        *,
        tts: TtsSettings,
        worker: PiperProcess | None = None,
        phrases: PhraseCache | None = None,
        protected: ProtectedValues | None = None,
        tool_names: Iterable[str] = (),
        opening_times: OpeningTimesCheck | None = None,
        known_figures: Callable[[], KnownFigures] | None = None,
        settings: Settings | None = None,
        **kwargs,
    ) -> None:
        defaults = self.Settings(model=None, voice=tts.voice, language=None,
                                 length_scale=tts.length_scale, noise_scale=tts.noise_scale,
                                 noise_w_scale=tts.noise_w_scale, speaker_id=tts.speaker_id)
        if settings is not None:
            defaults.apply_update(settings)
        super().__init__(push_start_frame=True, push_stop_frames=True, settings=defaults,
                         **kwargs)
        # Pipecat 1.14 takes no aggregator argument; this attribute is the one it uses.
        self._text_aggregator = ClauseTextAggregator(chunk_rules(tts))
        if worker is None:
            worker, shared_phrases = load_voice(tts)
            phrases = phrases if phrases is not None else shared_phrases
        self._tts = tts
        self._worker = worker
        self._phrases = phrases
        self._rules = chunk_rules(tts)
        self._speech = SpeechText(protected, day_first=tts.day_first)
        self._turn_chars = 0
        self._guard = ReplyGuard(
            tool_names=tool_names, max_sentences=tts.max_sentences,
            blocked_line=tts.blocked_reply_line,
            wrong_facts=opening_times.contradicts if opening_times is not None else None,
            true_facts=opening_times.true_line if opening_times is not None else "",
            known_figures=known_figures if tts.grounded_figures else None,
            unknown_figure_line=tts.unknown_figure_line)
        self._speaking_system_line = False
        self._system_contexts: set[str] = set()

    @property
    def protected(self) -> ProtectedValues:
        """This call's values that must never be voiced (the auth layer marks codes here)."""
        return self._speech.protected

    def can_generate_metrics(self) -> bool:
        return True

    def _options(self) -> SynthesisOptions:
        def given(value):
            return value if is_given(value) else None

        s = self._settings
        return SynthesisOptions(length_scale=given(s.length_scale),
                                noise_scale=given(s.noise_scale),
                                noise_w_scale=given(s.noise_w_scale),
                                speaker_id=given(s.speaker_id))

    async def on_turn_context_created(self, context_id: str) -> None:
        self._speech.start_turn()
        self._turn_chars = 0
        if self._speaking_system_line:
            self._system_contexts.add(context_id)
        else:
            self._guard.start_reply()  # a model reply starts (LLMFullResponseStartFrame)
        await super().on_turn_context_created(context_id)

    async def _handle_tts_speak(self, frame: TTSSpeakFrame) -> None:
        """A line of the system's own (``TTSSpeakFrame``): trusted, spoken as written.

        Pipecat gives it a context of its own, created and spoken within this call; that
        context is marked as the system's so the reply guard leaves its text alone.
        """
        self._speaking_system_line = True
        try:
            await super()._handle_tts_speak(frame)
        finally:
            self._speaking_system_line = False
            self._system_contexts.clear()

    async def _speak_text(self, src_frame: AggregatedTextFrame, text: str,
                          context_id: str) -> None:
        """Speak one chunk; the model's chunks pass the reply guard first.

        What the guard withholds is not synthesised, not shown as the agent's words and
        not added to the conversation, so the model does not see it as said either.
        """
        if context_id not in self._system_contexts:
            before = self._guard.stopped_because
            admitted = self._guard.admit(text)
            if self._guard.stopped_because is not None and before is None:
                logger.info(f"{self}: the rest of a model reply is not spoken "
                            f"({self._guard.stopped_because})")
            if not admitted.strip():
                return
            if admitted != text:
                src_frame.text = src_frame.raw_text = text = admitted
        await super()._speak_text(src_frame, text, context_id)

    async def _synthesize_text(self, text: str, context_id: str) -> None:
        # Pipecat's version logs the text; it may be PHI, so this one never does.
        if self.is_usable:
            await self.tts_process_generator(context_id, self.run_tts(text, context_id))
        else:
            logger.warning(f"{self}: service is no longer usable; a chunk went unspoken")

    def _speakable(self, text: str) -> str:
        try:
            spoken = self._speech.render(text)
        except WithheldText:
            logger.warning(f"{self}: withheld a chunk that would voice a one-time code")
            return self._tts.withheld_line
        room = self._tts.max_chars - self._turn_chars
        if len(spoken) <= room:
            self._turn_chars += len(spoken)
            return spoken
        if room > 0:
            logger.warning(f"{self}: reply longer than {self._tts.max_chars} characters; "
                           "the rest is not spoken")
        cut = spoken.rfind(" ", 0, room) if room > 0 else -1
        self._turn_chars = self._tts.max_chars  # the rest of this reply stays unspoken
        return spoken[:cut] if cut > 0 else ""

    async def _pieces(self, text: str) -> AsyncIterator[bytes]:
        cached = self._phrases.get(text) if self._phrases is not None else None
        if cached is not None:
            yield cached
            return
        options = self._options()
        for chunk in split_for_speech(text, self._rules):
            async for pcm in self._worker.stream(chunk, options):
                yield pcm

    async def run_tts(self, text: str, context_id: str) -> AsyncGenerator[Frame, None]:
        """Speak one chunk: rewrite it, synthesise it, and yield 20 ms frames as they come."""
        spoken = self._speakable(text)
        if not spoken:
            return
        await self.start_tts_usage_metrics(spoken)
        # Pipecat's stream resampler, one per utterance, so chunk edges carry no clicks (HQ:
        # VHQ's extra cost buys nothing audible at 8 or 16 kHz out).
        resampler = SOXRStreamAudioResampler(quality="HQ", clear_after_secs=None)
        rates = (self._worker.sample_rate, self.sample_rate)
        framer = Framer(self.sample_rate)
        try:
            async for pcm in self._pieces(spoken):
                for frame in framer.push(await resampler.resample(pcm, *rates)):
                    await self.stop_ttfb_metrics()
                    yield TTSAudioRawFrame(frame, self.sample_rate, 1, context_id=context_id)
            tail = await resampler.flush() if rates[0] != rates[1] else b""
            for frame in framer.push(tail) + framer.flush():
                yield TTSAudioRawFrame(frame, self.sample_rate, 1, context_id=context_id)
        except TtsError as exc:
            logger.error(f"{self}: speech synthesis failed: {exc}")
            yield ErrorFrame(error="speech synthesis failed")
        except asyncio.CancelledError:
            raise
        finally:
            await self.stop_ttfb_metrics()
