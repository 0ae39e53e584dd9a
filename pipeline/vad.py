"""Silero VAD with one ONNX session per process.

Pipecat's ``SileroVADAnalyzer`` loads its own ONNX session per instance (about 40 ms and
10 MB each). The session is stateless (the recurrent state is an input), so every call can
score its audio on one shared session while keeping its own state: one analyzer per call
(an analyzer holds a buffer, a state machine and a thread), one session per process.
"""

from __future__ import annotations

import threading
from importlib import resources

import onnxruntime
from pipecat.audio.vad.silero import SileroOnnxModel, SileroVADAnalyzer
from pipecat.audio.vad.vad_analyzer import VADAnalyzer, VADParams

_session: onnxruntime.InferenceSession | None = None
_lock = threading.Lock()


def shared_session() -> onnxruntime.InferenceSession:
    """The process-wide Silero session (the model bundled in pipecat-ai's wheel)."""
    global _session
    with _lock:
        if _session is None:
            path = resources.files("pipecat.audio.vad.data").joinpath("silero_vad.onnx")
            opts = onnxruntime.SessionOptions()
            opts.inter_op_num_threads = 1
            opts.intra_op_num_threads = 1
            _session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"],
                                                    sess_options=opts)
        return _session


class _SessionModel(SileroOnnxModel):
    """Silero's wrapper around an existing session, with its own recurrent state."""

    def __init__(self, session: onnxruntime.InferenceSession) -> None:
        self.session = session
        self.reset_states()
        self.sample_rates = [8000, 16000]


class SharedSileroVADAnalyzer(SileroVADAnalyzer):
    """A per-call Silero analyzer that scores on the process-wide session."""

    def __init__(self, *, sample_rate: int | None = None, params: VADParams | None = None):
        VADAnalyzer.__init__(self, sample_rate=sample_rate, params=params)  # skip the load
        self._model = _SessionModel(shared_session())
        self._windows_since_reset = 0
        self._low_confidence_windows = 0
