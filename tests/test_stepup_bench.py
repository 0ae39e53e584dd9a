"""`verivoice bench stepup`: what the scripted caller recognises, the figures, and one short
real run through the whole stack (Twilio media stream, `verivoice serve`, Verify, vLLM)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.test_stepup_call import vllm  # noqa: F401 (the real LLM server, a fixture)
from verivoice.auth import records as lines_of
from verivoice.auth import stepup as lines
from verivoice.auth.records import RecordStore
from verivoice.bench.stepup import (
    ANSWER_KEYS,
    KEYPAD,
    PATIENT_PHONE,
    VOICE,
    CallPlan,
    CallRecord,
    Ear,
    answers_in,
    figures,
    markup_in,
    plan_calls,
    prompt_in,
    request_lines,
    run_bench,
    scrub,
    wording_set,
    write_report,
)
from verivoice.bench.stepup_set import (
    APPOINTMENT,
    BALANCE,
    CHANGE_APPOINTMENT,
    OTHER_QUESTIONS,
    PHI_REQUESTS,
    PRESCRIPTION,
    RESULTS,
    SUMMARY,
)
from verivoice.bench.voices import Voice, default_voices
from verivoice.config import get_settings


@pytest.mark.parametrize("name", ["tuned", "heldout", "heldout2", "heldout3", "heldout4",
                                  "heldout5", "heldout6", "heldout7",
                                  "heldout8", "heldout9", "heldout10", "heldout11"])
def test_each_set_has_forty_of_each_kept_apart_from_the_tests(name: str) -> None:
    requests, questions = wording_set(name)
    assert len(requests) >= 40 and len(questions) >= 40
    texts = [r.text for r in requests] + list(questions)
    assert len(set(texts)) == len(texts)
    assert {r.kind for r in requests} == set(ANSWER_KEYS)

    def plain(s: str) -> str:
        return re.sub(r"[^a-z0-9 ]", "", s.lower())

    others = "\n".join(plain(p.read_text()) for p in Path(__file__).parent.glob("test_*.py")
                       if p.name != Path(__file__).name)
    assert [t for t in texts if plain(t) in others] == []


@pytest.mark.parametrize(("line", "prompt"), [
    (lines.ASK_DOB, "dob"), (lines.CODE_SENT, "code"),
    (lines.ASK_CODE, "code"), (f"{lines.CODE_SENT} {lines.ASK_CODE}", "code"),
    (lines.WRONG_CODE, "wrong_code"), (lines.REPROMPT_CODE, "reprompt_code"),
    (lines.REPROMPT, "reprompt"), (lines.NO_MATCH, "no_match"), (lines.VERIFIED, "verified"),
    (lines.STILL_VERIFYING, "still_verifying"), (lines.LOCKED, "locked"),
    (lines.SEND_FAILED, "send_failed"), (lines.NUMBER_LOCKED, "number_locked"),
    (lines.CHECK_FAILED, "new_code"), (lines.STORE_DOWN, "store_down"),
    # As tiny.en wrote them on the phone line.
    ("Thanks, and what is your day to birth?", "dob"),
    ("Thanks. You're verified. You're listen-up roll.", "verified"),
    ("Hello, thanks for calling. How can I help you today?", None),
])
def test_the_caller_knows_the_step_up_lines(line: str, prompt: str | None) -> None:
    assert prompt_in(line) == prompt


def _answer_lines() -> dict[str, str]:
    store = RecordStore()
    caller = store.by_phone(PATIENT_PHONE)
    assert caller is not None
    pid = caller.patient_id
    visits = {"appointments": store.appointments(pid)}
    return {
        BALANCE: lines_of.say_balance(store.balance(pid)),
        APPOINTMENT: lines_of.say_appointments(visits),
        CHANGE_APPOINTMENT: lines_of.say_change_appointment(visits),
        RESULTS: lines_of.say_results({"results": store.results(pid)}),
        PRESCRIPTION: lines_of.say_prescriptions({"prescriptions": store.prescriptions(pid)}),
        SUMMARY: lines_of.say_account({"balance": store.balance(pid), **visits}),
    }


def test_each_answer_is_recognised_and_is_no_markup() -> None:
    for kind, line in _answer_lines().items():
        assert answers_in(line) == [kind], (kind, line)
        assert markup_in(line) == []
    # The ASR's spellings.
    assert answers_in("Your balance due is one hundred twenty-eight dollars and fifty cents.")
    assert answers_in("Your next appointment is on Thursday, December 3rd at 930 AM with "
                      "Dr. Patel for your annual checkup.") == [APPOINTMENT]
    assert answers_in("You're listen-up roll. 10 milligrams per scripture in this ready for "
                      "pickup. With two refills left.") == [PRESCRIPTION]
    assert answers_in("We're open nine to five on weekdays.") == []


def test_code_and_markup_in_a_reply() -> None:
    assert "def" in markup_in("def get balance, open paren")
    assert "json" in markup_in("Here is the JSON for you")
    assert markup_in("I'll call the account balance function now")
    assert markup_in("account_balance") and markup_in("{\"name\": \"x\"}")
    assert markup_in("We're open Monday to Friday, eight to six. Parking is free.") == []
    # a tool name is judged within its sentence
    assert markup_in("I can't access electronic prescriptions. My primary function is to "
                     "help you.") == []
    assert markup_in("Use the prescriptions function to check.")
    # an organ's function is medicine, not code
    assert markup_in("That may be affecting your kidney function.") == []
    assert markup_in("We can run a liver function test.") == []
    assert markup_in("Call the function now.")


class _Line:
    """What an :class:`Ear` watches on a call: the agent's audio and the stream's events."""

    def __init__(self) -> None:
        import asyncio

        self.audio_in = bytearray()
        self.events: list[dict] = []
        self.closed = asyncio.Event()


async def test_an_utterance_still_being_transcribed_counts_as_the_agent_talking() -> None:
    """A long reply on a busy CPU can take the caller's recogniser longer than the turn's
    timeout: the agent did answer, and the caller waits for the words."""
    import asyncio

    def slow_transcribe(_pcm) -> str:
        time.sleep(1.0)
        return "We offer travel vaccines."

    line = _Line()
    ear = Ear(line, slow_transcribe, gap_s=0.1)  # type: ignore[arg-type]
    listening = asyncio.create_task(ear.run())
    since = time.monotonic()
    line.audio_in += bytes([0x55]) * 4000  # half a second of the agent's audio
    said = await ear.turn(since, timeout_s=0.7)
    line.closed.set()
    await listening
    assert said is not None and said[0].text == "We offer travel vaccines."


def test_scrub_drops_long_digit_runs_only() -> None:
    said = scrub("read 123 456, or 12-34-56, born 1984-03-07, your balance is $128.50 at 9:30")
    assert "123" not in said and "1984" not in said and "34-56" not in said
    assert "$128.50" in said and "9:30" in said


@pytest.mark.parametrize("name", ["heldout", "heldout2", "heldout3", "heldout4", "heldout5",
                                  "heldout6", "heldout7"])
def test_the_held_out_set_shares_no_wording_with_the_tuned_one(name: str) -> None:
    def plain(s: str) -> str:
        return re.sub(r"[^a-z0-9 ]", "", s.lower())

    tuned = {plain(r.text) for r in PHI_REQUESTS} | {plain(q) for q in OTHER_QUESTIONS}
    requests, questions = wording_set(name)
    assert [t for t in [r.text for r in requests] + list(questions) if plain(t) in tuned] == []


def test_plan_covers_everything_once_before_the_second_round() -> None:
    plans = plan_calls(phi=None, other=None, variant="both", seed=3, voices=default_voices(),
                       wordings="tuned")
    n_phi, n_other = len(PHI_REQUESTS), len(OTHER_QUESTIONS)
    assert len(plans) == 2 * n_phi + n_other
    first = plans[:n_phi + n_other]
    assert {p.wording for p in first} == {r.text for r in PHI_REQUESTS} | set(OTHER_QUESTIONS)
    for request in PHI_REQUESTS:
        assert sorted(p.variant for p in plans if p.wording == request.text) == [KEYPAD, VOICE]
    assert all(p.variant == VOICE for p in plans if p.kind == "other")
    assert len({p.voice.label for p in plans}) == len(default_voices())
    only = plan_calls(phi=2, other=0, variant="keypad", seed=3, voices=default_voices(),
                      wordings="tuned")
    assert [p.variant for p in only] == [KEYPAD, KEYPAD]


def _record(index: int, kind: str, variant: str = VOICE, **kw) -> CallRecord:
    return CallRecord(index, kind, "w", BALANCE if kind == "phi" else None, variant, "v", **kw)


def test_figures_and_report(tmp_path: Path) -> None:
    records = [
        _record(0, "phi", stepup_heard=True, verified=True, right_answer=True,
                outcome="answered", to_verified_s=20.0),
        _record(1, "phi", KEYPAD, stepup_heard=True, verified=True, right_answer=True,
                outcome="answered", to_verified_s=10.0),
        _record(2, "phi", outcome="no_stepup", reason="no step-up prompt heard",
                server_heard=["how much do I know"], rules_on_heard="none"),
        _record(3, "other", outcome="answered", markup=["json"]),
        _record(4, "other", outcome="stepup", stepup_heard=True, reason="a step-up prompt"),
    ]
    figs = figures(records)
    assert figs["stepup_reached"]["n"] == 2 and figs["stepup_reached"]["met"] is False
    assert figs["non_phi_stepups"]["n"] == 1 and figs["non_phi_stepups"]["met"] is False
    assert figs["answered_voice"]["share"] == 1.0 and figs["answered_voice"]["share_of_all"] == 0.5
    assert figs["answered_keypad"]["met"] is True
    assert figs["to_verified_s"]["all"]["median"] == 15.0 and figs["to_verified_s"]["met"] is False
    assert figs["markup_replies"]["n"] == 1
    md, _ = write_report(tmp_path, records, {"seed": 1, "variant": "both", "wall_s": 3.0})
    assert "**missed**" in md and "no step-up prompt heard" in md
    assert 'heard "how much do I know", rules: none' in md
    report = json.loads((tmp_path / "report.json").read_text())
    assert len(report["calls"]) == 5 and report["targets"]["answered_keypad"] == 0.98


# -- one short real run ------------------------------------------------------------

@pytest.mark.slow
async def test_a_short_real_run(tmp_path: Path, vllm: str) -> None:  # noqa: F811
    """A balance by voice, a prescription by keypad and one ordinary question, through
    `verivoice serve` over the media stream: both PHI callers hear the step-up's first
    line (the code texted to them), get verified and hear their answer; the question starts
    no step-up."""
    settings = get_settings()
    settings = settings.model_copy(update={
        "llm": settings.llm.model_copy(update={"base_url": f"{vllm}/v1"})})
    piper = Voice("piper", "piper-joe-medium", 1.0, varied=False)
    flite = next((v for v in default_voices() if v.engine == "flite"), piper)
    plans = [CallPlan(0, "phi", "Can you tell me what my balance is?", BALANCE, VOICE, piper),
             CallPlan(1, "phi", "Is my prescription ready to pick up?", PRESCRIPTION, KEYPAD,
                      flite),
             CallPlan(2, "other", "What are your hours on Saturday?", None, VOICE, piper)]
    started = time.monotonic()
    records, info = await run_bench(settings, tmp_path, plans, seed=1)
    md, figs = write_report(tmp_path, records, {**info, "seed": 1, "variant": "both",
                                                "wall_s": time.monotonic() - started})
    report = json.loads((tmp_path / "report.json").read_text())
    assert [c["kind"] for c in report["calls"]] == ["phi", "phi", "other"]
    by_voice, by_keypad, question = records
    for record in (by_voice, by_keypad):
        assert record.stepup_heard and record.to_first_question_s is not None, record
        assert record.verified and record.right_answer, record
        assert 0 < (record.to_verified_s or 0) < 120
        assert 1 <= record.code_attempts <= 2
        assert any(step.startswith("phi_tool_refused") for step in record.audit_steps or []), \
            record.audit_steps
    assert by_keypad.steps[1:] == ["code keyed"]  # the code alone: no other question
    # What the server heard of each request, and nothing of the answers to the step-up.
    assert "balance" in " ".join(by_voice.server_heard).lower(), by_voice.server_heard
    assert by_voice.rules_on_heard == "account_balance"
    assert question.server_heard and question.rules_on_heard is not None
    for record in records:
        assert "(digits)" not in record.server_heard and len(record.server_heard) <= 2
    assert not question.stepup_heard and question.outcome == "answered", question
    assert not any(step.startswith("phi_tool_refused") for step in question.audit_steps or [])
    assert figs["stepup_reached"]["n"] == 2 and figs["non_phi_stepups"]["n"] == 0
    assert info["audit"]["chain_ok"] and info["codes_sent"] >= 2
    assert set(figs) >= {"answered_voice", "answered_keypad", "to_verified_s",
                         "markup_replies", "failure_reasons"}
    assert "Step-up over the phone line" in md


def test_rescoring_counts_a_step_up_begun_before_a_paused_request_ended() -> None:
    from verivoice.bench.stepup import rescore

    greeting = {"at_s": -9.0, "text": "Thanks for calling. How can I help you today?"}
    early = {"at_s": -0.4, "text": "To keep your account safe, I'm texting a code to the "
                                   "number on file. Please read it to me or key it in."}
    record = _record(1, "phi", outcome="no_stepup", steps=["asked by voice"],
                     heard=[greeting, early])
    rescore(record)
    assert record.stepup_heard and record.outcome == "failed"
    # without a greeting heard, an early line may be the greeting's tail: not counted
    record = _record(2, "phi", outcome="no_stepup", steps=["no greeting heard", "asked by voice"],
                     heard=[early])
    rescore(record)
    assert not record.stepup_heard


def test_rescoring_does_not_take_the_scrubbed_digits_for_markup() -> None:
    from verivoice.bench.stepup import rescore

    said = scrub("You can call 5550100142 for parking.")
    record = _record(3, "other", heard=[{"at_s": 1.0, "text": said}])
    rescore(record)
    assert "<" in said and record.markup == []


def test_the_server_transcript_kept_stops_at_the_first_step_up_question() -> None:
    """Only the request is kept: the caller's answers (a date of birth said in words, the
    code as "(digits)") come after the step-up's first line and are never written."""
    events = [
        {"kind": "line", "speaker": "agent", "text": "Thanks for calling. How can I help?"},
        {"kind": "line", "speaker": "caller", "text": "Could you tell me"},
        {"kind": "line", "speaker": "caller", "text": "what I owe, 12345678?"},
        {"kind": "handoff", "target": "front_desk"},
        {"kind": "line", "speaker": "agent",
         "text": "First, please tell me your date of birth."},
        {"kind": "line", "speaker": "caller", "text": "March the ninth, nineteen ninety"},
        {"kind": "line", "speaker": "agent", "text": "I'm texting you a code."},
        {"kind": "line", "speaker": "caller", "text": "(digits)"},
    ]
    kept = request_lines(events)
    assert kept == ["Could you tell me", scrub("what I owe, 12345678?")]
    assert "12345678" not in " ".join(kept)
    assert request_lines(events[:4]) == kept  # no step-up: every caller line
    assert request_lines([]) == []
    cut = [*events[:3], {"kind": "line", "speaker": "agent", "text": "To keep your"},
           {"kind": "line", "speaker": "caller", "text": "(digits)"},
           {"kind": "line", "speaker": "caller", "text": "March the ninth"}]
    assert request_lines(cut) == kept  # a question cut before its key words
