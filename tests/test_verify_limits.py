"""Our own Verify limits in SQLite: sends per number per day, checks per verification."""

from __future__ import annotations

from pathlib import Path

from verivoice.auth.limits import DAY_S, VerifyLimits


def test_sends_per_number_per_day(tmp_path: Path) -> None:
    now = [1_000_000.0]
    limits = VerifyLimits(tmp_path / "state.db", salt="s", max_sends_per_day=3, max_checks=5,
                          clock=lambda: now[0])
    assert all(limits.try_send("+15550100") for _ in range(3))
    assert not limits.try_send("+15550100")
    assert limits.try_send("+15550199")  # another number has its own budget
    now[0] += DAY_S + 1
    assert limits.try_send("+15550100")  # the window slid past the first sends


def test_checks_per_verification_and_shared_across_instances(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    a = VerifyLimits(db, salt="s", max_sends_per_day=5, max_checks=2)
    b = VerifyLimits(db, salt="s", max_sends_per_day=5, max_checks=2)  # another call, same machine
    assert a.try_check("VE1") and b.try_check("VE1")
    assert not a.try_check("VE1") and a.checks("VE1") == 2
    assert b.try_check("VE2")


def test_phone_numbers_are_not_stored(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    limits = VerifyLimits(db, salt="secret", max_sends_per_day=5, max_checks=5)
    limits.try_send("+15551234567")
    limits.close()
    data = db.read_bytes() + (tmp_path / "state.db-wal").read_bytes() \
        if (tmp_path / "state.db-wal").exists() else db.read_bytes()
    assert b"5551234567" not in data
