"""Alembic environment for the state store, on SQLite and PostgreSQL alike.

The store runs migrations itself (:func:`verivoice.auth.store.migrate.upgrade`) and hands
its open connection in ``config.attributes["connection"]``, already inside the transaction
that holds the migration lock. Run as plain ``alembic`` (from the repository root, with
``alembic.ini``), it connects to ``VERIVOICE_STATE__URL`` itself.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from verivoice.auth.store.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_settings() -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    from verivoice.auth.store.factory import engine_url
    from verivoice.config import get_settings

    engine = create_async_engine(engine_url(get_settings()))
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
elif (given := config.attributes.get("connection")) is not None:
    _run(given)
else:
    asyncio.run(_run_from_settings())
