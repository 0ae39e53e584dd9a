"""The official Twilio SDK, configured once: credentials, timeouts, and a base-URL hook.

Everything verivoice asks of Twilio's REST API goes through :func:`twilio_client`. When
``VERIVOICE_TWILIO__API_BASE_URL`` is set (tests, offline demos), the SDK's own HTTP-client
hook sends its requests there instead of ``https://*.twilio.com``, so the real SDK is
exercised over real HTTP against a local Twilio-compatible server.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from loguru import logger
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from verivoice.config import TwilioSettings

_TWILIO_HOST = re.compile(r"^([a-z0-9-]+\.)*twilio\.com$")


class BaseUrlHttpClient(TwilioHttpClient):
    """The SDK's HTTP client, sending ``*.twilio.com`` requests to another base URL."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        super().__init__(timeout=timeout)
        self._base = urlsplit(base_url.rstrip("/"))

    def request(self, method, url, params=None, data=None, headers=None, auth=None,
                timeout=None, allow_redirects=False):
        parts = urlsplit(url)
        if _TWILIO_HOST.match(parts.hostname or ""):
            url = urlunsplit((self._base.scheme, self._base.netloc,
                              self._base.path + parts.path, parts.query, parts.fragment))
        return super().request(method, url, params=params, data=data, headers=headers,
                               auth=auth, timeout=timeout, allow_redirects=allow_redirects)


def twilio_client(settings: TwilioSettings, timeout: float = 10.0) -> Client | None:
    """An SDK client, or ``None`` when the account SID or auth token is not configured."""
    token = settings.auth_token.get_secret_value()
    if not (settings.account_sid and token):
        return None
    http = (BaseUrlHttpClient(settings.api_base_url, timeout) if settings.api_base_url
            else TwilioHttpClient(timeout=timeout))
    return Client(settings.account_sid, token, http_client=http)


def hang_up(client: Client, call_sid: str) -> bool:
    """End a phone call (``Status=completed``). ``False`` if Twilio refused or it had ended.

    Blocking (the SDK is synchronous): call it in a thread.
    """
    try:
        client.calls(call_sid).update(status="completed")
        logger.info(f"hung up Twilio call {call_sid}")
        return True
    except TwilioRestException as exc:
        if exc.code == 20404:
            logger.info(f"Twilio call {call_sid} had already ended")
        else:
            logger.warning(f"Twilio refused to hang up {call_sid}: HTTP {exc.status}, "
                           f"code {exc.code}")
        return False
    except Exception as exc:
        logger.warning(f"could not reach Twilio to hang up {call_sid}: {type(exc).__name__}")
        return False
