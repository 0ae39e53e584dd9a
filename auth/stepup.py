"""The step-up flow: a per-call state machine the model cannot talk its way past.

    unverified -> code_sent [-> code_approved, when the date of birth is asked] -> verified
                                                                        (or locked)

It is the call's :class:`ToolGate` (PHI tools run only when ``verified``) and the code gate's
:class:`DigitsListener` (digits the caller reads or keys go straight here, never to the
model). When the caller asks for protected data (the request router) or the model asks
for a PHI tool too early, :meth:`StepUp.require` starts the flow, and the request waits:

1. a code is sent with Twilio Verify to the number on file ("I'm texting a code to the
   number on file."); the caller reads it back or keys it in (the ASR is in digit mode);
2. where the tenant asks for it (``ask_dob``, or a caller ID Twilio did not attest at level
   A), the date of birth, against the record;
3. PHI tools unlock for this call only, and the waiting requests are answered
   (:meth:`StepUp.answer_with`).

No identity oracle: a number with no record hears exactly the same dialogue: the same
"I'm texting a code" line (nothing is sent, but the send is counted against the number's
daily limit all the same), the same "that code didn't match" and the same lock. Whether a
number is a patient's is learned by nobody who cannot read the code sent to it. The date of
birth is asked only after the code, from someone who has shown they hold the phone on file.
Failed identity steps are counted per number (a keyed hash) in the state store, across
calls and replicas; at the daily limit every call from that number hears the same locked
line, and the lock is audited.

The model only ever hears "code accepted" or "code rejected"; codes, dates of birth and
phone numbers reach no log, no audit record, no LLM message. Too many failures lock the
flow, and the call is handed to staff (``escalate``) where someone can take it; otherwise
the caller is told when to call back and the call ends politely.

Every step is written to the state store (the audit chain and the call's verification
state) before it takes effect, and ``verified`` only after the evidence is stored. If the
store cannot be reached, the flow stops where it is, PHI tools stay locked, and the caller
hears :data:`STORE_DOWN` (fail closed) and is handed to staff where someone can take the
call; the log line names the failure, never the caller.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from enum import StrEnum

from loguru import logger

from verivoice.auth.audit import AuditLog, patient_pseudonym
from verivoice.auth.records import CallerRecord
from verivoice.auth.store.base import StoreUnavailable, VerificationRecord
from verivoice.auth.verify import VerifyClient, VerifyError, VerifyStatus
from verivoice.config import VerifySettings
from verivoice.pipeline.contracts import (
    CallControl,
    Classify,
    DigitEntry,
    DigitExpectation,
    ProtectedValues,
    Tool,
)

# Short lines: every second of a prompt is a second on the way to "verified". The same lines
# for every number, with a record or without one.
CODE_SENT = "To keep your account safe, I'm texting a code to the number on file."
ASK_CODE = "Please read it to me, or key it in."
REPROMPT_CODE = ("Could you say the code again, one digit at a time, or type it on your "
                 "keypad?")
ASK_DOB = "Thanks. And what is your date of birth?"
REPROMPT = "Sorry, I didn't catch that. Could you say it again, or type it on your keypad?"
WRONG_CODE = "That code didn't match. Please try again."
NO_MATCH = "That doesn't match our records. Let's try that once more."
VERIFIED = "Thanks, you're verified."
# The flow never promises a person: after these lines the call's hand-off (escalate) says
# truthfully whether a transfer is made, or when the practice can be reached instead.
LOCKED = "I'm sorry, I wasn't able to verify you."
NUMBER_LOCKED = "I'm sorry, I can't verify callers from this number today."
SEND_FAILED = ("I'm sorry, I can't send a code right now, so I can't help with your account on "
               "this call.")
NO_PHONE = "I'm sorry, I can only help with your account on a phone call."
UNATTESTED = ("I'm sorry, I can't verify callers on this line, so I can't help with your "
              "account on this call.")
CHECK_FAILED = "I couldn't confirm that code just now. I'll text you a new one."
STILL_VERIFYING = "I'll answer that as soon as you're verified."
LOCKED_AGAIN = "I'm sorry, I wasn't able to verify you on this call, so I can't help with that."
# The step the caller is on, asked again after they said something else.
REASK = {"dob": "What is your date of birth?",
         "code": "Please read me the code from the text message, or type it on your keypad."}
STORE_DOWN = ("I'm sorry, I can't verify callers right now, so I can't help with your account "
              "on this call.")


class StepUpState(StrEnum):
    UNVERIFIED = "unverified"
    CODE_SENT = "code_sent"
    CODE_APPROVED = "code_approved"  # the date of birth is still to come
    VERIFIED = "verified"
    LOCKED = "locked"


def _dob_digits(dob_iso: str) -> str:
    return dob_iso.replace("-", "")


def _keyed_date(digits: str) -> str:
    """A date keyed as MMDDYYYY, as YYYYMMDD (speech arrives as YYYYMMDD already)."""
    if len(digits) == 8 and not digits.startswith(("19", "20")):
        return digits[4:] + digits[:4]
    return digits


def _log_failure(task: asyncio.Task) -> None:
    """A background step that failed is logged (by type only: no caller data)."""
    if not task.cancelled() and task.exception() is not None:
        logger.error(f"step-up: {task.get_name()} failed ({type(task.exception()).__name__})")


class StepUp:
    """One call's verification state, gate and flow.

    Args:
        control: The call (speech out, digit mode, messages to the model, escalation).
        verify: The Verify client (and, through it, the limits in the state store).
        audit: This call's audit trail (and, through its store, its verification state).
        caller: The record for the number the caller calls from (``None``: no record; the
            caller hears the same dialogue and fails at the code).
        settings: Channel, failure limits, the date-of-birth factor.
        protected: Where the code is marked so the TTS can never voice it.
        phone: The number the caller calls from (E.164; ``None`` on a browser call, where
            nobody can be verified). Defaults to the record's number.
        attested: Twilio attested the caller ID at level A (SHAKEN/STIR); below it,
            ``settings.unattested`` decides.
        classify: Names the request in what the caller says mid-flow (the router's rules);
            ``None``: whatever they say goes to the model.
        request_tail_s: Words this soon after the request that started the step, asking
            nothing of their own (``asks_something``), finish that request.
        asks_something: Whether words make a request or ask about the practice.
        reask_cut_s: A step's question the caller cut, with none of their words reaching
            the step after it, is asked again this long after they stop (0: never).
    """

    def __init__(self, control: CallControl, verify: VerifyClient, audit: AuditLog,
                 caller: CallerRecord | None, settings: VerifySettings,
                 protected: ProtectedValues | None = None, *, phone: str | None = None,
                 attested: bool = True, classify: Classify | None = None,
                 request_tail_s: float = 0.0,
                 asks_something: Callable[[str], bool] | None = None,
                 reask_cut_s: float = 0.0) -> None:
        self.state = StepUpState.UNVERIFIED
        self._control = control
        self._verify = verify
        self._audit = audit
        self._caller = caller
        self._phone = phone or (caller.phone if caller is not None else None)
        self._settings = settings
        self._protected = protected
        self._classify = classify
        self._refuse = not attested and settings.unattested == "refuse"
        self._ask_dob = settings.ask_dob or (not attested and settings.unattested == "dob")
        self._phase: str | None = None  # "code" | "dob" while collecting digits
        self._failures = 0
        self._unclear = 0
        self._checks = 0
        self._verification_sid: str | None = None
        self._starting: asyncio.Task | None = None
        self._background: set[asyncio.Task] = set()
        self._ended = False
        self.pending: list[str] = []  # the protected requests to answer once verified
        self._tail_s = request_tail_s
        self._asks_something = asks_something
        self._asked_at: float | None = None  # when the last protected request came
        self._line_at: float | None = None  # when the step's question was last said
        self._entry_at: float | None = None  # when the caller's words last reached the step
        self._reask_cut_s = reask_cut_s
        self._watch: asyncio.Task | None = None  # asks a cut question again (_watch_step)
        self._answer: Callable[[list[str]], Awaitable[None]] | None = None

    def answer_with(self, answer: Callable[[list[str]], Awaitable[None]]) -> None:
        """Once verified, ``answer(pending tool names)`` answers what the caller asked."""
        self._answer = answer

    # -- ToolGate ------------------------------------------------------------------------

    def allows(self, tool: Tool) -> bool:
        return not tool.phi or self.state is StepUpState.VERIFIED

    @property
    def verified(self) -> bool:
        return self.state is StepUpState.VERIFIED

    async def disclosing(self, tool: Tool) -> None:
        """A PHI tool is about to run: its ``phi_access`` record is written first: the call,
        the tool, the patient's pseudonym, the fields read and the verification it relies
        on (raises StoreUnavailable or AuditError, and then the tool does not run)."""
        patient = (patient_pseudonym(self._caller.patient_id,
                                     self._settings.phone_key_salt.get_secret_value())
                   if self._caller is not None else None)
        await self._record("phi_access", tool=tool.name, patient=patient,
                           fields=list(tool.reads), state=self.state.value,
                           verification_sid=self._verification_sid)

    # -- the flow ------------------------------------------------------------------------

    async def require(self, tool_name: str) -> None:
        """A PHI tool was refused: start (or resume) verification, driven from here.

        Returns at once: the flow runs in a task of its own, so an interruption of the
        model's turn cannot cancel it halfway, and a second refused tool joins the first.
        """
        try:
            await self._record("phi_tool_refused", tool=tool_name, state=self.state.value)
        except StoreUnavailable as exc:
            await self._store_down(exc)
            return
        if tool_name not in self.pending:
            self.pending.append(tool_name)
        self._asked_at = time.monotonic()
        if self.state is StepUpState.LOCKED:
            await self._control.say(LOCKED_AGAIN)
            return
        if self._starting is not None and not self._starting.done():
            return
        if self._phase is not None:  # asked again mid-flow: no second code, back to the step
            await self._say_step(f"{STILL_VERIFYING} {REASK[self._phase]}")
            return
        self._starting = asyncio.create_task(self._start(), name="step-up")

    async def _record(self, step: str, **fields) -> None:
        """Append to the audit chain in the state store (raises StoreUnavailable)."""
        await self._audit.record(step, **fields)

    async def _save(self, state: StepUpState) -> None:
        """Save this call's verification state in the store (raises StoreUnavailable)."""
        await self._audit.store.save_verification(VerificationRecord(
            call_id=self._audit.call_id, state=state.value,
            verification_sid=self._verification_sid, checks=self._checks,
            failures=self._failures, updated_at=time.time()))

    async def _enter(self, state: StepUpState) -> None:
        """Move to ``state`` once the store holds it (write-through: fail closed)."""
        await self._save(state)
        self.state = state

    async def _store_down(self, exc: StoreUnavailable) -> None:
        """The store failed mid-flow: stop here, keep PHI locked, tell the caller politely."""
        logger.error(f"step-up stopped: {exc}; PHI tools stay locked on this call")
        if self.state is not StepUpState.LOCKED:
            self.state = StepUpState.UNVERIFIED  # next time, from a new code
        self._phase = None
        await self._control.expect_digits(None)
        await self._control.say(STORE_DOWN)
        await self._control.escalate("verify_down")

    async def begin(self) -> None:
        """Start verification now, without waiting for a PHI tool (verify-at-start lines)."""
        try:
            await self._record("verification_started", reason="call connected",
                               state=self.state.value)
        except StoreUnavailable as exc:
            await self._store_down(exc)
            return
        if self._starting is None or self._starting.done():
            self._starting = asyncio.create_task(self._start(), name="step-up")

    async def call_ended(self) -> None:
        """The call is over (the caller hung up, or we did): close the flow cleanly.

        A code that was sent and not yet approved is cancelled at Twilio, so it is useless
        after the call; the audit trail records that the call ended mid-verification.
        """
        if self._ended:
            return
        self._ended = True
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()
        if self._watch is not None:
            self._watch.cancel()
        pending = self.state is StepUpState.CODE_SENT and self._verification_sid is not None
        if self.state in (StepUpState.VERIFIED, StepUpState.LOCKED) or (
                self.state is StepUpState.UNVERIFIED and self._phase is None):
            return
        self._phase = None
        try:
            await self._record("call_ended", state=self.state.value,
                               verification_sid=self._verification_sid if pending else None)
        except StoreUnavailable as exc:
            logger.error(f"step-up: the call ended mid-verification, unrecorded: {exc}")
        if pending:
            assert self._verification_sid is not None
            await self._verify.cancel(self._verification_sid)
        await asyncio.gather(*self._background, return_exceptions=True)

    async def settled(self) -> None:
        """Wait until the flow's current step has been taken (tests)."""
        if self._starting is not None:
            await self._starting
        while self._background:
            await asyncio.gather(*self._background, return_exceptions=True)

    async def _start(self) -> None:
        try:
            await self._start_flow()
        except StoreUnavailable as exc:
            await self._store_down(exc)

    async def _start_flow(self) -> None:
        if self.state is StepUpState.LOCKED or self._phase is not None:
            return
        if self._phone is None:  # a browser call: no number on file to text
            await self._record("no_phone", state=self.state.value)
            await self._control.say(NO_PHONE)
            return
        if self._refuse:
            await self._record("unattested_refused", state=self.state.value)
            await self._control.say(UNATTESTED)
            await self._control.escalate("verify_down")
            return
        if await self._verify.limits.identity_locked(self._phone):
            await self._lock(number_locked=True)
            return
        if self.state is StepUpState.UNVERIFIED:
            await self._send_code()
        elif self.state is StepUpState.CODE_APPROVED:
            await self._ask("dob", ASK_DOB, DigitExpectation.date())

    async def _ask(self, phase: str, line: str, expectation: DigitExpectation) -> None:
        self._phase = phase
        await self._control.expect_digits(expectation)
        await self._say_step(line)

    async def _say_step(self, line: str) -> None:
        """Say the step's question, noting when (a caller who talks over it cuts it)."""
        self._line_at = line_at = time.monotonic()
        await self._control.say(line)
        if (self._reask_cut_s > 0 and self._phase is not None and not self._ended
                and self._line_at == line_at):  # no newer line while this one waited
            if self._watch is not None:
                self._watch.cancel()
            self._watch = asyncio.create_task(self._watch_step(line_at, self._phase),
                                              name="step-up-watch")
            self._watch.add_done_callback(_log_failure)

    async def _watch_step(self, line_at: float, phase: str, *, watch_s: float = 15.0,
                          poll_s: float = 0.2) -> None:
        """Ask the step's question again if the caller cut it and nothing of theirs reached
        the step afterwards.

        The caller's words that cut a question usually reach the step, and it is asked again
        there (:meth:`_ask_again_if_cut`). But the rest of a request said over the question
        can reach no step: decoded before the step listened for digits, or into no
        transcript at all. On the step-up bench the caller then heard a scrap of the
        question and waited in silence. Once the caller stops, and ``reask_cut_s`` later no
        words of theirs have reached the step (and they have not started again), the
        question is asked again, once: the new line is watched in its turn. Not while the
        call is being handed to staff.
        """
        deadline = line_at + watch_s
        while not self._control.cut_since(line_at):
            if time.monotonic() > deadline or self._line_at != line_at or self._phase != phase:
                return
            await asyncio.sleep(poll_s)
        if not await self._control.caller_quiet(watch_s):
            return  # still talking: their words will reach the step
        await asyncio.sleep(self._reask_cut_s)
        if (self._line_at == line_at and self._phase == phase and not self._ended
                and (self._entry_at is None or self._entry_at < line_at)
                and await self._control.caller_quiet(0)
                and not self._control.handing_off()):
            self._watch = None  # this task says the line; the next watch is its own
            await self._say_step(REASK[phase])

    async def on_digits(self, entry: DigitEntry, gate: object) -> None:
        """The code gate hands over what the caller read or keyed."""
        self._entry_at = time.monotonic()
        try:
            await self._take_digits(entry)
        except StoreUnavailable as exc:
            await self._store_down(exc)

    async def _take_digits(self, entry: DigitEntry) -> None:
        phase = self._phase
        if phase is None or self.state is StepUpState.LOCKED:
            return
        if entry.digits is None and self._finishes_the_request(entry.words):
            # "... could you check that for me?": neither an answer nor a question.
            await self._ask_again_if_cut(phase)
            return
        if entry.digits is None and entry.words and len(entry.words.split()) >= 3:
            await self._aside(phase, entry.words)
            return
        wanted = {"dob": 8, "code": self._settings.code_length}[phase]
        if entry.digits is None or entry.unsure or len(entry.digits) != wanted:
            self._unclear += 1
            await self._record("digits_unclear", reason=phase, attempts=self._unclear)
            if self._unclear > self._settings.max_failures:
                await self._lock()
                return
            await self._control.say(REPROMPT_CODE if phase == "code" else REPROMPT)
            return
        if phase == "dob":
            await self._check_dob(entry)
        elif phase == "code":
            await self._check_code(entry.digits, entry.source)

    async def tail_heard(self) -> bool:
        """The rest of the request came before digits were expected (the router kept it).
        Returns whether the flow is under way (then it owns the reply: its question is
        asked again if those words cut it)."""
        phase = self._phase
        if phase is None:
            return self._starting is not None and not self._starting.done()
        await self._ask_again_if_cut(phase)
        return True

    async def _ask_again_if_cut(self, phase: str) -> None:
        """The caller's words came over the step's question and cut it: they have not heard
        what to do, so it is asked again (once per cut)."""
        if self._line_at is not None and self._control.cut_since(self._line_at):
            await self._say_step(REASK[phase])

    def _finishes_the_request(self, words: str | None) -> bool:
        """Words with no digits, said within the tail window of the request that started
        the step, that make no request and ask nothing about the practice
        (``asks_something``): the caller finishing that request over the step's line. They
        are no failed attempt, and no question for the model."""
        if (self._asks_something is None or self._asked_at is None
                or time.monotonic() - self._asked_at >= self._tail_s):
            return False
        return not words or not self._asks_something(words)

    async def _aside(self, phase: str, words: str) -> None:
        """The caller said something else mid-flow: answer it, then return to the step.

        A request for protected data joins the pending ones (no second code is sent); a
        request for a person is handed off; any other question goes to the model. None of
        them counts as a failed attempt.
        """
        request = self._classify(words) if self._classify is not None else None
        if request is not None and not request.protected:  # a person, not the step: hand off
            await self._record("aside", reason=phase, state=self.state.value)
            await self._control.escalate("asked")
            return
        if request is not None and request.protected:
            if request.value not in self.pending:
                self.pending.append(request.value)
            await self._record("phi_tool_refused", tool=request.value, state=self.state.value)
            await self._say_step(f"{STILL_VERIFYING} {REASK[phase]}")
            return
        await self._record("aside", reason=phase, state=self.state.value)
        await self._control.aside(words, REASK[phase])

    async def _send_code(self) -> None:
        """Text a code to the number on file, or, for a number with no record, send nothing
        and count the send all the same: the caller hears the same line either way."""
        assert self._phone is not None
        self._phase = None
        if self._caller is None:
            counted = await self._verify.limits.try_send(self._phone)
            await self._record("code_send", status="no_record" if counted else None,
                               error=None if counted else VerifyError.TOO_MANY_SENDS.value,
                               channel=self._settings.channel)
            if not counted:
                await self._lock()
                return
            self._verification_sid = None
        else:
            result = await self._verify.start(self._caller.phone, self._settings.channel)
            if result.error is VerifyError.STATE_UNAVAILABLE:
                raise StoreUnavailable("state store: send limit unavailable")
            await self._record("code_send",
                               status=result.status.value if result.status else None,
                               error=result.error.value if result.error else None,
                               verification_sid=result.sid, channel=result.channel)
            if not result.ok:
                if result.error in (VerifyError.TOO_MANY_SENDS, VerifyError.FRAUD_BLOCKED):
                    await self._lock()
                    return
                await self._control.expect_digits(None)  # back to ordinary speech
                await self._control.say(SEND_FAILED)
                await self._control.escalate("verify_down")
                return
            self._verification_sid = result.sid
        self._checks = 0
        await self._enter(StepUpState.CODE_SENT)
        await self._ask("code", f"{CODE_SENT} {ASK_CODE}",
                        DigitExpectation.code(self._settings.code_length))

    async def _check_code(self, code: str, source: str) -> None:
        if self._protected is not None:
            self._protected.mark(code)  # whatever happens next, the TTS never voices it
        self._checks += 1
        if self._verification_sid is None:  # no record, nothing sent: no code can match
            await self._record("code_check", status=VerifyStatus.PENDING.value,
                               attempts=self._checks, reason=source)
            await self._failed("code_rejected", WRONG_CODE, tell_model=True)
            return
        result = await self._verify.check(self._verification_sid, code)
        if result.error is VerifyError.STATE_UNAVAILABLE:
            raise StoreUnavailable("state store: check limit unavailable")
        await self._record("code_check", verification_sid=self._verification_sid,
                           status=result.status.value if result.status else None,
                           error=result.error.value if result.error else None,
                           attempts=self._checks, reason=source)
        if result.approved:
            # The evidence is stored first: no record, no access.
            await self._audit.evidence(verification_sid=self._verification_sid,
                                       attempts=self._checks, channel=self._settings.channel)
            if self._ask_dob:
                await self._enter(StepUpState.CODE_APPROVED)
                await self._ask("dob", ASK_DOB, DigitExpectation.date())
                return
            await self._verified()
            return
        if result.status is VerifyStatus.PENDING:
            await self._failed("code_rejected", WRONG_CODE, tell_model=True)
            return
        if result.error in (VerifyError.GONE, VerifyError.TOO_MANY_CHECKS) or result.status in (
                VerifyStatus.CANCELED, VerifyStatus.EXPIRED, VerifyStatus.MAX_ATTEMPTS_REACHED):
            await self._failed("code_unusable", WRONG_CODE, tell_model=True, fatal=True)
            return
        # A timeout, a 5xx, a dropped connection: Twilio may or may not have counted the
        # check, so it is never sent again. A new code is sent instead (within the limits).
        self._failures += 1
        if self._failures >= self._settings.max_failures:
            await self._lock()
            return
        await self._control.say(CHECK_FAILED)
        await self._send_code()

    async def _check_dob(self, entry: DigitEntry) -> None:
        """The date of birth, asked only of a caller who read the code sent to the number
        on file (so a mismatch tells them nothing they could not learn otherwise)."""
        assert self._caller is not None
        digits = _keyed_date(entry.digits or "") if entry.source == "keypad" else entry.digits
        if digits == _dob_digits(self._caller.dob):
            await self._record("dob_matched", state=self.state.value)
            await self._verified()
        else:
            await self._failed("dob_mismatch", NO_MATCH)

    async def _verified(self) -> None:
        await self._enter(StepUpState.VERIFIED)
        self._phase = None
        await self._control.expect_digits(None)
        logger.info("step-up: caller verified")
        await self._control.say(VERIFIED)
        if self.pending and self._answer is not None:  # what they asked, without asking again
            pending, self.pending = self.pending, []
            await self._answer(pending)
            await self._control.tell_model("Verification result: code accepted. The caller "
                                           "is verified and their request was answered.",
                                           respond=False)
            return
        await self._control.tell_model("Verification result: code accepted. The caller is "
                                       "verified; continue with their request.")

    async def _failed(self, step: str, line: str, *, tell_model: bool = False,
                      fatal: bool = False) -> None:
        self._failures += 1
        await self._record(step, attempts=self._failures, state=self.state.value)
        if tell_model:  # the model learns the outcome; the flow does the talking
            await self._control.tell_model("Verification result: code rejected.", respond=False)
        assert self._phone is not None
        if not await self._verify.limits.identity_failed(self._phone):
            await self._lock(number_locked=True)
            return
        if fatal or self._failures >= self._settings.max_failures:
            await self._lock()
            return
        await self._control.say(line)

    async def _lock(self, *, number_locked: bool = False) -> None:
        """Lock the flow for this call (``number_locked``: the number used up its failed
        identity steps for the day; every call from it hears the same line)."""
        self.state = StepUpState.LOCKED  # at once: locking never waits for the store
        self._phase = None
        try:
            await self._record("number_locked" if number_locked else "locked",
                               state=self.state.value, attempts=self._failures)
            await self._save(StepUpState.LOCKED)
        except StoreUnavailable as exc:
            logger.error(f"step-up locked without its record: {exc}")
        await self._control.expect_digits(None)
        await self._control.say(NUMBER_LOCKED if number_locked else LOCKED)
        await self._control.escalate("locked")
        if self._verification_sid is not None:  # Twilio may be slow: not before the goodbye
            task = asyncio.create_task(self._verify.cancel(self._verification_sid))
            self._background.add(task)
            task.add_done_callback(self._background.discard)
