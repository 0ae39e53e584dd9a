"""A routed request for protected data: the caller is verified first, then hears the answer
from the record without asking again; asking again mid-flow sends no second code; every
answer leaves its access record first, and no record means no answer."""

from __future__ import annotations

import json
import time

from pipecat.frames.frames import TranscriptionFrame
from pipecat.tests.utils import run_test

from tests.test_stepup import (
    PHONE,
    SwitchableStore,
    _flow,
    _said,
    _to_code_sent,
)
from verivoice.auth import stepup as lines
from verivoice.auth.audit import patient_pseudonym
from verivoice.auth.desk import ANSWER_FAILED, NO_VERIFICATION, RequestDesk
from verivoice.auth.records import RecordStore, phi_tools, say_appointments
from verivoice.auth.stepup import StepUpState
from verivoice.auth.store import StateStore
from verivoice.pipeline.gate import CodeGate
from verivoice.pipeline.intents import Request, Routed
from verivoice.pipeline.llm.tools import ToolRunner, UnverifiedGate
from verivoice.pipeline.router import RequestRouter
from verivoice.pipeline.taken_turns import TurnTakenFrame

pytest_plugins = ["tests.store_backends", "tests.test_stepup"]  # store, verify_server
BALANCE_LINE = "Your balance due is $128.50."


def _desk(url: str, store: StateStore):
    flow, control, _audit, _protected = _flow(url, store)
    records = RecordStore()
    runner = ToolRunner(phi_tools(records, records.by_phone(PHONE)), flow, speak=control.say)
    return RequestDesk(control, runner, flow), flow, control


async def _verify(flow, server) -> None:
    await flow.on_digits(_said(server.last_code(PHONE)), CodeGate(flow))
    assert flow.state is StepUpState.VERIFIED


async def test_a_routed_request_is_answered_once_the_caller_is_verified(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    desk, flow, control = _desk(url, store)
    await desk.on_request(Routed(Request.BALANCE))
    await flow.settled()
    # verification first, nothing read yet
    assert control.said == [f"{lines.CODE_SENT} {lines.ASK_CODE}"]
    await _verify(flow, server)
    assert control.said[-2:] == [lines.VERIFIED, BALANCE_LINE]  # without asking again
    # The model learns the request was answered; it never sees the figure.
    assert control.model and not any("128" in note for note in control.model)
    steps = [json.loads(line) for _seq, line in await store.audit_lines()]
    access = [s for s in steps if s["step"] == "phi_access"]
    assert [a["tool"] for a in access] == ["account_balance"]
    assert access[0]["patient"] == patient_pseudonym("P-1001", "verivoice")  # the salt in use
    assert access[0]["fields"] == ["balance"] and access[0]["verification_sid"].startswith("VE")
    assert "P-1001" not in json.dumps(steps)  # who it is about takes the secret key to say
    assert steps.index(access[0]) > next(i for i, s in enumerate(steps) if "evidence" in s)


async def test_asking_again_while_a_code_is_pending_sends_no_second_code(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    desk, flow, control = _desk(url, store)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)  # a balance request took it this far
    sent = len(server.outbox(PHONE))
    await desk.on_request(Routed(Request.BALANCE))  # the same again
    await desk.on_request(Routed(Request.APPOINTMENTS))  # and something else
    await flow.settled()
    assert len(server.outbox(PHONE)) == sent == 1
    assert control.said[-1] == f"{lines.STILL_VERIFYING} {lines.REASK['code']}"
    assert flow.state is StepUpState.CODE_SENT
    await _verify(flow, server)
    records = RecordStore()
    appointments = say_appointments({"appointments": records.appointments("P-1001")})
    assert control.said[-3:] == [lines.VERIFIED, BALANCE_LINE, appointments]  # asked order


async def test_a_verified_caller_is_answered_at_once(verify_server,
                                                     store: StateStore) -> None:
    url, server = verify_server
    desk, flow, control = _desk(url, store)
    await desk.on_request(Routed(Request.TEST_RESULTS))
    await flow.settled()
    await flow.on_digits(_said("0142"), CodeGate(flow))
    await flow.on_digits(_said("19840307"), CodeGate(flow))
    await _verify(flow, server)
    sent = len(server.outbox(PHONE))
    await desk.on_request(Routed(Request.PRESCRIPTIONS))
    assert control.said[-1] == ("Your lisinopril, 10 milligrams prescription is ready for "
                                "pickup, with 2 refills left.")
    assert len(server.outbox(PHONE)) == sent  # no new code for a verified caller


async def test_without_verification_no_request_is_answered() -> None:
    said: list[str] = []

    class Speaker:
        async def say(self, text: str) -> None:
            said.append(text)

    records = RecordStore()
    runner = ToolRunner(phi_tools(records, records.by_phone(PHONE)), UnverifiedGate())
    await RequestDesk(Speaker(), runner, None).on_request(Routed(Request.BALANCE))
    assert said == [NO_VERIFICATION]


async def test_no_access_record_no_answer(verify_server, store: StateStore) -> None:
    url, server = verify_server
    switchable = SwitchableStore(store)
    desk, flow, control = _desk(url, switchable)
    await desk.on_request(Routed(Request.BALANCE))
    await flow.settled()
    await flow.on_digits(_said("0142"), CodeGate(flow))
    await flow.on_digits(_said("19840307"), CodeGate(flow))
    code = server.last_code(PHONE)
    original = switchable.append_audit

    async def failing(body):  # the database refuses the access record, and only that
        if body["step"] == "phi_access":
            from verivoice.auth.store import StoreUnavailable
            raise StoreUnavailable("state store: audit append failed (TimeoutError)")
        return await original(body)

    switchable.append_audit = failing  # type: ignore[method-assign]
    await flow.on_digits(_said(code), CodeGate(flow))
    assert flow.state is StepUpState.VERIFIED
    assert control.said[-1] == ANSWER_FAILED
    assert not any("128" in line for line in control.said)


class _Listener:
    def __init__(self) -> None:
        self.requests: list[Request] = []

    async def on_request(self, routed: Routed) -> None:
        self.requests.append(routed.request)

    async def on_tail(self) -> None:
        pass


async def test_the_router_keeps_protected_requests_from_the_model() -> None:
    listener = _Listener()
    router = RequestRouter(listener)
    frames = [TranscriptionFrame("What do I owe you?", "caller", "t"),
              TranscriptionFrame("What are your opening hours?", "caller", "t"),
              TranscriptionFrame("Can I talk to someone at the front desk?", "caller", "t")]
    down, _up = await run_test(router, frames_to_send=frames, expected_down_frames=[
        TurnTakenFrame, TranscriptionFrame, TranscriptionFrame])  # the taken turn still ends
    assert [f.text for f in down[1:]] == ["What are your opening hours?",
                                          "Can I talk to someone at the front desk?"]
    assert listener.requests == [Request.BALANCE] and router.routed == [Request.BALANCE]


async def test_turns_during_a_hand_off_reach_neither_the_desk_nor_the_model() -> None:
    listener = _Listener()
    router = RequestRouter(listener)
    transferring = [True]
    router.hold_while(lambda: transferring[0])
    frames = [TranscriptionFrame("Please.", "caller", "t"),
              TranscriptionFrame("What do I owe you?", "caller", "t")]
    down, _up = await run_test(router, frames_to_send=frames, expected_down_frames=[])
    assert down == [] and listener.requests == [] and router.held == 2
    transferring[0] = False  # the transfer failed: the call goes on as before
    down, _up = await run_test(router, frames_to_send=[
        TranscriptionFrame("What are your opening hours?", "caller", "t")],
        expected_down_frames=[TranscriptionFrame])
    assert down[0].text == "What are your opening hours?"


def test_the_played_mark_survives_an_interruption() -> None:
    from verivoice.server.assembly import PlayedMark

    assert PlayedMark(mark=1).interruptible is False


async def test_a_router_without_a_listener_passes_everything() -> None:
    frames = [TranscriptionFrame("What is my balance?", "caller", "t")]
    down, _up = await run_test(RequestRouter(), frames_to_send=frames,
                               expected_down_frames=[TranscriptionFrame])
    assert down[0].text == "What is my balance?"


def _words(text: str):
    from verivoice.pipeline.gate import DigitEntry
    return DigitEntry(None, "speech", 0.0, True, words=text)


async def test_a_question_mid_flow_is_answered_and_the_step_asked_again(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    _, flow, control = _desk(url, store)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    await flow.on_digits(_words("Sorry, what time do you close today?"), gate)
    assert control.asides == [("Sorry, what time do you close today?", lines.REASK["code"])]
    await flow.on_digits(_words("what is my next appointment"), gate)  # protected: it waits
    assert control.said[-1] == f"{lines.STILL_VERIFYING} {lines.REASK['code']}"
    assert flow.state is StepUpState.CODE_SENT and len(server.outbox(PHONE)) == 1
    await _verify(flow, server)  # neither aside counted as a failed attempt
    assert control.said[-3] == lines.VERIFIED and control.said[-2] == BALANCE_LINE
    assert control.said[-1].startswith("Your next appointment is on")
    audit = "\n".join(line for _seq, line in await store.audit_lines())
    assert "close today" not in audit  # what the caller said is not written down


async def test_a_short_or_empty_aside_is_an_unclear_reading(
        verify_server, store: StateStore) -> None:
    url, _server = verify_server
    _, flow, control = _desk(url, store)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    await flow.on_digits(_words("um okay"), gate)
    assert control.asides == [] and control.said[-1] == lines.REPROMPT_CODE


async def test_asking_for_a_person_mid_flow_hands_the_call_off(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    _, flow, control = _desk(url, store)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    await flow.on_digits(_words("can I just talk to a real person please"), gate)
    assert control.escalations == ["asked"] and control.asides == []
    assert flow.state is StepUpState.CODE_SENT and len(server.outbox(PHONE)) == 1


async def test_the_rest_of_a_request_said_over_the_step_is_neither_an_attempt_nor_a_question(
        verify_server, store: StateStore) -> None:
    """"I think I still owe a bit," ... "could you check that for me?": the request started
    the step; its last words, heard in digit mode, must not make the model talk over the
    step, nor count as an unclear code."""
    url, server = verify_server
    flow, control, _audit, _protected = _flow(url, store, request_tail_s=30.0)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    said_before = list(control.said)
    await flow.on_digits(_words("could you check that for me"), gate)
    await flow.on_digits(_words("thanks"), gate)
    assert control.asides == [] and control.said == said_before
    # A question about the practice is still answered, and the step asked again.
    await flow.on_digits(_words("Sorry, what time do you close today?"), gate)
    assert control.asides == [("Sorry, what time do you close today?", lines.REASK["code"])]
    await _verify(flow, server)  # nothing above counted as a failed attempt


async def test_the_rest_of_a_request_that_cut_the_step_has_the_step_asked_again(
        verify_server, store: StateStore) -> None:
    """Seen in the step-up bench: the caller was still finishing the request when the step's
    line began; their last words cut it after "To keep your", and nothing was said again, so
    the caller never heard that a code was on its way. Words that cut the step's question
    bring it back, once per cut; words said after it was played leave it alone."""
    url, server = verify_server
    flow, control, _audit, _protected = _flow(url, store, request_tail_s=30.0)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    said_before = list(control.said)
    control.cut_at = time.monotonic()  # the caller's tail started over the step's line
    await flow.on_digits(_words("could you check that for me"), gate)
    assert control.said == [*said_before, lines.REASK["code"]] and control.asides == []
    await flow.on_digits(_words("thanks"), gate)  # said after the question came again
    assert control.said == [*said_before, lines.REASK["code"]]
    await _verify(flow, server)  # the tail counted as no failed attempt


async def test_an_answer_cut_by_the_rest_of_its_request_is_said_again(
        verify_server, store: StateStore) -> None:
    """"Are you open on Saturday," ... "if you don't mind me asking?": the caller's last words
    came over the hours and cut them; the router kept those words from the model, so without
    this the caller would hear nothing at all."""
    from verivoice.practice import practice_profile

    url, _server = verify_server
    flow, control, _audit, _protected = _flow(url, store)
    records = RecordStore()
    runner = ToolRunner(phi_tools(records, records.by_phone(PHONE)), flow, speak=control.say)
    desk = RequestDesk(control, runner, flow, practice=practice_profile(None))
    await desk.on_request(Routed(Request.HOURS, "saturday"))
    hours = control.said[-1]
    await desk.on_tail()  # said after the answer had played: nothing more
    assert control.said == [hours]
    control.cut_at = time.monotonic()
    await desk.on_tail()
    assert control.said == [hours, hours]
    await desk.on_tail()  # the same cut, not a new one
    assert control.said == [hours, hours]
    # A later request with no answer of the desk's own (here a hand-off this desk cannot
    # make): a cut after it never brings back the old answer.
    await desk.on_request(Routed(Request.HANDOFF))
    control.cut_at = time.monotonic()
    await desk.on_tail()
    assert control.said == [hours, hours]


async def test_a_step_question_cut_before_digits_are_expected_is_asked_again(
        verify_server, store: StateStore) -> None:
    """The rest of the request can reach the router (ordinary speech) rather than the code
    gate: the desk hands it to the step-up, which asks its question again if it was cut, and
    the desk says nothing of its own."""
    url, _server = verify_server
    desk, flow, control = _desk(url, store)
    await desk.on_request(Routed(Request.BALANCE))
    await flow.settled()
    assert control.said[-1] == f"{lines.CODE_SENT} {lines.ASK_CODE}"
    control.cut_at = time.monotonic()
    await desk.on_tail()
    assert control.said[-1] == lines.REASK["code"]
    assert len(control.said) == 2


async def test_after_the_tail_window_words_are_an_aside_again(
        verify_server, store: StateStore) -> None:
    url, _server = verify_server
    flow, control, _audit, _protected = _flow(url, store, request_tail_s=0.0)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    await flow.on_digits(_words("could you check that for me"), gate)
    assert control.asides == [("could you check that for me", lines.REASK["code"])]


async def test_a_cut_question_with_nothing_read_after_it_is_asked_again(
        verify_server, store: StateStore) -> None:
    """Seen on the step-up bench (held-out set 10): the rest of the request came over the
    step's question and cut it, but none of those words reached the step (decoded before the
    step listened for digits, or into no transcript). The caller heard a scrap of the
    question, then silence, and hung up. Once the caller stops, the question is asked again; words that do reach the step
    after the cut leave that to the step."""
    import asyncio

    url, server = verify_server
    flow, control, _audit, _protected = _flow(url, store, reask_cut_s=0.05)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    said_before = list(control.said)
    control.cut_at = time.monotonic()
    await asyncio.sleep(0.6)
    assert control.said == [*said_before, lines.REASK["code"]]
    await asyncio.sleep(0.6)  # once per cut: the question said again is not cut
    assert control.said == [*said_before, lines.REASK["code"]]

    # cut again, and the caller's words reach the step: the step answers them, not the watch
    control.cut_at = time.monotonic()
    await flow.on_digits(_said("1234"), gate)  # too short: the step asks for it again
    await asyncio.sleep(0.6)
    assert control.said[-1] == lines.REPROMPT_CODE and control.said.count(lines.REASK["code"]) == 1
    await _verify(flow, server)
    await flow.call_ended()
