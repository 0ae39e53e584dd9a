"""`verivoice call CALLER.wav --out REPLY.wav`: a whole call, offline, through the real pipeline."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Annotated

import numpy as np
import soundfile as sf
import typer
from rich.console import Console
from rich.table import Table

from verivoice.config import get_settings
from verivoice.device import resolve_device

console = Console()
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "caller.wav"
MAX_CALLER_S = 600.0


def call(
    caller: Annotated[Path, typer.Argument(help="The caller's audio (any rate, mono or stereo).")] = EXAMPLE,
    out: Annotated[Path, typer.Option(help="Where the agent's side is written (16 kHz WAV).")] = Path("reply.wav"),
    fast: Annotated[bool, typer.Option(help="Stream the caller at 2x and write replies without playing them out.")] = False,
) -> None:
    """Run a call offline: the caller's WAV in, the agent's reply WAV out, with per-turn latency."""
    from verivoice.pipeline.asr.audio import AudioError, read_audio
    from verivoice.pipeline.llm.vllm_server import VllmServer
    from verivoice.pipeline.transports.wav import WavTransport
    from verivoice.server.assembly import CallResources, build_call

    settings = get_settings()
    device = resolve_device(settings.device)
    try:
        audio = read_audio(caller, max_seconds=MAX_CALLER_S)
    except (AudioError, OSError, ValueError) as exc:
        console.print(f"[red]cannot read {caller}: {exc}[/]")
        raise typer.Exit(2) from exc
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()
    seconds = len(audio) / 16000

    async def run() -> tuple[np.ndarray, object]:
        server = None if settings.llm.base_url else VllmServer(settings.llm, device, nice=settings.compute_nice)
        if server is not None:
            console.print("starting the language model (about a minute on a CPU) ...")
            await server.start()
        try:
            resources = await asyncio.to_thread(CallResources.load, settings, device)
            transport = WavTransport(pcm, 16000, out_sample_rate=16000,
                                     speed=2.0 if fast else 1.0, pace=not fast)
            session = build_call(resources, transport, in_sample_rate=16000,
                                 out_sample_rate=16000, call_id="offline")
            console.print(f"calling with {caller} ({seconds:.1f} s) ...")
            await session.run()
            return transport.output().render(seconds), session.recorder
        finally:
            if server is not None:
                await server.stop()

    reply, recorder = asyncio.run(run())
    out.parent.mkdir(parents=True, exist_ok=True)
    sf.write(out, reply, 16000, subtype="PCM_16")
    _print_report(recorder)
    console.print(f"agent audio written to {out} ({len(reply) / 16000:.1f} s, on the caller's timeline)")


def _print_report(recorder) -> None:
    for line in recorder.lines:
        colour = "cyan" if line.speaker == "caller" else "green"
        console.print(f"[{colour}]{line.speaker:>6}[/]: {line.text}")
    table = Table(title="per turn, from the caller's end of speech")
    for column in ("turn", "transcript", "first LLM token", "first audio out"):
        table.add_column(column, justify="right")

    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:.0f} ms"

    for n, turn in enumerate(recorder.turns, 1):
        table.add_row(str(n), ms(turn.transcript_ms), ms(turn.first_token_ms),
                      ms(turn.first_audio_ms))
    with contextlib.suppress(Exception):
        console.print(table)
