"""The Piper TTS service: real voice, real worker process, real synthesis, heard back by the ASR."""

from __future__ import annotations

import asyncio
import os
import queue
import shutil
import signal
from pathlib import Path

import numpy as np
import pytest
from loguru import logger
from pipecat.frames.frames import (
    EndFrame,
    Frame,
    InterruptionFrame,
    LLMFullResponseEndFrame,
    LLMFullResponseStartFrame,
    LLMTextFrame,
    TTSAudioRawFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.workers.runner import WorkerRunner

from verivoice.bench.tts_timing import time_reply, tokens
from verivoice.config import TtsSettings
from verivoice.pipeline.asr.audio import to_mono_16k
from verivoice.pipeline.asr.spoken_numbers import spoken_to_digits
from verivoice.pipeline.asr.whisper import DigitExpectation, WhisperTranscriber
from verivoice.pipeline.tts.phrases import PhraseCache, phrase_key
from verivoice.pipeline.tts.piper import PiperProcess, SynthesisOptions, TtsError
from verivoice.pipeline.tts.service import PiperWorkerTTSService, load_voice

LONG = ("Thanks for calling Riverside Clinic, this is the automated assistant and I can help "
        "you book, change or cancel an appointment today. Before I read anything from your "
        "record, I will text you a code.")
TTS = TtsSettings(noise_scale=0.0, noise_w_scale=0.0)  # the same audio every run


@pytest.fixture(scope="module")
def voice() -> tuple[PiperProcess, PhraseCache]:
    return load_voice(TTS)


def _service(voice, tts: TtsSettings = TTS) -> PiperWorkerTTSService:
    worker, phrases = voice
    return PiperWorkerTTSService(tts=tts, worker=worker, phrases=phrases)


def _heard(transcriber: WhisperTranscriber, pcm: bytes, rate: int,
           digits: DigitExpectation | None = None):
    audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
    return transcriber.transcribe(to_mono_16k(audio, rate), digits)


async def test_round_trip_gets_the_words_back(voice, transcriber) -> None:
    reply = "Your appointment with the dentist is on Tuesday morning."
    timing = await time_reply(_service(voice), reply, sample_rate=16000)
    heard = _heard(transcriber, timing.pcm, 16000).text.lower()
    for word in ("appointment", "dentist", "tuesday", "morning"):
        assert word in heard


async def test_phone_numbers_are_read_digit_by_digit(voice, transcriber) -> None:
    timing = await time_reply(_service(voice), "The number is 555-201-7788.", sample_rate=16000)
    heard = _heard(transcriber, timing.pcm, 16000).text
    assert spoken_to_digits(heard) == "5552017788"


@pytest.mark.parametrize("rate", [8000, 16000, 48000])
async def test_audio_leaves_in_20ms_frames_at_the_transport_rate(voice, rate: int) -> None:
    timing = await time_reply(_service(voice), LONG, sample_rate=rate)
    assert timing.sample_rate == rate
    assert 8.0 < timing.audio_s < 20.0  # ~12 s of speech whatever the rate


async def test_chunks_follow_each_other_without_a_gap(voice) -> None:
    timing = await time_reply(_service(voice), LONG, sample_rate=8000)
    assert timing.max_gap_ms < 40, "a later chunk was not ready when the one before it ended"


class _Probe(FrameProcessor):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Frame] = []
        self.first_audio = asyncio.Event()
        self.ended = asyncio.Event()

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        self.seen.append(frame)
        if isinstance(frame, TTSAudioRawFrame):
            self.first_audio.set()
        if isinstance(frame, LLMFullResponseEndFrame):
            self.ended.set()
        await self.push_frame(frame, direction)


async def test_barge_in_stops_audio_at_once_and_nothing_stale_plays(voice) -> None:
    worker, _ = voice
    service, probe = _service(voice), _Probe()
    pipeline_worker = PipelineWorker(Pipeline([service, probe]), cancel_on_idle_timeout=False,
                                     params=PipelineParams(audio_out_sample_rate=8000))
    started = asyncio.Event()

    @pipeline_worker.event_handler("on_pipeline_started")
    async def _started(_w, _f) -> None:
        started.set()

    async def drive() -> None:
        await started.wait()
        await pipeline_worker.queue_frame(LLMFullResponseStartFrame())
        for token in tokens(LONG):
            await pipeline_worker.queue_frame(LLMTextFrame(token))
        await pipeline_worker.queue_frame(LLMFullResponseEndFrame())
        await asyncio.wait_for(probe.first_audio.wait(), timeout=10)
        await pipeline_worker.queue_frame(InterruptionFrame())
        await asyncio.sleep(1.5)  # long enough for any stale chunk to have arrived
        probe.ended.clear()
        await pipeline_worker.queue_frame(LLMFullResponseStartFrame())
        await pipeline_worker.queue_frame(LLMTextFrame("Sure, go ahead."))
        await pipeline_worker.queue_frame(LLMFullResponseEndFrame())
        await asyncio.wait_for(probe.ended.wait(), timeout=10)
        await pipeline_worker.queue_frame(EndFrame())

    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(pipeline_worker)
    await asyncio.gather(runner.run(), drive())

    cut = next(i for i, f in enumerate(probe.seen) if isinstance(f, InterruptionFrame))
    after = [f for f in probe.seen[cut:] if isinstance(f, TTSAudioRawFrame)]
    before = [f for f in probe.seen[:cut] if isinstance(f, TTSAudioRawFrame)]
    played = sum(len(f.audio) for f in before) / 2 / 8000
    assert played < 6.0, "the whole reply was spoken before the interruption took effect"
    next_reply = sum(len(f.audio) for f in after) / 2 / 8000
    assert 0.3 < next_reply < 2.5, "stale audio from the interrupted reply played afterwards"
    assert not worker._sinks, "the interrupted request was not cancelled in the worker"


async def test_a_marked_code_is_never_voiced(voice, transcriber) -> None:
    service = _service(voice)
    service.protected.mark("472915")
    timing = await time_reply(service, "Sure. Your code is 472915.", sample_rate=16000)
    heard = _heard(transcriber, timing.pcm, 16000).text.lower()
    assert "472" not in heard.replace(" ", "") and "four seven two" not in heard
    assert "read" in heard and "number" in heard  # the withheld line instead


@pytest.mark.parametrize("text", ["", "😀🎉", "\x00\x01\x1b[31m", "<speak><break/></speak>",
                                  "<speak>Hello <b>there</b></speak>", "word " * 2000])
async def test_bad_text_is_spoken_sensibly_or_skipped(voice, text: str) -> None:
    tts = TTS.model_copy(update={"max_chars": 300})
    timing = await time_reply(_service(voice, tts), text, sample_rate=8000, timeout_s=30)
    assert timing.audio_s < 30  # 10,000 characters are cut, not read for ten minutes
    if "Hello" in text or "word" in text:
        assert timing.audio_s > 0.3


async def test_fixed_phrases_come_from_memory(voice) -> None:
    worker, _ = voice
    rate = worker.sample_rate
    tone = (np.sin(np.arange(rate) * 2 * np.pi * 440 / rate) * 8000).astype(np.int16).tobytes()
    service = PiperWorkerTTSService(tts=TTS, worker=worker,
                                    phrases=PhraseCache({phrase_key("One moment."): tone}, rate))
    timing = await time_reply(service, "One moment.", sample_rate=rate)
    assert abs(timing.audio_s - 1.0) < 0.05
    heard = np.frombuffer(timing.pcm, dtype=np.int16)[: len(tone) // 2]
    assert np.corrcoef(heard[2000:20000], np.frombuffer(tone, np.int16)[2000:20000])[0, 1] > 0.99


def test_the_default_cache_holds_the_configured_phrases(voice) -> None:
    _, phrases = voice
    assert len(phrases) == len(TTS.cached_phrases)
    assert phrases.get("one moment") is not None


async def test_logs_never_hold_the_spoken_text_or_a_code(voice) -> None:
    lines: list[str] = []
    # DEBUG: the most a production server logs. (Pipecat's TRACE level prints every frame,
    # text included: never enable it on a server that carries calls.)
    sink = logger.add(lines.append, level="DEBUG")
    try:
        service = _service(voice)
        service.protected.mark("914263")
        await time_reply(service, "Patient Zanzibarquux has diabetes. Code 914263.",
                         sample_rate=8000)
    finally:
        logger.remove(sink)
    text = "".join(lines)
    assert lines and "Zanzibarquux" not in text and "diabetes" not in text
    assert "914263" not in text


def test_missing_voice_stops_start_up_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(TtsError, match=r"missing\.onnx"):
        PiperProcess(tmp_path / "missing.onnx").start()


def test_corrupt_voice_stops_start_up_naming_the_file(voice, tmp_path: Path) -> None:
    worker, _ = voice
    bad = tmp_path / "broken.onnx"
    bad.write_bytes(b"\x08\x01garbage" * 100)
    shutil.copy(f"{worker.model}.json", f"{bad}.json")
    with pytest.raises(TtsError, match=r"broken\.onnx"):
        PiperProcess(bad, startup_timeout_s=30).start()


def _kill_mid_request(own: PiperProcess) -> tuple[object, list[str]]:
    """Kill ``own``'s worker while a long request is in flight; the kinds of its replies."""
    replies: queue.Queue = queue.Queue()
    own.submit("This request is in flight when the worker dies. " * 20,
               SynthesisOptions(), replies.put)
    first = own._proc
    assert first is not None
    os.kill(first.pid, signal.SIGKILL)
    kinds: list[str] = []
    while not kinds or kinds[-1] == "audio":
        kinds.append(replies.get(timeout=10).kind)
    return first, kinds


def test_a_worker_whose_replies_ended_is_replaced_not_sent_to(voice, monkeypatch) -> None:
    """A killed worker closes its pipes before the kernel reports it exited. In that window
    its reply stream is over while ``poll()`` still calls it running, and a request sent to it
    would never be answered. ``poll()`` is held at "running" here to hold the window open."""
    worker, _ = voice
    own = PiperProcess(worker.model)
    own.start()
    try:
        first, kinds = _kill_mid_request(own)
        assert kinds[-1] == "error"
        monkeypatch.setattr(first, "poll", lambda: None)
        assert not own.running
        pcm = own.synthesize("Back again.", timeout_s=30)
        assert len(pcm) > own.sample_rate
        assert own._restarts == 1 and own._proc is not first
    finally:
        own.stop()


def test_a_crashed_worker_fails_its_requests_and_restarts(voice) -> None:
    worker, _ = voice
    own = PiperProcess(worker.model)
    own.start()
    try:
        _, kinds = _kill_mid_request(own)
        assert kinds[-1] == "error"  # it ends with an error instead of hanging
        pcm = own.synthesize("Back again.")
        assert len(pcm) > own.sample_rate  # > 0.5 s of speech from a restarted worker
        assert own._restarts == 1
    finally:
        own.stop()
