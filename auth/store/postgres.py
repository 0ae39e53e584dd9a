"""The shared state store: PostgreSQL through SQLAlchemy 2 (async) and asyncpg.

Every replica of the agent connects to the same database. Counters are checked and bumped
in one transaction that first takes a transaction-scoped advisory lock on the counter's key
(``pg_advisory_xact_lock(hashtextextended(scope:key))``), so two replicas asking for the
same phone number at the same moment are served one after the other and the limit holds;
different numbers do not wait for each other. The audit chain's head row is read
``FOR UPDATE``, so appends from every replica form one linear chain. Migrations take an
advisory lock of their own, so replicas starting together upgrade the schema once.
"""

from __future__ import annotations

import asyncpg
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from verivoice.auth.store.sql import SqlStateStore

#: The advisory lock key that serialises migrations ("verivoic" as a 64-bit integer).
MIGRATION_LOCK = int.from_bytes(b"verivoic", "big") >> 1


class PostgresStateStore(SqlStateStore):
    """The state store in PostgreSQL.

    Args:
        url: ``postgresql+asyncpg://user:password@host:port/database`` (a secret: never
            logged; :meth:`describe` names it without the password).
        timeout_s: Connect, statement and whole-operation limit, lock waits included.
        pool_size: Connections kept open by this process.
        auto_migrate: Upgrade the schema before the first operation.
    """

    backend = "postgresql"
    upsert = staticmethod(pg_insert)
    driver_errors = (asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.InternalClientError)

    def __init__(self, url: str, *, timeout_s: float = 5.0, pool_size: int = 5,
                 auto_migrate: bool = True) -> None:
        self._url = make_url(url)
        engine = create_async_engine(
            self._url, pool_size=pool_size, max_overflow=pool_size, pool_timeout=timeout_s,
            pool_pre_ping=True,
            connect_args={"timeout": timeout_s, "command_timeout": timeout_s,
                          "server_settings": {"application_name": "verivoice"}})
        super().__init__(engine, timeout_s=timeout_s, auto_migrate=auto_migrate)

    async def _lock_subject(self, conn: AsyncConnection, scope: str, subject: str) -> None:
        await conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                           {"key": f"{scope}:{subject}"})

    async def _lock_migrations(self, conn: AsyncConnection) -> None:
        await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})

    def describe(self) -> str:
        return f"postgresql at {self._url.host}:{self._url.port or 5432}/{self._url.database}"
