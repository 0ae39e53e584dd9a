# SPDX-License-Identifier: GPL-3.0-or-later
#
# Imports piper-tts (GPL-3.0-or-later), directly and through Pipecat's stock PiperTTSService,
# so this benchmark helper is GPL-3.0-or-later and runs as its own process (README, "Licences").
"""`verivoice bench tts`'s other side: Pipecat's stock Piper service and in-process Piper.

Reads one JSON request on stdin: ``{"voice": PATH, "replies": [...], "chunks": [...],
"repeats": N, "sample_rate": R, "token_ms": T}``. Writes one JSON object on stdout:
``{"stock": [[first_audio_ms, audio_s, wall_s, max_gap_ms], ...] per reply and repeat,
"in_process_ms": [ms per chunk and repeat]}``. In-process times are for the same first
chunks the worker synthesises, so the difference is the cost of the process boundary.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path


async def _stock(voice: Path, replies: list[str], repeats: int, rate: int, token_ms: float
                 ) -> list[list[float | None]]:
    from pipecat.services.piper.tts import PiperTTSService

    from verivoice.bench.tts_timing import time_reply

    def service() -> PiperTTSService:
        return PiperTTSService(settings=PiperTTSService.Settings(voice=voice.stem),
                               download_dir=voice.parent)

    await time_reply(service(), replies[0], sample_rate=rate)  # warm-up
    rows = []
    for reply in replies:
        for _ in range(repeats):
            t = await time_reply(service(), reply, token_ms=token_ms, sample_rate=rate)
            rows.append([t.first_audio_ms, t.audio_s, t.wall_s, t.max_gap_ms])
    return rows


def _in_process(voice: Path, chunks: list[str], repeats: int) -> list[float]:
    from piper import PiperVoice

    piper = PiperVoice.load(str(voice))
    list(piper.synthesize(chunks[0]))  # warm-up
    times = []
    for chunk in chunks:
        for _ in range(repeats):
            start = time.perf_counter()
            for _audio in piper.synthesize(chunk):
                break  # first audio
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    from loguru import logger

    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    request = json.load(sys.stdin)
    voice = Path(request["voice"])
    stock = asyncio.run(_stock(voice, request["replies"], request["repeats"],
                               request["sample_rate"], request["token_ms"]))
    in_process = _in_process(voice, request["chunks"], request["repeats"])
    json.dump({"stock": stock, "in_process_ms": in_process}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
