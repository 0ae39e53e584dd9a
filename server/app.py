"""The FastAPI app of `verivoice serve`: phone calls, browser calls, health and readiness."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, Response
from loguru import logger
from pipecat.transports.smallwebrtc.request_handler import SmallWebRTCRequestHandler
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import SecretStr

from verivoice.auth.store import StateStore, StoreUnavailable
from verivoice.config import Settings
from verivoice.device import resolve_device
from verivoice.pipeline.compute_priority import lowered_loop_warning
from verivoice.practice import practice_profile
from verivoice.server.assembly import CallResources
from verivoice.server.body_limit import BodyLimit
from verivoice.server.calls import CallRegistry
from verivoice.server.metrics import CallCounters, LoopLagMonitor, PrometheusView, snapshot
from verivoice.server.twilio_routes import twilio_router
from verivoice.server.webrtc_routes import webrtc_router
from verivoice.startup_policy import placeholder_twilio_credentials, startup_refusals


class _State:
    registry: CallRegistry | None = None
    llm_server = None
    supervisor: asyncio.Task | None = None
    store: StateStore | None = None


def _report_supervisor_end(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error(f"the LLM server's supervisor gave up: {task.exception()}; "
                     "/healthz now answers 503")


def create_app(settings: Settings) -> FastAPI:
    """Build the app; models load and the LLM server starts in its lifespan.

    Raises:
        ValueError: Twilio is used for real (no API base URL override) with test or
            placeholder credentials; a secret is empty, short or a placeholder, or the
            exposure does not match the settings (:func:`startup_refusals`); or the practice
            profile is missing or invalid (:class:`~verivoice.practice.ProfileError`).
    """
    if wrong := placeholder_twilio_credentials(settings):
        raise ValueError(
            f"{', '.join(wrong)}: not a real Twilio credential (test or demo values are "
            "accepted only with VERIVOICE_TWILIO__API_BASE_URL pointing at a local "
            "Twilio-compatible server such as `verivoice verify-server`)")
    if refusals := startup_refusals(settings):
        raise ValueError("refusing to start:\n  " + "\n  ".join(refusals))
    if not settings.llm.base_url and settings.llm.api_key is None:
        # The vLLM we supervise answers only us: a fresh key for this start.
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(
            update={"api_key": SecretStr(secrets.token_urlsafe(32))})})
    practice_profile(settings.practice.profile)  # a bad profile stops start-up, before models
    device = resolve_device(settings.device)
    state = _State()
    webrtc = SmallWebRTCRequestHandler()
    lag = LoopLagMonitor(stall_log_ms=settings.server.loop_stall_log_ms)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        lag.start()
        try:
            async with serving(app):
                yield
        finally:  # also after a failed start: no stall watcher or gc hook is left behind
            lag.stop()
            gc.unfreeze()

    @asynccontextmanager
    async def serving(app: FastAPI) -> AsyncIterator[None]:
        """Start vLLM (unless one is configured), load the models, serve, then stop it all."""
        if not settings.llm.base_url:
            from verivoice.pipeline.llm.vllm_server import VllmServer

            state.llm_server = VllmServer(settings.llm, device, nice=settings.compute_nice)
            await state.llm_server.start()
            state.supervisor = asyncio.create_task(state.llm_server.supervise())
            state.supervisor.add_done_callback(_report_supervisor_end)
        try:
            resources_ = await asyncio.to_thread(CallResources.load, settings, device)
        except BaseException:
            if state.llm_server is not None:  # never leave vLLM running after a failed start
                if state.supervisor is not None:
                    state.supervisor.cancel()
                await state.llm_server.stop()
            raise
        state.store = resources_.store
        if state.store is not None and settings.state.auto_migrate:
            try:
                await state.store.migrate()
            except StoreUnavailable as exc:  # calls go on; PHI stays locked until it answers
                logger.error(f"{exc}: PHI tools stay locked until the state store answers")
        state.registry = CallRegistry(resources_, phone_events=settings.server.phone_call_events)
        state.registry.counters.on_turn = app.state.prometheus.observe
        app.include_router(twilio_router(resources_.settings, state.registry))
        browser_token = settings.server.browser_token
        app.include_router(webrtc_router(
            state.registry, webrtc,
            browser_token.get_secret_value() if browser_token is not None else None,
            offers=settings.server.browser_calls))
        # Everything loaded so far (modules, models, tokenizers: ~200,000 objects) lives as
        # long as the server. A full collection walking them held the GIL for ~115 ms on the
        # 2-core CPU; once frozen out of the collector's sight, under 1 ms.
        gc.collect()
        gc.freeze()
        if (warning := lowered_loop_warning(settings.compute_nice)) is not None:
            logger.warning(warning)
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
            if state.store is not None:
                await state.store.close()

    app = FastAPI(title="verivoice", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.add_middleware(BodyLimit, max_bytes=settings.server.max_body_bytes)
    app.state.calls = state  # `verivoice serve` says goodbye through it on SIGTERM

    def current() -> dict[str, Any]:
        registry = state.registry
        return snapshot(registry.counters if registry else CallCounters(),
                        registry.active if registry else 0, lag)

    prometheus = PrometheusView(current)
    app.state.prometheus = prometheus

    @app.get("/metrics")
    async def metrics() -> Response:
        """Calls, per-turn latency, event-loop lag, memory and descriptors (no PHI), in
        Prometheus' text format."""
        return Response(prometheus.render(), media_type=CONTENT_TYPE_LATEST)

    @app.get("/metrics.json")
    async def metrics_json() -> dict[str, Any]:
        """The same figures as one JSON object (percentiles over the latest turns)."""
        return current()

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        """Liveness: the process serves requests and its LLM supervisor has not given up.

        A supervisor that gave up (vLLM kept dying) leaves a process that can only say the
        fallback line: 503 here lets Docker or Kubernetes restart the whole container.
        """
        task = state.supervisor
        if task is not None and task.done() and not task.cancelled() and task.exception():
            return JSONResponse({"status": "the LLM server's supervisor gave up"},
                                status_code=503)
        return JSONResponse({"status": "ok"})

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        """Readiness: models loaded and the LLM server reachable.

        The state store is reported (``store``) but does not decide readiness: without it
        calls still work with PHI tools locked, and a store outage must not take every
        replica, and so the phone line, out of service.
        """
        checks = {"models": state.registry is not None, "llm": False}
        health = settings.llm.url.removesuffix("/v1").rstrip("/") + "/health"
        try:
            async with httpx.AsyncClient(timeout=2.0) as client:
                checks["llm"] = (await client.get(health)).status_code == 200
        except httpx.HTTPError:
            pass
        ready = all(checks.values())
        body = {"ready": ready, **checks, "store": await _store_answers(state.store),
                "calls": state.registry.active if state.registry else 0}
        return JSONResponse(body, status_code=200 if ready else 503)

    async def _store_answers(store: StateStore | None) -> bool | None:
        if store is None:
            return None
        try:
            async with asyncio.timeout(2.0):
                await store.ping()
        except (StoreUnavailable, TimeoutError):
            return False
        return True

    if settings.server.browser_calls:
        @app.get("/", response_class=HTMLResponse)
        async def page() -> str:
            """The browser page: click "Call" and talk to the agent."""
            return resources.files("verivoice.server").joinpath("static/index.html").read_text()

    return app
