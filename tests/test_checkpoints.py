"""Signed checkpoints of the audit chain's head, outside the database: the file, the
`verivoice audit checkpoint` command, and a chain cut or rewritten after one."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import create_async_engine

from tests.test_cli import VERIVOICE
from verivoice.auth.audit import AuditLog
from verivoice.auth.checkpoints import (
    CheckpointError,
    append_checkpoint,
    make_checkpoint,
    read_checkpoints,
)
from verivoice.auth.store import StateStore

pytest_plugins = ["tests.store_backends"]
KEY = "checkpoint-key-for-tests-0123456789"


def test_checkpoints_are_read_back_signed_and_in_order(tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.jsonl"
    for seq in (3, 3, 7):
        append_checkpoint(path, make_checkpoint(KEY, seq, f"{seq:064x}"))
    assert [c.seq for c in read_checkpoints(path, KEY)] == [3, 3, 7]


@pytest.mark.parametrize("change", ["forged with another key", "edited", "went backwards",
                                    "not a checkpoint"])
def test_a_checkpoint_file_that_was_tampered_with_is_refused(tmp_path: Path,
                                                             change: str) -> None:
    path = tmp_path / "checkpoints.jsonl"
    append_checkpoint(path, make_checkpoint(KEY, 5, "a" * 64))
    if change == "forged with another key":
        append_checkpoint(path, make_checkpoint("another-key", 9, "b" * 64))
    elif change == "edited":
        line = json.loads(path.read_text())
        path.write_text(json.dumps({**line, "seq": 9}) + "\n")
    elif change == "went backwards":
        append_checkpoint(path, make_checkpoint(KEY, 2, "b" * 64))
    else:
        path.write_text(path.read_text() + "[1, 2]\n")
    with pytest.raises(CheckpointError):
        read_checkpoints(path, KEY)


def test_the_file_is_only_ever_appended_to(tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.jsonl"
    append_checkpoint(path, make_checkpoint(KEY, 1, "a" * 64))
    first = path.read_text()
    append_checkpoint(path, make_checkpoint(KEY, 2, "b" * 64))
    assert path.read_text().startswith(first)


async def test_the_checkpoint_command_anchors_the_head_and_catches_a_cut(
        store: StateStore, store_url: URL, tmp_path: Path) -> None:
    log = AuditLog(store, "call-1")
    for status in ("pending", "approved", "pending"):
        await log.record("code_check", status=status)
    checkpoints = tmp_path / "worm" / "checkpoints.jsonl"
    env = {**os.environ, "COLUMNS": "200",
           "VERIVOICE_STATE__URL": store_url.render_as_string(hide_password=False),
           "VERIVOICE_AUDIT__KEY": KEY, "VERIVOICE_AUDIT__CHECKPOINTS": str(checkpoints)}

    def cli(*args: str, **more: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([VERIVOICE, "audit", *args], capture_output=True, text=True,
                              env={**env, **more}, timeout=120)

    taken = cli("checkpoint")
    assert taken.returncode == 0 and "record 3" in taken.stdout, taken.stdout + taken.stderr
    assert cli("verify").returncode == 0
    # An intruder with the owner's rights cuts the last record and drops the triggers.
    engine = create_async_engine(store_url)
    try:
        async with engine.begin() as conn:
            if store_url.drivername.startswith("sqlite"):
                await conn.execute(text("DROP TRIGGER audit_records_no_delete"))
            else:
                await conn.execute(text(
                    "DROP TRIGGER audit_records_no_change ON audit_records"))
            await conn.execute(text("DELETE FROM audit_records WHERE seq = 3"))
    finally:
        await engine.dispose()
    broken = cli("verify")
    assert broken.returncode == 1 and "removed from the end" in broken.stdout
    before = checkpoints.read_text()
    refused = cli("checkpoint")  # a new checkpoint would bless the cut: none is written
    assert refused.returncode == 1 and checkpoints.read_text() == before
    without_key = cli("verify", VERIVOICE_AUDIT__KEY="")
    assert without_key.returncode == 2


def test_the_checkpoint_command_needs_a_key(tmp_path: Path) -> None:
    result = subprocess.run([VERIVOICE, "audit", "checkpoint", "--file",
                             str(tmp_path / "c.jsonl")], capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "200"}, timeout=120)
    assert result.returncode == 2 and "VERIVOICE_AUDIT__KEY" in result.stdout
