"""bench/gpu_smoke.sh on this CPU machine: parcels, the dry run, the CPU run, the LLM request.

The CUDA run itself needs a lent GPU (README, "Running on a GPU"); everything around it is
checked here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import httpx
import pytest

from verivoice.bench.digit_set import generate
from verivoice.bench.gpu_smoke import SCHEMA, SMOKE_WHEELS, chat_once, llm_stage
from verivoice.bench.gpu_smoke_parcels import (
    MANIFEST,
    assemble,
    file_pieces,
    plan,
    wheel_piece,
    write,
)
from verivoice.bench.voices import Voice
from verivoice.device import cuda_device_count

ROOT = Path(__file__).resolve().parent.parent
KiB = 1024


def _files(folder: Path, sizes: dict[str, int]) -> dict[str, Path]:
    out = {}
    for name, size in sizes.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(size))
        out[name] = path
    return out


def _parcels(tmp_path: Path) -> tuple[dict[str, Path], list[Path]]:
    originals = _files(tmp_path / "src", {"models/m/model.bin": 700 * KiB,
                                          "models/m/config.json": 3 * KiB,
                                          "set/a.wav": 90 * KiB})
    wheel = _files(tmp_path / "src", {"pkg-1.0-py3-none-any.whl": 200 * KiB})
    pieces, files = [wheel_piece(wheel["pkg-1.0-py3-none-any.whl"])], {}
    for name, path in originals.items():
        parts, entry = file_pieces(path, name, part_bytes=128 * KiB)
        pieces += parts
        files[name] = entry
    return originals, write(tmp_path / "parcels", plan(pieces, limit=256 * KiB), files)


def test_parcels_fit_and_rebuild_the_files_in_any_order(tmp_path: Path) -> None:
    originals, parcels = _parcels(tmp_path)
    assert len(parcels) >= 4
    for folder in parcels:
        payload = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
        assert payload <= 256 * KiB
    prefix = tmp_path / "prefix"
    pending: list[str] = []
    for folder in reversed(parcels):
        _, pending = assemble(folder, prefix)
    assert pending == []
    for name, path in originals.items():
        assert (prefix / "files" / name).read_bytes() == path.read_bytes()
    assert not any(p.is_file() for p in (prefix / "parts").rglob("*"))  # parts are cleaned up
    assert sum(1 for _ in tmp_path.joinpath("parcels").rglob("*.whl")) == 1  # wheels travel whole


def test_a_damaged_part_is_caught(tmp_path: Path) -> None:
    _, parcels = _parcels(tmp_path)
    part = next(p for folder in parcels for p in (folder / "parts").rglob("model.bin.*"))
    data = bytearray(part.read_bytes())
    data[10] ^= 0xFF
    part.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=r"model\.bin: sha256"):
        for folder in parcels:
            assemble(folder, tmp_path / "prefix")


def test_a_piece_over_the_parcel_size_is_refused(tmp_path: Path) -> None:
    big = _files(tmp_path, {"big-1.0-py3-none-any.whl": 300 * KiB})["big-1.0-py3-none-any.whl"]
    with pytest.raises(ValueError, match=r"over the 0\.25 MiB"):
        plan([wheel_piece(big)], limit=256 * KiB)


def test_every_wheel_packed_for_the_device_is_installed_here() -> None:
    """`pack` pins each wheel at the version tested here; a missing one would fail there."""
    assert all(metadata.version(name) for name in SMOKE_WHEELS)


# -- the run ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def digit_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("digit-set")
    generate(folder, 2, seed=3, voices=[Voice("piper", "piper-joe-medium", 1.0, varied=False)])
    return folder


def _smoke(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    out = tmp_path / "report.json"
    done = subprocess.run(
        ["bash", str(ROOT / "bench" / "gpu_smoke.sh"), "run", *args, "--out", str(out)],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHON": sys.executable,
             "VERIVOICE_SMOKE_PREFIX": str(tmp_path / "prefix")})
    return done, json.loads(out.read_text()) if out.exists() else {}


def test_dry_run_checks_inputs_and_the_machine_only(tmp_path: Path, digit_set: Path) -> None:
    done, report = _smoke(tmp_path, "--device", "cpu", "--dry-run", "--set", str(digit_set))
    assert done.returncode == 0, done.stdout + done.stderr
    assert report["schema"] == SCHEMA and report["dry_run"]
    assert report["asr"]["status"] == report["tts"]["status"] == "planned"
    assert report["llm"]["status"] == "skipped"
    assert "CPU-fallback mode" in report["environment"]["mode"]
    assert {c["name"] for c in report["environment"]["checks"]} >= {"cuBLAS", "ctranslate2"}


@pytest.mark.skipif(cuda_device_count() > 0, reason="judges a machine without a GPU")
def test_dry_run_for_cuda_on_a_cpu_machine_says_why_it_would_fail(
        tmp_path: Path, digit_set: Path) -> None:
    done, report = _smoke(tmp_path, "--dry-run", "--set", str(digit_set))
    assert done.returncode == 1
    assert report["asr"]["status"] == "failed"
    assert "sees no CUDA device" in report["asr"]["error"]
    assert report["asr"]["compute_type"] == "float16"
    cublas = next(c for c in report["environment"]["checks"] if c["name"] == "cuBLAS")
    assert cublas["status"] == "fail" and "libcublas.so." in cublas["summary"]


def test_dry_run_names_a_missing_digit_set(tmp_path: Path) -> None:
    done, report = _smoke(tmp_path, "--device", "cpu", "--dry-run", "--set", str(tmp_path / "none"))
    assert done.returncode == 1
    assert "no digit set" in report["asr"]["error"]


@pytest.mark.slow
def test_cpu_run_writes_a_full_report(tmp_path: Path, digit_set: Path) -> None:
    done, report = _smoke(tmp_path, "--device", "cpu", "--set", str(digit_set),
                          "--tts-replies", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    asr = report["asr"]
    assert asr["status"] == "ok" and asr["clips"] == 2 and asr["compute_type"] == "int8"
    methods = {s["method"]: s for s in asr["summaries"]}
    assert set(methods) == {"stock", "plain", "digits", "digits-1pass", "digits+views"}
    assert methods["digits"]["exact"] == 1.0  # clean Piper codes: the baseline must hold
    assert len(asr["results"]) == 10  # 2 clips x 5 methods
    (cpu_run,) = report["tts"]["runs"]
    assert cpu_run["provider"] == "cpu" and cpu_run["status"] == "ok" and cpu_run["replies"] == 2
    assert 0 < cpu_run["rtf_p50"] < 1
    assert report["llm"]["status"] == "skipped" and report["ok"]


def test_a_decode_slower_than_allowed_stops_the_asr_stage(tmp_path: Path,
                                                          digit_set: Path) -> None:
    """On the H200 one digit-mode decode took 30 s and the stage ran for hours: a decode over
    --max-decode-s now fails the stage with what took how long, and TTS can be left out."""
    done, report = _smoke(tmp_path, "--device", "cpu", "--set", str(digit_set),
                          "--max-decode-s", "0.001", "--no-tts")
    assert done.returncode == 1
    assert report["asr"]["status"] == "failed"
    assert "DecodeTooSlow" in report["asr"]["error"] and "limit 0.001 s" in report["asr"]["error"]
    assert report["tts"]["status"] == "skipped"


# -- the LLM request -------------------------------------------------------------------


def test_one_streamed_request_is_timed_to_its_first_token() -> None:
    def server(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/chat/completions"
        assert json.loads(request.content)["stream"] is True
        events = ["data: " + json.dumps({"choices": [{"delta": {"content": piece}}]})
                  for piece in ("Yes, ", "we open ", "at nine.")]
        return httpx.Response(200, text="\n\n".join([*events, "data: [DONE]"]) + "\n\n")

    with httpx.Client(transport=httpx.MockTransport(server)) as client:
        result = chat_once("http://llm.test/v1", "verivoice-llm", client=client)
    assert result["text"] == "Yes, we open at nine." and result["chunks"] == 3
    assert 0 <= result["ttft_ms"] <= result["total_ms"]


def test_llm_stage_fails_when_the_server_does_not_answer_and_skips_without_vllm() -> None:
    down = llm_stage("http://127.0.0.1:9/v1", None, "verivoice-llm", Path(sys.executable),
                     "cpu", {}, dry_run=False)
    assert down["status"] == "failed" and "ConnectError" in down["error"]
    no_vllm = llm_stage(None, "/models/Qwen2.5-7B-Instruct", "verivoice-llm",
                        Path(sys.executable), "cuda", {"vllm": None}, dry_run=False)
    assert no_vllm["status"] == "skipped" and "vLLM is not installed" in no_vllm["reason"]
    assert llm_stage(None, None, "x", Path(sys.executable), "cuda", {}, False)["status"] == "skipped"
