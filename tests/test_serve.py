"""`verivoice serve`, really started: Twilio media streams, webhook signatures, browser calls.

One server process for the module (it starts its own vLLM with the bundled model). Calls
are driven by a Twilio Media Streams client over real websockets, and by aiortc.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import websockets
from twilio.request_validator import RequestValidator

from tests.conftest import phone_clip
from tests.test_cli import VERIVOICE
from verivoice.bench.twilio_caller import TwilioCall, mulaw_encode

TOKEN = "test-token-not-a-secret"
RESCHEDULE = "I need to reschedule my appointment"
SATURDAY = "What time do you close on Saturday"
FRONT_DESK = "Can I talk to someone at the front desk please"
DESK_NUMBER = "+15550100900"
PROFILE = f"""
name: Test Practice
timezone: America/New_York
address: 1 Test Street
greeting: Thanks for calling the test practice. How can I help you today?
hours:
  saturday: ["09:00-12:00"]
handoff:
  front_desk:
    name: the front desk
    number: "{DESK_NUMBER}"
    hours: always
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port: int, process: subprocess.Popen, log: Path) -> None:
        self.port, self.process, self.log = port, process, log
        self.base = f"http://127.0.0.1:{port}"
        self.ws = f"ws://127.0.0.1:{port}/twilio/stream"

    def records(self) -> list[dict]:
        out = []
        for line in self.log.read_text(errors="replace").splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out

    def messages(self) -> list[str]:
        return [r.get("message", "") for r in self.records()]

    def call_id(self, call_sid: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages():
                if call_sid in message and message.startswith("call "):
                    return message.split()[1].rstrip(":")
            time.sleep(0.1)
        raise AssertionError(f"no log line names {call_sid}")

    def active_calls(self) -> int:
        return httpx.get(f"{self.base}/readyz", timeout=5).json()["calls"]


class TwilioRest:
    """Twilio's REST API, as far as hanging up a call goes: records each request."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import parse_qs

        self.hang_ups: list[tuple[str, dict, str]] = []
        rest = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
                sid = self.path.rsplit("/", 1)[-1].removesuffix(".json")
                rest.hang_ups.append((self.path, parse_qs(body),
                                      self.headers.get("authorization", "")))
                reply = json.dumps({"sid": sid, "status": "completed"}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def hung_up(self, call_sid: str) -> bool:
        return any(path.endswith(f"/Calls/{call_sid}.json") and form.get("Status") == ["completed"]
                   for path, form, _auth in self.hang_ups)


ACCOUNT = "AC" + "0" * 32
BROWSER_TOKEN = "browser-token-for-the-tests-0123"
BROWSER = {"Authorization": f"Bearer {BROWSER_TOKEN}"}


@pytest.fixture(scope="module")
def rest() -> Iterator[TwilioRest]:
    fake = TwilioRest()
    yield fake
    fake.httpd.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, rest: TwilioRest) -> Iterator[Server]:
    port = _free_port()
    folder = tmp_path_factory.mktemp("serve")
    log = folder / "serve.log"
    (folder / "practice.yaml").write_text(PROFILE)
    env = {**os.environ, "VERIVOICE_SERVER__PORT": str(port),
           "VERIVOICE_LLM__PORT": str(_free_port()), "VERIVOICE_TWILIO__AUTH_TOKEN": TOKEN,
           "VERIVOICE_CALL__MAX_CALLS": "2", "VERIVOICE_SERVER__SHUTDOWN_GRACE_S": "6",
           "VERIVOICE_TWILIO__ACCOUNT_SID": ACCOUNT, "VERIVOICE_TWILIO__API_BASE_URL": rest.url,
           "VERIVOICE_SERVER__PHONE_CALL_EVENTS": "true",  # the tests read transcripts
           "VERIVOICE_SERVER__BROWSER_TOKEN": BROWSER_TOKEN,
           "VERIVOICE_PRACTICE__PROFILE": str(folder / "practice.yaml")}
    env.pop("VERIVOICE_LLM__BASE_URL", None)
    with log.open("w") as fh:
        process = subprocess.Popen([VERIVOICE, "serve"], stdout=fh, stderr=subprocess.STDOUT,
                                   env=env)
    served = Server(port, process, log)
    deadline = time.monotonic() + 400
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-3000:]
        try:
            if httpx.get(f"{served.base}/readyz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(1)
    else:
        raise AssertionError("server not ready:\n" + log.read_text()[-3000:])
    yield served
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=90)


@pytest.fixture(scope="module")
def speech() -> dict[str, bytes]:
    """Caller utterances as Twilio delivers them: 8 kHz mu-law over a phone line."""
    return {text: mulaw_encode(phone_clip([text], seed=n))
            for n, text in enumerate([RESCHEDULE, SATURDAY, FRONT_DESK])}


class Events:
    """A call's transcript and latency events, read from the server's event stream."""

    def __init__(self, server: Server, call_id: str) -> None:
        self.items: list[dict] = []
        self._task = asyncio.create_task(self._read(f"{server.base}/api/calls/{call_id}/events"))

    async def _read(self, url: str) -> None:
        async with httpx.AsyncClient(timeout=None) as client, client.stream("GET", url) as r:
            async for line in r.aiter_lines():
                if line.startswith("data: "):
                    self.items.append(json.loads(line[6:]))

    def lines(self, speaker: str) -> list[str]:
        return [e["text"] for e in self.items if e.get("kind") == "line" and
                e["speaker"] == speaker]

    async def wait_for(self, speaker: str, count: int, timeout: float = 30.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while len(self.lines(speaker)) < count and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        return self.lines(speaker)

    def close(self) -> None:
        self._task.cancel()


async def _until_idle(server: Server, timeout: float = 20.0) -> None:
    """Wait for calls from earlier tests to finish ending on the server."""
    deadline = time.monotonic() + timeout
    while await asyncio.to_thread(server.active_calls) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)


async def _start_call(server: Server) -> tuple[TwilioCall, Events]:
    call = TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT)
    await call.connect()
    call_id = await asyncio.to_thread(server.call_id, call.call_sid)
    return call, Events(server, call_id)


def test_health_and_readiness(server: Server) -> None:
    assert httpx.get(f"{server.base}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{server.base}/readyz").json()
    assert ready["ready"] and ready["models"] and ready["llm"]


def test_metrics_for_prometheus_and_as_json(server: Server) -> None:
    scraped = httpx.get(f"{server.base}/metrics")
    assert scraped.headers["content-type"].startswith("text/plain")
    assert "verivoice_calls_total" in scraped.text and "verivoice_loop_lag_seconds" in scraped.text
    assert set(httpx.get(f"{server.base}/metrics.json").json()) >= {"calls", "turns", "process"}


def test_an_oversized_body_gets_413_before_it_is_read(server: Server) -> None:
    url = f"{server.base}/twilio/voice"
    params = {"CallSid": "CA" + "1" * 32, "AccountSid": ACCOUNT, "Body": "x" * 200_000}
    signature = RequestValidator(TOKEN).compute_signature(url, params)
    response = httpx.post(url, data=params, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 413


@pytest.mark.parametrize("signature", ["good", "wrong", "missing"])
def test_voice_webhook_checks_the_twilio_signature(server: Server, signature: str) -> None:
    url = f"{server.base}/twilio/voice"
    params = {"CallSid": "CA" + "1" * 32, "From": "+15550100", "To": "+15550101",
              "AccountSid": "AC" + "0" * 32}
    headers = {}
    if signature == "good":
        headers["X-Twilio-Signature"] = RequestValidator(TOKEN).compute_signature(url, params)
    elif signature == "wrong":
        headers["X-Twilio-Signature"] = RequestValidator("other").compute_signature(url, params)
    response = httpx.post(url, data=params, headers=headers)
    if signature == "good":
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/xml")
        assert f'<Stream url="{server.ws}"' in response.text and "<Connect>" in response.text
    else:
        assert response.status_code == 403


async def test_stream_without_a_valid_signature_is_refused(server: Server) -> None:
    for headers in ({}, {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}):
        with pytest.raises(websockets.InvalidStatus) as refused:
            await websockets.connect(server.ws, additional_headers=headers)
        assert refused.value.response.status_code == 403


async def test_a_phone_call_end_to_end(server: Server, speech: dict[str, bytes],
                                       rest: TwilioRest) -> None:
    call, events = await _start_call(server)
    try:
        await asyncio.sleep(0.6)  # the greeting is playing
        assert call.first_media_at is not None, "no greeting audio"
        await call.speak(speech[RESCHEDULE], then_silence_s=0.3)
        assert call.cleared(), "barging in over the greeting did not send Twilio a clear"
        await call.silence(5)
        heard = await events.wait_for("caller", 1)
        assert any("appointment" in h.lower() for h in heard), heard
        assert await events.wait_for("agent", 2)  # the greeting and a reply
        # Keypad digits go to the code gate, never into the conversation.
        for digit in "4821#":
            await call.dtmf(digit)
        await call.silence(1)
        assert any("keypad digits" in m for m in server.messages())
        assert not any("4821" in e.get("text", "") for e in events.items)
        assert len(call.audio_in) / 8000 > 2.0  # mu-law audio came back
        assert any(e.get("kind") == "turn" and e["first_audio_ms"] for e in events.items)
        call_records = [r for r in server.records() if r.get("call_id")]
        assert call_records, "no log line carries a call id"
        log = server.log.read_text().lower()
        assert "reschedule" not in log and "appointment" not in log, "caller words in the log"
    finally:
        await call.hang_up()
        events.close()
    await asyncio.sleep(1)
    assert not rest.hung_up(call.call_sid), "the caller hung up: nothing to end over REST"


async def test_a_caller_who_asks_for_the_front_desk_is_put_through(
        server: Server, speech: dict[str, bytes], rest: TwilioRest) -> None:
    """The caller's words alone: the router hears the request, the agent says so, and the
    live call is updated through the Twilio SDK with a <Dial> to the profile's front desk."""
    await _until_idle(server)
    call, events = await _start_call(server)
    try:
        await call.silence(3)  # the greeting
        await call.speak(speech[FRONT_DESK], then_silence_s=0)
        spoken_at = len(call.audio_in)  # agent audio received when the caller stopped
        deadline = time.monotonic() + 30
        updates: list = []
        while time.monotonic() < deadline and not updates:
            await call.silence(0.1)
            updates = [form for path, form, _auth in rest.hang_ups
                       if path.endswith(f"/Calls/{call.call_sid}.json") and "Twiml" in form]
        assert updates, "no REST update of the live call"
        # The call moved only after "I'll put you through ... Please hold." had been sent.
        assert (len(call.audio_in) - spoken_at) / 8000 > 2.0
        twiml = updates[0]["Twiml"][0]
        assert f">{DESK_NUMBER}</Number>" in twiml and "<Dial" in twiml
        assert "/twilio/handoff/whisper?" in twiml and "/twilio/handoff/status?" in twiml
        said = await events.wait_for("agent", 2)
        assert any("put you through to the front desk" in line for line in said), said
        assert {"kind": "handoff", "target": "the front desk", "outcome": "requested"} in [
            {k: e.get(k) for k in ("kind", "target", "outcome")} for e in events.items]
        assert not any(DESK_NUMBER in m for m in server.messages())  # never logged
    finally:
        await call.hang_up()
        events.close()


@pytest.mark.parametrize("signed", [True, False])
def test_the_whisper_and_dial_status_webhooks_are_signed(server: Server, signed: bool) -> None:
    query = "call=abc&target=front_desk&reason=locked&verified=0"
    for path, form in (("/twilio/handoff/whisper", {"CallSid": "CA" + "2" * 32}),
                       ("/twilio/handoff/status", {"DialCallStatus": "no-answer"})):
        url = f"{server.base}{path}?{query}"
        headers = ({"X-Twilio-Signature": RequestValidator(TOKEN).compute_signature(url, form)}
                   if signed else {})
        response = httpx.post(url, data=form, headers=headers)
        if not signed:
            assert response.status_code == 403
            continue
        assert response.status_code == 200, response.text
        if path.endswith("whisper"):
            assert "could not be verified" in response.text and "<Say>" in response.text
        else:  # nobody answered: a true line, then the call ends (never silence)
            assert "didn't answer" in response.text and "<Hangup />" in response.text


async def test_bad_messages_are_dropped_and_the_call_goes_on(
        server: Server, speech: dict[str, bytes]) -> None:
    call, events = await _start_call(server)
    try:
        for bad in ["not json {", "[1, 2]", '"text"', {"event": "mystery"},
                    {"event": "media", "media": None}, {"event": "media", "media": {"payload": "%%%"}},
                    {"event": "media", "media": {"payload": 42}}, {"event": "dtmf", "dtmf": None},
                    b"\xff\xfe binary"]:
            await call.send(bad)
        await call.silence(1.5)
        await call.speak(speech[SATURDAY], then_silence_s=4)
        heard = await events.wait_for("caller", 1)
        assert any("saturday" in h.lower() for h in heard), heard
        dropped = [m for m in server.messages() if "dropped an incoming message" in m]
        assert len(dropped) >= 8
        assert all("%%%" not in m for m in dropped)
    finally:
        await call.hang_up()
        events.close()


async def test_two_calls_at_once_stay_isolated(server: Server, speech: dict[str, bytes]) -> None:
    await _until_idle(server)  # both fit under the limit of two
    (a, a_events), (b, b_events) = await asyncio.gather(_start_call(server), _start_call(server))
    try:
        await asyncio.gather(a.speak(speech[RESCHEDULE], then_silence_s=5),
                             b.speak(speech[SATURDAY], then_silence_s=5))
        a_heard = await a_events.wait_for("caller", 1)
        b_heard = await b_events.wait_for("caller", 1)
        assert any("appointment" in h.lower() for h in a_heard), a_heard
        assert any("saturday" in h.lower() for h in b_heard), b_heard
        assert not any("saturday" in h.lower() for h in a_heard)
        assert not any("appointment" in h.lower() for h in b_heard)
        assert len(a.audio_in) > 8000 and len(b.audio_in) > 8000
    finally:
        await asyncio.gather(a.hang_up(), b.hang_up())
        a_events.close()
        b_events.close()


async def test_over_the_limit_a_call_hears_busy_and_is_closed(
        server: Server, rest: TwilioRest) -> None:
    await _until_idle(server)
    first, second = TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT), TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT)
    await first.connect()
    await second.connect()
    try:
        await asyncio.sleep(1)
        third = TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT)
        await third.connect()
        await third.silence(6)
        await asyncio.wait_for(third.closed.wait(), timeout=15)
        assert len(third.audio_in) / 8000 > 2.0  # the busy line
        assert any("over the limit" in m for m in server.messages())
        assert not first.closed.is_set() and not second.closed.is_set()
        await asyncio.sleep(1)
        assert rest.hung_up(third.call_sid), "the busy call was not hung up through the REST API"
    finally:
        await first.hang_up()
        await second.hang_up()


async def _refused(call: TwilioCall, **connect) -> None:
    await call.connect(**connect)
    await asyncio.wait_for(call.closed.wait(), timeout=10)
    assert call.ws.close_code == 1008 and call.audio_in == b""  # it heard nothing


async def test_a_stream_is_taken_only_with_its_own_calls_unused_token(server: Server) -> None:
    """The stream's signature covers only the fixed URL: forged streams that carry it are
    refused without a pipeline or a call slot, and the log names no number."""
    await _until_idle(server)
    forger = "+15550100777"
    before = len(server.messages())
    # No webhook announced this call: a signed handshake alone opens nothing.
    await _refused(TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT), webhook=False,
                   custom={"from": forger})
    # A real call's token, replayed on a stream claiming another call or another caller.
    real = TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT)
    issued = await real.answer(forger)
    other = TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT)
    await _refused(other, webhook=False, custom=issued)
    await _refused(TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT, call_sid=real.call_sid),
                   webhook=False, custom={**issued, "from": "+15550100142"})
    # The right call takes it once; a replay of the same token is refused.
    await real.connect(webhook=False, custom=issued)
    try:
        await _refused(TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT,
                                  call_sid=real.call_sid), webhook=False, custom=issued)
        assert await asyncio.to_thread(server.active_calls) == 1  # only the real call
        assert not real.closed.is_set()
    finally:
        await real.hang_up()
    refusals = [m for m in server.messages()[before:] if "media stream refused" in m]
    assert len(refusals) == 4, refusals
    assert all(forger not in m and forger[1:] not in m and "0100142" not in m
               for m in server.messages()[before:])



async def test_wrong_codec_is_refused(server: Server) -> None:
    call = TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT)
    await call.connect(encoding="audio/x-l16")
    await asyncio.wait_for(call.closed.wait(), timeout=10)
    assert call.ws.close_code == 1003
    assert any("unsupported media format" in m for m in server.messages())


async def test_oversized_frame_and_vanished_stream_end_only_that_call(
        server: Server, speech: dict[str, bytes]) -> None:
    await _until_idle(server)
    other, other_events = await _start_call(server)
    try:
        big = TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT)
        await big.connect()
        await big.send(json.dumps({"event": "media", "media": {"payload": "A" * 10_000_000}}))
        await asyncio.wait_for(big.closed.wait(), timeout=10)
        gone = TwilioCall(server.ws, TOKEN, account_sid=ACCOUNT)
        await gone.connect()
        await gone.silence(0.5)
        gone.ws.transport.abort()  # no stop event, no close handshake
        await other.speak(speech[SATURDAY], then_silence_s=4)
        heard = await other_events.wait_for("caller", 1)
        assert any("saturday" in h.lower() for h in heard), heard
        deadline = time.monotonic() + 15
        while await asyncio.to_thread(server.active_calls) > 1 and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        assert await asyncio.to_thread(server.active_calls) == 1  # only `other` is left
    finally:
        await other.hang_up()
        other_events.close()


def test_browser_offer_that_is_not_sdp_is_refused(server: Server) -> None:
    for body in [{"sdp": "garbage", "type": "offer"}, {"sdp": "v=0\r\n", "type": "offer"},
                 {"type": "offer"}, {"sdp": "v=0", "type": "answer"}, ["not", "an", "object"]]:
        response = httpx.post(f"{server.base}/api/offer", json=body, headers=BROWSER)
        assert response.status_code == 400, body
    assert httpx.post(f"{server.base}/api/offer", content=b"{{{",
                      headers={"content-type": "application/json", **BROWSER}).status_code == 400
    assert httpx.get(f"{server.base}/").status_code == 200


def test_browser_offer_without_the_token_gets_401(server: Server) -> None:
    offer = {"sdp": "v=0\r\nm=audio a=ice-ufrag a=fingerprint", "type": "offer"}
    for headers in [{}, {"Authorization": "Bearer wrong"}, {"Authorization": BROWSER_TOKEN},
                    {"Authorization": f"Basic {BROWSER_TOKEN}"}]:
        response = httpx.post(f"{server.base}/api/offer", json=offer, headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
        assert BROWSER_TOKEN not in response.text
        patch = httpx.patch(f"{server.base}/api/offer", json={"pc_id": "x", "candidates": []},
                            headers=headers)
        assert patch.status_code == 401
    assert BROWSER_TOKEN not in server.log.read_text()


def _interface_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent; picks the outgoing interface
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


async def test_a_browser_call_over_webrtc(server: Server) -> None:
    from aiortc import RTCPeerConnection, RTCSessionDescription
    from aiortc.mediastreams import AudioStreamTrack

    if _interface_address() is None:
        pytest.skip("aioice needs a non-loopback interface address")
    pc = RTCPeerConnection()
    pc.addTrack(AudioStreamTrack())  # the browser's microphone: silence
    received: list = []
    pullers: list[asyncio.Task] = []

    @pc.on("track")
    def on_track(track) -> None:
        async def pull() -> None:
            while True:
                received.append(await track.recv())

        pullers.append(asyncio.ensure_future(pull()))

    await pc.setLocalDescription(await pc.createOffer())
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(f"{server.base}/api/offer", headers=BROWSER, json={
            "sdp": pc.localDescription.sdp, "type": pc.localDescription.type})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["call_id"] and answer["events_token"]
    events = f"{server.base}/api/calls/{answer['call_id']}/events"
    async with httpx.AsyncClient(timeout=5) as client:  # the transcript is for the caller only
        assert (await client.get(events)).status_code == 404
        assert (await client.get(events, params={"token": "guess"})).status_code == 404
    await pc.setRemoteDescription(RTCSessionDescription(sdp=answer["sdp"], type=answer["type"]))
    deadline = time.monotonic() + 20
    while len(received) < 100 and time.monotonic() < deadline:  # 2 s of the greeting
        await asyncio.sleep(0.1)
    for puller in pullers:
        puller.cancel()
    await pc.close()
    assert len(received) >= 100, f"only {len(received)} audio frames from the agent"


async def test_shutdown_says_goodbye_to_calls_in_progress(server: Server,
                                                          rest: TwilioRest) -> None:
    call, _events = await _start_call(server)
    await call.silence(4)  # let the greeting finish
    before = len(call.audio_in)
    server.process.send_signal(signal.SIGTERM)
    await asyncio.wait_for(call.closed.wait(), timeout=30)
    assert (len(call.audio_in) - before) / 8000 > 1.0, "no goodbye was spoken"
    # Uvicorn re-raises the signal once it has shut down cleanly.
    assert await asyncio.to_thread(server.process.wait, 60) in (0, -signal.SIGTERM)
    messages = server.messages()
    assert any("saying goodbye" in m for m in messages)
    assert any(m == "vLLM stopped" for m in messages), "vLLM outlived the server"
    assert rest.hung_up(call.call_sid), "the phone call was not ended through the REST API"
    assert TOKEN not in server.log.read_text(), "the auth token reached the log"

