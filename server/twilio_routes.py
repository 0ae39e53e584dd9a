"""Twilio phone calls: the voice webhook (TwiML) and the Media Streams websocket.

Both requests are signed by Twilio (``X-Twilio-Signature``, HMAC-SHA1 of the URL and the
sorted form parameters with the auth token); both are refused without a valid signature.
The stream's signature covers only the fixed stream URL, so the webhook also gives each
call a single-use stream token (:mod:`verivoice.server.stream_tokens`): a stream is taken
only for the call its token was issued to, once, and a refused one never gets a pipeline
or a call slot.
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

from verivoice.auth.audit import AuditLog
from verivoice.auth.store.base import StoreUnavailable
from verivoice.auth.twilio_api import hang_up, twilio_client
from verivoice.config import Settings
from verivoice.pipeline.transports.twilio import (
    SafeTwilioSerializer,
    StreamRejected,
    read_stream_start,
)
from verivoice.server.calls import CallRegistry
from verivoice.server.handoff import (
    DIAL_OUTCOME,
    STATUS_PATH,
    WHISPER_PATH,
    Outcome,
    TwilioTransfer,
    no_answer_line,
    whisper_text,
)
from verivoice.server.stream_tokens import StreamClaim, StreamRefused, StreamTokens

PHONE_RATE = 8000
STREAM_PATH = "/twilio/stream"
BUSY_MARK = "verivoice-busy"
ATTESTED_A = "TN-Validation-Passed-A"  # StirVerstat: the carrier vouches for the caller ID


def _public_base(settings: Settings, headers, scheme: str) -> str:
    """The base URL as Twilio used it: the configured public URL. Without one (loopback
    only: start-up refuses it beyond), the request's own Host; forwarded headers are never
    trusted, since anyone can send them."""
    if settings.twilio.public_url:
        return settings.twilio.public_url.rstrip("/")
    return f"{scheme}://{headers.get('host', 'localhost')}"


def _ws_url(base: str, path: str) -> str:
    return base.replace("https://", "wss://", 1).replace("http://", "ws://", 1) + path


def twilio_router(settings: Settings, registry: CallRegistry) -> APIRouter:
    router = APIRouter()
    token = settings.twilio.auth_token.get_secret_value()
    validator = RequestValidator(token) if token else None
    rest = twilio_client(settings.twilio)
    tokens = StreamTokens.from_auth_token(
        token, account_sid=settings.twilio.account_sid,
        ttl_s=settings.twilio.stream_token_ttl_s,
        store=registry.resources.store if registry is not None else None)

    async def signed_form(request: Request) -> dict[str, str] | Response:
        """The webhook's form, if Twilio signed this request; else the refusal to send."""
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
            logger.warning(f"refused {request.url.path}: missing or wrong X-Twilio-Signature")
            return Response("invalid signature", 403)
        return params

    @router.post("/twilio/voice")
    async def voice(request: Request) -> Response:
        """Answer an incoming call with TwiML that connects it to our media stream."""
        params = await signed_form(request)
        if isinstance(params, Response):
            return params
        claim = StreamClaim(params.get("CallSid", ""), params.get("AccountSid", ""),
                            params.get("From", ""), params.get("StirVerstat", ""))
        try:
            stream_token = tokens.issue(claim)
        except StreamRefused as exc:
            logger.warning(f"refused /twilio/voice: {exc}")
            return Response("not a call of this account", 403)
        scheme = "https" if request.url.scheme == "https" else "http"
        answer = VoiceResponse()
        connect = Connect()
        stream = connect.stream(url=_ws_url(_public_base(settings, request.headers, scheme),
                                            STREAM_PATH))
        stream.parameter(name="token", value=stream_token)
        if claim.caller:  # the caller's number finds their record (never logged)
            stream.parameter(name="from", value=claim.caller)
        if claim.verstat:
            stream.parameter(name="verstat", value=claim.verstat)
        answer.append(connect)
        logger.info(f"answered call {claim.call_sid} with a media stream")
        return Response(str(answer), media_type="application/xml")

    @router.post(WHISPER_PATH)
    async def whisper(request: Request) -> Response:
        """What staff hear when they pick up a handed-off call, before they are connected."""
        params = await signed_form(request)
        if isinstance(params, Response):
            return params
        query = request.query_params
        answer = VoiceResponse()
        answer.say(whisper_text(query.get("reason", ""), query.get("verified") == "1",
                                query.get("topic")))
        return Response(str(answer), media_type="application/xml")

    @router.post(STATUS_PATH)
    async def dial_status(request: Request) -> Response:
        """The hand-off's ``<Dial action>``: record the outcome; if nobody answered, the
        caller hears a true line and the call ends (never silence)."""
        params = await signed_form(request)
        if isinstance(params, Response):
            return params
        query = request.query_params
        outcome = DIAL_OUTCOME.get(params.get("DialCallStatus", ""), Outcome.FAILED)
        call_id = query.get("call", "?")
        practice = registry.resources.practice
        target = practice.handoff.get(query.get("target", "")) if practice else None
        store = registry.resources.store
        if store is not None:
            try:
                await AuditLog(store, call_id).record(
                    "handoff", reason=query.get("reason"), target=query.get("target"),
                    verified=query.get("verified") == "1", outcome=outcome.value,
                    channel="phone")
            except Exception as exc:
                logger.error(f"call {call_id}: hand-off outcome unrecorded ({type(exc).__name__})")
        logger.info(f"call {call_id}: hand-off {outcome.value}")
        answer = VoiceResponse()
        if outcome is not Outcome.CONNECTED:
            if practice is not None and target is not None:
                answer.say(no_answer_line(practice, target, outcome))
            else:
                answer.say("I'm sorry, nobody could take your call. Please call back later. Goodbye.")
        answer.hangup()
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
        custom = {k: v for k, v in start.custom.items() if isinstance(v, str)}
        claim = StreamClaim(start.call_sid, start.account_sid, custom.get("from", ""),
                            custom.get("verstat", ""))
        try:
            await tokens.redeem(custom.get("token"), claim)
        except (StreamRefused, StoreUnavailable) as exc:
            # Nothing is said and nothing is started: no pipeline, no call slot.
            logger.warning(f"call {call_id}: media stream refused: {exc}")
            await websocket.close(code=1008)
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
        transfer = None
        if rest is not None:  # a hand-off updates this live call through the SDK
            transfer = TwilioTransfer(rest, start.call_sid,
                                      _public_base(settings, websocket.headers, scheme),
                                      call_id, settings.handoff)
        call, task = registry.start(transport, in_sample_rate=PHONE_RATE,
                                    out_sample_rate=PHONE_RATE, call_id=call_id,
                                    caller_phone=claim.caller or None,
                                    attested=claim.verstat == ATTESTED_A, transfer=transfer)

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
