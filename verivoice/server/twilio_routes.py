"""Twilio phone calls: the voice webhook (TwiML) and the Media Streams websocket.

Both requests are signed by Twilio (``X-Twilio-Signature``, HMAC-SHA1 of the URL and the
sorted form parameters with the auth token); both are refused without a valid signature.
The stream carries 8 kHz mu-law both ways; the pipeline runs at 8 kHz in and out, so no
audio is resampled on the way in (the recogniser resamples once, to 16 kHz).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid

from fastapi import APIRouter, Request, Response, WebSocket
from loguru import logger
from pipecat.serializers.twilio import TwilioFrameSerializer
from pipecat.transports.websocket.fastapi import (
    FastAPIWebsocketParams,
    FastAPIWebsocketTransport,
)
from starlette.websockets import WebSocketDisconnect
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import Connect, VoiceResponse

from verivoice.auth.twilio_api import hang_up, twilio_client
from verivoice.config import Settings
from verivoice.pipeline.transports.twilio import (
    SafeTwilioSerializer,
    StreamRejected,
    read_stream_start,
)
from verivoice.server.calls import CallRegistry

PHONE_RATE = 8000
STREAM_PATH = "/twilio/stream"
BUSY_MARK = "verivoice-busy"


def _public_base(settings: Settings, headers, scheme: str) -> str:
    """The base URL as Twilio used it: configured, else from the (proxied) request."""
    if settings.twilio.public_url:
        return settings.twilio.public_url.rstrip("/")
    proto = headers.get("x-forwarded-proto", scheme)
    host = headers.get("x-forwarded-host") or headers.get("host", "localhost")
    return f"{proto}://{host}"


def _ws_url(base: str, path: str) -> str:
    return base.replace("https://", "wss://", 1).replace("http://", "ws://", 1) + path


def twilio_router(settings: Settings, registry: CallRegistry) -> APIRouter:
    router = APIRouter()
    token = settings.twilio.auth_token.get_secret_value()
    validator = RequestValidator(token) if token else None
    rest = twilio_client(settings.twilio)

    @router.post("/twilio/voice")
    async def voice(request: Request) -> Response:
        """Answer an incoming call with TwiML that connects it to our media stream."""
        if validator is None:
            return Response("Twilio is not configured (VERIVOICE_TWILIO__AUTH_TOKEN)", 503)
        form = await request.form()
        params = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        scheme = "https" if request.url.scheme == "https" else "http"
        url = _public_base(settings, request.headers, scheme) + request.url.path
        if request.url.query:
            url += "?" + request.url.query
        signature = request.headers.get("x-twilio-signature", "")
        if not signature or not validator.validate(url, params, signature):
            logger.warning("refused /twilio/voice: missing or wrong X-Twilio-Signature")
            return Response("invalid signature", 403)
        answer = VoiceResponse()
        connect = Connect()
        stream = connect.stream(url=_ws_url(_public_base(settings, request.headers, scheme),
                                            STREAM_PATH))
        if params.get("From"):  # the caller's number finds their record (never logged)
            stream.parameter(name="from", value=params["From"])
        answer.append(connect)
        logger.info(f"answered call {params.get('CallSid', '?')} with a media stream")
        return Response(str(answer), media_type="application/xml")

    @router.websocket(STREAM_PATH)
    async def stream(websocket: WebSocket) -> None:
        """One phone call: the Media Streams websocket runs the call's pipeline."""
        if validator is None:
            await websocket.close(code=1008)
            return
        scheme = "https" if websocket.url.scheme in ("wss", "https") else "http"
        url = _ws_url(_public_base(settings, websocket.headers, scheme), websocket.url.path)
        signature = websocket.headers.get("x-twilio-signature", "")
        if not signature or not validator.validate(url, {}, signature):
            logger.warning("refused a media stream: missing or wrong X-Twilio-Signature")
            await websocket.close(code=1008)
            return
        await websocket.accept()
        call_id = uuid.uuid4().hex[:12]
        try:
            start = await read_stream_start(websocket)
        except (StreamRejected, WebSocketDisconnect) as exc:
            logger.warning(f"call {call_id}: media stream refused: {exc}")
            await websocket.close(code=1003)
            return
        logger.info(f"call {call_id}: Twilio call {start.call_sid}, stream {start.stream_sid}")
        # Hang-up goes through the official SDK below, not the serializer's own request.
        serializer = SafeTwilioSerializer(
            start.stream_sid, start.call_sid,
            params=TwilioFrameSerializer.InputParams(auto_hang_up=False, sample_rate=PHONE_RATE),
            call_id=call_id,
        )
        transport = FastAPIWebsocketTransport(websocket, FastAPIWebsocketParams(
            audio_in_enabled=True, audio_out_enabled=True, add_wav_header=False,
            audio_in_sample_rate=PHONE_RATE, audio_out_sample_rate=PHONE_RATE,
            serializer=serializer))
        caller_phone = start.custom.get("from")
        call, task = registry.start(transport, in_sample_rate=PHONE_RATE,
                                    out_sample_rate=PHONE_RATE, call_id=call_id,
                                    caller_phone=caller_phone if isinstance(caller_phone, str)
                                    else None)

        if call.busy:  # tells the far end why the stream is about to close (Twilio echoes it)
            with contextlib.suppress(Exception):
                await websocket.send_text(json.dumps({
                    "event": "mark", "streamSid": start.stream_sid,
                    "mark": {"name": BUSY_MARK}}))
        caller_left = False

        @transport.event_handler("on_client_disconnected")
        async def _gone(_transport, _ws) -> None:
            nonlocal caller_left
            caller_left = True
            logger.info(f"call {call_id}: the caller's stream closed")
            await call.hang_up()

        await task
        if not caller_left and rest is not None:
            # We ended the call (goodbye, busy line, idle): end the phone call too.
            await asyncio.to_thread(hang_up, rest, start.call_sid)

    return router
