"""`verivoice bench handoff`: do callers who ask for a person get transferred, and only they?

Every call is a real Twilio media stream (:class:`~verivoice.bench.twilio_caller.TwilioCall`)
to one `verivoice serve` process, set up as in production: the LLM server (the bundled model
unless ``VERIVOICE_LLM__BASE_URL`` names one), a local Twilio-compatible server
(:mod:`verivoice.bench.verify_server`) for Verify and for live-call updates, and a practice
profile written for the run whose front desk and billing lines answer ``always`` (so a
transfer is possible whatever the clock says).

The caller (the synthetic patient's number) waits for the greeting to finish (the agent's
audio quiet for :data:`GREETING_GAP_S` on the caller's playback clock), says one wording
from :mod:`verivoice.bench.handoff_set` in one of the bench voices over the simulated phone
line, then listens: until the server updates the live call with a ``<Dial>`` (a transfer
requested), or for :data:`WINDOW_S` after its speech and until the agent has been quiet for
a second (at most :data:`MAX_LISTEN_S`). Negatives are listened to for the whole window.

Timing: the end of speech is the moment the caller's last loud 20 ms frame left (frames are
paced in real time; +-20 ms). The REST update's time is taken when the local server's
``update_call`` runs: the bench wraps that method of the server's state object (same
process, ``time.monotonic``; sub-millisecond resolution, no polling). The figure so spans
the agent's turn end, ASR, routing, the "I'll put you through" line being played, and the
SDK's request.

With ``VERIVOICE_SERVER__PHONE_CALL_EVENTS`` on, the bench also reads each call's events
(what the server's ASR heard, what the agent said, the hand-off's outcome) for the report.
A call that goes wrong is recorded with its reason and never stops the run.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import random
import re
import secrets
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import numpy as np
import yaml

from verivoice.bench import (
    handoff_heldout,
    handoff_heldout2,
    handoff_heldout3,
    handoff_heldout4,
    handoff_heldout5,
    handoff_heldout6,
    handoff_heldout7,
    handoff_heldout8,
    handoff_heldout9,
    handoff_heldout10,
    handoff_heldout11,
    handoff_heldout12,
    handoff_heldout13,
    handoff_set,
)
from verivoice.bench.digit_set import render_clip
from verivoice.bench.phone_line import PHONE_RATE
from verivoice.bench.stepup import wait_idle
from verivoice.bench.twilio_caller import FRAME_BYTES, TwilioCall, mulaw_encode
from verivoice.bench.voices import Voice, default_voices
from verivoice.server.twilio_routes import STREAM_PATH

DEFAULT_OUT = Path("bench-out/handoff")
POSITIVE, NEGATIVE = "positive", "negative"
CALLER_PHONE = "+15550100142"  # the synthetic patient P-1001: never written to a report
FRONT_DESK, BILLING = "front_desk", "billing"
TARGET_NUMBERS = {FRONT_DESK: "+15550100900", BILLING: "+15550100901"}
TARGETS = {"positive_rate": 0.95, "negative_transfers": 0}

GREETING_GAP_S = 0.8  # the agent's audio quiet this long: the greeting is over
GREETING_TIMEOUT_S = 25.0
WINDOW_S = 10.0  # a transfer should be requested within this long after the caller's speech
MAX_LISTEN_S = 20.0  # past the window, listen while the agent talks, up to this
QUIET_AFTER_S = 1.0  # ... and stop once it has been quiet this long
LOUD_RMS = 0.025  # a 20 ms frame louder than this is speech, not line noise
SILENCE = bytes([0xFF]) * FRAME_BYTES  # mu-law digital silence, one 20 ms frame


# -- the plan --------------------------------------------------------------------------

#: The wording sets: ``heldout13`` was written without reading the routing rules and has
#: never been used to tune them; ``heldout12``, ``heldout11``, ``heldout10``, ``heldout9``,
#: ``heldout8``, ``heldout7``, ``heldout6``, ``heldout5``, ``heldout4``, ``heldout3``,
#: ``heldout2`` and ``heldout`` were such sets, each measured once and then read; ``tuned`` is
#: the first set, read to widen the rules.
WORDINGS = {"heldout13": handoff_heldout13, "heldout12": handoff_heldout12,
            "heldout11": handoff_heldout11,
            "heldout10": handoff_heldout10,
            "heldout9": handoff_heldout9,
            "heldout8": handoff_heldout8, "heldout7": handoff_heldout7,
            "heldout6": handoff_heldout6,
            "heldout5": handoff_heldout5, "heldout4": handoff_heldout4,
            "heldout3": handoff_heldout3, "heldout2": handoff_heldout2,
            "heldout": handoff_heldout, "tuned": handoff_set}

@dataclass(frozen=True)
class Plan:
    """One planned call: a wording, whether it asks for a person, the voice saying it."""

    index: int
    kind: str  # POSITIVE | NEGATIVE
    text: str
    voice: Voice
    expected_target: str | None  # the profile key a positive should be dialled to
    borderline: str | None = None  # why a wording is borderline, if the set says so


def expected_target(text: str, kind: str, billing: Sequence[str] = ()) -> str | None:
    if kind != POSITIVE:
        return None
    return BILLING if text in billing else FRONT_DESK


def plan_calls(*, positives: int | None, negatives: int | None, seed: int,
               voices: Sequence[Voice],
               wordings: tuple[Sequence[str], Sequence[str]] | None = None,
               wording_set: str = "heldout13") -> list[Plan]:
    """The calls of one run in a seeded order.

    The voices are spread evenly over the positives and, separately, over the negatives,
    so that each voice says about as many of each (the rates differ a lot by voice).
    ``wordings``: (positives, negatives) to use instead of a bench set (tests);
    ``wording_set``: which bench set (:data:`WORDINGS`).
    """
    rng = random.Random(seed)
    chosen_set = WORDINGS[wording_set]
    person, other = wordings or (chosen_set.PERSON_REQUESTS, chosen_set.OTHER_REQUESTS)
    rows: list[tuple[str, str, Voice]] = []
    for kind, texts, count in ((POSITIVE, person, positives), (NEGATIVE, other, negatives)):
        chosen = list(texts)
        rng.shuffle(chosen)
        chosen = chosen[:count]
        rows += zip([kind] * len(chosen), chosen, _spread(voices, len(chosen), rng),
                    strict=True)
    rng.shuffle(rows)
    return [Plan(n, kind, text, voice,
                 expected_target(text, kind, chosen_set.BILLING_REQUESTS),
                 chosen_set.BORDERLINE.get(text))
            for n, (kind, text, voice) in enumerate(rows)]


def _spread(voices: Sequence[Voice], count: int, rng: random.Random) -> list[Voice]:
    """``count`` voices: each voice once per round, in a fresh order each round."""
    picked: list[Voice] = []
    while len(picked) < count:
        pool = list(voices)
        rng.shuffle(pool)
        picked += pool
    return picked[:count]


# -- what happened on one call ---------------------------------------------------------

@dataclass
class CallRecord:
    index: int
    kind: str
    text: str
    voice: str
    expected_target: str | None
    borderline: str | None = None
    transfer_requested: bool = False
    latency_s: float | None = None  # end of speech -> the REST update with the <Dial>
    reply_s: float | None = None  # end of speech -> the agent's first audio after the speech
    # began (negative: the agent answered a first part while the caller was still talking)
    dialled_target: str | None = None  # the profile key in the Dial's action URL
    dial_reason: str | None = None  # why the server says it transferred ("asked", ...)
    target_ok: bool | None = None  # dialled the expected target's number
    updates: list[dict[str, Any]] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)  # the server's ASR of the caller
    agent: list[str] = field(default_factory=list)  # what the agent said
    handoff_events: list[dict[str, Any]] = field(default_factory=list)
    rules_on_text: str | None = None  # the router's rules on the wording as written
    rules_on_heard: str | None = None  # ... and on what the server heard
    speech_s: float = 0.0
    greeting_heard: bool = False
    outcome: str = "ok"  # ok | failed (the harness could not complete the call)
    reason: str = ""
    call_s: float = 0.0


class CallFailed(Exception):
    """The call could not be made as planned; the message is the record's reason."""


# -- REST updates, timestamped as they arrive -------------------------------------------

class UpdateLog:
    """Live-call updates the local Twilio server accepted, with their arrival time.

    Wraps the server state's ``update_call`` (the route calls it per request): the time is
    taken as the request is handled, on this process's monotonic clock.
    """

    def __init__(self, state: Any) -> None:
        self._rows: list[dict[str, Any]] = []
        original = state.update_call

        def update_call(authorization, account, sid, form, path):  # type: ignore[no-untyped-def]
            received = time.monotonic()
            answer = original(authorization, account, sid, form, path)
            self._rows.append({"sid": sid, "at": received, "twiml": form.get("Twiml"),
                               "status": form.get("Status")})
            return answer

        state.update_call = update_call

    def for_call(self, sid: str) -> list[dict[str, Any]]:
        return [dict(r) for r in list(self._rows) if r["sid"] == sid]


@dataclass(frozen=True)
class Dialled:
    number: str | None
    target: str | None
    reason: str | None


def parse_dial(twiml: str | None) -> Dialled | None:
    """The ``<Dial>`` in ``twiml``: the number (or SIP URI) and the action URL's fields."""
    if not twiml:
        return None
    try:
        root = ET.fromstring(twiml)
    except ET.ParseError:
        return None
    dial = root.find("Dial")
    if dial is None:
        return None
    leg = dial.find("Number")
    if leg is None:
        leg = dial.find("Sip")
    query = parse_qs(urlparse(dial.get("action", "")).query)
    return Dialled((leg.text or "").strip() if leg is not None else None,
                   query.get("target", [None])[0], query.get("reason", [None])[0])


def update_kind(update: dict[str, Any]) -> str:
    if parse_dial(update.get("twiml")) is not None:
        return "dial"
    if update.get("status") == "completed":
        return "hang-up"
    return "other"


# -- the caller's mouth and ear ---------------------------------------------------------

class Mouth:
    """The caller's side of the line: 20 ms frames at real-time pace, silence between."""

    def __init__(self, call: TwilioCall) -> None:
        self._call = call
        self._queue: asyncio.Queue[tuple[bytes, asyncio.Future[float]]] = asyncio.Queue()

    async def say(self, mulaw: bytes) -> float:
        """Send ``mulaw``; the time its last frame left."""
        done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((mulaw, done))
        return await done

    async def run(self) -> None:
        n, started = 0, time.monotonic()
        current, pos, done = b"", 0, None
        while not self._call.closed.is_set():
            if done is None and not self._queue.empty():
                current, done = self._queue.get_nowait()
                pos = 0
            chunk = current[pos:pos + FRAME_BYTES] if done is not None else SILENCE
            pos += FRAME_BYTES
            with contextlib.suppress(Exception):  # the stream closed under us: stop below
                await self._call.send({
                    "event": "media", "streamSid": self._call.stream_sid,
                    "media": {"track": "inbound", "chunk": str(n + 1), "timestamp": str(n * 20),
                              "payload": base64.b64encode(chunk.ljust(FRAME_BYTES, b"\xff"))
                              .decode()}})
            if done is not None and pos >= len(current):
                done.set_result(time.monotonic())
                done = None
            n += 1
            wait = started + n * 0.02 - time.monotonic()
            if wait < -0.2:  # the loop stalled: do not burst to catch up
                started, n, wait = time.monotonic(), 0, 0.0
            await asyncio.sleep(max(0.0, wait))
        if done is not None:
            done.set_result(time.monotonic())


class Ear:
    """The agent's audio on the caller's playback clock (Twilio plays it in real time)."""

    def __init__(self, call: TwilioCall) -> None:
        self._call = call
        self._seen = 0
        self._events = 0
        self.play_end = 0.0
        self.starts: list[float] = []  # when each stretch of agent audio began playing

    def poll(self, now: float) -> None:
        for event in self._call.events[self._events:]:
            if event.get("event") == "clear":  # barge-in: the buffered audio is dropped
                self.play_end = min(self.play_end, now)
        self._events = len(self._call.events)
        size = len(self._call.audio_in)
        if size > self._seen:
            start = max(now, self.play_end)
            if not self.starts or start > self.play_end + 0.1:
                self.starts.append(start)
            self.play_end = start + (size - self._seen) / PHONE_RATE
            self._seen = size

    def heard_any(self) -> bool:
        return self._seen > 0

    def quiet_for(self, now: float) -> float:
        return now - self.play_end if self._seen else 0.0

    def first_start_after(self, t: float) -> float | None:
        return next((s for s in self.starts if s >= t), None)

    async def run(self) -> None:
        while not self._call.closed.is_set():
            self.poll(time.monotonic())
            await asyncio.sleep(0.02)

    async def until_quiet(self, gap_s: float, timeout_s: float) -> bool:
        """Until the agent has spoken and then been quiet for ``gap_s``; ``False`` on timeout."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and not self._call.closed.is_set():
            now = time.monotonic()
            self.poll(now)
            if self.heard_any() and self.quiet_for(now) >= gap_s:
                return True
            await asyncio.sleep(0.02)
        return False


def trailing_silence_s(audio: np.ndarray, frame: int = 160) -> float:
    """Seconds after the last loud 20 ms frame of an 8 kHz clip."""
    frames = len(audio) // frame
    if frames == 0:
        return 0.0
    rms = np.sqrt(np.mean(audio[:frames * frame].reshape(frames, frame) ** 2, axis=1))
    loud = np.flatnonzero(rms > LOUD_RMS)
    return 0.0 if loud.size == 0 else (len(audio) - (loud[-1] + 1) * frame) / PHONE_RATE


@dataclass(frozen=True)
class Clip:
    mulaw: bytes
    seconds: float
    tail_s: float  # quiet after the speech itself


def make_clip(voice: Voice, text: str, seed: int) -> Clip:
    audio = render_clip(voice, [text], seed=seed)
    return Clip(mulaw_encode(audio), len(audio) / PHONE_RATE, trailing_silence_s(audio))


# -- the server's view of the call (phone call events) ----------------------------------

class ServerLog:
    """The server's log file: finds our id of a call from its Twilio call SID."""

    def __init__(self, path: Path) -> None:
        self.path = path

    async def call_id(self, call_sid: str, timeout_s: float = 10.0) -> str | None:
        pattern = re.compile(rf"call ([0-9a-f]+): Twilio call {call_sid}\b")
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                found = pattern.search(self.path.read_text(errors="replace"))
                if found:
                    return found[1]
            await asyncio.sleep(0.1)
        return None


async def follow_events(base: str, log: ServerLog, call_sid: str, sink: list[dict]) -> None:
    """Collect the call's events (transcript lines, hand-offs) until it ends."""
    call_id = await log.call_id(call_sid)
    if call_id is None:
        sink.append({"kind": "note", "text": "call id not found in the server log"})
        return
    async with httpx.AsyncClient(timeout=httpx.Timeout(5.0, read=None)) as client:
        for _ in range(50):
            async with client.stream("GET", f"{base}/api/calls/{call_id}/events") as response:
                if response.status_code == 404:
                    await asyncio.sleep(0.1)
                    continue
                async for line in response.aiter_lines():
                    if line.startswith("data: "):
                        event = json.loads(line[6:])
                        sink.append(event)
                        if event.get("kind") == "end":
                            return
                return


# -- one call ---------------------------------------------------------------------------

@dataclass
class Bench:
    """What every call needs: where to call, how to sign, where updates and events are."""

    base: str
    token: str
    updates: UpdateLog
    log: ServerLog
    account_sid: str = "AC" + "0" * 32

    @property
    def ws_url(self) -> str:
        return self.base.replace("http://", "ws://", 1) + STREAM_PATH


async def listen_for_transfer(bench: Bench, call: TwilioCall, ear: Ear,
                              speech_end: float) -> None:
    """Until a ``<Dial>`` update arrives, or the window is over and the agent is quiet."""
    while not call.closed.is_set():
        now = time.monotonic()
        ear.poll(now)
        if any(update_kind(u) == "dial" for u in bench.updates.for_call(call.call_sid)):
            await asyncio.sleep(0.5)  # anything sent right after it
            return
        if now >= speech_end + MAX_LISTEN_S:
            return
        if now >= speech_end + WINDOW_S and ear.quiet_for(now) >= QUIET_AFTER_S:
            return
        await asyncio.sleep(0.02)
    raise CallFailed("the server closed the stream")


async def converse(bench: Bench, call: TwilioCall, clip: Clip, record: CallRecord,
                   mouth: Mouth, ear: Ear) -> tuple[float, float]:
    """Greeting, the wording, listening; when the caller's speech began and ended."""
    record.greeting_heard = await ear.until_quiet(GREETING_GAP_S, GREETING_TIMEOUT_S)
    if call.closed.is_set():
        raise CallFailed("the server closed the stream before the caller spoke")
    if not record.greeting_heard:
        record.reason = "no greeting heard (spoke anyway)"
    sent = await mouth.say(clip.mulaw)
    speech = (sent - clip.seconds, sent - clip.tail_s)
    await listen_for_transfer(bench, call, ear, speech[1])
    return speech


async def run_call(bench: Bench, plan: Plan, clip: Clip) -> CallRecord:
    """One call, dial to hang-up; never raises (a failure is the record's reason)."""
    record = CallRecord(plan.index, plan.kind, plan.text, plan.voice.label,
                        plan.expected_target, plan.borderline,
                        speech_s=round(clip.seconds - clip.tail_s, 2))
    call = TwilioCall(bench.ws_url, bench.token, account_sid=bench.account_sid)
    mouth, ear, events = Mouth(call), Ear(call), []
    started = time.monotonic()
    speech: tuple[float, float] | None = None
    tasks: list[asyncio.Task] = []
    try:
        await call.connect(caller=CALLER_PHONE)
        tasks = [asyncio.create_task(mouth.run()), asyncio.create_task(ear.run()),
                 asyncio.create_task(follow_events(bench.base, bench.log, call.call_sid, events))]
        speech = await asyncio.wait_for(converse(bench, call, clip, record, mouth, ear),
                                            GREETING_TIMEOUT_S + clip.seconds + MAX_LISTEN_S + 15)
    except CallFailed as exc:
        record.outcome, record.reason = "failed", str(exc)
    except TimeoutError:
        record.outcome, record.reason = "failed", "the call ran over its time limit"
    except Exception as exc:  # websocket errors, refused handshakes
        record.outcome, record.reason = "failed", f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(call.hang_up(), 10)
        call.closed.set()
        await _finish_tasks(tasks)
        record.call_s = round(time.monotonic() - started, 2)
    describe(record, bench.updates.for_call(call.call_sid), events, ear, speech)
    return record


async def _finish_tasks(tasks: list[asyncio.Task], timeout_s: float = 10.0) -> None:
    """Mouth and ear stop with the call; the events end with the server's pipeline."""
    if not tasks:
        return
    _, pending = await asyncio.wait(tasks, timeout=timeout_s)
    for task in pending:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def describe(record: CallRecord, updates: list[dict[str, Any]], events: list[dict],
             ear: Ear, speech: tuple[float, float] | None) -> None:
    """Fill in what the updates and the call's events say (``speech``: when the caller's
    speech began and ended, if it was said)."""
    from verivoice.pipeline.intents import understand

    speech_end = speech[1] if speech is not None else None
    base = speech_end if speech_end is not None else 0.0
    record.updates = [{"kind": update_kind(u), "at_s": round(u["at"] - base, 3)
                       if speech_end is not None else None} for u in updates]
    dials = [(u, parse_dial(u["twiml"])) for u in updates if update_kind(u) == "dial"]
    if dials:
        update, dialled = dials[0]
        assert dialled is not None
        record.transfer_requested = True
        record.dialled_target, record.dial_reason = dialled.target, dialled.reason
        if speech_end is not None:
            record.latency_s = round(update["at"] - speech_end, 3)
        if record.expected_target is not None:
            record.target_ok = dialled.number == TARGET_NUMBERS[record.expected_target]
    if speech is not None and (start := ear.first_start_after(speech[0])) is not None:
        record.reply_s = round(start - speech[1], 3)  # < 0: it began before the caller ended
    lines = [e for e in events if e.get("kind") == "line"]
    record.heard = [e["text"] for e in lines if e.get("speaker") == "caller"]
    record.agent = [e["text"] for e in lines if e.get("speaker") == "agent"]
    record.handoff_events = [{k: e.get(k) for k in ("target", "outcome")}
                             for e in events if e.get("kind") == "handoff"]
    record.rules_on_text = rule_name(understand(record.text))
    record.rules_on_heard = rule_name(understand(" ".join(record.heard))) if record.heard else None


def rule_name(routed: Any) -> str:
    """What the request router's rules make of a text ("none": it goes to the model)."""
    if routed is None:
        return "none"
    return routed.request.value + (f" ({routed.topic})" if routed.topic else "")


# -- the run ----------------------------------------------------------------------------

def write_profile(out: Path) -> Path:
    """The example practice with front desk and billing lines that answer always."""
    from verivoice.practice import default_profile_path, load_profile

    data = yaml.safe_load(default_profile_path().read_text())
    data["handoff"] = {
        FRONT_DESK: {"name": "the front desk", "number": TARGET_NUMBERS[FRONT_DESK],
                     "hours": "always"},
        BILLING: {"name": "our billing team", "number": TARGET_NUMBERS[BILLING],
                  "hours": "always"},
    }
    path = (out / "practice.yaml").resolve()
    path.write_text("# Written by `verivoice bench handoff`: staff lines that answer always.\n"
                    + yaml.safe_dump(data, sort_keys=False))
    load_profile(path)  # fails here, not in the server, if it is not valid
    return path


async def warm_up(bench: Bench, voice: Voice) -> None:
    """One call first (greeting, a short hello), so first-call costs are not measured."""
    clip = await asyncio.to_thread(make_clip, voice, "Hello there.", 1)
    call = TwilioCall(bench.ws_url, bench.token, account_sid=bench.account_sid)
    mouth, ear = Mouth(call), Ear(call)
    await call.connect(caller=CALLER_PHONE)
    tasks = [asyncio.create_task(mouth.run()), asyncio.create_task(ear.run())]
    with contextlib.suppress(Exception):
        await ear.until_quiet(GREETING_GAP_S, GREETING_TIMEOUT_S)
        await mouth.say(clip.mulaw)
        await asyncio.sleep(1.0)
        await ear.until_quiet(GREETING_GAP_S, 15.0)
    await call.hang_up()
    await _finish_tasks(tasks)
    await wait_idle(bench.base, 30.0)


async def run_calls(bench: Bench, plans: list[Plan], seed: int,
                    progress: Callable[[CallRecord], None]) -> list[CallRecord]:
    """The planned calls one after another (one caller number: one call at a time)."""
    records = []
    for plan in plans:
        await wait_idle(bench.base, 30.0)
        try:
            clip = await asyncio.to_thread(make_clip, plan.voice, plan.text,
                                           seed * 1000 + plan.index)
        except Exception as exc:  # a voice that failed: the call is not made
            record = CallRecord(plan.index, plan.kind, plan.text, plan.voice.label,
                                plan.expected_target, plan.borderline,
                                outcome="failed", reason=f"synthesis: {type(exc).__name__}")
        else:
            record = await run_call(bench, plan, clip)
        records.append(record)
        progress(record)
        await asyncio.sleep(0.3)
    return records


async def _with_llm(settings: Any, device: str, body: Callable[[str], Any]) -> Any:
    """Run ``body(llm_url)`` with the LLM server: the configured one, or one started here
    (on a free port: another run may hold the default one)."""
    from verivoice.bench.local_postgres import free_port
    from verivoice.pipeline.llm.vllm_server import VllmServer

    if settings.llm.base_url:
        return await body(settings.llm.url)
    llm_settings = settings.llm.model_copy(update={"port": free_port()})
    server = VllmServer(llm_settings, device, nice=settings.compute_nice)  # type: ignore[arg-type]
    await server.start()
    try:
        return await body(llm_settings.url)
    finally:
        await server.stop()


async def run_handoff_bench(out: Path, *, positives: int | None = None,
                            negatives: int | None = None, seed: int = 7,
                            voices: Sequence[Voice] | None = None,
                            wordings: tuple[Sequence[str], Sequence[str]] | None = None,
                            wording_set: str = "heldout13",
                            progress: Callable[[CallRecord], None] | None = None,
                            planned: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Run the bench and write ``report.md`` and ``report.json`` into ``out``.

    ``positives``/``negatives``: how many of each wording set (default: all); ``voices``,
    ``wordings``: instead of the bench's (tests). ``planned(n)`` is told the number of
    calls before the first; ``progress(record)`` after each. Returns the report's dict. A
    harness failure is written to the report as its ``error`` and raised again.
    """
    from verivoice.bench.latency_report import machine_info
    from verivoice.bench.load import new_token, spawned_servers
    from verivoice.bench.verify_server import VerifyServerSettings, create_verify_app, run_in_thread
    from verivoice.config import get_settings
    from verivoice.device import resolve_device

    out.mkdir(parents=True, exist_ok=True)
    settings = get_settings()
    device = resolve_device(settings.device)
    voices = list(voices or default_voices())
    plans = plan_calls(positives=positives, negatives=negatives, seed=seed, voices=voices,
                       wordings=wordings, wording_set=wording_set)
    if planned is not None:
        planned(len(plans))
    info: dict[str, Any] = {
        "seed": seed, "wordings": "given" if wordings else wording_set,
        "voices": [v.label for v in voices], "started": datetime.now().isoformat(
            timespec="seconds"), "load_before": _loadavg(),
        "host": machine_info(settings, device), "llm": settings.llm.model_for(device),
        "window_s": WINDOW_S, "max_listen_s": MAX_LISTEN_S, "greeting_gap_s": GREETING_GAP_S,
        "timing": "end of speech: last loud caller frame sent (+-20 ms); update: when the "
                  "local Twilio server handled it (wrapped, monotonic clock, <1 ms)"}
    started = time.monotonic()
    records: list[CallRecord] = []
    error = None
    try:
        token = new_token()
        account, service = "AC" + secrets.token_hex(16), "VA" + secrets.token_hex(16)
        app = create_verify_app(account_sid=account, auth_token=token, service_sid=service,
                                settings=VerifyServerSettings(max_sends_per_window=100_000,
                                                              max_concurrent_per_to=100))
        updates = UpdateLog(app.state.verify)
        env = {"VERIVOICE_TWILIO__ACCOUNT_SID": account,
               "VERIVOICE_VERIFY__SERVICE_SID": service, "VERIVOICE_VERIFY__AT_START": "false",
               "VERIVOICE_PRACTICE__PROFILE": str(write_profile(out)),
               "VERIVOICE_SERVER__PHONE_CALL_EVENTS": "true",
               "VERIVOICE_HANDOFF__ENABLED": "true",
               # Every call comes from the one patient's number: the per-number daily limits
               # must not lock it part-way through the run (a locked step-up hands the call
               # over, and a request for protected data would then count as a transfer).
               "VERIVOICE_VERIFY__MAX_SENDS_PER_DAY": str(max(100, 4 * len(plans))),
               "VERIVOICE_VERIFY__MAX_IDENTITY_FAILURES_PER_DAY": str(max(100, 8 * len(plans)))}
        if settings.state.url is None:  # a fresh SQLite store for this run
            for stale in out.glob("state.db*"):
                stale.unlink()
            env["VERIVOICE_VERIFY__STATE_DB"] = str((out / "state.db").resolve())

        async def body(llm_url: str) -> list[CallRecord]:
            with run_in_thread(app) as twilio_url:
                env["VERIVOICE_TWILIO__API_BASE_URL"] = twilio_url
                async with spawned_servers(1, token=token, max_calls=2, llm_url=llm_url,
                                           log_dir=out, extra_env=env) as bases:
                    bench = Bench(bases[0], token, updates, ServerLog(out / "server-0.log"),
                                  account)
                    await warm_up(bench, voices[0])
                    return await run_calls(bench, plans, seed, progress or (lambda r: None))

        records = await _with_llm(settings, device, body)
    except Exception as exc:
        error = f"the run failed: {type(exc).__name__}: {str(exc)[:300]}"
        raise
    finally:
        info["wall_s"] = round(time.monotonic() - started, 1)
        info["load_after"] = _loadavg()
        report = write_report(out, records, info, error)
    return report


def _loadavg() -> list[float] | None:
    with contextlib.suppress(OSError):
        return [round(x, 2) for x in os.getloadavg()]
    return None


# -- figures and the report ---------------------------------------------------------------

def _q(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return float(np.percentile(values, q))


def _share(n: int, d: int) -> float | None:
    return n / d if d else None


def figures(records: list[CallRecord]) -> dict[str, Any]:
    done = [r for r in records if r.outcome == "ok"]
    pos = [r for r in done if r.kind == POSITIVE]
    neg = [r for r in done if r.kind == NEGATIVE]
    pos_yes = [r for r in pos if r.transfer_requested]
    neg_yes = [r for r in neg if r.transfer_requested]
    latencies = [r.latency_s for r in pos_yes if r.latency_s is not None]
    replies = [r.reply_s for r in pos if r.reply_s is not None]
    checked = [r for r in pos_yes if r.target_ok is not None]
    rate = _share(len(pos_yes), len(pos))
    return {
        "calls": len(records), "failed": len(records) - len(done),
        "positives": {"calls": len(pos), "transferred": len(pos_yes), "rate": rate,
                      "within_window": sum(1 for x in latencies if x <= WINDOW_S),
                      "target": TARGETS["positive_rate"],
                      "met": None if rate is None else rate >= TARGETS["positive_rate"]},
        "negatives": {"calls": len(neg), "transferred": len(neg_yes),
                      "rate": _share(len(neg_yes), len(neg)),
                      "target": TARGETS["negative_transfers"],
                      "met": None if not neg else len(neg_yes) <= TARGETS["negative_transfers"]},
        "latency_s": {"n": len(latencies), "median": statistics.median(latencies)
                      if latencies else None, "p90": _q(latencies, 90),
                      "max": max(latencies, default=None), "min": min(latencies, default=None)},
        "reply_s": {"n": len(replies), "median": statistics.median(replies) if replies else None,
                    "p90": _q(replies, 90)},
        "target_check": {"checked": len(checked),
                         "right": sum(1 for r in checked if r.target_ok)},
        "greeting_missed": sum(1 for r in records if not r.greeting_heard),
        "split_turns": sum(1 for r in done if len(r.heard) > 1),
        "by_voice": _by_voice(done),
        # The router's rules on the wordings as written (as if the ASR were perfect).
        "rules_on_text": {"positives": sum(1 for r in pos if _is_handoff(r.rules_on_text)),
                          "negatives": sum(1 for r in neg if _is_handoff(r.rules_on_text))},
    }


def _by_voice(done: list[CallRecord]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for r in done:
        row = table.setdefault(r.voice, {"positives": 0, "positives_transferred": 0,
                                         "negatives": 0, "negatives_transferred": 0})
        kind = "positives" if r.kind == POSITIVE else "negatives"
        row[kind] += 1
        row[f"{kind}_transferred"] += r.transfer_requested
    return dict(sorted(table.items()))


def _is_handoff(rule: str | None) -> bool:
    return rule is not None and rule.startswith("transfer_to_staff")


def targets_met(figs: dict[str, Any]) -> bool:
    return bool(figs["positives"]["met"]) and bool(figs["negatives"]["met"])


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


def _s(v: float | None) -> str:
    return "-" if v is None else f"{v:.2f}"


def _yes(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "-"}[met]


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _detail(r: CallRecord) -> str:
    heard = " / ".join(r.heard) or "(nothing)"
    agent = " / ".join(r.agent)[:300] or "(nothing)"
    return (f"- \"{r.text}\" ({r.voice}): server heard \"{_cell(heard)}\"; rules on the "
            f"wording: {r.rules_on_text}, on what was heard: {r.rules_on_heard}; agent said: "
            f"\"{_cell(agent)}\"" + (f"; note: {r.reason}" if r.reason else ""))


def markdown(figs: dict[str, Any], records: list[CallRecord], info: dict[str, Any],
             error: str | None) -> str:
    p, n, lat, rep = figs["positives"], figs["negatives"], figs["latency_s"], figs["reply_s"]
    host = info.get("host", {})
    lines = ["# Hand-off bench", "",
             f"{figs['calls']} calls ({p['calls']} asking for a person, {n['calls']} not; "
             f"{figs['failed']} failed), seed {info.get('seed')}, one call at a time, "
             f"{info.get('wall_s', 0):.0f} s. LLM {info.get('llm')}; machine: "
             f"{host.get('cpu', '?')}, {host.get('cores', '?')} cores, {host.get('device', '?')}; "
             f"load average before {info.get('load_before')}, after {info.get('load_after')}.",
             ""]
    if error:
        lines += [f"**RUN FAILED**: {error}", ""]
    lines += ["| figure | value | target | met |", "| --- | ---: | ---: | :---: |",
              f"| transfer requested, positives | {p['transferred']}/{p['calls']} "
              f"({_pct(p['rate'])}) | >= {_pct(p['target'])} | {_yes(p['met'])} |",
              f"| transfer requested, negatives | {n['transferred']}/{n['calls']} | "
              f"{n['target']} | {_yes(n['met'])} |",
              f"| end of speech -> REST update, median / p90 / max (s) | {_s(lat['median'])} / "
              f"{_s(lat['p90'])} / {_s(lat['max'])} | - | - |",
              f"| end of speech -> agent's first audio, median / p90 (s), positives (1) | "
              f"{_s(rep['median'])} / {_s(rep['p90'])} | - | - |",
              f"| dialled the expected line | {figs['target_check']['right']}/"
              f"{figs['target_check']['checked']} | all | - |", "",
              f"The router's rules on the wordings as written (no ASR): "
              f"{figs['rules_on_text']['positives']}/{p['calls']} positives and "
              f"{figs['rules_on_text']['negatives']}/{n['calls']} negatives are a request for "
              f"a person. Calls whose turn the server split at a pause: "
              f"{figs['split_turns']}.", "",
              f"Timing: {info.get('timing')}. A transfer counts when the server updated the "
              f"live call with a `<Dial>` while the caller listened (window {WINDOW_S:.0f} s "
              f"after the speech, longer while the agent talked, at most {MAX_LISTEN_S:.0f} s); "
              f"{p['within_window']} of the positives' transfers came within the window. The "
              "latency includes the agent saying \"I'll put you through to ... now. Please "
              "hold.\" and waiting until it has played. (1) Negative when the agent began answering "
              "a first part of the wording (a pause split the caller's turn) before the "
              "caller had finished.", ""]
    lines += ["| voice | positives transferred | negatives transferred |",
              "| --- | ---: | ---: |"]
    lines += [f"| {voice} | {v['positives_transferred']}/{v['positives']} | "
              f"{v['negatives_transferred']}/{v['negatives']} |"
              for voice, v in figs["by_voice"].items()]
    lines.append("")
    groups = [
        ("Positives not transferred", [r for r in records if r.outcome == "ok"
                                       and r.kind == POSITIVE and not r.transfer_requested]),
        ("Negatives transferred", [r for r in records if r.outcome == "ok"
                                   and r.kind == NEGATIVE and r.transfer_requested]),
        ("Transferred to an unexpected line", [r for r in records if r.target_ok is False]),
        ("Failed calls", [r for r in records if r.outcome != "ok"]),
    ]
    for title, rows in groups:
        lines += [f"## {title} ({len(rows)})", ""]
        lines += [_detail(r) for r in rows] or ["none"]
        lines.append("")
    lines += ["## Every call", "",
              "| # | kind | wording | voice | transfer | s | line | server heard |",
              "| ---: | --- | --- | --- | :---: | ---: | --- | --- |"]
    for r in sorted(records, key=lambda r: r.index):
        line = r.dialled_target or "-"
        if r.target_ok is False:
            line += " (unexpected)"
        transfer = "yes" if r.transfer_requested else ("failed" if r.outcome != "ok" else "no")
        lines.append(f"| {r.index} | {r.kind} | {_cell(r.text)} | {r.voice} | {transfer} | "
                     f"{_s(r.latency_s)} | {line} | {_cell(' / '.join(r.heard))[:120]} |")
    return "\n".join(lines) + "\n"


def write_report(out: Path, records: list[CallRecord], info: dict[str, Any],
                 error: str | None = None) -> dict[str, Any]:
    """``report.json`` and ``report.md`` in ``out``; returns the report's dict."""
    out.mkdir(parents=True, exist_ok=True)
    figs = figures(records)
    report = {"info": info, "error": error, "summary": figs, "targets": TARGETS,
              "calls": [asdict(r) for r in sorted(records, key=lambda r: r.index)]}
    (out / "report.json").write_text(json.dumps(report, indent=1))
    (out / "report.md").write_text(markdown(figs, records, info, error))
    return report


# -- the command's entry ------------------------------------------------------------------

def main(out: Path = DEFAULT_OUT, positives: int | None = None, negatives: int | None = None,
         seed: int = 7, strict: bool = False, wording_set: str = "heldout13") -> int:
    """Run the bench with a progress bar and print the report. Returns the exit code:
    0 when it ran (1 with ``strict`` and a missed target), 2 when the harness failed."""
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.progress import Progress

    console = Console()
    with Progress(console=console) as bar:
        task = bar.add_task("starting (LLM server, verivoice serve)", total=None)

        def planned(n: int) -> None:
            bar.update(task, total=n)

        def progress(r: CallRecord) -> None:
            what = "transfer" if r.transfer_requested else ("failed" if r.outcome != "ok"
                                                            else "no transfer")
            bar.update(task, advance=1, description=f"call {r.index}: {r.kind} -> {what}")

        try:
            report = asyncio.run(run_handoff_bench(out, positives=positives, negatives=negatives,
                                                   seed=seed, progress=progress,
                                                   planned=planned, wording_set=wording_set))
        except Exception as exc:
            console.print(f"[red]the run failed: {type(exc).__name__}: {exc}[/red]")
            console.print(f"report: {out / 'report.md'}")
            return 2
    console.print(Markdown((out / "report.md").read_text().split("## Every call")[0]))
    console.print(f"report: {out / 'report.md'}, {out / 'report.json'}")
    if not report["calls"]:
        return 2
    return 1 if strict and not targets_met(report["summary"]) else 0
