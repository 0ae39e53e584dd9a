"""`verivoice audit verify|export|checkpoint|report`: check and export the audit trail's hash
chain, anchor its head outside the database, and list one patient's protected-data accesses."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(help="Audit trails of caller verification.")
console = Console()


def _open_configured_store():
    """The store the settings name, without migrating it (reading must not create it)."""
    from verivoice.auth.store import store_from_url
    from verivoice.auth.store.factory import engine_url
    from verivoice.config import get_settings

    settings = get_settings()
    return store_from_url(engine_url(settings), timeout_s=settings.state.timeout_s,
                          pool_size=1, auto_migrate=False)


def _audit_key() -> str | None:
    from verivoice.config import get_settings

    key = get_settings().audit.key
    return key.get_secret_value() or None if key is not None else None


def _checkpoints(path: Path | None):
    """The checkpoints to hold the chain to (``--checkpoints``, else the configured file)."""
    from verivoice.auth.checkpoints import read_checkpoints
    from verivoice.config import get_settings

    path = path or get_settings().audit.checkpoints
    if path is None:
        return None
    key = _audit_key()
    if key is None:
        raise CheckpointProblem("checkpoints need VERIVOICE_AUDIT__KEY to be checked")
    if not path.exists():
        raise CheckpointProblem(f"no checkpoint file at {path}")
    return read_checkpoints(path, key)


class CheckpointProblem(Exception):
    """The checkpoints cannot be used (no key, no file)."""


async def _verify_store(checkpoints) -> int:
    from verivoice.auth.audit import verify_store
    from verivoice.auth.store import StoreUnavailable

    store = _open_configured_store()
    try:
        report = await verify_store(store, checkpoints=checkpoints)
    except StoreUnavailable as exc:
        console.print(f"[red]cannot read the audit trail[/] in {store.describe()}: {exc}")
        return 2
    finally:
        await store.close()
    if report.ok:
        console.print(f"[green]ok[/] {store.describe()}: {report.why} "
                      f"({report.records} records)")
        return 0
    console.print(f"[red]BROKEN[/] {store.describe()} record {report.bad_seq}: {report.why} "
                  f"({report.records} records intact before it)")
    return 1


def _verify_files(files: list[Path], checkpoints) -> int:
    from verivoice.auth.audit import verify_chain

    bad = 0
    for path in files:
        try:
            ok, line, why = verify_chain(path, key=_audit_key(), checkpoints=checkpoints)
        except OSError as exc:
            ok, line, why = False, None, f"cannot read it ({exc.strerror})"
        if ok:
            console.print(f"[green]ok[/] {path}: {why}")
        else:
            bad += 1
            where = f" line {line}" if line else ""
            console.print(f"[red]BROKEN[/] {path}{where}: {why}")
    return 1 if bad else 0


@app.command("verify")
def verify(files: Annotated[list[Path] | None, typer.Argument(
        help="JSON-lines exports (or per-call files from before the state store); none: "
             "the configured state store's chain.")] = None,
           checkpoints: Annotated[Path | None, typer.Option(
        help="Signed checkpoints of the head the chain must still hold (default: "
             "VERIVOICE_AUDIT__CHECKPOINTS, if set).")] = None) -> None:
    """Check the hash chain; exit 1 if a record was edited, inserted or removed, if the
    chain no longer holds a checkpointed head (cut short, emptied, rewritten), or if an
    export lacks its trailer or disagrees with it.

    Exit 2 if the state store or the checkpoints cannot be read.
    """
    from verivoice.auth.checkpoints import CheckpointError

    try:
        held = _checkpoints(checkpoints)
    except CheckpointError as exc:
        console.print(f"[red]BROKEN[/] checkpoints: {exc}")
        raise typer.Exit(1) from exc
    except (CheckpointProblem, OSError) as exc:
        console.print(f"[red]cannot check against checkpoints[/]: {exc}")
        raise typer.Exit(2) from exc
    code = _verify_files(files, held) if files else asyncio.run(_verify_store(held))
    raise typer.Exit(code)


@app.command("checkpoint")
def checkpoint(file: Annotated[Path | None, typer.Option(
        help="The append-only checkpoint file (default: VERIVOICE_AUDIT__CHECKPOINTS).")] = None
               ) -> None:
    """Append a signed checkpoint of the chain's head to the checkpoint file (run it on a
    schedule and ship the file to WORM storage). Exit 1, writing nothing, if the chain no
    longer holds the last checkpoint (cut short or rewritten since); 2 if it cannot run."""
    from verivoice.auth.audit import verify_store
    from verivoice.auth.checkpoints import (
        CheckpointError,
        append_checkpoint,
        make_checkpoint,
        read_checkpoints,
    )
    from verivoice.auth.store import StoreUnavailable
    from verivoice.config import get_settings

    key, path = _audit_key(), file or get_settings().audit.checkpoints
    if key is None or path is None:
        console.print("[red]cannot checkpoint[/]: set VERIVOICE_AUDIT__KEY and "
                      "VERIVOICE_AUDIT__CHECKPOINTS (or --file)")
        raise typer.Exit(2)
    try:
        held = read_checkpoints(path, key) if path.exists() else []
    except CheckpointError as exc:
        console.print(f"[red]BROKEN[/] checkpoints: {exc}")
        raise typer.Exit(1) from exc

    async def run():
        store = _open_configured_store()
        try:
            return await verify_store(store, checkpoints=held), await store.audit_head()
        finally:
            await store.close()

    try:
        report, (seq, head) = asyncio.run(run())
    except StoreUnavailable as exc:
        console.print(f"[red]cannot read the audit trail[/]: {exc}")
        raise typer.Exit(2) from exc
    if not report.ok:
        console.print(f"[red]BROKEN[/] record {report.bad_seq}: {report.why}; no checkpoint "
                      "written")
        raise typer.Exit(1)
    append_checkpoint(path, make_checkpoint(key, seq, head))
    console.print(f"[green]checkpoint[/] record {seq} appended to {path}")


@app.command("export")
def export(out: Annotated[Path | None, typer.Option(
        help="Write here instead of standard output.")] = None) -> None:
    """Write the store's whole chain as JSON lines (`verivoice audit verify FILE` checks it)."""
    from verivoice.auth.audit import export_chain
    from verivoice.auth.store import StoreUnavailable

    async def run() -> int:
        store = _open_configured_store()
        try:
            if out is None:
                return await export_chain(store, sys.stdout, key=_audit_key())
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("w", encoding="utf-8") as fh:
                return await export_chain(store, fh, key=_audit_key())
        finally:
            await store.close()

    try:
        count = asyncio.run(run())
    except StoreUnavailable as exc:
        Console(stderr=True).print(f"[red]cannot read the audit trail[/]: {exc}")
        raise typer.Exit(2) from exc
    Console(stderr=True).print(f"{count} records exported")


async def _accesses(pseudonym: str) -> list[dict]:
    import json

    store = _open_configured_store()
    try:
        lines = await store.audit_lines()
    finally:
        await store.close()
    records = (json.loads(line) for _seq, line in lines)
    return [r for r in records if r.get("step") == "phi_access" and r.get("patient") == pseudonym]


@app.command("report")
def report(patient: Annotated[str, typer.Option(
        help="The patient's record id (e.g. P-1001); the report derives its pseudonym.")]) -> None:
    """List every read of one patient's protected data: when, on which call, what was read,
    and the verification it relied on. Exit 2 if the state store cannot be read."""
    from rich.table import Table

    from verivoice.auth.audit import patient_pseudonym
    from verivoice.auth.store import StoreUnavailable
    from verivoice.config import get_settings

    pseudonym = patient_pseudonym(patient, get_settings().verify.phone_key_salt.get_secret_value())
    try:
        rows = asyncio.run(_accesses(pseudonym))
    except StoreUnavailable as exc:
        Console(stderr=True).print(f"[red]cannot read the audit trail[/]: {exc}")
        raise typer.Exit(2) from exc
    table = Table(title=f"protected-data accesses for {patient} ({pseudonym})")
    for column in ("time", "call", "tool", "fields read", "verification"):
        table.add_column(column)
    for r in rows:
        table.add_row(r.get("ts", ""), r.get("call_id", ""), r.get("tool", ""),
                      ", ".join(r.get("fields", [])), r.get("verification_sid") or "-")
    console.print(table)
    console.print(f"{len(rows)} access(es)")
