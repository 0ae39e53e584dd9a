"""Which device the models run on: the configured profile against the GPUs this host has."""

from __future__ import annotations

import logging
from typing import Literal

DeviceProfile = Literal["auto", "cuda", "cpu"]
ResolvedDevice = Literal["cuda", "cpu"]

logger = logging.getLogger(__name__)


def cuda_device_count() -> int:
    """Number of CUDA devices ctranslate2 can use (0 on a CPU-only machine or build)."""
    try:
        import ctranslate2

        return int(ctranslate2.get_cuda_device_count())
    except Exception:  # a broken CUDA runtime counts as no GPU
        return 0


def resolve_device(profile: DeviceProfile) -> ResolvedDevice:
    """Turn the configured profile into the device to run on, and say which was chosen.

    Raises:
        RuntimeError: ``cuda`` was asked for but ctranslate2 sees no GPU.
    """
    gpus = cuda_device_count()
    if profile == "cuda" and gpus == 0:
        raise RuntimeError(
            "VERIVOICE_DEVICE=cuda but ctranslate2 sees no CUDA device: check the driver "
            "(`nvidia-smi`), run with `--gpus all`, or set VERIVOICE_DEVICE=cpu."
        )
    chosen: ResolvedDevice = "cuda" if profile == "cuda" or (profile == "auto" and gpus) else "cpu"
    if profile == "auto":
        logger.info(
            "device profile auto -> %s (%s)",
            chosen,
            f"{gpus} CUDA device(s) seen by ctranslate2" if gpus else "no CUDA device; CPU fallback",
        )
    return chosen


def default_compute_type(device: ResolvedDevice) -> str:
    """float16 on a GPU, int8 on the CPU (``default`` would run float32 there, ~7x slower)."""
    return "float16" if device == "cuda" else "int8"
