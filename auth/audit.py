"""The audit trail of caller verification: append-only and hash-chained, in the state store.

Every record holds the SHA-256 of the record before it (``prev``), its own (``hash``, over
the canonical JSON of everything else) and its position ``seq`` in the one chain that all
calls of all replicas share, so an edited, inserted, removed or reordered record breaks the
chain: ``verivoice audit verify`` finds it, in the store or in a JSON-lines export. A chain
cut short or rewritten whole is found against signed checkpoints of its head kept outside
the database (:mod:`verivoice.auth.checkpoints`), and an export cut short by its trailer. Records
take only allowed fields; there is no field for a code, a date of birth or a phone number
(only its last four digits), and values that look like one are refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from verivoice.auth.checkpoints import (
    Checkpoint,
    against_checkpoints,
    check_trailer,
    export_trailer,
)
from verivoice.auth.store.base import StateStore
from verivoice.auth.store.chain import GENESIS, ChainChecker, verify_lines

__all__ = ["ALLOWED", "GENESIS", "AuditError", "AuditLog", "ChainReport", "export_chain",
           "patient_pseudonym", "verify_chain", "verify_store"]

ALLOWED = {"step", "status", "channel", "verification_sid", "phone_last4", "attempts",
           "reason", "tool", "evidence", "error", "state",
           "target", "verified", "outcome",  # hand-offs: the target's key, never its number
           "patient", "fields"}  # PHI reads: a keyed pseudonym of the patient, what was read
EVIDENCE_FIELDS = {"factor", "verified_at", "attempts", "delivery_channel", "verification_sid"}
_LONG_DIGITS = re.compile(r"\d{5,}")
_PSEUDONYM = re.compile(r"pt_[0-9a-f]{24}")


class AuditError(ValueError):
    """A record would break the audit's rules (an unknown field, or something like PHI)."""


def _check_value(key: str, value: Any) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _check_value(f"{key}.{k}", v)
    elif (isinstance(value, str) and key.rsplit(".", 1)[-1] not in ("verification_sid", "patient")
          and _LONG_DIGITS.search(value)):
        raise AuditError(f"audit field {key} holds a long digit string (a code or number?)")
    elif key == "patient" and not (isinstance(value, str) and _PSEUDONYM.fullmatch(value)):
        raise AuditError("patient must be a pseudonym (patient_pseudonym), never an id")
    elif key == "phone_last4" and not (isinstance(value, str) and re.fullmatch(r"\d{4}", value)):
        raise AuditError("phone_last4 must be exactly four digits")


def patient_pseudonym(patient_id: str, key: str) -> str:
    """The name a patient goes by in the audit trail: a keyed hash of their record's id.

    The key is the deployment's secret (``VERIVOICE_VERIFY__PHONE_KEY_SALT``), so the trail
    alone does not say who a record is about; ``verivoice audit report --patient ID``
    derives the same pseudonym to list one patient's accesses.
    """
    digest = hmac.new(key.encode(), f"patient:{patient_id}".encode(), hashlib.sha256)
    return "pt_" + digest.hexdigest()[:24]


class AuditLog:
    """One call's view of the audit trail (and of its verification state in the store).

    Args:
        store: The state store that keeps the chain.
        call_id: The call every record belongs to.
    """

    def __init__(self, store: StateStore, call_id: str) -> None:
        self.store = store
        self.call_id = call_id

    async def record(self, step: str, **fields: Any) -> dict[str, Any]:
        """Append one step (``fields`` from :data:`ALLOWED`); return the record written.

        Raises:
            AuditError: a field is not allowed or holds something like PHI (nothing written).
            StoreUnavailable: the store could not take the record.
        """
        unknown = set(fields) - ALLOWED
        if unknown:
            raise AuditError(f"audit records take no field(s) {sorted(unknown)}")
        for key, value in fields.items():
            _check_value(key, value)
        if "evidence" in fields and set(fields["evidence"]) - EVIDENCE_FIELDS:
            raise AuditError("evidence takes only " + ", ".join(sorted(EVIDENCE_FIELDS)))
        body = {"ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "call_id": self.call_id, "step": step,
                **{k: v for k, v in fields.items() if v is not None}}
        return await self.store.append_audit(body)

    async def evidence(self, *, verification_sid: str, attempts: int, channel: str,
                       verified_at: datetime | None = None) -> dict[str, Any]:
        """The step-up's evidence, shaped like A2H's AUTHORIZE/RESPONSE evidence."""
        return await self.record("evidence", status="approved", evidence={
            "factor": f"otp.{channel}.v1",
            "verified_at": (verified_at or datetime.now(UTC)).isoformat(timespec="seconds"),
            "attempts": attempts,
            "delivery_channel": channel,
            "verification_sid": verification_sid,
        })


@dataclass(frozen=True)
class ChainReport:
    """What a check of the store's chain found.

    Attributes:
        ok: The whole chain is intact and ends at the recorded head.
        bad_seq: The first record that breaks it (or the head's ``seq``), if not.
        why: What is wrong, or "chain intact".
        records: Records checked.
    """

    ok: bool
    bad_seq: int | None
    why: str
    records: int


async def _lines(store: StateStore, batch: int) -> AsyncIterator[tuple[int, str]]:
    after = 0
    while True:
        rows = await store.audit_lines(after_seq=after, limit=batch)
        for row in rows:
            yield row
        if len(rows) < batch:
            return
        after = rows[-1][0]


async def verify_store(store: StateStore, *, checkpoints: list[Checkpoint] | None = None,
                       batch: int = 1000) -> ChainReport:
    """Check the store's whole chain, and that it still holds every checkpointed head.

    Without checkpoints a chain whose tail was cut (and nothing after) still verifies: only
    a head anchored outside the database (:mod:`verivoice.auth.checkpoints`) can tell.

    Raises:
        StoreUnavailable: the store could not be read.
    """
    wanted = {c.seq for c in checkpoints or []}
    hashes: dict[int, str] = {}
    checker = ChainChecker(GENESIS, first_seq=1)
    async for seq, line in _lines(store, batch):
        problem = checker.check_line(line)
        if problem is not None:
            return ChainReport(False, seq, problem, checker.count)
        if seq in wanted:
            hashes[seq] = checker.prev
    if checkpoints and (broken := against_checkpoints(checkpoints, hashes, checker.count)):
        return ChainReport(False, broken[0], broken[1], checker.count)
    return ChainReport(True, None, "chain intact" + (
        f", and it holds all {len(checkpoints)} checkpoints" if checkpoints else ""),
        checker.count)


async def export_chain(store: StateStore, out: TextIO, *, key: str | None = None,
                       batch: int = 1000) -> int:
    """Write the store's whole chain as JSON lines, then a trailer with the count and the
    head (signed with ``key`` when given): ``audit verify FILE`` checks both."""
    count, last_seq, last_hash = 0, 0, GENESIS
    async for seq, line in _lines(store, batch):
        out.write(line + "\n")
        count += 1
        last_seq, last_hash = seq, _hash_of(line)
    out.write(json.dumps(export_trailer(key, count, last_seq, last_hash)) + "\n")
    return count


def _hash_of(line: str) -> str:
    return str(json.loads(line).get("hash", ""))


def verify_chain(path: Path, *, key: str | None = None,
                 checkpoints: list[Checkpoint] | None = None) -> tuple[bool, int | None, str]:
    """Check a JSON-lines export (or a per-call file written before the state store):
    ``(ok, first bad line number or None, what is wrong)``.

    An export from the store must end with its trailer, so one cut short or emptied is
    broken; per-call files from before the store carry no ``seq`` and no trailer.
    """
    lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines()
             if line.strip()]
    if not lines:
        return False, None, "the file is empty (an export always holds at least its trailer)"
    try:
        last = json.loads(lines[-1])
    except ValueError:
        last = None
    trailer = last.get("export") if isinstance(last, dict) else None
    if trailer is None:
        ok, bad, why = verify_lines(lines)
        if ok and '"seq"' in lines[0]:
            return False, None, ("no export trailer at the end: the export was cut short, "
                                 "or is not a whole export")
        return ok, bad, why
    records = lines[:-1]
    checker = ChainChecker(GENESIS, first_seq=1)
    wanted = {c.seq for c in checkpoints or []}
    hashes: dict[int, str] = {}
    for number, line in enumerate(records, 1):
        problem = checker.check_line(line)
        if problem is not None:
            return False, number, problem
        if number in wanted:
            hashes[number] = checker.prev
    if problem := check_trailer(trailer, key, checker.count, checker.count, checker.prev):
        return False, len(lines), problem
    if checkpoints and (broken := against_checkpoints(checkpoints, hashes, checker.count)):
        return False, None, broken[1]
    return True, None, f"chain intact ({checker.count} records, trailer " + (
        "signed and matching)" if key else "matching; not authenticated without the key)")
