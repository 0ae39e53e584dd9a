"""The state store's queries, shared by both backends (SQLAlchemy Core, async).

A backend supplies the engine and the locks: :meth:`SqlStateStore._lock_subject` (taken
before a rate-limit counter is read and bumped), :meth:`SqlStateStore._lock_audit` (taken
before the chain's last record is read and the next one appended: PostgreSQL's advisory
lock; SQLite's write transactions already exclude each other),
:meth:`SqlStateStore._lock_migrations`, and the dialect's ``INSERT ... ON CONFLICT``.

The chain's head is its last record: appending needs only ``SELECT`` and ``INSERT`` on the
audit table, so the agent's database role can be given nothing more.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from verivoice.auth.store.base import StateStore, StoreUnavailable, VerificationRecord
from verivoice.auth.store.chain import GENESIS, seal, to_line
from verivoice.auth.store.migrate import upgrade
from verivoice.auth.store.schema import audit_records, rate_events, verifications

#: How often one process sweeps every key's expired rate-limit events (each use prunes its own).
SWEEP_EVERY_S = 3600.0
_UNAVAILABLE = (SQLAlchemyError, OSError, TimeoutError)


class SqlStateStore(StateStore):
    """:class:`StateStore` over an async SQLAlchemy engine.

    Args:
        engine: The backend's engine (it owns the pool).
        timeout_s: Longest time one operation may take, lock waits included.
        auto_migrate: Upgrade the schema before the first operation.
    """

    #: The dialect's ``insert`` with ``on_conflict_do_update`` (set by each backend).
    upsert: Callable[..., Any]
    #: The driver's own exceptions that can escape SQLAlchemy's wrapping (at connect time).
    driver_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, engine: AsyncEngine, *, timeout_s: float, auto_migrate: bool) -> None:
        self._engine = engine
        self._timeout_s = timeout_s
        self._auto_migrate = auto_migrate
        self._migrated = False
        self._migrating: asyncio.Lock | None = None
        self._last_sweep: dict[str, float] = {}

    # -- what a backend provides -----------------------------------------------------------

    async def _lock_subject(self, conn: AsyncConnection, scope: str, subject: str) -> None:
        """Hold a lock on one counter until the transaction ends (default: none needed)."""

    async def _lock_migrations(self, conn: AsyncConnection) -> None:
        """Hold a lock that makes concurrent migrations wait (default: none needed)."""

    async def _lock_audit(self, conn: AsyncConnection) -> None:
        """Hold the chain's append lock until the transaction ends (default: none needed)."""

    async def _after_migration(self, conn: AsyncConnection) -> None:
        """Anything to do once the schema is current, every time (default: nothing)."""

    async def _prepare(self) -> None:
        """Anything to do before the first connection (default: nothing)."""

    def _in_process_turn(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Wait for this process's turn to open a transaction (default: no waiting)."""
        return contextlib.nullcontext()

    # -- plumbing ----------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _guard(self, what: str) -> AsyncIterator[None]:
        """Bound an operation in time; turn every database failure into StoreUnavailable."""
        try:
            async with asyncio.timeout(self._timeout_s):
                yield
        except StoreUnavailable:
            raise
        except (*_UNAVAILABLE, *self.driver_errors) as exc:
            raise StoreUnavailable(f"state store: {what} failed ({type(exc).__name__})") from exc

    @contextlib.asynccontextmanager
    async def _transaction(self, what: str) -> AsyncIterator[AsyncConnection]:
        """One transaction, committed when the block ends, rolled back if it raises."""
        await self._ready()
        async with self._guard(what), self._in_process_turn(), self._engine.begin() as conn:
            yield conn

    async def _ready(self) -> None:
        if self._migrated or not self._auto_migrate:
            return
        if self._migrating is None:
            self._migrating = asyncio.Lock()
        async with self._migrating:
            if not self._migrated:
                await self.migrate()

    async def migrate(self) -> None:
        async with self._guard("migration"):
            await self._prepare()
            async with self._in_process_turn(), self._engine.begin() as conn:
                await self._lock_migrations(conn)
                await conn.run_sync(upgrade)
                await self._after_migration(conn)
        self._migrated = True

    async def ping(self) -> None:
        async with self._guard("ping"), self._in_process_turn(), self._engine.connect() as conn:
            await conn.execute(select(1))

    # -- rate limits -------------------------------------------------------------------------

    async def consume(self, scope: str, key: str, *, limit: int, window_s: float,
                      now: float) -> bool:
        async with self._transaction("rate limit") as conn:
            await self._lock_subject(conn, scope, key)
            mine = (rate_events.c.scope == scope) & (rate_events.c.subject == key)
            await conn.execute(delete(rate_events).where(mine, rate_events.c.at <= now - window_s))
            used = (await conn.execute(select(func.count()).select_from(rate_events)
                                       .where(mine))).scalar_one()
            allowed = used < limit
            if allowed:
                await conn.execute(insert(rate_events).values(scope=scope, subject=key, at=now))
        await self._sweep(scope, window_s, now)
        return allowed

    async def _sweep(self, scope: str, window_s: float, now: float) -> None:
        """Now and then, drop expired events of keys that are not used any more."""
        if time.monotonic() - self._last_sweep.get(scope, -SWEEP_EVERY_S) < SWEEP_EVERY_S:
            return
        self._last_sweep[scope] = time.monotonic()
        async with self._transaction("rate limit sweep") as conn:
            await conn.execute(delete(rate_events).where(rate_events.c.scope == scope,
                                                         rate_events.c.at <= now - window_s))

    async def used(self, scope: str, key: str, *, window_s: float, now: float) -> int:
        async with self._transaction("rate limit read") as conn:
            return (await conn.execute(
                select(func.count()).select_from(rate_events).where(
                    rate_events.c.scope == scope, rate_events.c.subject == key,
                    rate_events.c.at > now - window_s))).scalar_one()

    # -- verification state ------------------------------------------------------------------

    async def save_verification(self, record: VerificationRecord) -> None:
        values = {"call_id": record.call_id, "state": record.state,
                  "verification_sid": record.verification_sid, "checks": record.checks,
                  "failures": record.failures, "updated_at": record.updated_at or time.time()}
        statement = self.upsert(verifications).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=[verifications.c.call_id],
            set_={k: statement.excluded[k] for k in values if k != "call_id"})
        async with self._transaction("verification save") as conn:
            await conn.execute(statement)

    async def load_verification(self, call_id: str) -> VerificationRecord | None:
        async with self._transaction("verification load") as conn:
            row = (await conn.execute(select(verifications).where(
                verifications.c.call_id == call_id))).mappings().first()
        return VerificationRecord(**row) if row is not None else None

    # -- the audit chain ---------------------------------------------------------------------

    async def append_audit(self, body: dict[str, Any]) -> dict[str, Any]:
        async with self._transaction("audit append") as conn:
            await self._lock_audit(conn)
            last_seq, last_hash = await self._last_record(conn)
            seq = last_seq + 1
            record = seal({**body, "seq": seq, "prev": last_hash})
            await conn.execute(insert(audit_records).values(
                seq=seq, call_id=body["call_id"], step=body["step"], ts=body["ts"],
                prev=last_hash, hash=record["hash"], body=to_line(record)))
        return record

    @staticmethod
    async def _last_record(conn: AsyncConnection) -> tuple[int, str]:
        row = (await conn.execute(select(audit_records.c.seq, audit_records.c.hash)
                                  .order_by(audit_records.c.seq.desc()).limit(1))).first()
        return (int(row.seq), str(row.hash)) if row is not None else (0, GENESIS)

    async def audit_lines(self, *, after_seq: int = 0, limit: int = 1000,
                          call_id: str | None = None) -> list[tuple[int, str]]:
        query = (select(audit_records.c.seq, audit_records.c.body)
                 .where(audit_records.c.seq > after_seq)
                 .order_by(audit_records.c.seq).limit(limit))
        if call_id is not None:
            query = query.where(audit_records.c.call_id == call_id)
        async with self._transaction("audit read") as conn:
            rows = (await conn.execute(query)).all()
        return [(int(row.seq), str(row.body)) for row in rows]

    async def audit_head(self) -> tuple[int, str]:
        async with self._transaction("audit head read") as conn:
            return await self._last_record(conn)

    async def close(self) -> None:
        await self._engine.dispose()
