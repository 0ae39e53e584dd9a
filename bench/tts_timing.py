"""Drive a Pipecat TTS service with one agent reply and time the audio it produces.

The reply enters as an LLM turn (start, text tokens, end), the way the call pipeline feeds
it; a probe after the service stamps every audio frame as it arrives. From the stamps:
the time to first audio, the real-time factor, and whether playback would have run dry
(a "gap": a frame that arrives after the audio before it has finished playing).
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

from pipecat.frames.frames import (
    EndFrame,
    Frame,
    LLMFullResponseEndFrame,
    LLMFullResponseStartFrame,
    LLMTextFrame,
    TTSAudioRawFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.services.tts_service import TTSService
from pipecat.workers.runner import WorkerRunner


@dataclass
class ReplyTiming:
    """What one reply's audio looked like at the service's output.

    Attributes:
        first_audio_ms: From the reply's first text token to its first audio frame.
        audio_s: Seconds of audio produced.
        wall_s: From the first text token to the last audio frame.
        max_gap_ms: Longest stretch playback would have waited for audio after it started
            (0 when every frame arrived before the audio ahead of it had played).
        pcm: The audio (16-bit mono at ``sample_rate``).
        sample_rate: The output rate.
    """

    first_audio_ms: float | None
    audio_s: float
    wall_s: float
    max_gap_ms: float
    pcm: bytes = field(repr=False)
    sample_rate: int = 16000

    @property
    def rtf(self) -> float:
        return self.wall_s / self.audio_s if self.audio_s else float("inf")


class _AudioProbe(FrameProcessor):
    def __init__(self) -> None:
        super().__init__()
        self.stamps: list[tuple[float, TTSAudioRawFrame]] = []
        self.ended = asyncio.Event()

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, TTSAudioRawFrame):
            self.stamps.append((time.perf_counter(), frame))
        elif isinstance(frame, LLMFullResponseEndFrame):
            self.ended.set()  # queued behind the reply's audio, so all of it has passed
        await self.push_frame(frame, direction)


def tokens(text: str) -> list[str]:
    """Split a reply the way an LLM streams it: words with their leading space."""
    return re.findall(r"\s*\S+", text)


def _timing(start: float, stamps: list[tuple[float, TTSAudioRawFrame]], rate: int) -> ReplyTiming:
    if not stamps:
        return ReplyTiming(None, 0.0, 0.0, 0.0, b"", rate)
    first = stamps[0][0]
    played = 0.0
    worst = 0.0
    for arrival, frame in stamps:
        due = first + played
        worst = max(worst, arrival - due)
        played += len(frame.audio) / 2 / frame.sample_rate
    pcm = b"".join(f.audio for _, f in stamps)
    return ReplyTiming(
        first_audio_ms=(first - start) * 1000,
        audio_s=played,
        wall_s=stamps[-1][0] - start,
        max_gap_ms=worst * 1000,
        pcm=pcm,
        sample_rate=rate,
    )


async def time_reply(service: TTSService, reply: str, *, token_ms: float = 0.0,
                     sample_rate: int = 16000, timeout_s: float = 60.0) -> ReplyTiming:
    """Speak ``reply`` through ``service`` in a one-service pipeline and time it.

    Args:
        service: A fresh TTS service (a pipeline takes ownership of it).
        reply: The agent's reply text.
        token_ms: Delay between text tokens (0: the whole reply at once; ~30 for a CPU LLM).
        sample_rate: The transport's output rate.
        timeout_s: Give up waiting for the audio after this long.
    """
    probe = _AudioProbe()
    worker = PipelineWorker(Pipeline([service, probe]), cancel_on_idle_timeout=False,
                            params=PipelineParams(audio_out_sample_rate=sample_rate))
    started = asyncio.Event()

    @worker.event_handler("on_pipeline_started")
    async def _on_started(_worker, _frame) -> None:
        started.set()

    start = 0.0

    async def feed() -> None:
        nonlocal start
        await asyncio.wait_for(started.wait(), timeout=10)
        await worker.queue_frame(LLMFullResponseStartFrame())
        start = time.perf_counter()
        for token in tokens(reply):
            await worker.queue_frame(LLMTextFrame(token))
            if token_ms:
                await asyncio.sleep(token_ms / 1000)
        await worker.queue_frame(LLMFullResponseEndFrame())
        try:
            await asyncio.wait_for(probe.ended.wait(), timeout=timeout_s)
        finally:
            await worker.queue_frame(EndFrame())

    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(worker)
    await asyncio.gather(runner.run(), feed())
    return _timing(start, probe.stamps, sample_rate)
