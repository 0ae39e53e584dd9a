"""GPU smoke test: ASR on CUDA (float16) over the digit set, Piper TTS, one LLM request.

Written for a bare CUDA machine that has PyTorch but no network, reached through calls that
carry at most 64 MiB and run at most 10 minutes (the device tool's machines). Driven by
``bench/gpu_smoke.sh``:

    here:  bench/gpu_smoke.sh pack                      # parcels in bench-out/gpu-smoke-parcels/
    there: bench/gpu_smoke.sh install PARCEL            # once per parcel, machine kept warm
    there: bench/gpu_smoke.sh run --out $OUT/gpu-smoke.json

The report (JSON) holds what the machine is (driver, CUDA libraries, ctranslate2,
onnxruntime, torch, with the doctor's verdicts), then one entry per stage with ``status``
``ok``, ``failed`` (with the error), ``skipped`` (with the reason) or, for ``--dry-run``,
``planned``. The exit status is 1 when a stage failed. ``--device cpu`` runs the same
stages on the CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from verivoice.bench.gpu_smoke_parcels import (
    PARCEL_BYTES,
    Piece,
    file_pieces,
    plan,
    wheel_piece,
    write,
)

SCHEMA = "verivoice-gpu-smoke/1"
ROOT = Path(__file__).resolve().parent.parent
PARCELS = Path("bench-out/gpu-smoke-parcels")
# What the smoke test imports that the device image lacks (KINDS.md's package list: it has
# numpy, onnxruntime, tokenizers, huggingface-hub, tqdm, pyyaml, httpx, torch).
SMOKE_WHEELS = ("ctranslate2", "faster-whisper", "av", "soxr", "soundfile", "cffi", "pycparser",
                "pydantic", "pydantic-core", "pydantic-settings", "python-dotenv",
                "annotated-types", "typing-inspection", "loguru", "pipecat-ai", "wait-for2",
                "piper-tts")
DEVICE_PYTHON = "3.12"
DEVICE_PLATFORMS = ("manylinux_2_28_x86_64", "manylinux_2_27_x86_64", "manylinux_2_17_x86_64",
                    "manylinux2014_x86_64")
ASR_MODEL, VOICE = "whisper-tiny.en", "piper-joe-medium"
LLM_PROMPT = "A caller asks: are you open on Saturday morning? Answer in one short sentence."


def _pct(values: list[float], q: float) -> float | None:
    return float(np.percentile(values, q)) if values else None


# -- pack (here) -------------------------------------------------------------------------


def download_wheels(folder: Path, names: tuple[str, ...] = SMOKE_WHEELS) -> list[Path]:
    """The device's wheels (CPython 3.12, x86-64), at the versions installed here."""
    folder.mkdir(parents=True, exist_ok=True)
    pins = [f"{name}=={metadata.version(name)}" for name in names]
    command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
               "--python-version", DEVICE_PYTHON, "--implementation", "cp", "-d", str(folder)]
    for tag in DEVICE_PLATFORMS:
        command += ["--platform", tag]
    subprocess.run(command + pins, check=True)
    return sorted(folder.glob("*.whl"))


def pack(out: Path, set_dir: Path, clips: int, *, wheels: bool = True,
         limit: int = PARCEL_BYTES, asr_only: bool = False) -> list[Path]:
    """Write the parcels: wheels, the ASR model, the voice and ``clips`` clips of the digit set
    (``asr_only``: no voice and no Piper, two parcels fewer, for a short lease)."""
    from verivoice.bench.digit_set import generate, load_manifest
    from verivoice.models.catalog import CATALOG
    from verivoice.models.registry import resolve

    pieces: list[Piece] = []
    files: dict[str, dict] = {}
    if wheels:
        names = tuple(n for n in SMOKE_WHEELS if not (asr_only and n == "piper-tts"))
        pieces += [wheel_piece(w) for w in download_wheels(out.parent / "gpu-smoke-wheels", names)]
    for name in (ASR_MODEL,) if asr_only else (ASR_MODEL, VOICE):
        directory = resolve(name)
        for spec in CATALOG[name].files:
            parts, entry = file_pieces(directory / spec.name, f"models/{name}/{spec.name}")
            pieces += parts
            files[f"models/{name}/{spec.name}"] = entry
    if not (set_dir / "manifest.jsonl").exists():
        generate(set_dir, clips, seed=7)
    chosen = load_manifest(set_dir)[:clips]
    subset = out.parent / "gpu-smoke-set"
    subset.mkdir(parents=True, exist_ok=True)
    (subset / "manifest.jsonl").write_text(
        "".join(json.dumps(asdict(c)) + "\n" for c in chosen))
    for relpath, source in [("digit-set/manifest.jsonl", subset / "manifest.jsonl")] + [
            (f"digit-set/{c.file}", set_dir / c.file) for c in chosen]:
        parts, entry = file_pieces(source, relpath)
        pieces += parts
        files[relpath] = entry
    return write(out, plan(pieces, limit), files)


# -- environment -------------------------------------------------------------------------


def preload_pip_cublas(needs: tuple[str, ...]) -> list[str]:
    """Load a pip-installed cuBLAS (torch's ``nvidia/cublas/lib``) that ctranslate2 needs.

    ctranslate2 ``dlopen``s ``libcublas.so.12`` by name; a copy in a pip package is found
    only once it is already loaded (or on ``LD_LIBRARY_PATH``).
    """
    import ctypes

    from verivoice.doctor.gpu import pip_library_dirs, probe_library

    loaded = []
    for soname in (s for s in needs if s.startswith("libcublas.")):
        if probe_library(soname).loaded:
            continue
        for folder in pip_library_dirs(soname):
            lt = folder / soname.replace("libcublas", "libcublasLt")
            try:
                if lt.exists():
                    ctypes.CDLL(str(lt), mode=ctypes.RTLD_GLOBAL)
                ctypes.CDLL(str(folder / soname), mode=ctypes.RTLD_GLOBAL)
            except OSError:
                continue
            loaded.append(str(folder / soname))
            break
    return loaded


def environment(device: str, llm_python: Path) -> dict[str, Any]:
    """The doctor's GPU probes and verdicts, for the report."""
    from verivoice.doctor import gpu
    from verivoice.doctor.result import Mode

    ct2 = gpu.ctranslate2_info()
    preloaded = preload_pip_cublas(ct2.needs) if device == "cuda" else []
    mode = Mode("cuda" if device == "cuda" else "cpu", ct2.cuda_devices)
    driver = gpu.probe_driver()
    libraries = {s: gpu.probe_library(s) for s in (*gpu.CUBLAS_PROBES, *gpu.CUDNN_PROBES)}
    ort = gpu.onnxruntime_info()
    torch_env = gpu.probe_llm_env(llm_python)
    checks = [
        gpu.check_driver(driver, mode),
        gpu.check_cuda_versions(driver, gpu.cuda_needs(ct2, torch_env, False), mode),
        gpu.check_ctranslate2(ct2, mode),
        gpu.check_cublas(ct2, libraries, mode, {s: gpu.pip_library_dirs(s) for s in ct2.needs}),
        gpu.check_cudnn(ct2, libraries, mode, tts_cuda=False),
        gpu.check_onnxruntime(ort, tts_cuda=False),
    ]
    return {
        "mode": mode.label, "driver": asdict(driver), "ctranslate2": asdict(ct2),
        "libraries": {k: asdict(v) for k, v in libraries.items()}, "preloaded": preloaded,
        # bench/gpu_smoke.sh's experiment: cuBLAS 13 answering under cuBLAS 12's name
        "cublas13_as_12": os.environ.get("VERIVOICE_SMOKE_CUBLAS_COMPAT"),
        "onnxruntime": asdict(ort), "torch": asdict(torch_env),
        "checks": [c.as_dict() for c in checks],
    }


# -- stages ------------------------------------------------------------------------------


def asr_stage(model: str, set_dir: Path, device: str, limit: int | None, dry_run: bool,
              cuda_devices: int, max_decode_s: float | None = None) -> dict[str, Any]:
    """Our digit mode and stock decoding over the set, float16 on CUDA (int8 on the CPU)."""
    from verivoice.bench.asr_bench import run as run_asr
    from verivoice.config import AsrSettings
    from verivoice.doctor.deployment import local_model_problems
    from verivoice.models.catalog import CATALOG

    compute = "float16" if device == "cuda" else "int8"
    stage: dict[str, Any] = {"device": device, "compute_type": compute, "model": model,
                             "set": str(set_dir)}
    problems = []
    if not (set_dir / "manifest.jsonl").is_file():
        problems.append(f"no digit set at {set_dir}")
    if model not in CATALOG:
        problems += local_model_problems(Path(model), "whisper") if Path(model).exists() \
            else [f"model {model} not found"]
    if device == "cuda" and cuda_devices == 0:
        problems.append("ctranslate2 sees no CUDA device (see environment.checks)")
    if problems:
        return {**stage, "status": "failed", "error": "; ".join(problems)}
    if dry_run:
        return {**stage, "status": "planned"}
    settings = AsrSettings(model=model, compute_type=compute)
    started = time.perf_counter()
    try:
        results, summaries = run_asr(set_dir, settings, device, limit=limit,
                                     max_decode_s=max_decode_s)
    except Exception as exc:
        return {**stage, "status": "failed", "error": f"{type(exc).__name__}: {exc}"}
    return {**stage, "status": "ok", "clips": len({r.file for r in results}),
            "wall_s": round(time.perf_counter() - started, 2),
            "summaries": [asdict(s) for s in summaries], "results": [asdict(r) for r in results]}


async def _time_reply(worker: Any, text: str) -> tuple[float, float, int]:
    """(first audio ms, wall s, PCM bytes) for one reply through the Piper worker."""
    started = time.perf_counter()
    first = None
    size = 0
    async for pcm in worker.stream(text):
        first = first or time.perf_counter()
        size += len(pcm)
    return (1000 * ((first or time.perf_counter()) - started), time.perf_counter() - started, size)


def _tts_provider(voice: Path, cuda: bool, replies: list[str]) -> dict[str, Any]:
    from verivoice.pipeline.tts.piper import PiperProcess

    worker = PiperProcess(voice, cuda=cuda, startup_timeout_s=120)
    try:
        worker.start()
        asyncio.run(_time_reply(worker, replies[0]))  # warm-up
        timings = [asyncio.run(_time_reply(worker, text)) for text in replies]
    finally:
        worker.stop()
    first = [t[0] for t in timings]
    rtf = [t[1] / (t[2] / 2 / worker.sample_rate) for t in timings if t[2]]
    return {"status": "ok", "replies": len(replies), "sample_rate": worker.sample_rate,
            "first_audio_p50_ms": _pct(first, 50), "first_audio_p95_ms": _pct(first, 95),
            "rtf_p50": _pct(rtf, 50), "rtf_p95": _pct(rtf, 95)}


def tts_stage(voice: str, device: str, replies: int, dry_run: bool,
              providers: tuple[str, ...]) -> dict[str, Any]:
    """Piper on the CPU, and on CUDA where onnxruntime has the CUDA provider."""
    from verivoice.bench.tts_replies import all_replies
    from verivoice.models.catalog import CATALOG
    from verivoice.models.registry import main_path

    texts = [text for _, text in all_replies()][:replies]
    stage: dict[str, Any] = {"voice": voice, "runs": []}
    if voice not in CATALOG and not Path(voice).is_file():
        return {**stage, "status": "failed", "error": f"voice {voice} not found"}
    wanted = ["cpu"] + (["cuda"] if device == "cuda" else [])
    if dry_run:
        return {**stage, "status": "planned", "providers": wanted}
    try:
        path = main_path(voice, kind="piper")
    except Exception as exc:
        return {**stage, "status": "failed", "error": f"{type(exc).__name__}: {exc}"}
    for provider in wanted:
        if provider == "cuda" and "CUDAExecutionProvider" not in providers:
            stage["runs"].append({"provider": "cuda", "status": "skipped", "reason":
                                  "onnxruntime has no CUDA provider (onnxruntime-gpu not installed)"})
            continue
        try:
            stage["runs"].append({"provider": provider, **_tts_provider(path, provider == "cuda", texts)})
        except Exception as exc:
            stage["runs"].append({"provider": provider, "status": "failed",
                                  "error": f"{type(exc).__name__}: {exc}"})
    failed = any(r["status"] == "failed" for r in stage["runs"])
    return {**stage, "status": "failed" if failed else "ok"}


def chat_once(base_url: str, model: str, *, client: Any = None, max_tokens: int = 48,
              timeout_s: float = 120.0) -> dict[str, Any]:
    """One streamed chat completion: time to first token, chunks, and the start of the text."""
    import httpx

    own = client is None
    client = client or httpx.Client(timeout=timeout_s)
    body = {"model": model, "messages": [{"role": "user", "content": LLM_PROMPT}],
            "max_tokens": max_tokens, "temperature": 0.0, "stream": True}
    started = time.perf_counter()
    first = None
    text = []
    try:
        with client.stream("POST", f"{base_url.rstrip('/')}/chat/completions", json=body) as response:
            response.raise_for_status()
            for line in response.iter_lines():
                if not line.startswith("data:") or line.strip() == "data: [DONE]":
                    continue
                event = json.loads(line.removeprefix("data:"))
                delta = (event.get("choices") or [{}])[0].get("delta", {}).get("content")
                if delta:
                    first = first or time.perf_counter()
                    text.append(delta)
    finally:
        if own:
            client.close()
    if first is None:
        raise RuntimeError("the server streamed no tokens")
    return {"ttft_ms": 1000 * (first - started), "total_ms": 1000 * (time.perf_counter() - started),
            "chunks": len(text), "text": "".join(text)[:200]}


def llm_stage(url: str | None, model_dir: str | None, served_name: str, llm_python: Path,
              device: str, torch_env: dict[str, Any], dry_run: bool) -> dict[str, Any]:
    """One request to a server at ``url``, or to a vLLM started on ``model_dir``; else skipped."""
    if url:
        if dry_run:
            return {"status": "planned", "source": url}
        try:
            return {"status": "ok", "source": url, **chat_once(url, served_name)}
        except Exception as exc:
            return {"status": "failed", "source": url, "error": f"{type(exc).__name__}: {exc}"}
    if not model_dir:
        return {"status": "skipped", "reason": "no LLM model or server given (--llm-model, --llm-url)"}
    if not (torch_env.get("vllm") or "").startswith("vllm"):
        return {"status": "skipped", "source": model_dir, "reason": f"vLLM is not installed in "
                f"{llm_python} (its wheels are far over what one device call carries)"}
    if dry_run:
        return {"status": "planned", "source": model_dir}
    from verivoice.config import LlmSettings
    from verivoice.pipeline.llm.vllm_server import VllmServer

    settings = LlmSettings(model=model_dir, cuda_model=model_dir, python=llm_python, port=8071,
                           served_name=served_name, startup_timeout_s=420)
    server = VllmServer(settings, "cuda" if device == "cuda" else "cpu")

    async def once() -> dict[str, Any]:
        started = time.perf_counter()
        await server.start()
        ready_s = time.perf_counter() - started
        try:
            return {"startup_s": ready_s,
                    **await asyncio.to_thread(chat_once, settings.url, served_name)}
        finally:
            await server.stop()

    try:
        return {"status": "ok", "source": model_dir, **asyncio.run(once())}
    except Exception as exc:
        return {"status": "failed", "source": model_dir, "error": f"{type(exc).__name__}: {exc}"}


# -- run ---------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    files = Path(args.files) if args.files else None

    def carried(relpath: str, fallback: str) -> str:
        return str(files / relpath) if files and (files / relpath).exists() else fallback

    asr_model = args.asr_model or carried(f"models/{ASR_MODEL}", ASR_MODEL)
    voice = args.voice or carried(f"models/{VOICE}/en_US-joe-medium.onnx", VOICE)
    set_dir = Path(args.set or carried("digit-set", "bench-out/digit-set"))
    llm_python = Path(args.llm_python or sys.executable)
    report: dict[str, Any] = {
        "schema": SCHEMA, "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "dry_run": args.dry_run, "device": args.device,
        "host": {"platform": platform.platform(), "python": platform.python_version(),
                 "cpu_count": os.cpu_count()},
    }
    env = environment(args.device, llm_python)
    report["environment"] = env
    report["asr"] = asr_stage(asr_model, set_dir, args.device, args.limit, args.dry_run,
                              env["ctranslate2"]["cuda_devices"], args.max_decode_s)
    report["tts"] = ({"status": "skipped", "reason": "--no-tts (the voice was not carried)"}
                     if args.no_tts else
                     tts_stage(voice, args.device, args.tts_replies, args.dry_run,
                               tuple(env["onnxruntime"]["providers"])))
    report["llm"] = llm_stage(args.llm_url, args.llm_model, args.served_name, llm_python,
                              args.device, env["torch"], args.dry_run)
    report["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    report["ok"] = all(report[s]["status"] != "failed" for s in ("asr", "tts", "llm"))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, default=str) + "\n")
    print(f"{env['mode']}")
    for stage in ("asr", "tts", "llm"):
        entry = report[stage]
        why = entry.get("error") or entry.get("reason") or ""
        print(f"{stage}: {entry['status']}" + (f" ({why})" if why else ""))
    for summary in report["asr"].get("summaries", []):
        print(f"  asr {summary['method']}: exact {summary['exact']:.1%}, p50 {summary['p50_ms']:.0f} ms")
    print(f"report: {out}")
    return 0 if report["ok"] else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpu_smoke", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    packer = sub.add_parser("pack", help="write the parcels (here, with the registries)")
    packer.add_argument("--out", type=Path, default=PARCELS)
    packer.add_argument("--set", type=Path, default=Path("bench-out/digit-set"))
    packer.add_argument("--clips", type=int, default=60)
    packer.add_argument("--asr-only", action="store_true", help="leave out the voice and Piper")
    runner = sub.add_parser("run", help="run the stages and write the report")
    runner.add_argument("--device", choices=("cuda", "cpu"), default="cuda")
    runner.add_argument("--files", help="where `install` rebuilt the carried files")
    runner.add_argument("--asr-model", help=f"default: the carried {ASR_MODEL}")
    runner.add_argument("--voice", help=f"default: the carried {VOICE}")
    runner.add_argument("--set", help="digit set folder; default: the carried one")
    runner.add_argument("--limit", type=int, help="use only the first N clips")
    runner.add_argument("--max-decode-s", type=float, default=10.0,
                        help="stop the ASR stage when one decode takes longer (default 10 s)")
    runner.add_argument("--tts-replies", type=int, default=13)
    runner.add_argument("--no-tts", action="store_true", help="skip Piper (packed --asr-only)")
    runner.add_argument("--llm-url", help="an OpenAI-compatible server (…/v1)")
    runner.add_argument("--llm-model", help="a model folder to serve with vLLM for one request")
    runner.add_argument("--llm-python", help="the Python that has vLLM (default: this one)")
    runner.add_argument("--served-name", default="verivoice-llm")
    runner.add_argument("--dry-run", action="store_true", help="check inputs and the machine only")
    runner.add_argument("--out", default=f"bench/results/gpu-smoke-{datetime.now(UTC):%Y-%m-%d}.json")
    args = parser.parse_args(argv)
    if args.command == "pack":
        folders = pack(args.out, args.set, args.clips, asr_only=args.asr_only)
        for folder in folders:
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            print(f"{folder}: {size / 2**20:.1f} MiB")
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
