"""Shared fixtures: real weights, real synthesised speech over a simulated phone line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from verivoice.bench.digit_set import render_clip
from verivoice.bench.phone_line import PHONE_RATE
from verivoice.bench.voices import Voice
from verivoice.config import AsrSettings
from verivoice.pipeline.asr.engine import WhisperTranscriber

PIPER = Voice("piper", "piper-joe-medium", 1.0, varied=False)  # same audio every run


@pytest.fixture(scope="session")
def transcriber() -> WhisperTranscriber:
    """The bundled tiny.en on the CPU, loaded once for the whole test session."""
    return WhisperTranscriber.shared(AsrSettings(), "cpu")


def phone_clip(phrases: list[str], seed: int = 1, voice: Voice = PIPER) -> np.ndarray:
    """Speak ``phrases`` (pausing between them) and pass them through the phone line (8 kHz)."""
    return render_clip(voice, phrases, seed=seed)


@pytest.fixture(scope="session")
def phone_wav(tmp_path_factory: pytest.TempPathFactory):
    """Write a phone clip as an 8 kHz mu-law WAV, as Twilio would deliver it."""
    folder = tmp_path_factory.mktemp("calls")

    def make(name: str, phrases: list[str], seed: int = 1) -> Path:
        path = folder / name
        sf.write(path, phone_clip(phrases, seed), PHONE_RATE, subtype="ULAW")
        return path

    return make
