"""Single-use tokens that bind a Twilio media stream to the one call Twilio announced.

The stream handshake's ``X-Twilio-Signature`` covers only the fixed stream URL: it is the
same for every call, so on its own it proves nothing about which call a stream belongs to.
The voice webhook (signed by Twilio, per request) therefore issues a token for the call it
answers, an HMAC over the CallSid, the AccountSid, the caller's number, the SHAKEN/STIR
attestation and an expiry, and puts it in the TwiML as a ``<Parameter>``; Twilio passes it
back in ``start.customParameters`` (Media Streams drop query strings). The stream is taken
only with a valid, unexpired, unused token for the ``start`` message's own call.

"Used" lives in the state store (a counter with a limit of one), so a token replayed to
another replica is refused too; without a store (Twilio Verify not configured, one
process) it lives in this process. The key is derived from the Twilio auth token, so it
rotates with it and is never stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from verivoice.auth.store.base import StateStore

CALL_SID = re.compile(r"^CA[0-9a-f]{32}$")
ACCOUNT_SID = re.compile(r"^AC[0-9a-f]{32}$")
SCOPE = "stream_token"
_VERSION = "v1"


class StreamRefused(Exception):
    """The stream is not the call's: the reason is safe to log (no number, no token)."""


@dataclass(frozen=True)
class StreamClaim:
    """What a stream says about itself, or what the webhook saw of the call.

    Attributes:
        call_sid: The call (CA...).
        account_sid: The Twilio account (AC...).
        caller: The caller's number as Twilio gave it (``From``), or ``""``.
        verstat: Twilio's ``StirVerstat`` for the call, or ``""`` when none was given.
    """

    call_sid: str
    account_sid: str
    caller: str = ""
    verstat: str = ""

    def message(self, expires: int, nonce: str) -> bytes:
        return "|".join((_VERSION, self.call_sid, self.account_sid, self.caller,
                         self.verstat, str(expires), nonce)).encode()


class StreamTokens:
    """Issues and redeems the stream tokens of one deployment.

    Args:
        key: The HMAC key (see :meth:`from_auth_token`).
        account_sid: The configured account; ``""`` accepts any well-formed one (the token
            still binds the account the webhook saw).
        ttl_s: How long a token may wait for its stream (Twilio opens it within seconds).
        store: Where "used" is kept across replicas (``None``: in this process).
        clock: Seconds since the epoch (injectable for tests).
    """

    def __init__(self, key: bytes, *, account_sid: str = "", ttl_s: float = 60.0,
                 store: StateStore | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self._key = key
        self._account_sid = account_sid
        self._ttl_s = ttl_s
        self._store = store
        self._clock = clock
        self._used: dict[str, float] = {}  # nonce -> expiry, when there is no store

    @classmethod
    def from_auth_token(cls, auth_token: str, **kwargs) -> StreamTokens:
        key = hmac.new(auth_token.encode(), b"verivoice/stream-token/v1", hashlib.sha256)
        return cls(key.digest(), **kwargs)

    def check_claim(self, claim: StreamClaim) -> None:
        """Refuse a malformed CallSid or an account that is not ours."""
        if not CALL_SID.fullmatch(claim.call_sid):
            raise StreamRefused("the call SID is malformed")
        if not ACCOUNT_SID.fullmatch(claim.account_sid) or (
                self._account_sid and claim.account_sid != self._account_sid):
            raise StreamRefused("the account SID is not the configured one")

    def issue(self, claim: StreamClaim) -> str:
        """A token for the stream of the call the webhook answers (raises StreamRefused)."""
        self.check_claim(claim)
        expires = int(self._clock() + self._ttl_s)
        nonce = secrets.token_urlsafe(12)
        return f"{_VERSION}.{expires}.{nonce}.{self._mac(claim, expires, nonce)}"

    def _mac(self, claim: StreamClaim, expires: int, nonce: str) -> str:
        digest = hmac.new(self._key, claim.message(expires, nonce), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    async def redeem(self, token: object, claim: StreamClaim) -> None:
        """Take ``token`` for the stream that claims ``claim``, once.

        Raises:
            StreamRefused: malformed, for another call, expired or already used.
            StoreUnavailable: the store cannot say whether it was used (refuse the stream).
        """
        self.check_claim(claim)
        if not isinstance(token, str) or not token:
            raise StreamRefused("the start message carries no stream token")
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != _VERSION or not parts[1].isdigit():
            raise StreamRefused("the stream token is malformed")
        _version, expires_text, nonce, mac = parts
        expires = int(expires_text)
        if not hmac.compare_digest(mac, self._mac(claim, expires, nonce)):
            raise StreamRefused("the stream token is not this call's")
        now = self._clock()
        if expires < now:
            raise StreamRefused("the stream token has expired")
        if not await self._first_use(nonce, expires, now):
            raise StreamRefused("the stream token was used already")

    async def _first_use(self, nonce: str, expires: int, now: float) -> bool:
        if self._store is not None:
            return await self._store.consume(SCOPE, nonce, limit=1,
                                             window_s=self._ttl_s + 60.0, now=now)
        self._used = {n: e for n, e in self._used.items() if e >= now}
        if nonce in self._used:
            return False
        self._used[nonce] = expires
        return True
