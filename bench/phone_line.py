"""A telephone line in software: band-limit, 8 kHz, line noise, G.711 mu-law."""

from __future__ import annotations

import numpy as np
import soxr

PHONE_RATE = 8_000
_MU = 255.0


def mulaw_encode(audio: np.ndarray) -> np.ndarray:
    """float [-1, 1] -> 8-bit mu-law codes (G.711 curve, continuous form)."""
    x = np.clip(audio, -1.0, 1.0)
    y = np.sign(x) * np.log1p(_MU * np.abs(x)) / np.log1p(_MU)
    return np.round((y + 1.0) / 2.0 * 255.0).astype(np.uint8)


def mulaw_decode(codes: np.ndarray) -> np.ndarray:
    y = codes.astype(np.float32) / 255.0 * 2.0 - 1.0
    return (np.sign(y) * ((1.0 + _MU) ** np.abs(y) - 1.0) / _MU).astype(np.float32)


def _highpass(audio: np.ndarray, rate: int, cutoff: float = 300.0) -> np.ndarray:
    """First-order high-pass: the line drops what a handset's earpiece cannot carry."""
    rc = 1.0 / (2 * np.pi * cutoff)
    alpha = rc / (rc + 1.0 / rate)
    out = np.empty_like(audio)
    prev_x = prev_y = 0.0
    for i, x in enumerate(audio):  # short clips: a plain loop is fast enough
        prev_y = alpha * (prev_y + x - prev_x)
        prev_x = x
        out[i] = prev_y
    return out


def through_phone_line(
    audio: np.ndarray, rate: int, rng: np.random.Generator, snr_db: float | None = None
) -> np.ndarray:
    """Pass speech through a simulated phone call; return 8 kHz float32 samples.

    Args:
        audio: Mono float32 speech.
        rate: Its sample rate.
        rng: Random source for the noise.
        snr_db: Line-noise level; random between 20 and 35 dB (a PSTN call is ~30-40 dB) when ``None``.
    """
    x = soxr.resample(audio.astype(np.float32), rate, PHONE_RATE)  # low-pass at 4 kHz
    x = _highpass(x.astype(np.float32), PHONE_RATE)
    peak = float(np.max(np.abs(x))) or 1.0
    x = x / peak * rng.uniform(0.3, 0.8)
    snr = rng.uniform(20.0, 35.0) if snr_db is None else snr_db
    speech_power = float(np.mean(x[np.abs(x) > 0.01] ** 2)) if np.any(np.abs(x) > 0.01) else 1e-4
    noise = rng.normal(0.0, np.sqrt(speech_power / 10 ** (snr / 10)), size=x.shape)
    hum = 0.002 * np.sin(2 * np.pi * 60 * np.arange(len(x)) / PHONE_RATE)
    return mulaw_decode(mulaw_encode(x + noise + hum))
