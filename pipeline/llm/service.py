"""The pipeline's LLM service: Pipecat's OpenAI service pointed at our vLLM server."""

from __future__ import annotations

from typing import Any

from pipecat.services.openai.llm import OpenAILLMService

from verivoice.config import LlmSettings
from verivoice.pipeline.llm.history import trim_history

DEFAULT_MAX_REPLY_TOKENS = 150  # a spoken answer is a few sentences


class VllmLLMService(OpenAILLMService):
    """Streams from vLLM's OpenAI-compatible API and keeps the prompt inside the window.

    vLLM's chat templates know no ``developer`` role, so developer messages are sent as
    user messages. vLLM-specific request fields go in ``Settings(extra={"extra_body": ...})``.

    Args:
        llm: Server location, model name and context length.
        system_prompt: The deployment's system prompt.
        max_reply_tokens: Cap on one reply; also reserved out of the context window.
        **kwargs: Passed to :class:`OpenAILLMService`.
    """

    supports_developer_role = False

    def __init__(
        self,
        *,
        llm: LlmSettings,
        system_prompt: str,
        max_reply_tokens: int = DEFAULT_MAX_REPLY_TOKENS,
        **kwargs: Any,
    ) -> None:
        settings = kwargs.pop("settings", None) or OpenAILLMService.Settings(
            model=llm.served_name,
            system_instruction=system_prompt,
            max_tokens=max_reply_tokens,
            temperature=0.3,
        )
        super().__init__(base_url=llm.url, api_key="local-vllm", settings=settings, **kwargs)
        # Room for the prompt: the window, less the reply, less a margin for the template.
        self._prompt_budget = llm.max_model_len - max_reply_tokens - 64

    @property
    def prompt_budget(self) -> int:
        return self._prompt_budget

    def build_chat_completion_params(self, params_from_context: Any) -> dict:
        params = super().build_chat_completion_params(params_from_context)
        params["messages"] = trim_history(list(params["messages"]), self._prompt_budget)
        return params
