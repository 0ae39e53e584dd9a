"""A local, stateful Twilio Verify v2 server for tests and offline demos.

It answers the Verify v2 routes the official SDK calls (start, fetch and update a
Verification; check a code) with the JSON shapes of Twilio's OpenAPI spec and Twilio's
documented behaviour: codes expire after 10 minutes, a resend reuses the pending
verification, 5 checks per verification (60202), 5 sends per number per window (60203),
invalid parameters (60200), approved/cancelled/expired verifications are gone (20404),
rate and concurrency limits (20429, 60212), a fraud block (60410) and Basic auth (20003).

It also takes the one Voice API request verivoice makes of a live call, the update
(``POST /2010-04-01/Accounts/{AC}/Calls/{CA}.json``: a hang-up, or TwiML that dials staff for a
hand-off), and records it (:meth:`VerifyState.call_updates`).

The "phone" is the outbox: every code sent is kept in memory (``GET /outbox?to=...``) and,
optionally, appended to a JSON-lines file. Nothing else ever holds a code: the log names a
number by its last four characters only and never prints a code.

Tests drive time and failures through ``app.state.verify`` (:class:`VerifyState`):
``advance(seconds)``, ``inject_fault(status, count)`` and ``inject_delay(seconds, count)``.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import json
import re
import secrets
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl

import typer
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from loguru import logger
from starlette.exceptions import HTTPException as StarletteHTTPException

TWILIO_VERIFY_BASE = "https://verify.twilio.com"
_E164 = re.compile(r"^\+[1-9]\d{1,14}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LOCALE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,4})?$")
_VERIFICATION_SID = re.compile(r"^VE[0-9a-fA-F]{32}$")
# Channel as the request names it -> as send_code_attempts names it (Twilio's examples).
_CHANNELS = {"sms": "SMS", "call": "CALL", "email": "EMAIL", "whatsapp": "whatsapp"}
_PHONE_CHANNELS = frozenset({"sms", "call", "whatsapp"})
_MESSAGES = {
    20003: "Authenticate",
    20004: "Method not allowed",
    20429: "Too many requests",
    20500: "Internal Server Error",
    20503: "Service Unavailable",
    60202: "Max check attempts reached",
    60203: "Max send attempts reached",
    60212: "Too many concurrent requests for phone number",
    60410: "Verification delivery attempt blocked",
}


@dataclass(frozen=True)
class VerifyServerSettings:
    """Limits and behaviour of the local Verify server (Twilio's defaults)."""

    code_length: int = 6
    code_ttl_s: float = 600.0
    max_check_attempts: int = 5
    max_sends_per_window: int = 5
    send_window_s: float = 600.0
    rate_limit_per_s: int | None = None  # requests per second per service; None: no limit
    max_concurrent_per_to: int = 1
    fraud_prefixes: tuple[str, ...] = ()  # E.164 prefixes answered with 60410
    outbox_path: Path | None = None  # also append each sent code here (JSON lines)

    def __post_init__(self) -> None:
        if not 4 <= self.code_length <= 10:
            raise ValueError("code_length must be between 4 and 10")
        positive = {"code_ttl_s": self.code_ttl_s, "max_check_attempts": self.max_check_attempts,
                    "max_sends_per_window": self.max_sends_per_window,
                    "send_window_s": self.send_window_s,
                    "max_concurrent_per_to": self.max_concurrent_per_to,
                    "rate_limit_per_s": self.rate_limit_per_s or 1}
        for name, value in positive.items():
            if value <= 0:
                raise ValueError(f"{name} must be positive")


class TwilioError(Exception):
    """An error answer in Twilio's shape: ``{code, message, more_info, status}``."""

    def __init__(self, status: int, code: int, message: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message or _MESSAGES.get(code, "Error"))
        self.status, self.code, self.headers = status, code, headers or {}

    def response(self) -> JSONResponse:
        body = {"code": self.code, "message": str(self), "status": self.status,
                "more_info": f"https://www.twilio.com/docs/errors/{self.code}"}
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def _invalid(name: str) -> TwilioError:
    # The value is not echoed: a caller might log the message, and To is a phone number.
    return TwilioError(400, 60200, f"Invalid parameter `{name}`")


def _not_found(path: str) -> TwilioError:
    return TwilioError(404, 20404, f"The requested resource {path} was not found")


def mask(to: str) -> str:
    """A phone number or address as logs may show it: its last four characters."""
    return "..." + to[-4:]


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Verification:
    """One verification while it lives (pending, or blocked after too many checks)."""

    sid: str
    to: str
    channel: str
    code: str
    created_at: float
    updated_at: float
    status: str = "pending"
    checks: int = 0
    amount: str | None = None
    payee: str | None = None
    attempts: list[dict[str, str]] = field(default_factory=list)


class VerifyState:
    """The server's memory, limits and test hooks (``app.state.verify``).

    One ``threading.Lock`` guards everything and is never held across an ``await``, so
    test threads may call the helpers while the server's event loop serves requests.
    """

    def __init__(self, *, account_sid: str, auth_token: str, service_sid: str,
                 settings: VerifyServerSettings, clock: Callable[[], float],
                 codes: Callable[[int], str] | None = None) -> None:
        self.account_sid, self.service_sid, self.settings = account_sid, service_sid, settings
        self._auth_token, self._clock, self._offset = auth_token, clock, 0.0
        self._codes = codes or _random_code
        self._lock = threading.Lock()
        self._verifications: dict[str, Verification] = {}
        self._by_to: dict[str, str] = {}
        self._sends: dict[str, deque[float]] = {}
        self._requests: deque[float] = deque()
        self._in_flight: Counter[str] = Counter()
        self._faults: deque[tuple[int, int, str | None]] = deque()
        self._delays: deque[float] = deque()
        self._outbox: list[dict[str, str]] = []
        self._call_updates: list[dict[str, str]] = []

    # -- test hooks -------------------------------------------------------------------

    def now(self) -> float:
        """The server's time: the injected clock plus what :meth:`advance` added."""
        return self._clock() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the server's time forward (expiry, send windows, rate limit)."""
        with self._lock:
            self._offset += seconds

    def inject_fault(self, status: int = 503, count: int = 1, code: int | None = None,
                     message: str | None = None) -> None:
        """Answer the next ``count`` API requests with this error (default 503, code 20503)."""
        if not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error (400-599)")
        with self._lock:
            self._faults.extend([(status, code or 20000 + status, message)] * count)

    def inject_delay(self, seconds: float, count: int = 1) -> None:
        """Hold the next ``count`` API requests for ``seconds`` (real time) before answering.

        A delayed request still takes effect, as a real one can after a client timeout.
        """
        with self._lock:
            self._delays.extend([seconds] * count)

    def outbox(self, to: str | None = None) -> list[dict[str, str]]:
        """Codes sent (to one number or address), oldest first: the simulated phone."""
        with self._lock:
            return [dict(m) for m in self._outbox if to is None or m["to"] == to]

    def call_updates(self, sid: str | None = None) -> list[dict[str, str]]:
        """Live-call updates received (``Twiml``, ``Status``, ``Url``), oldest first."""
        with self._lock:
            return [dict(u) for u in self._call_updates if sid is None or u["sid"] == sid]

    def update_call(self, authorization: str | None, account: str, sid: str,
                    form: dict[str, str], path: str) -> dict[str, object]:
        """Twilio's ``POST /2010-04-01/Accounts/{AC}/Calls/{CA}.json``: update a live call."""
        self._fault_then_auth(authorization)
        if account != self.account_sid or not re.fullmatch(r"CA[0-9a-f]{32}", sid):
            raise _not_found(path)
        update = {"sid": sid, **{k: form[k] for k in ("Twiml", "Status", "Url", "Method")
                                 if k in form}}
        with self._lock:
            self._call_updates.append(update)
        status = "completed" if form.get("Status") == "completed" else "in-progress"
        return {"sid": sid, "account_sid": account, "status": status, "direction": "inbound",
                "api_version": "2010-04-01", "uri": path}

    def last_code(self, to: str) -> str | None:
        """The newest code sent to ``to``, if any."""
        messages = self.outbox(to)
        return messages[-1]["code"] if messages else None

    def in_flight(self, key: str) -> int:
        """Requests for one number (or verification SID) being served right now."""
        with self._lock:
            return self._in_flight[key]

    # -- request pipeline -------------------------------------------------------------

    def admit(self, authorization: str | None, service_sid: str, path: str) -> None:
        """Injected fault, Basic auth, service, rate limit: in Twilio's order."""
        self._fault_then_auth(authorization)
        if service_sid != self.service_sid:
            raise _not_found(path)
        limit = self.settings.rate_limit_per_s
        if limit is None:
            return
        with self._lock:
            now = self.now()
            while self._requests and self._requests[0] <= now - 1.0:
                self._requests.popleft()
            if len(self._requests) >= limit:
                raise TwilioError(429, 20429, headers={"Retry-After": "1"})
            self._requests.append(now)

    def _fault_then_auth(self, authorization: str | None) -> None:
        """An injected fault first, then HTTP Basic auth (raises :class:`TwilioError`)."""
        with self._lock:
            fault = self._faults.popleft() if self._faults else None
        if fault is not None:
            raise TwilioError(fault[0], fault[1], fault[2])
        if not self._authorized(authorization):
            raise TwilioError(401, 20003, headers={"WWW-Authenticate": 'Basic realm="Twilio API"'})

    def _authorized(self, authorization: str | None) -> bool:
        scheme, _, encoded = (authorization or "").partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return (hmac.compare_digest(user.encode(), self.account_sid.encode())
                & hmac.compare_digest(password.encode(), self._auth_token.encode()))

    @asynccontextmanager
    async def serving(self, key: str | None) -> AsyncIterator[None]:
        """Count a request in flight for ``key`` (60212 past the limit); apply a delay."""
        with self._lock:
            if key and self._in_flight[key] >= self.settings.max_concurrent_per_to:
                raise TwilioError(429, 60212)
            if key:
                self._in_flight[key] += 1
            delay = self._delays.popleft() if self._delays else 0.0
        try:
            if delay:
                await asyncio.sleep(delay)
            yield
        finally:
            if key:
                with self._lock:
                    self._in_flight[key] -= 1
                    if not self._in_flight[key]:
                        del self._in_flight[key]

    # -- operations -------------------------------------------------------------------

    def start(self, form: dict[str, str], path: str) -> dict[str, Any]:
        """Start a verification, or resend the pending one for the same ``To``."""
        to, channel = form.get("To", "").strip(), form.get("Channel", "")
        if channel not in _CHANNELS:
            raise _invalid("Channel")
        pattern = _E164 if channel in _PHONE_CHANNELS else _EMAIL
        if not pattern.match(to):
            raise _invalid("To")
        if "Locale" in form and not _LOCALE.match(form["Locale"]):
            raise _invalid("Locale")
        custom = form.get("CustomCode")
        if custom is not None and not (4 <= len(custom) <= 10 and custom.isalnum()):
            raise _invalid("CustomCode")
        if channel in _PHONE_CHANNELS and to.startswith(self.settings.fraud_prefixes):
            raise TwilioError(403, 60410)
        with self._lock:
            now = self.now()
            self._expire(now)
            live = self._verifications.get(self._by_to.get(to, ""))
            if live is not None and live.status == "max_attempts_reached":
                raise TwilioError(429, 60202)
            sends = self._sends.setdefault(to, deque())
            while sends and sends[0] <= now - self.settings.send_window_s:
                sends.popleft()
            if len(sends) >= self.settings.max_sends_per_window:
                raise TwilioError(429, 60203)
            if live is None:
                code = custom or self._codes(self.settings.code_length)
                live = Verification(sid="VE" + secrets.token_hex(16), to=to, channel=channel,
                                    code=code, created_at=now, updated_at=now,
                                    amount=form.get("Amount"), payee=form.get("Payee"))
                self._verifications[live.sid] = live
                self._by_to[to] = live.sid
            live.channel, live.updated_at = channel, now
            live.attempts.append({"time": _iso(now), "channel": _CHANNELS[channel],
                                  "attempt_sid": "VL" + secrets.token_hex(16)})
            sends.append(now)
            self._deliver(live, now)
            body = self._verification_json(live)
        logger.info(f"verify: {channel} code sent to {mask(to)} ({live.sid}, "
                    f"send {len(live.attempts)})")
        return body

    def fetch(self, sid: str, path: str) -> dict[str, Any]:
        """A live verification, or 20404."""
        with self._lock:
            return self._verification_json(self._live(sid, path))

    def update(self, sid: str, form: dict[str, str], path: str) -> dict[str, Any]:
        """``Status=canceled|approved``: answer with the final state, then forget it."""
        status = form.get("Status")
        if status not in ("canceled", "approved"):
            raise _invalid("Status")
        with self._lock:
            verification = self._live(sid, path)
            verification.status, verification.updated_at = status, self.now()
            body = self._verification_json(verification)
            self._finish(verification)
        logger.info(f"verify: {sid} {status} by update")
        return body

    def check(self, form: dict[str, str], path: str) -> dict[str, Any]:
        """Check a code: ``pending`` if wrong, ``approved`` (and gone) if right."""
        code, to, sid = form.get("Code"), form.get("To"), form.get("VerificationSid")
        if not code or not 4 <= len(code) <= 10:
            raise _invalid("Code")
        if not (to or sid):
            raise _invalid("To")
        if sid is not None and not _VERIFICATION_SID.match(sid):
            raise _invalid("VerificationSid")
        with self._lock:
            self._expire(self.now())
            verification = self._verifications.get(sid or self._by_to.get(to or "", ""))
            if verification is None or (to and verification.to != to):
                raise _not_found(path)
            if verification.checks >= self.settings.max_check_attempts:
                verification.status = "max_attempts_reached"
                raise TwilioError(429, 60202)
            verification.checks += 1
            verification.updated_at = self.now()
            if hmac.compare_digest(code.encode(), verification.code.encode()):
                verification.status = "approved"
                self._finish(verification)
            body = self._check_json(verification)
        logger.info(f"verify: check {verification.checks} of {verification.sid}: "
                    f"{verification.status}")
        return body

    # -- internals (called with the lock held) ----------------------------------------

    def _live(self, sid: str, path: str) -> Verification:
        self._expire(self.now())
        verification = self._verifications.get(sid)
        if verification is None:
            raise _not_found(path)
        return verification

    def _expire(self, now: float) -> None:
        for verification in list(self._verifications.values()):
            if now >= verification.created_at + self.settings.code_ttl_s:
                logger.info(f"verify: {verification.sid} expired")
                self._forget(verification)

    def _finish(self, verification: Verification) -> None:
        """Approved or cancelled: the lifecycle is complete, so the send limit resets."""
        self._forget(verification)
        self._sends.pop(verification.to, None)

    def _forget(self, verification: Verification) -> None:
        self._verifications.pop(verification.sid, None)
        if self._by_to.get(verification.to) == verification.sid:
            del self._by_to[verification.to]

    def _deliver(self, verification: Verification, now: float) -> None:
        message = {"to": verification.to, "channel": verification.channel,
                   "code": verification.code, "sid": verification.sid, "sent_at": _iso(now)}
        self._outbox.append(message)
        if self.settings.outbox_path is not None:
            with self.settings.outbox_path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(message) + "\n")

    def _common(self, v: Verification) -> dict[str, Any]:
        return {"sid": v.sid, "service_sid": self.service_sid, "account_sid": self.account_sid,
                "to": v.to, "channel": v.channel, "status": v.status,
                "valid": v.status == "approved", "amount": v.amount, "payee": v.payee,
                "date_created": _iso(v.created_at), "date_updated": _iso(v.updated_at)}

    def _verification_json(self, v: Verification) -> dict[str, Any]:
        url = f"{TWILIO_VERIFY_BASE}/v2/Services/{self.service_sid}/Verifications/{v.sid}"
        return {**self._common(v), "lookup": {}, "send_code_attempts": list(v.attempts),
                "sna": None, "url": url}

    def _check_json(self, v: Verification) -> dict[str, Any]:
        return {**self._common(v), "sna_attempts_error_codes": []}


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", errors="replace")
    return dict(parse_qsl(body, keep_blank_values=True))


def _random_code(length: int) -> str:
    """A code as Twilio sends one: ``length`` random digits."""
    return "".join(secrets.choice("0123456789") for _ in range(length))


def create_verify_app(*, account_sid: str, auth_token: str, service_sid: str,
                      settings: VerifyServerSettings | None = None,
                      clock: Callable[[], float] = time.time,
                      codes: Callable[[int], str] | None = None) -> FastAPI:
    """The Verify v2 server as an ASGI app; its state is ``app.state.verify``.

    Args:
        account_sid: The account SID clients authenticate with (HTTP Basic user).
        auth_token: The auth token (HTTP Basic password).
        service_sid: The one Verify service (``VA...``) this server knows.
        settings: Limits and the outbox file; Twilio's defaults when ``None``.
        clock: Seconds since the epoch; inject a fake one to control expiry in tests.
        codes: Makes a code of the given length; random digits when ``None``. A test that
            reads the code aloud injects a fixed one so that its audio is the same each run.
    """
    state = VerifyState(account_sid=account_sid, auth_token=auth_token,
                        service_sid=service_sid, settings=settings or VerifyServerSettings(),
                        clock=clock, codes=codes)
    app = FastAPI(title="Local Twilio Verify v2", docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.state.verify = state

    @app.exception_handler(TwilioError)
    async def twilio_error(request: Request, exc: TwilioError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 405:
            return TwilioError(405, 20004).response()
        return _not_found(request.url.path).response()

    @app.middleware("http")
    async def log_requests(request: Request, call_next):  # path only: no query, no body
        response = await call_next(request)
        logger.info(f"verify: {request.method} {request.url.path} -> {response.status_code}")
        return response

    prefix = "/v2/Services/{service_sid}"

    async def admitted(request: Request, service_sid: str) -> dict[str, str]:
        state.admit(request.headers.get("authorization"), service_sid, request.url.path)
        return await _form(request)

    @app.post(prefix + "/Verifications")
    async def start(request: Request, service_sid: str) -> JSONResponse:
        form = await admitted(request, service_sid)
        async with state.serving(form.get("To", "").strip()):
            return JSONResponse(state.start(form, request.url.path), status_code=201)

    @app.get(prefix + "/Verifications/{sid}")
    async def fetch(request: Request, service_sid: str, sid: str) -> JSONResponse:
        await admitted(request, service_sid)
        async with state.serving(None):
            return JSONResponse(state.fetch(sid, request.url.path))

    @app.post(prefix + "/Verifications/{sid}")
    async def update(request: Request, service_sid: str, sid: str) -> JSONResponse:
        form = await admitted(request, service_sid)
        async with state.serving(None):
            return JSONResponse(state.update(sid, form, request.url.path))

    @app.post(prefix + "/VerificationCheck")
    async def check(request: Request, service_sid: str) -> JSONResponse:
        form = await admitted(request, service_sid)
        async with state.serving(form.get("To") or form.get("VerificationSid")):
            return JSONResponse(state.check(form, request.url.path))

    @app.post("/2010-04-01/Accounts/{account}/Calls/{sid}.json")
    async def update_call(request: Request, account: str, sid: str) -> JSONResponse:
        """A live call's update (hang-up, new TwiML): the REST side of a phone call."""
        form = await _form(request)
        return JSONResponse(state.update_call(request.headers.get("authorization"), account,
                                              sid, form, request.url.path))

    @app.get("/outbox")
    async def outbox(to: str | None = None) -> JSONResponse:
        """The simulated phone: codes sent (to one number), newest last. No auth."""
        return JSONResponse(state.outbox(to))

    return app


def _uvicorn_server(app: FastAPI, host: str, port: int):
    import uvicorn

    # No access log (the app logs path and status itself: /outbox?to= holds a number);
    # log_config=None leaves logging to the embedding program.
    config = uvicorn.Config(app, host=host, port=port, access_log=False, log_config=None,
                            lifespan="off")
    return uvicorn.Server(config)


@contextmanager
def run_in_thread(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``app`` over real HTTP in a background thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, port))
    server = _uvicorn_server(app, host, sock.getsockname()[1])
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True,
                              name="verify-server")
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the Verify server did not start")
        time.sleep(0.01)
    try:
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def serve(
    host: Annotated[str, typer.Option(help="Listen address.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Listen port.")] = 8089,
    account_sid: Annotated[str, typer.Option(
        envvar="VERIVOICE_TWILIO__ACCOUNT_SID", help="Account SID clients must use.")] = "",
    auth_token: Annotated[str, typer.Option(
        envvar="VERIVOICE_TWILIO__AUTH_TOKEN", show_default=False,
        help="Auth token clients must use.")] = "",
    service_sid: Annotated[str, typer.Option(
        envvar="VERIVOICE_VERIFY__SERVICE_SID", help="The Verify service SID (VA...).")] = "",
    outbox: Annotated[Path | None, typer.Option(
        help="Also append every code sent to this JSON-lines file.")] = None,
    code_length: Annotated[int, typer.Option(min=4, max=10, help="Digits per code.")] = 6,
    fraud_prefix: Annotated[list[str] | None, typer.Option(
        help="Answer 60410 for numbers starting with this prefix (repeatable).")] = None,
    rate_limit_per_s: Annotated[int | None, typer.Option(
        help="Requests per second before 20429 (default: no limit).")] = None,
) -> None:
    """Run a local Twilio Verify v2 server (tests, offline demos); codes go to /outbox."""
    if not (account_sid and auth_token and service_sid):
        raise typer.BadParameter("account SID, auth token and service SID are all required")
    settings = VerifyServerSettings(code_length=code_length, outbox_path=outbox,
                                    fraud_prefixes=tuple(fraud_prefix or ()),
                                    rate_limit_per_s=rate_limit_per_s)
    app = create_verify_app(account_sid=account_sid, auth_token=auth_token,
                            service_sid=service_sid, settings=settings)
    logger.info(f"verify server on http://{host}:{port} (codes at /outbox)")
    _uvicorn_server(app, host, port).run()
