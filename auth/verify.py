"""Twilio Verify through the official SDK: send a code, check it, cancel, as typed results.

Every outcome becomes a :class:`VerifyResult`: the verification's status (``pending`` for a
wrong code, ``approved``, ``canceled``, ...) or an :class:`VerifyError` kind for each
documented failure (60200, 60202, 60203, 60212, 20404, 20429, 60410, a timeout, a 5xx).
Our own limits (sends per number per day, checks per verification) are enforced before
Twilio is called; if the state store cannot count, nothing is sent or checked
(``state_unavailable``). Retries are bounded and only for requests Twilio refused without acting
on them (20429, 60212) or that never reached it (connection failures): a check that may
have counted as an attempt (a timeout, a 5xx) is never retried.

Neither the code nor the phone number appears in any result's repr, log line or error.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from enum import StrEnum

import requests
import urllib3
from loguru import logger
from tenacity import AsyncRetrying, retry_if_result, stop_after_attempt, wait_exponential
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from verivoice.auth.limits import VerifyLimits
from verivoice.auth.store.base import StoreUnavailable
from verivoice.config import VerifySettings

E164 = re.compile(r"^\+[1-9]\d{6,14}$")


class VerifyStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    CANCELED = "canceled"
    EXPIRED = "expired"
    MAX_ATTEMPTS_REACHED = "max_attempts_reached"
    DELETED = "deleted"
    FAILED = "failed"


class VerifyError(StrEnum):
    BAD_PARAMETER = "bad_parameter"  # 60200
    TOO_MANY_CHECKS = "too_many_checks"  # 60202, or our own check limit
    TOO_MANY_SENDS = "too_many_sends"  # 60203, or our own send limit
    CONCURRENT = "concurrent_requests"  # 60212
    GONE = "verification_gone"  # 20404 on check: approved, expired or cancelled
    RATE_LIMITED = "rate_limited"  # 20429
    FRAUD_BLOCKED = "fraud_blocked"  # 60410
    AUTH = "auth_failed"  # 20003
    TIMEOUT = "timeout"
    SERVER_ERROR = "server_error"  # 5xx
    UNREACHABLE = "unreachable"  # the request never reached Twilio
    STATE_UNAVAILABLE = "state_unavailable"  # our own state store did not answer: refused
    OTHER = "other"


_CODES = {60200: VerifyError.BAD_PARAMETER, 60202: VerifyError.TOO_MANY_CHECKS,
          60203: VerifyError.TOO_MANY_SENDS, 60212: VerifyError.CONCURRENT,
          20404: VerifyError.GONE, 20429: VerifyError.RATE_LIMITED,
          60410: VerifyError.FRAUD_BLOCKED, 20003: VerifyError.AUTH}
_NOT_PROCESSED = {VerifyError.RATE_LIMITED, VerifyError.CONCURRENT, VerifyError.UNREACHABLE}


@dataclass(frozen=True)
class VerifyResult:
    """One Verify call's outcome. It never holds the code or the phone number.

    Attributes:
        status: The verification's status when Twilio answered.
        error: What went wrong when it did not.
        sid: The verification SID (VE...).
        channel: How the code was sent.
        twilio_code: Twilio's error code, if any.
        http_status: The HTTP status, if any.
        limited_here: The request was refused by our own limit, before Twilio.
    """

    status: VerifyStatus | None = None
    error: VerifyError | None = None
    sid: str | None = None
    channel: str | None = None
    twilio_code: int | None = None
    http_status: int | None = None
    limited_here: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def approved(self) -> bool:
        return self.status is VerifyStatus.APPROVED


def _status(value: str | None) -> VerifyStatus | None:
    try:
        return VerifyStatus(value) if value else None
    except ValueError:
        return VerifyStatus.FAILED


def _from_exception(exc: Exception) -> VerifyResult:
    if isinstance(exc, TwilioRestException):
        kind = _CODES.get(exc.code or 0)
        if kind is None:
            kind = VerifyError.SERVER_ERROR if exc.status >= 500 else VerifyError.OTHER
        return VerifyResult(error=kind, twilio_code=exc.code, http_status=exc.status)
    if _never_connected(exc):
        return VerifyResult(error=VerifyError.UNREACHABLE)
    if isinstance(exc, requests.exceptions.RequestException | TimeoutError):
        # A read timeout, a dropped connection, a TLS failure mid-request: Twilio may have
        # acted on it, so it counts as an unknown outcome and is never retried.
        return VerifyResult(error=VerifyError.TIMEOUT)
    return VerifyResult(error=VerifyError.OTHER)


def _never_connected(exc: Exception) -> bool:
    """True only when the request provably never reached Twilio (safe to send again)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if not isinstance(exc, requests.exceptions.ConnectionError) or \
            isinstance(exc, requests.exceptions.SSLError):
        return False
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)  # urllib3's MaxRetryError wraps the cause
    return isinstance(reason, urllib3.exceptions.NewConnectionError)


class VerifyClient:
    """Send, check and cancel one-time codes for a Verify service.

    Args:
        client: The SDK client (``verivoice.auth.twilio_api.twilio_client``).
        settings: Service SID, channel, limits, timeout and retries.
        limits: Our own counters, in the state store (shared by every replica).
    """

    def __init__(self, client: Client, settings: VerifySettings, limits: VerifyLimits) -> None:
        self._service = client.verify.v2.services(settings.service_sid)
        self._settings = settings
        self._limits = limits

    @property
    def limits(self) -> VerifyLimits:
        """Our own counters in front of Twilio (sends, checks, failed identity steps)."""
        return self._limits

    async def _call(self, what: str, fn) -> VerifyResult:
        async def attempt() -> VerifyResult:
            try:
                return await asyncio.wait_for(asyncio.to_thread(fn),
                                              self._settings.timeout_s + 1.0)
            except Exception as exc:  # every failure becomes a typed result
                return _from_exception(exc)

        retrying = AsyncRetrying(
            retry=retry_if_result(lambda r: r.error in _NOT_PROCESSED),
            stop=stop_after_attempt(self._settings.retries + 1),
            wait=wait_exponential(multiplier=0.2, max=2.0),
            retry_error_callback=lambda state: state.outcome.result(),
        )
        result: VerifyResult = await retrying(attempt)
        if result.error is not None:
            logger.warning(f"Verify {what} failed: {result.error} (Twilio code "
                           f"{result.twilio_code}, HTTP {result.http_status})")
        return result

    @staticmethod
    async def _under_limit(counter, key: str) -> bool | None:
        """Count one use against our own limit; ``None``: the state store is down."""
        try:
            return await counter(key)
        except StoreUnavailable as exc:
            logger.error(f"Verify limits unavailable ({exc}); refusing")
            return None

    async def start(self, phone: str, channel: str | None = None) -> VerifyResult:
        """Send a code to ``phone`` (E.164) on ``channel`` (default: the configured one)."""
        channel = channel or self._settings.channel
        if channel in ("sms", "call", "whatsapp") and not E164.match(phone):
            return VerifyResult(error=VerifyError.BAD_PARAMETER, channel=channel)
        allowed = await self._under_limit(self._limits.try_send, phone)
        if allowed is None:
            return VerifyResult(error=VerifyError.STATE_UNAVAILABLE, channel=channel)
        if not allowed:
            return VerifyResult(error=VerifyError.TOO_MANY_SENDS, channel=channel,
                                limited_here=True)

        def send() -> VerifyResult:
            v = self._service.verifications.create(to=phone, channel=channel)
            return VerifyResult(status=_status(v.status), sid=v.sid, channel=v.channel)

        return await self._call("start", send)

    async def check(self, verification_sid: str, code: str) -> VerifyResult:
        """Check ``code`` against a verification. A wrong code answers ``pending``."""
        if not code.isdigit() or not 4 <= len(code) <= 10:
            return VerifyResult(error=VerifyError.BAD_PARAMETER, sid=verification_sid)
        allowed = await self._under_limit(self._limits.try_check, verification_sid)
        if allowed is None:
            return VerifyResult(error=VerifyError.STATE_UNAVAILABLE, sid=verification_sid)
        if not allowed:
            return VerifyResult(error=VerifyError.TOO_MANY_CHECKS, sid=verification_sid,
                                limited_here=True)

        def check() -> VerifyResult:
            c = self._service.verification_checks.create(verification_sid=verification_sid,
                                                         code=code)
            return VerifyResult(status=_status(c.status), sid=c.sid, channel=c.channel)

        return await self._call("check", check)

    async def cancel(self, verification_sid: str) -> VerifyResult:
        def cancel() -> VerifyResult:
            v = self._service.verifications(verification_sid).update(status="canceled")
            return VerifyResult(status=_status(v.status), sid=v.sid, channel=v.channel)

        return await self._call("cancel", cancel)
