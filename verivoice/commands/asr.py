"""`verivoice asr FILE.wav ...`: transcribe files, optionally in digit mode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from verivoice.config import get_settings
from verivoice.device import resolve_device
from verivoice.pipeline.asr.audio import AudioError, read_audio
from verivoice.pipeline.asr.whisper import DigitExpectation, WhisperTranscriber

console = Console(stderr=True)


def asr(
    files: Annotated[list[Path], typer.Argument(help="Audio files (WAV incl. 8 kHz mu-law, FLAC, ...).")],
    digits: Annotated[bool, typer.Option("--digits", help="Digit mode: read out a digit string.")] = False,
    expect_digits: Annotated[
        int | None, typer.Option("--expect-digits", min=1, max=32, help="Digit mode, expecting N digits.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    model: Annotated[str | None, typer.Option(help="Registry name, local path or hub id.")] = None,
) -> None:
    """Transcribe each file. A file that cannot be read gets an error line; the rest go on.

    Exit code 1 when any file failed.
    """
    settings = get_settings()
    asr_settings = settings.asr.model_copy(update={"model": model}) if model else settings.asr
    transcriber = WhisperTranscriber.shared(asr_settings, resolve_device(settings.device))
    expectation = None
    if expect_digits is not None:
        expectation = DigitExpectation("digits", (expect_digits,))
    elif digits:
        expectation = DigitExpectation()
    failed = 0
    for path in files:
        try:
            audio = read_audio(path, max_seconds=asr_settings.max_audio_s)
            result = transcriber.transcribe(audio, expectation)
        except AudioError as exc:
            failed += 1
            if as_json:
                print(json.dumps({"file": str(path), "error": str(exc)}), flush=True)
            else:
                console.print(f"[red]error[/] {exc}")
            continue
        record = {
            "file": str(path),
            "text": result.text,
            "digits": result.digits if expectation is not None else None,
            "confidence": round(result.confidence, 3),
            "unsure": result.unsure,
            "ms": round(result.decode_ms, 1),
        }
        if as_json:
            print(json.dumps(record), flush=True)
        else:
            extra = ""
            if expectation is not None:
                shown = result.digits or "none"
                extra = f"  digits={shown} confidence={result.confidence:.2f}"
                extra += " (unsure: ask again)" if result.unsure else ""
            print(f"{path}: {result.text!r}{extra}  [{result.decode_ms:.0f} ms]", flush=True)
    raise typer.Exit(1 if failed else 0)
