"""The `verivoice` command as a user runs it (real console script, real model)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

VERIVOICE = shutil.which("verivoice") or str(Path(sys.executable).with_name("verivoice"))


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([VERIVOICE, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "200", **(env or {})})


def test_asr_json_lines_with_a_bad_file_among_good_ones(phone_wav, tmp_path: Path) -> None:
    code = phone_wav("code.wav", ["my code is four seven two", "nine one five"], seed=0)
    speech = phone_wav("speech.wav", ["I would like to pay my bill"], seed=2)
    garbage = tmp_path / "garbage.wav"
    garbage.write_bytes(os.urandom(4096))
    empty = tmp_path / "empty.wav"
    sf.write(empty, np.zeros(0, np.float32), 8000, subtype="ULAW")
    out = _run("asr", str(code), str(garbage), str(speech), str(empty), "--expect-digits", "6", "--json")
    assert out.returncode == 1
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [Path(r["file"]).name for r in lines] == ["code.wav", "garbage.wav", "speech.wav", "empty.wav"]
    assert lines[0]["digits"] == "472915"
    assert set(lines[0]) >= {"file", "text", "digits", "confidence", "ms"}
    assert "not a readable audio file" in lines[1]["error"]
    assert "no audio samples" in lines[3]["error"]


def test_asr_plain_mode_reports_no_digits(phone_wav) -> None:
    speech = phone_wav("plain.wav", ["I would like to pay my bill"], seed=2)
    out = _run("asr", str(speech), "--json")
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert record["digits"] is None and "bill" in record["text"].lower()


def test_models_list_shows_every_registry_model() -> None:
    out = _run("models", "list")
    assert out.returncode == 0, out.stderr
    for name in ("whisper-tiny.en", "whisper-base", "piper-joe-medium"):
        assert name in out.stdout


def test_unknown_model_name_is_a_usage_error() -> None:
    out = _run("models", "verify", "no-such-model")
    assert out.returncode == 2
    assert "unknown model" in out.stdout


def test_bench_asr_runs_end_to_end_on_a_small_set(tmp_path: Path) -> None:
    out = _run("bench", "asr", "--set", str(tmp_path / "set"), "--count", "3",
               "--out", str(tmp_path / "report"))
    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads((tmp_path / "report" / "asr-report.json").read_text())
    methods = {"stock", "plain", "digits", "digits-1pass", "digits+views"}
    assert {s["method"] for s in report["summaries"]} == methods
    assert len(report["clips"]) == 3 * len(methods)
    assert "exact codes" in (tmp_path / "report" / "asr-report.md").read_text()
