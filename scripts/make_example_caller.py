"""Write examples/caller.wav: a caller's side of a short call, spoken by the project's Piper voice.

Run: .venv/bin/python scripts/make_example_caller.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from verivoice.models.registry import main_path
from verivoice.pipeline.tts.piper import PiperProcess, SynthesisOptions

TURNS = [
    "Hi, I'd like to book an appointment with Doctor Patel next week.",
    "What time do you close on Saturday?",
]
LEAD_IN_S = 1.0
GAP_S = 6.0  # room for the agent's reply before the caller speaks again
RATE = 16000


def main() -> None:
    import soxr

    worker = PiperProcess(main_path("piper-joe-medium", kind="piper"))
    worker.start()
    try:
        options = SynthesisOptions(length_scale=0.95, noise_scale=0.0, noise_w_scale=0.0)
        parts = [np.zeros(int(LEAD_IN_S * RATE), np.float32)]
        for turn in TURNS:
            pcm = np.frombuffer(worker.synthesize(turn, options), np.int16).astype(np.float32)
            parts += [soxr.resample(pcm / 32768.0, worker.sample_rate, RATE),
                      np.zeros(int(GAP_S * RATE), np.float32)]
    finally:
        worker.stop()
    out = Path(__file__).resolve().parent.parent / "examples" / "caller.wav"
    sf.write(out, np.concatenate(parts), RATE, subtype="PCM_16")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
