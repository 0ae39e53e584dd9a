"""Handing a call to a person: the agent promises a transfer only when it can make one.

A call is handed off when the caller asks for a person (the request router's rules, or the
model's ``transfer_to_staff`` tool), when the step-up locks or cannot run, or when the model
keeps failing. :class:`Handoff` picks the target from the practice profile (billing for a
billing question, else the front desk; the after-hours line when the office is closed and
it answers), and then:

- on a phone call whose target answers now, says so, lets the line play, and updates the live
  Twilio call through the official SDK with TwiML that ``<Dial>``s the target (a number or a
  SIP URI, the configured caller ID, a ring timeout). Staff hear a whisper first, from a
  signed webhook: why the caller is coming and whether they were verified; never a code or a
  date of birth, and no PHI unless the tenant switches it on. If the target does not answer
  or is busy, the ``<Dial action>`` webhook gives the caller a true line, never silence;
- outside the target's hours, it says when they are open instead;
- on a browser call (no phone line to transfer), it says so and promises nothing.

Every hand-off is an audit record: the reason, the target's name (never its number), whether
the caller was verified, and the outcome.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol
from urllib.parse import urlencode

from loguru import logger
from twilio.base.exceptions import TwilioException
from twilio.rest import Client
from twilio.twiml.voice_response import Dial, VoiceResponse

from verivoice.config import HandoffSettings
from verivoice.pipeline.contracts import Request
from verivoice.practice import HandoffTarget, PracticeProfile

WHISPER_PATH = "/twilio/handoff/whisper"
STATUS_PATH = "/twilio/handoff/status"


class Reason(StrEnum):
    """Why a call is handed off (what staff hear, in general terms)."""

    ASKED = "asked"
    LOCKED = "locked"
    VERIFY_DOWN = "verify_down"
    MODEL_FAILING = "model_failing"


WHISPER_REASON = {
    Reason.ASKED: "The caller asked to speak with someone.",
    Reason.LOCKED: "The caller could not be verified.",
    Reason.VERIFY_DOWN: "Caller verification is unavailable right now.",
    Reason.MODEL_FAILING: "The assistant could not help with the request.",
}
TOPIC_WORDS = {"billing": "a billing question"}


class Outcome(StrEnum):
    REQUESTED = "requested"  # the live call was updated; the Dial's outcome follows
    CONNECTED = "connected"
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    FAILED = "failed"
    CLOSED = "closed"  # outside the target's hours: nothing was dialled
    NOT_POSSIBLE = "not_possible"  # no phone line to transfer (browser call), or turned off


DIAL_OUTCOME = {"completed": Outcome.CONNECTED, "answered": Outcome.CONNECTED,
                "busy": Outcome.BUSY, "no-answer": Outcome.NO_ANSWER,
                "failed": Outcome.FAILED, "canceled": Outcome.FAILED}


class Transfer(Protocol):
    """Moves the live call to a target (a phone call can; a browser call cannot)."""

    async def __call__(self, key: str, target: HandoffTarget, reason: Reason,
                       verified: bool, topic: str | None = None) -> bool: ...


@dataclass
class TwilioTransfer:
    """Updates a live Twilio call with TwiML that dials the target.

    Args:
        client: The SDK client (its base URL may point at a local Twilio-compatible server).
        call_sid: The live call.
        public_base: The server's public base URL (for the whisper and action webhooks).
        call_id: Our id of the call (carried in the webhooks' URLs, which Twilio signs).
        settings: Ring timeout; whether the whisper may name the topic.
    """

    client: Client
    call_sid: str
    public_base: str
    call_id: str
    settings: HandoffSettings

    async def __call__(self, key: str, target: HandoffTarget, reason: Reason,
                       verified: bool, topic: str | None = None) -> bool:
        twiml = dial_twiml(self.public_base, self.call_id, key, target, reason, verified,
                           self.settings, topic)
        try:
            await asyncio.to_thread(self.client.calls(self.call_sid).update, twiml=twiml)
        except (TwilioException, OSError) as exc:
            logger.error(f"call {self.call_id}: the hand-off could not update the call "
                         f"({type(exc).__name__})")
            return False
        return True


def dial_twiml(public_base: str, call_id: str, key: str, target: HandoffTarget,
               reason: Reason, verified: bool, settings: HandoffSettings,
               topic: str | None = None) -> str:
    """TwiML that dials ``target`` with a whisper to staff and a fallback for no answer."""
    fields = {"call": call_id, "target": key, "reason": reason.value,
              "verified": "1" if verified else "0"}
    if topic and settings.whisper_phi:
        fields["topic"] = topic
    query = urlencode(fields)
    response = VoiceResponse()
    dial = Dial(timeout=settings.dial_timeout_s, action=f"{public_base}{STATUS_PATH}?{query}",
                method="POST", caller_id=target.caller_id)
    whisper = f"{public_base}{WHISPER_PATH}?{query}"
    if target.number.startswith("sip"):
        dial.sip(target.number, url=whisper, method="POST")
    else:
        dial.number(target.number, url=whisper, method="POST")
    response.append(dial)
    return str(response)


def pending_topic(pending: Iterable[str]) -> str | None:
    """The topic a hand-off after a failed or unavailable step-up takes from the requests
    left waiting: a caller who asked about a bill goes to billing (when it has a line)."""
    return "billing" if Request.BALANCE.value in pending else None


def whisper_text(reason: str, verified: bool, topic: str | None = None) -> str:
    """What staff hear before they are connected: no code, no date of birth, and no PHI
    (``topic`` is given only when the tenant allows it: ``VERIVOICE_HANDOFF__WHISPER_PHI``)."""
    try:
        why = WHISPER_REASON[Reason(reason)]
    except ValueError:
        why = WHISPER_REASON[Reason.ASKED]
    who = ("They were verified with a one-time text message code." if verified
           else "They have not been verified.")
    about = f" It's about {TOPIC_WORDS[topic]}." if topic in TOPIC_WORDS else ""
    return f"A caller from the voice assistant. {why}{about} {who}"


def no_answer_line(practice: PracticeProfile, target: HandoffTarget, outcome: Outcome) -> str:
    """What the caller hears when the target did not answer or was busy."""
    what = "is busy" if outcome is Outcome.BUSY else "didn't answer"
    if practice.is_open():
        later = "Please call back in a few minutes."
    else:
        later = f"{practice.next_opening()} Please call back then."
    return f"I'm sorry, {target.name} {what}. {later} Goodbye."


# What the caller hears. Each line is true when it is said.
PUTTING_THROUGH = "I'll put you through to {name} now. Please hold."
TARGET_CLOSED = "{name} isn't available right now. {when} Please call back then."
NO_LINE = ("I can't pass this call to a person from here. Please phone the practice during "
           "opening hours to speak with someone.")
HANDOFF_OFF = "I can't transfer calls on this line. Please phone the practice during opening hours."
TRANSFER_FAILED = "I'm sorry, I couldn't put you through just now. Please call back in a few minutes."


class Handoff:
    """One call's hand-off to staff.

    Args:
        practice: The practice profile (targets and hours).
        settings: Hand-off settings.
        say: Speaks a line to the caller.
        say_and_wait: Speaks a line and returns once it has been played out (bounded).
        transfer: Moves the live call (``None``: no phone line, e.g. a browser call).
        record: Appends an audit record (raises if the store is down).
        verified: Whether the caller is verified now.
        on_event: Told about each hand-off (the call's events: the page, phone events).
        stop_replying: Cuts the model's reply under way, so that nothing the model was
            saying about an earlier turn follows "Please hold".
    """

    def __init__(self, practice: PracticeProfile, settings: HandoffSettings, *,
                 say: Callable[[str], Awaitable[None]],
                 say_and_wait: Callable[[str], Awaitable[None]],
                 transfer: Transfer | None,
                 record: Callable[..., Awaitable[None]] | None,
                 verified: Callable[[], bool],
                 on_event: Callable[[dict], None] | None = None,
                 stop_replying: Callable[[], Awaitable[None]] | None = None) -> None:
        self._practice = practice
        self._settings = settings
        self._say = say
        self._say_and_wait = say_and_wait
        self._transfer = transfer
        self._record = record
        self._verified = verified
        self._on_event = on_event
        self._stop_replying = stop_replying
        self.outcomes: list[Outcome] = []
        self.transferring = False

    @property
    def can_transfer(self) -> bool:
        return self._transfer is not None and self._settings.enabled

    def choose(self, topic: str | None) -> str | None:
        """The target key: billing for billing, else the front desk; after hours, the
        after-hours line when it answers."""
        targets = self._practice.handoff
        keys = [k for k in ((topic,) if topic else ()) if k in targets]
        keys += [k for k in ("front_desk",) if k in targets]
        keys += [k for k in targets if k not in keys and k != "after_hours"]
        for key in keys:
            if self._practice.target_open(key):
                return key
        if "after_hours" in targets and self._practice.target_open("after_hours"):
            return "after_hours"
        return keys[0] if keys else None

    async def request(self, reason: Reason, topic: str | None = None) -> Outcome:
        """Hand the call off (or say truthfully why not). Returns what happened."""
        if self.transferring:
            return Outcome.REQUESTED
        key = self.choose(topic)
        target = self._practice.handoff.get(key) if key else None
        verified = self._verified()
        if not self.can_transfer or target is None:
            line = NO_LINE if self._transfer is None or target is None else HANDOFF_OFF
            return await self._finish(reason, key, verified, Outcome.NOT_POSSIBLE, line)
        if not self._practice.target_open(key):  # type: ignore[arg-type]
            when = self._practice.target_opening(key)  # type: ignore[arg-type]
            line = TARGET_CLOSED.format(name=_capital(target.name), when=when)
            return await self._finish(reason, key, verified, Outcome.CLOSED, line)
        try:
            await self._audit(reason, key, verified, Outcome.REQUESTED)
        except Exception as exc:  # no record, no transfer: say it plainly
            logger.error(f"hand-off not made: its audit record failed ({type(exc).__name__})")
            await self._say(TRANSFER_FAILED)
            return Outcome.FAILED
        self.transferring = True
        if self._stop_replying is not None:  # the call is leaving: the model says no more
            await self._stop_replying()
        # The caller hears the whole line before the call moves (a transfer cuts the stream).
        await self._say_and_wait(PUTTING_THROUGH.format(name=target.name))
        assert self._transfer is not None
        if await self._transfer(key, target, reason, verified, topic):  # type: ignore[arg-type]
            self._event(key, Outcome.REQUESTED)
            self.outcomes.append(Outcome.REQUESTED)
            return Outcome.REQUESTED
        self.transferring = False
        return await self._finish(reason, key, verified, Outcome.FAILED, TRANSFER_FAILED)

    async def asked(self, topic: str | None = None) -> Outcome:
        """The caller asked for a person."""
        return await self.request(Reason.ASKED, topic)

    async def _finish(self, reason: Reason, key: str | None, verified: bool, outcome: Outcome,
                      line: str) -> Outcome:
        with contextlib.suppress(Exception):  # the line is said even if the record fails
            await self._audit(reason, key, verified, outcome)
        await self._say(line)
        self._event(key, outcome)
        self.outcomes.append(outcome)
        return outcome

    async def _audit(self, reason: Reason, key: str | None, verified: bool,
                     outcome: Outcome) -> None:
        if self._record is not None:
            await self._record("handoff", reason=reason.value, target=key, verified=verified,
                               outcome=outcome.value,
                               channel="phone" if self._transfer is not None else "browser")

    def _event(self, key: str | None, outcome: Outcome) -> None:
        if self._on_event is not None:
            target = self._practice.handoff.get(key) if key else None
            self._on_event({"kind": "handoff", "target": target.name if target else None,
                            "outcome": outcome.value})


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
