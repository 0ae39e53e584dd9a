"""Our own limits in front of Twilio Verify, kept in SQLite (shared by the calls of one machine).

Phone numbers are never stored: an HMAC-SHA-256 of the number (keyed with a per-deployment
secret) stands for it. Sends per
number are counted over a sliding 24 h window; check attempts are counted per verification.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verify_sends (phone_key TEXT NOT NULL, sent_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS verify_sends_by_phone ON verify_sends (phone_key, sent_at);
CREATE TABLE IF NOT EXISTS verify_checks (
    verification_sid TEXT PRIMARY KEY, attempts INTEGER NOT NULL, updated_at REAL NOT NULL);
"""
DAY_S = 24 * 3600.0


class VerifyLimits:
    """Counts sends per phone number and checks per verification.

    Args:
        db_path: SQLite file (created with its folder); ``":memory:"`` for a private store.
        salt: Secret mixed into the phone-number hashes.
        max_sends_per_day: Sends allowed to one number in 24 h.
        max_checks: Checks allowed per verification.
        clock: Seconds since the epoch (injectable for tests).
    """

    def __init__(self, db_path: Path | str, *, salt: str, max_sends_per_day: int,
                 max_checks: int, clock: Callable[[], float] = time.time) -> None:
        if str(db_path) != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(db_path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._salt = salt.encode()
        self.max_sends_per_day = max_sends_per_day
        self.max_checks = max_checks
        self._clock = clock

    def phone_key(self, phone: str) -> str:
        return hmac.new(self._salt, phone.encode(), hashlib.sha256).hexdigest()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, serialised across threads and processes."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def try_send(self, phone: str) -> bool:
        """Count a send to ``phone`` if it is under the daily limit; ``False`` if not."""
        key, now = self.phone_key(phone), self._clock()
        with self._transaction() as db:
            db.execute("DELETE FROM verify_sends WHERE sent_at < ?", (now - DAY_S,))
            (sent,) = db.execute("SELECT COUNT(*) FROM verify_sends WHERE phone_key = ?",
                                 (key,)).fetchone()
            if sent >= self.max_sends_per_day:
                return False
            db.execute("INSERT INTO verify_sends VALUES (?, ?)", (key, now))
            return True

    def try_check(self, verification_sid: str) -> bool:
        """Count a check of this verification if under the limit; ``False`` if not."""
        now = self._clock()
        with self._transaction() as db:
            row = db.execute("SELECT attempts FROM verify_checks WHERE verification_sid = ?",
                             (verification_sid,)).fetchone()
            attempts = row[0] if row else 0
            if attempts >= self.max_checks:
                return False
            db.execute(
                "INSERT INTO verify_checks VALUES (?, ?, ?) ON CONFLICT(verification_sid) "
                "DO UPDATE SET attempts = excluded.attempts, updated_at = excluded.updated_at",
                (verification_sid, attempts + 1, now))
            return True

    def checks(self, verification_sid: str) -> int:
        with self._lock:
            row = self._db.execute("SELECT attempts FROM verify_checks WHERE verification_sid = ?",
                                   (verification_sid,)).fetchone()
        return row[0] if row else 0

    def close(self) -> None:
        self._db.close()
