"""Signed checkpoints of the audit chain's head, kept outside the database.

The chain is a plain SHA-256 chain in the state store. A role that can write the tables can
rewrite or cut its tail and reseal what follows, and the chain would still verify. So the
head is anchored where that role cannot reach: ``verivoice audit checkpoint`` appends one
line, ``{"seq", "hash", "at", "mac"}``, to an append-only file the tenant ships to WORM
storage; ``mac`` is an HMAC-SHA-256 with a key that never enters the database
(``VERIVOICE_AUDIT__KEY``). ``verivoice audit verify`` then checks that the chain still holds
every checkpointed record, unchanged: a chain cut short, emptied, rewritten or re-headed
after a checkpoint is reported broken.

Exports carry a signed trailer of the same kind (:func:`export_trailer`), so an export cut
short or emptied is reported broken too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_VERSION = "v1"


class CheckpointError(ValueError):
    """A checkpoint file or trailer that cannot be trusted (forged, edited, out of order)."""


def sign(key: str, kind: str, seq: int, head: str, at: str, records: int | None = None) -> str:
    """The MAC of one checkpoint or trailer (``records``: an export's count)."""
    message = "|".join((_VERSION, kind, str(seq), head, at, "" if records is None
                        else str(records))).encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head at one moment: record ``seq`` had hash ``hash``."""

    seq: int
    hash: str
    at: str
    mac: str

    def line(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


def make_checkpoint(key: str, seq: int, head: str) -> Checkpoint:
    at = _now()
    return Checkpoint(seq, head, at, sign(key, "checkpoint", seq, head, at))


def read_checkpoints(path: Path, key: str) -> list[Checkpoint]:
    """Every checkpoint in ``path``, each one's MAC checked, in the order written.

    Raises:
        CheckpointError: a line that is not a checkpoint, a wrong MAC (forged or edited),
            or a head that went backwards between two checkpoints (the chain was cut
            before the later one was taken).
        OSError: the file cannot be read.
    """
    checkpoints: list[Checkpoint] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            checkpoint = Checkpoint(int(data["seq"]), str(data["hash"]), str(data["at"]),
                                    str(data["mac"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckpointError(f"checkpoint line {number} is not a checkpoint") from exc
        expected = sign(key, "checkpoint", checkpoint.seq, checkpoint.hash, checkpoint.at)
        if not hmac.compare_digest(expected, checkpoint.mac):
            raise CheckpointError(f"checkpoint line {number} does not carry a valid MAC "
                                  "(forged, edited, or signed with another key)")
        if checkpoints and checkpoint.seq < checkpoints[-1].seq:
            raise CheckpointError(f"checkpoint line {number} names record {checkpoint.seq}, "
                                  f"before the one the line above names ({checkpoints[-1].seq}): "
                                  "the chain was cut between them")
        checkpoints.append(checkpoint)
    return checkpoints


def append_checkpoint(path: Path, checkpoint: Checkpoint) -> None:
    """Add one line to the checkpoint file (opened for appending only; flushed to disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (checkpoint.line() + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def against_checkpoints(checkpoints: list[Checkpoint], hashes: dict[int, str],
                        records: int) -> tuple[int, str] | None:
    """Whether a chain of ``records`` records, whose hashes at the checkpointed ``seq``s are
    ``hashes``, still holds every checkpoint: ``(seq, why)`` for the first that it does
    not, or ``None``."""
    for checkpoint in checkpoints:
        if checkpoint.seq > records:
            return checkpoint.seq, (
                f"the chain ends at record {records}, but the checkpoint of {checkpoint.at} "
                f"saw record {checkpoint.seq} (records removed from the end, or emptied)")
        if checkpoint.seq and hashes.get(checkpoint.seq) != checkpoint.hash:
            return checkpoint.seq, (
                f"record {checkpoint.seq} is not the one the checkpoint of {checkpoint.at} "
                "saw (the chain was rewritten from there)")
    return None


def export_trailer(key: str | None, records: int, seq: int, head: str) -> dict[str, Any]:
    """The last line of an export: how many records it holds and its head, signed when a
    key is configured."""
    at = _now()
    trailer: dict[str, Any] = {"records": records, "head_seq": seq, "head_hash": head,
                               "at": at}
    if key:
        trailer["mac"] = sign(key, "export", seq, head, at, records)
    return {"export": trailer}


def check_trailer(trailer: Any, key: str | None, records: int, seq: int,
                  head: str) -> str | None:
    """What is wrong with an export's trailer, given what was read before it, or ``None``."""
    if not isinstance(trailer, dict):
        return "the export trailer is malformed"
    try:
        claimed = (int(trailer["records"]), int(trailer["head_seq"]), str(trailer["head_hash"]))
    except (KeyError, TypeError, ValueError):
        return "the export trailer is malformed"
    if claimed != (records, seq, head):
        return (f"the export trailer says {claimed[0]} records ending at record {claimed[1]}, "
                f"but {records} records ending at record {seq} precede it (cut or spliced)")
    if key is not None:
        mac = trailer.get("mac")
        expected = sign(key, "export", seq, head, str(trailer.get("at", "")), records)
        if not isinstance(mac, str) or not hmac.compare_digest(mac, expected):
            return "the export trailer does not carry a valid MAC (forged or edited)"
    return None
