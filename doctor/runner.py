"""Run every check for the configured settings, in order, each guarded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from verivoice.config import Settings
from verivoice.doctor.deployment import (
    check_asr_decodes,
    check_disk,
    check_llm_server,
    check_model,
    check_twilio,
    missing_registry_bytes,
)
from verivoice.doctor.gpu import (
    CUBLAS_PROBES,
    CUDNN_PROBES,
    LlmEnvInfo,
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
    onnxruntime_info,
    pip_library_dirs,
    probe_driver,
    probe_library,
    probe_llm_env,
)
from verivoice.doctor.result import CheckResult, Mode
from verivoice.models.catalog import ModelKind


@dataclass(frozen=True)
class DoctorReport:
    """The mode the host was judged in and every check's result."""

    mode: Mode
    checks: list[CheckResult]

    @property
    def ok(self) -> bool:
        """No needed check failed (warnings and info do not count)."""
        return all(c.status != "fail" for c in self.checks)

    def as_dict(self) -> dict[str, Any]:
        return {"mode": self.mode.device, "profile": self.mode.profile,
                "cuda_devices": self.mode.cuda_devices, "cpu_fallback": not self.mode.cuda,
                "label": self.mode.label, "ok": self.ok,
                "checks": [c.as_dict() for c in self.checks]}


def guarded(name: str, check: Callable[[], CheckResult]) -> CheckResult:
    """Run one check; a check that raises is a failed check, never a crashed doctor."""
    try:
        return check()
    except Exception as exc:
        return CheckResult(name, "fail", f"the check itself failed: {type(exc).__name__}: {exc}")


def configured_models(settings: Settings, mode: Mode) -> list[tuple[str, str, ModelKind]]:
    """(role, spec, kind) of every model this configuration loads on this host."""
    models: list[tuple[str, str, ModelKind]] = [
        ("ASR model", settings.asr.model, "whisper"),
        ("TTS voice", settings.tts.voice, "piper"),
    ]
    if not settings.llm.base_url:
        models.append(("LLM model", settings.llm.model_for(mode.device), "llm"))
    return models


def run_checks(settings: Settings, *, decode: bool = True) -> DoctorReport:
    """Probe the host once and judge every check in the mode it will run in.

    Args:
        settings: The configuration to check (``VERIVOICE_*``).
        decode: Also load the ASR model on the device and decode a second of audio.
    """
    ct2 = ctranslate2_info()
    mode = Mode(settings.device, ct2.cuda_devices)
    external = bool(settings.llm.base_url)
    driver = probe_driver()
    libraries = {s: probe_library(s) for s in (*CUBLAS_PROBES, *CUDNN_PROBES)}
    pip_dirs = {s: pip_library_dirs(s) for s in ct2.needs}
    env = (LlmEnvInfo(str(settings.llm.python), False, error="not used") if external
           else probe_llm_env(settings.llm.python))
    models = configured_models(settings, mode)
    cache = settings.model_cache_dir
    disk_paths = [cache, settings.verify.state_db.parent]  # models; state and audit trail

    checks = [
        check_device(mode),
        guarded("NVIDIA driver", lambda: check_driver(driver, mode)),
        guarded("CUDA versions", lambda: check_cuda_versions(
            driver, cuda_needs(ct2, env, external), mode)),
        guarded("ctranslate2", lambda: check_ctranslate2(ct2, mode)),
        guarded("cuBLAS", lambda: check_cublas(ct2, libraries, mode, pip_dirs)),
        guarded("cuDNN", lambda: check_cudnn(ct2, libraries, mode, settings.tts.cuda)),
        guarded("onnxruntime", lambda: check_onnxruntime(onnxruntime_info(), settings.tts.cuda)),
        guarded("torch (vLLM env)", lambda: check_torch(env, mode, external)),
        guarded("Disk", lambda: check_disk(
            disk_paths, missing_registry_bytes([s for _, s, _ in models], cache))),
    ]
    model_results = {role: guarded(role, lambda r=role, s=spec, k=kind: check_model(r, s, k, cache))
                     for role, spec, kind in models}
    checks += model_results.values()
    if decode:
        if model_results["ASR model"].status == "fail":
            checks.append(CheckResult(f"ASR on {mode.device}", "info", "skipped: no ASR model"))
        else:
            checks.append(guarded(f"ASR on {mode.device}",
                                  lambda: check_asr_decodes(settings.asr, mode.device)))
    checks.append(guarded("LLM server", lambda: check_llm_server(settings.llm, mode.device, env)))
    checks.append(guarded("Twilio", lambda: check_twilio(settings)))
    return DoctorReport(mode, checks)
