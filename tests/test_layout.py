"""The layout's rules, read from the imports: the product never loads the harness."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("auth", "pipeline", "verivoice", "models", "server", "doctor")


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def test_no_product_module_imports_the_harness() -> None:
    offenders = {str(path.relative_to(ROOT)): sorted(m for m in _imports(path)
                                                    if m.startswith("verivoice.bench"))
                 for path in _modules(*PRODUCT)}
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_the_rule_reads_imports_inside_functions_too(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from verivoice.bench.cli import app\n    import os\n")
    assert {"verivoice.bench.cli", "verivoice.bench.cli.app", "os"} <= _imports(sample)


def test_the_pipeline_never_imports_auth() -> None:
    offenders = {str(path.relative_to(ROOT)): sorted(m for m in _imports(path)
                                                    if m.startswith("verivoice.auth"))
                 for path in _modules("pipeline")}
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_auth_meets_the_pipeline_only_through_its_contracts() -> None:
    offenders = {str(path.relative_to(ROOT)): sorted(
        m for m in _imports(path) if m.startswith("verivoice.pipeline")
        and not m.startswith("verivoice.pipeline.contracts"))
        for path in _modules("auth")}
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_the_cli_loads_the_harness_only_when_a_harness_command_runs() -> None:
    import subprocess
    import sys

    probe = ("import sys, verivoice.cli; "
             "print(any(m.startswith('verivoice.bench') for m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=120)
    assert loaded.stdout.strip().splitlines()[-1] == "False", loaded.stderr


def test_without_the_harness_the_cli_has_no_harness_commands(monkeypatch) -> None:
    import typer

    from verivoice import cli

    monkeypatch.setattr(cli, "_harness_installed", lambda: False)
    group = typer.main.get_command(cli.app)
    import click

    names = group.list_commands(click.Context(group))
    assert "serve" in names and not set(cli.HARNESS) & set(names)
    assert group.get_command(click.Context(group), "bench") is None


def test_each_stage_keeps_its_settings_beside_it() -> None:
    """One shape per stage: service.py, its engine, and settings.py; the stages read their
    settings from there, not from the composed configuration object."""
    from verivoice.config import Settings

    for stage in ("asr", "llm", "tts"):
        folder = ROOT / "pipeline" / stage
        assert {"service.py", "settings.py"} <= {p.name for p in folder.glob("*.py")}
        for path in folder.glob("*.py"):
            assert "verivoice.config" not in _imports(path), path.name
        module = __import__(f"verivoice.pipeline.{stage}.settings", fromlist=["x"])
        own = {name for name, value in vars(module).items() if name.endswith("Settings")
               and isinstance(value, type) and value.__module__ == module.__name__}
        assert Settings.model_fields[stage].annotation.__name__ in own
        # pydantic only: loading the settings does not start Pipecat or a model library
        assert not {m for m in _imports(folder / "settings.py")
                    if m.split(".")[0] in ("pipecat", "faster_whisper", "ctranslate2", "openai")}
