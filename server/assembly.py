"""Building a call: one Pipecat pipeline per call, on models loaded once per process, with
the verification layer (``auth/``) wired in beside it. The pipeline's own modules never
import ``auth/``; this is where the two meet, through ``verivoice.pipeline.contracts``.

    transport in -> VAD (Silero) -> ASR (Whisper, digit mode) -> code gate -> request router
      -> user context aggregator -> LLM (vLLM) -> TTS (Piper worker) -> transport out
      -> assistant context aggregator
                                        |                 |
                               step-up flow (auth/)   request desk (auth/)

The code gate takes digits out of the model's path (to the step-up flow); the request router
takes requests for protected data out of it (to the request desk, which verifies the caller
first and then answers from the record).

:class:`CallResources` holds what every call shares: the Whisper model, the Piper worker with
its cached phrases, the Silero session. :func:`build_call` gives a call its own processors,
context and state; nothing of one call is reachable from another.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from loguru import logger
from pipecat.audio.vad.vad_analyzer import VADParams
from pipecat.frames.frames import (
    DataFrame,
    EndFrame,
    InterruptionFrame,
    LLMMessagesAppendFrame,
    TTSSpeakFrame,
    VADParamsUpdateFrame,
)
from pipecat.observers.base_observer import BaseObserver, FramePushed
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import (
    LLMContextAggregatorPair,
    LLMUserAggregatorParams,
)
from pipecat.processors.audio.vad_processor import VADProcessor
from pipecat.transports.base_output import BaseOutputTransport
from pipecat.transports.base_transport import BaseTransport
from pipecat.turns.user_turn_strategies import UserTurnStrategies
from pipecat.workers.runner import WorkerRunner

from verivoice.auth import stepup
from verivoice.auth.audit import AuditLog
from verivoice.auth.desk import RequestDesk
from verivoice.auth.limits import VerifyLimits
from verivoice.auth.records import RecordStore, phi_tools
from verivoice.auth.stepup import StepUp
from verivoice.auth.store import StateStore, open_store
from verivoice.auth.twilio_api import twilio_client
from verivoice.auth.verify import VerifyClient
from verivoice.config import ResolvedDevice, Settings
from verivoice.pipeline.asr.service import WhisperDigitsSTTService
from verivoice.pipeline.asr.whisper import DigitExpectation, WhisperTranscriber
from verivoice.pipeline.barge_in import BargeInWatch
from verivoice.pipeline.gate import CodeGate, DigitsListener
from verivoice.pipeline.intents import asks_something, classify
from verivoice.pipeline.llm.service import VllmLLMService, prepare_llm_clients
from verivoice.pipeline.llm.tools import Tool, ToolRunner, UnverifiedGate
from verivoice.pipeline.router import RequestRouter
from verivoice.pipeline.taken_turns import TakenTurnStopStrategy
from verivoice.pipeline.tts.figures import context_figures
from verivoice.pipeline.tts.opening_times import OpeningTimesCheck
from verivoice.pipeline.tts.phrases import PhraseCache
from verivoice.pipeline.tts.piper import PiperProcess
from verivoice.pipeline.tts.service import PiperWorkerTTSService, load_voice
from verivoice.pipeline.turns import Line, TurnRecorder, TurnTiming
from verivoice.pipeline.vad import SharedSileroVADAnalyzer, shared_session
from verivoice.practice import PracticeProfile, practice_profile
from verivoice.server.handoff import (
    PUTTING_THROUGH,
    Handoff,
    Outcome,
    Reason,
    Transfer,
    pending_topic,
)
from verivoice.startup_policy import placeholder_twilio_credentials


@dataclass
class CallResources:
    """What every call in this process shares, loaded once (blocking: do it at start-up)."""

    settings: Settings
    device: ResolvedDevice
    transcriber: WhisperTranscriber
    voice: PiperProcess
    phrases: PhraseCache
    records: RecordStore = field(default_factory=RecordStore)
    practice: PracticeProfile | None = None  # the practice's own facts (hours, address, staff)
    verify: VerifyClient | None = None  # None: Twilio Verify is not configured
    store: StateStore | None = None  # limits, verification state, audit (with verify)

    @cached_property
    def opening_times(self) -> OpeningTimesCheck | None:
        """The check of opening times in model replies, built once from the profile."""
        return OpeningTimesCheck(self.practice) if self.practice is not None else None

    @classmethod
    def load(cls, settings: Settings, device: ResolvedDevice) -> CallResources:
        """Load Whisper, start the Piper worker, synthesise the fixed lines, load Silero.

        Raises:
            verivoice.models.registry.ModelError, TtsError: a model is missing or corrupt.
            verivoice.practice.ProfileError: the practice profile is missing or invalid.
        """
        practice = practice_profile(settings.practice.profile)  # a bad file stops start-up
        call = settings.call
        lines = [*settings.tts.cached_phrases, call.greeting or practice.greeting,
                 *[PUTTING_THROUGH.format(name=t.name) for t in practice.handoff.values()],
                 call.goodbye, call.busy_line,
                 f"{stepup.CODE_SENT} {stepup.ASK_CODE}", stepup.CODE_SENT, stepup.ASK_CODE,
                 stepup.VERIFIED, stepup.ASK_DOB, stepup.WRONG_CODE, stepup.REPROMPT_CODE]
        tts = settings.tts.model_copy(update={"cached_phrases": list(dict.fromkeys(lines))})
        settings = settings.model_copy(update={"tts": tts})
        transcriber = WhisperTranscriber.shared(settings.asr, device, nice=settings.compute_nice)
        voice, phrases = load_voice(settings.tts, nice=settings.compute_nice)
        shared_session()
        prepare_llm_clients()
        verify, store = _verify_client(settings)
        return cls(settings, device, transcriber, voice, phrases, verify=verify, store=store,
                   practice=practice)


def _verify_client(settings: Settings) -> tuple[VerifyClient | None, StateStore | None]:
    """The Verify client and the state store behind it (nothing connects yet)."""
    if wrong := placeholder_twilio_credentials(settings):
        logger.error(f"{', '.join(wrong)}: test or demo credentials with the real Twilio "
                     "(no VERIVOICE_TWILIO__API_BASE_URL): Verify is off, PHI tools stay locked")
        return None, None
    client = twilio_client(settings.twilio, timeout=settings.verify.timeout_s)
    if client is None or not settings.verify.service_sid:
        logger.warning("Twilio Verify is not configured: PHI tools stay locked on every call")
        return None, None
    v = settings.verify
    if v.phone_key_salt.get_secret_value() == "verivoice":
        logger.warning("VERIVOICE_VERIFY__PHONE_KEY_SALT is the public default: set a secret, "
                       "or phone-number hashes in the state database can be reversed")
    store = open_store(settings)
    logger.info(f"state store: {store.describe()}")
    limits = VerifyLimits(store, salt=v.phone_key_salt.get_secret_value(),
                          max_sends_per_day=v.max_sends_per_day,
                          max_checks=v.max_checks_per_verification,
                          max_identity_failures=v.max_identity_failures_per_day)
    return VerifyClient(client, v, limits), store


@dataclass
class Call:
    """One call: its pipeline worker and what it owns."""

    call_id: str
    worker: PipelineWorker
    gate: CodeGate
    tts: PiperWorkerTTSService
    recorder: TurnRecorder
    settings: Settings
    stepup: StepUp | None = None
    tools: ToolRunner | None = None
    busy: bool = False  # over the limit: hears the busy line and is closed
    stt: WhisperDigitsSTTService | None = None
    router: RequestRouter | None = None
    handoff: Handoff | None = None
    played: PlayedWatch | None = None
    barge_in: BargeInWatch | None = None
    background: set[asyncio.Task] = field(default_factory=set, repr=False)
    _runner: WorkerRunner | None = field(default=None, repr=False)

    async def run(self) -> None:
        """Run the call until it ends (one runner per call: ending it ends only this call)."""
        self._runner = WorkerRunner(handle_sigint=False)
        await self._runner.add_workers(self.worker)
        try:
            await self._runner.run()
        finally:
            if self.stepup is not None:  # hung up mid-verification: cancel the pending code
                await asyncio.shield(self.stepup.call_ended())

    async def say(self, text: str) -> None:
        """Say ``text`` once the caller has stopped speaking (at most
        ``VERIVOICE_CALL__WAIT_FOR_CALLER_S``): a line the code says at a pause in the
        caller's sentence would be cut by the rest of it."""
        if self.barge_in is not None:
            await self.barge_in.caller_quiet(self.settings.call.wait_for_caller_s)
        await self.worker.queue_frame(TTSSpeakFrame(text, append_to_context=False))

    def cut_since(self, when: float) -> bool:
        """The caller talked over the agent, cutting its line, at ``when`` (monotonic s) or later."""
        return self.barge_in is not None and self.barge_in.cut_since(when)

    async def caller_quiet(self, timeout_s: float) -> bool:
        """Wait until the caller is not speaking, at most ``timeout_s``; whether they stopped."""
        return self.barge_in is None or await self.barge_in.caller_quiet(timeout_s)

    def handing_off(self) -> bool:
        """The call is being handed to staff now."""
        return self.handoff is not None and self.handoff.transferring

    async def stop_replying(self) -> None:
        """Cut what the agent is saying now: the model's reply under way stops, and its
        audio not yet played is dropped (as when the caller talks over it). Lines queued
        after this are said. The caller cut nothing: no line is said again for it."""
        if self.barge_in is not None:
            self.barge_in.own_interruption()
        await self.worker.queue_frame(InterruptionFrame())

    async def expect_digits(self, expectation: DigitExpectation | None) -> None:
        """Switch digit mode: the ASR decodes digits, and pauses between groups keep the turn."""
        await self.gate.expect(expectation)
        stop = (self.settings.call.digit_vad_stop_secs if expectation is not None
                else self.settings.call.vad_stop_secs)
        await self.worker.queue_frame(VADParamsUpdateFrame(params=VADParams(stop_secs=stop)))

    async def tell_model(self, text: str, respond: bool = True) -> None:
        """Give the model a system note (never a code); ``respond``: let it answer now."""
        await self.worker.queue_frame(LLMMessagesAppendFrame(
            messages=[{"role": "user", "content": f"[system note] {text}"}], run_llm=respond))

    async def aside(self, said: str, then: str) -> None:
        """The caller asked something mid-verification: the model answers it, then ``then``
        (the step's question) is said. Both are queued in order behind the model's reply."""
        await self.worker.queue_frames([
            LLMMessagesAppendFrame(messages=[{"role": "user", "content": said}], run_llm=True),
            TTSSpeakFrame(then, append_to_context=False)])

    async def escalate(self, reason: str) -> None:
        """Hand the call to staff. After a failed verification (``locked``), a call nobody
        can take now ends politely; after ``verify_down`` it goes on."""
        outcome = None
        if self.handoff is not None:
            topic = pending_topic(self.stepup.pending) if self.stepup is not None else None
            outcome = await self.handoff.request(Reason(reason), topic)
        if reason == Reason.LOCKED and outcome is not Outcome.REQUESTED:
            await self.say("Goodbye.")
            await self.worker.queue_frame(EndFrame())

    async def say_and_wait(self, text: str, *, timeout_s: float = 20.0,
                           margin_s: float = 0.4) -> None:
        """Say ``text`` and return once it has been played out (bounded by ``timeout_s``);
        ``margin_s`` more for the far end's jitter buffer (a hand-off must not cut it off)."""
        if self.played is None:
            await self.say(text)
            return
        if self.barge_in is not None:
            await self.barge_in.caller_quiet(self.settings.call.wait_for_caller_s)
        mark, played = self.played.new_mark()
        await self.worker.queue_frames([TTSSpeakFrame(text, append_to_context=False), mark])
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(played.wait(), timeout_s)
        await asyncio.sleep(margin_s)

    async def goodbye(self, line: str | None = None) -> None:
        """Say goodbye (``line``, else the shutdown goodbye), let it play, then end the call."""
        await self.say(line or self.settings.call.goodbye)
        await self.worker.queue_frame(EndFrame())

    async def hang_up(self) -> None:
        """End the call now."""
        await self.worker.cancel()


@dataclass
class PlayedMark(DataFrame):
    """Queued right after a line: the TTS holds it behind that line's audio, and the output
    transport passes it on only once that audio has been sent, so seeing it leave the
    transport means the line has been played out (whatever else the agent said around it).

    Not dropped when the caller talks over the line: an interruption cuts the line's audio,
    and the mark then says at once that what was left of it has gone (a hand-off must not
    wait out its timeout because the caller said "please" during "Please hold.")."""

    mark: int = 0
    interruptible: bool = field(default=False, init=False)


class PlayedWatch(BaseObserver):
    """Tells when a :class:`PlayedMark` has left the output transport."""

    def __init__(self) -> None:
        super().__init__()
        self._marks = itertools.count(1)
        self._waiting: dict[int, asyncio.Event] = {}

    def new_mark(self) -> tuple[PlayedMark, asyncio.Event]:
        mark = PlayedMark(mark=next(self._marks))
        self._waiting[mark.mark] = asyncio.Event()
        return mark, self._waiting[mark.mark]

    async def on_push_frame(self, data: FramePushed) -> None:
        if isinstance(data.frame, PlayedMark) and isinstance(data.source, BaseOutputTransport):
            event = self._waiting.pop(data.frame.mark, None)
            if event is not None:
                event.set()


def build_busy_call(resources: CallResources, transport: BaseTransport, *,
                    out_sample_rate: int, in_sample_rate: int) -> Call:
    """A call past the limit: it hears the busy line (from memory) and is closed."""
    settings = resources.settings
    tts = PiperWorkerTTSService(tts=settings.tts, worker=resources.voice,
                                phrases=resources.phrases)
    gate = CodeGate()
    worker = PipelineWorker(
        Pipeline([transport.input(), gate, tts, transport.output()]),
        params=PipelineParams(audio_in_sample_rate=in_sample_rate,
                              audio_out_sample_rate=out_sample_rate),
        enable_rtvi=False, idle_timeout_secs=30, name=f"busy-{uuid.uuid4().hex[:8]}")
    call = Call(worker.name, worker, gate, tts, TurnRecorder(), settings, busy=True)

    @worker.event_handler("on_pipeline_started")
    async def _busy(_worker, _frame) -> None:
        await call.say(settings.call.busy_line)
        await worker.queue_frame(EndFrame())

    return call


def build_call(
    resources: CallResources,
    transport: BaseTransport,
    *,
    in_sample_rate: int,
    out_sample_rate: int,
    call_id: str | None = None,
    listener: DigitsListener | None = None,
    on_line: Callable[[Line], None] | None = None,
    on_turn: Callable[[TurnTiming], None] | None = None,
    greet: bool = True,
    caller_phone: str | None = None,
    attested: bool = True,
    transfer: Transfer | None = None,
    on_event: Callable[[dict], None] | None = None,
) -> Call:
    """Assemble a call's pipeline on ``transport``.

    Args:
        resources: The process-wide models.
        transport: The call's transport (Twilio websocket, WebRTC, WAV).
        in_sample_rate: Rate of the caller's audio frames (8 or 16 kHz for Silero).
        out_sample_rate: Rate the transport plays.
        call_id: Identifier for logs (random if not given).
        listener: Receives digit entries from the code gate (the step-up flow).
        on_line: Called with each transcript line.
        on_turn: Called with each turn's latency.
        greet: Say the greeting when the call starts.
        caller_phone: The number the caller calls from (E.164): finds their record.
        attested: Twilio attested the caller ID at level A (StirVerstat); below it the
            ``verify.unattested`` setting decides what verification asks.
        transfer: Moves the live call to staff (phone calls); ``None``: no transfer can be
            made (browser and WAV calls), and the agent never promises one.
        on_event: Told about hand-offs (the call's events).
    """
    settings = resources.settings
    call_id = call_id or uuid.uuid4().hex[:12]
    vad = VADProcessor(vad_analyzer=SharedSileroVADAnalyzer(
        params=VADParams(stop_secs=settings.call.vad_stop_secs)))
    stt = WhisperDigitsSTTService(asr=settings.asr, device=resources.device)
    gate = CodeGate(listener)
    caller = resources.records.by_phone(caller_phone) if caller_phone else None

    async def transfer_to_staff() -> dict[str, str]:
        assert call.handoff is not None
        outcome = await call.handoff.request(Reason.ASKED)
        return {"status": outcome.value}

    staff_tool = Tool("transfer_to_staff", "Pass the call to a member of staff when the caller "
                      "asks to speak with a person.", transfer_to_staff, quiet=True)
    runner = ToolRunner([*phi_tools(resources.records, caller), staff_tool], UnverifiedGate())
    context = LLMContext(tools=runner.tools_schema())
    user_agg, assistant_agg = LLMContextAggregatorPair(
        context,
        user_params=LLMUserAggregatorParams(
            user_turn_strategies=UserTurnStrategies(stop=[TakenTurnStopStrategy(
                user_speech_timeout=settings.call.user_speech_timeout_s)]),
            # A turn whose words went to the code gate or the request router has no
            # transcript here (it ends on their TurnTakenFrame): it must not make the LLM ask
            # the caller to repeat.
            empty_user_turn=None,
        ),
    )
    prompt = settings.llm.system_prompt + (resources.practice.prompt_facts()
                                           if resources.practice is not None else "")
    llm = VllmLLMService(llm=settings.llm, system_prompt=prompt)
    runner.register(llm)
    tts = PiperWorkerTTSService(
        tts=settings.tts, worker=resources.voice, phrases=resources.phrases,
        tool_names=runner.tools, opening_times=resources.opening_times,
        known_figures=lambda: context_figures(prompt, context.get_messages()))
    router = RequestRouter()
    router.follow_turns(user_agg.aggregation_string, user_agg.reset,
                        tail_s=settings.call.request_tail_s,
                        join_s=settings.call.request_join_s)
    pipeline = Pipeline([transport.input(), vad, stt, gate, router, user_agg, llm, tts,
                         transport.output(), assistant_agg])
    recorder = TurnRecorder(on_line, on_turn)
    played = PlayedWatch()
    barge_in = BargeInWatch()
    worker = PipelineWorker(
        pipeline,
        params=PipelineParams(audio_in_sample_rate=in_sample_rate,
                              audio_out_sample_rate=out_sample_rate, enable_metrics=True),
        enable_rtvi=False,
        idle_timeout_secs=settings.call.idle_timeout_s,
        observers=[recorder, played, barge_in],
        name=f"call-{call_id}",
    )
    call = Call(call_id, worker, gate, tts, recorder, settings, tools=runner, stt=stt,
                router=router, played=played, barge_in=barge_in)
    runner.speak = call.say
    if resources.verify is not None and resources.store is not None and listener is None:
        audit = AuditLog(resources.store, call_id)
        call.stepup = StepUp(call, resources.verify, audit, caller, settings.verify,
                             protected=tts.protected, phone=caller_phone, attested=attested,
                             classify=classify, request_tail_s=settings.call.request_tail_s,
                             asks_something=asks_something,
                             reask_cut_s=settings.call.reask_cut_question_s)
        gate.listen(call.stepup)
        runner.gate = call.stepup
    if resources.practice is not None:
        audit = AuditLog(resources.store, call_id) if resources.store is not None else None
        call.handoff = Handoff(
            resources.practice, settings.handoff, say=call.say, say_and_wait=call.say_and_wait,
            transfer=transfer, record=audit.record if audit is not None else None,
            verified=lambda: call.stepup is not None and call.stepup.verified,
            on_event=on_event, stop_replying=call.stop_replying)

        def model_failed(failures: int) -> None:  # the model keeps failing: a person takes over
            if failures == settings.handoff.model_failures and call.handoff is not None:
                task = asyncio.create_task(call.handoff.request(Reason.MODEL_FAILING))
                call.background.add(task)
                task.add_done_callback(call.background.discard)

        llm.on_failure = model_failed
        handoff = call.handoff
        router.hold_while(lambda: handoff.transferring)  # the call is leaving: no more turns
    if listener is None:  # requests for protected data never reach the model
        desk = RequestDesk(call, runner, call.stepup, resources.practice,
                           handoff=call.handoff)
        router.listen(desk, desk.handles)

    greeting = settings.call.greeting or (resources.practice.greeting if resources.practice
                                          else "Hello, how can I help you today?")
    # Every number is verified at start alike, with a record or without (no identity oracle).
    verify_first = (settings.verify.at_start and call.stepup is not None
                    and caller_phone is not None)
    if greet and not verify_first:
        @worker.event_handler("on_pipeline_started")
        async def _greet(_worker, _frame) -> None:
            await call.say(greeting)
    elif verify_first:
        @worker.event_handler("on_pipeline_started")
        async def _verify_first(_worker, _frame) -> None:
            assert call.stepup is not None
            await call.stepup.begin()

    logger.info(f"call {call_id}: pipeline built ({in_sample_rate} Hz in, {out_sample_rate} Hz out)")
    return call
