"""The step-up flow against the local Verify server, through the real Twilio SDK over HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from loguru import logger

from verivoice.auth import stepup as lines
from verivoice.auth.audit import AuditLog, verify_chain
from verivoice.auth.limits import VerifyLimits
from verivoice.auth.records import RecordStore, phi_tools
from verivoice.auth.stepup import StepUp, StepUpState
from verivoice.auth.twilio_api import twilio_client
from verivoice.auth.verify import VerifyClient, VerifyError, VerifyStatus
from verivoice.auth.verify_server import VerifyServerSettings, create_verify_app, run_in_thread
from verivoice.config import TwilioSettings, VerifySettings
from verivoice.pipeline.gate import CodeGate, DigitEntry
from verivoice.pipeline.llm.tools import VERIFICATION_REQUIRED, ToolRunner
from verivoice.pipeline.tts.speech_text import ProtectedValues

ACCOUNT, TOKEN, SERVICE = "AC" + "1" * 32, "local-token", "VA" + "2" * 32
PHONE, DOB = "+15550100142", "19840307"  # the fixture's P-1001


class Control:
    """The call, as the flow sees it: records what it would say and do."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.expected: list = []
        self.model: list[str] = []
        self.escalated = False

    async def say(self, text: str) -> None:
        self.said.append(text)

    async def expect_digits(self, expectation) -> None:
        self.expected.append(expectation)

    async def tell_model(self, text: str, respond: bool = True) -> None:
        self.model.append(text)

    async def escalate(self) -> None:
        self.escalated = True


@pytest.fixture
def verify_server(tmp_path: Path) -> Iterator[tuple[str, object]]:
    app = create_verify_app(account_sid=ACCOUNT, auth_token=TOKEN, service_sid=SERVICE,
                            settings=VerifyServerSettings(fraud_prefixes=("+1555999",)))
    with run_in_thread(app) as url:
        yield url, app.state.verify


def _client(url: str, tmp_path: Path, **overrides) -> VerifyClient:
    settings = VerifySettings(service_sid=SERVICE, timeout_s=2.0, **overrides)
    twilio = twilio_client(TwilioSettings(account_sid=ACCOUNT, auth_token=TOKEN,
                                          api_base_url=url), timeout=settings.timeout_s)
    limits = VerifyLimits(tmp_path / "state.db", salt="t",
                          max_sends_per_day=settings.max_sends_per_day,
                          max_checks=settings.max_checks_per_verification)
    return VerifyClient(twilio, settings, limits)


def _flow(url: str, tmp_path: Path, **overrides) -> tuple[StepUp, Control, AuditLog, ProtectedValues]:
    control, protected = Control(), ProtectedValues()
    audit = AuditLog(tmp_path / "call.jsonl", "call-1")
    caller = RecordStore().by_phone(PHONE)
    settings = VerifySettings(service_sid=SERVICE, **overrides)
    flow = StepUp(control, _client(url, tmp_path, **overrides), audit, caller, settings,
                  protected)
    return flow, control, audit, protected


def _said(digits: str, source: str = "speech") -> DigitEntry:
    return DigitEntry(digits, source, 0.9, False)  # type: ignore[arg-type]


async def _to_code_sent(flow: StepUp, gate: CodeGate) -> None:
    """A refused PHI tool, then the right last four digits and date of birth."""
    await flow.require("account_balance")
    await flow.settled()
    await flow.on_digits(_said("0142"), gate)
    await flow.on_digits(_said(DOB), gate)
    assert flow.state is StepUpState.CODE_SENT


async def test_full_step_up_unlocks_phi_tools_and_leaves_clean_evidence(
        verify_server, tmp_path: Path) -> None:
    url, server = verify_server
    flow, control, audit, protected = _flow(url, tmp_path)
    runner = ToolRunner(phi_tools(RecordStore(), RecordStore().by_phone(PHONE)), flow)
    gate = CodeGate(flow)
    captured: list[str] = []
    sink = logger.add(captured.append, level="DEBUG")
    try:
        # The model asks for a PHI tool first thing: refused, and the flow starts itself.
        assert await runner.call(runner.tools["upcoming_appointments"], {}) is VERIFICATION_REQUIRED
        await flow.require("upcoming_appointments")
        await flow.settled()
        assert control.said[-1] == lines.ASK_LAST4 and control.expected[-1].lengths == (4,)
        await flow.on_digits(_said("0142"), gate)
        assert control.said[-1] == lines.ASK_DOB and control.expected[-1].kind == "date"
        await flow.on_digits(_said("03071984", "keypad"), gate)  # MMDDYYYY on the keypad
        assert flow.state is StepUpState.CODE_SENT
        assert lines.CODE_SENT in control.said and control.expected[-1].kind == "code"
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
    # No code, date of birth or full number anywhere: logs, model notes, audit.
    text = "\n".join(captured + control.model) + audit.path.read_text()
    for secret in (code, DOB, "1984-03-07", PHONE, PHONE[1:]):
        assert secret not in text, secret
    assert verify_chain(audit.path)[0]
    evidence = [json.loads(x) for x in audit.path.read_text().splitlines()][-1]["evidence"]
    assert evidence["factor"] == "otp.sms.v1" and evidence["attempts"] == 1
    assert protected.found_in(code)  # the TTS would refuse to voice it


async def test_wrong_codes_then_lock_and_escalate(verify_server, tmp_path: Path) -> None:
    url, server = verify_server
    flow, control, _audit, _ = _flow(url, tmp_path, max_failures=2)
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


async def test_unclear_reading_asks_again_without_spending_a_check(
        verify_server, tmp_path: Path) -> None:
    url, server = verify_server
    flow, control, _audit, _ = _flow(url, tmp_path)
    gate = CodeGate(flow)
    await _to_code_sent(flow, gate)
    await flow.on_digits(DigitEntry("472", "speech", 0.2, True), gate)
    assert control.said[-1] == lines.REPROMPT_CODE
    await flow.on_digits(DigitEntry("123", "keypad", 1.0, False), gate)  # too short: no check
    assert control.said[-1] == lines.REPROMPT_CODE
    await flow.on_digits(_said(server.last_code(PHONE)), gate)
    assert flow.state is StepUpState.VERIFIED


async def test_identity_mismatch_locks_after_the_limit(verify_server, tmp_path: Path) -> None:
    url, _server = verify_server
    flow, control, audit, _ = _flow(url, tmp_path, max_failures=2)
    gate = CodeGate(flow)
    await flow.require("account_balance")
    await flow.settled()
    await flow.on_digits(_said("9999"), gate)
    assert control.said[-1] == lines.NO_MATCH
    await flow.on_digits(_said("9998"), gate)
    assert flow.state is StepUpState.LOCKED and control.escalated
    assert "9999" not in audit.path.read_text()  # a wrong guess is not recorded either


# -- the Verify client: every documented outcome, produced by the server, through the SDK --

async def test_client_outcomes(verify_server, tmp_path: Path) -> None:
    url, server = verify_server
    client = _client(url, tmp_path, max_checks_per_verification=50, max_sends_per_day=50)
    sent = await client.start(PHONE)
    assert sent.ok and sent.status is VerifyStatus.PENDING and sent.sid.startswith("VE")
    wrong = await client.check(sent.sid, "000000" if server.last_code(PHONE) != "000000"
                               else "111111")
    assert wrong.status is VerifyStatus.PENDING  # a wrong code still answers pending
    ok = await client.check(sent.sid, server.last_code(PHONE))
    assert ok.approved
    gone = await client.check(sent.sid, "123456")
    assert gone.error is VerifyError.GONE and gone.twilio_code == 20404
    assert (await client.start("+15559990000")).error is VerifyError.FRAUD_BLOCKED
    assert (await client.start("not-a-number")).error is VerifyError.BAD_PARAMETER
    bad_channel = await client.start("someone@example.org", "email")
    assert bad_channel.error is VerifyError.BAD_PARAMETER or bad_channel.ok
    server.inject_fault(status=503, count=1)
    assert (await client.start("+15550100277")).error is VerifyError.SERVER_ERROR
    fresh = await client.start("+15550100398")
    server.inject_delay(4.0, count=1)
    assert (await client.check(fresh.sid, "123456")).error is VerifyError.TIMEOUT


async def test_twilio_limits_surface_as_typed_errors(verify_server, tmp_path: Path) -> None:
    url, _server = verify_server
    client = _client(url, tmp_path, max_checks_per_verification=50, max_sends_per_day=50)
    sent = await client.start("+15550100277")
    for _ in range(5):
        await client.check(sent.sid, "000001")
    too_many = await client.check(sent.sid, "000001")
    assert too_many.error is VerifyError.TOO_MANY_CHECKS and too_many.twilio_code == 60202
    for _ in range(5):
        await client.start("+15550100398")
    sends = await client.start("+15550100398")
    assert sends.error is VerifyError.TOO_MANY_SENDS and sends.twilio_code == 60203


async def test_our_own_limits_refuse_before_twilio(verify_server, tmp_path: Path) -> None:
    url, _server = verify_server
    client = _client(url, tmp_path, max_sends_per_day=1, max_checks_per_verification=1)
    first = await client.start(PHONE)
    assert first.ok
    second = await client.start(PHONE)
    assert second.error is VerifyError.TOO_MANY_SENDS and second.limited_here
    await client.check(first.sid, "000000")
    again = await client.check(first.sid, "000000")
    assert again.error is VerifyError.TOO_MANY_CHECKS and again.limited_here
    assert "000000" not in repr(again) and PHONE not in repr(first)
