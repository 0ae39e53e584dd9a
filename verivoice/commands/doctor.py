"""`verivoice doctor`: one table, green or red, and an exit code."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from verivoice.doctor.result import Status
from verivoice.doctor.runner import DoctorReport, run_checks

_STYLE: dict[Status, tuple[str, str]] = {
    "ok": ("green", "ok"),
    "warn": ("yellow", "warn"),
    "fail": ("bold red", "FAIL"),
    "info": ("dim", "n/a"),
}


def render(report: DoctorReport, console: Console) -> None:
    """The checks as a table, then one line that says whether anything needed is missing."""
    console.print(f"[bold]verivoice doctor[/]: {report.mode.label}")
    table = Table("check", "status", "finding", show_lines=False, expand=True)
    for check in report.checks:
        colour, word = _STYLE[check.status]
        finding = check.summary
        finding += "".join(f"\n[dim]{line}[/]" for line in check.details)
        if check.fix and check.status in ("fail", "warn"):
            finding += f"\n[{colour}]fix:[/] {check.fix}"
        table.add_row(check.name, f"[{colour}]{word}[/]", finding)
    console.print(table)
    failed = [c.name for c in report.checks if c.status == "fail"]
    if failed:
        console.print(f"[bold red]{len(failed)} needed check(s) failed:[/] {', '.join(failed)}")
    else:
        console.print("[green]everything needed for this mode is in place[/]")


def doctor(
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    decode: Annotated[bool, typer.Option(
        help="Load the ASR model on the device and decode a second of audio.")] = True,
) -> None:
    """Check this host: GPU, driver, CUDA libraries, models, LLM server, Twilio, disk.

    Exits 1 when something needed is missing. Runs on CPU machines too (CPU-fallback mode).
    """
    from verivoice.config import get_settings

    report = run_checks(get_settings(), decode=decode)
    if json_output:
        typer.echo(json.dumps(report.as_dict(), indent=1))
    else:
        render(report, Console())
    raise typer.Exit(0 if report.ok else 1)
