"""Append-only, hash-chained audit trail of each call's verification steps (JSON lines).

Every record holds the SHA-256 of the record before it (``prev``) and its own (``hash``, over
the canonical JSON of everything else), so an edited, inserted or deleted line breaks the
chain: ``verivoice audit verify FILE`` finds it. Records take only allowed fields; there is
no field for a code, a date of birth or a phone number (only its last four digits), and
values that look like one are refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

GENESIS = "0" * 64
ALLOWED = {"step", "status", "channel", "verification_sid", "phone_last4", "attempts",
           "reason", "tool", "evidence", "error", "state"}
EVIDENCE_FIELDS = {"factor", "verified_at", "attempts", "delivery_channel", "verification_sid"}
_LONG_DIGITS = re.compile(r"\d{5,}")


class AuditError(ValueError):
    """A record would break the audit's rules (an unknown field, or something like PHI)."""


def _canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _check_value(key: str, value: Any) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _check_value(f"{key}.{k}", v)
    elif (isinstance(value, str) and key.rsplit(".", 1)[-1] != "verification_sid"
          and _LONG_DIGITS.search(value)):
        raise AuditError(f"audit field {key} holds a long digit string (a code or number?)")
    elif key == "phone_last4" and not (isinstance(value, str) and re.fullmatch(r"\d{4}", value)):
        raise AuditError("phone_last4 must be exactly four digits")


class AuditLog:
    """One call's audit file.

    Args:
        path: The JSON-lines file (appended to; its folder is created).
        call_id: The call every record belongs to.
    """

    def __init__(self, path: Path, call_id: str) -> None:
        self.path = Path(path)
        self.call_id = call_id
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._prev = _last_hash(self.path)

    def record(self, step: str, **fields: Any) -> dict[str, Any]:
        """Append one step (``fields`` from :data:`ALLOWED`); return the record written."""
        unknown = set(fields) - ALLOWED
        if unknown:
            raise AuditError(f"audit records take no field(s) {sorted(unknown)}")
        for key, value in fields.items():
            _check_value(key, value)
        if "evidence" in fields and set(fields["evidence"]) - EVIDENCE_FIELDS:
            raise AuditError("evidence takes only " + ", ".join(sorted(EVIDENCE_FIELDS)))
        with self._lock:
            body = {"ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
                    "call_id": self.call_id, "step": step,
                    **{k: v for k, v in fields.items() if v is not None}, "prev": self._prev}
            body["hash"] = hashlib.sha256(_canonical(body)).hexdigest()
            line = json.dumps(body, ensure_ascii=False) + "\n"
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            self._prev = body["hash"]
        return body

    def evidence(self, *, verification_sid: str, attempts: int, channel: str,
                 verified_at: datetime | None = None) -> dict[str, Any]:
        """The step-up's evidence, shaped like A2H's AUTHORIZE/RESPONSE evidence."""
        return self.record("evidence", status="approved", evidence={
            "factor": f"otp.{channel}.v1",
            "verified_at": (verified_at or datetime.now(UTC)).isoformat(timespec="seconds"),
            "attempts": attempts,
            "delivery_channel": channel,
            "verification_sid": verification_sid,
        })


def _last_hash(path: Path) -> str:
    if not path.exists() or path.stat().st_size == 0:
        return GENESIS
    last = path.read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)[-1]
    return json.loads(last)["hash"]


def verify_chain(path: Path) -> tuple[bool, int | None, str]:
    """Check a whole audit file: ``(ok, first bad line number or None, what is wrong)``."""
    prev = GENESIS
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        try:
            record = json.loads(line)
        except ValueError:
            return False, number, "not JSON"
        if not isinstance(record, dict):
            return False, number, "not an audit record"
        stored = record.pop("hash", None)
        if record.get("prev") != prev:
            return False, number, "does not follow the line before it (line removed or inserted?)"
        if hashlib.sha256(_canonical(record)).hexdigest() != stored:
            return False, number, "its contents do not match its hash (line edited?)"
        prev = stored
    return True, None, "chain intact"
