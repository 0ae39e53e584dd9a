"""The audit trail's hash chain: how a record is sealed and how a sequence of them is checked.

A record is a JSON object. Its ``prev`` holds the ``hash`` of the record before it (the
first one's is :data:`GENESIS`), and its ``hash`` is the SHA-256 of the canonical JSON of
everything else (sorted keys, no spaces). Editing, inserting, removing or reordering a record
breaks the chain at that point. Records written by the state store also carry ``seq``, their
position in the one chain shared by every call, so a gap is named by its number.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

GENESIS = "0" * 64


def canonical(record: dict[str, Any]) -> bytes:
    """The bytes a record's hash is computed over."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def seal(body: dict[str, Any]) -> dict[str, Any]:
    """Return ``body`` with its ``hash`` added (``body`` must already hold ``prev``)."""
    return {**body, "hash": hashlib.sha256(canonical(body)).hexdigest()}


def to_line(record: dict[str, Any]) -> str:
    """One JSON-lines line for a sealed record (how the store keeps it, and exports it)."""
    return json.dumps(record, ensure_ascii=False)


class ChainChecker:
    """Checks records one at a time, in order; remembers the first break.

    Args:
        prev: The hash the first record must follow (:data:`GENESIS` for a whole chain).
        first_seq: The ``seq`` the first record must carry, or ``None`` where records carry
            none (per-call files written before the state store).
    """

    def __init__(self, prev: str = GENESIS, first_seq: int | None = None) -> None:
        self.prev = prev
        self.next_seq = first_seq
        self.count = 0

    def check_line(self, line: str) -> str | None:
        """Check the next record, given as its JSON line; return what is wrong, or ``None``."""
        try:
            record = json.loads(line)
        except ValueError:
            return "not JSON"
        if not isinstance(record, dict):
            return "not an audit record"
        return self.check(record)

    def check(self, record: dict[str, Any]) -> str | None:
        """Check the next record; return what is wrong with it, or ``None`` if it follows."""
        record = dict(record)
        stored = record.pop("hash", None)
        if self.next_seq is not None and record.get("seq") != self.next_seq:
            return (f"carries seq {record.get('seq')!r} where {self.next_seq} was due "
                    "(record removed, inserted or moved?)")
        if record.get("prev") != self.prev:
            return "does not follow the record before it (record removed or inserted?)"
        if hashlib.sha256(canonical(record)).hexdigest() != stored:
            return "its contents do not match its hash (record edited?)"
        self.prev = stored
        self.count += 1
        if self.next_seq is not None:
            self.next_seq += 1
        return None


def verify_lines(lines: Iterable[str]) -> tuple[bool, int | None, str]:
    """Check JSON lines from the start of a chain: ``(ok, first bad line or None, why)``.

    Exports from the state store carry ``seq`` from 1; files written per call before the
    store carry none. Either is accepted, as long as every line agrees with the first.
    """
    checker: ChainChecker | None = None
    for number, line in enumerate(lines, 1):
        if checker is None:
            try:
                first = json.loads(line)
            except ValueError:
                return False, number, "not JSON"
            has_seq = isinstance(first, dict) and "seq" in first
            checker = ChainChecker(GENESIS, 1 if has_seq else None)
        problem = checker.check_line(line)
        if problem is not None:
            return False, number, problem
    return True, None, "chain intact"
