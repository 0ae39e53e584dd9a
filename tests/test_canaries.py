"""The end-of-session canary scan finds a leak, and only a real one."""

from __future__ import annotations

from pathlib import Path

from tests import canaries


def test_the_scan_finds_leaks_and_skips_outboxes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "serve.log").write_text('{"message": "checking code 482913 now"}\n')
    (tmp_path / "report.json").write_text('{"p50": 1482913.5, "code": "4829130", '
                                          '"hash": "9fa482913be0"}')
    (tmp_path / "outbox.jsonl").write_text('{"to": "+15550100142", "code": "482913"}\n')
    (tmp_path / "state.db").write_bytes(b"\x00\x01 scan-test-secret \x00")
    (tmp_path / "clip.wav").write_bytes(b"RIFF 482913")  # audio is not a text record
    leaks = canaries.scan(tmp_path, ["482913", "scan-test-secret", "+15550100142"])
    assert {leak.path.name for leak in leaks} == {"serve.log", "state.db"}
    assert all("482913" not in leak.context and "scan-test" not in leak.context
               for leak in leaks)


def test_issued_codes_and_numbers_become_canaries() -> None:
    canaries.record_issued("907153", "+15551230000")
    canaries.record_issued("1234", "+15551230001")  # too short to scan for
    values = canaries.canaries()
    assert "907153" in values and "+15551230000" in values and "1234" not in values
