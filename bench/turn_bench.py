"""`verivoice bench turns`: which end-of-turn rule to use, measured on phone-line speech.

Callers pause inside a sentence and between the groups of a code. Each rule is run on the
same clips through the call's front half (WAV in real time -> Silero VAD -> Whisper ->
code gate -> user aggregator) and scored on two things: how long after the caller's real
end of speech the turn ends (or, for digits, the reading arrives), and how often one
utterance is split into two turns or two readings.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import asdict, dataclass

import numpy as np
from pipecat.audio.turn.smart_turn.local_smart_turn_v3 import LocalSmartTurnAnalyzerV3
from pipecat.audio.vad.vad_analyzer import VADParams
from pipecat.frames.frames import Frame, UserStoppedSpeakingFrame
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import (
    LLMContextAggregatorPair,
    LLMUserAggregatorParams,
)
from pipecat.processors.audio.vad_processor import VADProcessor
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.turns.user_stop import (
    SpeechTimeoutUserTurnStopStrategy,
    TurnAnalyzerUserTurnStopStrategy,
)
from pipecat.turns.user_turn_strategies import UserTurnStrategies
from pipecat.workers.runner import WorkerRunner

from verivoice.bench.digit_set import render_clip
from verivoice.bench.voices import Voice, flite_available
from verivoice.config import AsrSettings
from verivoice.pipeline.asr.audio import to_mono_16k
from verivoice.pipeline.asr.service import DigitModeFrame, WhisperDigitsSTTService
from verivoice.pipeline.asr.whisper import DigitExpectation
from verivoice.pipeline.gate import CodeGate, DigitEntry
from verivoice.pipeline.transports.wav import WavTransport
from verivoice.pipeline.vad import SharedSileroVADAnalyzer

CASES: list[tuple[str, list[str], DigitExpectation | None]] = [
    ("sentence with a pause", ["I'd like to book an appointment", "for next Tuesday morning"], None),
    ("question", ["What time do you close on Saturday?"], None),
    ("short answer", ["Yes, that's right."], None),
    ("two sentences", ["I got a letter from you.", "It says I owe a copay."], None),
    ("code in two groups", ["four seven two", "nine one five"], DigitExpectation.code(6)),
    ("code in three groups", ["oh eight", "three one", "six six"], DigitExpectation.code(6)),
]


@dataclass(frozen=True)
class Rule:
    name: str
    stop: str  # "smart-turn" | "timeout"
    timeout_s: float = 0.5
    vad_stop_s: float = 0.2
    digit_vad_stop_s: float = 1.2


RULES = [
    Rule("smart-turn (Pipecat default)", "smart-turn"),
    Rule("speech timeout 0.3 s", "timeout", 0.3),
    Rule("speech timeout 0.5 s", "timeout", 0.5),
    Rule("speech timeout 0.8 s", "timeout", 0.8),
    Rule("timeout 0.5 s, no digit pause rule", "timeout", 0.5, digit_vad_stop_s=0.2),
]


@dataclass
class Result:
    rule: str
    case: str
    voice: str
    digits: bool
    turns: int  # turns (ordinary speech) or readings (digits) for one utterance
    end_ms: float | None  # real end of speech -> turn end (or the reading)


class _Probe(FrameProcessor):
    def __init__(self) -> None:
        super().__init__()
        self.stops: list[float] = []

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, UserStoppedSpeakingFrame):
            self.stops.append(time.monotonic())
        await self.push_frame(frame, direction)


class _Readings:
    def __init__(self) -> None:
        self.at: list[float] = []

    async def on_digits(self, entry: DigitEntry, gate: CodeGate) -> None:
        self.at.append(time.monotonic())


def speech_end_s(audio: np.ndarray, rate: int) -> float:
    """Where speech ends: the last 20 ms window above a tenth of the loudest one."""
    win = rate // 50
    rms = np.sqrt(np.mean(audio[: len(audio) // win * win].reshape(-1, win) ** 2, axis=1))
    loud = np.nonzero(rms > 0.1 * rms.max())[0]
    return float((loud[-1] + 1) * win / rate)


async def run_clip(rule: Rule, audio16k: np.ndarray, expectation: DigitExpectation | None,
                   asr: AsrSettings) -> tuple[int, float | None]:
    lead = 0.5
    pcm = (np.clip(np.concatenate([np.zeros(int(lead * 16000), np.float32), audio16k]), -1, 1)
           * 32767).astype("<i2").tobytes()
    transport = WavTransport(pcm, 16000, tail_s=6.0, pace=False)
    stop = ([TurnAnalyzerUserTurnStopStrategy(turn_analyzer=LocalSmartTurnAnalyzerV3())]
            if rule.stop == "smart-turn" else
            [SpeechTimeoutUserTurnStopStrategy(user_speech_timeout=rule.timeout_s)])
    vad_stop = rule.digit_vad_stop_s if expectation else rule.vad_stop_s
    readings, probe = _Readings(), _Probe()
    user, _assistant = LLMContextAggregatorPair(LLMContext(), user_params=LLMUserAggregatorParams(
        user_turn_strategies=UserTurnStrategies(stop=stop), empty_user_turn=None))
    pipeline = Pipeline([
        transport.input(),
        VADProcessor(vad_analyzer=SharedSileroVADAnalyzer(params=VADParams(stop_secs=vad_stop))),
        WhisperDigitsSTTService(asr=asr, device="cpu"),
        CodeGate(readings), user, probe,
    ])
    worker = PipelineWorker(pipeline, enable_rtvi=False, cancel_on_idle_timeout=False,
                            params=PipelineParams(audio_in_sample_rate=16000))
    started = 0.0

    @worker.event_handler("on_pipeline_started")
    async def _started(_worker, _frame) -> None:
        nonlocal started
        started = time.monotonic()
        if expectation is not None:
            await worker.queue_frame(DigitModeFrame(expectation=expectation))

    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(worker)
    await runner.run()
    end = started + lead + speech_end_s(audio16k, 16000)
    marks = readings.at if expectation else probe.stops
    return len(marks), ((marks[-1] - end) * 1000 if marks else None)


def voices() -> list[Voice]:
    out = [Voice("piper", "piper-joe-medium", 1.0)]
    if flite_available():
        out.append(Voice("flite", "slt", 1.0))
    return out


def run(asr: AsrSettings, *, seeds: int = 1, progress=lambda n: None) -> list[Result]:
    clips = []
    for voice in voices():
        for seed in range(seeds):
            for case, phrases, expectation in CASES:
                audio = to_mono_16k(render_clip(voice, phrases, seed=100 + seed), 8000)
                clips.append((voice.label, case, expectation, audio))
    results = []
    for rule in RULES:
        for label, case, expectation, audio in clips:
            turns, end_ms = asyncio.run(run_clip(rule, audio, expectation, asr))
            results.append(Result(rule.name, case, label, expectation is not None, turns, end_ms))
            progress(1)
    return results


def markdown(results: list[Result]) -> str:
    lines = ["| rule | speech: split turns | speech: turn end p50 | speech: max | digits: split "
             "readings | digits: reading p50 | digits: max |", "| --- | ---: | ---: | ---: | ---: "
             "| ---: | ---: |"]
    for rule in [r.name for r in RULES]:
        row = [rule]
        for digits in (False, True):
            sel = [r for r in results if r.rule == rule and r.digits == digits]
            split = sum(r.turns != 1 for r in sel)
            ends = [r.end_ms for r in sel if r.end_ms is not None]
            row += [f"{split}/{len(sel)}",
                    f"{np.percentile(ends, 50):.0f} ms" if ends else "-",
                    f"{max(ends):.0f} ms" if ends else "-"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def as_json(results: list[Result]) -> list[dict]:
    return [asdict(r) for r in results]
