"""A throwaway PostgreSQL server from the machine's own binaries (tests and benchmarks).

``initdb`` into a temporary folder, ``pg_ctl start`` on 127.0.0.1 and a free port, trust
authentication (loopback only), and everything removed on :meth:`LocalPostgres.stop`.
Durability is off for tests (``fsync=off``: the data is thrown away) and on for benchmarks
(``durable=True``: PostgreSQL's defaults, as in production). PostgreSQL refuses to run as root, so
as root the server runs as the ``postgres`` user that Debian's packages create.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy.engine import URL

_PACKAGED = "/usr/lib/postgresql/*/bin/initdb"  # Debian's and Ubuntu's layout


def find_bindir() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``: ``VERIVOICE_PG_BINDIR``, the PATH, or
    the newest ``/usr/lib/postgresql/<version>/bin``; ``None`` if there is none."""
    if given := os.environ.get("VERIVOICE_PG_BINDIR"):
        return Path(given)
    if on_path := shutil.which("initdb"):
        return Path(on_path).resolve().parent
    packaged = sorted(glob.glob(_PACKAGED), key=lambda p: int(Path(p).parts[-3]), reverse=True)
    return Path(packaged[0]).parent if packaged else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalPostgres:
    """One throwaway server. Use as a context manager, or :meth:`start` and :meth:`stop`.

    Args:
        bindir: Where ``initdb`` and ``pg_ctl`` are (default: :func:`find_bindir`).
        max_connections: The server's connection limit.
        durable: Keep PostgreSQL's durable defaults (fsync, synchronous commit) instead of
            turning them off for speed.
    """

    def __init__(self, bindir: Path | None = None, *, max_connections: int = 200,
                 durable: bool = False) -> None:
        found = bindir or find_bindir()
        if found is None:
            raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_ctl): install "
                                    "Debian's postgresql package or set VERIVOICE_PG_BINDIR")
        self.bindir = found
        self.max_connections = max_connections
        self.durable = durable
        self.port = 0
        self._root: Path | None = None
        self._user = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self) -> URL:
        """The superuser's URL to the ``postgres`` database (no password: trust on loopback)."""
        return URL.create("postgresql+asyncpg", username="postgres", host="127.0.0.1",
                          port=self.port, database="postgres")

    def _run(self, *args: str, timeout: float = 60) -> None:
        result = subprocess.run([str(self.bindir / args[0]), *args[1:]], user=self._user,
                                capture_output=True, text=True, timeout=timeout, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): "
                               f"{(result.stderr or result.stdout)[-800:]}")

    def start(self) -> LocalPostgres:
        """initdb and start the server; return self once it accepts connections."""
        self._root = Path(tempfile.mkdtemp(prefix="verivoice-pg-"))
        if self._user is not None:  # the server's own user must own its folders
            entry = pwd.getpwnam(self._user)
            os.chown(self._root, entry.pw_uid, entry.pw_gid)
        data, log = self._root / "data", self._root / "server.log"
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync", "--no-instructions")
        self.port = free_port()
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                   f"-c unix_socket_directories={self._root} "
                   f"-c max_connections={self.max_connections}")
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        try:
            self._run("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-t", "60",
                      "-o", options, "start", timeout=90)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        if self._root is None:
            return
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            if (self._root / "data" / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self._root / "data"), "-m", "immediate", "-w",
                          "stop", timeout=60)
        shutil.rmtree(self._root, ignore_errors=True)
        self._root = None

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _asyncpg_dsn(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def create_database(admin_url: URL, name: str) -> URL:
    """Create database ``name`` (letters, digits, underscores) as ``admin_url``'s user;
    return its URL."""
    import asyncpg

    if not name.replace("_", "").isalnum():
        raise ValueError("database names here are letters, digits and underscores")
    conn = await asyncpg.connect(_asyncpg_dsn(admin_url))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return admin_url.set(database=name)


async def drop_database(admin_url: URL, name: str) -> None:
    """Drop database ``name``, closing its connections first."""
    import asyncpg

    conn = await asyncpg.connect(_asyncpg_dsn(admin_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()
