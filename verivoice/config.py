"""The one configuration object: environment variables prefixed ``VERIVOICE_``.

Nested fields use a double underscore, for example ``VERIVOICE_ASR__MODEL=whisper-base`` or
``VERIVOICE_BUDGETS__FIRST_AUDIO_MS=1200``. A ``.env`` file in the working directory is read
too. Every field is documented in docs/configuration.md.

Each pipeline stage keeps its own settings class beside its code
(``pipeline/asr/settings.py``, ``pipeline/tts/settings.py``, ``pipeline/llm/settings.py``);
this module composes them with the rest into the one object.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from verivoice.device import DeviceProfile, ResolvedDevice
from verivoice.pipeline.asr.settings import AsrSettings, TempoFactor
from verivoice.pipeline.llm.settings import LlmSettings
from verivoice.pipeline.tts.settings import TtsSettings

__all__ = [
    "AsrSettings", "DeviceProfile", "LlmSettings", "ResolvedDevice", "Settings", "TempoFactor",
    "TtsSettings", "get_settings",
]

logger = logging.getLogger(__name__)


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "verivoice" / "models"


class CallSettings(BaseModel):
    """Turn-taking and the call's own lines."""

    vad_stop_secs: float = Field(
        0.2, gt=0, description="Silence after which Silero reports the end of a speech segment.")
    user_speech_timeout_s: float = Field(
        0.3, ge=0, description="Silence after the last segment before the caller's turn ends "
        "(the transcript is awaited too).")
    request_tail_s: float = Field(
        3.0, ge=0, description="Words the caller says this soon after a routed request, that "
        "ask nothing of their own (\"could you check that for me?\" after \"I think I owe a "
        "bit,\"), finish it: they reach neither the model nor the code step. 0 turns it off.")
    reask_cut_question_s: float = Field(
        1.5, ge=0, description="A step-up question the caller talked over, with none of their "
        "words reaching the step after it (the rest of their sentence came to nothing), is "
        "asked again this long after they stop speaking. 0 turns it off.")
    wait_for_caller_s: float = Field(
        3.0, ge=0, description="A line the code says (a step-up question, an answer, the "
        "practice's hours) waits at most this long for a caller who is still speaking, so that "
        "it does not start at a pause in their sentence. 0: never waits.")
    request_join_s: float = Field(
        5.0, ge=0, description="Words that route nothing alone but do together with the "
        "caller's turn just before, passed to the model this recently and no question of its "
        "own (\"I had bloods taken on Monday.\" ... \"have they come back yet?\"), are "
        "routed together. 0 turns it off.")
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
