"""`verivoice bench handoff`: its wording sets, its parsing, and one short real run."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from verivoice.bench.handoff import (
    BILLING,
    FRONT_DESK,
    NEGATIVE,
    POSITIVE,
    TARGET_NUMBERS,
    CallRecord,
    figures,
    parse_dial,
    plan_calls,
    run_handoff_bench,
    write_report,
)
from verivoice.bench.handoff_set import (
    BILLING_REQUESTS,
    BORDERLINE,
    OTHER_REQUESTS,
    PERSON_REQUESTS,
)
from verivoice.bench.voices import Voice
from verivoice.config import HandoffSettings
from verivoice.practice import HandoffTarget
from verivoice.server.handoff import Reason, dial_twiml

PIPER = Voice("piper", "piper-joe-medium", 1.0, varied=False)  # same audio every run


def _key(text: str) -> str:
    return " ".join(text.lower().replace("'", "").replace("?", "").replace(".", "")
                    .replace(",", "").split())


def test_the_sets_have_forty_each_and_no_duplicates() -> None:
    assert len(PERSON_REQUESTS) >= 40 and len(OTHER_REQUESTS) >= 40
    everything = [_key(t) for t in (*PERSON_REQUESTS, *OTHER_REQUESTS)]
    assert len(everything) == len(set(everything))
    for required in ("I need to reschedule with Dr. Patel.", "Is the front door accessible?"):
        assert required in OTHER_REQUESTS
    assert set(BORDERLINE) <= {*PERSON_REQUESTS, *OTHER_REQUESTS}
    assert BILLING_REQUESTS.issubset(PERSON_REQUESTS)


@pytest.mark.parametrize("name", ["heldout", "heldout2", "heldout3", "heldout4", "heldout5",
                                  "heldout6", "heldout7", "heldout8", "heldout9",
                                  "heldout10", "heldout11", "heldout12", "heldout13"])
def test_the_held_out_set_is_whole_and_apart_from_the_tuned_one(name: str) -> None:
    from verivoice.bench.handoff import WORDINGS

    heldout = WORDINGS[name]

    assert len(heldout.PERSON_REQUESTS) >= 40 and len(heldout.OTHER_REQUESTS) >= 40
    everything = [_key(t) for t in (*heldout.PERSON_REQUESTS, *heldout.OTHER_REQUESTS)]
    assert len(everything) == len(set(everything))
    assert not set(everything) & {_key(t) for t in (*PERSON_REQUESTS, *OTHER_REQUESTS)}
    assert set(heldout.BORDERLINE) <= {*heldout.PERSON_REQUESTS, *heldout.OTHER_REQUESTS}
    assert set(heldout.BILLING_REQUESTS) <= set(heldout.PERSON_REQUESTS)
    plans = plan_calls(positives=None, negatives=None, seed=1, voices=[PIPER], wording_set=name)
    assert {p.text for p in plans} == {*heldout.PERSON_REQUESTS, *heldout.OTHER_REQUESTS}
    assert {p.text for p in plans if p.expected_target == BILLING} == set(
        heldout.BILLING_REQUESTS)


def test_the_plan_is_seeded_and_spreads_the_voices() -> None:
    voices = [PIPER, Voice("espeak", "en-us+m3"), Voice("flite", "slt")]
    plans = plan_calls(positives=4, negatives=5, seed=3, voices=voices, wording_set="tuned")
    assert plans == plan_calls(positives=4, negatives=5, seed=3, voices=voices,
                               wording_set="tuned")
    assert [p.kind for p in plans].count(POSITIVE) == 4
    assert [p.kind for p in plans].count(NEGATIVE) == 5
    assert {p.voice for p in plans} == set(voices)
    assert all((p.expected_target is None) == (p.kind == NEGATIVE) for p in plans)
    everything = plan_calls(positives=None, negatives=None, seed=1, voices=voices,
                            wording_set="tuned")
    assert len(everything) == len(PERSON_REQUESTS) + len(OTHER_REQUESTS)
    for kind in (POSITIVE, NEGATIVE):  # each voice says about as many of each kind
        counts = Counter(p.voice for p in everything if p.kind == kind)
        assert set(counts) == set(voices) and max(counts.values()) - min(counts.values()) <= 1


def test_the_product_twiml_is_read_back() -> None:
    target = HandoffTarget(name="the front desk", number=TARGET_NUMBERS[FRONT_DESK])
    twiml = dial_twiml("https://example.test", "abc", FRONT_DESK, target, Reason.ASKED, False,
                       HandoffSettings())
    dialled = parse_dial(twiml)
    assert dialled is not None
    assert (dialled.number, dialled.target, dialled.reason) == (
        TARGET_NUMBERS[FRONT_DESK], FRONT_DESK, "asked")
    assert parse_dial("<Response><Hangup/></Response>") is None
    assert parse_dial(None) is None


def test_figures_and_report(tmp_path: Path) -> None:
    records = [
        CallRecord(0, POSITIVE, "Operator.", "v", FRONT_DESK, transfer_requested=True,
                   latency_s=3.0, target_ok=True, greeting_heard=True),
        CallRecord(1, POSITIVE, "Transfer me to billing.", "v", BILLING, greeting_heard=True),
        CallRecord(2, NEGATIVE, "What's your address?", "v", None, greeting_heard=True),
        CallRecord(3, NEGATIVE, "Who is my doctor?", "v", None, outcome="failed",
                   reason="the server closed the stream"),
    ]
    figs = figures(records)
    assert figs["positives"] == {**figs["positives"], "calls": 2, "transferred": 1,
                                 "rate": 0.5, "met": False}
    assert figs["negatives"]["calls"] == 1 and figs["negatives"]["met"] is True
    assert figs["failed"] == 1 and figs["latency_s"]["median"] == 3.0
    report = write_report(tmp_path, records, {"seed": 1})
    assert json.loads((tmp_path / "report.json").read_text())["summary"] == report["summary"]
    md = (tmp_path / "report.md").read_text()
    assert "## Positives not transferred (1)" in md and '"Transfer me to billing."' in md
    assert "## Failed calls (1)" in md


@pytest.mark.slow
def test_a_short_real_run(tmp_path: Path) -> None:
    """Through the real stack: the LLM server, `verivoice serve`, the local Twilio server."""
    report = asyncio.run(asyncio.wait_for(run_handoff_bench(
        tmp_path, seed=1, voices=[PIPER],
        wordings=(["Can I talk to someone, please?"], ["What are your hours today?"])), 600))
    assert {"info", "summary", "calls", "targets", "error"} <= set(report)
    assert (tmp_path / "report.md").exists()
    calls = {c["kind"]: c for c in report["calls"]}
    positive, negative = calls[POSITIVE], calls[NEGATIVE]
    assert positive["outcome"] == "ok" and negative["outcome"] == "ok", report["calls"]
    assert positive["transfer_requested"], positive
    assert [u["kind"] for u in positive["updates"]][:1] == ["dial"]
    assert positive["target_ok"] and positive["dial_reason"] == "asked"
    assert 0 < positive["latency_s"] < 15
    assert not negative["transfer_requested"], negative
    assert not any(u["kind"] == "dial" for u in negative["updates"])
    summary = report["summary"]
    assert summary["positives"]["rate"] == 1.0 and summary["negatives"]["transferred"] == 0
