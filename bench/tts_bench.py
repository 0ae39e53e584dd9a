"""`verivoice bench tts`: time to first audio and real-time factor, ours against Pipecat's stock.

Both services speak the same voice and the same fixed replies (:mod:`tts_replies`), each
through the same one-service pipeline (:mod:`tts_timing`), in one run. The stock
``PiperTTSService`` runs Piper in process, so it is measured in a child process
(:mod:`stock_piper`, GPL); that child also times in-process Piper on the first chunks our
worker synthesises, which gives the latency cost of the process boundary.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from verivoice.bench.tts_replies import all_replies
from verivoice.bench.tts_timing import time_reply
from verivoice.config import TtsSettings
from verivoice.pipeline.tts.clauses import split_for_speech
from verivoice.pipeline.tts.piper import PiperProcess
from verivoice.pipeline.tts.service import (
    PiperWorkerTTSService,
    chunk_rules,
    load_voice,
    synthesis_options,
)
from verivoice.pipeline.tts.speech_text import SpeechText


@dataclass
class Row:
    service: str
    kind: str
    reply: int
    first_audio_ms: float | None
    audio_s: float
    wall_s: float
    max_gap_ms: float


@dataclass
class Summary:
    service: str
    kind: str
    runs: int
    first_audio_p50_ms: float
    first_audio_p95_ms: float
    rtf_p50: float
    rtf_p95: float
    max_gap_ms: float


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def summarise(rows: list[Row]) -> list[Summary]:
    out = []
    for service in sorted({r.service for r in rows}):
        for kind in ["short", "long", "numbers", "all"]:
            sel = [r for r in rows if r.service == service and kind in (r.kind, "all")
                   and r.first_audio_ms is not None]
            if not sel:
                continue
            first = [r.first_audio_ms for r in sel]
            rtf = [r.wall_s / r.audio_s for r in sel if r.audio_s]
            out.append(Summary(service, kind, len(sel), _pct(first, 50), _pct(first, 95),
                               _pct(rtf, 50), _pct(rtf, 95), max(r.max_gap_ms for r in sel)))
    return out


def first_chunks(tts: TtsSettings) -> list[str]:
    """The first chunk our service synthesises for each reply (what the caller waits for)."""
    speech = SpeechText(day_first=tts.day_first)
    return [speech.render(split_for_speech(reply, chunk_rules(tts))[0])
            for _, reply in all_replies()]


def _stock_side(worker: PiperProcess, replies: list[str], chunks: list[str], repeats: int,
                sample_rate: int, token_ms: float) -> dict:
    request = {"voice": str(worker.model), "replies": replies, "chunks": chunks,
               "repeats": repeats, "sample_rate": sample_rate, "token_ms": token_ms}
    done = subprocess.run([sys.executable, "-m", "verivoice.bench.stock_piper"],
                          input=json.dumps(request), capture_output=True, text=True,
                          timeout=1800, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"stock Piper benchmark failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def _boundary_ms(worker: PiperProcess, chunks: list[str], repeats: int) -> list[float]:
    """Request to first audio through the worker, for the same chunks timed in process."""
    import time

    async def one(chunk: str) -> float:
        start = time.perf_counter()
        async for _pcm in worker.stream(chunk):
            return (time.perf_counter() - start) * 1000
        return float("nan")

    async def all_chunks() -> list[float]:
        await one(chunks[0])  # warm-up
        return [await one(c) for c in chunks for _ in range(repeats)]

    return asyncio.run(all_chunks())


def run(tts: TtsSettings, *, repeats: int, token_ms: float, sample_rate: int,
        progress: Callable[[int], None] = lambda n: None) -> tuple[list[Row], dict]:
    """Measure both services on every reply ``repeats`` times; return rows and extras."""
    worker, phrases = load_voice(tts)
    replies = all_replies()

    async def ours() -> list[Row]:
        await time_reply(PiperWorkerTTSService(tts=tts, worker=worker, phrases=phrases),
                         replies[0][1], sample_rate=sample_rate)  # warm-up
        rows = []
        for i, (kind, reply) in enumerate(replies):
            for _ in range(repeats):
                service = PiperWorkerTTSService(tts=tts, worker=worker, phrases=phrases)
                t = await time_reply(service, reply, token_ms=token_ms, sample_rate=sample_rate)
                rows.append(Row("verivoice", kind, i, t.first_audio_ms, t.audio_s, t.wall_s,
                                t.max_gap_ms))
                progress(1)
        return rows

    rows = asyncio.run(ours())
    chunks = first_chunks(tts)
    stock = _stock_side(worker, [r for _, r in replies], chunks, repeats, sample_rate, token_ms)
    for n, (first, audio_s, wall_s, gap) in enumerate(stock["stock"]):
        i = n // repeats
        rows.append(Row("pipecat-stock", replies[i][0], i, first, audio_s, wall_s, gap))
    progress(len(replies) * repeats)
    through_worker = _boundary_ms(worker, chunks, repeats)
    extras = {
        "first_chunk_in_process_p50_ms": _pct(stock["in_process_ms"], 50),
        "first_chunk_worker_p50_ms": _pct(through_worker, 50),
        "boundary_cost_p50_ms": _pct(through_worker, 50) - _pct(stock["in_process_ms"], 50),
        "cached_phrases": len(phrases),
    }
    return rows, extras


def machine_info(tts: TtsSettings, sample_rate: int, token_ms: float, repeats: int) -> dict:
    import onnxruntime

    return {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
            "voice": tts.voice, "options": asdict(synthesis_options(tts)),
            "first_chunk_words": tts.first_chunk_words, "sample_rate": sample_rate,
            "token_ms": token_ms, "repeats": repeats,
            "onnxruntime": onnxruntime.__version__,
            "providers": onnxruntime.get_available_providers()}


def markdown(summaries: list[Summary], info: dict, extras: dict) -> str:
    feed = (f"tokens every {info['token_ms']:.0f} ms" if info["token_ms"]
            else "the whole reply at once")
    lines = [
        f"Voice `{info['voice']}` on {info['cores']} CPU cores ({info['cpu']}), output "
        f"{info['sample_rate']} Hz, text fed as {feed}, {info['repeats']} runs per reply. "
        "First audio: from the reply's first token to its first audio frame. RTF: wall time "
        "to the last frame / audio length. Max gap: the longest wait playback would have had "
        "after it started.",
        "",
        "| service | replies | runs | first audio p50 | p95 | RTF p50 | RTF p95 | max gap |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in summaries:
        lines.append(f"| {s.service} | {s.kind} | {s.runs} | {s.first_audio_p50_ms:.0f} ms | "
                     f"{s.first_audio_p95_ms:.0f} ms | {s.rtf_p50:.3f} | {s.rtf_p95:.3f} | "
                     f"{s.max_gap_ms:.0f} ms |")
    lines += [
        "",
        f"Process boundary (first chunk, request to first audio): in process "
        f"{extras['first_chunk_in_process_p50_ms']:.1f} ms, through the worker "
        f"{extras['first_chunk_worker_p50_ms']:.1f} ms: cost "
        f"{extras['boundary_cost_p50_ms']:.1f} ms at p50.",
    ]
    return "\n".join(lines) + "\n"


def write_report(out: Path, rows: list[Row], info: dict, extras: dict) -> str:
    out.mkdir(parents=True, exist_ok=True)
    summaries = summarise(rows)
    md = markdown(summaries, info, extras)
    (out / "tts-report.md").write_text(md)
    (out / "tts-report.json").write_text(json.dumps(
        {"machine": info, "extras": extras, "summaries": [asdict(s) for s in summaries],
         "rows": [asdict(r) for r in rows]}, indent=1))
    return md
