"""What must hold before `verivoice serve` starts: secrets that are real, and an exposure
that matches them.

A secret that is empty, short or a placeholder protects nothing: an empty browser token
used to mean no check at all, the default phone-key salt makes the number hashes in the
state database reversible by anyone who read the docs, and a ``REPLACE-ME`` left from
``deploy/secrets.yaml`` is public. Serving beyond loopback also needs the public URL Twilio
signs (forwarded headers are not trusted) and either a browser token or browser calls off.

Each finding names the variable, never its value.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from pydantic import SecretStr

from verivoice.config import Settings

MIN_SECRET_CHARS = 24
DEFAULT_SALT = "verivoice"
_PLACEHOLDER = re.compile(r"replace[-_ ]?me|change[-_ ]?me|placeholder|your[-_ ]|<[^>]*>|^x{4,}$"
                          r"|^(?:secret|password|token|salt|test|demo|example)$", re.I)


def is_placeholder(value: str) -> bool:
    """Whether ``value`` reads like a value left from an example, not a real secret."""
    return bool(_PLACEHOLDER.search(value.strip()))


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a listen address or name) is reachable from this machine only."""
    if host in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def _secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


def startup_refusals(settings: Settings) -> list[str]:
    """Why the server must not start with ``settings`` (empty when it may).

    Returns:
        One line per problem, naming the environment variable and what to do.
    """
    problems: list[str] = []
    server, twilio, verify = settings.server, settings.twilio, settings.verify
    secrets = {
        "VERIVOICE_TWILIO__AUTH_TOKEN": _secret(twilio.auth_token),
        "VERIVOICE_VERIFY__PHONE_KEY_SALT": _secret(verify.phone_key_salt),
        "VERIVOICE_SERVER__BROWSER_TOKEN": _secret(server.browser_token),
        "VERIVOICE_STATE__URL": _secret(settings.state.url),
        "VERIVOICE_LLM__API_KEY": _secret(settings.llm.api_key),
        "VERIVOICE_AUDIT__KEY": _secret(settings.audit.key),
    }
    for name, value in secrets.items():
        if value and is_placeholder(value):
            problems.append(f"{name} holds a placeholder: set the real secret")
    token = secrets["VERIVOICE_SERVER__BROWSER_TOKEN"]
    if token is not None and len(token.strip()) < MIN_SECRET_CHARS:
        problems.append(f"VERIVOICE_SERVER__BROWSER_TOKEN is {'empty' if not token.strip() else 'short'}:"
                        f" use at least {MIN_SECRET_CHARS} random characters "
                        "(`python -c 'import secrets; print(secrets.token_urlsafe(32))'`)")
    salt = secrets["VERIVOICE_VERIFY__PHONE_KEY_SALT"] or ""
    if verify.service_sid and (salt == DEFAULT_SALT or len(salt) < MIN_SECRET_CHARS):
        problems.append("VERIVOICE_VERIFY__PHONE_KEY_SALT is the public default or short: set "
                        f"a secret of at least {MIN_SECRET_CHARS} random characters per "
                        "deployment (it keys the phone-number hashes and patient pseudonyms)")
    llm = settings.llm
    if llm.base_url and llm.api_key is None and not is_loopback(_host_of(llm.base_url)):
        problems.append("VERIVOICE_LLM__API_KEY is unset while the LLM server is remote "
                        "(VERIVOICE_LLM__BASE_URL): give vLLM and the agent the same key "
                        "from a Secret")
    if not is_loopback(server.host):
        if _secret(twilio.auth_token) and not twilio.public_url:
            problems.append("VERIVOICE_TWILIO__PUBLIC_URL is unset while serving beyond "
                            "loopback: set the https URL Twilio calls (forwarded headers "
                            "are not trusted)")
        if server.browser_calls and token is None:
            problems.append("VERIVOICE_SERVER__BROWSER_TOKEN is unset while serving beyond "
                            "loopback: set one, or switch browser calls off "
                            "(VERIVOICE_SERVER__BROWSER_CALLS=false)")
    return problems


_ACCOUNT_SID = re.compile(r"AC[0-9a-f]{32}")
_SERVICE_SID = re.compile(r"VA[0-9a-f]{32}")
_AUTH_TOKEN = re.compile(r"[0-9a-f]{32}")


def placeholder_twilio_credentials(settings: Settings) -> list[str]:
    """Settings that hold test or placeholder Twilio credentials while Twilio itself is used.

    With ``VERIVOICE_TWILIO__API_BASE_URL`` unset, requests go to Twilio and webhooks are
    checked with the auth token, so a demo token (e.g. the local Verify server's) would let
    anyone who read the docs sign a webhook. Real credentials have Twilio's formats: an
    account SID ``AC`` + 32 hex digits, a 32-hex-digit auth token, a service SID ``VA`` + 32.

    Returns:
        The offending variables' names (never their values); empty when all is well or
        when a local Twilio-compatible server is configured instead.
    """
    twilio = settings.twilio
    if twilio.api_base_url:
        return []
    problems = []
    token = twilio.auth_token.get_secret_value()
    if twilio.account_sid and not _ACCOUNT_SID.fullmatch(twilio.account_sid):
        problems.append("VERIVOICE_TWILIO__ACCOUNT_SID")
    if token and not _AUTH_TOKEN.fullmatch(token):
        problems.append("VERIVOICE_TWILIO__AUTH_TOKEN")
    if settings.verify.service_sid and not _SERVICE_SID.fullmatch(settings.verify.service_sid):
        problems.append("VERIVOICE_VERIFY__SERVICE_SID")
    return problems
