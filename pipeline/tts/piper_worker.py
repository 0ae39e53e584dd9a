# SPDX-License-Identifier: GPL-3.0-or-later
#
# This file is the only part of verivoice's runtime that imports piper-tts (GPL-3.0-or-later),
# so it is licensed GPL-3.0-or-later. It runs as its own process; the Apache-2.0 rest of
# verivoice talks to it only through the pipe protocol below (see README, "Licences").
"""Piper synthesis worker: one process, one loaded voice, a small pipe protocol.

Requests arrive on stdin, one JSON object per line:

- ``{"op": "synth", "id": 7, "text": "...", "length_scale": 1.0, "noise_scale": 0.667,
  "noise_w_scale": 0.8, "speaker_id": null}``: synthesise; every field but ``op``, ``id`` and
  ``text`` is optional (the voice's own defaults apply).
- ``{"op": "cancel", "id": 7}``: drop request 7 (what is not yet synthesised is skipped).
- ``{"op": "quit"}`` or end of input: finish and exit.

Replies leave on stdout as a JSON header line, followed by ``bytes`` bytes of payload:

- ``{"type": "ready", "sample_rate": 22050, "bytes": 0}`` once the voice is loaded;
- ``{"type": "audio", "id": 7, "bytes": N}`` + N bytes of 16-bit mono PCM, one per sentence;
- ``{"type": "done", "id": 7, "bytes": 0}`` when request 7 is complete or was cancelled;
- ``{"type": "error", "id": 7, "message": "...", "bytes": 0}`` when it failed.

Messages never contain the text (it may be PHI); nor does anything this worker logs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO

from verivoice.pipeline.compute_priority import lower_current_thread, lower_own_session


class _Replies:
    """Serialises reply messages from several synthesis threads onto one stream."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, header: dict[str, Any], payload: bytes = b"") -> None:
        header["bytes"] = len(payload)
        line = json.dumps(header, separators=(",", ":")).encode() + b"\n"
        with self._lock:
            self._stream.write(line + payload)
            self._stream.flush()


def _protocol_stdout() -> BinaryIO:
    """Take stdout for the protocol and point file descriptor 1 at stderr.

    Anything a library prints (espeak-ng, onnxruntime) then lands on stderr instead of
    corrupting the audio stream.
    """
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(protocol_fd, "wb", buffering=0)


def _synthesis_config(request: dict[str, Any], voice: Any) -> Any:
    from piper import SynthesisConfig

    def number(key: str, default: float | None) -> float | None:
        value = request.get(key)
        return float(value) if isinstance(value, int | float) else default

    speaker = request.get("speaker_id")
    if not isinstance(speaker, int) or not 0 <= speaker < max(1, voice.config.num_speakers):
        speaker = None
    return SynthesisConfig(
        speaker_id=speaker,
        length_scale=number("length_scale", None),
        noise_scale=number("noise_scale", None),
        noise_w_scale=number("noise_w_scale", None),
    )


def serve(model: str, threads: int, cuda: bool = False) -> int:
    """Load the voice, then answer requests until stdin closes."""
    replies = _Replies(_protocol_stdout())
    try:
        from piper import PiperVoice

        voice = PiperVoice.load(model, use_cuda=cuda)
    except Exception as exc:
        print(f"piper worker: cannot load voice {model}: {type(exc).__name__}: {exc}",
              file=sys.stderr, flush=True)
        return 2

    cancelled: set[int] = set()
    cancelled_lock = threading.Lock()

    def is_cancelled(request_id: int) -> bool:
        with cancelled_lock:
            return request_id in cancelled

    def synthesise(request: dict[str, Any]) -> None:
        request_id = request["id"]
        try:
            text = str(request.get("text") or "").strip()
            if text and not is_cancelled(request_id):
                config = _synthesis_config(request, voice)
                for chunk in voice.synthesize(text, syn_config=config):
                    if is_cancelled(request_id):
                        break
                    replies.send({"type": "audio", "id": request_id}, chunk.audio_int16_bytes)
            replies.send({"type": "done", "id": request_id})
        except Exception as exc:
            replies.send({"type": "error", "id": request_id,
                          "message": f"synthesis failed ({type(exc).__name__})"})
        finally:
            with cancelled_lock:
                cancelled.discard(request_id)

    replies.send({"type": "ready", "sample_rate": int(voice.config.sample_rate)})
    with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="piper") as pool:
        for raw in sys.stdin.buffer:
            try:
                request = json.loads(raw)
                op = request["op"]
                request_id = request.get("id")
            except (ValueError, KeyError, TypeError):
                print("piper worker: ignored a malformed request line", file=sys.stderr, flush=True)
                continue
            if op == "quit":
                break
            if not isinstance(request_id, int):
                print("piper worker: ignored a request without an integer id", file=sys.stderr,
                      flush=True)
                continue
            if op == "cancel":
                with cancelled_lock:
                    cancelled.add(request_id)
            elif op == "synth":
                pool.submit(synthesise, request)
            else:
                replies.send({"type": "error", "id": request_id, "message": "unknown op"})
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="Piper .onnx voice (its .onnx.json beside it)")
    parser.add_argument("--threads", type=int, default=1, help="requests synthesised at once")
    parser.add_argument("--cuda", action="store_true", help="onnxruntime-gpu's CUDA provider")
    parser.add_argument("--nice", type=int, default=0,
                        help="nice value to run at (before any thread starts)")
    args = parser.parse_args(argv)
    lower_current_thread(args.nice)
    lower_own_session(args.nice)  # the worker runs in its own session
    return serve(args.model, args.threads, args.cuda)


if __name__ == "__main__":
    sys.exit(main())
