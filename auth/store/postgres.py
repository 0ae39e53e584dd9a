"""The shared state store: PostgreSQL through SQLAlchemy 2 (async) and asyncpg.

Every replica of the agent connects to the same database. Counters are checked and bumped
in one transaction that first takes a transaction-scoped advisory lock on the counter's key
(``pg_advisory_xact_lock(hashtextextended(scope:key))``), so two replicas asking for the
same phone number at the same moment are served one after the other and the limit holds;
different numbers do not wait for each other. Appends to the audit chain take an advisory
lock of their own before they read the last record, so appends from every replica form one
linear chain. Migrations take another, so replicas starting together upgrade the schema
once.

Two roles (``agent_role``): the role that migrates owns the tables; the agent's role is
granted, after every migration, exactly what the agent does: ``SELECT`` and ``INSERT`` on the
audit records (no ``UPDATE``, ``DELETE`` or ``TRUNCATE``, and, not being the owner, it
cannot alter or drop the table or its triggers), and what the counters and the verification
state need.
"""

from __future__ import annotations

import re

import asyncpg
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from verivoice.auth.store.factory import StoreConfigError
from verivoice.auth.store.sql import SqlStateStore

#: The advisory lock key that serialises migrations ("verivoic" as a 64-bit integer).
MIGRATION_LOCK = int.from_bytes(b"verivoic", "big") >> 1
#: The advisory lock key that serialises appends to the audit chain ("auditlog").
AUDIT_LOCK = int.from_bytes(b"auditlog", "big") >> 1
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
#: What the agent's role may do, table by table (the audit records: read and append only).
AGENT_GRANTS = {"audit_records": "SELECT, INSERT", "rate_events": "SELECT, INSERT, DELETE",
                "verifications": "SELECT, INSERT, UPDATE", "alembic_version": "SELECT"}


class PostgresStateStore(SqlStateStore):
    """The state store in PostgreSQL.

    Args:
        url: ``postgresql+asyncpg://user:password@host:port/database`` (a secret: never
            logged; :meth:`describe` names it without the password).
        timeout_s: Connect, statement and whole-operation limit, lock waits included.
        pool_size: Connections kept open by this process.
        auto_migrate: Upgrade the schema before the first operation.
        agent_role: The role the agents connect as, granted exactly what they need after
            each migration (``None``: the connecting role owns everything, one machine).
    """

    backend = "postgresql"
    upsert = staticmethod(pg_insert)
    driver_errors = (asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.InternalClientError)

    def __init__(self, url: str, *, timeout_s: float = 5.0, pool_size: int = 5,
                 auto_migrate: bool = True, agent_role: str | None = None) -> None:
        if agent_role is not None and not ROLE_NAME.fullmatch(agent_role):
            raise StoreConfigError("VERIVOICE_STATE__AGENT_ROLE is not a plain role name")
        self._agent_role = agent_role
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

    async def _lock_audit(self, conn: AsyncConnection) -> None:
        await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK})

    async def _after_migration(self, conn: AsyncConnection) -> None:
        """Grant the agent's role what it needs, and nothing else (every time: idempotent)."""
        role = self._agent_role
        if role is None:
            return
        exists = (await conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                     {"r": role})).first()
        if exists is None:
            raise StoreConfigError(f"the agent's role {role} does not exist: create it "
                                   "(LOGIN, no other rights) before migrating")
        schema = (await conn.execute(text("SELECT current_schema()"))).scalar_one()
        await conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        for table, rights in AGENT_GRANTS.items():
            await conn.execute(text(f'REVOKE ALL ON "{table}" FROM "{role}"'))
            await conn.execute(text(f'GRANT {rights} ON "{table}" TO "{role}"'))
        sequence = (await conn.execute(
            text("SELECT pg_get_serial_sequence('rate_events', 'id')"))).scalar_one()
        if sequence:
            await conn.execute(text(f'GRANT USAGE ON SEQUENCE {sequence} TO "{role}"'))

    def describe(self) -> str:
        return f"postgresql at {self._url.host}:{self._url.port or 5432}/{self._url.database}"
