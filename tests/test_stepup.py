"""The step-up flow against the local Verify server, through the real Twilio SDK over HTTP,
with its state in the state store (SQLite and PostgreSQL), and failing closed without it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from loguru import logger

from verivoice.auth import stepup as lines
from verivoice.auth.audit import AuditLog, verify_store
from verivoice.auth.limits import VerifyLimits
from verivoice.auth.records import RecordStore, phi_tools
from verivoice.auth.stepup import StepUp, StepUpState
from verivoice.auth.store import StateStore, StoreUnavailable, VerificationRecord, store_from_url
from verivoice.auth.twilio_api import twilio_client
from verivoice.auth.verify import VerifyClient, VerifyError, VerifyStatus
from verivoice.bench.local_postgres import free_port
from verivoice.bench.verify_server import VerifyServerSettings, create_verify_app, run_in_thread
from verivoice.config import TwilioSettings, VerifySettings
from verivoice.pipeline.gate import CodeGate, DigitEntry
from verivoice.pipeline.intents import asks_something, classify
from verivoice.pipeline.llm.tools import VERIFICATION_REQUIRED, ToolRunner
from verivoice.pipeline.tts.speech_text import ProtectedValues

pytest_plugins = ["tests.store_backends"]  # the store fixture, on both backends
ACCOUNT, TOKEN, SERVICE = "AC" + "1" * 32, "local-token", "VA" + "2" * 32
PHONE, DOB = "+15550100142", "19840307"  # the fixture's P-1001


class Control:
    """The call, as the flow sees it: records what it would say and do."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.expected: list = []
        self.model: list[str] = []
        self.escalated = False
        self.asides: list[tuple[str, str]] = []
        self.escalations: list[str] = []
        self.cut_at: float | None = None  # when the caller last talked over the agent

    async def say(self, text: str) -> None:
        self.said.append(text)

    async def expect_digits(self, expectation) -> None:
        self.expected.append(expectation)

    async def tell_model(self, text: str, respond: bool = True) -> None:
        self.model.append(text)

    async def escalate(self, reason: str) -> None:
        self.escalated = True
        self.escalations.append(reason)

    async def aside(self, said: str, then: str) -> None:
        self.asides.append((said, then))

    def cut_since(self, when: float) -> bool:
        return self.cut_at is not None and self.cut_at >= when

    async def caller_quiet(self, timeout_s: float) -> bool:
        return True

    def handing_off(self) -> bool:
        return False


@pytest.fixture
def verify_server(tmp_path: Path) -> Iterator[tuple[str, object]]:
    app = create_verify_app(account_sid=ACCOUNT, auth_token=TOKEN, service_sid=SERVICE,
                            settings=VerifyServerSettings(fraud_prefixes=("+1555999",)))
    with run_in_thread(app) as url:
        yield url, app.state.verify


def _client(url: str, store: StateStore, **overrides) -> VerifyClient:
    settings = VerifySettings(service_sid=SERVICE, timeout_s=2.0, **overrides)
    twilio = twilio_client(TwilioSettings(account_sid=ACCOUNT, auth_token=TOKEN,
                                          api_base_url=url), timeout=settings.timeout_s)
    limits = VerifyLimits(store, salt="t", max_sends_per_day=settings.max_sends_per_day,
                          max_checks=settings.max_checks_per_verification,
                          max_identity_failures=settings.max_identity_failures_per_day)
    return VerifyClient(twilio, settings, limits)


def _flow(url: str, store: StateStore, *, phone: str | None = PHONE, attested: bool = True,
          call_id: str = "call-1", request_tail_s: float = 0.0, reask_cut_s: float = 0.0,
          **overrides) -> tuple[StepUp, Control, AuditLog, ProtectedValues]:
    control, protected = Control(), ProtectedValues()
    audit = AuditLog(store, call_id)
    caller = RecordStore().by_phone(phone) if phone else None
    settings = VerifySettings(service_sid=SERVICE, **overrides)
    flow = StepUp(control, _client(url, store, **overrides), audit, caller, settings,
                  protected, phone=phone, attested=attested, classify=classify,
                  request_tail_s=request_tail_s, asks_something=asks_something,
                  reask_cut_s=reask_cut_s)
    return flow, control, audit, protected


async def _audit_text(store: StateStore) -> str:
    return "\n".join(line for _seq, line in await store.audit_lines())


def _said(digits: str, source: str = "speech") -> DigitEntry:
    return DigitEntry(digits, source, 0.9, False)  # type: ignore[arg-type]


ASKED_FOR_CODE = f"{lines.CODE_SENT} {lines.ASK_CODE}"


async def _to_code_sent(flow: StepUp, gate: CodeGate) -> None:
    """A refused PHI tool: the code goes to the number on file at once."""
    await flow.require("account_balance")
    await flow.settled()
    assert flow.state is StepUpState.CODE_SENT


async def test_full_step_up_unlocks_phi_tools_and_leaves_clean_evidence(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    flow, control, _audit, protected = _flow(url, store)
    runner = ToolRunner(phi_tools(RecordStore(), RecordStore().by_phone(PHONE)), flow)
    gate = CodeGate(flow)
    captured: list[str] = []
    sink = logger.add(captured.append, level="DEBUG")
    try:
        # The model asks for a PHI tool first thing: refused, and the flow starts itself.
        assert await runner.call(runner.tools["upcoming_appointments"], {}) is VERIFICATION_REQUIRED
        await flow.require("upcoming_appointments")
        await flow.settled()
        assert flow.state is StepUpState.CODE_SENT
        assert control.said == [ASKED_FOR_CODE] and control.expected[-1].kind == "code"
        code = server.last_code(PHONE)
        assert code and len(code) == 6
        await flow.on_digits(_said(code), gate)
    finally:
        logger.remove(sink)
    assert flow.state is StepUpState.VERIFIED and control.said[-1] == lines.VERIFIED
    assert control.expected[-1] is None  # back to ordinary speech
    result = await runner.call(runner.tools["upcoming_appointments"], {})
    assert result["appointments"][0]["with"] == "Doctor Patel"
    assert any("code accepted" in m for m in control.model)
    # No code, date of birth or full number anywhere: logs, model notes, audit, state.
    saved = await store.load_verification("call-1")
    text = "\n".join(captured + control.model) + await _audit_text(store) + repr(saved)
    for secret in (code, DOB, "1984-03-07", PHONE, PHONE[1:]):
        assert secret not in text, secret
    assert (await verify_store(store)).ok
    records = [json.loads(line) for _seq, line in await store.audit_lines()]
    evidence, = [r["evidence"] for r in records if "evidence" in r]
    assert evidence["factor"] == "otp.sms.v1" and evidence["attempts"] == 1
    # The PHI read after verification left its own record, after the evidence it relied on.
    assert records[-1]["step"] == "phi_access" and records[-1]["tool"] == "upcoming_appointments"
    assert saved is not None and (saved.state, saved.checks) == ("verified", 1)
    assert saved.verification_sid == evidence["verification_sid"]
    assert protected.found_in(code)  # the TTS would refuse to voice it


async def test_hanging_up_mid_verification_cancels_the_code(verify_server,
                                                            store: StateStore) -> None:
    url, server = verify_server
    flow, _control, _audit, _ = _flow(url, store)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    sid, code = flow._verification_sid, server.last_code(PHONE)
    assert sid and code
    await flow.call_ended()  # the caller hangs up before reading the code
    assert '"step":"call_ended"' in (await _audit_text(store)).replace(" ", "")
    assert (await verify_store(store)).ok
    late = await flow._verify.check(sid, code)  # the code is useless after the call
    assert not late.approved and late.error is VerifyError.GONE
    await flow.call_ended()  # a second end (both sides hung up) changes nothing
    assert (await _audit_text(store)).count("call_ended") == 1


async def test_verify_at_start_asks_at_once_and_records_why(verify_server,
                                                            store: StateStore) -> None:
    url, _server = verify_server
    flow, control, _audit, _ = _flow(url, store)
    await flow.begin()  # the call connected on a verify-at-start line
    await flow.settled()
    assert control.said == [ASKED_FOR_CODE] and control.expected[-1].kind == "code"
    assert '"step":"verification_started"' in (await _audit_text(store)).replace(" ", "")


async def test_a_call_that_never_started_verification_ends_without_a_record(
        verify_server, store: StateStore) -> None:
    url, _server = verify_server
    flow, _control, _audit, _ = _flow(url, store)
    await flow.call_ended()
    assert await _audit_text(store) == ""


async def test_wrong_codes_then_lock_and_escalate(verify_server, store: StateStore) -> None:
    url, server = verify_server
    flow, control, _audit, _ = _flow(url, store, max_failures=2)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    code = server.last_code(PHONE)
    wrong = "000000" if code != "000000" else "111111"
    await flow.on_digits(_said(wrong), gate)
    assert flow.state is StepUpState.CODE_SENT and control.said[-1] == lines.WRONG_CODE
    assert control.model[-1] == "Verification result: code rejected."
    await flow.on_digits(_said(wrong), gate)
    assert flow.state is StepUpState.LOCKED and control.escalated
    assert control.said[-1] == lines.LOCKED
    await flow.settled()  # the verification is cancelled after the goodbye
    assert not flow.allows(phi_tools(RecordStore(), None)[0])
    assert (await store.load_verification("call-1")).state == "locked"


async def test_unclear_reading_asks_again_without_spending_a_check(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    flow, control, _audit, _ = _flow(url, store)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    await flow.on_digits(DigitEntry("472", "speech", 0.2, True), gate)
    assert control.said[-1] == lines.REPROMPT_CODE
    await flow.on_digits(DigitEntry("123", "keypad", 1.0, False), gate)  # too short: no check
    assert control.said[-1] == lines.REPROMPT_CODE
    await flow.on_digits(_said(server.last_code(PHONE)), gate)
    assert flow.state is StepUpState.VERIFIED


async def test_the_date_of_birth_comes_after_the_code_and_locks_after_the_limit(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    flow, control, _audit, _ = _flow(url, store, max_failures=2, ask_dob=True)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    await flow.on_digits(_said(server.last_code(PHONE)), gate)
    assert flow.state is StepUpState.CODE_APPROVED and not flow.verified
    assert control.said[-1] == lines.ASK_DOB and control.expected[-1].kind == "date"
    await flow.on_digits(_said("19990101"), gate)
    assert control.said[-1] == lines.NO_MATCH
    await flow.on_digits(_said("19990102"), gate)
    assert flow.state is StepUpState.LOCKED and control.escalated and not flow.verified
    assert "19990101" not in await _audit_text(store)  # a wrong guess is not recorded either


async def test_the_date_of_birth_keyed_as_mmddyyyy_verifies(verify_server,
                                                            store: StateStore) -> None:
    url, server = verify_server
    flow, control, _audit, _ = _flow(url, store, ask_dob=True)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    await flow.on_digits(_said(server.last_code(PHONE)), gate)
    await flow.on_digits(_said("03071984", "keypad"), gate)
    assert flow.verified and control.said[-1] == lines.VERIFIED


# -- no identity oracle: a number with no record hears what a patient's number hears -------

async def _wrong_codes_until_locked(flow: StepUp, gate: CodeGate) -> None:
    await flow.require("account_balance")
    await flow.settled()
    while flow.state is not StepUpState.LOCKED:
        await flow.on_digits(_said("000000"), gate)
    await flow.settled()


async def test_an_unknown_number_hears_the_same_dialogue_and_nothing_is_sent(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    patient, patient_control, _a, _p = _flow(url, store, call_id="call-patient")
    stranger, stranger_control, _a, _p = _flow(url, store, phone="+15550100999",
                                               call_id="call-stranger")
    if server.last_code(PHONE) == "000000":  # pragma: no cover - one chance in a million
        pytest.skip("the patient's code happened to be the wrong guess")
    await _wrong_codes_until_locked(patient, CodeGate(patient))
    await _wrong_codes_until_locked(stranger, CodeGate(stranger))
    assert stranger_control.said == patient_control.said
    assert stranger_control.expected == patient_control.expected
    assert stranger_control.escalations == patient_control.escalations == ["locked"]
    assert stranger_control.model == patient_control.model
    assert server.outbox("+15550100999") == []  # nothing was texted to the stranger
    assert len(server.outbox(PHONE)) == 1


async def test_an_unknown_numbers_sends_count_against_its_daily_limit(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    stranger = "+15550100999"
    for n in range(3):
        flow, control, _a, _p = _flow(url, store, phone=stranger, call_id=f"call-{n}",
                                      max_sends_per_day=2)
        await flow.require("account_balance")
        await flow.settled()
    assert control.said == [lines.LOCKED] and flow.state is StepUpState.LOCKED
    assert server.outbox(stranger) == []


@pytest.mark.parametrize("phone", [PHONE, "+15550100999"])
async def test_failed_codes_lock_the_number_across_calls_and_replicas(
        verify_server, store_url, phone: str) -> None:
    """Two calls on two replicas (each its own connection to the one store, SQLite or
    PostgreSQL), one wrong code each: the third call, on either, hears the locked line."""
    url, _server = verify_server
    replicas = [store_from_url(store_url), store_from_url(store_url)]
    try:
        for n, replica in enumerate(replicas):  # one wrong code, then the caller hangs up
            flow, control, _a, _p = _flow(url, replica, phone=phone, call_id=f"call-{n}",
                                          max_identity_failures_per_day=2)
            gate = CodeGate(flow)
            await flow.require("account_balance")
            await flow.settled()
            await flow.on_digits(_said("000000"), gate)
            await flow.call_ended()
        assert control.said[-1] == lines.NUMBER_LOCKED and flow.state is StepUpState.LOCKED
        third, control, _a, _p = _flow(url, replicas[0], phone=phone, call_id="call-3",
                                       max_identity_failures_per_day=2)
        await third.require("account_balance")
        await third.settled()
        assert control.said == [lines.NUMBER_LOCKED] and control.escalations == ["locked"]
        assert control.expected == [None]  # no code asked for: nothing was sent
        text = await _audit_text(replicas[1])
        assert text.count('"number_locked"') == 2 and phone[1:] not in text
    finally:
        for replica in replicas:
            await replica.close()


async def test_a_browser_call_is_told_the_truth_and_nothing_is_sent(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    flow, control, _a, _p = _flow(url, store, phone=None)
    await flow.require("account_balance")
    await flow.settled()
    assert control.said == [lines.NO_PHONE] and not flow.verified
    assert server.last_code(PHONE) is None


@pytest.mark.parametrize(("policy", "first_line"), [
    ("allow", ASKED_FOR_CODE), ("dob", ASKED_FOR_CODE), ("refuse", lines.UNATTESTED)])
async def test_an_unattested_caller_id_follows_the_setting(
        verify_server, store: StateStore, policy: str, first_line: str) -> None:
    url, server = verify_server
    flow, control, _a, _p = _flow(url, store, attested=False, unattested=policy)
    gate = CodeGate(flow)
    await flow.require("account_balance")
    await flow.settled()
    assert control.said == [first_line]
    if policy == "refuse":
        assert control.escalations == ["verify_down"] and server.last_code(PHONE) is None
        return
    await flow.on_digits(_said(server.last_code(PHONE)), gate)
    if policy == "dob":
        assert control.said[-1] == lines.ASK_DOB and not flow.verified
        await flow.on_digits(_said(DOB), gate)
    assert flow.verified


# -- the Verify client: every documented outcome, produced by the server, through the SDK --

def _wide_client(url: str, store: StateStore) -> VerifyClient:
    return _client(url, store, max_checks_per_verification=50, max_sends_per_day=50)


async def test_a_wrong_code_answers_pending_and_the_right_one_approves(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    client = _wide_client(url, store)
    sent = await client.start(PHONE)
    assert sent.ok and sent.status is VerifyStatus.PENDING and sent.sid.startswith("VE")
    code = server.last_code(PHONE)
    wrong = await client.check(sent.sid, "000000" if code != "000000" else "111111")
    assert wrong.status is VerifyStatus.PENDING and not wrong.approved
    assert (await client.check(sent.sid, code)).approved


async def test_an_approved_verification_is_gone_for_later_checks(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    client = _wide_client(url, store)
    sent = await client.start(PHONE)
    assert (await client.check(sent.sid, server.last_code(PHONE))).approved
    gone = await client.check(sent.sid, "123456")
    assert gone.error is VerifyError.GONE and gone.twilio_code == 20404


async def test_a_number_twilio_blocks_for_fraud_is_refused(verify_server,
                                                           store: StateStore) -> None:
    url, _server = verify_server
    refused = await _wide_client(url, store).start("+15559990000")
    assert refused.error is VerifyError.FRAUD_BLOCKED and refused.twilio_code == 60410


async def test_a_malformed_number_is_a_bad_parameter(verify_server, store: StateStore) -> None:
    url, _server = verify_server
    assert (await _wide_client(url, store).start("not-a-number")).error is \
        VerifyError.BAD_PARAMETER


async def test_the_email_channel_sends_to_an_address(verify_server, store: StateStore) -> None:
    url, server = verify_server
    sent = await _wide_client(url, store).start("someone@example.org", "email")
    assert sent.ok and sent.channel == "email"
    assert server.last_code("someone@example.org") is not None


async def test_a_twilio_5xx_is_a_server_error(verify_server, store: StateStore) -> None:
    url, server = verify_server
    server.inject_fault(status=503, count=1)
    assert (await _wide_client(url, store).start("+15550100277")).error is \
        VerifyError.SERVER_ERROR


async def test_a_check_slower_than_the_timeout_is_a_timeout_never_retried(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    client = _wide_client(url, store)
    fresh = await client.start("+15550100398")
    server.inject_delay(4.0, count=1)
    assert (await client.check(fresh.sid, "123456")).error is VerifyError.TIMEOUT


async def test_twilio_limits_surface_as_typed_errors(verify_server, store: StateStore) -> None:
    url, _server = verify_server
    client = _client(url, store, max_checks_per_verification=50, max_sends_per_day=50)
    sent = await client.start("+15550100277")
    for _ in range(5):
        await client.check(sent.sid, "000001")
    too_many = await client.check(sent.sid, "000001")
    assert too_many.error is VerifyError.TOO_MANY_CHECKS and too_many.twilio_code == 60202
    for _ in range(5):
        await client.start("+15550100398")
    sends = await client.start("+15550100398")
    assert sends.error is VerifyError.TOO_MANY_SENDS and sends.twilio_code == 60203


async def test_our_own_limits_refuse_before_twilio(verify_server, store: StateStore) -> None:
    url, _server = verify_server
    client = _client(url, store, max_sends_per_day=1, max_checks_per_verification=1)
    first = await client.start(PHONE)
    assert first.ok
    second = await client.start(PHONE)
    assert second.error is VerifyError.TOO_MANY_SENDS and second.limited_here
    await client.check(first.sid, "000000")
    again = await client.check(first.sid, "000000")
    assert again.error is VerifyError.TOO_MANY_CHECKS and again.limited_here
    assert "000000" not in repr(again) and PHONE not in repr(first)


# -- the state store fails: PHI stays locked, the caller is told politely, nothing leaks ----------

class SwitchableStore(StateStore):
    """A real store whose operations can be made to fail, as a database that went away."""

    backend = "switchable"

    def __init__(self, inner: StateStore) -> None:
        self.inner = inner
        self.down = False
        self.fail_evidence = False

    def _check(self, what: str) -> None:
        if self.down:
            raise StoreUnavailable(f"state store: {what} failed (ConnectionRefusedError)")

    async def migrate(self) -> None:
        self._check("migration")
        await self.inner.migrate()

    async def ping(self) -> None:
        self._check("ping")
        await self.inner.ping()

    async def consume(self, scope: str, key: str, **kw: Any) -> bool:
        self._check("rate limit")
        return await self.inner.consume(scope, key, **kw)

    async def used(self, scope: str, key: str, **kw: Any) -> int:
        self._check("rate limit read")
        return await self.inner.used(scope, key, **kw)

    async def save_verification(self, record: VerificationRecord) -> None:
        self._check("verification save")
        await self.inner.save_verification(record)

    async def load_verification(self, call_id: str) -> VerificationRecord | None:
        self._check("verification load")
        return await self.inner.load_verification(call_id)

    async def append_audit(self, body: dict[str, Any]) -> dict[str, Any]:
        self._check("audit append")
        if self.fail_evidence and body["step"] == "evidence":
            raise StoreUnavailable("state store: audit append failed (TimeoutError)")
        return await self.inner.append_audit(body)

    async def audit_lines(self, **kw: Any) -> list[tuple[int, str]]:
        return await self.inner.audit_lines(**kw)

    async def audit_head(self) -> tuple[int, str]:
        return await self.inner.audit_head()

    def describe(self) -> str:
        return self.inner.describe()

    async def close(self) -> None:
        await self.inner.close()


def _logged() -> tuple[list[str], int]:
    captured: list[str] = []
    return captured, logger.add(captured.append, level="DEBUG")


async def test_an_unreachable_database_keeps_phi_locked_and_says_so(verify_server) -> None:
    url, server = verify_server
    unreachable = store_from_url(f"postgresql://verivoice:pw-canary@127.0.0.1:{free_port()}/x",
                                 timeout_s=2.0)
    flow, control, _audit, _ = _flow(url, unreachable)
    runner = ToolRunner(phi_tools(RecordStore(), RecordStore().by_phone(PHONE)), flow)
    captured, sink = _logged()
    started = time.monotonic()
    try:
        assert await runner.call(runner.tools["account_balance"], {}) is VERIFICATION_REQUIRED
        await flow.require("account_balance")
        await flow.settled()
    finally:
        logger.remove(sink)
        await unreachable.close()
    assert time.monotonic() - started < 10
    assert control.said == [lines.STORE_DOWN] and flow.state is StepUpState.UNVERIFIED
    assert not flow.allows(runner.tools["account_balance"])
    assert server.last_code(PHONE) is None  # no code was sent
    text = "\n".join(captured)
    assert "state store" in text
    for secret in ("pw-canary", PHONE, PHONE[1:], DOB):
        assert secret not in text, secret


async def test_the_store_going_down_before_the_check_stops_the_flow_then_resumes(
        verify_server, store: StateStore) -> None:
    url, server = verify_server
    switchable = SwitchableStore(store)
    flow, control, _audit, _ = _flow(url, switchable)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    code = server.last_code(PHONE)
    switchable.down = True
    captured, sink = _logged()
    try:
        await flow.on_digits(_said(code), gate)  # the right code, but nothing can be counted
    finally:
        logger.remove(sink)
    assert control.said[-1] == lines.STORE_DOWN and control.expected[-1] is None
    assert flow.state is StepUpState.UNVERIFIED and not flow.verified
    assert code not in "\n".join(captured) and PHONE not in "\n".join(captured)
    # Back up: the next refused PHI tool sends a new code (the old one was never checked).
    switchable.down = False
    await flow.require("account_balance")
    await flow.settled()
    assert flow.state is StepUpState.CODE_SENT and server.last_code(PHONE) is not None
    await flow.on_digits(_said(server.last_code(PHONE)), gate)
    assert flow.verified
    assert (await verify_store(store)).ok


async def test_no_evidence_stored_no_access(verify_server, store: StateStore) -> None:
    """Verify approves the code, but the evidence cannot be written: the caller stays locked
    out of PHI, and the chain in the store has no approval it cannot back."""
    url, server = verify_server
    switchable = SwitchableStore(store)
    flow, control, _audit, _ = _flow(url, switchable)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    switchable.fail_evidence = True
    await flow.on_digits(_said(server.last_code(PHONE)), gate)
    assert not flow.verified and control.said[-1] == lines.STORE_DOWN
    assert lines.VERIFIED not in control.said
    assert not any("code accepted" in m for m in control.model)
    assert (await store.load_verification("call-1")).state == "code_sent"
    assert '"evidence"' not in await _audit_text(store)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB file system of its own (tmpfs), to fill up or make read-only."""
    import os
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a tmpfs in CI: {done.stderr}")
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("fault", ["disk full", "read-only"])
async def test_an_audit_disk_that_fails_keeps_phi_locked(verify_server, small_disk: Path,
                                                         fault: str) -> None:
    import subprocess

    url, _server = verify_server
    store = store_from_url(f"sqlite:///{small_disk / 'state.db'}")
    try:
        await store.audit_head()  # the schema is in place; then the disk fails
        if fault == "disk full":
            with (small_disk / "filler").open("wb") as filler:
                try:
                    while True:
                        filler.write(b"\0" * 65536)
                        filler.flush()
                except OSError:
                    pass
        else:  # the file system turns read-only (as ext4 does after an I/O error)
            await store.close()
            subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
            store = store_from_url(f"sqlite:///{small_disk / 'state.db'}")
        flow, control, _audit, _ = _flow(url, store)
        runner = ToolRunner(phi_tools(RecordStore(), RecordStore().by_phone(PHONE)), flow)
        await flow.require("upcoming_appointments")
        await flow.settled()
        assert control.said == [lines.STORE_DOWN]
        assert not flow.verified
        assert await runner.call(runner.tools["upcoming_appointments"], {}) is VERIFICATION_REQUIRED
    finally:
        await store.close()
