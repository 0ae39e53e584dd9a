"""Stream tokens: a media stream is taken only for the call its token was issued to, once,
across replicas that share the state store."""

from __future__ import annotations

import pytest

from verivoice.auth.store import StateStore, store_from_url
from verivoice.server.stream_tokens import StreamClaim, StreamRefused, StreamTokens

pytest_plugins = ["tests.store_backends"]
ACCOUNT = "AC" + "a" * 32
CALL = StreamClaim("CA" + "1" * 32, ACCOUNT, "+15550100142", "TN-Validation-Passed-A")


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _tokens(store: StateStore | None = None, clock: Clock | None = None,
            auth_token: str = "auth-token-for-tests") -> StreamTokens:
    return StreamTokens.from_auth_token(auth_token, account_sid=ACCOUNT, ttl_s=60,
                                        store=store, clock=clock or Clock())


async def test_a_token_opens_its_own_calls_stream_once(store: StateStore) -> None:
    tokens = _tokens(store)
    token = tokens.issue(CALL)
    await tokens.redeem(token, CALL)
    with pytest.raises(StreamRefused, match="used already"):
        await tokens.redeem(token, CALL)


async def test_a_token_replayed_to_another_replica_is_refused(store_url) -> None:
    first, second = store_from_url(store_url), store_from_url(store_url)
    try:
        token = _tokens(first).issue(CALL)
        await _tokens(first).redeem(token, CALL)
        with pytest.raises(StreamRefused, match="used already"):
            await _tokens(second).redeem(token, CALL)
    finally:
        await first.close()
        await second.close()


@pytest.mark.parametrize("forged", [
    StreamClaim("CA" + "2" * 32, ACCOUNT, CALL.caller, CALL.verstat),  # another call
    StreamClaim(CALL.call_sid, ACCOUNT, "+15550100999", CALL.verstat),  # another caller
    StreamClaim(CALL.call_sid, ACCOUNT, CALL.caller, "TN-Validation-Passed-A "),  # attestation
    StreamClaim(CALL.call_sid, ACCOUNT, CALL.caller, ""),
])
async def test_a_token_for_one_call_opens_no_other(forged: StreamClaim) -> None:
    tokens = _tokens()
    with pytest.raises(StreamRefused, match="not this call's"):
        await tokens.redeem(tokens.issue(CALL), forged)


async def test_a_token_signed_with_another_key_is_refused() -> None:
    token = _tokens(auth_token="someone-elses-token").issue(CALL)
    with pytest.raises(StreamRefused, match="not this call's"):
        await _tokens().redeem(token, CALL)


async def test_an_expired_token_is_refused() -> None:
    clock = Clock()
    tokens = _tokens(clock=clock)
    token = tokens.issue(CALL)
    clock.now += 61
    with pytest.raises(StreamRefused, match="expired"):
        await tokens.redeem(token, CALL)


@pytest.mark.parametrize("token", [None, "", 42, "v1", "v1.x.y.z", "v2.1.n.m", "a.b.c.d.e"])
async def test_a_missing_or_malformed_token_is_refused(token) -> None:
    with pytest.raises(StreamRefused, match=r"no stream token|malformed"):
        await _tokens().redeem(token, CALL)


@pytest.mark.parametrize(("call_sid", "account"), [
    ("CA" + "1" * 31, ACCOUNT), ("CA" + "A" * 32, ACCOUNT), ("XX" + "1" * 32, ACCOUNT),
    ("CA" + "1" * 32, "AC" + "b" * 32), ("CA" + "1" * 32, "")])
def test_no_token_is_issued_for_a_malformed_call_or_another_account(call_sid: str,
                                                                    account: str) -> None:
    with pytest.raises(StreamRefused):
        _tokens().issue(StreamClaim(call_sid, account))


async def test_refusals_name_no_number_and_no_token() -> None:
    tokens = _tokens()
    token = tokens.issue(CALL)
    forged = StreamClaim(CALL.call_sid, ACCOUNT, "+15550100999", CALL.verstat)
    with pytest.raises(StreamRefused) as refused:
        await tokens.redeem(token, forged)
    assert "+1555" not in str(refused.value) and token not in str(refused.value)
