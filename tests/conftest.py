"""Shared fixtures: real weights, real synthesised speech over a simulated phone line."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from loguru import logger

from tests import canaries
from verivoice.bench.digit_set import render_clip
from verivoice.bench.phone_line import PHONE_RATE
from verivoice.bench.voices import Voice
from verivoice.config import AsrSettings
from verivoice.pipeline.asr.whisper import WhisperTranscriber

PIPER = Voice("piper", "piper-joe-medium", 1.0, varied=False)  # same audio every run


@pytest.fixture(scope="session")
def transcriber() -> WhisperTranscriber:
    """The bundled tiny.en on the CPU, loaded once for the whole test session."""
    return WhisperTranscriber.shared(AsrSettings(), "cpu")


def phone_clip(phrases: list[str], seed: int = 1, voice: Voice = PIPER) -> np.ndarray:
    """Speak ``phrases`` (pausing between them) and pass them through the phone line (8 kHz)."""
    return render_clip(voice, phrases, seed=seed)


@pytest.fixture(scope="session")
def phone_wav(tmp_path_factory: pytest.TempPathFactory):
    """Write a phone clip as an 8 kHz mu-law WAV, as Twilio would deliver it."""
    folder = tmp_path_factory.mktemp("calls")

    def make(name: str, phrases: list[str], seed: int = 1) -> Path:
        path = folder / name
        sf.write(path, phone_clip(phrases, seed), PHONE_RATE, subtype="ULAW")
        return path

    return make


@pytest.fixture(scope="session", autouse=True)
def canary_watch(tmp_path_factory: pytest.TempPathFactory):
    """This process's log at DEBUG into the session folder; every issued code recorded.

    At the end of the session (:func:`pytest_sessionfinish`) everything written under the
    session folder is searched for canaries.
    """
    from verivoice.bench import verify_server

    folder = tmp_path_factory.getbasetemp() / "session-logs"
    folder.mkdir(exist_ok=True)
    sink = logger.add(folder / "pytest-loguru.log", level="DEBUG")
    handler = logging.FileHandler(folder / "pytest-logging.log")
    logging.getLogger().addHandler(handler)
    original = verify_server.Verification

    class RecordedVerification(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            canaries.record_issued(self.code, self.to)

    verify_server.Verification = RecordedVerification
    yield
    verify_server.Verification = original
    logging.getLogger().removeHandler(handler)
    handler.close()
    logger.remove(sink)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session if any canary reached a file written during it."""
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None or exitstatus not in (0, 1):
        return
    leaks = canaries.scan(factory.getbasetemp(), canaries.canaries())
    if leaks:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        for leak in leaks:
            line = f"CANARY LEAK: {leak.canary} in {leak.path}: ...{leak.context}..."
            if reporter is not None:
                reporter.write_line(line, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
