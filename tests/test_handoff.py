"""Hand-off to staff: the practice profile's targets, a real REST update of the live call
through the Twilio SDK, a signed whisper free of codes and dates of birth, a true line when
nobody answers or the office is closed, no promise on a browser call, and a bad profile that
stops start-up."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pipecat.frames.frames import EndFrame, Frame, LLMContextFrame, TTSTextFrame
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.workers.runner import WorkerRunner

from tests.scripted_model import serve_scripted
from tests.test_cli import VERIVOICE
from tests.test_stepup import PHONE, _flow, _said, _to_code_sent
from verivoice.auth import stepup as lines
from verivoice.auth.audit import AuditLog
from verivoice.auth.store import StateStore
from verivoice.auth.twilio_api import twilio_client
from verivoice.bench.verify_server import create_verify_app, run_in_thread
from verivoice.config import HandoffSettings, LlmSettings, Settings, TtsSettings, TwilioSettings
from verivoice.pipeline.gate import CodeGate
from verivoice.pipeline.llm.service import VllmLLMService
from verivoice.pipeline.tts.service import PiperWorkerTTSService, load_voice
from verivoice.pipeline.turns import TurnRecorder
from verivoice.practice import WEEKDAYS, PracticeProfile, ProfileError, load_profile
from verivoice.server.assembly import Call
from verivoice.server.handoff import (
    NO_LINE,
    Handoff,
    Outcome,
    Reason,
    TwilioTransfer,
    no_answer_line,
    whisper_text,
)

pytest_plugins = ["tests.store_backends", "tests.test_stepup"]
ACCOUNT, TOKEN, SERVICE = "AC" + "1" * 32, "local-token", "VA" + "2" * 32
CALL_SID = "CA" + "a" * 32
DESK = "+15550100900"


def _profile(tmp_path: Path, desk_hours: str = "always", after_hours: bool = True) -> PracticeProfile:
    text = f"""
name: Test Practice
timezone: America/New_York
address: 1 Test Street
greeting: Thanks for calling Test Practice.
hours:
  monday: ["08:00-17:00"]
handoff:
  front_desk:
    name: the front desk
    number: "{DESK}"
    hours: {desk_hours}
    caller_id: "+15550100000"
"""
    if after_hours:
        text += """  after_hours:
    name: the after-hours line
    number: "+15550100999"
    hours: always
"""
    path = tmp_path / "practice.yaml"
    path.write_text(text)
    return load_profile(path)


@pytest.fixture
def twilio() -> Iterator[tuple[str, object]]:
    """The local Twilio-compatible server (Verify and the live-call REST update)."""
    app = create_verify_app(account_sid=ACCOUNT, auth_token=TOKEN, service_sid=SERVICE)
    with run_in_thread(app) as url:
        yield url, app.state.verify


def _handoff(profile: PracticeProfile, transfer, said: list[str], audit: AuditLog | None = None,
             verified: bool = False) -> Handoff:
    async def say(text: str) -> None:
        said.append(text)

    return Handoff(profile, HandoffSettings(), say=say, say_and_wait=say, transfer=transfer,
                   record=audit.record if audit else None, verified=lambda: verified)


def _rest_transfer(url: str) -> TwilioTransfer:
    client = twilio_client(TwilioSettings(account_sid=ACCOUNT, auth_token=TOKEN, api_base_url=url))
    assert client is not None
    return TwilioTransfer(client, CALL_SID, "https://voice.example.org", "call-1",
                          HandoffSettings(dial_timeout_s=25))


async def test_asking_for_the_front_desk_updates_the_live_call_with_a_dial(
        tmp_path: Path, twilio, store: StateStore) -> None:
    url, server = twilio
    said: list[str] = []
    handoff = _handoff(_profile(tmp_path), _rest_transfer(url), said, AuditLog(store, "call-1"))
    assert await handoff.asked() is Outcome.REQUESTED
    assert said == ["I'll put you through to the front desk now. Please hold."]
    (update,) = server.call_updates(CALL_SID)  # through the SDK, over real HTTP
    twiml = update["Twiml"]
    assert f">{DESK}</Number>" in twiml and 'timeout="25"' in twiml
    assert 'callerId="+15550100000"' in twiml
    assert 'action="https://voice.example.org/twilio/handoff/status?call=call-1&amp;' in twiml
    assert 'url="https://voice.example.org/twilio/handoff/whisper?' in twiml
    (record,) = [json.loads(line) for _seq, line in await store.audit_lines()]
    assert record["step"] == "handoff" and record["target"] == "front_desk"
    assert record["outcome"] == "requested" and record["verified"] is False
    assert DESK not in json.dumps(record)  # the target's name, never its number


async def test_a_locked_step_up_hands_the_call_over(tmp_path: Path, twilio, verify_server,
                                                    store: StateStore) -> None:
    url, server = twilio
    verify_url, verify = verify_server
    flow, control, _audit, _protected = _flow(verify_url, store, max_failures=2)
    said: list[str] = []
    handoff = _handoff(_profile(tmp_path), _rest_transfer(url), said, AuditLog(store, "call-1"))

    async def escalate(reason: str) -> None:  # what Call.escalate does
        await handoff.request(Reason(reason))

    control.escalate = escalate  # type: ignore[method-assign]
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    for _ in range(2):
        await flow.on_digits(_said("000000"), gate)
    assert control.said[-1] == lines.LOCKED
    assert said == ["I'll put you through to the front desk now. Please hold."]
    (update,) = server.call_updates(CALL_SID)
    assert "reason=locked" in update["Twiml"] and "verified=0" in update["Twiml"]
    code = verify.last_code(PHONE)
    assert code and code not in update["Twiml"] and "19840307" not in update["Twiml"]


async def test_a_closed_office_gives_the_hours_and_dials_nobody(tmp_path: Path, twilio) -> None:
    url, server = twilio
    ny_today = dt.datetime.now(ZoneInfo("America/New_York")).weekday()
    other_day = WEEKDAYS[(ny_today + 3) % 7]  # the desk answers only on a day that isn't today
    profile = _profile(tmp_path, desk_hours=f"{{{other_day}: ['09:00-10:00']}}",
                       after_hours=False)
    said: list[str] = []
    handoff = _handoff(profile, _rest_transfer(url), said)
    assert await handoff.asked() is Outcome.CLOSED
    assert said == [f"The front desk isn't available right now. They open again on "
                    f"{other_day.title()} at 9 AM. Please call back then."]
    assert server.call_updates() == []


async def test_a_browser_call_gets_no_false_promise(tmp_path: Path) -> None:
    said: list[str] = []
    handoff = _handoff(_profile(tmp_path), None, said)
    assert await handoff.request(Reason.LOCKED) is Outcome.NOT_POSSIBLE
    assert said == [NO_LINE] and "put you through" not in NO_LINE


async def test_a_failed_update_says_so(tmp_path: Path, twilio) -> None:
    url, server = twilio
    server.inject_fault(503)
    said: list[str] = []
    handoff = _handoff(_profile(tmp_path), _rest_transfer(url), said)
    assert await handoff.asked() is Outcome.FAILED
    assert said[-1].startswith("I'm sorry, I couldn't put you through")


def test_the_whisper_says_why_and_how_verified_and_nothing_else() -> None:
    text = whisper_text("locked", False)
    assert "could not be verified" in text and "not been verified" in text
    assert "verified with a one-time" in whisper_text("asked", True)
    assert "billing" not in whisper_text("asked", True)  # no topic unless the tenant allows
    assert "billing" in whisper_text("asked", True, "billing")
    assert "asked to speak" in whisper_text("<script>", True)  # unknown reasons are not echoed


def test_no_answer_and_busy_lines_are_true(tmp_path: Path) -> None:
    profile = _profile(tmp_path)
    target = profile.handoff["front_desk"]
    line = no_answer_line(profile, target, Outcome.NO_ANSWER)
    assert line.startswith("I'm sorry, the front desk didn't answer.") and line.endswith("Goodbye.")
    assert "is busy" in no_answer_line(profile, target, Outcome.BUSY)


def test_targets_follow_their_own_hours(tmp_path: Path) -> None:
    profile = _profile(tmp_path, desk_hours="practice")
    handoff = _handoff(profile, None, [])
    monday_10 = dt.datetime(2026, 11, 30, 10, 0, tzinfo=profile.zone)
    sunday_10 = dt.datetime(2026, 11, 29, 10, 0, tzinfo=profile.zone)
    assert profile.target_open("front_desk", now=monday_10)
    assert not profile.target_open("front_desk", now=sunday_10)
    assert handoff.choose(None) in ("front_desk", "after_hours")


@pytest.mark.parametrize(("body", "field"), [
    ("timezone: Mars/Base", "timezone (line 2)"),
    ("hours:\n  monday: ['17:00-08:00']", "hours.monday.0 (line 6)"),
])
def test_a_bad_profile_names_the_field_and_line(tmp_path: Path, body: str, field: str) -> None:
    good = {"name": "name: P", "timezone": "timezone: America/New_York",
            "address": "address: 1 Main St", "greeting": "greeting: Hello there"}
    key = body.split(":")[0]
    good[key] = body
    path = tmp_path / "bad.yaml"
    text = "\n".join(good.values())
    if key != "hours":
        text += "\nhours:\n  monday: ['08:00-17:00']"
    path.write_text(text + "\n")
    with pytest.raises(ProfileError) as bad:
        load_profile(path)
    assert field in str(bad.value)


def test_a_bad_profile_stops_start_up(tmp_path: Path) -> None:
    bad = tmp_path / "practice.yaml"
    bad.write_text("name: P\ntimezone: Nowhere/Land\naddress: 1 Main St\ngreeting: hello there\n"
                   "hours: {}\n")
    env = {**os.environ, "VERIVOICE_PRACTICE__PROFILE": str(bad), "VERIVOICE_SERVER__PORT": "1"}
    done = subprocess.run([VERIVOICE, "serve"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert "timezone (line 2)" in done.stdout + done.stderr
    checked = subprocess.run([VERIVOICE, "practice", "check", str(bad)], capture_output=True,
                             text=True, timeout=60)
    assert checked.returncode == 1 and "Nowhere/Land" in checked.stdout


def test_practice_check_prints_today_and_the_week() -> None:
    done = subprocess.run([VERIVOICE, "practice", "check"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid: Riverside Family Practice" in done.stdout
    assert "saturday: We're open" in done.stdout and "9 AM to noon" in done.stdout


def test_the_models_practice_facts_come_from_the_profile(tmp_path: Path) -> None:
    facts = _profile(tmp_path).prompt_facts()
    assert "Test Practice" in facts and "1 Test Street" in facts
    assert "Monday, from 8 AM to 5 PM" in facts and "never make up" in facts
    assert DESK not in facts  # hand-off numbers are never given to the model


def test_a_step_up_that_fails_over_a_bill_hands_the_caller_to_billing(tmp_path: Path) -> None:
    from verivoice.server.handoff import pending_topic

    assert pending_topic(["upcoming_appointments", "account_balance"]) == "billing"
    assert pending_topic(["test_results"]) is None and pending_topic([]) is None
    _profile(tmp_path)  # writes practice.yaml; add a billing line to it
    path = tmp_path / "practice.yaml"
    path.write_text(path.read_text().replace("handoff:\n", (
        "handoff:\n  billing:\n    name: billing\n    number: \"+15550100777\"\n"
        "    hours: always\n"), 1))
    handoff = _handoff(load_profile(path), None, [])
    assert handoff.choose(pending_topic(["account_balance"])) == "billing"
    assert handoff.choose(pending_topic(["test_results"])) == "front_desk"


class _Heard(FrameProcessor):
    """What reaches the caller's side of the pipeline, in order: the agent's words."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.replying = asyncio.Event()

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, TTSTextFrame):
            self.words.append(frame.text)
            self.replying.set()
        await self.push_frame(frame, direction)


async def test_a_hand_off_cuts_the_model_reply_under_way(tmp_path: Path) -> None:
    """The caller's first sentence ended a turn of its own and the model is still answering
    it when the caller asks for a person: nothing of that reply follows "Please hold"."""
    reply = " ".join(f"We offer {kind} to patients of every age." for kind in (
        "check-ups", "vaccinations", "physiotherapy", "blood tests", "travel advice",
        "minor surgery", "sports medicine", "antenatal care", "skin checks", "hearing tests"))
    transfers: list[str] = []

    async def transfer(key, target, reason, verified, topic) -> bool:
        transfers.append(key)
        return True

    with serve_scripted() as (model, url):
        model.reply, model.token_delay_s = reply, 0.04
        worker_tts, phrases = load_voice(TtsSettings())
        long_replies = TtsSettings(max_sentences=20)  # the reply is not capped before the cut
        tts = PiperWorkerTTSService(tts=long_replies, worker=worker_tts, phrases=phrases)
        heard = _Heard()
        worker = PipelineWorker(
            Pipeline([VllmLLMService(llm=LlmSettings(base_url=url)), tts, heard]),
            cancel_on_idle_timeout=False, params=PipelineParams(audio_out_sample_rate=16000))
        call = Call("call-1", worker, CodeGate(), tts, TurnRecorder(), Settings())
        handoff = Handoff(_profile(tmp_path), HandoffSettings(), say=call.say,
                          say_and_wait=call.say, transfer=transfer, record=None,
                          verified=lambda: False, stop_replying=call.stop_replying)

        async def drive() -> None:
            await worker.queue_frame(LLMContextFrame(LLMContext(
                [{"role": "user", "content": "Tell me about the clinic, in full."}])))
            await asyncio.wait_for(heard.replying.wait(), timeout=30)
            assert await handoff.asked() is Outcome.REQUESTED
            await asyncio.sleep(len(reply.split()) * model.token_delay_s + 1.0)
            await worker.queue_frame(EndFrame())

        runner = WorkerRunner(handle_sigint=False)
        await runner.add_workers(worker)
        await asyncio.gather(runner.run(), drive())

    said = "".join(heard.words)
    assert transfers == ["front_desk"]
    assert said.rstrip().endswith("Please hold."), said[-200:]
    assert "hearing tests" not in said  # the reply was cut where the hand-off began
