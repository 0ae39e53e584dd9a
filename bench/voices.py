"""Synthetic callers: Piper and espeak-ng voices that read test utterances."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import soundfile as sf


@dataclass(frozen=True)
class Voice:
    """One synthetic speaker. ``engine`` is ``piper`` or ``espeak``."""

    engine: str
    name: str
    rate: float = 1.0  # speaking-rate factor (1.0 = the engine's normal pace)
    # Piper samples its prosody noise inside the ONNX graph, unseeded, so the same text and
    # seed sound a little different each run. ``varied=False`` turns that noise off: the
    # same audio every run (tests), at the cost of a flatter delivery.
    varied: bool = True

    @property
    def label(self) -> str:
        return f"{self.engine}:{self.name}@{self.rate:.2f}"


@lru_cache(maxsize=2)
def _piper_worker(spec: str):
    """Piper runs in its own process (GPL boundary, README "Licences"), shared with the agent."""
    from verivoice.models.registry import main_path
    from verivoice.pipeline.tts.piper import PiperProcess

    return PiperProcess.shared(main_path(spec, kind="piper"))


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def flite_available() -> bool:
    return shutil.which("flite") is not None


def synthesize(voice: Voice, text: str, seed: int = 0) -> tuple[np.ndarray, int]:
    """Speak ``text``; return mono float32 samples and their rate."""
    if voice.engine == "piper":
        from verivoice.pipeline.tts.piper import SynthesisOptions

        worker = _piper_worker(voice.name)
        rng = np.random.default_rng(seed)
        options = SynthesisOptions(
            length_scale=1.0 / voice.rate,
            noise_scale=float(rng.uniform(0.5, 0.8)) if voice.varied else 0.0,
            noise_w_scale=float(rng.uniform(0.6, 0.9)) if voice.varied else 0.0,
        )
        pcm = np.frombuffer(worker.synthesize(text, options), dtype=np.int16)
        return pcm.astype(np.float32) / 32768.0, worker.sample_rate
    if voice.engine == "espeak":
        wpm = int(165 * voice.rate)
        out = subprocess.run(
            ["espeak-ng", "-v", voice.name, "-s", str(wpm), "--stdout", text],
            check=True, capture_output=True, timeout=30,
        ).stdout
        data, rate = sf.read(io.BytesIO(out), dtype="float32")
        return data, rate
    if voice.engine == "flite":
        with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
            subprocess.run(
                ["flite", "-voice", voice.name, "--setf", f"duration_stretch={1.0 / voice.rate:.2f}",
                 "-t", text, "-o", tmp.name],
                check=True, capture_output=True, timeout=30,
            )
            data, rate = sf.read(tmp.name, dtype="float32")
        return data, rate
    raise ValueError(f"unknown voice engine {voice.engine!r}")


def default_voices() -> list[Voice]:
    """Piper's bundled voice at three paces, plus flite and espeak-ng voices where installed.

    flite's slt, rms and awb are statistical-parametric voices (female US, male US, male
    Scottish); espeak-ng's are formant synthesis, far more robotic than any caller.
    """
    voices = [Voice("piper", "piper-joe-medium", r) for r in (0.9, 1.0, 1.15)]
    if flite_available():
        voices += [Voice("flite", v, r) for v, r in (("slt", 1.0), ("rms", 0.95), ("awb", 1.05))]
    if espeak_available():
        voices += [Voice("espeak", v, r) for v, r in (("en-us+m3", 1.0), ("en-us+f2", 0.95))]
    return voices
