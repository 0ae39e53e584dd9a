"""`verivoice bench llm`: time to first token and tokens/s for a voice-sized prompt.

The prompt is a system prompt plus six turns and a new question, as a call has after a
minute. ``warm`` repeats one system prompt, so vLLM's prefix cache serves it; ``cold``
makes every system prompt unique, so the whole prompt is computed. Each is measured at the
given concurrency levels with streaming requests, as the pipeline makes them.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from openai import AsyncOpenAI

from verivoice.config import LlmSettings

SYSTEM_PROMPT = (
    "You are the phone receptionist of Riverside Family Clinic. Speak in short, plain "
    "sentences a caller can follow by ear, one or two at a time. You can tell callers the "
    "opening hours (Monday to Friday, eight to six; Saturday, nine to one), book, move or "
    "cancel appointments, and pass messages to the nurses. Never give medical advice; for "
    "anything urgent tell the caller to hang up and dial the emergency number. Before you "
    "read out anything from a patient's record you must verify the caller with a one-time "
    "code sent by text message."
)
TURNS = [
    ("user", "Hi, I'd like to book an appointment with Doctor Patel."),
    ("assistant", "Of course. Is this for a check-up or for something specific?"),
    ("user", "Just a check-up. Sometime next week if possible."),
    ("assistant", "Doctor Patel has Tuesday at ten or Thursday at three. Which suits you?"),
    ("user", "Thursday at three, please."),
    ("assistant", "Thursday at three it is. Can I have your date of birth to find your file?"),
]
QUESTION = "Actually, before that, what time do you close on Saturday?"


@dataclass
class RequestResult:
    cache: str
    concurrency: int
    ttft_ms: float
    tokens: int
    tokens_per_s: float
    total_ms: float


@dataclass
class LevelSummary:
    cache: str
    concurrency: int
    requests: int
    ttft_p50_ms: float
    ttft_p95_ms: float
    tps_p50: float
    tps_p95: float


def _messages(cache: str) -> list[dict[str, str]]:
    system = SYSTEM_PROMPT if cache == "warm" else f"[session {uuid.uuid4()}] {SYSTEM_PROMPT}"
    return ([{"role": "system", "content": system}]
            + [{"role": r, "content": c} for r, c in TURNS]
            + [{"role": "user", "content": QUESTION}])


async def _one(client: AsyncOpenAI, model: str, cache: str, level: int, max_tokens: int) -> RequestResult:
    started = time.perf_counter()
    first: float | None = None
    tokens = 0
    stream = await client.chat.completions.create(
        model=model, messages=_messages(cache), max_tokens=max_tokens, temperature=0.0,
        stream=True, stream_options={"include_usage": True},
    )
    async for event in stream:
        if event.choices and event.choices[0].delta.content and first is None:
            first = time.perf_counter()
        if event.usage is not None:
            tokens = event.usage.completion_tokens
    end = time.perf_counter()
    first = first or end
    decode_s = max(end - first, 1e-6)
    return RequestResult(cache, level, (first - started) * 1000, tokens,
                         max(tokens - 1, 0) / decode_s, (end - started) * 1000)


async def run(llm: LlmSettings, *, requests: int, levels: list[int], max_tokens: int = 48,
              progress: Callable[[int], None] | None = None) -> list[RequestResult]:
    """Send ``requests`` streaming requests per cache state and concurrency level."""
    client = AsyncOpenAI(base_url=llm.url, api_key=llm.bearer, max_retries=0, timeout=120)
    await _one(client, llm.served_name, "warm", 1, 4)  # fills the prefix cache for "warm"
    results: list[RequestResult] = []
    for cache in ("warm", "cold"):
        for level in levels:
            done = 0
            while done < requests:
                wave = min(level, requests - done)
                results += await asyncio.gather(
                    *[_one(client, llm.served_name, cache, level, max_tokens) for _ in range(wave)])
                done += wave
                if progress:
                    progress(wave)
    await client.close()
    return results


def summarise(results: list[RequestResult]) -> list[LevelSummary]:
    out = []
    for cache in ("warm", "cold"):
        for level in sorted({r.concurrency for r in results}):
            rs = [r for r in results if r.cache == cache and r.concurrency == level]
            if not rs:
                continue
            ttft = [r.ttft_ms for r in rs]
            tps = [r.tokens_per_s for r in rs]
            out.append(LevelSummary(cache, level, len(rs),
                                    float(np.percentile(ttft, 50)), float(np.percentile(ttft, 95)),
                                    float(np.percentile(tps, 50)), float(np.percentile(tps, 95))))
    return out


def write_report(out: Path, results: list[RequestResult], summaries: list[LevelSummary],
                 info: dict[str, object]) -> str:
    out.mkdir(parents=True, exist_ok=True)
    lines = [f"Model `{info['model']}` via {info['url']} ({info['device']}).", "",
             "| prefix cache | concurrency | requests | TTFT p50 ms | TTFT p95 ms | tokens/s p50 | tokens/s p95 |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {s.cache} | {s.concurrency} | {s.requests} | {s.ttft_p50_ms:.0f} | "
              f"{s.ttft_p95_ms:.0f} | {s.tps_p50:.1f} | {s.tps_p95:.1f} |" for s in summaries]
    md = "\n".join(lines) + "\n"
    (out / "llm-report.md").write_text(md)
    (out / "llm-report.json").write_text(json.dumps(
        {"machine": info, "summaries": [asdict(s) for s in summaries],
         "requests": [asdict(r) for r in results]}, indent=1))
    return md
