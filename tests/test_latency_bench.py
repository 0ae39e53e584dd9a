"""The latency harness: the observer's arithmetic, the budget logic, the report, one real run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import matplotlib.image
import pytest
from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    LLMTextFrame,
    TranscriptionFrame,
    TTSAudioRawFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.observers.base_observer import FramePushed
from pipecat.processors.frame_processor import FrameProcessor
from pipecat.transports.base_output import BaseOutputTransport
from pipecat.transports.base_transport import TransportParams

from tests.test_cli import VERIVOICE
from verivoice.bench.latency_report import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_OVER,
    STAGES,
    Budget,
    compare,
    ratios,
    stage_stats,
    verdict,
    write_report,
)
from verivoice.config import LlmSettings
from verivoice.pipeline.llm.service import VllmLLMService
from verivoice.pipeline.tts.service import PiperWorkerTTSService
from verivoice.pipeline.turns import TurnRecorder

S = 1_000_000_000  # ns


class _Nobody(FrameProcessor):
    pass


async def test_observer_arithmetic_on_a_synthetic_timeline() -> None:
    llm = VllmLLMService(llm=LlmSettings())
    tts = PiperWorkerTTSService.__new__(PiperWorkerTTSService)  # a source type, never run
    FrameProcessor.__init__(tts)
    out = BaseOutputTransport(TransportParams())
    other = _Nobody()
    recorder = TurnRecorder()

    async def push(frame, source, at_s: float) -> None:
        await recorder.on_push_frame(FramePushed(source, other, frame, None, int(at_s * S)))

    # The caller stops at 0.8 s; VAD reports it 0.2 s later (stop_secs 0.2).
    await push(VADUserStoppedSpeakingFrame(stop_secs=0.2, timestamp=0), other, 1.0)
    await push(TranscriptionFrame("hello", "u", "t"), other, 1.25)
    await push(LLMTextFrame("Hi"), llm, 1.6)
    await push(LLMTextFrame(" there"), llm, 1.7)  # not the first token
    await push(TTSAudioRawFrame(b"\0\0" * 160, 8000, 1), tts, 1.9)
    await push(BotStartedSpeakingFrame(), out, 1.95)
    (turn,) = recorder.turns
    assert turn.transcript_ms == pytest.approx(450)
    assert turn.first_token_ms == pytest.approx(800)
    assert turn.first_tts_ms == pytest.approx(1100)
    assert turn.first_audio_ms == pytest.approx(1150)
    # A frame from the wrong source does not count as the LLM's or the transport's.
    await push(VADUserStoppedSpeakingFrame(stop_secs=0.2, timestamp=0), other, 3.0)
    await push(LLMTextFrame("x"), other, 3.1)
    await push(BotStartedSpeakingFrame(), other, 3.2)
    assert len(recorder.turns) == 1


def _turns(token: list[float], audio: list[float], level: int = 1,
           pipeline: str = "verivoice") -> list[dict]:
    return [{"pipeline": pipeline, "level": level, "call": 0, "turn": i, "transcript_ms": 300.0,
             "first_token_ms": t, "first_tts_ms": a - 50, "first_audio_ms": a}
            for i, (t, a) in enumerate(zip(token, audio, strict=True))]


BUDGET = Budget("cuda", 800, 1400)


def test_budget_under_over_and_failed() -> None:
    under = stage_stats(_turns([500] * 20, [1000] * 20))
    assert verdict(under, BUDGET).code == EXIT_OK
    over = stage_stats(_turns([500] * 18 + [900, 950], [1000] * 18 + [1500, 1600]))
    result = verdict(over, BUDGET)
    assert result.code == EXIT_OVER and len(result.reasons) == 2
    assert "transcript -> first LLM token" in result.reasons[0]
    assert verdict([], BUDGET).code == EXIT_FAILED
    no_audio = [dict(t, first_audio_ms=None) for t in _turns([500] * 5, [1000] * 5)]
    assert verdict(stage_stats(no_audio), BUDGET).code == EXIT_FAILED
    # Only the lowest concurrency is enforced; higher levels are reported.
    loaded = _turns([500] * 10, [1000] * 10) + _turns([2000] * 10, [3000] * 10, level=4)
    assert verdict(stage_stats(loaded), BUDGET).code == EXIT_OK
    # The baseline's figures never decide the verdict.
    slow_stock = _turns([500] * 10, [1000] * 10) + _turns([2000] * 10, [3000] * 10,
                                                          pipeline="baseline")
    assert verdict(stage_stats(slow_stock), BUDGET).code == EXIT_OK
    only_stock = _turns([500] * 10, [1000] * 10, pipeline="baseline")
    assert verdict(stage_stats(only_stock), BUDGET).code == EXIT_FAILED


def test_ratios_over_the_baseline() -> None:
    turns = (_turns([400, 600], [1000, 1200]) + _turns([800, 1200], [2000, 4000],
                                                       pipeline="baseline")
             + _turns([900, 900], [1500, 1500], level=2))
    by_stage = {(lv, st): (p50, p95) for lv, st, p50, p95 in ratios(stage_stats(turns))}
    assert set(by_stage) == {(1, s) for s in ("transcript_ms", "first_token_ms",
                                              "first_tts_ms", "first_audio_ms")}
    assert by_stage[(1, "first_token_ms")] == (pytest.approx(0.5), pytest.approx(0.5))
    assert by_stage[(1, "first_audio_ms")][0] == pytest.approx(1100 / 3000)
    assert by_stage[(1, "first_audio_ms")][1] == pytest.approx(1190 / 3900)
    assert by_stage[(1, "transcript_ms")] == (pytest.approx(1.0), pytest.approx(1.0))


def test_report_files_and_plot(tmp_path: Path) -> None:
    turns = (_turns([400, 500, 600], [900, 1000, 1100])
             + _turns([700, 800, 900], [1200, 1300, 1500], level=2)
             + _turns([800, 1000, 1200], [1800, 2000, 2200], pipeline="baseline"))
    md, result = write_report(tmp_path, turns, BUDGET, {"device": "cpu", "cores": 2,
                                                        "asr_model": "a", "llm_model": "l",
                                                        "tts_voice": "v"})
    assert result.code == EXIT_OK and "within budget" in md
    assert "Ours over the baseline" in md and "| 1 | first audio out | 0.50 |" in md
    report = json.loads((tmp_path / "report.json").read_text())
    assert len(report["turns"]) == 9 and report["verdict"]["code"] == EXIT_OK
    assert {r["stage"] for r in report["ratios_vs_baseline"]} == set(STAGES)
    image = matplotlib.image.imread(tmp_path / "latency.png")
    assert image.shape[0] > 300 and image.shape[1] > 800 and image.std() > 0.01
    table = compare(report, report)
    assert "1.00" in table and "first audio out" in table


def test_failed_run_writes_a_report_that_says_so(tmp_path: Path) -> None:
    md, result = write_report(tmp_path, [], BUDGET, {"device": "cpu", "cores": 2,
                                                     "asr_model": "a", "llm_model": "l",
                                                     "tts_voice": "v"}, error="boom")
    assert result.code == EXIT_FAILED and "RUN FAILED" in md
    assert not (tmp_path / "latency.png").exists()


def test_a_failed_baseline_is_reported_without_losing_our_figures(tmp_path: Path) -> None:
    md, result = write_report(tmp_path, _turns([500] * 3, [1000] * 3), BUDGET,
                              {"device": "cpu", "cores": 2, "asr_model": "a",
                               "llm_model": "l", "tts_voice": "v"},
                              baseline_error="the baseline pipeline failed (exit 1): boom")
    assert result.code == EXIT_OK
    assert "Baseline (Pipecat's stock pipeline): **failed**: the baseline pipeline" in md
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["baseline_error"].endswith("boom") and len(report["turns"]) == 3


def test_a_short_real_run_on_the_cpu(tmp_path: Path) -> None:
    """Two turns through both pipelines: a valid report; slow is fine, broken is not."""
    done = subprocess.run([VERIVOICE, "bench", "run", "--profile", "cpu", "--turns", "2",
                           "--concurrency", "1", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode in (EXIT_OK, EXIT_OVER), done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((tmp_path / "report.json").read_text())
    ours = [t for t in report["turns"] if t["pipeline"] == "verivoice"]
    stock = [t for t in report["turns"] if t["pipeline"] == "baseline"]
    assert len(ours) >= 2 and all(t["first_audio_ms"] for t in ours[:2])
    assert report["baseline_error"] is None and stock, report["baseline_error"]
    assert all(t["first_token_ms"] for t in stock)
    assert {r["stage"] for r in report["ratios_vs_baseline"]} == set(STAGES)
    assert (tmp_path / "latency.png").stat().st_size > 10_000
