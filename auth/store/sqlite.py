"""The embedded state store: one SQLite file, for one machine (the default, zero setup).

Every transaction starts with ``BEGIN IMMEDIATE``, which takes SQLite's write lock at once,
so the check and the increment of a counter, and the read and the advance of the chain's
head, cannot interleave with another writer, in this process or another one on the same
machine. WAL journaling lets readers go on meanwhile; ``synchronous=FULL`` makes each
commit durable before it returns (the audit trail must survive a power cut).
Within one process, transactions also take turns on an asyncio lock: SQLite would make
them wait by sleeping and polling its lock, which costs far more than queueing.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from verivoice.auth.store.sql import SqlStateStore


def _switch_to_wal(path: Path, timeout_s: float) -> None:
    """Put the database file in WAL mode (once; it stays so), waiting for other switchers.

    Only the first switch of a new file contends, and then SQLite answers "database is
    locked" without waiting, or quietly keeps the old mode. Blocking: run it in a thread.
    """
    deadline = time.monotonic() + timeout_s
    connection = sqlite3.connect(path, timeout=timeout_s, isolation_level=None)
    try:
        while True:
            try:
                if connection.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                    return
            except sqlite3.OperationalError:
                pass
            if time.monotonic() > deadline:
                raise sqlite3.OperationalError("could not switch the database to WAL mode")
            time.sleep(0.01)
    finally:
        connection.close()


class SqliteStateStore(SqlStateStore):
    """The state store in a SQLite file.

    Args:
        path: The database file (its folder is created).
        timeout_s: Longest time one operation may take, waits for the write lock included.
        auto_migrate: Upgrade the schema before the first operation.
    """

    backend = "sqlite"
    upsert = staticmethod(sqlite_insert)
    driver_errors = (sqlite3.Error,)

    def __init__(self, path: Path | str, *, timeout_s: float = 5.0,
                 auto_migrate: bool = True) -> None:
        self.path = Path(path)
        engine = create_async_engine(f"sqlite+aiosqlite:///{self.path}")
        busy_ms = int(timeout_s * 1000)

        @event.listens_for(engine.sync_engine, "connect")
        def _configure(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
            # A connection left in rollback-journal mode would not exclude WAL writers:
            # the file was switched before (_prepare); refuse to go on if it is not.
            cursor.execute("PRAGMA journal_mode=WAL")
            if cursor.fetchone()[0] != "wal":
                raise sqlite3.OperationalError("the state database is not in WAL mode")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        @event.listens_for(engine.sync_engine, "begin")
        def _begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        super().__init__(engine, timeout_s=timeout_s, auto_migrate=auto_migrate)
        self._turn: asyncio.Lock | None = None

    def _in_process_turn(self) -> contextlib.AbstractAsyncContextManager[None]:
        if self._turn is None:
            self._turn = asyncio.Lock()
        return self._turn

    async def _lock_migrations(self, conn: AsyncConnection) -> None:
        # The write lock is held already (BEGIN IMMEDIATE). Read the schema through a query,
        # which checks SQLite's schema cookie: Alembic inspects tables with PRAGMAs, which
        # would trust this connection's cached schema even if another process has just
        # migrated the database.
        await conn.exec_driver_sql("SELECT count(*) FROM sqlite_master")

    async def _prepare(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(_switch_to_wal, self.path, self._timeout_s)

    def describe(self) -> str:
        return f"sqlite at {self.path}"
