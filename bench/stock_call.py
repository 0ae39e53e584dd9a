# SPDX-License-Identifier: GPL-3.0-or-later
#
# Imports piper-tts (GPL-3.0-or-later) through Pipecat's stock PiperTTSService, so this
# benchmark helper is GPL-3.0-or-later and runs as its own process (README, "Licences").
"""`verivoice bench run`'s baseline: the same scripted calls through Pipecat's stock services.

The baseline pipeline is what a Pipecat 1.14 quick start builds on the same models and the
same LLM server: Silero VAD with its default parameters, ``WhisperSTTService`` (its own
model per call, decoding as Pipecat calls it), the default user-turn strategy (smart-turn v3),
the same vLLM service and tools, and ``PiperTTSService`` (Piper in process, one chunk per
sentence). Turns are timed by the same :class:`TurnRecorder` as the product's pipeline.

Reads one JSON request on stdin: ``{"pcm": PATH, "rate": HZ, "levels": [1, ...],
"calls": {"1": N, ...}, "whisper": DIR, "voice": ONNX, "device": "cpu"|"cuda"}``.
Writes one JSON list of turn records on stdout. The LLM server comes from the
``VERIVOICE_LLM__*`` settings (the parent sets its URL).
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from loguru import logger
from pipecat.audio.vad.silero import SileroVADAnalyzer
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import LLMContextAggregatorPair
from pipecat.processors.audio.vad_processor import VADProcessor
from pipecat.services.piper.tts import PiperTTSService
from pipecat.services.whisper.stt import WhisperSTTService
from pipecat.workers.runner import WorkerRunner

from verivoice.auth.records import RecordStore, phi_tools
from verivoice.config import get_settings
from verivoice.pipeline.llm.service import VllmLLMService
from verivoice.pipeline.llm.tools import ToolRunner, UnverifiedGate
from verivoice.pipeline.transports.wav import WavTransport
from verivoice.pipeline.turns import TurnRecorder


def _stock_call(request: dict[str, Any], pcm: bytes) -> tuple[PipelineWorker, TurnRecorder]:
    """One call on Pipecat's stock services (the same LLM service and tools as ours)."""
    settings = get_settings()
    rate = request["rate"]
    transport = WavTransport(pcm, rate, out_sample_rate=rate, tail_s=4.0)
    stt = WhisperSTTService(settings=WhisperSTTService.Settings(model=request["whisper"]),
                            device=request["device"],
                            compute_type="float16" if request["device"] == "cuda" else "int8")
    runner = ToolRunner(phi_tools(RecordStore(), None), UnverifiedGate())
    context = LLMContext(tools=runner.tools_schema())
    user_agg, assistant_agg = LLMContextAggregatorPair(context)  # default turn strategy
    llm = VllmLLMService(llm=settings.llm)
    runner.register(llm)
    voice = Path(request["voice"])
    tts = PiperTTSService(settings=PiperTTSService.Settings(voice=voice.stem),
                          download_dir=voice.parent)
    pipeline = Pipeline([transport.input(), VADProcessor(vad_analyzer=SileroVADAnalyzer()), stt,
                         user_agg, llm, tts, transport.output(), assistant_agg])
    recorder = TurnRecorder()
    worker = PipelineWorker(
        pipeline, params=PipelineParams(audio_in_sample_rate=rate, audio_out_sample_rate=rate),
        enable_rtvi=False, idle_timeout_secs=120, observers=[recorder])
    return worker, recorder


async def _run_call(worker: PipelineWorker) -> None:
    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(worker)
    await runner.run()


async def run(request: dict[str, Any]) -> list[dict[str, Any]]:
    """Every requested level: ``calls[level]`` calls, ``level`` at a time; turn records."""
    pcm = Path(request["pcm"]).read_bytes()
    records: list[dict[str, Any]] = []
    for level in request["levels"]:
        calls = request["calls"][str(level)]
        for start in range(0, calls, level):
            batch = [(n, *_stock_call(request, pcm))
                     for n in range(start, min(start + level, calls))]
            await asyncio.gather(*(_run_call(worker) for _, worker, _ in batch))
            for n, _, recorder in batch:
                records += [{"pipeline": "baseline", "level": level, "call": n, "turn": k,
                             "transcript_ms": t.transcript_ms,
                             "first_token_ms": t.first_token_ms,
                             "first_tts_ms": t.first_tts_ms,
                             "first_audio_ms": t.first_audio_ms}
                            for k, t in enumerate(recorder.turns)]
    return records


def main() -> int:
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    request = json.load(sys.stdin)
    json.dump(asyncio.run(run(request)), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
