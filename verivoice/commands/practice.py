"""`verivoice practice check FILE`: validate a practice profile and show what callers hear."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from verivoice.practice import WEEKDAYS, ProfileError, load_profile, practice_profile

app = typer.Typer(help="The practice profile (VERIVOICE_PRACTICE__PROFILE).", no_args_is_help=True)
console = Console()


@app.command("check")
def check(
    file: Annotated[Path | None, typer.Argument(
        help="The profile to check (default: VERIVOICE_PRACTICE__PROFILE, else the example).")] = None,
) -> None:
    """Validate a profile; print today's hours and the week as the agent will say them."""
    from verivoice.config import get_settings

    try:
        profile = load_profile(file) if file else practice_profile(get_settings().practice.profile)
    except ProfileError as exc:
        console.print(f"[red]invalid[/]: {exc}", highlight=False)
        raise typer.Exit(1) from None
    now = profile.now()
    console.print(f"[green]valid[/]: {profile.name} ({profile.timezone}, now "
                  f"{now:%A %H:%M})", highlight=False)
    console.print(f"today: {profile.hours_on(now.date())}", highlight=False)
    console.print(f"now: {profile.open_now(now=now)}", highlight=False)
    for day in WEEKDAYS:
        console.print(f"{day}: {profile.hours_on_weekday(day, now=now)}", highlight=False)
    console.print(f"address: {profile.address_line()}", highlight=False)
    for key, target in profile.handoff.items():
        state = "answers now" if profile.target_open(key, now=now) else "closed now"
        console.print(f"hand-off {key}: {target.name} ({state})", highlight=False)
