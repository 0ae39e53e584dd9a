"""`verivoice bench run`: scripted calls through the real pipeline, timed turn by turn.

Each call plays a caller script (spoken by the project's Piper voice, 16 kHz) in real time
into the same pipeline a phone or browser call gets: Silero VAD, Whisper, the code gate,
vLLM, Piper and the transport's 20 ms framing. The call's :class:`TurnRecorder` times every
turn from the caller's end of speech (VAD stop less ``stop_secs``) to the transcript, the
first LLM token, the first TTS audio and the first audio the transport plays. Calls run
1, 2, 4, ... at a time to show how latency grows with load.

The baseline (:mod:`stock_call`, its own GPL process because Pipecat's stock Piper service
imports piper-tts) plays the same caller audio through Pipecat's stock services on the same
models and the same LLM server, timed by the same recorder.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import soxr

from verivoice.models.registry import main_path, resolve
from verivoice.pipeline.transports.wav import WavTransport
from verivoice.pipeline.tts.piper import SynthesisOptions
from verivoice.server.assembly import CallResources, build_call

RATE = 16000

# (what the caller says, seconds of silence after it). The short gap makes the next turn
# barge in while the agent is still answering.
SCRIPT: list[tuple[str, float]] = [
    ("Hi, I'd like to book an appointment for next week.", 6.0),
    ("Do you have parking for patients?", 1.5),  # the model answers (hours come from the profile)
    ("Sorry, actually, do you take walk-ins on Monday mornings?", 6.0),
    ("My member number is four seven two nine one five.", 6.0),
    ("How much is a regular check-up without insurance?", 6.0),
    ("Okay, thanks. That's all for today.", 6.0),
]
STAGES = ("transcript_ms", "first_token_ms", "first_tts_ms", "first_audio_ms")


@dataclass
class TurnRecord:
    """One timed turn of one call at one concurrency level, of one pipeline."""

    pipeline: str  # "verivoice" or "baseline" (Pipecat's stock services)
    level: int
    call: int
    turn: int
    transcript_ms: float | None
    first_token_ms: float | None
    first_tts_ms: float | None
    first_audio_ms: float | None


def caller_audio(resources: CallResources, turns: list[tuple[str, float]]) -> bytes:
    """The caller's side of a scripted call: 16-bit PCM at 16 kHz, speech and gaps."""
    pieces = [np.zeros(int(0.5 * RATE), np.float32)]
    options = SynthesisOptions(length_scale=0.95, noise_scale=0.0, noise_w_scale=0.0)
    for text, gap_s in turns:
        pcm = np.frombuffer(resources.voice.synthesize(text, options), np.int16)
        speech = soxr.resample(pcm.astype(np.float32) / 32768.0, resources.voice.sample_rate,
                               RATE)
        pieces += [speech.astype(np.float32), np.zeros(int(gap_s * RATE), np.float32)]
    audio = np.concatenate(pieces)
    return (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()


async def run_level(resources: CallResources, pcm: bytes, *, level: int, calls: int
                    ) -> list[TurnRecord]:
    """``calls`` scripted calls, ``level`` at a time; every turn's timing."""
    records: list[TurnRecord] = []
    for start in range(0, calls, level):
        batch = []
        for n in range(start, min(start + level, calls)):
            transport = WavTransport(pcm, RATE, out_sample_rate=RATE, tail_s=4.0)
            batch.append((n, build_call(resources, transport, in_sample_rate=RATE,
                                        out_sample_rate=RATE, call_id=f"bench-{level}-{n}",
                                        greet=False)))
        await asyncio.gather(*(call.run() for _, call in batch))
        for n, call in batch:
            for k, t in enumerate(call.recorder.turns):
                records.append(TurnRecord("verivoice", level, n, k, t.transcript_ms, t.first_token_ms,
                                          t.first_tts_ms, t.first_audio_ms))
    return records


def calls_for(turns: int, script_turns: int, level: int) -> int:
    """Calls needed for at least ``turns`` turns, rounded up to whole batches of ``level``."""
    calls = max(1, math.ceil(turns / script_turns))
    return math.ceil(calls / level) * level


def levels_up_to(cap: int) -> list[int]:
    """1, 2, 4, ... up to ``cap`` (``cap`` itself included)."""
    levels, n = [], 1
    while n < cap:
        levels.append(n)
        n *= 2
    return [*levels, cap]


async def run(resources: CallResources, *, turns: int, levels: list[int],
              calls: int | None = None, baseline_levels: Sequence[int] = (),
              script: list[tuple[str, float]] = SCRIPT,
              progress: Callable[[int], None] = lambda n: None
              ) -> tuple[list[TurnRecord], str | None]:
    """Every concurrency level in turn, at least ``turns`` turns (or ``calls`` calls) each.

    Returns:
        Every turn's record, and why the baseline failed (``None``: it ran, or was not
        asked for). A failed baseline does not lose our pipeline's figures.

    Args:
        resources: The process's models.
        turns: Turns to measure per level (the script is cut short for fewer).
        levels: Calls at once, one run per level.
        calls: Calls per level instead of ``turns`` (rounded up to whole batches).
        baseline_levels: Levels to run Pipecat's stock pipeline at, after ours.
        script: The caller's turns.
        progress: Advanced by one after each level.
    """
    script = script[:turns]  # a short run plays a short call
    pcm = await asyncio.to_thread(caller_audio, resources, script)

    def count(level: int) -> int:
        wanted = calls if calls is not None else calls_for(turns, len(script), level)
        return math.ceil(wanted / level) * level

    records: list[TurnRecord] = []
    for level in levels:
        records += await run_level(resources, pcm, level=level, calls=count(level))
        progress(1)
    baseline_error = None
    if baseline_levels:
        try:
            records += await run_baseline(resources, pcm,
                                          {lv: count(lv) for lv in baseline_levels})
        except (RuntimeError, OSError, ValueError, TypeError) as exc:
            baseline_error = str(exc)
        progress(1)
    return records, baseline_error


async def run_baseline(resources: CallResources, pcm: bytes, calls: dict[int, int]
                       ) -> list[TurnRecord]:
    """Pipecat's stock pipeline on the same caller audio, in its own (GPL) process.

    Raises:
        RuntimeError: the baseline process failed (its last output lines say why).
    """
    settings = resources.settings
    with tempfile.TemporaryDirectory(prefix="verivoice-baseline-") as tmp:
        pcm_path = Path(tmp) / "caller.pcm"
        pcm_path.write_bytes(pcm)
        request = {"pcm": str(pcm_path), "rate": RATE, "levels": sorted(calls),
                   "calls": {str(k): v for k, v in calls.items()},
                   "whisper": str(resolve(settings.asr.model, kind="whisper")),
                   "voice": str(main_path(settings.tts.voice, kind="piper")),
                   "device": resources.device}
        env = {**os.environ, "VERIVOICE_LLM__BASE_URL": settings.llm.url}
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "verivoice.bench.stock_call", stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env)
        out, err = await child.communicate(json.dumps(request).encode())
    if child.returncode != 0:
        tail = err.decode(errors="replace")[-2000:]
        raise RuntimeError(f"the baseline pipeline failed (exit {child.returncode}): {tail}")
    return [TurnRecord(**row) for row in json.loads(out)]


def as_dicts(records: list[TurnRecord]) -> list[dict]:
    return [asdict(r) for r in records]
