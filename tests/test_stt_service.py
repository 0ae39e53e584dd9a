"""The Pipecat STT service: segments in, transcripts or digit readings out."""

from __future__ import annotations

import numpy as np
import pytest
from pipecat.frames.frames import (
    InputAudioRawFrame,
    TranscriptionFrame,
    VADUserStartedSpeakingFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.pipeline.worker import PipelineParams
from pipecat.tests.utils import run_test

from tests.conftest import phone_clip
from verivoice.config import AsrSettings
from verivoice.pipeline.asr.audio import to_mono_16k
from verivoice.pipeline.asr.service import (
    DigitModeFrame,
    DigitReadingFrame,
    WhisperDigitsSTTService,
)
from verivoice.pipeline.asr.whisper import DigitExpectation, WhisperTranscriber


def _turn(audio: np.ndarray, rate: int) -> list:
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()
    step = rate * 2 // 50  # 20 ms frames
    frames = [VADUserStartedSpeakingFrame()]
    frames += [InputAudioRawFrame(audio=pcm[i : i + step], sample_rate=rate, num_channels=1)
               for i in range(0, len(pcm), step)]
    frames.append(VADUserStoppedSpeakingFrame())
    return frames


async def _run(frames: list, rate: int):
    """Run the service in a pipeline whose transport delivers audio at ``rate``."""
    return await run_test(_service(), frames_to_send=frames,
                          pipeline_params=PipelineParams(audio_in_sample_rate=rate))


def _service() -> WhisperDigitsSTTService:
    return WhisperDigitsSTTService(asr=AsrSettings(), device="cpu")


async def test_services_share_one_model(transcriber: WhisperTranscriber) -> None:
    a, b = _service(), _service()
    assert a._transcriber is b._transcriber is transcriber


async def test_ordinary_turn_gives_a_transcription() -> None:
    audio = to_mono_16k(phone_clip(["I need to reschedule my appointment"], seed=8), 8000)
    down, _ = await _run(_turn(audio, 16000), 16000)
    texts = [f.text for f in down if isinstance(f, TranscriptionFrame)]
    assert len(texts) == 1 and "appointment" in texts[0].lower()
    assert not [f for f in down if isinstance(f, DigitReadingFrame)]


async def test_digit_turn_gives_a_reading_and_no_transcript_for_the_llm() -> None:
    audio8k = phone_clip(["my code is three one four", "one five nine"], seed=9)
    frames = [DigitModeFrame(expectation=DigitExpectation.code(6)), *_turn(audio8k, 8000)]
    service = _service()
    down, _ = await run_test(service, frames_to_send=frames,
                             pipeline_params=PipelineParams(audio_in_sample_rate=8000))
    readings = [f for f in down if isinstance(f, DigitReadingFrame)]
    assert [r.digits for r in readings] == ["314159"]
    assert readings[0].confidence > 0
    assert "314159" not in str(readings[0])  # a logged frame never shows the code
    assert not [f for f in down if isinstance(f, TranscriptionFrame)]
    assert service.expectation == DigitExpectation.code(6)


@pytest.mark.parametrize("rate", [8000, 16000])
async def test_silence_turn_gives_nothing(rate: int) -> None:
    down, _ = await _run(_turn(np.zeros(rate * 2, np.float32), rate), rate)
    assert not [f for f in down if isinstance(f, TranscriptionFrame)]


async def test_a_code_read_aloud_never_reaches_the_logs(caplog) -> None:
    from loguru import logger

    captured: list[str] = []
    sink = logger.add(lambda m: captured.append(str(m)), level="TRACE")
    try:
        audio8k = phone_clip(["my code is eight six seven", "five three oh"], seed=12)
        frames = [DigitModeFrame(expectation=DigitExpectation.code(6)), *_turn(audio8k, 8000)]
        with caplog.at_level("DEBUG"):
            down, _ = await _run(frames, 8000)
    finally:
        logger.remove(sink)
    readings = [f for f in down if isinstance(f, DigitReadingFrame)]
    assert readings and readings[0].digits == "867530"
    everything = "\n".join(captured) + caplog.text + repr(readings[0])
    assert "867530" not in everything.replace(" ", "")


async def test_a_question_in_digit_mode_comes_as_words_without_digits() -> None:
    audio8k = phone_clip(["Sorry, what are your opening hours?"], seed=14)
    frames = [DigitModeFrame(expectation=DigitExpectation.code(6)), *_turn(audio8k, 8000)]
    down, _ = await run_test(_service(), frames_to_send=frames,
                             pipeline_params=PipelineParams(audio_in_sample_rate=8000))
    (reading,) = [f for f in down if isinstance(f, DigitReadingFrame)]
    assert reading.digits is None and reading.words and "hours" in reading.words.lower()
    assert "hours" not in str(reading)  # what the caller said is never printed
    assert not [f for f in down if isinstance(f, TranscriptionFrame)]  # not for the LLM yet


async def test_a_code_reading_carries_no_words() -> None:
    audio8k = phone_clip(["my code is three one four", "one five nine"], seed=9)
    frames = [DigitModeFrame(expectation=DigitExpectation.code(6)), *_turn(audio8k, 8000)]
    down, _ = await run_test(_service(), frames_to_send=frames,
                             pipeline_params=PipelineParams(audio_in_sample_rate=8000))
    (reading,) = [f for f in down if isinstance(f, DigitReadingFrame)]
    assert reading.digits == "314159" and reading.words is None
