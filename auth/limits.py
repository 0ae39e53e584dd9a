"""Our own limits in front of Twilio Verify, counted in the state store (shared by replicas).

Phone numbers are never stored: an HMAC-SHA-256 of the number (keyed with a per-deployment
secret) stands for it. Sends per number are counted over a sliding 24 h window; check
attempts are counted per verification (over 24 h too: a verification lives minutes), and
failed identity steps (a wrong code, a wrong date of birth) per number over 24 h, whatever
the call or replica, so guessing is bounded across calls too. The
store checks and counts in one locked transaction, so replicas asking at the same moment
can never let one send or check too many through.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable

from verivoice.auth.store.base import StateStore

DAY_S = 24 * 3600.0
SEND, CHECK, IDENTITY = "send", "check", "identity"


class VerifyLimits:
    """Counts sends per phone number and checks per verification.

    Every method raises :class:`~verivoice.auth.store.StoreUnavailable` when the store
    cannot answer; the caller must then refuse (fail closed).

    Args:
        store: The state store (SQLite on one machine, PostgreSQL across replicas).
        salt: Secret mixed into the phone-number hashes.
        max_sends_per_day: Sends allowed to one number in 24 h.
        max_checks: Checks allowed per verification.
        max_identity_failures: Failed identity steps allowed from one number in 24 h; at the
            limit the number is locked out of verification until the window moves on.
        clock: Seconds since the epoch (injectable for tests).
    """

    def __init__(self, store: StateStore, *, salt: str, max_sends_per_day: int,
                 max_checks: int, max_identity_failures: int = 6,
                 clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self._salt = salt.encode()
        self.max_sends_per_day = max_sends_per_day
        self.max_checks = max_checks
        self.max_identity_failures = max_identity_failures
        self._clock = clock

    def phone_key(self, phone: str) -> str:
        return hmac.new(self._salt, phone.encode(), hashlib.sha256).hexdigest()

    async def try_send(self, phone: str) -> bool:
        """Count a send to ``phone`` if it is under the daily limit; ``False`` if not."""
        return await self.store.consume(SEND, self.phone_key(phone),
                                        limit=self.max_sends_per_day, window_s=DAY_S,
                                        now=self._clock())

    async def try_check(self, verification_sid: str) -> bool:
        """Count a check of this verification if under the limit; ``False`` if not."""
        return await self.store.consume(CHECK, verification_sid, limit=self.max_checks,
                                        window_s=DAY_S, now=self._clock())

    async def sends(self, phone: str) -> int:
        """Sends to ``phone`` counted in the last 24 h."""
        return await self.store.used(SEND, self.phone_key(phone), window_s=DAY_S,
                                     now=self._clock())

    async def checks(self, verification_sid: str) -> int:
        """Checks of this verification counted so far."""
        return await self.store.used(CHECK, verification_sid, window_s=DAY_S, now=self._clock())

    async def identity_failed(self, phone: str) -> bool:
        """Count a failed identity step from ``phone``; ``False`` once the limit is reached
        (the number is locked out for the rest of the window)."""
        counted = await self.store.consume(IDENTITY, self.phone_key(phone),
                                           limit=self.max_identity_failures, window_s=DAY_S,
                                           now=self._clock())
        return counted and not await self.identity_locked(phone)

    async def identity_locked(self, phone: str) -> bool:
        """Whether ``phone`` used up its failed identity steps in the last 24 h."""
        used = await self.store.used(IDENTITY, self.phone_key(phone), window_s=DAY_S,
                                     now=self._clock())
        return used >= self.max_identity_failures
