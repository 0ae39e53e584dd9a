"""The FastAPI app of `verivoice serve`: phone calls, browser calls, health and readiness."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

import httpx
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from loguru import logger
from pipecat.transports.smallwebrtc.request_handler import SmallWebRTCRequestHandler

from verivoice.config import Settings, resolve_device
from verivoice.pipeline.call import CallResources
from verivoice.server.calls import CallRegistry
from verivoice.server.twilio_routes import twilio_router
from verivoice.server.webrtc_routes import webrtc_router


class _State:
    registry: CallRegistry | None = None
    llm_server = None
    supervisor: asyncio.Task | None = None


def create_app(settings: Settings) -> FastAPI:
    """Build the app; models load and the LLM server starts in its lifespan."""
    device = resolve_device(settings.device)
    state = _State()
    webrtc = SmallWebRTCRequestHandler()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not settings.llm.base_url:
            from verivoice.pipeline.llm.server import VllmServer

            state.llm_server = VllmServer(settings.llm, device)
            await state.llm_server.start()
            state.supervisor = asyncio.create_task(state.llm_server.supervise())
        try:
            resources_ = await asyncio.to_thread(CallResources.load, settings, device)
        except BaseException:
            if state.llm_server is not None:  # never leave vLLM running after a failed start
                if state.supervisor is not None:
                    state.supervisor.cancel()
                await state.llm_server.stop()
            raise
        state.registry = CallRegistry(resources_, phone_events=settings.server.phone_call_events)
        app.include_router(twilio_router(resources_.settings, state.registry))
        app.include_router(webrtc_router(state.registry, webrtc))
        logger.info(f"ready: up to {settings.call.max_calls} calls on the {device} profile")
        try:
            yield
        finally:
            logger.info("shutting down: saying goodbye to calls in progress")
            await state.registry.shutdown(settings.server.shutdown_grace_s)
            with contextlib.suppress(Exception):
                await webrtc.close()
            if state.supervisor is not None:
                state.supervisor.cancel()
            if state.llm_server is not None:
                await state.llm_server.stop()

    app = FastAPI(title="verivoice", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.calls = state  # `verivoice serve` says goodbye through it on SIGTERM

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """Liveness: the process serves requests."""
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        """Readiness: models loaded and the LLM server reachable."""
        checks = {"models": state.registry is not None, "llm": False}
        health = settings.llm.url.removesuffix("/v1").rstrip("/") + "/health"
        try:
            async with httpx.AsyncClient(timeout=2.0) as client:
                checks["llm"] = (await client.get(health)).status_code == 200
        except httpx.HTTPError:
            pass
        ready = all(checks.values())
        body = {"ready": ready, **checks,
                "calls": state.registry.active if state.registry else 0}
        return JSONResponse(body, status_code=200 if ready else 503)

    @app.get("/", response_class=HTMLResponse)
    async def page() -> str:
        """The browser page: click "Call" and talk to the agent."""
        return resources.files("verivoice.server").joinpath("static/index.html").read_text()

    return app
