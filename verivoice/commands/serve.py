"""`verivoice serve`: the agent for phone (Twilio) and browser (WebRTC) calls."""

from __future__ import annotations

import json
import logging
import sys
from typing import Annotated

import typer
from loguru import logger

from verivoice.config import get_settings


class _ToLoguru(logging.Handler):
    """Standard-library records (uvicorn, our vLLM supervisor) into the one JSON log."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        logger.opt(depth=6, exception=record.exc_info).log(level, record.getMessage())


def _json_line(message) -> None:
    record = message.record
    line = {"time": record["time"].isoformat(timespec="milliseconds"),
            "level": record["level"].name, "logger": record["name"],
            "message": record["message"]}
    if "call_id" in record["extra"]:
        line["call_id"] = record["extra"]["call_id"]
    if record["exception"] is not None and record["exception"].type is not None:
        line["exception"] = record["exception"].type.__name__  # no traceback: locals hold PHI
    sys.stderr.write(json.dumps(line, ensure_ascii=False) + "\n")


def json_logging(level: str) -> None:
    """One JSON object per log line on stderr: time, level, logger, message, call id."""
    logger.remove()
    logger.add(_json_line, level=level)
    logging.basicConfig(handlers=[_ToLoguru()], level=level, force=True)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = [_ToLoguru()]
        logging.getLogger(name).propagate = False


def _graceful_server(config, app):
    """A uvicorn server whose first SIGTERM/SIGINT lets calls hear goodbye before closing.

    Uvicorn closes websockets before the app's shutdown runs, which would cut every call
    off mid-sentence; here the calls are told goodbye first, then uvicorn shuts down.
    """
    import asyncio

    import uvicorn

    class GracefulServer(uvicorn.Server):
        _goodbye: asyncio.Task | None = None

        def handle_exit(self, sig, frame) -> None:
            registry = getattr(app.state.calls, "registry", None)
            if self._goodbye is not None or registry is None:
                super().handle_exit(sig, frame)
                return
            loop = asyncio.get_event_loop()

            async def goodbye_then_exit() -> None:
                logger.info(f"signal {sig}: saying goodbye to {registry.active} call(s)")
                try:
                    await registry.shutdown(app.state.grace_s)
                finally:
                    uvicorn.Server.handle_exit(self, sig, frame)

            self._goodbye = loop.create_task(goodbye_then_exit())

    return GracefulServer(config)


def serve(
    host: Annotated[str | None, typer.Option(help="Listen address (VERIVOICE_SERVER__HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Listen port (VERIVOICE_SERVER__PORT).")] = None,
) -> None:
    """Serve calls: Twilio at /twilio/voice and /twilio/stream, the browser page at /."""
    import uvicorn

    from verivoice.server.app import create_app

    settings = get_settings()
    if host:  # the start-up checks judge the address actually served
        settings = settings.model_copy(update={
            "server": settings.server.model_copy(update={"host": host})})
    json_logging(settings.log_level)
    try:
        app = create_app(settings)
    except (ValueError, RuntimeError) as exc:
        logger.error(f"cannot serve: {exc}")
        raise typer.Exit(2) from None
    app.state.grace_s = settings.server.shutdown_grace_s
    config = uvicorn.Config(app, host=settings.server.host,
                            port=port or settings.server.port,
                            ws_max_size=settings.server.ws_max_bytes, log_config=None,
                            # Access lines would log query strings: the call-events token.
                            access_log=False, timeout_graceful_shutdown=10,
                            limit_concurrency=settings.server.max_connections)
    server = _graceful_server(config, app)
    server.run()
    if not server.started:  # the start-up failed (a model, the LLM server, the port)
        raise typer.Exit(1)
