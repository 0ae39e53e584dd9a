"""What caller verification needs from a database, shared by every replica of the agent.

Three kinds of state live here, never in one process's memory or a local file:

- rate-limit counters with a time window (codes sent per phone number, checks per
  verification), counted atomically so that two replicas can never let one use too many
  through;
- the verification state of each call;
- the append-only audit trail: one hash chain across all calls, kept linear under
  concurrent writers.

Two implementations: :class:`~verivoice.auth.store.sqlite.SqliteStateStore` (embedded, one
machine, the default) and :class:`~verivoice.auth.store.postgres.PostgresStateStore`
(production, shared by replicas). Every failure to reach or use the database is raised as
:class:`StoreUnavailable`, whose message names no data: callers fail closed on it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any


class StoreUnavailable(RuntimeError):
    """The state store could not be reached or could not complete an operation.

    Its message names the operation and the kind of failure only (never the database URL,
    a phone key or a record), so it can be logged as it is.
    """


@dataclass(frozen=True)
class VerificationRecord:
    """One call's verification state, as the step-up flow last saved it.

    Attributes:
        call_id: The call.
        state: ``unverified``, ``identity_confirmed``, ``code_sent``, ``verified``, ``locked``.
        verification_sid: The Verify verification in progress (VE...), if any.
        checks: Codes checked against that verification.
        failures: Failed identity or code steps in this call.
        updated_at: Seconds since the epoch of the last save.
    """

    call_id: str
    state: str
    verification_sid: str | None = None
    checks: int = 0
    failures: int = 0
    updated_at: float = 0.0


class StateStore(ABC):
    """The shared state of caller verification (see the module docstring)."""

    #: ``"sqlite"`` or ``"postgresql"``.
    backend: str

    @abstractmethod
    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (safe from several processes)."""

    @abstractmethod
    async def ping(self) -> None:
        """Raise :class:`StoreUnavailable` unless the database answers now."""

    @abstractmethod
    async def consume(self, scope: str, key: str, *, limit: int, window_s: float,
                      now: float) -> bool:
        """Count one use of ``key`` if fewer than ``limit`` were counted in the window.

        Check and count are one transaction, locked per key: however many replicas ask at
        once, at most ``limit`` uses are counted in any ``window_s`` seconds ending at ``now``.

        Args:
            scope: What is counted (``"send"``, ``"check"``).
            key: Whose uses (a phone-number hash, a verification SID); never a raw number.
            limit: Uses allowed in the window.
            window_s: Length of the sliding window.
            now: The time of this use (seconds since the epoch).

        Returns:
            ``True`` if the use was counted, ``False`` if the limit was reached.
        """

    @abstractmethod
    async def used(self, scope: str, key: str, *, window_s: float, now: float) -> int:
        """Uses of ``key`` counted in the ``window_s`` seconds ending at ``now``."""

    @abstractmethod
    async def save_verification(self, record: VerificationRecord) -> None:
        """Insert or replace the verification state of ``record.call_id``."""

    @abstractmethod
    async def load_verification(self, call_id: str) -> VerificationRecord | None:
        """The last saved verification state of a call, or ``None``."""

    @abstractmethod
    async def append_audit(self, body: dict[str, Any]) -> dict[str, Any]:
        """Append one record to the audit chain and return it as sealed.

        The store adds ``seq`` (the record's position in the chain), ``prev`` (the hash of
        the record before it) and ``hash``, under a lock on the chain's head, so concurrent
        writers in any number of processes produce one linear chain.

        Args:
            body: The record's fields (``ts``, ``call_id``, ``step`` and allowed fields),
                already checked by :class:`~verivoice.auth.audit.AuditLog`.
        """

    @abstractmethod
    async def audit_lines(self, *, after_seq: int = 0, limit: int = 1000,
                          call_id: str | None = None) -> list[tuple[int, str]]:
        """Records with ``seq > after_seq`` in chain order, as ``(seq, JSON line)``.

        The lines are returned as stored, so a check sees exactly what was kept.

        Args:
            after_seq: Start after this position (0: from the first record).
            limit: Most records returned.
            call_id: Only this call's records (they are a part of the chain, not a chain).
        """

    @abstractmethod
    async def audit_head(self) -> tuple[int, str]:
        """The chain's head: the last record's ``seq`` and ``hash`` (0 and GENESIS if empty)."""

    @abstractmethod
    def describe(self) -> str:
        """Which database this is, for logs: the backend and where, never a password."""

    @abstractmethod
    async def close(self) -> None:
        """Close the store's connections."""

    async def __aenter__(self) -> StateStore:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
