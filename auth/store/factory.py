"""The state store the settings name: SQLite by default, PostgreSQL when a URL says so."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from verivoice.auth.store.base import StateStore
from verivoice.config import Settings

_POSTGRES = {"postgresql", "postgres"}
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


class StoreConfigError(ValueError):
    """The store URL cannot be used (its text is never part of the message: it is a secret)."""


def parse_store_url(raw: str) -> URL:
    """Parse a store URL and pick the async driver: aiosqlite or asyncpg.

    ``sqlite:///relative.db``, ``sqlite:////absolute.db``, ``postgresql://...``,
    ``postgres://...`` and URLs that already name a driver are accepted. A PostgreSQL URL
    takes libpq's ``sslmode`` (``verify-full`` in production: TLS, the server's certificate
    checked against the CA in ``PGSSLROOTCERT`` or ``~/.postgresql/root.crt``, and its host
    name); asyncpg takes it as ``ssl``.

    Raises:
        StoreConfigError: not a URL, neither SQLite nor PostgreSQL, or an unknown sslmode.
    """
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreConfigError("VERIVOICE_STATE__URL is not a database URL") from exc
    backend = url.drivername.split("+", 1)[0]
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StoreConfigError("a SQLite state store needs a file: sqlite:///path/state.db")
        return url.set(drivername="sqlite+aiosqlite")
    if backend in _POSTGRES:
        query = dict(url.query)
        if "sslmode" in query:
            mode = query.pop("sslmode")
            if mode not in SSL_MODES:
                raise StoreConfigError("VERIVOICE_STATE__URL: sslmode must be one of "
                                       + ", ".join(SSL_MODES))
            query["ssl"] = mode
        return url.set(drivername="postgresql+asyncpg", query=query)
    raise StoreConfigError(f"VERIVOICE_STATE__URL: unsupported database {backend!r}; use "
                           "sqlite:///path or postgresql://user:password@host/db")


def engine_url(settings: Settings) -> URL:
    """The URL of the configured store (with its password: hand it to engines only)."""
    raw = settings.state.url.get_secret_value() if settings.state.url else ""
    if not raw:
        return URL.create("sqlite+aiosqlite", database=str(settings.verify.state_db))
    return parse_store_url(raw)


def store_from_url(url: URL | str, *, timeout_s: float = 5.0, pool_size: int = 5,
                   auto_migrate: bool = True, agent_role: str | None = None) -> StateStore:
    """Open (lazily: nothing connects yet) the store at ``url`` (``agent_role``: PostgreSQL's
    role for the agents, granted what they need after each migration)."""
    from verivoice.auth.store.postgres import PostgresStateStore
    from verivoice.auth.store.sqlite import SqliteStateStore

    url = parse_store_url(url) if isinstance(url, str) else url
    if url.drivername.startswith("sqlite"):
        assert url.database is not None
        return SqliteStateStore(url.database, timeout_s=timeout_s, auto_migrate=auto_migrate)
    return PostgresStateStore(url.render_as_string(hide_password=False), timeout_s=timeout_s,
                              pool_size=pool_size, auto_migrate=auto_migrate,
                              agent_role=agent_role)


def open_store(settings: Settings) -> StateStore:
    """The store the settings name (``VERIVOICE_STATE__*``, ``VERIVOICE_VERIFY__STATE_DB``)."""
    state = settings.state
    return store_from_url(engine_url(settings), timeout_s=state.timeout_s,
                          pool_size=state.pool_size, auto_migrate=state.auto_migrate,
                          agent_role=state.agent_role)
