"""`verivoice demo`: a caller reads a code over a phone line; the ASR hears it.

Until the call pipeline lands, this is what `make run` shows on bundled CPU models: Piper
speaks a random code, the telephone simulation degrades it to 8 kHz mu-law, and the shared
Whisper model transcribes it both as ordinary speech and in digit mode.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import soundfile as sf
from rich.console import Console

from verivoice.config import get_settings
from verivoice.device import resolve_device

console = Console()


def demo() -> None:
    """Speak a random one-time code over a simulated phone line and transcribe it."""
    from verivoice.bench.digit_set import render_clip
    from verivoice.bench.phone_line import PHONE_RATE
    from verivoice.bench.voices import Voice
    from verivoice.pipeline.asr.audio import read_audio
    from verivoice.pipeline.asr.spoken_numbers import SpeakingStyle, digits_to_spoken
    from verivoice.pipeline.asr.whisper import DigitExpectation, WhisperTranscriber

    settings = get_settings()
    device = resolve_device(settings.device)
    console.print(f"[bold]verivoice ASR demo[/] on {device} with {settings.asr.model}")
    code = "".join(random.choice("0123456789") for _ in range(6))
    phrases = digits_to_spoken(code, SpeakingStyle.REPEATS, [3, 3])
    phrases[0] = "my code is " + phrases[0]
    console.print(f"caller says: {' ... '.join(phrases)!r}  (demo code {code})")
    audio8k = render_clip(Voice("piper", settings.tts.voice), phrases, seed=random.randrange(10**6))
    wav = Path(tempfile.gettempdir()) / "verivoice-demo-caller.wav"
    sf.write(wav, audio8k, PHONE_RATE, subtype="ULAW")
    console.print(f"phone-line audio written to {wav}")
    transcriber = WhisperTranscriber.shared(settings.asr, device)
    audio = read_audio(wav, max_seconds=settings.asr.max_audio_s)
    plain = transcriber.transcribe(audio)
    console.print(f"ordinary decoding: {plain.text!r} [{plain.decode_ms:.0f} ms]")
    digits = transcriber.transcribe(audio, DigitExpectation.code(6))
    verdict = "[green]match[/]" if digits.digits == code else "[red]no match[/]"
    if digits.unsure:
        verdict += " (unsure: the agent would ask again)"
    console.print(
        f"digit mode: {digits.digits} confidence {digits.confidence:.2f} "
        f"[{digits.decode_ms:.0f} ms] {verdict}"
    )
