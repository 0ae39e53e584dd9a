"""What a check returns, and the mode (CUDA or CPU fallback) the checks judge against."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from verivoice.config import DeviceProfile, ResolvedDevice

Status = Literal["ok", "warn", "fail", "info"]
"""``fail``: something needed is missing (the doctor exits 1); ``warn``: works, but look at
it; ``info``: not needed in this mode, reported for the record."""


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check.

    Attributes:
        name: Short label, e.g. ``"cuBLAS"``.
        status: See :data:`Status`.
        summary: One line saying what was found.
        details: Further lines (paths, versions); never a secret.
        fix: What to do about a ``fail`` or ``warn``.
    """

    name: str
    status: Status
    summary: str
    details: tuple[str, ...] = ()
    fix: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "details": list(self.details)}


@dataclass(frozen=True)
class Mode:
    """The device profile the checks judge against.

    Attributes:
        profile: ``VERIVOICE_DEVICE`` as configured.
        cuda_devices: GPUs ctranslate2 sees.
        device: What verivoice will run on: ``cuda`` when asked for or when ``auto`` finds
            a GPU, else ``cpu``.
    """

    profile: DeviceProfile
    cuda_devices: int
    device: ResolvedDevice = field(init=False)

    def __post_init__(self) -> None:
        wants_cuda = self.profile == "cuda" or (self.profile == "auto" and self.cuda_devices > 0)
        object.__setattr__(self, "device", "cuda" if wants_cuda else "cpu")

    @property
    def cuda(self) -> bool:
        return self.device == "cuda"

    @property
    def label(self) -> str:
        if self.cuda and self.cuda_devices == 0:
            return "CUDA mode requested, but ctranslate2 sees no GPU"
        if self.cuda:
            return f"CUDA mode ({self.cuda_devices} GPU(s) seen by ctranslate2)"
        return "CPU-fallback mode (no CUDA device in use; GPU checks are for the record)"


def needed(mode_needs_it: bool, ok: bool) -> Status:
    """``ok`` when it works, else ``fail`` where it is needed and ``info`` where it is not."""
    if ok:
        return "ok"
    return "fail" if mode_needs_it else "info"
