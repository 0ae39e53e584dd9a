"""The `verivoice` command.

The product's commands are imported here; the harness's (benchmarks, the digit demo, the
local Verify server) are registered by name and imported only when one of them runs, so
the product never loads the harness (:class:`HarnessCommands`).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys

import click
import typer
from loguru import logger
from typer.core import TyperGroup

from verivoice.commands.asr import asr
from verivoice.commands.audit import app as audit_app
from verivoice.commands.call import call
from verivoice.commands.db import app as db_app
from verivoice.commands.doctor import doctor
from verivoice.commands.llm import app as llm_app
from verivoice.commands.models import app as models_app
from verivoice.commands.practice import app as practice_app
from verivoice.commands.serve import serve

#: Harness commands: name -> "module:object" (a Typer app or a command function).
HARNESS = {
    "bench": "verivoice.bench.cli:app",
    "demo": "verivoice.bench.demo:demo",
    "verify-server": "verivoice.bench.verify_server:serve",
}


def _harness_installed() -> bool:
    return importlib.util.find_spec("verivoice.bench") is not None


class HarnessCommands(TyperGroup):
    """The root group: product commands as usual, harness commands loaded on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *(HARNESS if _harness_installed() else ())})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in HARNESS:
            return super().get_command(ctx, cmd_name)
        if not _harness_installed():  # the runtime image ships without bench/
            return None
        module, name = HARNESS[cmd_name].split(":")
        target = getattr(importlib.import_module(module), name)
        if not isinstance(target, typer.Typer):  # one command: a Typer app of its own
            single = typer.Typer(pretty_exceptions_show_locals=False)
            single.command(cmd_name)(target)
            target = single
        target._add_completion = False  # the root has the completion options
        command = typer.main.get_command(target)
        command.name = cmd_name
        return command


app = typer.Typer(help="verivoice: a self-hosted voice agent. Settings: VERIVOICE_* variables.",
                  cls=HarnessCommands, no_args_is_help=True,
                  pretty_exceptions_show_locals=False)
app.add_typer(models_app, name="models")
app.add_typer(llm_app, name="llm")
app.add_typer(audit_app, name="audit")
app.add_typer(db_app, name="db")
app.add_typer(practice_app, name="practice")
app.command("asr")(asr)
app.command("call")(call)
app.command("doctor")(doctor)
app.command("serve")(serve)


def configure_logging(level: str) -> None:
    """Standard logging and loguru (Pipecat's) at one level, never TRACE (it prints PHI)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logger.remove()
    logger.add(sys.stderr, level=level)


def main() -> None:
    from verivoice.config import get_settings

    configure_logging(get_settings().log_level)
    for noisy in ("faster_whisper", "httpx", "httpx2"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    app()


if __name__ == "__main__":
    main()
