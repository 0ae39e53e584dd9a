"""A Twilio Media Streams client: what Twilio's side of a phone call sends and hears.

Used by `verivoice bench load` and by the tests.

Like Twilio, it first posts the signed voice webhook (``CallSid``, ``AccountSid``, ``From``,
``StirVerstat``) and reads the ``<Stream>`` parameters from the TwiML it gets back (the
call's single-use stream token among them); then it connects to the server's stream
websocket with a valid ``X-Twilio-Signature``, sends the ``connected`` and ``start`` events
Twilio sends, with those parameters as ``customParameters``, streams 8 kHz mu-law speech in 20 ms media
messages at real-time pace, sends DTMF, and records everything the server sends back.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import httpx
import numpy as np
import websockets
from twilio.request_validator import RequestValidator

FRAME_BYTES = 160  # 20 ms of 8 kHz mu-law

_BIAS, _CLIP = 0x84, 32635


def mulaw_encode(audio: np.ndarray) -> bytes:
    """G.711 mu-law, as Twilio sends it (float samples in -1..1)."""
    pcm = np.clip(audio * 32767, -32768, 32767).astype(np.int32)
    sign = np.where(pcm < 0, 0x80, 0)
    magnitude = np.minimum(np.abs(pcm), _CLIP) + _BIAS
    exponent = np.floor(np.log2(magnitude)).astype(np.int32) - 7
    exponent = np.clip(exponent, 0, 7)
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return (~(sign | (exponent << 4) | mantissa) & 0xFF).astype(np.uint8).tobytes()


def mulaw_seconds(data: bytes) -> float:
    return len(data) / 8000


@dataclass
class TwilioCall:
    """One simulated phone call over a media stream."""

    ws_url: str
    auth_token: str
    call_sid: str = field(default_factory=lambda: "CA" + uuid.uuid4().hex)
    stream_sid: str = field(default_factory=lambda: "MZ" + uuid.uuid4().hex)
    account_sid: str = "AC" + "0" * 32
    verstat: str = "TN-Validation-Passed-A"  # the carrier attested the caller ID
    audio_in: bytearray = field(default_factory=bytearray)  # what the agent said (mu-law)
    events: list[dict] = field(default_factory=list)
    first_media_at: float | None = None
    closed: asyncio.Event = field(default_factory=asyncio.Event)

    def signature(self, url: str | None = None) -> str:
        return RequestValidator(self.auth_token).compute_signature(url or self.ws_url, {})

    @property
    def voice_url(self) -> str:
        """The voice webhook beside the stream (``ws://h/twilio/stream`` ->
        ``http://h/twilio/voice``)."""
        base = self.ws_url.replace("wss://", "https://", 1).replace("ws://", "http://", 1)
        return base.rsplit("/", 1)[0] + "/voice"

    async def answer(self, caller: str | None) -> dict[str, str]:
        """Post the signed voice webhook as Twilio does when the call rings; return the
        ``<Stream>``'s parameters from the TwiML (raises for a refused webhook)."""
        form = {"CallSid": self.call_sid, "AccountSid": self.account_sid,
                "To": "+15550100000", "CallStatus": "ringing", "Direction": "inbound"}
        if caller:
            form["From"] = caller
        if self.verstat:
            form["StirVerstat"] = self.verstat
        signature = RequestValidator(self.auth_token).compute_signature(self.voice_url, form)
        async with httpx.AsyncClient(timeout=20) as client:
            reply = await client.post(self.voice_url, data=form,
                                      headers={"X-Twilio-Signature": signature})
        reply.raise_for_status()
        return {p.get("name", ""): p.get("value", "")
                for p in ET.fromstring(reply.text).iter("Parameter")}

    async def connect(self, *, signed: bool = True, encoding: str = "audio/x-mulaw",
                      caller: str | None = None, webhook: bool = True,
                      custom: dict[str, str] | None = None) -> None:
        """Ring the server and open the call's media stream.

        Args:
            signed: Sign the stream handshake (``False``: a forged stream).
            encoding: The media format the ``start`` message announces.
            caller: The caller's number (``From``).
            webhook: Post the voice webhook first, as Twilio does (``False``: a stream
                nobody announced).
            custom: ``customParameters`` to send instead of (or, with the webhook, on top
                of) the TwiML's.
        """
        params = await self.answer(caller) if webhook else {}
        params.update(custom or {})
        headers = {"X-Twilio-Signature": self.signature()} if signed else {}
        self.ws = await websockets.connect(self.ws_url, additional_headers=headers,
                                           max_size=None, open_timeout=20)
        self._reader = asyncio.create_task(self._read())
        await self.send({"event": "connected", "protocol": "Call", "version": "1.0.0"})
        await self.send({
            "event": "start", "sequenceNumber": "1", "streamSid": self.stream_sid,
            "start": {"streamSid": self.stream_sid, "callSid": self.call_sid,
                      "accountSid": self.account_sid, "tracks": ["inbound"],
                      "customParameters": params,
                      "mediaFormat": {"encoding": encoding, "sampleRate": 8000, "channels": 1}},
        })

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                message = json.loads(raw)
                self.events.append(message)
                if message.get("event") == "media":
                    if self.first_media_at is None:
                        self.first_media_at = time.monotonic()
                    self.audio_in += base64.b64decode(message["media"]["payload"])
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed.set()

    async def send(self, message: dict | str | bytes) -> None:
        await self.ws.send(message if isinstance(message, str | bytes) else json.dumps(message))

    async def speak(self, mulaw: bytes, *, then_silence_s: float = 1.0) -> None:
        """Stream speech (then silence) in 20 ms media messages at real-time pace.

        Stops early, quietly, if the server closes the stream.
        """
        silence = bytes([0xFF]) * int(8000 * then_silence_s)
        data = mulaw + silence
        start = time.monotonic()
        for n, i in enumerate(range(0, len(data), FRAME_BYTES)):
            chunk = data[i:i + FRAME_BYTES]
            if self.closed.is_set():
                return
            with contextlib.suppress(websockets.ConnectionClosed):
                await self.send({"event": "media", "streamSid": self.stream_sid,
                                 "media": {"track": "inbound", "chunk": str(n + 1),
                                           "timestamp": str(n * 20),
                                           "payload": base64.b64encode(chunk).decode()}})
            await asyncio.sleep(max(0.0, start + (n + 1) * 0.02 - time.monotonic()))

    async def silence(self, seconds: float) -> None:
        await self.speak(b"", then_silence_s=seconds)

    async def dtmf(self, digit: str) -> None:
        await self.send({"event": "dtmf", "streamSid": self.stream_sid,
                         "dtmf": {"track": "inbound_track", "digit": digit}})

    async def hang_up(self) -> None:
        if self.closed.is_set():
            return
        with contextlib.suppress(websockets.ConnectionClosed):
            await self.send({"event": "stop", "streamSid": self.stream_sid,
                             "stop": {"callSid": self.call_sid}})
        await self.ws.close()
        await self.closed.wait()

    def cleared(self) -> bool:
        return any(e.get("event") == "clear" for e in self.events)

    def marked(self, name: str) -> bool:
        """Whether the server sent a ``mark`` event with this name."""
        return any(e.get("event") == "mark" and isinstance(e.get("mark"), dict)
                   and e["mark"].get("name") == name for e in self.events)
