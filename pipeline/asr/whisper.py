"""faster-whisper under our control: short encoder windows, bounded decoding, digit mode.

:class:`WhisperTranscriber` holds one loaded model. The process shares one per configuration
(:meth:`WhisperTranscriber.shared`); calls never load their own.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import soxr
from faster_whisper import WhisperModel
from faster_whisper.tokenizer import Tokenizer
from faster_whisper.transcribe import get_compression_ratio, get_suppressed_tokens

from verivoice.device import ResolvedDevice, default_compute_type
from verivoice.models.registry import resolve
from verivoice.pipeline.asr.audio import SAMPLE_RATE
from verivoice.pipeline.asr.settings import AsrSettings
from verivoice.pipeline.asr.spoken_dates import MONTHS
from verivoice.pipeline.compute_priority import run_lowered
from verivoice.pipeline.contracts import DigitExpectation

logger = logging.getLogger(__name__)

_HOP = 160  # samples per mel frame at 16 kHz
_MAX_FRAMES = 3000  # Whisper's 30 s window
_SILENCE_RMS = 1e-4  # below this a clip is treated as silence without decoding
# Digit mode's suppressed tokens on CUDA, unless set (AsrSettings.digit_suppress_max):
# ctranslate2 4.8.5 disables them there at a cost that grows with the square of beam rows
# times tokens (docs/gpu.md); 16 rows (two views at beam 8) x 1000 should stay near 50 ms
# (estimated from the measured scaling, not yet measured itself).
CUDA_DIGIT_SUPPRESS_MAX = 1000


@dataclass
class Transcript:
    """One transcription result.

    Attributes:
        text: What was heard, as text ("" for silence).
        digits: In digit mode, the digit string read out; ``None`` when none was heard or
            the reading is unsure.
        confidence: 0..1. In digit mode, the share of the decoder's probability mass that
            supports ``digits``; otherwise the mean token probability.
        unsure: True when the dialogue should ask again rather than act on the result.
        no_speech: True when the audio held no speech.
        decode_ms: Time spent in the model.
        alternatives: Other readings of ordinary speech nearly as likely as ``text`` (their
            mean token log-probability within :attr:`AsrSettings.alternative_margin` of
            its), best first: what the request router tries when ``text`` asks nothing it
            knows. Never logged.
    """

    text: str
    digits: str | None = None
    confidence: float = 0.0
    unsure: bool = False
    no_speech: bool = False
    decode_ms: float = 0.0
    candidates: list[tuple[str, float]] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DecodeOptions:
    """Decoding knobs for one request (digit mode and ordinary speech differ)."""

    beam_size: int
    num_hypotheses: int
    prompt: str | None
    max_new_tokens: int
    suppress: list[int] | None = None


# Previous-text prompt for digit mode: numerals, written the way we want them, and the
# spoken forms tiny.en otherwise drops ("double oh" became "double" + the next digit).
# Chosen by measurement on the benchmark's development set (README, "Digit mode").
DIGIT_PROMPT = (
    "My code is 4 7 2 9 1 5. Oh seven seven, double oh five: 0 7 7 0 0 5. "
    "Triple oh: 0 0 0. 3 0 8 6 1 2."
)

DATE_PROMPT = (
    "My date of birth is March 5th, 1982. The 21st of June, nineteen seventy-five. 03/05/1982."
)

# Words digit mode may write: numbers, number words, and the carrier phrases callers wrap
# around a code. Everything else is suppressed, so noise cannot become "all of you know".
_NUMBER_WORDS = (
    "zero oh o nought one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand double triple treble and"
)
_CARRIER_WORDS = (
    "my the code is it it's 's its number okay ok yes yeah um uh er so that's that i me on at "
    "you your phone sure right well"
)
DIGIT_VOCABULARY = frozenset((_NUMBER_WORDS + " " + _CARRIER_WORDS).split())
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth st nd rd th"
)
DATE_VOCABULARY = DIGIT_VOCABULARY | frozenset(
    (_ORDINALS + " of date birth born in was " + " ".join(MONTHS)).split()
)


class WhisperTranscriber:
    """One faster-whisper model with decoding tuned for short phone turns.

    Args:
        model: Registry name, local CTranslate2 directory, or hub id.
        device: ``cuda`` or ``cpu``.
        settings: Decoding settings.
        nice: Nice value of the decoder's threads (:mod:`verivoice.pipeline.compute_priority`).
    """

    _shared: ClassVar[dict[tuple, WhisperTranscriber]] = {}
    _shared_lock = threading.Lock()

    def __init__(self, model: str, device: ResolvedDevice, settings: AsrSettings, *,
                 nice: int = 0) -> None:
        self.settings = settings
        self.device = device
        self.model_path: Path = resolve(model, kind="whisper")
        compute_type = settings.compute_type or default_compute_type(device)
        started = time.perf_counter()
        # The decoder's threads start in this build and inherit its (lower) priority.
        self.model = run_lowered(nice, lambda: WhisperModel(
            str(self.model_path),
            device=device,
            compute_type=compute_type,
            # faster-whisper's own default is 4 threads: too many on a 2-core machine.
            cpu_threads=settings.cpu_threads or os.cpu_count() or 1,
        ), name="whisper-load")
        logger.info(
            "loaded whisper %s on %s (%s) in %.2f s",
            model, device, compute_type, time.perf_counter() - started,
        )
        self.tokenizer = Tokenizer(
            self.model.hf_tokenizer,
            self.model.model.is_multilingual,
            task="transcribe",
            language=settings.language if self.model.model.is_multilingual else "en",
        )
        self._suppress = list(get_suppressed_tokens(self.tokenizer, [-1]))
        # Each token's text, lower-cased and stripped, decoded once for both vocabularies.
        hf = self.model.hf_tokenizer
        pieces = [hf.decode([tid]).strip().lower() for tid in range(self.tokenizer.eot)]
        cap = settings.digit_suppress_max
        if cap is None and device == "cuda":
            cap = CUDA_DIGIT_SUPPRESS_MAX
        self._digit_suppress = self._suppression_outside(pieces, DIGIT_VOCABULARY, cap)
        self._date_suppress = self._suppression_outside(pieces, DATE_VOCABULARY, cap)
        self._max_length = int(self.model.max_length)
        self._warm_up()

    def _warm_up(self) -> None:
        """Run one tiny decode so the first caller does not pay for lazy initialisation."""
        tone = (0.1 * np.sin(np.linspace(0, 2000 * np.pi, SAMPLE_RATE))).astype(np.float32)
        self._decode([tone], DecodeOptions(1, 1, None, 4))

    @classmethod
    def shared(cls, settings: AsrSettings, device: ResolvedDevice, *,
               nice: int = 0) -> WhisperTranscriber:
        """The process-wide transcriber for this configuration, loaded on first use (its
        decoder threads at nice value ``nice``; later callers get that instance whatever
        ``nice`` they pass)."""
        key = (settings.model_dump_json(), device)
        with cls._shared_lock:
            if key not in cls._shared:
                cls._shared[key] = cls(settings.model, device, settings, nice=nice)
            return cls._shared[key]

    def _suppression_outside(self, pieces: list[str], vocabulary: frozenset[str],
                             cap: int | None = None) -> list[int]:
        """Tokens to suppress in digit mode: all but numbers, punctuation and ``vocabulary``
        (``cap``: only that many of them, the most frequent, i.e. the lowest ids; the stock
        suppressions always stay)."""
        allowed = {
            tid for tid, core in enumerate(pieces)
            if core and (core.isdigit() or core in vocabulary or all(c in ".,-:;?!'/" for c in core))
        }
        outside = sorted(set(range(self.tokenizer.eot)) - allowed)
        if cap is not None:
            outside = outside[:cap]
        return sorted(set(outside) | set(self._suppress))

    # ------------------------------------------------------------------ features

    def _window_features(self, audio: np.ndarray, length: int | None = None) -> np.ndarray:
        """Log-mel features for ``audio`` plus a silence margin, not padded to 30 s.

        The tail is padded with zeros *before* the mel transform, so it holds exactly what
        Whisper's own 30 s padding would put there.
        """
        cfg = self.settings
        frames = math.ceil((length or len(audio)) / _HOP)
        target = frames + int(cfg.window_margin_s * SAMPLE_RATE / _HOP)
        target = int(min(_MAX_FRAMES, max(target, cfg.min_window_s * SAMPLE_RATE / _HOP)))
        padded = np.zeros(target * _HOP, dtype=np.float32)
        padded[: min(len(audio), len(padded))] = audio[: len(padded)]
        features = self.model.feature_extractor(padded)
        return features[:, :target]

    # ------------------------------------------------------------------ decoding

    def _prompt(self, text: str | None) -> list[int]:
        prompt: list[int] = []
        if text:
            prompt = [self.tokenizer.sot_prev, *self.tokenizer.encode(" " + text.strip())]
        return [*prompt, *self.tokenizer.sot_sequence, self.tokenizer.no_timestamps]

    def _decode(self, views: list[np.ndarray], opts: DecodeOptions) -> list:
        """Decode one or more versions of one utterance in one batch (one window length)."""
        longest = max(len(v) for v in views)
        features = np.stack([self._window_features(v, longest) for v in views])
        encoded = self.model.encode(features)
        prompt = self._prompt(opts.prompt)
        return self.model.model.generate(
            encoded,
            [prompt] * len(views),
            beam_size=opts.beam_size,
            num_hypotheses=min(opts.num_hypotheses, opts.beam_size),
            length_penalty=1.0,
            max_length=min(self._max_length, len(prompt) + opts.max_new_tokens),
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=opts.suppress if opts.suppress is not None else self._suppress,
        )

    def _token_budget(self, seconds: float, digits: DigitExpectation | None) -> int:
        # About 4 tokens per second of speech; twice that, plus headroom, is a safe cap
        # that still stops a runaway repetition loop early.
        budget = int(12 + 8 * seconds)
        if digits is not None and digits.lengths:
            budget = min(budget, 3 * max(digits.lengths) + 24)
        return max(8, min(budget, self.settings.max_new_tokens))

    def transcribe(self, audio: np.ndarray, digits: DigitExpectation | None = None) -> Transcript:
        """Transcribe one utterance (mono float32, 16 kHz).

        Audio longer than 30 s is decoded window by window; the caller's limit on total
        length is :attr:`AsrSettings.max_audio_s`.

        Args:
            audio: The samples.
            digits: Switch on digit mode for this turn, with what is expected.
        """
        started = time.perf_counter()
        seconds = len(audio) / SAMPLE_RATE
        if not np.isfinite(audio).all():
            raise ValueError("audio holds NaN or infinite samples")
        if audio.size == 0 or float(np.sqrt(np.mean(np.square(audio)))) < _SILENCE_RMS:
            return Transcript("", no_speech=True, unsure=digits is not None, decode_ms=_ms(started))
        if seconds > self.settings.max_audio_s:
            raise ValueError(
                f"{seconds:.1f} s of audio exceeds VERIVOICE_ASR__MAX_AUDIO_S="
                f"{self.settings.max_audio_s:.0f}"
            )
        window = _MAX_FRAMES * _HOP
        if len(audio) > window:
            parts = [self.transcribe(audio[i : i + window]) for i in range(0, len(audio), window)]
            text = " ".join(p.text for p in parts if p.text)
            conf = float(np.mean([p.confidence for p in parts if p.text] or [0.0]))
            result = Transcript(text, confidence=conf, no_speech=not text)
            if digits is not None:
                self._read_digits_from_text(result, digits)
            result.decode_ms = _ms(started)
            return result
        if digits is None:
            result = self._transcribe_speech(audio, seconds)
        else:
            result = self._transcribe_digits(audio, seconds, digits)
        result.decode_ms = _ms(started)
        return result

    def _transcribe_speech(self, audio: np.ndarray, seconds: float) -> Transcript:
        cfg = self.settings
        hypotheses = 1 + cfg.alternatives if cfg.alternative_margin > 0 else 1
        opts = DecodeOptions(cfg.beam_size, hypotheses, None, self._token_budget(seconds, None))
        res = self._decode([audio], opts)[0]
        tokens = res.sequences_ids[0]
        text = self.tokenizer.decode(tokens).strip()
        avg_logprob = res.scores[0] * len(tokens) / (len(tokens) + 1)
        if res.no_speech_prob > cfg.no_speech_threshold and avg_logprob < -1.0:
            return Transcript("", no_speech=True)
        if get_compression_ratio(text) > 2.4:  # a repetition loop: keep only its start
            text = _collapse_repeats(text)
        return Transcript(text, confidence=float(math.exp(avg_logprob)),
                          alternatives=self._alternatives(res, text))

    def _alternatives(self, res: Any, best: str) -> list[str]:
        """The beam's other readings whose score (ctranslate2's, the mean token
        log-probability) is within the margin of the best's; no repeats, no loops."""
        margin = self.settings.alternative_margin
        found: list[str] = []
        for ids, score in zip(res.sequences_ids[1:], res.scores[1:], strict=False):
            if res.scores[0] - score > margin:
                break
            text = self.tokenizer.decode(ids).strip()
            if text and text != best and text not in found and get_compression_ratio(text) <= 2.4:
                found.append(text)
        return found

    def _transcribe_digits(
        self, audio: np.ndarray, seconds: float, digits: DigitExpectation
    ) -> Transcript:
        cfg = self.settings
        is_date = digits.kind == "date"
        opts = DecodeOptions(
            cfg.digit_beam_size, cfg.digit_hypotheses, DATE_PROMPT if is_date else DIGIT_PROMPT,
            self._token_budget(seconds, digits),
            self._date_suppress if is_date else self._digit_suppress,
        )
        # Optional tempo-changed copies of the turn, decoded in the same batch: their
        # hypotheses pool with the original's (README, "Digit mode", for what they buy).
        views = [audio, *_tempo_views(audio, cfg.digit_tempo_views)]
        texts, posts, no_speech_prob = self._digit_hypotheses(views, opts)
        if no_speech_prob > cfg.no_speech_threshold and not any(digits.normalise(t) for t in texts):
            return Transcript("", no_speech=True, unsure=True)
        result = self._read_digits(texts, posts, len(views), digits)
        # Second chance, only for a doubtful reading (a quarter of turns on the development
        # set; the rest pay nothing): tempo views of the turn, pooled with the first pass.
        second = tuple(f for f in cfg.digit_fallback_views if f not in cfg.digit_tempo_views)
        if second and (result.digits is None or result.confidence < cfg.digit_fallback_below):
            extra = _tempo_views(audio, second)
            more_texts, more_posts, _ = self._digit_hypotheses(extra, opts)
            result = self._read_digits(
                texts + more_texts, np.concatenate([posts, more_posts]), len(views) + len(extra),
                digits,
            )
        return result

    def _digit_hypotheses(
        self, views: list[np.ndarray], opts: DecodeOptions
    ) -> tuple[list[str], np.ndarray, float]:
        """Decode ``views`` in one batch: every view's N-best texts, each view's posterior
        over its N best (summing to 1 per view), and the first view's no-speech probability."""
        results = self._decode(views, opts)
        texts: list[str] = []
        posts: list[np.ndarray] = []
        for res in results:
            texts += [self.tokenizer.decode(t).strip() for t in res.sequences_ids]
            # Cumulative log-probabilities -> posterior over this view's N best.
            logps = np.array([s * len(t) for s, t in zip(res.scores, res.sequences_ids, strict=True)])
            p = np.exp(logps - logps.max())
            posts.append(p / p.sum())
        return texts, np.concatenate(posts), float(results[0].no_speech_prob)

    def _read_digits(
        self, texts: list[str], posts: np.ndarray, n_views: int, digits: DigitExpectation
    ) -> Transcript:
        """Pool the hypotheses' mass per digit string (each view weighs the same); the
        heaviest string of an accepted length is the reading, its share the confidence."""
        cfg = self.settings
        mass: dict[str, float] = {}
        for text, p in zip(texts, posts, strict=True):
            d = digits.normalise(text)
            mass[d] = mass.get(d, 0.0) + float(p) / n_views
        ranked = sorted(mass.items(), key=lambda kv: -kv[1])
        fitting = [(d, m) for d, m in ranked if digits.accepts(d)]
        result = Transcript(texts[0], candidates=ranked)
        if fitting:
            best, m = fitting[0]
            result.confidence = m
            result.digits = best
            result.unsure = m < cfg.min_digit_confidence
        else:
            result.digits = None
            result.confidence = 0.0
            result.unsure = True
        # Show the hypothesis that gave the chosen digits.
        if result.digits is not None:
            result.text = next((t for t in texts if digits.normalise(t) == result.digits), texts[0])
        return result

    def _read_digits_from_text(self, result: Transcript, digits: DigitExpectation) -> None:
        found = digits.normalise(result.text)
        result.digits = found if digits.accepts(found) else None
        result.unsure = result.digits is None

    def transcribe_stock(self, audio: np.ndarray) -> str:
        """Decode as Pipecat's stock ``WhisperSTTService`` does (the benchmark's baseline)."""
        segments, _ = self.model.transcribe(audio, language=self.settings.language)
        return " ".join(s.text.strip() for s in segments if s.no_speech_prob < 0.4).strip()


def _tempo_views(audio: np.ndarray, factors: tuple[float, ...]) -> list[np.ndarray]:
    """Copies of ``audio`` resampled by each factor (tempo and pitch change together)."""
    return [
        soxr.resample(audio, SAMPLE_RATE, int(SAMPLE_RATE * f)).astype(np.float32)
        for f in factors
    ]


def _collapse_repeats(text: str) -> str:
    words = text.split()
    out: list[str] = []
    for w in words:
        if len(out) >= 3 and out[-1] == out[-2] == out[-3] == w:
            continue
        out.append(w)
    return " ".join(out)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
