"""What a suppressed-token list costs ctranslate2's Whisper decode, by list size and beam.

Digit mode restricts the vocabulary by passing ``suppress_tokens`` (about 48,000 ids for
tiny.en). On the CPU that is cheap; on CUDA, ctranslate2 4.8.5 spent 30 s on one such
decode (docs/gpu.md). This probe times ``generate`` on one short window of a digit clip for
lists of growing size at beam 1 and at the digit mode's beam, and stock faster-whisper over
the clips for reference, and prints one JSON line per measurement.

    python -m verivoice.bench.ct2_suppress_probe --model DIR --clips DIR [--device cuda]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

HOP = 160  # samples per Whisper feature frame at 16 kHz


def _ms(started: float) -> float:
    return round(1000 * (time.perf_counter() - started), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ct2_suppress_probe", description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="a CTranslate2 Whisper folder")
    parser.add_argument("--clips", type=Path, required=True, help="a folder of .wav clips")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--compute-type", default="float16")
    parser.add_argument("--sizes", default="0,100,1000,4000,16000")
    parser.add_argument("--beams", default="1,8")
    parser.add_argument("--frames", type=int, default=500, help="window length (feature frames)")
    args = parser.parse_args(argv)

    import ctranslate2
    from faster_whisper import WhisperModel, decode_audio
    from faster_whisper.tokenizer import Tokenizer

    model = WhisperModel(args.model, device=args.device, compute_type=args.compute_type)
    tokenizer = Tokenizer(model.hf_tokenizer, False, task="transcribe", language="en")
    prompt = [*tokenizer.sot_sequence, tokenizer.no_timestamps]
    clips = sorted(args.clips.glob("*.wav"))

    stock = []
    for clip in clips:
        audio = decode_audio(str(clip))
        started = time.perf_counter()
        segments, _ = model.transcribe(audio, beam_size=1, language="en", without_timestamps=True)
        list(segments)
        stock.append(_ms(started))
    if stock:
        ordered = sorted(stock)
        print(json.dumps({"probe": "stock", "clips": len(ordered), "p50_ms": ordered[len(ordered) // 2],
                          "p90_ms": ordered[int(len(ordered) * 0.9)], "max_ms": ordered[-1]}))

    audio = decode_audio(str(clips[0])) if clips else np.zeros(16000, dtype=np.float32)
    window = np.zeros(args.frames * HOP, dtype=np.float32)
    window[: min(len(audio), len(window))] = audio[: len(window)]
    features = model.feature_extractor(window)[:, : args.frames]
    encoded = model.model.encode(ctranslate2.StorageView.from_array(
        np.ascontiguousarray(features[None])))
    for size in (int(s) for s in args.sizes.split(",")):
        suppress = list(range(1000, 1000 + size)) or [-1]
        for beam in (int(b) for b in args.beams.split(",")):
            started = time.perf_counter()
            model.model.generate(encoded, [prompt], beam_size=beam, num_hypotheses=beam,
                                 max_length=len(prompt) + 20, suppress_tokens=suppress,
                                 return_scores=True)
            print(json.dumps({"probe": "generate", "suppressed": size, "beam": beam,
                              "frames": args.frames, "ms": _ms(started)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
