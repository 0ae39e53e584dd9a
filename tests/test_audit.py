"""The audit trail: hash chain, tamper detection, no PHI fields, the CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.test_cli import VERIVOICE
from verivoice.auth.audit import AuditError, AuditLog, verify_chain


def _log(tmp_path: Path) -> AuditLog:
    log = AuditLog(tmp_path / "call.jsonl", "call-1")
    log.record("identity_confirmed", phone_last4="0142", state="identity_confirmed")
    log.record("code_sent", verification_sid="VE" + "a" * 32, channel="sms", status="pending")
    log.record("code_checked", verification_sid="VE" + "a" * 32, status="approved", attempts=1)
    log.evidence(verification_sid="VE" + "a" * 32, attempts=1, channel="sms")
    return log


def test_an_intact_chain_verifies(tmp_path: Path) -> None:
    log = _log(tmp_path)
    assert verify_chain(log.path) == (True, None, "chain intact")
    evidence = json.loads(log.path.read_text().splitlines()[-1])["evidence"]
    assert evidence["factor"] == "otp.sms.v1" and evidence["attempts"] == 1
    assert set(evidence) >= {"verified_at", "delivery_channel"}


def test_a_reopened_log_continues_the_chain(tmp_path: Path) -> None:
    log = _log(tmp_path)
    AuditLog(log.path, "call-1").record("ended", reason="caller hung up")
    assert verify_chain(log.path)[0]


@pytest.mark.parametrize("tamper", ["edit", "delete", "insert", "reorder", "not a record"])
def test_tampering_is_detected(tmp_path: Path, tamper: str) -> None:
    log = _log(tmp_path)
    lines = log.path.read_text().splitlines()
    if tamper == "edit":
        lines[2] = lines[2].replace('"approved"', '"pending"')
    elif tamper == "delete":
        del lines[1]
    elif tamper == "insert":
        lines.insert(1, lines[1])
    elif tamper == "reorder":
        lines[1], lines[2] = lines[2], lines[1]
    else:
        lines[2] = "[1, 2]"
    log.path.write_text("\n".join(lines) + "\n")
    ok, line, _why = verify_chain(log.path)
    assert not ok and line is not None and line <= 3


@pytest.mark.parametrize("fields", [
    {"code": "472915"}, {"dob": "1984-03-07"}, {"phone": "+15551234567"},
    {"phone_last4": "+15551234567"}, {"reason": "caller read 472915"},
    {"evidence": {"code": "472915"}},
])
def test_phi_and_codes_cannot_be_written(tmp_path: Path, fields: dict) -> None:
    with pytest.raises(AuditError):
        AuditLog(tmp_path / "x.jsonl", "c").record("step", **fields)
    assert not (tmp_path / "x.jsonl").exists() or "472915" not in (tmp_path / "x.jsonl").read_text()


def test_audit_verify_cli(tmp_path: Path) -> None:
    log = _log(tmp_path)
    good = subprocess.run([VERIVOICE, "audit", "verify", str(log.path)], capture_output=True,
                          text=True)
    assert good.returncode == 0 and "ok" in good.stdout
    log.path.write_text(log.path.read_text().replace('"sms"', '"call"', 1))
    bad = subprocess.run([VERIVOICE, "audit", "verify", str(log.path)], capture_output=True,
                         text=True)
    assert bad.returncode == 1 and "BROKEN" in bad.stdout
