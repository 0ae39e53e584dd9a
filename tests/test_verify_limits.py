"""Our own Verify limits in the state store: sends per number per day, checks per
verification, shared by every replica (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL

from verivoice.auth.limits import DAY_S, VerifyLimits
from verivoice.auth.store import StateStore, store_from_url

pytest_plugins = ["tests.store_backends"]  # the store and store_url fixtures


async def test_sends_per_number_per_day(store: StateStore) -> None:
    now = [1_000_000.0]
    limits = VerifyLimits(store, salt="s", max_sends_per_day=3, max_checks=5,
                          clock=lambda: now[0])
    assert [await limits.try_send("+15550100") for _ in range(4)] == [True, True, True, False]
    assert await limits.sends("+15550100") == 3
    assert await limits.try_send("+15550199")  # another number has its own budget
    now[0] += DAY_S + 1
    assert await limits.try_send("+15550100")  # the window slid past the first sends


async def test_checks_per_verification_are_shared_across_replicas(store_url: URL) -> None:
    a, b = store_from_url(store_url), store_from_url(store_url)  # two replicas, one database
    try:
        first = VerifyLimits(a, salt="s", max_sends_per_day=5, max_checks=2)
        second = VerifyLimits(b, salt="s", max_sends_per_day=5, max_checks=2)
        assert await first.try_check("VE1") and await second.try_check("VE1")
        assert not await first.try_check("VE1") and await second.checks("VE1") == 2
        assert await second.try_check("VE2")
    finally:
        await a.close()
        await b.close()


async def test_phone_numbers_are_not_stored(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    store = store_from_url(f"sqlite:///{db}")
    limits = VerifyLimits(store, salt="secret", max_sends_per_day=5, max_checks=5)
    await limits.try_send("+15551234567")
    await store.close()
    data = b"".join(p.read_bytes() for p in tmp_path.glob("state.db*"))
    assert limits.phone_key("+15551234567").encode() in data
    assert b"5551234567" not in data
