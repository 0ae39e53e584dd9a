"""Fixtures: the state store on both backends, against a real PostgreSQL server.

PostgreSQL comes from ``VERIVOICE_TEST_POSTGRES_URL`` (``.ci/run`` starts a server and sets
it; its user must be allowed to create databases), or else a throwaway server is started
from the machine's binaries for the session. Each test gets a database of its own. Without
any PostgreSQL binaries the PostgreSQL cases are skipped, except under CI, where they fail.

A test module that uses them names this module: ``pytest_plugins = ["tests.store_backends"]``.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from verivoice.auth.store import StateStore, store_from_url
from verivoice.auth.store.factory import parse_store_url
from verivoice.bench.local_postgres import (
    LocalPostgres,
    create_database,
    drop_database,
    find_bindir,
)

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[URL]:
    """A PostgreSQL server for the session: its admin URL."""
    given = os.environ.get("VERIVOICE_TEST_POSTGRES_URL")
    if given:
        yield parse_store_url(given)
        return
    bindir = find_bindir()
    if bindir is None:
        message = ("no PostgreSQL server binaries: install Debian's postgresql package or set "
                   "VERIVOICE_TEST_POSTGRES_URL")
        if os.environ.get("CI"):
            pytest.fail(f"CI must test the PostgreSQL store: {message}")
        pytest.skip(message)
    with LocalPostgres(bindir) as server:
        yield server.url


@pytest.fixture
def postgres_url(postgres_server: URL) -> Iterator[URL]:
    """A fresh, empty database on the session's server, dropped after the test."""
    name = f"verivoice_test_{uuid.uuid4().hex[:12]}"
    url = asyncio.run(create_database(postgres_server, name))
    try:
        yield url
    finally:
        asyncio.run(drop_database(postgres_server, name))


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> URL:
    """The URL of an empty store, once per backend."""
    if request.param == "sqlite":
        return parse_store_url(f"sqlite:///{tmp_path / 'state.db'}")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(params=BACKENDS)
def bulk_store_url(request: pytest.FixtureRequest) -> Iterator[URL]:
    """Like ``store_url``, for tests that write thousands of hashes and never a code or PHI:
    the SQLite file lives outside pytest's folder, whose files the session's canary scan
    searches, since that many hex digits would give it chance matches of 6-digit codes."""
    if request.param == "postgres":
        yield request.getfixturevalue("postgres_url")
        return
    with tempfile.TemporaryDirectory(prefix="verivoice-store-test-") as folder:
        yield parse_store_url(f"sqlite:///{Path(folder) / 'state.db'}")


@pytest.fixture
async def store(store_url: URL) -> AsyncIterator[StateStore]:
    """An open store on an empty database, once per backend (migrated on first use)."""
    opened = store_from_url(store_url)
    try:
        yield opened
    finally:
        await opened.close()
