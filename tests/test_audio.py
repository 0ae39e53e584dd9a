"""Reading caller audio: any rate, any channel count, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from verivoice.pipeline.asr.audio import SAMPLE_RATE, AudioError, pcm16_to_float, read_audio


def _tone(rate: int, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


@pytest.mark.parametrize(("rate", "subtype", "channels"), [
    (8000, "ULAW", 1), (8000, "PCM_16", 1), (22050, "PCM_16", 1), (44100, "PCM_16", 2),
    (48000, "FLOAT", 2), (16000, "PCM_16", 1),
])
def test_any_rate_and_layout_becomes_mono_16k(tmp_path: Path, rate: int, subtype: str, channels: int) -> None:
    tone = _tone(rate)
    data = np.stack([tone] * channels, axis=1) if channels > 1 else tone
    path = tmp_path / "tone.wav"
    sf.write(path, data, rate, subtype=subtype)
    audio = read_audio(path, max_seconds=60)
    assert audio.dtype == np.float32
    assert audio.ndim == 1
    assert abs(len(audio) - SAMPLE_RATE) <= 2
    # The 440 Hz tone survives resampling: the strongest bin is at 440 Hz.
    spectrum = np.abs(np.fft.rfft(audio))
    assert abs(np.argmax(spectrum) * SAMPLE_RATE / len(audio) - 440) < 3


def test_garbage_bytes_give_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.wav"
    path.write_bytes(np.random.default_rng(0).bytes(5000))
    with pytest.raises(AudioError, match="not a readable audio file"):
        read_audio(path, max_seconds=60)
    with pytest.raises(AudioError, match="not a readable audio file"):
        read_audio(b"RIFF\x00\x00garbage", max_seconds=60)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    sf.write(empty, np.zeros(0, dtype=np.float32), 8000, subtype="ULAW")
    with pytest.raises(AudioError, match="no audio samples"):
        read_audio(empty, max_seconds=60)
    with pytest.raises(AudioError, match="no such file"):
        read_audio(tmp_path / "nope.wav", max_seconds=60)
    zero_bytes = tmp_path / "zero.wav"
    zero_bytes.write_bytes(b"")
    with pytest.raises(AudioError):
        read_audio(zero_bytes, max_seconds=60)


def test_ten_minute_file_is_refused_from_its_header(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "long.wav"
    with sf.SoundFile(path, "w", 8000, 1, subtype="ULAW") as fh:
        block = np.zeros(8000 * 60, dtype=np.float32)
        for _ in range(10):
            fh.write(block)

    def no_reading(*args, **kwargs):
        raise AssertionError("the samples of a too-long file must not be read")

    monkeypatch.setattr(sf.SoundFile, "read", no_reading)
    with pytest.raises(AudioError, match=r"600\.0 s of audio is longer than the 120 s limit"):
        read_audio(path, max_seconds=120)


def test_odd_pcm_length_is_tolerated() -> None:
    assert pcm16_to_float(b"\x00\x40\x00").tolist() == [0.5]
