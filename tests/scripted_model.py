"""A scripted OpenAI-compatible model over real HTTP: it streams the reply it is given."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from verivoice.bench.tts_timing import tokens


class ScriptedModel:
    """A tiny OpenAI-compatible server that streams ``reply`` as chat.completion chunks,
    ``token_delay_s`` apart, and keeps each request body it was sent."""

    def __init__(self) -> None:
        self.reply = ""
        self.token_delay_s = 0.0
        self.requests: list[dict] = []
        self.app = FastAPI()

        @self.app.post("/v1/chat/completions")
        async def chat(request: Request) -> StreamingResponse:
            self.requests.append(await request.json())
            return StreamingResponse(self._events(self.reply), media_type="text/event-stream")

    @staticmethod
    def _chunk(delta: dict, finish: str | None = None) -> str:
        body = {"id": "chatcmpl-scripted", "object": "chat.completion.chunk", "created": 0,
                "model": "verivoice-llm",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return f"data: {json.dumps(body)}\n\n"

    async def _events(self, reply: str) -> AsyncIterator[str]:
        yield self._chunk({"role": "assistant", "content": ""})
        for token in tokens(reply):
            if self.token_delay_s:
                await asyncio.sleep(self.token_delay_s)
            yield self._chunk({"content": token})
        yield self._chunk({}, "stop")
        yield "data: [DONE]\n\n"


@contextmanager
def serve_scripted() -> Iterator[tuple[ScriptedModel, str]]:
    """Start a :class:`ScriptedModel` on a free local port; yields it and its base URL."""
    model = ScriptedModel()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(model.app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "scripted model did not start"
        time.sleep(0.02)
    try:
        yield model, f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
