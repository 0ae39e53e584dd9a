"""The `verivoice` command."""

from __future__ import annotations

import logging
import sys

import typer
from loguru import logger

from verivoice.auth.cli import app as audit_app
from verivoice.auth.store.cli import app as db_app
from verivoice.auth.verify_server import serve as verify_server
from verivoice.bench.cli import app as bench_app
from verivoice.call_cli import call
from verivoice.demo import demo
from verivoice.doctor.cli import doctor
from verivoice.models.cli import app as models_app
from verivoice.pipeline.asr.cli import asr
from verivoice.pipeline.llm.cli import app as llm_app
from verivoice.practice_cli import app as practice_app
from verivoice.serve_cli import serve

app = typer.Typer(help="verivoice: a self-hosted voice agent. Settings: VERIVOICE_* variables.",
                  no_args_is_help=True, pretty_exceptions_show_locals=False)
app.add_typer(models_app, name="models")
app.add_typer(bench_app, name="bench")
app.add_typer(llm_app, name="llm")
app.add_typer(audit_app, name="audit")
app.add_typer(db_app, name="db")
app.add_typer(practice_app, name="practice")
app.command("asr")(asr)
app.command("demo")(demo)
app.command("call")(call)
app.command("doctor")(doctor)
app.command("serve")(serve)
app.command("verify-server")(verify_server)


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
