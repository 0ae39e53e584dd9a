"""Request bodies are capped before anything parses them.

Twilio's webhooks and a browser's WebRTC offer are a few kilobytes. A larger body, declared
(``Content-Length``) or streamed (chunked), gets 413 before a form or JSON parser sees a
byte of it, so a client cannot make the server buffer or parse megabytes. Websockets are
not HTTP bodies: their messages have their own cap (``server.ws_max_bytes``).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    """The body went past the cap while it was being read."""


class BodyLimit:
    """ASGI middleware: refuse HTTP request bodies over ``max_bytes`` with 413.

    Args:
        app: The application to guard.
        max_bytes: The largest body taken.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(send)
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send)


async def _too_large(send: Send) -> None:
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain"), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": b"request body too large"})
