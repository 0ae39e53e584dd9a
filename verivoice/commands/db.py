"""The state store's schema from the command line: ``python -m verivoice.auth.store upgrade``.

For a deployment that upgrades the schema in a step of its own (a Kubernetes init container
or Job) and runs the agent with ``VERIVOICE_STATE__AUTO_MIGRATE=false``.
"""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console

app = typer.Typer(help="The state store's schema (Alembic migrations).", no_args_is_help=True)
console = Console()


async def _current() -> tuple[str, str | None]:
    from sqlalchemy.ext.asyncio import create_async_engine

    from verivoice.auth.store import open_store
    from verivoice.auth.store.factory import engine_url
    from verivoice.auth.store.migrate import current_revision
    from verivoice.config import get_settings

    settings = get_settings()
    where = open_store(settings).describe()
    engine = create_async_engine(engine_url(settings))
    try:
        async with engine.connect() as conn:
            return where, await conn.run_sync(current_revision)
    finally:
        await engine.dispose()


@app.command("upgrade")
def upgrade() -> None:
    """Upgrade the configured store to the newest revision (safe to run from many replicas)."""
    from verivoice.auth.store import StoreConfigError, StoreUnavailable, open_store
    from verivoice.auth.store.migrate import head_revision
    from verivoice.config import get_settings

    async def run() -> str:
        store = open_store(get_settings())
        try:
            await store.migrate()
            return store.describe()
        finally:
            await store.close()

    try:
        where = asyncio.run(run())
    except (StoreUnavailable, StoreConfigError) as exc:
        console.print(f"[red]cannot upgrade the state store[/]: {exc}")
        raise typer.Exit(2) from exc
    console.print(f"{where}: at revision {head_revision()} (newest)")


@app.command("current")
def current() -> None:
    """Print the configured store's revision and the newest one; exit 1 if behind."""
    from verivoice.auth.store.migrate import head_revision

    try:
        where, revision = asyncio.run(_current())
    except Exception as exc:  # an unreachable database: name the failure, not the URL
        console.print(f"[red]cannot read the state store's revision[/] ({type(exc).__name__})")
        raise typer.Exit(2) from exc
    head = head_revision()
    console.print(f"{where}: revision {revision or 'none (empty)'}, newest {head}")
    raise typer.Exit(0 if revision == head else 1)
