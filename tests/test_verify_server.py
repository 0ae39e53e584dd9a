"""The local Twilio Verify v2 server, driven by the official SDK over real HTTP.

Every JSON body the SDK receives in these tests is checked against the response schemas of
Twilio's OpenAPI spec (``twilio_verify_v2.json``) when its test ends; errors against
Twilio's error shape.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import requests
import typer
from loguru import logger
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client
from typer.testing import CliRunner

from verivoice.auth.twilio_api import BaseUrlHttpClient
from verivoice.bench.verify_server import (
    VerifyServerSettings,
    VerifyState,
    create_verify_app,
    run_in_thread,
    serve,
)

ACCOUNT = "AC" + "0123456789abcdef" * 2
TOKEN = "local-test-auth-token"
SERVICE = "VA" + "fedcba9876543210" * 2
PHONE = "+15017122661"
SPEC_PATH = Path("/work/shared/specs/twilio/twilio_verify_v2.json")
SPEC = json.loads(SPEC_PATH.read_text())


# -- the contract: a validator for the part of JSON Schema the spec uses ------------------

_KEYWORDS = {"type", "properties", "items", "$ref", "enum", "nullable", "minLength",
             "maxLength", "pattern", "format", "description", "x-twilio", "title"}
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = SPEC["components"]["schemas"][name]
    return schema


def schema_errors(value: Any, schema: dict, where: str = "$") -> list[str]:
    """What in ``value`` breaks ``schema``. Objects must carry every property, no others."""
    schema = _resolve(schema)
    unknown = set(schema) - _KEYWORDS
    assert not unknown, f"validator does not know {unknown} (at {where})"
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null"]
    kind = schema.get("type")
    if kind and not _TYPES[kind](value):
        return [f"{where}: {value!r} is not {kind}"]
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, str):
        if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", 1 << 30):
            errors.append(f"{where}: length {len(value)}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: {value!r} !~ {schema['pattern']}")
        if schema.get("format") == "date-time":
            try:
                datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                errors.append(f"{where}: {value!r} is not a date-time")
        if schema.get("format") == "uri" and not urlsplit(value).scheme:
            errors.append(f"{where}: {value!r} is not a URI")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{where}[{i}]")
    if isinstance(value, dict) and "properties" in schema:
        properties = schema["properties"]
        errors += [f"{where}: unexpected {k!r}" for k in value.keys() - properties.keys()]
        errors += [f"{where}: missing {k!r}" for k in properties.keys() - value.keys()]
        for key in value.keys() & properties.keys():
            errors += schema_errors(value[key], properties[key], f"{where}.{key}")
    return errors


ERROR_SCHEMA = (SPEC["paths"]["/v2/Services/{ServiceSid}/Verifications"]["post"]["responses"]
                ["429"]["content"]["application/json"]["schema"])


def response_schema(method: str, path: str, status: int) -> tuple[str, dict]:
    """The spec's schema for a response: by path template, method and status."""
    for template, item in SPEC["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path) and method.lower() in item:
            if status >= 400:
                return "error", ERROR_SCHEMA
            responses = item[method.lower()]["responses"]
            assert str(status) in responses, f"{method} {template}: {status} not in the spec"
            schema = responses[str(status)]["content"]["application/json"]["schema"]
            return schema["$ref"].rsplit("/", 1)[-1], schema
    raise AssertionError(f"{method} {path} is not in the spec")


def contract_violations(method: str, path: str, status: int, text: str) -> list[str]:
    """Everything wrong with one response against the spec (and Twilio's error shape)."""
    name, schema = response_schema(method, path, status)
    body = json.loads(text)
    errors = schema_errors(body, schema)
    if name == "error":
        if body.get("status") != status:
            errors.append(f"error status {body.get('status')} != HTTP {status}")
        if body.get("more_info") != f"https://www.twilio.com/docs/errors/{body.get('code')}":
            errors.append(f"more_info {body.get('more_info')!r}")
    return [f"{method} {path} {status} ({name}): {e}" for e in errors]


# -- harness ----------------------------------------------------------------------------


class RecordingHttpClient(BaseUrlHttpClient):
    """The project's base-URL client, keeping every response for the contract check."""

    def __init__(self, base_url: str, timeout: float = 5.0) -> None:
        super().__init__(base_url, timeout)
        self.records: list[tuple[str, str, int, str]] = []

    def request(self, method, url, params=None, data=None, headers=None, auth=None,
                timeout=None, allow_redirects=False):
        response = super().request(method, url, params=params, data=data, headers=headers,
                                   auth=auth, timeout=timeout, allow_redirects=allow_redirects)
        self.records.append((method.upper(), urlsplit(url).path, response.status_code,
                             response.text))
        return response


class FakeClock:
    """Seconds since the epoch that only move when a test says so."""

    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Harness:
    base: str
    state: VerifyState
    clock: FakeClock
    http: RecordingHttpClient

    def client(self, token: str = TOKEN, timeout: float = 5.0) -> Client:
        http = RecordingHttpClient(self.base, timeout)
        http.records = self.http.records  # one record for the contract check
        return Client(ACCOUNT, token, http_client=http)

    @property
    def service(self):
        return Client(ACCOUNT, TOKEN, http_client=self.http).verify.v2.services(SERVICE)


@pytest.fixture
def make_server() -> Iterator[Callable[..., Harness]]:
    """Start servers (real HTTP, a thread each); check every recorded response at the end."""
    stack: list[tuple[Any, Harness]] = []

    def make(**settings: Any) -> Harness:
        clock = FakeClock()
        app = create_verify_app(account_sid=ACCOUNT, auth_token=TOKEN, service_sid=SERVICE,
                                settings=VerifyServerSettings(**settings), clock=clock)
        running = run_in_thread(app)
        base = running.__enter__()
        harness = Harness(base, app.state.verify, clock, RecordingHttpClient(base))
        stack.append((running, harness))
        return harness

    yield make
    for running, harness in stack:
        running.__exit__(None, None, None)
        violations = [v for record in harness.http.records for v in contract_violations(*record)]
        assert not violations, "\n".join(violations)


@pytest.fixture
def server(make_server) -> Harness:
    return make_server()


def twilio_error(call: Callable[[], Any]) -> TwilioRestException:
    with pytest.raises(TwilioRestException) as caught:
        call()
    return caught.value


# -- the happy path -----------------------------------------------------------------------


def test_send_reaches_the_outbox_and_the_right_code_approves_once(server: Harness) -> None:
    started = server.service.verifications.create(to=PHONE, channel="sms")
    assert started.status == "pending" and started.valid is False
    assert re.fullmatch(r"VE[0-9a-f]{32}", started.sid) and started.channel == "sms"
    assert [a["channel"] for a in started.send_code_attempts] == ["SMS"]

    phone = httpx.get(f"{server.base}/outbox", params={"to": PHONE}).json()
    assert len(phone) == 1 and phone[0]["sid"] == started.sid and phone[0]["channel"] == "sms"
    code = phone[0]["code"]
    assert re.fullmatch(r"\d{6}", code) and server.state.last_code(PHONE) == code
    assert httpx.get(f"{server.base}/outbox", params={"to": "+15550000000"}).json() == []

    fetched = server.service.verifications(started.sid).fetch()
    assert fetched.status == "pending" and fetched.to == PHONE

    approved = server.service.verification_checks.create(to=PHONE, code=code)
    assert approved.status == "approved" and approved.valid is True
    assert approved.sid == started.sid

    again = twilio_error(lambda: server.service.verification_checks.create(to=PHONE, code=code))
    assert (again.status, again.code) == (404, 20404)
    gone = twilio_error(lambda: server.service.verifications(started.sid).fetch())
    assert (gone.status, gone.code) == (404, 20404)


def test_a_wrong_code_is_pending_and_the_right_one_still_works(server: Harness) -> None:
    started = server.service.verifications.create(to=PHONE, channel="call")
    code = server.state.last_code(PHONE)
    wrong = "000000" if code != "000000" else "111111"

    checked = server.service.verification_checks.create(verification_sid=started.sid,
                                                        code=wrong)
    assert checked.status == "pending" and checked.valid is False and checked.channel == "call"
    right = server.service.verification_checks.create(verification_sid=started.sid, code=code)
    assert right.status == "approved" and right.valid is True


def test_a_resend_reuses_the_pending_verification(server: Harness) -> None:
    first = server.service.verifications.create(to=PHONE, channel="sms")
    second = server.service.verifications.create(to=PHONE, channel="sms")
    third = server.service.verifications.create(to=PHONE, channel="call")

    assert first.sid == second.sid == third.sid
    assert [len(v.send_code_attempts) for v in (first, second, third)] == [1, 2, 3]
    assert [a["channel"] for a in third.send_code_attempts] == ["SMS", "SMS", "CALL"]
    assert third.channel == "call"
    codes = {m["code"] for m in server.state.outbox(PHONE)}
    assert len(server.state.outbox(PHONE)) == 3 and len(codes) == 1  # the same code resent


def test_custom_code_length_and_the_outbox_file(make_server, tmp_path: Path) -> None:
    outbox = tmp_path / "outbox.jsonl"
    server = make_server(code_length=8, outbox_path=outbox)
    server.service.verifications.create(to=PHONE, channel="whatsapp")
    server.service.verifications.create(to="caller@example.org", channel="email",
                                        custom_code="A1B2C3")

    lines = [json.loads(line) for line in outbox.read_text().splitlines()]
    assert [m["channel"] for m in lines] == ["whatsapp", "email"]
    assert set(lines[0]) == {"to", "channel", "code", "sid", "sent_at"}
    assert re.fullmatch(r"\d{8}", lines[0]["code"]) and lines[1]["code"] == "A1B2C3"
    assert lines == server.state.outbox()
    checked = server.service.verification_checks.create(to="caller@example.org", code="A1B2C3")
    assert checked.status == "approved"


def test_injected_codes_are_the_ones_sent_and_checked() -> None:
    """A test that reads a code aloud injects its codes; the caller's CustomCode still wins."""
    lengths: list[int] = []

    def codes(length: int) -> str:
        lengths.append(length)
        return "730419"

    app = create_verify_app(account_sid=ACCOUNT, auth_token=TOKEN, service_sid=SERVICE,
                            codes=codes)
    with run_in_thread(app) as base:
        service = Client(ACCOUNT, TOKEN, http_client=RecordingHttpClient(base)
                         ).verify.v2.services(SERVICE)
        service.verifications.create(to=PHONE, channel="sms")
        service.verifications.create(to="caller@example.org", channel="email",
                                     custom_code="A1B2C3")
        assert app.state.verify.last_code(PHONE) == "730419" and lengths == [6]
        assert service.verification_checks.create(to=PHONE, code="730419").status == "approved"


def test_update_cancels_or_approves_and_the_verification_is_gone(server: Harness) -> None:
    started = server.service.verifications.create(to=PHONE, channel="sms")
    canceled = server.service.verifications(started.sid).update(status="canceled")
    assert canceled.status == "canceled" and canceled.valid is False
    code = server.state.last_code(PHONE)
    for call in (lambda: server.service.verification_checks.create(to=PHONE, code=code),
                 lambda: server.service.verifications(started.sid).fetch(),
                 lambda: server.service.verifications(started.sid).update(status="approved")):
        error = twilio_error(call)
        assert (error.status, error.code) == (404, 20404)

    other = server.service.verifications.create(to=PHONE, channel="sms")
    assert other.sid != started.sid
    approved = server.service.verifications(other.sid).update(status="approved")
    assert approved.status == "approved" and approved.valid is True
    assert twilio_error(lambda: server.service.verifications(other.sid).fetch()).code == 20404


# -- time ---------------------------------------------------------------------------------


def test_codes_expire_after_the_ttl(server: Harness) -> None:
    started = server.service.verifications.create(to=PHONE, channel="sms")
    code = server.state.last_code(PHONE)
    server.clock.now += 599
    assert server.service.verifications(started.sid).fetch().status == "pending"
    server.clock.now += 1
    expired = twilio_error(lambda: server.service.verification_checks.create(to=PHONE,
                                                                             code=code))
    assert (expired.status, expired.code) == (404, 20404)
    assert twilio_error(lambda: server.service.verifications(started.sid).fetch()).code == 20404


def test_ttl_is_configurable_and_advance_moves_the_clock(make_server) -> None:
    server = make_server(code_ttl_s=30)
    started = server.service.verifications.create(to=PHONE, channel="sms")
    server.state.advance(30)
    assert twilio_error(lambda: server.service.verifications(started.sid).fetch()).code == 20404
    assert server.service.verifications.create(to=PHONE, channel="sms").sid != started.sid


# -- limits -------------------------------------------------------------------------------


def test_max_check_attempts_60202(server: Harness) -> None:
    started = server.service.verifications.create(to=PHONE, channel="sms")
    code = server.state.last_code(PHONE)
    wrong = "0000" if code != "0000" else "1111"
    for _ in range(5):
        assert server.service.verification_checks.create(to=PHONE, code=wrong).status == \
            "pending"
    blocked = twilio_error(lambda: server.service.verification_checks.create(to=PHONE,
                                                                             code=code))
    assert (blocked.status, blocked.code) == (429, 60202)
    assert "Max check attempts reached" in blocked.msg
    assert server.service.verifications(started.sid).fetch().status == "max_attempts_reached"
    resend = twilio_error(lambda: server.service.verifications.create(to=PHONE, channel="sms"))
    assert resend.code == 60202  # wait for the verification to expire
    server.clock.now += 600
    assert server.service.verifications.create(to=PHONE, channel="sms").sid != started.sid


def test_max_send_attempts_60203(make_server) -> None:
    server = make_server(max_sends_per_window=3, send_window_s=120, code_ttl_s=60)
    for _ in range(3):
        server.service.verifications.create(to=PHONE, channel="sms")
    limited = twilio_error(lambda: server.service.verifications.create(to=PHONE, channel="sms"))
    assert (limited.status, limited.code) == (429, 60203)
    assert "Max send attempts reached" in limited.msg
    assert len(server.state.outbox(PHONE)) == 3
    server.service.verifications.create(to="+15017122662", channel="sms")  # per number

    server.clock.now += 90  # the verification expired, the window has not passed
    assert twilio_error(lambda: server.service.verifications.create(to=PHONE,
                                                                    channel="sms")).code == 60203
    server.clock.now += 30
    started = server.service.verifications.create(to=PHONE, channel="sms")
    # Completing the lifecycle (check, approve or cancel) lifts the limit, as Twilio says.
    for _ in range(2):
        server.service.verifications.create(to=PHONE, channel="sms")
    server.service.verifications(started.sid).update(status="canceled")
    assert server.service.verifications.create(to=PHONE, channel="sms").status == "pending"


def test_rate_limit_20429(make_server) -> None:
    server = make_server(rate_limit_per_s=3)
    started = server.service.verifications.create(to=PHONE, channel="sms")
    for _ in range(2):
        server.service.verifications(started.sid).fetch()
    limited = twilio_error(lambda: server.service.verifications(started.sid).fetch())
    assert (limited.status, limited.code) == (429, 20429)
    server.clock.now += 1.0
    assert server.service.verifications(started.sid).fetch().sid == started.sid


def test_concurrent_requests_for_one_number_60212(server: Harness) -> None:
    server.state.inject_delay(1.0)
    results: list[Any] = []
    first = threading.Thread(target=lambda: results.append(
        server.service.verifications.create(to=PHONE, channel="sms")))
    first.start()
    deadline = time.monotonic() + 5
    while server.state.in_flight(PHONE) == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    overlap = twilio_error(lambda: server.service.verifications.create(to=PHONE, channel="sms"))
    assert (overlap.status, overlap.code) == (429, 60212)
    other = server.service.verifications.create(to="+15017122662", channel="sms")
    assert other.status == "pending"  # another number is not held up
    first.join(10)
    assert results and results[0].status == "pending"
    assert server.state.in_flight(PHONE) == 0
    assert len(server.service.verifications.create(to=PHONE, channel="sms")
               .send_code_attempts) == 2


def test_fraud_prefixes_60410(make_server) -> None:
    server = make_server(fraud_prefixes=("+88", "+4470"))
    for number in ("+881234567890", "+447012345678"):
        blocked = twilio_error(lambda n=number: server.service.verifications.create(
            to=n, channel="sms"))
        assert (blocked.status, blocked.code) == (403, 60410)
    assert server.state.outbox() == []
    assert server.service.verifications.create(to="+447912345678", channel="sms").status == \
        "pending"


# -- invalid requests -------------------------------------------------------------------


@pytest.mark.parametrize(("to", "channel"), [
    ("5017122661", "sms"),  # no +country code
    ("+1 501 712 2661", "call"),  # not E.164
    ("+0123456789", "sms"),
    ("+1501712266112345", "sms"),  # too long
    ("caller@example.org", "sms"),
    (PHONE, "email"),
    (PHONE, "pigeon"),
    (PHONE, "SMS"),
    (PHONE, "sna"),
])
def test_invalid_start_parameters_60200(server: Harness, to: str, channel: str) -> None:
    error = twilio_error(lambda: server.service.verifications.create(to=to, channel=channel))
    assert (error.status, error.code) == (400, 60200)
    assert to not in error.msg  # never echo a number into something a client might log
    assert server.state.outbox() == []


def test_invalid_check_and_update_parameters_60200(server: Harness) -> None:
    started = server.service.verifications.create(to=PHONE, channel="sms", locale="pt-br")
    checks = server.service.verification_checks
    for call in (lambda: checks.create(to=PHONE),  # no Code
                 lambda: checks.create(to=PHONE, code="12"),
                 lambda: checks.create(to=PHONE, code="12345678901"),
                 lambda: checks.create(code="123456"),  # neither To nor VerificationSid
                 lambda: checks.create(verification_sid="VE123", code="123456"),
                 lambda: server.service.verifications(started.sid).update(status="pending"),
                 lambda: server.service.verifications.create(to=PHONE, channel="sms",
                                                             locale="not a locale"),
                 lambda: server.service.verifications.create(to=PHONE, channel="sms",
                                                             custom_code="12")):
        error = twilio_error(call)
        assert (error.status, error.code) == (400, 60200)
    assert server.service.verifications(started.sid).fetch().status == "pending"


# -- authentication, routing and injected failures --------------------------------------


def test_wrong_or_missing_credentials_20003(server: Harness) -> None:
    service = server.client(token="not-the-token").verify.v2.services(SERVICE)
    denied = twilio_error(lambda: service.verifications.create(to=PHONE, channel="sms"))
    assert (denied.status, denied.code) == (401, 20003)
    assert server.state.outbox() == []

    url = f"{server.base}/v2/Services/{SERVICE}/Verifications"
    for auth in (None, (ACCOUNT[:-1] + "0", TOKEN), (ACCOUNT, "")):
        answer = httpx.post(url, data={"To": PHONE, "Channel": "sms"}, auth=auth)
        assert answer.status_code == 401 and answer.json()["code"] == 20003
        assert answer.headers["www-authenticate"].startswith("Basic")
        assert not contract_violations("POST", urlsplit(url).path, 401, answer.text)


def test_unknown_service_and_route_20404(server: Harness) -> None:
    other = Client(ACCOUNT, TOKEN, http_client=server.http).verify.v2.services("VA" + "1" * 32)
    missing = twilio_error(lambda: other.verifications.create(to=PHONE, channel="sms"))
    assert (missing.status, missing.code) == (404, 20404)
    unknown = twilio_error(lambda: server.service.verifications("VE" + "a" * 32).fetch())
    assert (unknown.status, unknown.code) == (404, 20404)
    answer = httpx.get(f"{server.base}/v2/Nowhere", auth=(ACCOUNT, TOKEN))
    assert answer.status_code == 404 and answer.json()["code"] == 20404


def test_injected_server_errors(server: Harness) -> None:
    server.state.inject_fault(status=503, count=2)
    for _ in range(2):
        failed = twilio_error(lambda: server.service.verifications.create(to=PHONE,
                                                                          channel="sms"))
        assert (failed.status, failed.code) == (503, 20503)
    assert server.state.outbox() == []
    started = server.service.verifications.create(to=PHONE, channel="sms")
    server.state.inject_fault(status=500, code=20500, message="boom")
    failed = twilio_error(lambda: server.service.verifications(started.sid).fetch())
    assert (failed.status, failed.code) == (500, 20500) and failed.msg.endswith(": boom")
    assert server.service.verifications(started.sid).fetch().status == "pending"


def test_an_injected_delay_times_out_the_client_but_the_send_happens(server: Harness) -> None:
    server.state.inject_delay(1.0)
    impatient = server.client(timeout=0.3).verify.v2.services(SERVICE)
    began = time.monotonic()
    with pytest.raises(requests.exceptions.Timeout):
        impatient.verifications.create(to=PHONE, channel="sms")
    assert time.monotonic() - began < 0.9
    deadline = time.monotonic() + 5
    while not server.state.outbox(PHONE) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(server.state.outbox(PHONE)) == 1  # like Twilio: a timeout is not a refusal
    retried = server.service.verifications.create(to=PHONE, channel="sms")
    assert len(retried.send_code_attempts) == 2  # the next request is not delayed


# -- the contract and the log -------------------------------------------------------------


def test_every_response_matches_the_spec(server: Harness) -> None:
    """One of each answer, each checked against the spec (also done for every test)."""
    service = server.service
    started = service.verifications.create(to=PHONE, channel="sms", amount="9.99",
                                           payee="Clinic")
    service.verifications(started.sid).fetch()
    service.verification_checks.create(to=PHONE, code="0000000000")
    service.verification_checks.create(to=PHONE, code=server.state.last_code(PHONE))
    email = service.verifications.create(to="caller@example.org", channel="email")
    service.verifications(email.sid).update(status="canceled")
    for call in (lambda: service.verifications.create(to="bad", channel="sms"),
                 lambda: service.verifications(started.sid).fetch()):
        twilio_error(call)
    server.state.inject_fault(status=503)
    twilio_error(lambda: service.verifications.create(to=PHONE, channel="sms"))

    kinds = {response_schema(m, p, s)[0]: s for m, p, s, _ in server.http.records}
    assert set(kinds) == {"verify.v2.service.verification",
                          "verify.v2.service.verification_check", "error"}
    violations = [v for record in server.http.records for v in contract_violations(*record)]
    assert not violations, "\n".join(violations)
    approved = json.loads(server.http.records[3][3])
    assert approved["status"] == "approved" and approved["valid"] is True

    # The checker itself must fail on a wrong shape.
    good = json.loads(server.http.records[0][3])
    for bad in ({**good, "sid": "XX" + good["sid"][2:]}, {**good, "channel": "fax"},
                {**good, "valid": "false"}, {**good, "extra": 1},
                {k: v for k, v in good.items() if k != "url"}):
        assert contract_violations("POST", urlsplit(started.url).path.rsplit("/", 1)[0], 201,
                                   json.dumps(bad))
    assert contract_violations("GET", urlsplit(started.url).path, 404, json.dumps(
        {"code": 20404, "message": "x", "more_info": "x", "status": 400}))


def test_the_log_never_holds_a_code_or_a_full_number(make_server) -> None:
    lines: list[str] = []
    sink = logger.add(lambda message: lines.append(str(message)), level="DEBUG")

    class Capture(logging.Handler):
        clients = ("httpx", "httpcore", "twilio", "urllib3")  # the test's side of the wire

        def emit(self, record: logging.LogRecord) -> None:
            if not record.name.startswith(self.clients):
                lines.append(f"{record.name}: {record.getMessage()}")

    capture = Capture(logging.DEBUG)
    watched = [logging.getLogger(n) for n in ("", "uvicorn", "uvicorn.error", "uvicorn.access")]
    for log in watched:
        log.addHandler(capture)
    old_level = logging.getLogger().level
    logging.getLogger().setLevel(logging.DEBUG)
    try:
        server = make_server(fraud_prefixes=("+88",))
        service = server.service
        started = service.verifications.create(to=PHONE, channel="sms")
        code = server.state.last_code(PHONE)
        httpx.get(f"{server.base}/outbox", params={"to": PHONE})
        service.verification_checks.create(to=PHONE, code="0000")
        service.verification_checks.create(verification_sid=started.sid, code=code)
        service.verifications.create(to="caller@example.org", channel="email")
        for call in (lambda: service.verifications.create(to="+15017122", channel="fax"),
                     lambda: service.verifications.create(to="+881234567890", channel="sms"),
                     lambda: service.verification_checks.create(to=PHONE, code=code)):
            twilio_error(call)
        server.clock.now += 601
        twilio_error(lambda: service.verification_checks.create(to="caller@example.org",
                                                                code="123456"))
    finally:
        logger.remove(sink)
        for log in watched:
            log.removeHandler(capture)
        logging.getLogger().setLevel(old_level)

    server_lines = [line for line in lines if "verify" in line]
    assert any("...2661" in line for line in server_lines)  # the log does talk about it
    assert any("expired" in line for line in server_lines)
    text = "\n".join(lines)
    for secret in (code, PHONE, PHONE[1:], "%2B" + PHONE[1:], "+881234567890",
                   "caller@example.org", server.state.outbox()[-1]["code"]):
        assert secret not in text


def test_settings_are_checked_and_serve_is_a_typer_command() -> None:
    for bad in ({"code_length": 3}, {"code_length": 11}, {"code_ttl_s": 0},
                {"max_check_attempts": 0}, {"rate_limit_per_s": -1}):
        with pytest.raises(ValueError):
            VerifyServerSettings(**bad)
    cli = typer.Typer()
    cli.command("verify-server")(serve)
    cli.command("noop")(lambda: None)
    result = CliRunner().invoke(cli, ["verify-server", "--help"])
    assert result.exit_code == 0 and "--fraud-prefix" in result.output
    result = CliRunner().invoke(cli, ["verify-server"], env={
        "VERIVOICE_TWILIO__ACCOUNT_SID": "", "VERIVOICE_TWILIO__AUTH_TOKEN": ""})
    assert result.exit_code != 0  # no credentials: refuses to start
