"""Faults injected into real parts of a call: the caller hears something sensible, the call
goes on or ends cleanly, and no other call notices."""

from __future__ import annotations

import asyncio
import os
import signal

import numpy as np
import pytest
from pipecat.frames.frames import ErrorFrame, TTSAudioRawFrame, TTSSpeakFrame
from pipecat.tests.utils import run_test

from tests.conftest import phone_clip
from verivoice.config import Settings, TtsSettings
from verivoice.pipeline.asr.audio import to_mono_16k
from verivoice.pipeline.transports.wav import WavTransport
from verivoice.pipeline.tts.piper import PiperProcess
from verivoice.pipeline.tts.service import PiperWorkerTTSService
from verivoice.server.assembly import CallResources, build_call


@pytest.fixture(scope="module")
def resources() -> CallResources:
    # No LLM server on this port: the model's turns get the fallback line (tested elsewhere).
    return CallResources.load(Settings(llm={"port": 9}), "cpu")


def _caller(*utterances: str) -> bytes:
    pieces = [np.zeros(8000, np.float32)]
    for n, text in enumerate(utterances):
        pieces += [to_mono_16k(phone_clip([text], seed=30 + n), 8000),
                   np.zeros(16000 * 6, np.float32)]  # room for the agent's answer
    return (np.clip(np.concatenate(pieces), -1, 1) * 32767).astype("<i2").tobytes()


class _FailsOnce:
    """The shared recogniser, except that its first transcription raises."""

    def __init__(self, real) -> None:
        self.real, self.failed = real, False

    def transcribe(self, *args, **kwargs):
        if not self.failed:
            self.failed = True
            raise RuntimeError("CUDA error: an illegal memory access was encountered")
        return self.real.transcribe(*args, **kwargs)


async def test_an_asr_failure_is_apologised_for_and_no_other_call_notices(
        resources: CallResources) -> None:
    audio = _caller("I need to reschedule my appointment", "What time do you close on Saturday")
    calls = [build_call(resources, WavTransport(audio, 16000, tail_s=4.0, pace=False),
                        in_sample_rate=16000, out_sample_rate=16000, greet=False)
             for _ in range(2)]
    broken, fine = calls
    assert broken.stt is not None
    broken.stt._transcriber = _FailsOnce(broken.stt._transcriber)
    await asyncio.gather(*(c.run() for c in calls))

    def said(call, speaker: str) -> str:
        return " ".join(line.text for line in call.recorder.lines
                        if line.speaker == speaker).lower()

    sorry = resources.settings.asr.failure_line.lower()
    assert sorry in said(broken, "agent")  # the caller is asked to say it again
    assert "saturday" in said(broken, "caller")  # and the next turn is heard
    assert "appointment" not in said(broken, "caller")
    assert "appointment" in said(fine, "caller") and "saturday" in said(fine, "caller")
    assert sorry not in said(fine, "agent")


async def test_a_model_that_keeps_failing_hands_the_call_to_a_person(
        resources: CallResources) -> None:
    """The model server is down: each turn gets the fallback line, and at the limit the call
    is handed off (here a call with no phone line: the caller is told so, nothing promised)."""
    from verivoice.server.handoff import NO_LINE, Outcome

    audio = _caller("Do you take walk-ins?", "Do you see children?", "Is there parking nearby?")
    call = build_call(resources, WavTransport(audio, 16000, tail_s=6.0, pace=False),
                      in_sample_rate=16000, out_sample_rate=16000, greet=False)
    await call.run()
    await asyncio.gather(*call.background)
    agent = [line.text for line in call.recorder.lines if line.speaker == "agent"]
    assert resources.settings.handoff.model_failures == 3
    assert call.handoff is not None and call.handoff.outcomes == [Outcome.NOT_POSSIBLE]
    assert NO_LINE in agent, agent


async def test_a_tts_crash_loses_one_sentence_and_the_next_one_plays() -> None:
    from verivoice.models.registry import main_path

    settings = TtsSettings()
    worker = PiperProcess(main_path(settings.voice, kind="piper"))
    worker.start()
    real_stream = worker.stream
    killed = []

    async def crash_during_first(text, options=None):
        stream = real_stream(text, options) if options else real_stream(text)
        if not killed:  # the worker dies (OOM killer, segfault) while synthesising this
            killed.append(text)
            first = asyncio.ensure_future(anext(stream))
            await asyncio.sleep(0.01)  # the request is with the worker now
            assert worker._proc is not None
            os.kill(worker._proc.pid, signal.SIGKILL)
            yield await first
        async for pcm in stream:
            yield pcm

    worker.stream = crash_during_first  # type: ignore[method-assign]
    try:
        tts = PiperWorkerTTSService(tts=settings.model_copy(update={"cached_phrases": []}),
                                    worker=worker, phrases=None)
        down, up = await run_test(
            tts, frames_to_send=[TTSSpeakFrame("This sentence is lost to the crash."),
                                 TTSSpeakFrame("This one still plays.")],
            expected_down_frames=None, expected_up_frames=None)
    finally:
        worker.stop()
    assert killed and any(isinstance(f, ErrorFrame) for f in up)
    audio = b"".join(f.audio for f in down if isinstance(f, TTSAudioRawFrame))
    assert len(audio) > 16000 * 2 * 0.5  # the second sentence: over half a second of speech


def test_healthz_fails_once_the_llm_supervisor_gives_up() -> None:
    from fastapi.testclient import TestClient

    from verivoice.pipeline.llm.vllm_server import LlmServerError
    from verivoice.server.app import create_app

    app = create_app(Settings(llm={"base_url": "http://127.0.0.1:9/v1"}))
    client = TestClient(app)  # no lifespan: nothing loads, only the routes are exercised
    assert client.get("/healthz").status_code == 200

    async def gives_up() -> None:
        raise LlmServerError("vLLM died 6 times in ten minutes; giving up")

    loop = asyncio.new_event_loop()
    try:
        task = loop.create_task(gives_up())
        loop.run_until_complete(asyncio.wait([task]))
    finally:
        loop.close()
    app.state.calls.supervisor = task
    response = client.get("/healthz")
    assert response.status_code == 503 and "gave up" in response.json()["status"]


def test_serve_exits_non_zero_when_start_up_fails(tmp_path) -> None:
    import subprocess

    from tests.test_cli import VERIVOICE

    env = {**os.environ, "VERIVOICE_ASR__MODEL": str(tmp_path / "no-such-model"),
           "VERIVOICE_LLM__BASE_URL": "http://127.0.0.1:9/v1"}
    done = subprocess.run([VERIVOICE, "serve", "--port", "0"], env=env, capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)
    assert done.returncode != 0, done.stderr[-2000:]
    assert "no-such-model" in done.stderr
