"""`verivoice models list | verify`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from verivoice.models.catalog import CATALOG
from verivoice.models.registry import ModelError, cache_dir_for, is_verified, materialize, verify

app = typer.Typer(help="The models verivoice runs: where they are and whether they check out.")
console = Console()


def _size(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


@app.command("list")
def list_models() -> None:
    """Name, kind, size, where, and whether each registry model is verified."""
    table = Table("name", "kind", "size", "verified", "where")
    for entry in CATALOG.values():
        where = cache_dir_for(entry)
        table.add_row(
            entry.name, entry.kind, _size(entry.size),
            "[green]yes[/]" if is_verified(entry) else "[yellow]no[/]",
            str(where) if where.exists() else "not assembled yet",
        )
    console.print(table)
    for entry in CATALOG.values():
        console.print(f"{entry.name}: {entry.description}; from {', '.join(entry.distributions)}; "
                      f"licence {entry.license}")


@app.command("verify")
def verify_models(
    names: Annotated[list[str] | None, typer.Argument(help="Models to check (default: all).")] = None,
    repair: Annotated[bool, typer.Option(help="Reassemble corrupt files from their packages.")] = False,
) -> None:
    """Hash every file of every model (a full check); exit 1 if any is missing or corrupt."""
    unknown = [n for n in names or [] if n not in CATALOG]
    if unknown:
        console.print(f"[red]unknown model(s): {', '.join(unknown)}[/]; see `verivoice models list`")
        raise typer.Exit(2)
    bad = 0
    for entry in [CATALOG[n] for n in names] if names else CATALOG.values():
        try:
            statuses = verify(entry)
            if repair and any(s.state != "ok" for s in statuses):
                for s in statuses:
                    if s.state == "corrupt":
                        s.path.unlink()
            if repair or all(s.state == "not assembled" for s in statuses):
                materialize(entry)
                statuses = verify(entry)
        except ModelError as exc:
            console.print(f"[red]{entry.name}: {exc}[/]")
            bad += 1
            continue
        for s in statuses:
            colour = "green" if s.state == "ok" else "red"
            console.print(f"[{colour}]{s.state:>13}[/] {s.model}/{s.file}  {s.detail}")
            bad += s.state != "ok"
    raise typer.Exit(1 if bad else 0)
