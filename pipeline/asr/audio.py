"""Reading caller audio into what Whisper wants: mono float32 at 16 kHz."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

SAMPLE_RATE = 16_000


class AudioError(ValueError):
    """Audio that cannot be used: unreadable, empty, or too long. Says which and why."""


def to_mono_16k(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """Downmix to mono and resample to 16 kHz, as float32 in [-1, 1]."""
    if audio.ndim == 2:
        audio = audio.mean(axis=1)
    audio = np.asarray(audio, dtype=np.float32)
    if sample_rate != SAMPLE_RATE and audio.size:
        audio = soxr.resample(audio, sample_rate, SAMPLE_RATE, quality="HQ").astype(np.float32)
    return audio


def pcm16_to_float(pcm: bytes) -> np.ndarray:
    """Signed 16-bit little-endian PCM bytes to float32 samples."""
    if len(pcm) % 2:
        pcm = pcm[:-1]
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def read_audio(source: str | Path | bytes, *, max_seconds: float) -> np.ndarray:
    """Read a sound file of any rate and channel count (WAV incl. 8 kHz mu-law, FLAC, OGG).

    The length is checked from the header before the samples are read, so a very long file
    is refused without being loaded.

    Args:
        source: A path, or the file's bytes.
        max_seconds: Longest audio accepted.

    Returns:
        Mono float32 samples at 16 kHz.

    Raises:
        AudioError: The file cannot be read, holds no samples, or is too long.
    """
    name = "<bytes>" if isinstance(source, bytes) else str(source)
    if not isinstance(source, bytes) and not Path(source).is_file():
        raise AudioError(f"{name}: no such file")

    def _open() -> sf.SoundFile:
        return sf.SoundFile(io.BytesIO(source) if isinstance(source, bytes) else str(source))

    try:
        with _open() as snd:
            frames, rate = snd.frames, snd.samplerate
            if frames <= 0:
                raise AudioError(f"{name}: the file holds no audio samples")
            seconds = frames / rate
            if seconds > max_seconds:
                raise AudioError(
                    f"{name}: {seconds:.1f} s of audio is longer than the {max_seconds:.0f} s "
                    "limit (VERIVOICE_ASR__MAX_AUDIO_S); split it into shorter files"
                )
            data = snd.read(dtype="float32", always_2d=True)
    except AudioError:
        raise
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError, OSError) as exc:
        raise AudioError(f"{name}: not a readable audio file ({exc})") from exc
    if data.size == 0:
        raise AudioError(f"{name}: the file holds no audio samples")
    if not np.isfinite(data).all():
        raise AudioError(f"{name}: the file holds invalid (NaN or infinite) samples")
    return to_mono_16k(data, rate)
