"""Hostile input at the Twilio edge: the media-stream parser and the voice webhook, fuzzed.

Bounded in time (hypothesis example counts), run in CI. Whatever arrives, the parser returns
a frame or drops the message (never raises, never logs the content), the handshake reader
accepts a well-formed start or refuses with :class:`StreamRejected`, and the webhook answers
403 to anything unsigned or wrongly signed, never 500.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loguru import logger
from pipecat.frames.frames import InputAudioRawFrame, InputDTMFFrame, StartFrame
from pipecat.serializers.twilio import TwilioFrameSerializer
from twilio.request_validator import RequestValidator

from verivoice.config import Settings
from verivoice.pipeline.transports.twilio import (
    LOGGED_DROPS,
    SafeTwilioSerializer,
    StreamRejected,
    read_stream_start,
)
from verivoice.server.twilio_routes import twilio_router

STREAM, CALL = "MZ" + "a" * 32, "CA" + "b" * 32
TOKEN = "0123456789abcdef0123456789abcdef"
PUBLIC = "https://voice.example.org"
FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12)
events = st.sampled_from(["connected", "start", "media", "dtmf", "stop", "mark", "clear", ""])
messages = st.fixed_dictionaries(
    {"event": events | json_values},
    optional={"streamSid": st.just(STREAM) | json_values,
              "media": st.fixed_dictionaries({}, optional={
                  "payload": st.binary(max_size=400).map(lambda b: base64.b64encode(b).decode())
                  | json_values, "track": json_values}) | json_values,
              "dtmf": st.fixed_dictionaries({}, optional={"digit": json_values}) | json_values,
              "start": json_values, "sequenceNumber": json_values})


async def _serializer() -> SafeTwilioSerializer:
    serializer = SafeTwilioSerializer(
        STREAM, CALL, params=TwilioFrameSerializer.InputParams(auto_hang_up=False,
                                                               sample_rate=8000),
        call_id="fuzz")
    await serializer.setup(StartFrame(audio_in_sample_rate=8000, audio_out_sample_rate=8000))
    return serializer


@FUZZ
@given(raw=st.text(max_size=2000) | st.binary(max_size=2000))
async def test_arbitrary_bytes_never_break_the_parser(raw: str | bytes) -> None:
    serializer = await _serializer()
    frame = await serializer.deserialize(raw)
    assert frame is None or isinstance(frame, InputAudioRawFrame | InputDTMFFrame)


@FUZZ
@given(message=messages)
async def test_twilio_shaped_messages_with_wrong_types_never_break_the_parser(
        message: dict[str, Any]) -> None:
    serializer = await _serializer()
    frame = await serializer.deserialize(json.dumps(message))
    assert frame is None or isinstance(frame, InputAudioRawFrame | InputDTMFFrame)
    if message.get("event") in ("connected", "start"):
        assert frame is None and serializer.dropped == 1  # replayed handshake: refused
    if "streamSid" in message and message["streamSid"] != STREAM:
        assert frame is None and serializer.dropped == 1  # another stream's message


async def test_good_media_passes_and_replays_and_strangers_are_dropped() -> None:
    serializer = await _serializer()
    payload = base64.b64encode(b"\xff" * 160).decode()
    media = {"event": "media", "streamSid": STREAM, "media": {"payload": payload}}
    assert isinstance(await serializer.deserialize(json.dumps(media)), InputAudioRawFrame)
    replay = {"event": "start", "streamSid": STREAM,
              "start": {"streamSid": STREAM, "callSid": "CA" + "c" * 32}}
    assert await serializer.deserialize(json.dumps(replay)) is None
    stranger = dict(media, streamSid="MZ" + "f" * 32)
    assert await serializer.deserialize(json.dumps(stranger)) is None
    huge = dict(media, media={"payload": "A" * 100_000})
    assert await serializer.deserialize(json.dumps(huge)) is None
    assert serializer.dropped == 3


async def test_a_flood_of_bad_messages_is_logged_in_summary() -> None:
    lines: list[str] = []
    sink = logger.add(lines.append, level="WARNING", format="{message}")
    try:
        serializer = await _serializer()
        for n in range(1000):
            await serializer.deserialize(f"garbage {n} SECRET-CANARY")
    finally:
        logger.remove(sink)
    assert serializer.dropped == 1000
    assert LOGGED_DROPS <= len(lines) <= LOGGED_DROPS + 10
    assert not any("SECRET-CANARY" in line for line in lines)


class _FakeSocket:
    def __init__(self, texts: list[str]) -> None:
        self._texts = list(texts)

    async def receive_text(self) -> str:
        if not self._texts:
            raise StreamRejected("the caller went away")  # what a closed socket amounts to
        return self._texts.pop(0)


@FUZZ
@given(first=messages | json_values, second=messages | json_values)
async def test_the_handshake_reader_accepts_a_start_or_refuses_cleanly(first, second) -> None:
    socket = _FakeSocket([json.dumps(first), json.dumps(second)])
    try:
        start = await read_stream_start(socket, timeout_s=1.0)  # type: ignore[arg-type]
    except StreamRejected:
        return
    assert isinstance(start.stream_sid, str) and isinstance(start.call_sid, str)


@pytest.fixture(scope="module")
def webhook() -> TestClient:
    settings_ = Settings(twilio={"auth_token": TOKEN, "public_url": PUBLIC,
                                 "account_sid": "AC" + "0" * 32})
    app = FastAPI()
    app.include_router(twilio_router(settings_, registry=None))  # type: ignore[arg-type]
    return TestClient(app)


form_fields = st.dictionaries(st.text(st.characters(codec="utf-8", exclude_characters="\x00"),
                                      min_size=1, max_size=20),
                              st.text(st.characters(codec="utf-8", exclude_characters="\x00"),
                                      max_size=60), max_size=8)


@FUZZ
@given(params=form_fields, signature=st.text(max_size=60))
def test_the_webhook_refuses_every_unsigned_or_forged_request(webhook: TestClient, params,
                                                               signature: str) -> None:
    headers = {"X-Twilio-Signature": signature} if signature.isascii() else {}
    response = webhook.post("/twilio/voice", data=params, headers=headers)
    assert response.status_code == 403, response.text


@FUZZ
@given(params=form_fields)
def test_the_webhook_answers_any_correctly_signed_form_of_one_of_our_calls(
        webhook: TestClient, params) -> None:
    params = {**params, "CallSid": "CA" + "1" * 32, "AccountSid": "AC" + "0" * 32}
    signature = RequestValidator(TOKEN).compute_signature(PUBLIC + "/twilio/voice", params)
    response = webhook.post("/twilio/voice", data=params,
                            headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200, response.text
    assert response.text.startswith("<?xml") and "<Stream" in response.text
    assert '<Parameter name="token"' in response.text


@pytest.mark.parametrize(("call_sid", "account_sid"), [
    ("", "AC" + "0" * 32), ("CA" + "1" * 31, "AC" + "0" * 32), ("CA" + "G" * 32, "AC" + "0" * 32),
    ("CA" + "1" * 32, "AC" + "2" * 32), ("CA" + "1" * 32, "")])
def test_a_signed_webhook_for_another_account_or_a_malformed_call_gets_no_stream(
        webhook: TestClient, call_sid: str, account_sid: str) -> None:
    params = {"CallSid": call_sid, "AccountSid": account_sid, "From": "+15550100142"}
    signature = RequestValidator(TOKEN).compute_signature(PUBLIC + "/twilio/voice", params)
    response = webhook.post("/twilio/voice", data=params,
                            headers={"X-Twilio-Signature": signature})
    assert response.status_code == 403 and "<Stream" not in response.text
