"""`verivoice bench asr`: exact-code accuracy and latency, stock decoding against ours.

Every clip of a digit test set (see :mod:`verivoice.bench.digit_set`) is transcribed, in one
run and with the same loaded model, by:

- ``stock``: faster-whisper called as Pipecat's ``WhisperSTTService`` calls it;
- ``plain``: our ordinary-speech decoding (short window, bounded), digits read off its text;
- ``digits``: our digit mode as configured (by default with its second pass on doubtful
  readings);
- ``digits-1pass``: digit mode without that second pass, for comparison;
- ``digits+views``: digit mode with two tempo views (0.9, 1.1) always pooled in, for comparison.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from verivoice.bench.digit_set import Clip, load_manifest
from verivoice.config import AsrSettings, ResolvedDevice
from verivoice.pipeline.asr.audio import SAMPLE_RATE, read_audio
from verivoice.pipeline.asr.spoken_numbers import spoken_to_digits
from verivoice.pipeline.asr.whisper import DigitExpectation, WhisperTranscriber


@dataclass
class ClipResult:
    file: str
    voice: str
    style: str
    seconds: float
    method: str
    expected: str
    digits: str | None
    unsure: bool
    confidence: float
    ms: float

    @property
    def exact(self) -> bool:
        return self.digits == self.expected


@dataclass
class MethodSummary:
    method: str
    clips: int
    exact: float
    exact_when_sure: float
    confident_wrong: float
    unsure: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    p50_ms_5s: float  # clips of 4.5 s or longer: the "5 s utterance"
    by_voice: dict[str, float] = field(default_factory=dict)


class DecodeTooSlow(RuntimeError):
    """One decode took longer than the run allows."""


def _expectation(clip: Clip) -> DigitExpectation:
    return DigitExpectation.code(len(clip.digits)) if clip.kind == "code" else DigitExpectation.phone()


def run(
    set_dir: Path,
    asr: AsrSettings,
    device: ResolvedDevice,
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    max_decode_s: float | None = None,
) -> tuple[list[ClipResult], list[MethodSummary]]:
    """Transcribe every clip with each method; return per-clip results and summaries.

    Raises:
        DecodeTooSlow: One decode (the warm-up's included) took over ``max_decode_s``: the
            run stops there rather than spend an hour on a path that cannot serve a call.
    """
    clips = load_manifest(set_dir)[:limit]
    ours = WhisperTranscriber(asr.model, device, asr)
    # Each comparison loads its own copy of the model, once, before any clip is timed.
    one_pass = WhisperTranscriber(asr.model, device, asr.model_copy(
        update={"digit_fallback_views": ()}))
    views = WhisperTranscriber(asr.model, device, asr.model_copy(
        update={"digit_tempo_views": (0.9, 1.1), "digit_fallback_views": ()}))
    methods: dict[str, Callable[[np.ndarray, Clip], tuple[str | None, bool, float]]] = {
        "stock": lambda a, c: (spoken_to_digits(ours.transcribe_stock(a)) or None, False, 1.0),
        "plain": lambda a, c: (spoken_to_digits(ours.transcribe(a).text) or None, False, 1.0),
        "digits": lambda a, c: _digits(ours, a, c),
        "digits-1pass": lambda a, c: _digits(one_pass, a, c),
        "digits+views": lambda a, c: _digits(views, a, c),
    }
    # Warm each path once so the first clip does not pay for lazy initialisation.
    warm = np.zeros(SAMPLE_RATE, dtype=np.float32)
    warm[::50] = 0.1
    ours.transcribe_stock(warm)
    started = time.perf_counter()
    ours.transcribe(warm, DigitExpectation.code())
    took = time.perf_counter() - started
    if max_decode_s is not None and took > max_decode_s:
        raise DecodeTooSlow(f"the digit-mode warm-up took {took:.1f} s (limit {max_decode_s:g} s)")
    results: list[ClipResult] = []
    for clip in clips:
        audio = read_audio(set_dir / clip.file, max_seconds=asr.max_audio_s)
        for name, fn in methods.items():
            started = time.perf_counter()
            digits, unsure, conf = fn(audio, clip)
            ms = (time.perf_counter() - started) * 1000.0
            if max_decode_s is not None and ms > 1000.0 * max_decode_s:
                raise DecodeTooSlow(f"{name} took {ms / 1000:.1f} s on one clip ({clip.file}; "
                                    f"limit {max_decode_s:g} s)")
            results.append(ClipResult(
                clip.file, clip.voice, clip.style, len(audio) / SAMPLE_RATE, name,
                clip.digits, digits, unsure, conf, ms,
            ))
        if progress:
            progress(1)
    return results, summarise(results)


def _digits(t: WhisperTranscriber, audio: np.ndarray, clip: Clip) -> tuple[str | None, bool, float]:
    r = t.transcribe(audio, _expectation(clip))
    return r.digits, r.unsure, r.confidence


def summarise(results: list[ClipResult]) -> list[MethodSummary]:
    by_method: dict[str, list[ClipResult]] = defaultdict(list)
    for r in results:
        by_method[r.method].append(r)
    out: list[MethodSummary] = []
    for method, rs in by_method.items():
        voices: dict[str, list[bool]] = defaultdict(list)
        for r in rs:
            voices[r.voice.split("@")[0]].append(r.exact)
        ms = np.array([r.ms for r in rs])
        out.append(MethodSummary(
            method=method,
            clips=len(rs),
            exact=float(np.mean([r.exact for r in rs])),
            exact_when_sure=float(np.mean([r.exact for r in rs if not r.unsure] or [0.0])),
            confident_wrong=float(np.mean([not r.exact and not r.unsure for r in rs])),
            unsure=float(np.mean([r.unsure for r in rs])),
            p50_ms=float(np.percentile(ms, 50)),
            p95_ms=float(np.percentile(ms, 95)),
            p99_ms=float(np.percentile(ms, 99)),
            p50_ms_5s=float(np.percentile([r.ms for r in rs if r.seconds >= 4.5] or [0.0], 50)),
            by_voice={v: float(np.mean(x)) for v, x in sorted(voices.items())},
        ))
    return out


def machine_info(device: ResolvedDevice, asr: AsrSettings) -> dict[str, object]:
    import ctranslate2
    import faster_whisper

    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "device": device,
        "cuda_devices": ctranslate2.get_cuda_device_count(),
        "model": asr.model,
        "faster_whisper": faster_whisper.__version__,
        "ctranslate2": ctranslate2.__version__,
        "python": platform.python_version(),
    }


def markdown(summaries: list[MethodSummary], info: dict[str, object], mean_seconds: float) -> str:
    lines = [
        f"Model `{info['model']}` on {info['device']} ({info['cores']} cores), "
        f"{summaries[0].clips} telephone clips (8 kHz mu-law, mean {mean_seconds:.1f} s).",
        "",
        "| method | exact codes | exact when sure | wrong but sure | unsure (ask again) | p50 ms | p95 ms | p99 ms | p50 ms, clips >= 4.5 s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        lines.append(
            f"| {s.method} | {s.exact:.1%} | {s.exact_when_sure:.1%} | {s.confident_wrong:.1%} | {s.unsure:.1%} | "
            f"{s.p50_ms:.0f} | {s.p95_ms:.0f} | {s.p99_ms:.0f} | {s.p50_ms_5s:.0f} |"
        )
    voices = list(summaries[0].by_voice)
    lines += ["", "Exact codes by voice:", "",
              "| method | " + " | ".join(voices) + " |",
              "| --- |" + " ---: |" * len(voices)]
    for s in summaries:
        lines.append(f"| {s.method} | " + " | ".join(f"{s.by_voice[v]:.0%}" for v in voices) + " |")
    return "\n".join(lines) + "\n"


def write_report(out_dir: Path, results: list[ClipResult], summaries: list[MethodSummary],
                 info: dict[str, object]) -> str:
    out_dir.mkdir(parents=True, exist_ok=True)
    seconds = float(np.mean([r.seconds for r in results])) if results else 0.0
    md = markdown(summaries, info, seconds)
    (out_dir / "asr-report.md").write_text(md)
    (out_dir / "asr-report.json").write_text(json.dumps({
        "machine": info,
        "summaries": [asdict(s) for s in summaries],
        "clips": [asdict(r) for r in results],
    }, indent=1))
    return md
