"""`verivoice bench heard`: the recogniser's readings of the bench wordings, routed."""

from __future__ import annotations

from verivoice.bench.heard_bench import Wording, figures, markdown, run, word_errors
from verivoice.bench.voices import Voice
from verivoice.pipeline.asr.whisper import WhisperTranscriber


def test_word_errors_count_edits_against_the_reference() -> None:
    assert word_errors("Can I speak to the nurse?", "can I speak to the nurse") == (0, 6)
    assert word_errors("Can I speak to the nurse?", "Can I speak to the verse?") == (1, 6)
    assert word_errors("the accounts lot", "they account blood") == (3, 3)
    assert word_errors("", "") == (0, 0)


def _row(set_name: str, kind: str, written: str, heard: str, readings: str) -> Wording:
    return Wording(set_name, kind, "w", "flite:slt@1.00", written, heard="w",
                   as_heard=heard, with_readings=readings)


def test_figures_compare_what_was_heard_with_the_wording_as_written() -> None:
    rows = [
        _row("stepup_heldout6", "request", "account_balance", "account_balance", "account_balance"),
        _row("stepup_heldout6", "request", "test_results", "none", "test_results"),
        _row("stepup_heldout6", "request", "none", "none", "none"),  # a rule gap: not counted
        _row("stepup_heldout6", "other", "none", "prescriptions", "prescriptions"),
        _row("stepup_heldout6", "other", "practice_hours", "none", "none"),
        _row("handoff_heldout8", "request", "transfer_to_staff", "none", "none"),
        _row("handoff_heldout8", "other", "none", "account_balance", "account_balance"),
    ]
    figs = figures(rows)
    step = figs["groups"]["stepup"]
    assert (step["requests"], step["kept_heard"], step["kept_readings"]) == (2, 1, 2)
    assert (step["others"], step["false_heard"], step["false_readings"]) == (2, 1, 1)
    hand = figs["groups"]["handoff/flite"]
    assert (hand["requests"], hand["kept_heard"], hand["others"], hand["false_heard"]) == (1, 0, 1, 0)
    md = markdown(figs, {"sets": ["stepup_heldout6"], "model": "whisper-tiny.en"})
    assert "| stepup | 1/2 | 2/2 | 1/2 | 1/2 |" in md


def test_a_short_real_run(transcriber: WhisperTranscriber) -> None:
    """Two requests and two others of each tuned set, said by the Piper voice, heard by
    tiny.en and routed: the plain requests are kept, and the report's figures add up."""
    piper = Voice("piper", "piper-joe-medium", 1.0, varied=False)
    rows = run(["handoff_set", "stepup_set"], transcriber.transcribe, voices=[piper],
               per_set=2)
    assert [r.kind for r in rows] == ["request", "request", "other", "other"] * 2
    assert all(r.heard for r in rows)
    figs = figures(rows)
    kept = sum(g["kept_readings"] for k, g in figs["groups"].items() if "/" not in k)
    requests = sum(g["requests"] for k, g in figs["groups"].items() if "/" not in k)
    assert requests == 4 and kept >= 3, [(r.text, r.heard) for r in rows]
    assert figs["wer"]["piper"] < 0.3


def test_an_unread_set_is_refused_unless_asked_for(tmp_path) -> None:
    """Its report would show the set's wordings before its phone benches measured it."""
    from typer.testing import CliRunner

    from verivoice.bench.cli import app

    result = CliRunner().invoke(app, ["heard", "--sets", "stepup_heldout11", "--out",
                                      str(tmp_path)])
    assert result.exit_code == 2 and "not read yet" in result.output
    assert not (tmp_path / "report.json").exists()
