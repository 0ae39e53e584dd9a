"""Browser calls over WebRTC (Pipecat SmallWebRTC, aiortc), and the events the page shows."""

from __future__ import annotations

import asyncio
import json
import secrets
import uuid
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse
from loguru import logger
from pipecat.transports.base_transport import TransportParams
from pipecat.transports.smallwebrtc.connection import SmallWebRTCConnection
from pipecat.transports.smallwebrtc.request_handler import (
    IceCandidate,
    SmallWebRTCPatchRequest,
    SmallWebRTCRequest,
    SmallWebRTCRequestHandler,
)
from pipecat.transports.smallwebrtc.transport import SmallWebRTCTransport

from verivoice.server.calls import CallRegistry

IN_RATE = 16000
OUT_RATE = 48000
MAX_SDP_BYTES = 64 * 1024


def check_offer(body: Any) -> tuple[str, str | None]:
    """The offer's SDP (and pc_id on renegotiation), or a 400 saying what is wrong.

    aiortc accepts almost any text as an offer and answers it; a call would then start on a
    connection that never connects. So an offer must look like a browser's audio offer.
    """
    if not isinstance(body, dict):
        raise HTTPException(400, "the offer must be a JSON object {sdp, type}")
    sdp, kind, pc_id = body.get("sdp"), body.get("type"), body.get("pc_id")
    if kind != "offer":
        raise HTTPException(400, "type must be 'offer'")
    if not isinstance(sdp, str) or len(sdp) > MAX_SDP_BYTES:
        raise HTTPException(400, "sdp must be a string of at most 64 kB")
    if not sdp.startswith("v=0"):
        raise HTTPException(400, "sdp is not an SDP session description")
    for needed, what in (("m=audio", "an audio track"), ("a=ice-ufrag", "ICE credentials"),
                         ("a=fingerprint", "a DTLS fingerprint")):
        if needed not in sdp:
            raise HTTPException(400, f"the offer has no {what} ({needed})")
    if pc_id is not None and not isinstance(pc_id, str):
        raise HTTPException(400, "pc_id must be a string")
    return sdp, pc_id


def bearer_check(token: str | None):
    """A dependency that lets a request through only with ``Authorization: Bearer <token>``.

    ``None``: every request passes (no token configured; start-up refuses that beyond
    loopback). An empty token is refused outright: it would match an empty bearer.
    """
    if token is not None and not token.strip():
        raise ValueError("an empty browser token would let every request through")

    async def check(request: Request) -> None:
        if token is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(),
                                                                    token.encode()):
            logger.warning("refused a browser call: missing or wrong bearer token")
            raise HTTPException(401, "this server needs a browser token",
                                headers={"WWW-Authenticate": "Bearer"})

    return check


def webrtc_router(registry: CallRegistry, handler: SmallWebRTCRequestHandler,
                  token: str | None = None, *, offers: bool = True) -> APIRouter:
    """``/api/offer`` (behind ``token`` when one is set; absent when ``offers`` is off:
    browser calls switched off) and the calls' event streams."""
    router = APIRouter()

    async def offers_on() -> None:
        if not offers:
            raise HTTPException(404, "browser calls are off on this server")

    # Events: behind each call's own token instead.
    needs_token = [Depends(offers_on), Depends(bearer_check(token))]
    calls_by_pc: dict[str, tuple[str, str]] = {}

    @router.post("/api/offer", dependencies=needs_token)
    async def offer(request: Request) -> dict[str, Any]:
        """Answer a browser's WebRTC offer and start its call."""
        try:
            body = await request.json()
        except ValueError as exc:
            raise HTTPException(400, "the offer is not JSON") from exc
        sdp, pc_id = check_offer(body)

        async def on_connection(connection: SmallWebRTCConnection) -> None:
            call_id = uuid.uuid4().hex[:12]
            token = secrets.token_urlsafe(24)
            calls_by_pc[connection.pc_id] = (call_id, token)
            transport = SmallWebRTCTransport(connection, TransportParams(
                audio_in_enabled=True, audio_out_enabled=True,
                audio_in_sample_rate=IN_RATE, audio_out_sample_rate=OUT_RATE))
            call, _task = registry.start(transport, in_sample_rate=IN_RATE,
                                         out_sample_rate=OUT_RATE, call_id=call_id,
                                         events_token=token)

            @transport.event_handler("on_client_disconnected")
            async def _gone(_transport, _client) -> None:
                logger.info(f"call {call_id}: the browser disconnected")
                await call.hang_up()

        try:
            answer = await handler.handle_web_request(
                SmallWebRTCRequest(sdp=sdp, type="offer", pc_id=pc_id,
                                   restart_pc=bool(body.get("restart_pc"))), on_connection)
        except (ValueError, AttributeError) as exc:
            raise HTTPException(400, f"the offer was refused: {exc}") from exc
        if not answer:
            raise HTTPException(500, "no answer was produced")
        # Needed only to answer this offer: dropped now, so the map never grows.
        call_id, token = calls_by_pc.pop(answer.get("pc_id", ""), (None, None))
        return {**answer, "call_id": call_id, "events_token": token}

    @router.patch("/api/offer", dependencies=needs_token)
    async def ice_candidates(request: Request) -> dict[str, str]:
        """Trickled ICE candidates for a connection."""
        try:
            body = await request.json()
            candidates = [IceCandidate(candidate=c["candidate"], sdp_mid=c["sdp_mid"],
                                       sdp_mline_index=c["sdp_mline_index"])
                          for c in body["candidates"]]
            patch = SmallWebRTCPatchRequest(pc_id=body["pc_id"], candidates=candidates)
        except (ValueError, KeyError, TypeError) as exc:
            raise HTTPException(400, "expected {pc_id, candidates: [...]}") from exc
        await handler.handle_patch_request(patch)
        return {"status": "ok"}

    @router.get("/api/calls/{call_id}/events")
    async def events(call_id: str, token: str | None = None) -> StreamingResponse:
        """Server-sent events: the call's transcript lines and per-turn latency."""
        queue = registry.events(call_id, token)
        if queue is None:
            raise HTTPException(404, "no such call in progress")

        async def stream():
            while True:
                try:
                    event = await asyncio.wait_for(queue.get(), timeout=15)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                yield f"data: {json.dumps(event)}\n\n"
                if event.get("kind") == "end":
                    return

        return StreamingResponse(stream(), media_type="text/event-stream")

    return router
