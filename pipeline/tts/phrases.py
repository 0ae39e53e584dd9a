"""Fixed phrases the agent says often, synthesised once at start-up and served from memory."""

from __future__ import annotations

import re
import threading
from typing import ClassVar

from loguru import logger

from verivoice.pipeline.tts.piper import PiperProcess, SynthesisOptions


def phrase_key(text: str) -> str:
    """Case, spacing and final punctuation do not make a phrase different."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".!?").lower()


class PhraseCache:
    """PCM (16-bit mono at the worker's rate) for a set of fixed phrases."""

    _shared: ClassVar[dict[tuple[int, tuple[str, ...], SynthesisOptions], PhraseCache]] = {}
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, audio: dict[str, bytes], sample_rate: int) -> None:
        self._audio = audio
        self.sample_rate = sample_rate

    @classmethod
    def build(cls, worker: PiperProcess, phrases: list[str], options: SynthesisOptions
              ) -> PhraseCache:
        """Synthesise every phrase now (blocking; done once at start-up)."""
        audio = {phrase_key(p): worker.synthesize(p, options) for p in phrases if p.strip()}
        logger.info(f"Cached {len(audio)} fixed phrases "
                    f"({sum(map(len, audio.values())) / 2 / worker.sample_rate:.1f} s of audio)")
        return cls(audio, worker.sample_rate)

    @classmethod
    def shared(cls, worker: PiperProcess, phrases: list[str], options: SynthesisOptions
               ) -> PhraseCache:
        """The process-wide cache for this worker and phrase list."""
        key = (id(worker), tuple(phrases), options)
        with cls._shared_lock:
            cache = cls._shared.get(key)
            if cache is None:
                cache = cls._shared[key] = cls.build(worker, phrases, options)
        return cache

    def get(self, text: str) -> bytes | None:
        return self._audio.get(phrase_key(text))

    def __len__(self) -> int:
        return len(self._audio)
