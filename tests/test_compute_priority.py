"""Model compute runs below the event loop: real threads, a real Whisper model, a real worker."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from verivoice.config import AsrSettings, Settings
from verivoice.pipeline.asr.engine import WhisperTranscriber
from verivoice.pipeline.compute_priority import (
    lower_child_process,
    run_lowered,
    thread_nice,
)
from verivoice.pipeline.tts.piper_process import PiperProcess

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="per-thread nice values are Linux's")


def _threads() -> set[int]:
    return {int(tid) for tid in os.listdir("/proc/self/task")}


def test_run_lowered_lowers_only_the_threads_it_starts() -> None:
    seen: dict[str, int | None] = {}

    def build() -> str:
        seen["builder"] = thread_nice(threading.get_native_id())
        child = threading.Thread(
            target=lambda: seen.__setitem__("child", thread_nice(threading.get_native_id())))
        child.start()
        child.join()
        return "built"

    assert run_lowered(7, build) == "built"
    assert seen == {"builder": 7, "child": 7}
    assert thread_nice(threading.get_native_id()) == 0


def test_run_lowered_raises_the_builders_error() -> None:
    def build() -> None:
        raise ValueError("no model here")

    with pytest.raises(ValueError, match="no model here"):
        run_lowered(5, build)


def test_whisper_decoder_threads_are_lowered() -> None:
    before = _threads()
    transcriber = WhisperTranscriber("whisper-tiny.en", "cpu", AsrSettings(cpu_threads=2), nice=9)
    transcriber.transcribe(np.zeros(16_000, dtype=np.float32), None)
    started = _threads() - before
    alive = {tid: thread_nice(tid) for tid in started if thread_nice(tid) is not None}
    assert alive, "the model started no threads of its own"
    assert set(alive.values()) == {9}
    assert thread_nice(threading.get_native_id()) == 0


def test_piper_worker_runs_lowered_in_its_session(tmp_path: Path) -> None:
    from verivoice.models.registry import main_path

    worker = PiperProcess(main_path(Settings().tts.voice, kind="piper"), nice=8)
    worker.start()
    try:
        pid = worker._proc.pid
        assert {int(stat.read_text().rsplit(")", 1)[1].split()[16])
                for stat in Path(f"/proc/{pid}/task").glob("*/stat")} == {8}
        autogroup = Path(f"/proc/{pid}/autogroup")
        if autogroup.exists():
            assert autogroup.read_text().split()[-1] == "8"
    finally:
        worker.stop()


def test_child_in_its_own_session_is_lowered_with_its_session() -> None:
    own = Path("/proc/self/autogroup")
    ours = own.read_text() if own.exists() else None
    out = subprocess.run(
        [sys.executable, "-c", "import os, pathlib; p = pathlib.Path('/proc/self/autogroup');"
         "print(os.getpriority(os.PRIO_PROCESS, 0), p.read_text().split()[-1] if p.exists() "
         "else 'none')"],
        start_new_session=True, preexec_fn=lambda: lower_child_process(6),
        capture_output=True, text=True, check=True, timeout=30)
    nice, group_nice = out.stdout.split()
    assert nice == "6"
    assert group_nice in ("6", "none")
    assert (own.read_text() if own.exists() else None) == ours  # ours is untouched


def test_compute_nice_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().compute_nice == 10
    monkeypatch.setenv("VERIVOICE_COMPUTE_NICE", "0")
    assert Settings().compute_nice == 0
    monkeypatch.setenv("VERIVOICE_COMPUTE_NICE", "20")
    with pytest.raises(ValueError, match="compute_nice"):
        Settings()
