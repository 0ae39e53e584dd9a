"""The benchmark's test-set generator and telephone simulation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from verivoice.bench.digit_set import generate, load_manifest
from verivoice.bench.phone_line import mulaw_decode, mulaw_encode
from verivoice.bench.voices import Voice


def test_mulaw_round_trip_keeps_the_signal() -> None:
    x = np.sin(np.linspace(0, 40, 4000)).astype(np.float32) * 0.5
    y = mulaw_decode(mulaw_encode(x))
    assert np.max(np.abs(x - y)) < 0.02


def test_generator_writes_phone_clips_and_manifest(tmp_path: Path) -> None:
    voices = [Voice("piper", "piper-joe-medium", 1.0)]
    clips = generate(tmp_path, 4, seed=3, phone_share=0.5, voices=voices)
    assert load_manifest(tmp_path) == clips
    for clip in clips:
        info = sf.info(tmp_path / clip.file)
        assert (info.samplerate, info.channels, info.subtype) == (8000, 1, "ULAW")
        assert 1.0 < info.duration < 15.0
        assert clip.digits.isdigit() and len(clip.digits) == (6 if clip.kind == "code" else 10)
    assert generate(tmp_path / "again", 4, seed=3, phone_share=0.5, voices=voices) == [
        c for c in clips]  # same seed, same set
