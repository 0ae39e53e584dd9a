"""`verivoice audit verify FILE`: check an audit file's hash chain."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(help="Audit trails of caller verification.")
console = Console()


@app.command("verify")
def verify(files: Annotated[list[Path], typer.Argument(help="Audit JSON-lines files.")]) -> None:
    """Check each file's hash chain; exit 1 if any line was edited, inserted or removed."""
    from verivoice.auth.audit import verify_chain

    bad = 0
    for path in files:
        try:
            ok, line, why = verify_chain(path)
        except OSError as exc:
            ok, line, why = False, None, f"cannot read it ({exc.strerror})"
        if ok:
            console.print(f"[green]ok[/] {path}: {why}")
        else:
            bad += 1
            where = f" line {line}" if line else ""
            console.print(f"[red]BROKEN[/] {path}{where}: {why}")
    raise typer.Exit(1 if bad else 0)
