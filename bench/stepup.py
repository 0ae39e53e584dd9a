"""`verivoice bench stepup`: scripted callers go through the step-up over the phone line.

Every call is a real Twilio media stream (:class:`~verivoice.bench.twilio_caller.TwilioCall`)
to a `verivoice serve` process, from the synthetic patient P-1001's number. The caller:

- **speaks** through a :class:`Mouth`: 20 ms mu-law frames at real-time pace, silence
  between utterances (as a phone line does: the server's VAD needs it to end a turn), in
  one of the bench voices (Piper at three paces, flite, espeak-ng), through the simulated
  phone line; in the keypad variant the answers are DTMF keys instead;
- **listens** through an :class:`Ear`: the agent's audio is played out on a real-time
  clock (the server sends it faster than real time; Twilio buffers it), cut into
  utterances at 0.7 s of silence, and each utterance is transcribed with Whisper (the
  project's tiny.en, on the CPU). Only what the caller hears decides what it does;
- **reacts** to the last prompt in what the agent said since the caller last spoke
  (:func:`prompt_in`): the last four digits, the date of birth, the code (read from the
  local Verify server's outbox and spoken digit by digit, or keyed), a wrong code (one more
  attempt), "verified", then the answer, checked by key words (:data:`ANSWER_KEYS`).

A call that goes wrong is recorded with its reason; every wait has a timeout. Non-PHI
questions are asked the same way, and the caller records whether a step-up prompt was
heard and what the agent replied. Afterwards the state store's audit trail is matched to
the calls by time, as a cross-check of what the callers heard.

Nothing secret is written: the report says "code read by voice", never the code; heard
text is scrubbed of long digit runs.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import soxr

from verivoice.bench.digit_set import render_clip
from verivoice.bench.phone_line import PHONE_RATE
from verivoice.bench.stepup_set import (
    APPOINTMENT,
    BALANCE,
    CHANGE_APPOINTMENT,
    PRESCRIPTION,
    RESULTS,
    SUMMARY,
    PhiRequest,
)
from verivoice.bench.twilio_caller import FRAME_BYTES, TwilioCall, mulaw_encode
from verivoice.bench.voices import Voice, default_voices
from verivoice.pipeline.asr.spoken_numbers import SpeakingStyle, digits_to_spoken
from verivoice.server.twilio_routes import STREAM_PATH

PATIENT_PHONE = "+15550100142"  # P-1001 (auth/fixtures/patients.json)
DOB_SPOKEN = ["March seventh,", "nineteen eighty-four"]
VOICE, KEYPAD = "voice", "keypad"
ASR_RATE = 16_000
SILENCE = bytes([0xFF]) * FRAME_BYTES  # mu-law digital silence, one 20 ms frame
CODE_ATTEMPTS = 2  # the "within two code attempts": the caller gives up after two
IDENTITY_TRIES = 3  # the date of birth (where asked): as often as the flow asks (3 fails lock)

TARGETS = {"stepup_reached": 0.95, "non_phi_stepups": 0, "answered_voice": 0.90,
           "answered_keypad": 0.98, "verified_median_s": 12.0, "markup_replies": 0}


# -- what the caller hears ------------------------------------------------------------

def normalise(text: str) -> str:
    """ASR text for matching: lower case, words and numbers ("$128.50" -> "128.50")."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 1,000 -> 1000
    text = re.sub(r"[^a-z0-9'.:]+", " ", text.replace("-", " "))
    text = re.sub(r"(?<!\d)[.:]|[.:](?!\d)", " ", text)  # keep 128.50 and 9:30 only
    return re.sub(r"\s+", " ", text).strip()


# The step-up's lines (auth/stepup.py), by key words that survive the ASR. The last one
# heard in an agent turn is the prompt the caller answers.
PROMPTS: dict[str, str] = {
    "dob": r"\bbirth|\bborn\b|date of b",  # tiny.en hears "day to birth", "date of bath"
    "code": r"read me the code|texting (?:you )?an? (?:(?:six|6) digit )?code|"
            r"code to the number on file|read it to me or key it in|code from the text message",
    "wrong_code": r"code (?:didn't|did not|does not|doesn't) match",
    "reprompt_code": r"say the code again|code again one digit",
    "new_code": r"couldn't confirm that code|could not confirm that code|text you a new one",
    "no_match": r"(?:doesn't|does not|didn't|did not) match our records",
    "reprompt": r"didn't catch that|did not catch that|could you say it again",
    "verified": r"(?<!as soon as )\byou(?:'re| are|r) verified\b",
    "still_verifying": r"as soon as you(?:'re| are|r) verified",
    "locked": r"wasn't able to verify|was not able to verify|unable to verify",
    "send_failed": r"can't send a code|cannot send a code",
    "number_locked": r"(?:can't|cannot) verify callers from this number",
    "store_down": r"(?:can't|cannot) verify callers right now",
}
_PROMPTS = {name: re.compile(p) for name, p in PROMPTS.items()}
STEPUP_PROMPTS = ("dob", "code", "still_verifying")  # a step-up is under way
# What shows that a step-up started: its first question (or, mid-flow, the code or "as soon
# as you're verified"). The date of birth is not among them: "birth" alone is too loose.
STEPUP_STARTED = ("code", "still_verifying")


def prompts_in(text: str) -> list[tuple[int, str]]:
    """Every step-up line in ``text`` (normalised), as (position, name), in order."""
    said = normalise(text)
    return sorted((m.start(), name) for name, pattern in _PROMPTS.items()
                  for m in pattern.finditer(said))


def prompt_in(text: str) -> str | None:
    """The last step-up line in ``text``: what the caller should answer now."""
    found = prompts_in(text)
    return found[-1][1] if found else None


# Key words of each answer (auth/records.py, P-1001), robust to the ASR: every group must
# match, any alternative in a group will do. The drug's name is not a key (tiny.en hears
# "listen-up roll"), nor is "prescription" alone ("per scripture"): the prescription, its
# "10 milligrams" or "script", with "pickup" or "refills", is.
# tiny.en writes the spoken "$128.50" as "$128.50", "$100 and $28.50" or in words.
_BALANCE_KEYS = [r"\b128\b|128\.5|hundred (?:and )?twenty eight|\b100 and 28\b|\b28\.50?\b"]
_APPOINTMENT_KEYS = [r"\bappointment\b",
                     r"december|\bpatel\b|\bpatil\b|\bpatell\b|9[.:]?30|nine thirty"]
ANSWER_KEYS: dict[str, list[str]] = {
    BALANCE: _BALANCE_KEYS,
    APPOINTMENT: _APPOINTMENT_KEYS,
    CHANGE_APPOINTMENT: [*_APPOINTMENT_KEYS,
                         r"(?:can't|cannot|can not) move|move or cancel|or cancel appointments"],
    RESULTS: [r"cholesterol|normal range"],
    PRESCRIPTION: [r"prescri|script|milligram|lisinopril", r"pick ?up|refill"],
    SUMMARY: [*_BALANCE_KEYS, *_APPOINTMENT_KEYS],
}


def answers_in(text: str) -> list[str]:
    """The answer kinds whose key words are all in ``text`` (most specific first)."""
    said = normalise(text)
    found = [kind for kind, keys in ANSWER_KEYS.items()
             if all(re.search(k, said) for k in keys)]
    if SUMMARY in found:  # a summary holds a balance and an appointment
        found = [SUMMARY] + [k for k in found if k not in (SUMMARY, BALANCE, APPOINTMENT)]
    if CHANGE_APPOINTMENT in found:
        found = [k for k in found if k != APPOINTMENT]
    return found


# Code or markup voiced to the caller: programming words, markup characters, tool names.
# "Function" counts, except in plain English ("my primary function is to assist").
_CODE_WORDS = re.compile(
    # ("my primary function", "your kidney function", "a liver function test" are prose)
    r"\b(?:def|python|(?<!primary )(?<!main )(?<!core )(?<!sole )(?<!kidney )(?<!liver )"
    r"(?<!lung )(?<!thyroid )(?<!renal )(?<!heart )(?<!bowel )(?<!bladder )(?<!brain )"
    r"functions?(?! tests?\b| panels?\b)|json|javascript|"
    r"lambda|boolean|null|api|tool ?call|tool_call|schema|markdown|underscore|backtick|"
    r"curly bracket|curly brace|parameters)\b")
_TOOL_NAMES = (r"account balance|upcoming appointments?|change appointment|test results|"
               r"prescriptions?|account summary|transfer to staff")
_TOOL_SPOKEN = re.compile(
    rf"\b(?:{_TOOL_NAMES})\b(?: \w+){{0,2}} \b(?:function|tool|call|called|parameters?)\b|"
    rf"\b(?:function|tool|call|calling|called) (?:\w+ ){{0,2}}(?:{_TOOL_NAMES})\b|"
    r"\btransfer to staff\b|\b(?:account|upcoming|change|test|transfer)_\w+")
_MARKUP_CHARS = re.compile(r"[{}<>\[\]`_|\\]|\*\*|#{2,}")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def markup_in(text: str) -> list[str]:
    """What in an agent's utterance sounds like code or markup (empty: nothing).

    A tool name is judged within its sentence: "... electronic prescriptions. My primary
    function is ..." voices no tool.
    """
    said = normalise(text)
    hits = [m.group(0) for m in _CODE_WORDS.finditer(said)]
    for sentence in _SENTENCE_END.split(text):
        hits += [m.group(0) for m in _TOOL_SPOKEN.finditer(sentence.lower())]
        hits += [m.group(0) for m in _TOOL_SPOKEN.finditer(normalise(sentence))]
    hits += [m.group(0) for m in _MARKUP_CHARS.finditer(text)]
    return list(dict.fromkeys(hits))


_DIGIT_RUN = re.compile(r"\d(?:[\s./-]?\d)+")


def scrub(text: str) -> str:
    """Heard text as it may be written down: runs of six or more digits (a code, a date
    of birth, a phone number, however separated) are removed."""
    return _DIGIT_RUN.sub(lambda m: SCRUBBED if sum(c.isdigit() for c in m.group(0)) >= 6
                          else m.group(0), text)


SCRUBBED = "<digits>"  # what :func:`scrub` writes for a run of digits (not the agent's markup)


# -- the caller's mouth and ear -------------------------------------------------------

class Mouth:
    """The caller's side of the line: speech when there is some, silence otherwise.

    Frames go out at real-time pace from :meth:`run` until the call closes.
    """

    def __init__(self, call: TwilioCall) -> None:
        self._call = call
        self._queue: asyncio.Queue[tuple[bytes, asyncio.Future[float]]] = asyncio.Queue()

    async def say(self, mulaw: bytes) -> float:
        """Queue ``mulaw`` and wait until it has been sent; the time its last frame left."""
        done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((mulaw, done))
        return await done

    async def run(self) -> None:
        seq, n, started = 0, 0, time.monotonic()
        current, pos, done = b"", 0, None
        while not self._call.closed.is_set():
            if pos >= len(current) and done is None and not self._queue.empty():
                current, done = self._queue.get_nowait()
                pos = 0
            chunk = current[pos:pos + FRAME_BYTES] if pos < len(current) else SILENCE
            pos += FRAME_BYTES
            seq += 1
            payload = base64.b64encode(chunk.ljust(FRAME_BYTES, b"\xff")).decode()
            with contextlib.suppress(Exception):  # the stream closed under us: stop below
                await self._call.send({"event": "media", "streamSid": self._call.stream_sid,
                                       "media": {"track": "inbound", "chunk": str(seq),
                                                 "timestamp": str((seq - 1) * 20),
                                                 "payload": payload}})
            if done is not None and pos >= len(current):
                if not done.done():
                    done.set_result(time.monotonic())
                done = None
            n += 1
            wait = started + n * 0.02 - time.monotonic()
            if wait < -0.2:  # the loop stalled: do not burst to catch up
                started, n, wait = time.monotonic(), 0, 0.0
            await asyncio.sleep(max(0.0, wait))
        self._release(done)

    def _release(self, done: asyncio.Future[float] | None) -> None:
        """The call closed: nobody waits for speech that will never be sent."""
        waiting = [done] if done is not None else []
        while not self._queue.empty():
            waiting.append(self._queue.get_nowait()[1])
        for future in waiting:
            if not future.done():
                future.set_result(time.monotonic())


@dataclass
class Heard:
    """One utterance of the agent as the caller heard it (times: ``time.monotonic``)."""

    start: float
    end: float
    text: str = ""
    asr_s: float = 0.0


Transcribe = Callable[[np.ndarray], str]


class Ear:
    """The agent's audio on the caller's playback clock, cut into transcribed utterances.

    Args:
        call: The call whose ``audio_in`` and events are watched.
        transcribe: 16 kHz float32 samples -> text (run in a thread, one at a time).
        gap_s: Silence that ends an utterance.
    """

    def __init__(self, call: TwilioCall, transcribe: Transcribe, gap_s: float = 0.7) -> None:
        self._call = call
        self._transcribe = transcribe
        self._gap_s = gap_s
        self.heard: list[Heard] = []
        self._play_end = 0.0
        self._seen_bytes = 0
        self._seen_events = 0
        self._open: Heard | None = None
        self._open_from = 0  # byte offset of the open utterance in audio_in
        self._pending: dict[asyncio.Task, float] = {}  # transcribing -> when it began
        self._lock = asyncio.Lock()
        self.changed = asyncio.Event()

    @property
    def busy(self) -> bool:
        """The agent is talking, or an utterance is still being transcribed."""
        return self._open is not None or bool(self._pending)

    @property
    def last_sound(self) -> float:
        """When the agent's audio last stopped playing (or will stop)."""
        return self._play_end

    async def run(self) -> None:
        while not self._call.closed.is_set():
            self._poll(time.monotonic())
            await asyncio.sleep(0.02)
        self._poll(time.monotonic(), closing=True)
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)

    def _poll(self, now: float, closing: bool = False) -> None:
        events = self._call.events
        for event in events[self._seen_events:]:
            if event.get("event") == "clear":  # barge-in: what was buffered is dropped
                self._play_end = min(self._play_end, now)
        self._seen_events = len(events)
        size = len(self._call.audio_in)
        if size > self._seen_bytes:
            if self._open is None:
                self._open = Heard(max(now, self._play_end), 0.0)
                self._open_from = self._seen_bytes
            self._play_end = max(self._play_end, now) + (size - self._seen_bytes) / PHONE_RATE
            self._seen_bytes = size
        if self._open is not None and (closing or now - self._play_end >= self._gap_s):
            heard, audio = self._open, bytes(self._call.audio_in[self._open_from:size])
            heard.end = self._play_end
            self._open = None
            task = asyncio.create_task(self._finish(heard, audio))
            self._pending[task] = heard.start
            task.add_done_callback(lambda done: self._pending.pop(done, None))

    async def _finish(self, heard: Heard, audio: bytes) -> None:
        async with self._lock:
            started = time.monotonic()
            samples = mulaw_decode_g711(audio)
            pcm = soxr.resample(samples, PHONE_RATE, ASR_RATE).astype(np.float32)
            try:
                heard.text = await asyncio.to_thread(self._transcribe, pcm)
            except Exception as exc:  # never let the ear die: the utterance is unheard
                heard.text = f"[not transcribed: {type(exc).__name__}]"
            heard.asr_s = time.monotonic() - started
            self.heard.append(heard)
            self.heard.sort(key=lambda h: h.start)
        self.changed.set()

    def since(self, t: float) -> list[Heard]:
        return [h for h in self.heard if h.start >= t]

    async def turn(self, since: float, timeout_s: float, settle_s: float = 0.0,
                   max_talk_s: float = 60.0) -> list[Heard] | None:
        """What the agent said after ``since``, once it has stopped talking.

        Waits until an utterance that began after ``since`` has been transcribed, nothing is
        playing or being transcribed, and ``settle_s`` more seconds passed without sound.
        ``None`` when the agent began nothing new within ``timeout_s``. A turn still going
        ``max_talk_s`` after it began is returned as heard so far.
        """
        waiting = time.monotonic()
        while not self._call.closed.is_set():
            now = time.monotonic()
            said = self.since(since)
            began = self._began(since, said)
            if said and not self.busy and now - self._play_end >= settle_s:
                return said
            if began is None and now - waiting > timeout_s:
                return None
            if said and began is not None and now - began > max_talk_s:
                return said
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), 0.05)
        await self.drain()
        return self.since(since) or None

    def _began(self, since: float, said: list[Heard]) -> float | None:
        """When the agent began talking after ``since`` (``None``: not yet): an utterance
        heard, still being transcribed (a long reply on a busy CPU can take a while), or
        still playing."""
        if said:
            return said[0].start
        starts = [start for start in self._pending.values() if start >= since]
        if self._open is not None and self._open.start >= since:
            starts.append(self._open.start)
        return min(starts) if starts else None

    async def drain(self) -> None:
        """Wait for utterances still being transcribed."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)


_EXP = np.array([0, 132, 396, 924, 1980, 4092, 8316, 16764], dtype=np.int32)


def mulaw_decode_g711(data: bytes) -> np.ndarray:
    """G.711 mu-law bytes (as Twilio sends them) -> float32 samples in -1..1."""
    u = ~np.frombuffer(data, dtype=np.uint8).astype(np.int32) & 0xFF
    sign, exponent, mantissa = u & 0x80, (u >> 4) & 0x07, u & 0x0F
    magnitude = _EXP[exponent] + (mantissa << (exponent + 3))
    return (np.where(sign, -magnitude, magnitude) / 32768.0).astype(np.float32)


# -- one scripted call ---------------------------------------------------------------

@dataclass
class CallPlan:
    """What one call will do."""

    index: int
    kind: str  # "phi" | "other"
    wording: str
    expected: str | None  # the answer kind (PHI)
    variant: str  # "voice" | "keypad" ("voice" for other questions)
    voice: Voice


@dataclass
class CallRecord:
    """How one call went (no code, no date of birth, no full number)."""

    index: int
    kind: str
    wording: str
    expected: str | None
    variant: str
    voice: str
    outcome: str = "error"
    reason: str = ""
    stepup_heard: bool = False
    verified: bool = False
    answer_heard: list[str] = field(default_factory=list)
    right_answer: bool = False
    code_attempts: int = 0
    dob_tries: int = 0
    to_first_question_s: float | None = None
    to_verified_s: float | None = None
    to_answer_s: float | None = None
    call_s: float = 0.0
    caller_asr_s: float = 0.0
    steps: list[str] = field(default_factory=list)  # what the caller did, in words
    heard: list[dict[str, Any]] = field(default_factory=list)  # [{"at_s", "text"}]
    # What the server's recogniser made of the caller before the first step-up question
    # (the request and whatever followed it; its call events; later turns, which answer
    # the step-up, are not kept), and what the router's rules make of that text (its
    # written reading only: the server may also have tried the recogniser's other readings).
    server_heard: list[str] = field(default_factory=list)
    rules_on_heard: str | None = None
    markup: list[str] = field(default_factory=list)
    audit_steps: list[str] | None = None
    wall_start: float = 0.0
    wall_end: float = 0.0


@dataclass
class Caller:
    """What every caller shares: the server, the outbox, speech and ears."""

    ws_url: str
    token: str
    outbox: Callable[[], list[dict[str, str]]]  # codes sent to the patient, oldest first
    synthesize: Callable[[Voice, list[str], int], bytes]  # -> mu-law
    transcribe: Transcribe
    dob_keys: str  # the date of birth as keyed (MMDDYYYY): never written anywhere
    account_sid: str = "AC" + "0" * 32
    greeting_timeout_s: float = 15.0
    prompt_timeout_s: float = 25.0
    answer_timeout_s: float = 25.0
    call_timeout_s: float = 180.0
    base: str | None = None  # the server's HTTP base, to follow each call's events
    server_log: Path | None = None  # its log file: call SID -> the server's call id


class CallFailed(Exception):
    """The call cannot go on; the message is the reason (never a secret)."""


class Conversation:
    """One call in progress: the plan, the line, the record."""

    def __init__(self, caller: Caller, plan: CallPlan, seed: int) -> None:
        self.caller, self.plan, self.seed = caller, plan, seed
        self.call = TwilioCall(caller.ws_url, caller.token, account_sid=caller.account_sid)
        self.mouth = Mouth(self.call)
        self.ear = Ear(self.call, caller.transcribe)
        self.record = CallRecord(plan.index, plan.kind, plan.wording, plan.expected,
                                 plan.variant, plan.voice.label)
        self.outbox_before = len(caller.outbox())
        self.request_end = 0.0
        self.spoke_until = 0.0  # when the caller's last words or key press ended
        self.events: list[dict[str, Any]] = []
        self._utterance = 0

    async def speak(self, phrases: list[str]) -> float:
        """Say ``phrases`` in the plan's voice; the time the speech itself ended."""
        self._utterance += 1
        audio = await asyncio.to_thread(self.caller.synthesize, self.plan.voice, phrases,
                                        self.seed * 100 + self._utterance)
        sent = await self.mouth.say(audio)
        self.spoke_until = sent - _trailing_silence_s(audio)
        return self.spoke_until

    async def key(self, digits: str) -> float:
        """Press keys as a person does, about four a second; the time of the last press."""
        pressed = time.monotonic()
        for n, d in enumerate(digits):
            if n:
                await asyncio.sleep(0.25)
            await self.call.dtmf(d)
            pressed = time.monotonic()
        self.spoke_until = pressed
        return pressed

    async def agent_turn(self, since: float, timeout_s: float, settle_s: float = 0.0
                         ) -> tuple[str, list[Heard]]:
        said = await self.ear.turn(since, timeout_s, settle_s)
        if said is None:
            if self.call.closed.is_set():
                raise CallFailed("the server closed the stream")
            raise CallFailed(f"the agent said nothing for {timeout_s:.0f} s")
        return " ".join(h.text for h in said), said

    async def greeting(self) -> float:
        """Wait for the greeting to end; the time the caller may speak."""
        with contextlib.suppress(CallFailed):
            await self.agent_turn(0.0, self.caller.greeting_timeout_s)
            return time.monotonic()
        self.record.steps.append("no greeting heard")
        return time.monotonic()

    def finish(self) -> None:
        r = self.record
        r.heard = [{"at_s": round(h.start - self.request_end, 2) if self.request_end else None,
                    "text": scrub(h.text)} for h in self.ear.heard]
        r.caller_asr_s = round(sum(h.asr_s for h in self.ear.heard), 2)
        r.markup = list(dict.fromkeys(m for h in self.ear.heard for m in markup_in(h.text)))
        r.server_heard = request_lines(self.events)
        if r.server_heard:
            from verivoice.bench.handoff import rule_name
            from verivoice.pipeline.intents import understand

            r.rules_on_heard = rule_name(understand(" ".join(r.server_heard)))


def request_lines(events: list[dict[str, Any]]) -> list[str]:
    """The caller's lines in the server's transcript before the agent's first step-up
    question (scrubbed): what the server heard of the request. The answers to the step-up
    come after it and are never kept; a turn read in digit mode ("(digits)") also ends the
    lines kept, in case the question itself was cut before its key words."""
    lines: list[str] = []
    for event in events:
        if event.get("kind") != "line":
            continue
        text = str(event.get("text", ""))
        if event.get("speaker") == "agent" and any(
                name in STEPUP_PROMPTS for _, name in prompts_in(text)):
            break
        if event.get("speaker") == "caller":
            if text.strip() == "(digits)":
                break
            lines.append(scrub(text))
    return lines


def _trailing_silence_s(mulaw: bytes, frame: int = 160) -> float:
    """Seconds of (line-noise) silence at the end of an utterance: 20 ms frames quieter
    than speech ever is."""
    samples = mulaw_decode_g711(mulaw)
    frames = len(samples) // frame
    if frames == 0:
        return 0.0
    rms = np.sqrt(np.mean(samples[:frames * frame].reshape(frames, frame) ** 2, axis=1))
    loud = np.flatnonzero(rms > 0.025)
    return 0.0 if loud.size == 0 else (len(samples) - (loud[-1] + 1) * frame) / PHONE_RATE


async def run_call(caller: Caller, plan: CallPlan, seed: int) -> CallRecord:
    """One call from dial to hang-up; never raises (a failure is the record's reason)."""
    talk = Conversation(caller, plan, seed)
    record = talk.record
    record.wall_start = time.time()
    started = time.monotonic()
    tasks: list[asyncio.Task] = []
    try:
        await talk.call.connect(caller=PATIENT_PHONE)
        tasks = [asyncio.create_task(talk.mouth.run()), asyncio.create_task(talk.ear.run())]
        if caller.base is not None and caller.server_log is not None:
            from verivoice.bench.handoff import ServerLog, follow_events

            tasks.append(asyncio.create_task(follow_events(
                caller.base, ServerLog(caller.server_log), talk.call.call_sid, talk.events)))
        script = phi_script if plan.kind == "phi" else other_script
        await asyncio.wait_for(script(talk), caller.call_timeout_s)
    except CallFailed as exc:
        record.outcome = record.outcome if record.outcome != "error" else "failed"
        record.reason = str(exc)
    except TimeoutError:
        record.outcome, record.reason = "failed", f"the call ran over {caller.call_timeout_s:.0f} s"
    except Exception as exc:  # the websocket library's errors, refused handshakes
        record.outcome, record.reason = "error", f"{type(exc).__name__}: {scrub(str(exc))[:200]}"
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(talk.call.hang_up(), 10)
        talk.call.closed.set()
        for task in tasks:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, 30)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(talk.ear.drain(), 30)
        record.call_s = round(time.monotonic() - started, 2)
        record.wall_end = time.time()
        talk.finish()
    return record


async def other_script(talk: Conversation) -> None:
    """Ask a question that needs no verification; note whether a step-up began."""
    record = talk.record
    await talk.greeting()
    # A request said with a pause may be answered before its end: listen from its start.
    request_start = time.monotonic()
    talk.request_end = await talk.speak([talk.plan.wording])
    record.steps.append("asked by voice")
    text, said = await talk.agent_turn(request_start, talk.caller.prompt_timeout_s)
    # Replies may come in pieces (sentences, or a tool call first): listen a little longer.
    with contextlib.suppress(CallFailed):
        text, said = await talk.agent_turn(request_start, 3.0, settle_s=3.0)
    found = [name for _, name in prompts_in(text)]
    record.stepup_heard = any(name in STEPUP_STARTED for name in found)
    if record.stepup_heard:
        record.outcome, record.reason = "stepup", "a step-up prompt was heard"
        first = _first_with(said, STEPUP_STARTED)
        record.to_first_question_s = round(first.start - talk.request_end, 2)
    else:
        record.outcome = "answered"


async def phi_script(talk: Conversation) -> None:
    """Ask for protected data, go through the step-up as heard, check the answer."""
    record, keypad = talk.record, talk.plan.variant == KEYPAD
    await talk.greeting()
    # A request said with a pause may start the step-up before its end (the first half
    # was routed): the first step-up line is listened for from the request's start.
    since = time.monotonic()
    talk.request_end = await talk.speak([talk.plan.wording])
    record.steps.append("asked by voice")
    answered: str | None = None  # the step the caller last answered
    while True:
        try:
            text, said = await _next_prompted_turn(talk, since)
        except CallFailed as exc:
            if answered is None:
                record.outcome = "no_stepup"
            raise CallFailed(f"{exc} (after: {record.steps[-1]})") from None
        prompt = prompt_in(text)
        if prompt is None:
            record.outcome = "no_stepup" if answered is None else "failed"
            raise CallFailed("no step-up prompt heard; the agent said something else"
                             + (f" (after: {record.steps[-1]})" if answered else ""))
        if not record.stepup_heard and any(n in STEPUP_STARTED for _, n in prompts_in(text)):
            record.stepup_heard = True
            first = _first_with(said, STEPUP_STARTED)
            record.to_first_question_s = round(first.start - talk.request_end, 2)
        if prompt in ("locked", "send_failed", "number_locked", "store_down"):
            raise CallFailed(f"the agent said: {prompt.replace('_', ' ')}")
        if prompt == "verified":
            await _hear_answer(talk, text, said)
            return
        if prompt in ("no_match", "reprompt", "still_verifying"):
            if answered is None:
                raise CallFailed(f"heard '{prompt}' before answering anything")
            prompt = answered
        elif prompt in ("wrong_code", "reprompt_code", "new_code"):
            prompt = "code"
        answered = prompt
        since = await _answer(talk, prompt, keypad)


def _first_with(said: list[Heard], names: Sequence[str]) -> Heard:
    """The first utterance holding one of the step-up lines ``names`` (else the last one)."""
    return next((h for h in said if any(n in names for _, n in prompts_in(h.text))), said[-1])


async def _next_prompted_turn(talk: Conversation, since: float) -> tuple[str, list[Heard]]:
    """The agent's next turn that holds a step-up line.

    Other talk (the model answering) is listened to until the agent has been quiet for
    4 s: the flow may still start after it (a refused tool call), within the timeout. The
    caller's own talk is no quiet: a line the agent began during a pause in the request and
    the caller's words cut is waited for again from the request's end, as a person would.
    """
    deadline = time.monotonic() + talk.caller.prompt_timeout_s
    text, said = await talk.agent_turn(since, talk.caller.prompt_timeout_s)
    while prompt_in(text) is None and time.monotonic() < deadline:
        more = await talk.ear.turn(since, deadline - time.monotonic(), settle_s=4.0)
        if more is None:
            break
        text, said = " ".join(h.text for h in more), more
        quiet_since = max(talk.ear.last_sound, talk.spoke_until)
        if prompt_in(text) is None and time.monotonic() - quiet_since >= 4.0:
            break
    return text, said


async def _answer(talk: Conversation, phase: str, keypad: bool) -> float:
    """Answer the step-up's question ``phase``; the time the answer ended."""
    record, caller = talk.record, talk.caller
    if phase == "dob":
        if record.dob_tries >= IDENTITY_TRIES:
            raise CallFailed(f"the date of birth was not accepted in {IDENTITY_TRIES} tries")
        record.dob_tries += 1
        record.steps.append(f"date of birth by {'keypad' if keypad else 'voice'}")
        return await (talk.key(caller.dob_keys) if keypad else talk.speak(DOB_SPOKEN))
    if record.code_attempts >= CODE_ATTEMPTS:
        raise CallFailed("the code was not accepted within two attempts")
    record.code_attempts += 1
    code = await _code_from_outbox(talk)
    record.steps.append(f"code {'keyed' if keypad else 'read by voice'}")
    if keypad:
        return await talk.key(code)
    style = SpeakingStyle.OH if (talk.seed + record.code_attempts) % 3 == 0 else SpeakingStyle.DIGITS
    return await talk.speak(digits_to_spoken(code, style, [3, 3]))


async def _code_from_outbox(talk: Conversation, wait_s: float = 10.0) -> str:
    """The newest code sent to the patient during this call (the caller's text message)."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        sent = talk.caller.outbox()[talk.outbox_before:]
        if sent:
            return sent[-1]["code"]
        await asyncio.sleep(0.2)
    raise CallFailed("no code arrived in the outbox")


async def _hear_answer(talk: Conversation, text: str, said: list[Heard]) -> None:
    """After "verified": the answer to the request, checked by its key words."""
    record = talk.record
    record.verified = True
    verified = _first_with(said, ["verified"])
    record.to_verified_s = round(verified.start - talk.request_end, 2)
    after = _after_verified(text)
    deadline = time.monotonic() + talk.caller.answer_timeout_s
    while not answers_in(after) and time.monotonic() < deadline:
        try:
            text, said = await talk.agent_turn(verified.start, deadline - time.monotonic(),
                                               settle_s=2.0)
        except CallFailed:
            break
        after = _after_verified(text)
        if answers_in(after) or talk.ear.last_sound + 2.0 <= time.monotonic():
            break
    if answers_in(after):
        holder = next((h for h in talk.ear.since(verified.start) if answers_in(h.text)), verified)
        record.to_answer_s = round(holder.start - talk.request_end, 2)
    judge_answer(record, after)


def judge_answer(record: CallRecord, after: str) -> None:
    """The verified caller's outcome from what it heard after "verified"."""
    record.answer_heard = answers_in(after)
    # Right: every key of the answer asked for was heard (a summary holds the balance).
    said = normalise(after)
    record.right_answer = record.expected is not None and all(
        re.search(k, said) for k in ANSWER_KEYS[record.expected])
    if record.right_answer:
        record.outcome, record.reason = "answered", ""
    elif record.answer_heard:
        record.outcome = "wrong_answer"
        record.reason = f"heard the {', '.join(record.answer_heard)} answer"
    else:
        record.outcome = "no_answer"
        record.reason = "verified, but no answer was heard"


def _after_verified(text: str) -> str:
    said = normalise(text)
    at = said.rfind("verified")
    return said[at:] if at >= 0 else said


# -- the run -------------------------------------------------------------------------

#: The wording sets: ``heldout11`` was written without reading the routing rules and has
#: never been used to tune them; ``heldout10``, ``heldout9``, ``heldout8``, ``heldout7``,
#: ``heldout6``, ``heldout5``, ``heldout4``, ``heldout3``, ``heldout2`` and ``heldout`` were
#: such sets, each measured once and then read; ``tuned`` is the first set, read to widen the
#: rules.
WORDINGS = ("heldout11", "heldout10", "heldout9", "heldout8", "heldout7", "heldout6",
            "heldout5", "heldout4", "heldout3", "heldout2", "heldout", "tuned")


def wording_set(name: str) -> tuple[Sequence[PhiRequest], Sequence[str]]:
    """(PHI requests, other questions) of one wording set."""
    from verivoice.bench import (
        stepup_heldout,
        stepup_heldout2,
        stepup_heldout3,
        stepup_heldout4,
        stepup_heldout5,
        stepup_heldout6,
        stepup_heldout7,
        stepup_heldout8,
        stepup_heldout9,
        stepup_heldout10,
        stepup_heldout11,
        stepup_set,
    )

    chosen = {"heldout5": stepup_heldout5, "heldout6": stepup_heldout6,
              "heldout7": stepup_heldout7, "heldout8": stepup_heldout8,
              "heldout9": stepup_heldout9, "heldout10": stepup_heldout10,
              "heldout11": stepup_heldout11,
              "heldout4": stepup_heldout4,
              "heldout3": stepup_heldout3, "heldout2": stepup_heldout2,
              "heldout": stepup_heldout, "tuned": stepup_set}[name]
    return chosen.PHI_REQUESTS, chosen.OTHER_QUESTIONS


def plan_calls(*, phi: int | None, other: int | None, variant: str, seed: int,
               voices: Sequence[Voice], wordings: str = "heldout11") -> list[CallPlan]:
    """The calls of one run, in a seeded order; voices spread evenly over the calls.

    With ``variant="both"`` the calls come in two rounds: the first asks every PHI request
    once (by voice and by keypad, alternately) and every other question, mixed; the second
    asks each PHI request the other way. A run cut short by a time limit has still asked
    everything once.
    """
    rng = random.Random(seed)
    phi_set, other_set = wording_set(wordings)
    requests = list(phi_set)
    questions = list(other_set)
    rng.shuffle(requests)
    rng.shuffle(questions)
    requests = requests[:phi] if phi is not None else requests
    questions = questions[:other] if other is not None else questions
    ways = [VOICE, KEYPAD] if variant == "both" else [variant]
    first: list[tuple[str, str, str | None, str]] = [
        ("phi", r.text, r.kind, ways[n % len(ways)]) for n, r in enumerate(requests)]
    first += [("other", q, None, VOICE) for q in questions]
    second = [("phi", r.text, r.kind, ways[(n + 1) % len(ways)])
              for n, r in enumerate(requests)] if len(ways) > 1 else []
    rng.shuffle(first)
    rng.shuffle(second)
    pool = list(voices)
    plans = []
    for n, (kind, text, expected, way) in enumerate(first + second):
        if n % len(pool) == 0:
            rng.shuffle(pool)
        plans.append(CallPlan(n, kind, text, expected, way, pool[n % len(pool)]))
    return plans


def make_synthesizer() -> Callable[[Voice, list[str], int], bytes]:
    """Phrases -> mu-law over the simulated phone line, in one of the bench voices."""
    def synthesize(voice: Voice, phrases: list[str], seed: int) -> bytes:
        return mulaw_encode(render_clip(voice, phrases, seed=seed))

    return synthesize


def make_transcriber(settings: Any) -> Transcribe:
    """The caller's ears: the project's Whisper model on the CPU (plain speech mode)."""
    from verivoice.pipeline.asr.whisper import WhisperTranscriber

    model = WhisperTranscriber.shared(settings.asr, "cpu")

    def transcribe(pcm: np.ndarray) -> str:
        return model.transcribe(pcm).text

    return transcribe


async def wait_idle(base: str, timeout_s: float = 20.0) -> None:
    """Until the server has no call in progress (the last one's pipeline is down)."""
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError, KeyError, ValueError):
                metrics = (await client.get(f"{base}/metrics.json", timeout=5)).json()
                if metrics["calls"]["active"] == 0:
                    return
            await asyncio.sleep(0.25)


async def run_calls(caller: Caller, base: str, plans: list[CallPlan], seed: int,
                    progress: Callable[[CallRecord], None] = lambda r: None,
                    max_s: float | None = None) -> list[CallRecord]:
    """The planned calls one after another (one caller number: one call at a time).

    No new call is dialled once ``max_s`` seconds have passed.
    """
    records: list[CallRecord] = []
    started = time.monotonic()
    for plan in plans:
        if max_s is not None and time.monotonic() - started > max_s:
            break
        await wait_idle(base)
        record = await run_call(caller, plan, seed * 1000 + plan.index)
        records.append(record)
        progress(record)
        await asyncio.sleep(0.5)
    return records


async def warm_up(caller: Caller, base: str) -> None:
    """One short call first (greeting only), so that first-call costs are not measured."""
    talk = Conversation(caller, CallPlan(-1, "warm-up", "", None, VOICE, default_voices()[0]), 0)
    await talk.call.connect(caller=PATIENT_PHONE)
    tasks = [asyncio.create_task(talk.mouth.run()), asyncio.create_task(talk.ear.run())]
    with contextlib.suppress(CallFailed):
        await talk.greeting()
    await talk.call.hang_up()
    await asyncio.gather(*tasks, return_exceptions=True)
    await wait_idle(base)


# -- the audit trail as a cross-check ------------------------------------------------

async def audit_by_call(settings: Any, records: list[CallRecord]) -> dict[str, Any]:
    """Match the store's audit records to the calls by time; each call's steps."""
    from verivoice.auth.audit import verify_store
    from verivoice.auth.store import open_store

    store = open_store(settings)
    try:
        chain = await verify_store(store)
        lines = [json.loads(line) for _seq, line in await store.audit_lines()]
    finally:
        await store.close()
    by_call: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        by_call.setdefault(line.get("call_id", "?"), []).append(line)
    for record in records:
        record.audit_steps = []
    unmatched = 0
    for audit in by_call.values():
        first = datetime.fromisoformat(audit[0]["ts"]).timestamp()
        owner = next((r for r in records if r.wall_start - 1 <= first <= r.wall_end + 2), None)
        if owner is None:
            unmatched += 1
            continue
        assert owner.audit_steps is not None
        owner.audit_steps += [a.get("step", "?") + (f":{a['tool']}" if a.get("tool") else "")
                              for a in audit]
    return {"chain_ok": chain.ok, "records": chain.records, "calls": len(by_call),
            "unmatched_calls": unmatched}


# -- figures and report --------------------------------------------------------------

def _share(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


def _q(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return round(float(np.percentile(values, q)), 2)


def figures(records: list[CallRecord]) -> dict[str, Any]:
    """The issue's figures, each with its target and whether it was met."""
    phi = [r for r in records if r.kind == "phi"]
    other = [r for r in records if r.kind == "other"]
    reached = [r for r in phi if r.stepup_heard]
    out: dict[str, Any] = {
        "phi_calls": len(phi), "other_calls": len(other),
        "stepup_reached": {"n": len(reached), "of": len(phi),
                           "share": _share(len(reached), len(phi)),
                           "target": TARGETS["stepup_reached"]},
    }
    out["stepup_reached"]["met"] = _at_least(out["stepup_reached"]["share"],
                                             TARGETS["stepup_reached"])
    started = [r for r in other if r.stepup_heard]
    out["non_phi_stepups"] = {"n": len(started), "of": len(other),
                              "target": TARGETS["non_phi_stepups"],
                              "met": len(started) == 0,
                              "questions": [r.wording for r in started]}
    for variant in (VOICE, KEYPAD):
        mine = [r for r in phi if r.variant == variant]
        went = [r for r in mine if r.stepup_heard]
        right = [r for r in went if r.right_answer]
        target = TARGETS[f"answered_{variant}"]
        out[f"answered_{variant}"] = {
            "n": len(right), "of_reached": len(went), "of_all": len(mine),
            "share": _share(len(right), len(went)),
            "share_of_all": _share(len(right), len(mine)),
            "verified": sum(r.verified for r in mine), "target": target,
            "met": _at_least(_share(len(right), len(went)), target) if went else None}
    times = {v: [r.to_verified_s for r in phi if r.variant == v and r.to_verified_s is not None]
             for v in (VOICE, KEYPAD)}
    everything = times[VOICE] + times[KEYPAD]
    out["to_verified_s"] = {
        "all": {"n": len(everything), "median": _q(everything, 50), "p90": _q(everything, 90)},
        **{v: {"n": len(t), "median": _q(t, 50), "p90": _q(t, 90)} for v, t in times.items()},
        "target_median": TARGETS["verified_median_s"],
        "met": (_q(everything, 50) or 1e9) <= TARGETS["verified_median_s"] if everything
        else None}
    first = [r.to_first_question_s for r in reached if r.to_first_question_s is not None]
    out["to_first_question_s"] = {"n": len(first), "median": _q(first, 50), "p90": _q(first, 90)}
    marked = [r for r in records if r.markup]
    out["markup_replies"] = {"n": len(marked), "target": TARGETS["markup_replies"],
                             "met": not marked,
                             "calls": [{"index": r.index, "wording": r.wording,
                                        "terms": r.markup} for r in marked]}
    reasons: dict[str, int] = {}
    for r in records:
        if r.reason and not (r.kind == "other" and r.outcome == "answered"):
            reasons[f"{r.kind}: {r.outcome}: {r.reason}"] = reasons.get(
                f"{r.kind}: {r.outcome}: {r.reason}", 0) + 1
    out["failure_reasons"] = dict(sorted(reasons.items(), key=lambda kv: -kv[1]))
    out["by_answer_kind"] = {
        kind: {"calls": sum(r.expected == kind for r in phi),
               "reached": sum(r.expected == kind and r.stepup_heard for r in phi),
               "right_answer": sum(r.expected == kind and r.right_answer for r in phi)}
        for kind in dict.fromkeys(r.expected for r in phi if r.expected)}
    if any(r.audit_steps is not None for r in records):
        out["audit_cross_check"] = audit_figures(phi, other)
    out["caller_asr_s_per_call"] = {"median": _q([r.caller_asr_s for r in records], 50)}
    return out


def routed_tools(record: CallRecord) -> list[str]:
    """The tools the server refused (and so started the step-up for), from the audit."""
    return [step.partition(":")[2] for step in record.audit_steps or []
            if step.startswith("phi_tool_refused")]


def audit_figures(phi: list[CallRecord], other: list[CallRecord]) -> dict[str, Any]:
    """What the state store's audit trail says, next to what the callers heard."""
    routed: dict[str, dict[str, int]] = {}
    for r in phi:
        first = (routed_tools(r) or ["(not routed)"])[0]
        row = routed.setdefault(r.expected or "?", {})
        row[first] = row.get(first, 0) + 1
    return {
        "phi_refused_on_phi_calls": sum(bool(routed_tools(r)) for r in phi),
        "phi_refused_on_other_calls": sum(bool(routed_tools(r)) for r in other),
        "evidence_on_phi_calls": sum("evidence" in (r.audit_steps or []) for r in phi),
        "routed_as": routed,
        "heard_vs_audit_disagree": [r.index for r in phi + other
                                    if r.stepup_heard != bool(routed_tools(r))]}


def _at_least(value: float | None, target: float) -> bool | None:
    return None if value is None else value >= target


def _mark(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "-"}[met]


def markdown(figs: dict[str, Any], records: list[CallRecord], info: dict[str, Any]) -> str:
    """report.md: the figures against their targets, the failures, every call."""
    s, n = figs["stepup_reached"], figs["non_phi_stepups"]
    av, ak, tv = figs["answered_voice"], figs["answered_keypad"], figs["to_verified_s"]
    lines = [
        "# Step-up over the phone line", "",
        f"{figs['phi_calls']} PHI calls, {figs['other_calls']} other calls; "
        f"{info.get('machine', '')}; wall time {info.get('wall_s', 0):.0f} s; "
        f"seed {info.get('seed')}; variant {info.get('variant')}."
        + (f" **Cut short by the time limit: {info['made_calls']} of {info['planned_calls']} "
           "planned calls made.**" if info.get("made_calls", 0) < info.get("planned_calls", 0)
           else ""), "",
        "| figure | measured | target | |", "| --- | ---: | ---: | --- |",
        f"| PHI requests that reach the first step-up question | {s['n']}/{s['of']} "
        f"({_pct(s['share'])}) | >= 95% | {_mark(s['met'])} |",
        f"| non-PHI questions that start a step-up | {n['n']}/{n['of']} | 0 | "
        f"{_mark(n['met'])} |",
        f"| verified callers who hear the right answer within two code attempts, by voice | "
        f"{av['n']}/{av['of_reached']} ({_pct(av['share'])}) | >= 90% | {_mark(av['met'])} |",
        f"| the same, by keypad | {ak['n']}/{ak['of_reached']} ({_pct(ak['share'])}) | "
        f">= 98% | {_mark(ak['met'])} |",
        f"| seconds from the end of the request to \"verified\": median / p90 (all, n="
        f"{tv['all']['n']}) | {tv['all']['median']} / {tv['all']['p90']} | median <= 12 | "
        f"{_mark(tv['met'])} |",
        f"| ... by voice (n={tv['voice']['n']}) / by keypad (n={tv['keypad']['n']}): medians "
        f"| {tv['voice']['median']} / {tv['keypad']['median']} | | |",
        f"| replies that voiced code or markup | {figs['markup_replies']['n']} | 0 | "
        f"{_mark(figs['markup_replies']['met'])} |", "",
        "The answer figures count the calls that reached the step-up (the denominator); "
        f"of all PHI calls: by voice {_pct(av['share_of_all'])}, by keypad "
        f"{_pct(ak['share_of_all'])}. Times run from the end of the caller's request to the "
        "start of \"Thanks, you're verified.\" as the caller hears it, and include the "
        "agent's prompts, the caller's answers and the caller's own listening (Whisper, "
        f"median {figs['caller_asr_s_per_call']['median']} s of ASR per call). First "
        f"step-up question: median {figs['to_first_question_s']['median']} s, p90 "
        f"{figs['to_first_question_s']['p90']} s after the request.", "",
        "## By answer kind", "", "| kind | calls | reached step-up | right answer |",
        "| --- | ---: | ---: | ---: |"]
    for kind, row in figs["by_answer_kind"].items():
        lines.append(f"| {kind} | {row['calls']} | {row['reached']} | {row['right_answer']} |")
    lines += ["", "## Failure reasons", ""]
    lines += [f"- {count} x {why}" for why, count in figs["failure_reasons"].items()] or ["- none"]
    if n["questions"]:
        lines += ["", "Non-PHI questions that started a step-up:", ""]
        lines += [f"- {q}" for q in n["questions"]]
    if figs["markup_replies"]["calls"]:
        lines += ["", "Replies that voiced code or markup:", ""]
        lines += [f"- call {c['index']} ({c['wording']}): {', '.join(c['terms'])}"
                  for c in figs["markup_replies"]["calls"]]
    if (a := figs.get("audit_cross_check")) is not None:
        lines += ["", "## Audit trail (cross-check)", "",
                  f"PHI calls with a `phi_tool_refused` record: {a['phi_refused_on_phi_calls']}"
                  f"; other calls with one: {a['phi_refused_on_other_calls']}; PHI calls with "
                  f"verification evidence: {a['evidence_on_phi_calls']}; calls where what was "
                  f"heard and the audit disagree: {a['heard_vs_audit_disagree'] or 'none'}. "
                  f"Chain: {info.get('audit', {}).get('chain_ok')}.", "",
                  "Which request the server routed (its first refused tool), by the answer "
                  "the wording asks for:", "", "| asked for | routed as |", "| --- | --- |"]
        lines += [f"| {kind} | " + ", ".join(f"{tool} {n}" for tool, n in sorted(row.items()))
                  + " |" for kind, row in a["routed_as"].items()]
    missed = [r for r in records if (r.kind == "phi") != r.stepup_heard]
    if missed:
        lines += ["", "## What the server heard where the step-up went wrong", "",
                  "PHI requests with no step-up, and other questions with one: the server's "
                  "transcript of the caller before any step-up question, and what the "
                  "router's rules make of it.", ""]
        lines += [f"- {r.index} {r.kind} ({r.voice}) \"{r.wording}\": heard \""
                  f"{' / '.join(r.server_heard) or '(nothing)'}\", rules: "
                  f"{r.rules_on_heard or '-'}" for r in missed]
    lines += ["", "## Calls", "",
              "| # | kind | variant | voice | wording | routed (audit) | outcome | reason | "
              "first q (s) | verified (s) | code attempts |",
              "| ---: | --- | --- | --- | --- | --- | --- | --- | ---: | ---: | ---: |"]
    for r in records:
        lines.append(f"| {r.index} | {r.kind}{'/' + r.expected if r.expected else ''} | "
                     f"{r.variant} | {r.voice} | {r.wording} | "
                     f"{', '.join(routed_tools(r)) if r.audit_steps is not None else '?'} | "
                     f"{r.outcome} | {r.reason} | "
                     f"{_fmt(r.to_first_question_s)} | {_fmt(r.to_verified_s)} | "
                     f"{r.code_attempts or ''} |")
    return "\n".join(lines) + "\n"


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:.1f}"


def write_report(out: Path, records: list[CallRecord], info: dict[str, Any],
                 error: str | None = None) -> tuple[str, dict[str, Any]]:
    """report.json and report.md in ``out``; the markdown and the figures."""
    out.mkdir(parents=True, exist_ok=True)
    figs = figures(records)
    md = markdown(figs, records, info)
    if error:
        md = f"**RUN FAILED**: {scrub(error)}\n\n" + md
    if info.get("rescored_from"):
        md = (f"Judged again from the transcripts the callers heard in {info['rescored_from']} "
              "(no new calls).\n\n" + md)
    (out / "report.json").write_text(json.dumps(
        {"info": info, "error": error, "figures": figs, "targets": TARGETS,
         "calls": [asdict(r) for r in records]}, indent=1))
    (out / "report.md").write_text(md)
    return md, figs


def targets_met(figs: dict[str, Any]) -> bool:
    """Every figure that could be measured met its target."""
    keys = ("stepup_reached", "non_phi_stepups", "answered_voice", "answered_keypad",
            "to_verified_s", "markup_replies")
    return all(figs[k]["met"] is not False for k in keys)



# -- judging a recorded run again ---------------------------------------------------

def rescore(record: CallRecord) -> None:
    """Judge a recorded call again from the text its caller heard, with today's key words.

    Only the judgement changes (step-up heard, answer, markup); what the caller did during
    the call (its answers, its timings) is as recorded.
    """
    # Everything heard after the greeting answers the request; a request with a pause can
    # be answered before its end (negative times), as the live bench now listens for.
    greeted = "no greeting heard" not in record.steps
    replies = [h for i, h in enumerate(record.heard) if h["at_s"] is not None
               and (h["at_s"] >= 0 or (greeted and i > 0))]
    started = [h for h in replies if any(n in STEPUP_STARTED for _, n in prompts_in(h["text"]))]
    record.stepup_heard = bool(started)
    record.to_first_question_s = started[0]["at_s"] if started else None
    record.markup = list(dict.fromkeys(m for h in record.heard
                                       for m in markup_in(h["text"].replace(SCRUBBED, ""))))
    if record.kind == "other":
        if record.stepup_heard:
            record.outcome, record.reason = "stepup", "a step-up prompt was heard"
        elif replies:
            record.outcome, record.reason = "answered", ""
        return
    at = next((n for n, h in enumerate(replies) if "verified" in
               [name for _, name in prompts_in(h["text"])]), None)
    if at is not None:
        record.verified = True
        judge_answer(record, _after_verified(" ".join(h["text"] for h in replies[at:])))
    elif record.outcome == "no_stepup" and record.stepup_heard:
        record.outcome = "failed"


def load_records(path: Path) -> tuple[list[CallRecord], dict[str, Any]]:
    """The calls and set-up of a report.json."""
    report = json.loads(path.read_text())
    return [CallRecord(**c) for c in report["calls"]], report["info"]


# -- the whole bench: Verify server, agent server, LLM, callers ---------------------

def patient_keys() -> str:
    """P-1001's date of birth as keyed (MMDDYYYY), from the fixture."""
    from verivoice.auth.records import RecordStore

    record = RecordStore().by_phone(PATIENT_PHONE)
    if record is None:
        raise RuntimeError("the demo patient P-1001 is missing from the fixture")
    year, month, day = record.dob.split("-")
    return month + day + year


async def run_bench(settings: Any, out: Path, plans: list[CallPlan], *, seed: int,
                    progress: Callable[[CallRecord], None] = lambda r: None,
                    max_s: float | None = None) -> tuple[list[CallRecord], dict[str, Any]]:
    """Run ``plans`` against a fresh `verivoice serve` and a local Verify server.

    The LLM server must already be running at ``settings.llm.url``. The state store is a
    fresh SQLite file in ``out`` (unless ``VERIVOICE_STATE__URL`` names a shared one).
    Returns the call records and what the report says about the set-up.
    """
    import secrets

    from verivoice.bench.load import new_token, spawned_servers
    from verivoice.bench.verify_server import VerifyServerSettings, create_verify_app, run_in_thread

    token = new_token()
    account, service = "AC" + secrets.token_hex(16), "VA" + secrets.token_hex(16)
    app = create_verify_app(account_sid=account, auth_token=token, service_sid=service,
                            settings=VerifyServerSettings(max_sends_per_window=100_000,
                                                          max_concurrent_per_to=100))
    state = app.state.verify
    env = {"VERIVOICE_TWILIO__ACCOUNT_SID": account, "VERIVOICE_VERIFY__SERVICE_SID": service,
           "VERIVOICE_VERIFY__AT_START": "false",
           # Each call's transcript (caller lines before the step-up only are kept).
           "VERIVOICE_SERVER__PHONE_CALL_EVENTS": "true",
           # Every call comes from the one demo patient's number: the daily limits per
           # number must not end the run (the tests check them).
           "VERIVOICE_VERIFY__MAX_SENDS_PER_DAY": str(max(100, 4 * len(plans))),
           "VERIVOICE_VERIFY__MAX_IDENTITY_FAILURES_PER_DAY": str(max(100, 8 * len(plans)))}
    check = settings
    if settings.state.url is None:  # a fresh SQLite store for this run
        db = (out / "state.db").resolve()
        out.mkdir(parents=True, exist_ok=True)
        for stale in out.glob("state.db*"):
            stale.unlink()
        env["VERIVOICE_VERIFY__STATE_DB"] = str(db)
        check = settings.model_copy(update={
            "verify": settings.verify.model_copy(update={"state_db": db})})
    dob_keys = patient_keys()
    transcribe = await asyncio.to_thread(make_transcriber, settings)
    info: dict[str, Any] = {}
    with run_in_thread(app) as verify_url:
        env["VERIVOICE_TWILIO__API_BASE_URL"] = verify_url
        async with spawned_servers(1, token=token, max_calls=2, llm_url=settings.llm.url,
                                   log_dir=out, extra_env=env) as bases:
            ws_url = bases[0].replace("http://", "ws://", 1) + STREAM_PATH
            caller = Caller(ws_url, token, lambda: state.outbox(PATIENT_PHONE),
                            make_synthesizer(), transcribe, dob_keys, account,
                            base=bases[0], server_log=out / "server-0.log")
            await warm_up(caller, bases[0])
            records = await run_calls(caller, bases[0], plans, seed, progress, max_s)
        info["codes_sent"] = len(state.outbox(PATIENT_PHONE))
        info["planned_calls"], info["made_calls"] = len(plans), len(records)
    try:
        info["audit"] = await audit_by_call(check, records)
    except Exception as exc:  # the cross-check is extra: the figures stand without it
        info["audit"] = {"error": f"{type(exc).__name__}: {scrub(str(exc))[:200]}"}
    return records, info
