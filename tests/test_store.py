"""The state store on SQLite and on a real PostgreSQL server: the same suite on both.

Limits are checked under parallel clients (several engines at once, and several processes),
the audit chain under concurrent writers, and every failure to reach the database must
surface as StoreUnavailable with nothing secret in it.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from verivoice.auth.audit import AuditLog, verify_store
from verivoice.auth.store import (
    StateStore,
    StoreConfigError,
    StoreUnavailable,
    VerificationRecord,
    store_from_url,
)
from verivoice.auth.store.factory import parse_store_url
from verivoice.auth.store.migrate import head_revision
from verivoice.auth.store.schema import metadata
from verivoice.bench.local_postgres import free_port

pytest_plugins = ["tests.store_backends"]  # store, store_url, bulk_store_url, postgres_url
NOW = 1_800_000_000.0


async def _raw(url: URL, *statements: str) -> list:
    """Run SQL behind the store's back (the way an intruder with database access would)."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            results = [await conn.execute(text(s)) for s in statements]
            return [r.all() if r.returns_rows else None for r in results]
    finally:
        await engine.dispose()


# -- rate limits ------------------------------------------------------------------------------

async def test_a_counter_holds_its_limit_over_a_sliding_window(store: StateStore) -> None:
    assert [await store.consume("send", "k1", limit=3, window_s=100, now=NOW + i)
            for i in range(4)] == [True, True, True, False]
    assert await store.used("send", "k1", window_s=100, now=NOW + 3) == 3
    assert await store.consume("send", "k2", limit=3, window_s=100, now=NOW)  # its own budget
    assert await store.consume("check", "k1", limit=1, window_s=100, now=NOW)  # its own scope
    assert not await store.consume("send", "k1", limit=3, window_s=100, now=NOW + 99)
    assert await store.consume("send", "k1", limit=3, window_s=100, now=NOW + 100.5)  # slid
    assert await store.used("send", "k1", window_s=100, now=NOW + 100.5) == 3


async def test_parallel_clients_never_let_a_sixth_send_through(bulk_store_url: URL) -> None:
    """20 send attempts for one number at the same moment, from 4 separate engines."""
    clients = [store_from_url(bulk_store_url) for _ in range(4)]
    try:
        await asyncio.gather(*(c.migrate() for c in clients))  # replicas starting together
        attempts = [clients[i % 4].consume("send", "phone", limit=5, window_s=86400, now=NOW)
                    for i in range(20)]
        allowed = await asyncio.gather(*attempts)
        assert sum(allowed) == 5
        assert await clients[0].used("send", "phone", window_s=86400, now=NOW) == 5
    finally:
        await asyncio.gather(*(c.close() for c in clients))


def _attempt_sends(url: str, attempts: int, limit: int) -> int:
    """One replica process: fire ``attempts`` sends for one number at once; count allowed."""

    async def run() -> int:
        client = store_from_url(url)
        try:
            results = await asyncio.gather(*(
                client.consume("send", "shared-phone", limit=limit, window_s=86400, now=NOW)
                for _ in range(attempts)))
        finally:
            await client.close()
        return sum(results)

    return asyncio.run(run())


async def test_parallel_processes_never_let_a_sixth_send_through(bulk_store_url: URL) -> None:
    """Four processes (four replicas, creating the schema together) each try five sends
    for the same number at once."""
    url = bulk_store_url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(4, mp_context=context) as pool:
        futures = [asyncio.wrap_future(pool.submit(_attempt_sends, url, 5, 5)) for _ in range(4)]
        allowed = await asyncio.gather(*futures)
    assert sum(allowed) == 5, allowed


# -- the audit chain ----------------------------------------------------------------------------

async def test_concurrent_writers_keep_one_linear_chain(bulk_store_url: URL) -> None:
    """200 records appended at once by 4 writers (separate engines) for 20 calls."""
    writers = [store_from_url(bulk_store_url) for _ in range(4)]
    try:
        await asyncio.gather(*(w.migrate() for w in writers))
        logs = [AuditLog(writers[i % 4], f"call-{i}") for i in range(20)]
        records = await asyncio.gather(*(logs[i % 20].record("step", attempts=i)
                                         for i in range(200)))
        assert sorted(r["seq"] for r in records) == list(range(1, 201))
        report = await verify_store(writers[0])
        assert report.ok and report.records == 200, report
        assert await writers[1].audit_head() == (200, max(records, key=lambda r: r["seq"])["hash"])
        assert {r["call_id"] for r in records} == {f"call-{i}" for i in range(20)}
    finally:
        await asyncio.gather(*(w.close() for w in writers))


async def test_one_calls_records_can_be_read_back_in_order(store: StateStore) -> None:
    first, other = AuditLog(store, "call-a"), AuditLog(store, "call-b")
    await first.record("one")
    await other.record("elsewhere")
    await first.record("two")
    lines = await store.audit_lines(call_id="call-a")
    assert [seq for seq, _line in lines] == [1, 3]
    assert ['"one"' in lines[0][1], '"two"' in lines[1][1]] == [True, True]


async def test_the_database_refuses_to_change_audit_records(store: StateStore,
                                                           store_url: URL) -> None:
    await AuditLog(store, "call-1").record("step", status="pending")
    for statement in ("UPDATE audit_records SET step = 'edited'", "DELETE FROM audit_records"):
        with pytest.raises(DBAPIError, match="append-only"):
            await _raw(store_url, statement)
    assert (await verify_store(store)).ok


def _drop_triggers(url: URL) -> list[str]:
    if url.drivername.startswith("sqlite"):
        return ["DROP TRIGGER audit_records_no_update", "DROP TRIGGER audit_records_no_delete"]
    return ["DROP TRIGGER audit_records_no_change ON audit_records"]


CHECKPOINT_KEY = "checkpoint-key-for-tests-0123456789"


@pytest.mark.parametrize("tamper", ["edit", "delete", "truncate the tail", "empty",
                                    "reseal the tail"])
async def test_tampering_behind_the_stores_back_is_found(store: StateStore, store_url: URL,
                                                         tamper: str) -> None:
    """An intruder who can write the tables (and drop the triggers): edits and gaps break
    the chain; a tail cut, emptied or cut and resealed is found against a checkpoint of the
    head taken before, signed with a key the database never holds."""
    from verivoice.auth.checkpoints import make_checkpoint

    log = AuditLog(store, "call-1")
    for status in ("pending", "approved", "pending"):
        await log.record("code_check", status=status)
    checkpoint = make_checkpoint(CHECKPOINT_KEY, *await store.audit_head())
    statement = {
        "edit": "UPDATE audit_records SET body = replace(body, 'approved', 'pending') "
                "WHERE seq = 2",
        "delete": "DELETE FROM audit_records WHERE seq = 2",
        "truncate the tail": "DELETE FROM audit_records WHERE seq = 3",
        "empty": "DELETE FROM audit_records",
        "reseal the tail": "DELETE FROM audit_records WHERE seq = 3",
    }[tamper]
    await _raw(store_url, *_drop_triggers(store_url), statement)
    if tamper == "reseal the tail":  # a new, well-sealed record 3 in place of the old one
        await log.record("code_check", status="approved")
    assert (await verify_store(store)).ok is (tamper in ("truncate the tail", "empty",
                                                         "reseal the tail"))
    report = await verify_store(store, checkpoints=[checkpoint])
    assert not report.ok
    assert (report.bad_seq, report.records) == {
        "edit": (2, 1), "delete": (3, 1), "truncate the tail": (3, 2), "empty": (3, 0),
        "reseal the tail": (3, 3)}[tamper], report
    if tamper == "delete":
        assert "2 was due" in report.why
    if tamper == "reseal the tail":
        assert "rewritten" in report.why


# -- verification state -------------------------------------------------------------------------

async def test_verification_state_is_saved_and_replaced(store: StateStore) -> None:
    assert await store.load_verification("call-1") is None
    await store.save_verification(VerificationRecord("call-1", "code_sent", "VE1", 0, 1, NOW))
    await store.save_verification(VerificationRecord("call-1", "verified", "VE1", 1, 1, NOW + 5))
    await store.save_verification(VerificationRecord("call-2", "locked", None, 0, 3, NOW))
    assert await store.load_verification("call-1") == VerificationRecord(
        "call-1", "verified", "VE1", 1, 1, NOW + 5)
    assert (await store.load_verification("call-2")).state == "locked"


# -- migrations ---------------------------------------------------------------------------------

async def test_migrations_build_exactly_the_schema_the_queries_use(store: StateStore,
                                                                   store_url: URL) -> None:
    await store.migrate()
    await store.migrate()  # a second upgrade is a no-op
    engine = create_async_engine(store_url)
    try:
        async with engine.connect() as conn:
            revision = await conn.run_sync(
                lambda c: MigrationContext.configure(c).get_current_revision())
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), metadata))
    finally:
        await engine.dispose()
    assert revision == head_revision()
    assert diff == []


# -- failures -----------------------------------------------------------------------------------

async def test_an_unreachable_postgres_fails_fast_with_nothing_secret() -> None:
    url = f"postgresql://verivoice:s3cret-pw@127.0.0.1:{free_port()}/state"
    unreachable = store_from_url(url, timeout_s=2.0)
    started = time.monotonic()
    try:
        with pytest.raises(StoreUnavailable) as caught:
            await unreachable.consume("send", "k", limit=5, window_s=60, now=NOW)
        with pytest.raises(StoreUnavailable):
            await AuditLog(unreachable, "call-1").record("step")
        with pytest.raises(StoreUnavailable):
            await unreachable.ping()
    finally:
        await unreachable.close()
    assert time.monotonic() - started < 10
    assert "s3cret-pw" not in str(caught.value) and "verivoice:" not in str(caught.value)
    assert "s3cret-pw" not in unreachable.describe()


async def test_a_sqlite_file_that_cannot_be_created_fails_closed(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    broken = store_from_url(f"sqlite:///{tmp_path / 'a-file' / 'state.db'}")
    try:
        with pytest.raises(StoreUnavailable):
            await broken.consume("send", "k", limit=5, window_s=60, now=NOW)
    finally:
        await broken.close()


async def test_a_postgres_server_that_goes_away_fails_closed(postgres_url: URL) -> None:
    """Connected first, then every connection is killed: the next operations fail closed,
    and the store recovers once the server takes connections again."""
    live = store_from_url(postgres_url, timeout_s=2.0)
    try:
        assert await live.consume("send", "k", limit=5, window_s=60, now=NOW)
        name = postgres_url.database
        await _raw(postgres_url.set(database="postgres"),
                   f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false",
                   f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   f"WHERE datname = '{name}'")
        with pytest.raises(StoreUnavailable):
            await live.consume("send", "k", limit=5, window_s=60, now=NOW)
        await _raw(postgres_url.set(database="postgres"),
                   f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true")
        assert await live.consume("send", "k", limit=5, window_s=60, now=NOW)
        assert await live.used("send", "k", window_s=60, now=NOW) == 2
    finally:
        await live.close()


@pytest.mark.parametrize(("raw", "driver"), [
    ("sqlite:///state.db", "sqlite+aiosqlite"),
    ("sqlite:////var/lib/verivoice/state.db", "sqlite+aiosqlite"),
    ("postgresql://u:p@db:5432/verivoice", "postgresql+asyncpg"),
    ("postgres://u:p@db/verivoice", "postgresql+asyncpg"),
    ("postgresql+psycopg://u:p@db/verivoice", "postgresql+asyncpg"),
])
def test_store_urls_pick_the_async_driver(raw: str, driver: str) -> None:
    assert parse_store_url(raw).drivername == driver


@pytest.mark.parametrize("raw", ["mysql://u:hunter2@db/x", "sqlite://", "not a url hunter2"])
def test_unusable_store_urls_are_refused_without_echoing_them(raw: str) -> None:
    with pytest.raises(StoreConfigError) as caught:
        parse_store_url(raw)
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("mode", ["disable", "require", "verify-full"])
def test_sslmode_reaches_the_driver(mode: str) -> None:
    url = parse_store_url(f"postgresql://u:p@db:5432/verivoice?sslmode={mode}")
    assert url.query == {"ssl": mode}


def test_an_unknown_sslmode_is_refused_without_echoing_the_url() -> None:
    with pytest.raises(StoreConfigError, match="sslmode must be one of") as caught:
        parse_store_url("postgresql://u:hunter2@db/x?sslmode=maybe")
    assert "hunter2" not in str(caught.value)


async def test_verify_full_refuses_a_server_without_tls(postgres_url: URL) -> None:
    """The test server speaks no TLS: with verify-full nothing connects (fail closed); with
    sslmode=disable the same server answers. So the mode is honoured, not dropped."""
    plain = postgres_url.render_as_string(hide_password=False)
    sep = "&" if "?" in plain else "?"
    strict = store_from_url(f"{plain}{sep}sslmode=verify-full", timeout_s=5.0)
    try:
        with pytest.raises(StoreUnavailable):
            await strict.ping()
    finally:
        await strict.close()
    relaxed = store_from_url(f"{plain}{sep}sslmode=disable", timeout_s=5.0)
    try:
        await relaxed.ping()
    finally:
        await relaxed.close()


def test_the_schema_command_upgrades_and_reports(store_url: URL) -> None:
    """`python -m verivoice.auth.store`, as the Kubernetes init container runs it."""
    env = {**os.environ, "COLUMNS": "200",
           "VERIVOICE_STATE__URL": store_url.render_as_string(hide_password=False)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "verivoice.auth.store", *args],
                              capture_output=True, text=True, env=env, timeout=120)

    before = run("current")
    assert before.returncode == 1 and "revision none" in before.stdout
    upgraded = run("upgrade")
    assert upgraded.returncode == 0 and f"at revision {head_revision()}" in upgraded.stdout
    after = run("current")
    assert after.returncode == 0 and f"revision {head_revision()}, newest" in after.stdout


# -- two database roles -------------------------------------------------------------------------

async def test_the_agents_role_can_append_but_never_rewrite_the_trail(
        postgres_url: URL, postgres_server: URL) -> None:
    """Migrations run as the owner and grant the agent's role exactly what an agent does: it
    reads and appends, and cannot edit, delete, truncate, alter or drop the audit records,
    nor switch their triggers off."""
    import uuid

    from verivoice.auth.audit import AuditLog

    role = f"verivoice_agent_{uuid.uuid4().hex[:8]}"
    await _raw(postgres_server, f'CREATE ROLE "{role}" LOGIN')
    owner = store_from_url(postgres_url, agent_role=role)
    agent_url = postgres_url.set(username=role, password=None)
    agent = store_from_url(agent_url, auto_migrate=False)
    try:
        await owner.migrate()
        await owner.migrate()  # the grants are applied again, harmlessly
        await AuditLog(agent, "call-1").record("code_check", status="approved")
        assert await agent.consume("send", "k", limit=5, window_s=60, now=NOW)
        await agent.save_verification(VerificationRecord("call-1", "verified", "VE1", 1, 0, NOW))
        await agent.save_verification(VerificationRecord("call-1", "locked", "VE1", 1, 3, NOW))
        assert (await agent.load_verification("call-1")).state == "locked"
        for statement in (
                "UPDATE audit_records SET step = 'edited'", "DELETE FROM audit_records",
                "TRUNCATE audit_records", "DROP TABLE audit_records",
                "DROP TRIGGER audit_records_no_change ON audit_records",
                "ALTER TABLE audit_records DISABLE TRIGGER ALL"):
            with pytest.raises(DBAPIError, match=r"permission denied|must be owner"):
                await _raw(agent_url, statement)
        assert (await verify_store(owner)).ok
    finally:
        await agent.close()
        await owner.close()
        await _raw(postgres_url, f'DROP OWNED BY "{role}"')
        await _raw(postgres_server, f'DROP ROLE "{role}"')


async def test_a_missing_agent_role_stops_the_migration(postgres_url: URL) -> None:
    owner = store_from_url(postgres_url, agent_role="no_such_role_here")
    try:
        with pytest.raises(StoreConfigError, match="does not exist"):
            await owner.migrate()
    finally:
        await owner.close()


def test_an_agent_role_that_is_not_a_plain_name_is_refused(postgres_url: URL) -> None:
    with pytest.raises(StoreConfigError, match="plain role name"):
        store_from_url(postgres_url, agent_role='x"; DROP TABLE audit_records; --')
