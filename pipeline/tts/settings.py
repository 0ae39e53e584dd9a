"""Speech synthesis deployment settings (``VERIVOICE_TTS__*``).

Part of the one configuration object (:class:`verivoice.config.Settings`), kept beside the
stage it configures. What may change while a call runs is the service's own Pipecat
``Settings`` (:class:`~verivoice.pipeline.tts.service.PiperWorkerTTSService`), whose
defaults are taken from here.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["TtsSettings"]


class TtsSettings(BaseModel):
    """Speech synthesis (Piper)."""

    voice: str = Field(
        "piper-joe-medium", description="Registry name or a local Piper .onnx voice path."
    )
    length_scale: float | None = Field(
        None, gt=0, description="Phoneme length (1/speed); None keeps the voice's own."
    )
    noise_scale: float | None = Field(None, ge=0, description="Piper generator noise.")
    noise_w_scale: float | None = Field(None, ge=0, description="Piper phoneme-width noise.")
    speaker_id: int | None = Field(None, ge=0, description="Speaker of a multi-speaker voice.")
    first_chunk_words: int = Field(
        4, ge=1, description="The first chunk of a reply ends after about this many words "
        "(sooner at a comma): it decides the time to first audio.")
    min_clause_words: int = Field(
        3, ge=1, description="Later chunks end at a comma only once they hold this many words.")
    max_chunk_words: int = Field(24, ge=4, description="Any chunk ends after this many words.")
    max_chars: int = Field(
        1500, ge=50, description="Longest text spoken for one request; the rest is dropped "
        "with a warning (about 90 s of speech).")
    day_first: bool = Field(False, description='Read "07/03/1984" as 7 March (else July 3).')
    withheld_line: str = Field(
        "I can't read that number out loud.",
        description="Said instead of text that would voice a one-time code.")
    max_sentences: int = Field(
        3, ge=1, description="Sentences spoken of one model reply at most; the reply ends at "
        "the last sentence end within the cap. The system's own lines are not capped.")
    blocked_reply_line: str = Field(
        "Sorry, could you ask that another way?",
        description="Said instead when a model reply is withheld (code, tool names, JSON, "
        "markup, links, stack traces) before any sentence of it was spoken; once per reply.")
    grounded_figures: bool = Field(
        True, description="A model reply that states a figure (a time, a price, a phone "
        "number, any number) that nothing in its context holds (the practice's facts, tool "
        "results, what was said on the call) ends before that figure is spoken.")
    unknown_figure_line: str = Field(
        "I'm sorry, I don't have that information.",
        description="Said instead when a model reply's first sentence states a figure its "
        "context does not hold.")
    cached_phrases: list[str] = Field(
        default_factory=lambda: [
            "Hello, thanks for calling. How can I help you today?",
            "One moment.",
            "Sorry, I didn't catch that. Could you say it again?",
            "Thanks, you're verified.",
        ],
        description="Phrases synthesised once at start-up and served from memory.")
    worker_threads: int = Field(
        1, ge=1, description="Requests the Piper worker synthesises at once (each uses the "
        "CPU's cores through onnxruntime; more helps only with spare cores).")
    cuda: bool = Field(
        False, description="Run Piper on CUDA (needs onnxruntime-gpu in the environment; "
        "Piper has been reported slower on CUDA than on CPU, and no lent GPU has measured it).")
    startup_timeout_s: float = Field(60.0, gt=0, description="Voice load limit.")
