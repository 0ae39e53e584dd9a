"""The pipeline's LLM service: Pipecat's OpenAI service pointed at our vLLM server."""

from __future__ import annotations

import asyncio
import functools
import ssl
from collections.abc import Callable
from typing import Any

import httpx
import openai
from loguru import logger
from openai import AsyncOpenAI
from pipecat.frames.frames import LLMTextFrame
from pipecat.services.openai.llm import OpenAILLMService

from verivoice.pipeline.llm.history import trim_history
from verivoice.pipeline.llm.settings import LlmSettings


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One default TLS context per process, shared by every call's LLM client."""
    return ssl.create_default_context()


def sampling_settings(llm: LlmSettings, system_prompt: str | None = None,
                      max_reply_tokens: int | None = None) -> OpenAILLMService.Settings:
    """The request settings of the deployment: a short reply, penalties against loops.

    ``repetition_penalty`` is vLLM's own sampling parameter, so it travels in the request's
    extra body (other OpenAI-compatible servers ignore it).
    """
    extra_body = ({"repetition_penalty": llm.repetition_penalty}
                  if llm.repetition_penalty != 1.0 else {})
    return OpenAILLMService.Settings(
        model=llm.served_name,
        system_instruction=system_prompt or llm.system_prompt,
        max_tokens=max_reply_tokens or llm.max_reply_tokens,
        temperature=0.3,
        frequency_penalty=llm.frequency_penalty,
        presence_penalty=llm.presence_penalty,
        extra={"extra_body": extra_body} if extra_body else {},
    )


def prepare_llm_clients() -> None:
    """Pay the one-time costs of the first call's LLM client (TLS context, imports) now."""
    openai.DefaultAsyncHttpxClient(verify=_tls_context())


class VllmLLMService(OpenAILLMService):
    """Streams from vLLM's OpenAI-compatible API and keeps the prompt inside the window.

    vLLM's chat templates know no ``developer`` role, so developer messages are sent as
    user messages. vLLM-specific request fields go in ``Settings(extra={"extra_body": ...})``.

    Args:
        llm: Server location, model name and context length.
        system_prompt: Overrides the deployment's system prompt (``llm.system_prompt``).
        max_reply_tokens: Cap on one reply (default ``llm.max_reply_tokens``); also reserved
            out of the context window.
        **kwargs: Passed to :class:`OpenAILLMService`; ``settings`` replaces
            :func:`sampling_settings` whole.
    """

    supports_developer_role = False

    def __init__(
        self,
        *,
        llm: LlmSettings,
        system_prompt: str | None = None,
        max_reply_tokens: int | None = None,
        **kwargs: Any,
    ) -> None:
        max_reply_tokens = max_reply_tokens or llm.max_reply_tokens
        settings = kwargs.pop("settings", None) or sampling_settings(llm, system_prompt,
                                                                     max_reply_tokens)
        self._llm = llm
        self.failures = 0  # replies this call that failed and got the fallback line
        self.on_failure: Callable[[int], None] | None = None  # told the count after each
        super().__init__(base_url=llm.url, api_key=llm.bearer, settings=settings, **kwargs)
        # Room for the prompt: the window, less the reply, less a margin for the template.
        self._prompt_budget = llm.max_model_len - max_reply_tokens - 64

    def create_client(self, api_key=None, base_url=None, **kwargs) -> AsyncOpenAI:
        """A client that gives up on a stalled stream instead of waiting for minutes.

        The read timeout applies between chunks, so it bounds a stall at any point of a
        reply; retries are off: a retried request would only add to the caller's wait.
        """
        timeout = httpx.Timeout(self._llm.stall_timeout_s, connect=2.0)
        # Each call has its own client; building a TLS context for each would load the CA
        # bundle on the event loop (~20 ms every time a call starts, felt by every call).
        http = openai.DefaultAsyncHttpxClient(verify=_tls_context())
        return AsyncOpenAI(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0,
                           http_client=http)

    async def cleanup(self) -> None:
        """Close this call's HTTP connections to the model server when the call ends
        (left to the garbage collector, each call would hold a socket for a while)."""
        await super().cleanup()
        await self._client.close()

    async def _process_context(self, context: Any) -> None:
        """Run one completion; if the server fails, the caller hears a polite line instead.

        A server that is down, stalls, answers an error or closes the stream mid-reply must
        not leave the caller in silence, nor end the call: the fallback line is spoken and
        the call goes on. Only the failure's type is logged (the prompt can hold PHI).
        """
        try:
            await asyncio.wait_for(super()._process_context(context), self._llm.reply_timeout_s)
        except (openai.APIError, httpx.HTTPError, TimeoutError) as exc:
            logger.warning(f"{self}: LLM reply failed ({type(exc).__name__}); speaking the fallback line")
            await self.stop_ttfb_metrics()
            await self.push_frame(LLMTextFrame(self._llm.fallback_line))
            self.failures += 1
            if self.on_failure is not None:
                self.on_failure(self.failures)

    def _log_llm_event(self, event: str, context: Any) -> None:
        """Pipecat logs the whole context here at DEBUG; ours never does (callers' words
        and tool results can hold PHI), whatever PIPECAT_LOG_LLM_CONTEXT says."""
        logger.debug(f"{self}: {event}")

    @property
    def prompt_budget(self) -> int:
        return self._prompt_budget

    def build_chat_completion_params(self, params_from_context: Any) -> dict:
        params = super().build_chat_completion_params(params_from_context)
        params["messages"] = trim_history(list(params["messages"]), self._prompt_budget)
        return params
