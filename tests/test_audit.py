"""The audit trail in the state store: hash chain, evidence, tamper detection in exports,
no PHI fields, and the CLI (on SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from tests.test_cli import VERIVOICE
from verivoice.auth.audit import (
    AuditError,
    AuditLog,
    export_chain,
    verify_chain,
    verify_store,
)
from verivoice.auth.store import StateStore, store_from_url
from verivoice.auth.store.chain import GENESIS

pytest_plugins = ["tests.store_backends"]  # the store and store_url fixtures
SID = "VE" + "a" * 32


async def _log(store: StateStore, call_id: str = "call-1") -> AuditLog:
    log = AuditLog(store, call_id)
    await log.record("identity_confirmed", phone_last4="0142", state="identity_confirmed")
    await log.record("code_sent", verification_sid=SID, channel="sms", status="pending")
    await log.record("code_checked", verification_sid=SID, status="approved", attempts=1)
    await log.evidence(verification_sid=SID, attempts=1, channel="sms")
    return log


async def _export(store: StateStore, path: Path) -> Path:
    buffer = io.StringIO()
    await export_chain(store, buffer)
    path.write_text(buffer.getvalue())
    return path


async def test_an_intact_chain_verifies(store: StateStore) -> None:
    await _log(store)
    report = await verify_store(store)
    assert (report.ok, report.records, report.why) == (True, 4, "chain intact")
    (_seq, line), = await store.audit_lines(after_seq=3)
    evidence = json.loads(line)["evidence"]
    assert evidence["factor"] == "otp.sms.v1" and evidence["attempts"] == 1
    assert set(evidence) >= {"verified_at", "delivery_channel"}


async def test_calls_share_one_chain_across_store_instances(store: StateStore,
                                                            store_url: URL) -> None:
    await _log(store, "call-1")
    other = store_from_url(store_url)  # another replica
    try:
        await AuditLog(other, "call-2").record("ended", reason="caller hung up")
        first = json.loads((await other.audit_lines(limit=1))[0][1])
        last = json.loads((await other.audit_lines(after_seq=4))[0][1])
    finally:
        await other.close()
    assert first["prev"] == GENESIS and first["seq"] == 1
    assert last["seq"] == 5 and last["call_id"] == "call-2"
    assert (await verify_store(store)).ok


@pytest.mark.parametrize("tamper", ["edit", "delete", "insert", "reorder", "not a record"])
async def test_tampering_with_an_export_is_detected(store: StateStore, tmp_path: Path,
                                                    tamper: str) -> None:
    await _log(store)
    path = await _export(store, tmp_path / "audit.jsonl")
    assert verify_chain(path)[:2] == (True, None)
    lines = path.read_text().splitlines()
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
    path.write_text("\n".join(lines) + "\n")
    ok, line, _why = verify_chain(path)
    assert not ok and line is not None and line <= 3


def test_files_from_before_the_store_still_verify(tmp_path: Path) -> None:
    """Per-call files written by earlier versions carry no seq; their chains still check."""
    from verivoice.auth.store.chain import seal, to_line

    first = seal({"ts": "2026-01-01T00:00:00.000+00:00", "call_id": "c", "step": "a",
                  "prev": GENESIS})
    second = seal({"ts": "2026-01-01T00:00:01.000+00:00", "call_id": "c", "step": "b",
                   "prev": first["hash"]})
    path = tmp_path / "c.jsonl"
    path.write_text(to_line(first) + "\n" + to_line(second) + "\n")
    assert verify_chain(path)[0]
    path.write_text(to_line(second) + "\n")
    assert not verify_chain(path)[0]


@pytest.mark.parametrize("fields", [
    {"code": "472915"}, {"dob": "1984-03-07"}, {"phone": "+15551234567"},
    {"phone_last4": "+15551234567"}, {"reason": "caller read 472915"},
    {"evidence": {"code": "472915"}},
])
async def test_phi_and_codes_cannot_be_written(store: StateStore, fields: dict) -> None:
    with pytest.raises(AuditError):
        await AuditLog(store, "c").record("step", **fields)
    assert await store.audit_head() == (0, GENESIS)  # nothing was written


KEY = "audit-key-for-tests-0123456789abcdef"


async def _keyed_export(store: StateStore, path: Path) -> Path:
    buffer = io.StringIO()
    await export_chain(store, buffer, key=KEY)
    path.write_text(buffer.getvalue())
    return path


@pytest.mark.parametrize("cut", ["the tail", "the trailer", "everything", "all but the trailer"])
async def test_an_export_cut_short_or_emptied_is_broken(store: StateStore, tmp_path: Path,
                                                         cut: str) -> None:
    await _log(store)
    path = await _keyed_export(store, tmp_path / "audit.jsonl")
    assert verify_chain(path, key=KEY)[0]
    lines = path.read_text().splitlines()
    kept = {"the tail": lines[:2] + lines[-1:], "the trailer": lines[:-1], "everything": [],
            "all but the trailer": lines[-1:]}[cut]
    path.write_text("".join(line + "\n" for line in kept))
    ok, _line, why = verify_chain(path, key=KEY)
    assert not ok, why


async def test_a_recomputed_trailer_needs_the_key(store: StateStore, tmp_path: Path) -> None:
    from verivoice.auth.checkpoints import export_trailer

    await _log(store)
    path = await _keyed_export(store, tmp_path / "audit.jsonl")
    lines = path.read_text().splitlines()
    kept = lines[:2]  # cut to two records, with a trailer made to match by the cutter
    forged = export_trailer("not-the-key", 2, 2, json.loads(kept[-1])["hash"])
    path.write_text("\n".join([*kept, json.dumps(forged)]) + "\n")
    ok, _line, why = verify_chain(path, key=KEY)
    assert not ok and "MAC" in why


async def test_audit_verify_and_export_cli(store: StateStore, store_url: URL,
                                           tmp_path: Path) -> None:
    await _log(store)
    env = {**os.environ, "COLUMNS": "200",
           "VERIVOICE_STATE__URL": store_url.render_as_string(hide_password=False)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([VERIVOICE, "audit", *args], capture_output=True, text=True,
                              env=env, timeout=120)

    good = cli("verify")
    assert good.returncode == 0 and "ok" in good.stdout and "4 records" in good.stdout
    exported = cli("export", "--out", str(tmp_path / "audit.jsonl"))
    assert exported.returncode == 0 and "4 records exported" in exported.stderr
    path = tmp_path / "audit.jsonl"
    assert cli("verify", str(path)).returncode == 0
    path.write_text(path.read_text().replace('"sms"', '"call"', 1))
    bad = cli("verify", str(path))
    assert bad.returncode == 1 and "BROKEN" in bad.stdout


def test_audit_verify_cli_when_the_store_is_unreachable(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    env = {**os.environ, "COLUMNS": "200",
           "VERIVOICE_STATE__URL": f"sqlite:///{tmp_path / 'a-file' / 'state.db'}"}
    result = subprocess.run([VERIVOICE, "audit", "verify"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 2 and "cannot read the audit trail" in result.stdout


async def test_audit_report_lists_one_patients_reads_by_pseudonym(store: StateStore,
                                                                  store_url: URL) -> None:
    from verivoice.auth.audit import patient_pseudonym

    key = "report-test-key"
    alex, sam = patient_pseudonym("P-1001", key), patient_pseudonym("P-1003", key)
    assert alex != sam and "1001" not in alex and alex == patient_pseudonym("P-1001", key)
    assert patient_pseudonym("P-1001", "another-key") != alex  # keyed: not a plain hash
    await AuditLog(store, "call-a").record("phi_access", tool="account_balance", patient=alex,
                                           fields=["balance"], verification_sid="VE" + "a" * 32)
    await AuditLog(store, "call-b").record("phi_access", tool="test_results", patient=sam,
                                           fields=["results"])
    await AuditLog(store, "call-c").record("phi_access", tool="prescriptions", patient=alex,
                                           fields=["prescriptions"])
    with pytest.raises(AuditError):  # the id itself is refused where a pseudonym belongs
        await AuditLog(store, "call-d").record("phi_access", patient="P-1001")
    env = {**os.environ, "COLUMNS": "250", "VERIVOICE_VERIFY__PHONE_KEY_SALT": key,
           "VERIVOICE_STATE__URL": store_url.render_as_string(hide_password=False)}
    result = subprocess.run([VERIVOICE, "audit", "report", "--patient", "P-1001"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "2 access(es)" in result.stdout
    assert "call-a" in result.stdout and "call-c" in result.stdout
    assert "call-b" not in result.stdout and "account_balance" in result.stdout
