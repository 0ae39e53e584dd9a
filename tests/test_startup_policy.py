"""Start-up refuses secrets that protect nothing and exposures the settings cannot back;
the HTTP edge caps bodies before parsing and can switch browser calls off."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from pydantic import SecretStr

from verivoice.config import Settings
from verivoice.server.body_limit import BodyLimit
from verivoice.server.webrtc_routes import bearer_check
from verivoice.startup_policy import is_loopback, is_placeholder, startup_refusals

GOOD_TOKEN = "b" * 32
GOOD_SALT = "s" * 32
PUBLIC = {"host": "0.0.0.0", "browser_token": SecretStr(GOOD_TOKEN)}


def _settings(**sections) -> Settings:
    return Settings(**sections)


def _names(settings: Settings) -> str:
    return "\n".join(startup_refusals(settings))


def test_the_local_defaults_start() -> None:
    assert startup_refusals(_settings()) == []


@pytest.mark.parametrize("value", ["REPLACE-ME", "replace_me", "changeme", "<your token>",
                                   "xxxxxxxx", "secret", "your-salt-here"])
def test_a_placeholder_secret_stops_start_up(value: str) -> None:
    refusals = _names(_settings(verify={"phone_key_salt": SecretStr(value)},
                                server={"browser_token": SecretStr(value)}))
    assert "VERIVOICE_VERIFY__PHONE_KEY_SALT holds a placeholder" in refusals
    assert "VERIVOICE_SERVER__BROWSER_TOKEN holds a placeholder" in refusals
    if len(value) >= 8:  # names, never values (short ones are ordinary words)
        assert value not in refusals


def test_a_database_url_with_a_placeholder_password_stops_start_up() -> None:
    url = SecretStr("postgresql://verivoice:REPLACE-ME@db:5432/verivoice")
    assert "VERIVOICE_STATE__URL holds a placeholder" in _names(_settings(state={"url": url}))


@pytest.mark.parametrize("token", ["", "   ", "short-token"])
def test_an_empty_or_short_browser_token_stops_start_up(token: str) -> None:
    refusals = _names(_settings(server={"browser_token": SecretStr(token)}))
    assert "VERIVOICE_SERVER__BROWSER_TOKEN is" in refusals


def test_an_empty_browser_token_never_lets_a_request_through() -> None:
    with pytest.raises(ValueError, match="empty browser token"):
        bearer_check("")


def test_the_default_salt_stops_start_up_once_verify_is_configured() -> None:
    service = {"service_sid": "VA" + "1" * 32}
    assert "PHONE_KEY_SALT is the public default" in _names(_settings(verify=service))
    short = {**service, "phone_key_salt": SecretStr("abc123")}
    assert "PHONE_KEY_SALT is the public default or short" in _names(_settings(verify=short))
    good = {**service, "phone_key_salt": SecretStr(GOOD_SALT)}
    assert startup_refusals(_settings(verify=good)) == []
    assert startup_refusals(_settings()) == []  # no Verify: no hashes to protect


def test_beyond_loopback_twilio_needs_the_public_url() -> None:
    twilio = {"auth_token": SecretStr("f" * 32)}
    assert "VERIVOICE_TWILIO__PUBLIC_URL is unset" in _names(_settings(server=PUBLIC,
                                                                      twilio=twilio))
    with_url = {**twilio, "public_url": "https://voice.example.org"}
    assert startup_refusals(_settings(server=PUBLIC, twilio=with_url)) == []
    assert startup_refusals(_settings(twilio=twilio)) == []  # loopback: the Host header


def test_beyond_loopback_browser_calls_need_a_token_or_to_be_off() -> None:
    refusals = _names(_settings(server={"host": "0.0.0.0"}))
    assert "VERIVOICE_SERVER__BROWSER_TOKEN is unset while serving beyond loopback" in refusals
    assert startup_refusals(_settings(server={"host": "0.0.0.0", "browser_calls": False})) == []
    assert startup_refusals(_settings(server=PUBLIC)) == []


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("voice.example.org", False)])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_real_looking_secrets_are_not_placeholders() -> None:
    assert not is_placeholder("9f86d081884c7d659a2feaa0c55ad015")
    assert not is_placeholder("Zq3-vX8_kP0rT5yW2nB7mC4dF6gH1jL9")


# -- the HTTP edge ------------------------------------------------------------------------

@pytest.fixture
def edge() -> TestClient:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    @app.post("/form")
    async def form(request: Request) -> dict[str, int]:
        return {"fields": len(await request.form())}

    app.add_middleware(BodyLimit, max_bytes=1024)
    return TestClient(app)


def test_a_body_under_the_cap_is_taken(edge: TestClient) -> None:
    assert edge.post("/echo", content=b"x" * 1024).json() == {"bytes": 1024}
    assert edge.post("/form", data={"CallSid": "CA1"}).json() == {"fields": 1}


def test_a_declared_large_body_is_refused_before_parsing(edge: TestClient) -> None:
    response = edge.post("/form", data={"Body": "x" * 5000})
    assert response.status_code == 413


def test_a_streamed_large_body_is_refused(edge: TestClient) -> None:
    def chunks():
        for _ in range(10):
            yield b"y" * 512

    response = edge.post("/echo", content=chunks())  # chunked: no Content-Length
    assert response.status_code == 413


def test_a_malformed_content_length_is_refused(edge: TestClient) -> None:
    response = edge.post("/echo", content=b"{}", headers={"content-length": "-1"})
    assert response.status_code in (400, 413)
    assert json.dumps({"bytes": 2}) not in response.text


def test_a_remote_llm_server_needs_a_key() -> None:
    remote = {"base_url": "http://vllm.verivoice.svc:8000/v1"}
    assert "VERIVOICE_LLM__API_KEY is unset" in _names(_settings(llm=remote))
    keyed = {**remote, "api_key": SecretStr("k" * 32)}
    assert startup_refusals(_settings(llm=keyed)) == []
    assert startup_refusals(_settings(llm={"base_url": "http://127.0.0.1:8011/v1"})) == []


def test_browser_calls_switched_off_take_no_offer() -> None:
    from pipecat.transports.smallwebrtc.request_handler import SmallWebRTCRequestHandler

    from verivoice.server.webrtc_routes import webrtc_router

    app = FastAPI()
    app.include_router(webrtc_router(None, SmallWebRTCRequestHandler(),  # type: ignore[arg-type]
                                     GOOD_TOKEN, offers=False))
    offer = {"sdp": "v=0", "type": "offer"}
    response = TestClient(app).post("/api/offer", json=offer,
                                    headers={"Authorization": f"Bearer {GOOD_TOKEN}"})
    assert response.status_code == 404


class _Call:
    def __init__(self) -> None:
        self.said: list[str | None] = []
        self.hung_up = False

    async def goodbye(self, line: str | None = None) -> None:
        self.said.append(line)

    async def hang_up(self) -> None:
        self.hung_up = True


async def test_a_call_at_its_time_limit_hears_why_and_ends() -> None:
    from types import SimpleNamespace

    from verivoice.server.calls import CallRegistry

    settings = Settings(call={"max_call_s": 0.05})
    registry = CallRegistry(SimpleNamespace(settings=settings))  # type: ignore[arg-type]
    registry.goodbye_s = 0.01
    call = _Call()
    await registry._time_limit("c1", call)  # type: ignore[arg-type]
    assert call.said == [settings.call.time_limit_line] and call.hung_up


def test_serve_refuses_to_start_and_names_the_variable() -> None:
    import os
    import subprocess

    from tests.test_cli import VERIVOICE

    env = {**os.environ, "VERIVOICE_SERVER__BROWSER_TOKEN": "REPLACE-ME",
           "VERIVOICE_SERVER__HOST": "0.0.0.0", "VERIVOICE_TWILIO__AUTH_TOKEN": "f" * 32,
           "VERIVOICE_SERVER__PORT": "1"}
    result = subprocess.run([VERIVOICE, "serve"], capture_output=True, text=True, env=env,
                            timeout=120)
    said = result.stdout + result.stderr
    assert result.returncode == 2, said
    assert "VERIVOICE_SERVER__BROWSER_TOKEN holds a placeholder" in said
    assert "VERIVOICE_TWILIO__PUBLIC_URL is unset" in said
    assert "REPLACE-ME" not in said  # names, never values
