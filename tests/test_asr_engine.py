"""Real decoding with the bundled tiny.en on synthesised phone-line speech."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import soxr

from tests.conftest import phone_clip
from verivoice.pipeline.asr.audio import SAMPLE_RATE, to_mono_16k
from verivoice.pipeline.asr.spoken_numbers import spoken_to_digits
from verivoice.pipeline.asr.whisper import (
    DecodeOptions,
    DigitExpectation,
    Transcript,
    WhisperTranscriber,
)

CODE = DigitExpectation.code(6)

# Codes read the ways callers read them, with pauses between groups.
CALLERS = [
    ("472915", ["my code is four seven two", "nine one five"]),
    ("077550", ["oh seven seven", "double five oh"]),
    ("222381", ["triple two", "three eight one"]),
    ("905316", ["it's nine oh five", "three one six"]),
    ("640028", ["six four", "double oh", "two eight"]),
    ("318807", ["the code is three one", "eight eight", "oh seven"]),
]


def _16k(audio8k: np.ndarray) -> np.ndarray:
    return to_mono_16k(audio8k, 8000)


@pytest.fixture(scope="module")
def caller_audio() -> list[tuple[str, np.ndarray]]:
    return [(code, _16k(phone_clip(phrases, seed=i))) for i, (code, phrases) in enumerate(CALLERS)]


def test_one_model_per_process(transcriber: WhisperTranscriber) -> None:
    from verivoice.config import AsrSettings

    assert WhisperTranscriber.shared(AsrSettings(), "cpu") is transcriber


def test_digit_mode_reads_codes(transcriber: WhisperTranscriber, caller_audio) -> None:
    results = [(code, transcriber.transcribe(audio, CODE)) for code, audio in caller_audio]
    exact = sum(r.digits == code for code, r in results)
    assert exact >= len(results) - 1, [(c, r.digits, r.text) for c, r in results]
    for code, r in results:
        if r.digits == code and not r.unsure:
            assert r.confidence >= 0.5
        if r.digits is None:
            assert r.unsure  # never a silent guess


def test_digit_mode_beats_plain_decoding(transcriber: WhisperTranscriber, caller_audio) -> None:
    digit_hits = sum(transcriber.transcribe(a, CODE).digits == c for c, a in caller_audio)
    plain_hits = sum(spoken_to_digits(transcriber.transcribe_stock(a)) == c for c, a in caller_audio)
    assert digit_hits >= plain_hits


def _count_passes(transcriber: WhisperTranscriber, monkeypatch: pytest.MonkeyPatch
                  ) -> tuple[list[int], list[Transcript]]:
    """Record how many views each decoding batch of digit mode holds, and each reading made
    (the first pass's, then the pooled one if there was a second pass)."""
    batches: list[int] = []
    readings: list[Transcript] = []
    decode, read = transcriber._digit_hypotheses, transcriber._read_digits

    def counted(views: list[np.ndarray], opts: DecodeOptions) -> tuple[list[str], np.ndarray, float]:
        batches.append(len(views))
        return decode(views, opts)

    def recorded(*args: Any) -> Transcript:
        readings.append(read(*args))
        return readings[-1]

    monkeypatch.setattr(transcriber, "_digit_hypotheses", counted)
    monkeypatch.setattr(transcriber, "_read_digits", recorded)
    return batches, readings


def test_second_pass_only_for_doubtful_readings(
    transcriber: WhisperTranscriber, caller_audio, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches, readings = _count_passes(transcriber, monkeypatch)
    threshold = transcriber.settings.digit_fallback_below
    for _code, audio in caller_audio:
        batches.clear()
        readings.clear()
        transcriber.transcribe(audio, CODE)
        first = readings[0]
        doubtful = first.digits is None or first.confidence < threshold
        if doubtful:  # both tempo views of the turn in one batch, pooled with the first pass
            assert batches == [1, len(transcriber.settings.digit_fallback_views)]
        else:  # sure enough: nothing more was decoded
            assert batches == [1] and len(readings) == 1


def test_second_pass_pools_with_the_first(
    transcriber: WhisperTranscriber, caller_audio, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, audio = caller_audio[0]
    first = transcriber.transcribe(audio, CODE)
    monkeypatch.setattr(transcriber, "settings",
                        transcriber.settings.model_copy(update={"digit_fallback_below": 1.0}))
    batches, _ = _count_passes(transcriber, monkeypatch)
    both = transcriber.transcribe(audio, CODE)
    assert batches == [1, 2]
    assert both.digits == first.digits == code
    assert abs(sum(m for _, m in both.candidates) - 1.0) < 1e-6  # one distribution, all views
    monkeypatch.setattr(transcriber, "settings",
                        transcriber.settings.model_copy(update={"digit_fallback_views": ()}))
    batches.clear()
    transcriber.transcribe(audio, CODE)
    assert batches == [1]  # () turns the second pass off
    monkeypatch.setattr(transcriber, "settings", transcriber.settings.model_copy(
        update={"digit_tempo_views": (0.9, 1.1), "digit_fallback_views": (0.9, 1.1)}))
    batches.clear()
    transcriber.transcribe(audio, CODE)
    assert batches == [3]  # views already decoded are not decoded again


def test_ordinary_speech_is_transcribed(transcriber: WhisperTranscriber) -> None:
    audio = _16k(phone_clip(["I would like to move my appointment to Friday morning"], seed=3))
    result = transcriber.transcribe(audio)
    assert "appointment" in result.text.lower()
    assert "friday" in result.text.lower()
    assert result.digits is None


def test_silence_gives_no_transcript(transcriber: WhisperTranscriber) -> None:
    silence = np.zeros(SAMPLE_RATE * 3, dtype=np.float32)
    assert transcriber.transcribe(silence).text == ""
    reading = transcriber.transcribe(silence, CODE)
    assert reading.digits is None and reading.unsure and reading.no_speech


def test_line_hiss_alone_gives_no_code(transcriber: WhisperTranscriber) -> None:
    hiss = (np.random.default_rng(1).normal(0, 0.01, SAMPLE_RATE * 3)).astype(np.float32)
    reading = transcriber.transcribe(hiss, CODE)
    assert reading.digits is None or reading.unsure


def test_garbage_audio_never_crashes(transcriber: WhisperTranscriber) -> None:
    rng = np.random.default_rng(2)
    clipped = np.clip(rng.normal(0, 3.0, SAMPLE_RATE * 2), -1, 1).astype(np.float32)
    for audio in (clipped, np.ones(SAMPLE_RATE, dtype=np.float32), np.zeros(10, dtype=np.float32)):
        transcriber.transcribe(audio)
        reading = transcriber.transcribe(audio, CODE)
        assert reading.digits is None or len(reading.digits) == 6


def test_sample_rates_are_resampled_to_the_same_reading(transcriber: WhisperTranscriber) -> None:
    audio8k = phone_clip(["my code is five one two", "seven seven three"], seed=5)
    readings = set()
    for rate in (8000, 22050, 44100):
        at_rate = audio8k if rate == 8000 else soxr.resample(audio8k, 8000, rate).astype(np.float32)
        readings.add(transcriber.transcribe(to_mono_16k(at_rate, rate), CODE).digits)
    assert readings == {"512773"}


def test_long_audio_is_decoded_in_windows(transcriber: WhisperTranscriber) -> None:
    sentence = _16k(phone_clip(["Please call me back about my prescription."], seed=4))
    gap = np.zeros(SAMPLE_RATE * 14, dtype=np.float32)
    audio = np.concatenate([sentence, gap, sentence, gap, sentence])
    assert len(audio) > 30 * SAMPLE_RATE
    result = transcriber.transcribe(audio)
    assert result.text.lower().count("prescription") >= 2


def test_audio_over_the_limit_is_refused(transcriber: WhisperTranscriber) -> None:
    too_long = np.zeros(int(SAMPLE_RATE * (transcriber.settings.max_audio_s + 1)), dtype=np.float32)
    too_long[::100] = 0.2
    with pytest.raises(ValueError, match="VERIVOICE_ASR__MAX_AUDIO_S"):
        transcriber.transcribe(too_long)


def test_phone_number_expectation(transcriber: WhisperTranscriber) -> None:
    audio = _16k(phone_clip(["my number is five five five", "two one two", "four seven eight nine"], seed=6))
    reading = transcriber.transcribe(audio, DigitExpectation.phone())
    assert reading.digits == "5552124789"


def test_base_model_loads_through_the_registry() -> None:
    from verivoice.config import AsrSettings

    base = WhisperTranscriber("whisper-base", "cpu", AsrSettings(model="whisper-base"))
    audio = _16k(phone_clip(["my code is four seven two", "nine one five"], seed=0))
    assert base.transcribe(audio, CODE).digits == "472915"


def test_date_of_birth_expectation(transcriber: WhisperTranscriber) -> None:
    audio = _16k(phone_clip(["my date of birth is March fifth", "nineteen eighty two"], seed=7))
    reading = transcriber.transcribe(audio, DigitExpectation.date())
    assert reading.digits == "19820305"


def test_a_capped_suppression_keeps_the_stock_ones_and_still_reads_codes(
        transcriber: WhisperTranscriber, caller_audio) -> None:
    """On CUDA digit mode suppresses only the 1000 most frequent non-digit tokens (ctranslate2's
    cost there grows with the square of rows x tokens, docs/gpu.md); the same cap, forced on
    the CPU, keeps the stock suppressions, allows no fewer digits, and still reads the codes."""
    from verivoice.config import AsrSettings

    capped = WhisperTranscriber(AsrSettings().model, "cpu", AsrSettings(digit_suppress_max=1000))
    stock = set(capped._suppress)
    assert len(transcriber._digit_suppress) > 40_000  # the CPU's default: all of them
    assert len(capped._digit_suppress) <= 1000 + len(stock)
    assert stock <= set(capped._digit_suppress)
    assert set(capped._digit_suppress) <= set(transcriber._digit_suppress)
    results = [(code, capped.transcribe(audio, CODE)) for code, audio in caller_audio]
    assert sum(r.digits == code for code, r in results) >= len(results) - 1, [
        (c, r.digits, r.text) for c, r in results]


def test_ordinary_speech_keeps_the_beams_close_readings() -> None:
    """Other readings come from the same beam, best first, each unlike the text and unlike
    each other; a margin of 0 keeps none, and digit mode never has any."""
    from verivoice.config import AsrSettings

    audio = _16k(phone_clip(["Could you tell me when my next appointment is?"], seed=11))
    wide = WhisperTranscriber.shared(AsrSettings(alternative_margin=1.0), "cpu")
    result = wide.transcribe(audio)
    assert "appointment" in result.text.lower()
    assert 1 <= len(result.alternatives) <= 3
    assert result.text not in result.alternatives
    assert len(set(result.alternatives)) == len(result.alternatives)
    none = WhisperTranscriber.shared(AsrSettings(alternative_margin=0.0), "cpu")
    assert none.transcribe(audio).alternatives == []
    assert wide.transcribe(audio, CODE).alternatives == []
