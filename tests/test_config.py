"""The one settings object and the device profile."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.test_cli import VERIVOICE
from verivoice.config import Settings
from verivoice.device import default_compute_type, resolve_device
from verivoice.startup_policy import placeholder_twilio_credentials

DEMO = {"twilio": {"account_sid": "AC-local-demo", "auth_token": "local-demo-token"},
        "verify": {"service_sid": "VA-local-demo"}}
REAL = {"twilio": {"account_sid": "AC" + "5" * 32, "auth_token": "ab" * 16},
        "verify": {"service_sid": "VA" + "6" * 32}}


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
    monkeypatch.setattr("verivoice.device.cuda_device_count", lambda: 0)
    with caplog.at_level("INFO"):
        assert resolve_device("auto") == "cpu"
    assert "CPU fallback" in caplog.text
    assert default_compute_type("cpu") == "int8"


def test_auto_picks_cuda_when_ctranslate2_sees_one(monkeypatch) -> None:
    monkeypatch.setattr("verivoice.device.cuda_device_count", lambda: 1)
    assert resolve_device("auto") == "cuda"
    assert default_compute_type("cuda") == "float16"


def test_cuda_without_a_gpu_says_what_to_do(monkeypatch) -> None:
    monkeypatch.setattr("verivoice.device.cuda_device_count", lambda: 0)
    with pytest.raises(RuntimeError, match="VERIVOICE_DEVICE=cpu"):
        resolve_device("cuda")


def test_test_credentials_are_refused_when_twilio_is_real() -> None:
    assert placeholder_twilio_credentials(Settings(**DEMO)) == [
        "VERIVOICE_TWILIO__ACCOUNT_SID", "VERIVOICE_TWILIO__AUTH_TOKEN",
        "VERIVOICE_VERIFY__SERVICE_SID"]
    assert placeholder_twilio_credentials(Settings(**REAL)) == []
    assert placeholder_twilio_credentials(Settings()) == []  # Twilio not configured at all
    local = {**DEMO, "twilio": {**DEMO["twilio"], "api_base_url": "http://127.0.0.1:8089"}}
    assert placeholder_twilio_credentials(Settings(**local)) == []


def test_serve_will_not_start_on_demo_credentials_against_real_twilio(tmp_path) -> None:
    env = {**os.environ, "VERIVOICE_TWILIO__ACCOUNT_SID": "AC-local-demo",
           "VERIVOICE_TWILIO__AUTH_TOKEN": "local-demo-token",
           "VERIVOICE_VERIFY__SERVICE_SID": "VA-local-demo"}
    env.pop("VERIVOICE_TWILIO__API_BASE_URL", None)
    done = subprocess.run([VERIVOICE, "serve", "--port", "1"], env=env, capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2
    assert "VERIVOICE_TWILIO__AUTH_TOKEN" in done.stderr and "API_BASE_URL" in done.stderr
    assert "local-demo-token" not in done.stderr + done.stdout
