"""A whole call through the pipeline: offline WAV calls, digit turns, the `verivoice call` CLI."""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import phone_clip
from tests.test_cli import VERIVOICE
from verivoice.config import Settings
from verivoice.pipeline.asr.audio import read_audio, to_mono_16k
from verivoice.pipeline.asr.whisper import DigitExpectation, WhisperTranscriber
from verivoice.pipeline.gate import CodeGate, DigitEntry
from verivoice.pipeline.transports.wav import WavTransport
from verivoice.server.assembly import CallResources, build_call

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "caller.wav"


@pytest.fixture(scope="module")
def resources() -> CallResources:
    return CallResources.load(Settings(), "cpu")


class Collect:
    def __init__(self) -> None:
        self.entries: list[DigitEntry] = []

    async def on_digits(self, entry: DigitEntry, gate: CodeGate) -> None:
        self.entries.append(entry)


def _pcm16(audio: np.ndarray) -> bytes:
    return (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()


async def test_a_code_read_in_groups_is_one_turn_and_never_reaches_the_llm(
        resources: CallResources) -> None:
    caller = to_mono_16k(phone_clip(["my code is four seven two", "nine one five"], seed=21,
                                    ), 8000)
    # The groups are read with a pause of up to 0.8 s between them (phone_clip's pauses).
    listener = Collect()
    transport = WavTransport(_pcm16(np.concatenate([np.zeros(16000, np.float32), caller])),
                             16000, tail_s=4.0, pace=False)
    call = build_call(resources, transport, in_sample_rate=16000, out_sample_rate=16000,
                      listener=listener, greet=False)

    @call.worker.event_handler("on_pipeline_started")
    async def _expect(_worker, _frame) -> None:
        await call.expect_digits(DigitExpectation.code(6))

    await call.run()
    assert [e.digits for e in listener.entries] == ["472915"], listener.entries
    assert all(line.speaker != "caller" or "(digits)" in line.text
               for line in call.recorder.lines)
    assert "472" not in str(listener.entries)


async def test_two_offline_calls_at_once_keep_their_own_context(resources: CallResources) -> None:
    calls = []
    for text in ("I need to reschedule my appointment", "What time do you close on Saturday"):
        audio = to_mono_16k(phone_clip([text], seed=5), 8000)
        transport = WavTransport(_pcm16(np.concatenate([np.zeros(8000, np.float32), audio])),
                                 16000, tail_s=3.0, pace=False)
        calls.append(build_call(resources, transport, in_sample_rate=16000,
                                out_sample_rate=16000, greet=False))
    await asyncio.gather(*(c.run() for c in calls))
    heard = [" ".join(line.text for line in c.recorder.lines if line.speaker == "caller").lower()
             for c in calls]
    assert "appointment" in heard[0] and "saturday" not in heard[0]
    assert "saturday" in heard[1] and "appointment" not in heard[1]


def test_verivoice_call_on_the_example_gives_a_reply_that_transcribes(
        tmp_path: Path, transcriber: WhisperTranscriber) -> None:
    out = tmp_path / "reply.wav"
    # The model's own reply is what this checks: on a 2-core runner busy with the suite a
    # cold model can pause past the 4 s stall limit, and the caller would hear the fallback.
    patient = {**os.environ, "VERIVOICE_LLM__STALL_TIMEOUT_S": "20",
               "VERIVOICE_LLM__REPLY_TIMEOUT_S": "60"}
    done = subprocess.run([VERIVOICE, "call", str(EXAMPLE), "--out", str(out)],
                          capture_output=True, text=True, timeout=600, env=patient)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "first audio out" in done.stdout and "caller" in done.stdout
    assert "appointment" in done.stdout.lower()  # the caller's first turn, transcribed
    reply = read_audio(out, max_seconds=120)
    text = transcriber.transcribe(reply).text.lower()
    assert len(text.split()) >= 8 and "thanks for calling" in text, text  # greeting, then replies
