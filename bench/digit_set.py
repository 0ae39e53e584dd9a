"""Generate a telephone-audio test set of spoken codes and phone numbers.

Each clip is a caller reading a random 6-digit code (or a phone number) in one of the ways
callers do, by one of several synthetic voices, with pauses between digit groups, a tempo
change, and the phone line's band limit, noise and mu-law coding. A ``manifest.jsonl``
lists every clip with the digits it holds.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from verivoice.bench.phone_line import PHONE_RATE, through_phone_line
from verivoice.bench.voices import Voice, default_voices, synthesize
from verivoice.pipeline.asr.spoken_numbers import SpeakingStyle, digits_to_spoken, random_groups

CARRIERS = ["", "", "my code is", "the code is", "it's", "okay, it's", "um, my code is", "yes, it's"]
PHONE_CARRIERS = ["", "my number is", "it's", "you can reach me on"]
# How callers read a one-time code ("four seven two...", "oh seven seven", "double five",
# "triple two"), and a phone number, which is also read in pairs ("twenty-one").
# NUMERALS is how ASR writes digits, not a way of speaking them.
CODE_STYLES = [SpeakingStyle.DIGITS, SpeakingStyle.OH, SpeakingStyle.REPEATS]
PHONE_STYLES = [*CODE_STYLES, SpeakingStyle.PAIRS]


@dataclass(frozen=True)
class Clip:
    """One test utterance and what it says."""

    file: str
    digits: str
    kind: str
    text: str
    voice: str
    style: str


def _utterance(kind: str, rng: random.Random) -> tuple[str, list[str], str]:
    if kind == "code":
        digits = "".join(rng.choice("0123456789") for _ in range(6))
        carrier = rng.choice(CARRIERS)
    else:
        digits = rng.choice("23456789") + "".join(rng.choice("0123456789") for _ in range(9))
        carrier = rng.choice(PHONE_CARRIERS)
    style = rng.choice(CODE_STYLES if kind == "code" else PHONE_STYLES)
    phrases = digits_to_spoken(digits, style, random_groups(len(digits), rng))
    if carrier:
        phrases[0] = f"{carrier} {phrases[0]}"
    return digits, phrases, style.value


def render_clip(voice: Voice, phrases: list[str], seed: int) -> np.ndarray:
    """Speak the phrases with pauses between them, change tempo, pass a phone line."""
    rng = np.random.default_rng(seed)
    pieces: list[np.ndarray] = []
    rate = 0
    for k, phrase in enumerate(phrases):
        audio, rate = synthesize(voice, phrase, seed=seed + k)
        pieces.append(audio)
        if k < len(phrases) - 1:
            pieces.append(np.zeros(int(rate * rng.uniform(0.25, 0.8)), dtype=np.float32))
    lead = np.zeros(int(rate * rng.uniform(0.1, 0.4)), dtype=np.float32)
    tail = np.zeros(int(rate * rng.uniform(0.2, 0.5)), dtype=np.float32)
    speech = np.concatenate([lead, *pieces, tail])
    tempo = rng.uniform(0.92, 1.08)  # resampling changes tempo and pitch together
    speech = soxr.resample(speech, rate, int(rate / tempo)).astype(np.float32)
    return through_phone_line(speech, rate, rng)


def generate(
    out_dir: Path,
    count: int,
    *,
    seed: int = 7,
    phone_share: float = 0.0,
    voices: list[Voice] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Clip]:
    """Write ``count`` clips and their manifest into ``out_dir``; return the clips."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    voices = voices or default_voices()
    clips: list[Clip] = []
    for i in range(count):
        kind = "phone" if rng.random() < phone_share else "code"
        digits, phrases, style = _utterance(kind, rng)
        voice = voices[i % len(voices)]
        audio = render_clip(voice, phrases, seed=seed * 100_003 + i)
        name = f"{i:04d}-{kind}.wav"
        sf.write(out_dir / name, audio, PHONE_RATE, subtype="ULAW")
        clips.append(Clip(name, digits, kind, " / ".join(phrases), voice.label, style))
        if progress:
            progress(1)
    with (out_dir / "manifest.jsonl").open("w") as fh:
        for c in clips:
            fh.write(json.dumps(asdict(c)) + "\n")
    return clips


def load_manifest(set_dir: Path) -> list[Clip]:
    with (set_dir / "manifest.jsonl").open() as fh:
        return [Clip(**json.loads(line)) for line in fh if line.strip()]
