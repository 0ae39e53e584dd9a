"""Twilio Media Streams: the handshake, and a serializer that bad input cannot break.

Pipecat's ``TwilioFrameSerializer`` raises on some malformed messages (JSON that is not an
object, ``"media": null``, a payload with bad base64 padding), and one raise ends the
websocket's receive loop for good while the call lingers. It also logs an unparsable
message whole. :class:`SafeTwilioSerializer` checks each message first: anything malformed,
a replayed ``connected``/``start`` handshake, or a message naming another stream is dropped
with a short log line (its size and kind, never its content) and the call goes on. A flood of
bad messages is logged in summary, so it cannot flood the log.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from fastapi import WebSocket
from loguru import logger
from pipecat.frames.frames import Frame
from pipecat.serializers.twilio import TwilioFrameSerializer

MAX_MESSAGE_BYTES = 64 * 1024  # Twilio's media messages are well under 1 kB
EVENTS = {"connected", "start", "media", "dtmf", "stop", "mark"}
HANDSHAKE = {"connected", "start"}
LOGGED_DROPS = 20  # drops logged one by one per call; after that, one line per 100


class StreamRejected(ValueError):
    """The stream's handshake is not a Twilio Media Streams handshake we can serve."""


@dataclass(frozen=True)
class StreamStart:
    """What Twilio's ``start`` event says about the stream."""

    stream_sid: str
    call_sid: str
    account_sid: str
    custom: dict[str, Any]


def _check_format(start: dict[str, Any]) -> None:
    fmt = start.get("mediaFormat") or {}
    encoding, rate, channels = fmt.get("encoding"), fmt.get("sampleRate"), fmt.get("channels")
    if (encoding, rate, channels) != ("audio/x-mulaw", 8000, 1):
        raise StreamRejected(f"unsupported media format {encoding!r} at {rate!r} Hz, "
                             f"{channels!r} channel(s); expected audio/x-mulaw, 8000 Hz, mono")


async def read_stream_start(websocket: WebSocket, timeout_s: float = 10.0) -> StreamStart:
    """Read Twilio's ``connected`` and ``start`` messages.

    Raises:
        StreamRejected: no ``start`` in time, a malformed one, or a codec other than
            8 kHz mono mu-law.
    """

    async def read() -> StreamStart:
        for _ in range(3):
            raw = await websocket.receive_text()
            if len(raw) > MAX_MESSAGE_BYTES:
                raise StreamRejected("handshake message too large")
            try:
                message = json.loads(raw)
            except ValueError as exc:
                raise StreamRejected("handshake message is not JSON") from exc
            if not isinstance(message, dict):
                raise StreamRejected("handshake message is not a JSON object")
            if message.get("event") == "connected":
                continue
            start = message.get("start")
            if message.get("event") != "start" or not isinstance(start, dict):
                raise StreamRejected(f"expected a start event, got {message.get('event')!r}")
            _check_format(start)
            stream_sid = start.get("streamSid") or message.get("streamSid")
            call_sid = start.get("callSid")
            if not isinstance(stream_sid, str) or not isinstance(call_sid, str):
                raise StreamRejected("start event without streamSid or callSid")
            custom = start.get("customParameters")
            return StreamStart(stream_sid, call_sid, str(start.get("accountSid") or ""),
                               custom if isinstance(custom, dict) else {})
        raise StreamRejected("no start event")

    try:
        return await asyncio.wait_for(read(), timeout_s)
    except TimeoutError as exc:
        raise StreamRejected(f"no start event within {timeout_s:.0f} s") from exc


def _problem(message: str | bytes, stream_sid: str) -> str | None:
    """Why a message cannot be handed to Pipecat's serializer (``None``: it can)."""
    if len(message) > MAX_MESSAGE_BYTES:
        return f"oversized message ({len(message)} bytes)"
    try:
        data = json.loads(message)
    except (ValueError, UnicodeDecodeError):
        return f"message that is not JSON ({len(message)} bytes)"
    if not isinstance(data, dict):
        return "JSON message that is not an object"
    event = data.get("event")
    if not isinstance(event, str) or event not in EVENTS:
        return f"unknown event {str(event)[:32]!r}"
    if event in HANDSHAKE:
        return f"replayed {event} event after the handshake"
    if "streamSid" in data and data["streamSid"] != stream_sid:
        return f"{event} event for another stream"
    if event == "media":
        media = data.get("media")
        payload = media.get("payload") if isinstance(media, dict) else None
        if not isinstance(payload, str):
            return "media event without a payload"
        try:
            base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            return "media payload that is not base64"
    if event == "dtmf" and not isinstance(data.get("dtmf"), dict):
        return "dtmf event without digits"
    return None


class SafeTwilioSerializer(TwilioFrameSerializer):
    """Twilio's serializer, with every incoming message checked before it is parsed."""

    def __init__(self, *args: Any, call_id: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._call_id = call_id
        self.dropped = 0

    async def deserialize(self, data: str | bytes) -> Frame | None:
        problem = _problem(data, self._stream_sid)
        if problem is None:
            try:
                return await super().deserialize(data)
            except Exception as exc:
                problem = f"message the serializer rejected ({type(exc).__name__})"
        self.dropped += 1
        if self.dropped <= LOGGED_DROPS:
            logger.warning(f"call {self._call_id}: dropped an incoming message: {problem}")
        elif self.dropped % 100 == 0:
            logger.warning(f"call {self._call_id}: {self.dropped} incoming messages dropped "
                           f"so far (latest: {problem})")
        return None
