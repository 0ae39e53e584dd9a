"""Canary values (codes, dates of birth, phone numbers, secrets) and the end-of-session scan.

Every one-time code the local Verify server issues during the test session, and every
number it sends one to, is recorded here; so are the synthetic patient's date of birth and
number and the secrets the tests configure. When the session ends, every log, trace, report,
audit and state file written under pytest's temporary folder (subprocess server logs, bench
reports, SQLite state and audit stores, and this process's own log at DEBUG) is searched for
them. Outboxes, the local Verify server's stand-in for the caller's phone, are the one place
a code belongs and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# The synthetic patient P-1001 (auth/fixtures/patients.json), in the forms a leak would take.
PATIENT = ["+15550100142", "15550100142", "5550100142", "1984-03-07", "19840307", "03071984",
           "03/07/1984"]
# Secrets the tests configure (auth tokens, the browser token, a database password).
SECRETS = ["test-token-not-a-secret", "browser-token-for-tests", "local-test-auth-token",
           "sim-token", "pw-canary", "local-demo-token"]
SCANNED_SUFFIXES = {".log", ".jsonl", ".json", ".md", ".txt", ".csv", ".db", ".sqlite",
                    ".db-wal", ".html"}

_issued: set[str] = set()


def record_issued(code: str, to: str) -> None:
    """A code the local Verify server issued, and the number it went to."""
    if len(code) >= 6:  # shorter ones would match unrelated numbers in reports
        _issued.add(code)
    if len(re.sub(r"\D", "", to)) >= 10:
        _issued.add(to)


def canaries() -> list[str]:
    return sorted({*PATIENT, *SECRETS, *_issued})


@dataclass(frozen=True)
class Leak:
    path: Path
    canary: str
    context: str


def _pattern(canary: str) -> re.Pattern[bytes]:
    """A canary as a whole token: a code inside a longer number is not that code."""
    escaped = re.escape(canary.encode())
    if canary[0].isdigit() or canary[0] == "+":
        # Hex digits count as part of a number too: a code inside a hash is not that code.
        return re.compile(rb"(?<![0-9a-fA-F])" + escaped + rb"(?![0-9a-fA-F])")
    return re.compile(escaped)


def _kind(value: str) -> str:
    if value in SECRETS:
        return "a secret"
    if value in PATIENT:
        return "the patient's number or date of birth"
    return "an issued code or the number it went to"


def scan(root: Path, values: list[str]) -> list[Leak]:
    """Every place under ``root`` where one of ``values`` appears (outboxes skipped)."""
    patterns = [(v, _pattern(v)) for v in values]
    leaks = []
    for path in sorted(root.rglob("*")):
        if (not path.is_file() or "outbox" in path.name
                or not any(path.name.endswith(s) for s in SCANNED_SUFFIXES)):
            continue
        data = path.read_bytes()
        for value, pattern in patterns:
            if match := pattern.search(data):
                start = max(0, match.start() - 60)
                context = data[start:match.end() + 60].decode(errors="replace")
                # The report must not print what it found: it says where, and what kind.
                leaks.append(Leak(path, _kind(value), context.replace(value, "<canary>")))
    return leaks
