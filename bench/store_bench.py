"""`verivoice bench store`: throughput of the state store, SQLite against PostgreSQL.

Concurrent clients (async tasks, in one or more processes) run the real code path for a
fixed time: ``limit`` is :meth:`VerifyLimits.try_send` (HMAC of a phone number, then the
store's locked check-and-count), ``audit`` is :meth:`AuditLog.record` (one append to the
hash chain). Each operation is timed; afterwards the store is checked: no number counted
more sends than the limit, and the audit chain is intact.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import platform
import random
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Literal

import numpy as np
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import create_async_engine

from verivoice.auth.audit import AuditLog, verify_store
from verivoice.auth.limits import VerifyLimits
from verivoice.auth.store import StoreUnavailable, store_from_url
from verivoice.auth.store.factory import parse_store_url

Operation = Literal["limit", "audit"]
SALT = "bench"


def phone(index: int) -> str:
    """The synthetic phone number of key ``index`` (a reserved 555 range)."""
    return f"+1555{index:07d}"


@dataclass
class ClientTally:
    """What one process's clients did."""

    ops: int = 0
    allowed: int = 0
    refused: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)


async def _clients(url: str, *, op: Operation, clients: int, keys: int, limit: int,
                   start_at: float, seconds: float, seed: int) -> ClientTally:
    store = store_from_url(url, pool_size=clients, timeout_s=30.0)
    limits = VerifyLimits(store, salt=SALT, max_sends_per_day=limit, max_checks=limit)
    tally = ClientTally()
    rng = random.Random(seed)

    async def client(number: int) -> None:
        log = AuditLog(store, f"bench-{seed}-{number}")
        while time.time() < start_at + seconds:
            began = time.perf_counter()
            try:
                if op == "limit":
                    allowed = await limits.try_send(phone(rng.randrange(keys)))
                else:
                    await log.record("bench", status="pending")
                    allowed = True
            except StoreUnavailable:
                tally.errors += 1
                continue
            tally.latencies_ms.append((time.perf_counter() - began) * 1000)
            tally.ops += 1
            tally.allowed += allowed
            tally.refused += not allowed

    try:
        await store.migrate()
        await asyncio.sleep(max(0.0, start_at - time.time()))
        await asyncio.gather(*(client(n) for n in range(clients)))
    finally:
        await store.close()
    return tally


def run_process(url: str, op: Operation, clients: int, keys: int, limit: int,
                start_at: float, seconds: float, seed: int) -> ClientTally:
    """One process's share of the run (a separate interpreter: a replica)."""
    return asyncio.run(_clients(url, op=op, clients=clients, keys=keys, limit=limit,
                                start_at=start_at, seconds=seconds, seed=seed))


@dataclass
class StoreBenchResult:
    """One run's figures and checks."""

    backend: str
    op: Operation
    processes: int
    clients: int
    keys: int
    limit: int
    seconds: float
    ops: int
    allowed: int
    refused: int
    errors: int
    ops_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_sends_per_number: int | None
    chain_ok: bool | None
    machine: dict[str, str]


async def _max_sends(url: str, keys: int, limit: int) -> int:
    store = store_from_url(url)
    limits = VerifyLimits(store, salt=SALT, max_sends_per_day=limit, max_checks=limit)
    try:
        return max([await limits.sends(phone(k)) for k in range(keys)], default=0)
    finally:
        await store.close()


async def _chain_ok(url: str) -> bool:
    store = store_from_url(url)
    try:
        return (await verify_store(store)).ok
    finally:
        await store.close()


async def _server_version(url: str) -> str:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return str((await conn.execute(text("SHOW server_version"))).scalar_one())
    finally:
        await engine.dispose()


def machine(url: URL) -> dict[str, str]:
    """The machine and database versions the figures come from."""
    info = {"cpu": platform.processor() or platform.machine(), "cores": str(os.cpu_count()),
            "python": platform.python_version()}
    if url.drivername.startswith("sqlite"):
        info["sqlite"] = sqlite3.sqlite_version
    else:
        info["postgresql"] = asyncio.run(_server_version(url.render_as_string(False)))
    return info


def run_bench(url: URL, *, op: Operation = "limit", processes: int = 1, clients: int = 8,
              keys: int = 1000, limit: int = 5, seconds: float = 10.0,
              seed: int = 1) -> StoreBenchResult:
    """Run ``processes`` x ``clients`` concurrent clients for ``seconds`` and check the store.

    Raises:
        StoreUnavailable: the store could not be migrated or checked.
    """
    raw = url.render_as_string(hide_password=False)
    asyncio.run(_migrate(raw))
    start_at = time.time() + (2.0 if processes > 1 else 0.2)  # spawned interpreters import
    args = (raw, op, clients, keys, limit, start_at, seconds)
    if processes == 1:
        tallies = [run_process(*args, seed)]
    else:
        with ProcessPoolExecutor(processes, mp_context=get_context("spawn")) as pool:
            tallies = list(pool.map(run_process, *zip(*[(*args, seed + p)
                                                         for p in range(processes)],
                                                       strict=True)))
    latencies = np.array([ms for t in tallies for ms in t.latencies_ms] or [0.0])
    ops = sum(t.ops for t in tallies)
    return StoreBenchResult(
        backend=url.get_backend_name(), op=op, processes=processes, clients=clients,
        keys=keys, limit=limit, seconds=seconds, ops=ops,
        allowed=sum(t.allowed for t in tallies), refused=sum(t.refused for t in tallies),
        errors=sum(t.errors for t in tallies), ops_per_s=round(ops / seconds, 1),
        p50_ms=round(float(np.percentile(latencies, 50)), 2),
        p95_ms=round(float(np.percentile(latencies, 95)), 2),
        p99_ms=round(float(np.percentile(latencies, 99)), 2),
        max_sends_per_number=asyncio.run(_max_sends(raw, keys, limit)) if op == "limit" else None,
        chain_ok=asyncio.run(_chain_ok(raw)) if op == "audit" else None,
        machine=machine(url))


async def _migrate(url: str) -> None:
    store = store_from_url(url)
    try:
        await store.migrate()
    finally:
        await store.close()


@contextlib.contextmanager
def bench_database(backend: Literal["sqlite", "postgres"], url: str | None) -> Iterator[URL]:
    """An empty store to measure: a fresh database at ``url``'s server, or a new one here.

    SQLite without ``url``: a new file in a temporary folder. PostgreSQL without ``url``: a
    throwaway server from this machine's binaries, with PostgreSQL's durable defaults.
    With ``url``, a new database is created beside the one named (its user needs CREATEDB)
    and dropped afterwards; SQLite URLs are used as they are.
    """
    from verivoice.bench.local_postgres import (
        LocalPostgres,
        create_database,
        drop_database,
    )

    if backend == "sqlite":
        if url:
            yield parse_store_url(url)
            return
        with tempfile.TemporaryDirectory(prefix="verivoice-bench-") as folder:
            yield parse_store_url(f"sqlite:///{Path(folder) / 'state.db'}")
        return
    name = f"verivoice_bench_{uuid.uuid4().hex[:8]}"
    server = None if url else LocalPostgres(durable=True).start()
    admin = parse_store_url(url) if url else server.url  # type: ignore[union-attr]
    try:
        database = asyncio.run(create_database(admin, name))
        try:
            yield database
        finally:
            asyncio.run(drop_database(admin, name))
    finally:
        if server is not None:
            server.stop()


def markdown_row(result: StoreBenchResult) -> str:
    """One row of the README's table."""
    check = (f"max {result.max_sends_per_number}/{result.limit} sends per number"
             if result.op == "limit" else f"chain {'intact' if result.chain_ok else 'BROKEN'}")
    return (f"| {result.backend} | {result.op} | {result.processes} x {result.clients} | "
            f"{result.keys} | {result.ops_per_s:.0f} | {result.p50_ms:.1f} | "
            f"{result.p95_ms:.1f} | {result.p99_ms:.1f} | {result.errors} | {check} |")


HEADER = ("| backend | operation | processes x clients | numbers | ops/s | p50 ms | p95 ms | "
          "p99 ms | errors | check |\n| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | "
          "---: | --- |")


def write_result(out: Path, result: StoreBenchResult) -> Path:
    """Write the run's JSON beside earlier runs; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / (f"store-{result.backend}-{result.op}-{result.processes}x{result.clients}"
                  f"-k{result.keys}.json")
    path.write_text(json.dumps(asdict(result), indent=2) + "\n")
    return path


def passed(result: StoreBenchResult) -> bool:
    """No errors, no limit exceeded, the chain intact."""
    over = result.max_sends_per_number is not None and result.max_sends_per_number > result.limit
    return result.errors == 0 and not over and result.chain_ok is not False
