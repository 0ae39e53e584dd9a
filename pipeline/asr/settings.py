"""The speech recogniser's deployment settings (``VERIVOICE_ASR__*``).

Part of the one configuration object (:class:`verivoice.config.Settings`), kept beside the
stage it configures. What may change while a call runs is the service's own Pipecat
``Settings`` (:class:`~verivoice.pipeline.asr.service.WhisperDigitsSTTService`), whose
defaults are taken from here.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

__all__ = ["AsrSettings", "TempoFactor"]

TempoFactor = Annotated[float, Field(ge=0.5, le=2.0)]
"""A tempo change for digit mode's extra views: 0.9 is 10 % slower, 1.1 10 % faster."""



class AsrSettings(BaseModel):
    """Speech recognition (faster-whisper)."""

    model: str = Field(
        "whisper-tiny.en",
        description="Registry name (see `verivoice models list`), a local CTranslate2 "
        "directory, or a hub id where the hub is reachable.",
    )
    compute_type: str | None = Field(
        None, description="CTranslate2 compute type; default float16 on CUDA, int8 on CPU."
    )
    cpu_threads: int = Field(0, ge=0, description="CPU threads for decoding; 0 = all cores.")
    language: str = "en"
    beam_size: int = Field(5, ge=1, description="Beam size for ordinary speech.")
    alternatives: int = Field(
        3, ge=0, le=8,
        description="Other readings of ordinary speech kept from the beam (at most "
        "beam_size - 1), for the request router to try when the best reading asks nothing it "
        "knows ('When am I in neck?' / 'When am I in next?'); 0 keeps none.",
    )
    alternative_margin: float = Field(
        0.05, ge=0.0, le=1.0,
        description="How close to the best reading's score (mean token log-probability) an "
        "alternative must be; 0 keeps none. Chosen on the read bench sets (docs/asr.md).",
    )
    digit_beam_size: int = Field(8, ge=1, description="Beam size in digit mode.")
    digit_hypotheses: int = Field(8, ge=1, description="N-best hypotheses rescored in digit mode.")
    digit_tempo_views: tuple[TempoFactor, ...] = Field(
        (), description="Tempo factors of extra copies decoded and pooled in digit mode, e.g. "
        "0.9,1.1 (cheap on a GPU; on the CPU +0.5 points of exact codes for +160 ms)."
    )
    digit_fallback_views: tuple[TempoFactor, ...] = Field(
        (0.9, 1.1), description="Tempo factors decoded only when the first digit-mode pass "
        "has no reading of the expected length or one below digit_fallback_below; their "
        "hypotheses pool with the first pass's (factors already in digit_tempo_views are "
        "not decoded again). () turns the second pass off."
    )
    digit_fallback_below: float = Field(
        0.6, ge=0.0, le=1.0,
        description="Digit readings with less confidence than this get the second pass "
        "(digit_fallback_views); about a quarter of turns on the development set.",
    )
    digit_suppress_max: int | None = Field(
        None, ge=0,
        description="Most non-digit tokens digit mode suppresses: the most frequent ones "
        "(lowest ids) are kept suppressed, rarer ones are allowed. Default: all of them on the "
        "CPU, 1000 on CUDA, where ctranslate2 4.8.5's cost grows with the square of beam rows "
        "times suppressed tokens (48,181 of them took 30 s per decode on an H200; docs/gpu.md).",
    )
    max_new_tokens: int = Field(
        120, ge=8, le=220, description="Cap on tokens per window: stops repetition loops."
    )
    window_margin_s: float = Field(
        2.0, ge=0.0, description="Silence added after the utterance in the encoder window."
    )
    min_window_s: float = Field(
        10.0, gt=0.0, le=30.0, description="Shortest encoder window; Whisper was trained on 30 s."
    )
    max_audio_s: float = Field(
        120.0, gt=0.0, description="Longest audio accepted in one request; longer is refused."
    )
    no_speech_threshold: float = Field(
        0.6, ge=0.0, le=1.0, description="Windows more likely silence than this give no text."
    )
    min_digit_confidence: float = Field(
        0.35, ge=0.0, le=1.0,
        description="Below this a digit reading is reported as unsure (calibrated on the "
        "benchmark's development set: ~86% of readings pass it, ~98% of those are exact).",
    )
    failure_line: str = Field(
        "Sorry, I didn't catch that. Could you say it again?",
        description="What the caller hears when recognition fails on a turn (the call goes on).",
    )
