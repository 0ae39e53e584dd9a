"""The one settings object and the device profile."""

from __future__ import annotations

import pytest

from verivoice.config import Settings, default_compute_type, resolve_device


def test_env_prefix_and_nesting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIVOICE_DEVICE", "cpu")
    monkeypatch.setenv("VERIVOICE_ASR__MODEL", "/models/whisper-large-v3-turbo")
    monkeypatch.setenv("VERIVOICE_BUDGETS__FIRST_AUDIO_MS", "1200")
    s = Settings()
    assert s.device == "cpu"
    assert s.asr.model == "/models/whisper-large-v3-turbo"
    assert s.budgets.first_audio_ms == 1200
    assert s.budgets.first_token_ms == 800


def test_bad_values_are_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIVOICE_DEVICE", "tpu")
    with pytest.raises(ValueError, match="device"):
        Settings()


def test_auto_picks_cpu_without_a_gpu(caplog: pytest.LogCaptureFixture, monkeypatch) -> None:
    monkeypatch.setattr("verivoice.config.cuda_device_count", lambda: 0)
    with caplog.at_level("INFO"):
        assert resolve_device("auto") == "cpu"
    assert "CPU fallback" in caplog.text
    assert default_compute_type("cpu") == "int8"


def test_auto_picks_cuda_when_ctranslate2_sees_one(monkeypatch) -> None:
    monkeypatch.setattr("verivoice.config.cuda_device_count", lambda: 1)
    assert resolve_device("auto") == "cuda"
    assert default_compute_type("cuda") == "float16"


def test_cuda_without_a_gpu_says_what_to_do(monkeypatch) -> None:
    monkeypatch.setattr("verivoice.config.cuda_device_count", lambda: 0)
    with pytest.raises(RuntimeError, match="VERIVOICE_DEVICE=cpu"):
        resolve_device("cuda")
