"""Model compute runs below the event loop: real threads, a real Whisper model, a real worker,
a real launched command."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from verivoice.config import AsrSettings, Settings
from verivoice.pipeline.asr.whisper import WhisperTranscriber
from verivoice.pipeline.compute_priority import (
    autogroup_nice,
    lowered_command,
    parse_autogroup,
    run_lowered,
)
from verivoice.pipeline.tts.piper import PiperProcess

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="per-thread nice values are Linux's")

# The test process may itself run niced (CI under `nice`): lowering never raises a priority.
BASE = os.getpriority(os.PRIO_PROCESS, 0)


def task_nice(tid: int, pid: int | str = "self") -> int | None:
    """A thread's nice value (``/proc/<pid>/task/<tid>/stat``), or None once it has exited."""
    try:
        stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[16])


def process_nices(pid: int) -> set[int]:
    """The nice values of a process's live threads."""
    return {n for tid in os.listdir(f"/proc/{pid}/task")
            if (n := task_nice(int(tid), pid)) is not None}


def _threads() -> set[int]:
    return {int(tid) for tid in os.listdir("/proc/self/task")}


def test_run_lowered_lowers_only_the_threads_it_starts() -> None:
    seen: dict[str, int | None] = {}

    def build() -> str:
        seen["builder"] = task_nice(threading.get_native_id())
        child = threading.Thread(
            target=lambda: seen.__setitem__("child", task_nice(threading.get_native_id())))
        child.start()
        child.join()
        return "built"

    assert run_lowered(7, build) == "built"
    assert seen == {"builder": max(BASE, 7), "child": max(BASE, 7)}
    assert task_nice(threading.get_native_id()) == BASE


def test_run_lowered_raises_the_builders_error() -> None:
    def build() -> None:
        raise ValueError("no model here")

    with pytest.raises(ValueError, match="no model here"):
        run_lowered(5, build)


def test_whisper_decoder_threads_are_lowered() -> None:
    before = _threads()
    transcriber = WhisperTranscriber("whisper-tiny.en", "cpu", AsrSettings(cpu_threads=2), nice=9)
    transcriber.transcribe(np.zeros(16_000, dtype=np.float32), None)
    alive = {tid: n for tid in _threads() - before if (n := task_nice(tid)) is not None}
    assert alive, "the model started no threads of its own"
    assert set(alive.values()) == {max(BASE, 9)}
    assert task_nice(threading.get_native_id()) == BASE


def test_piper_worker_runs_lowered_in_its_session() -> None:
    from verivoice.models.registry import main_path

    worker = PiperProcess(main_path(Settings().tts.voice, kind="piper"), nice=8)
    worker.start()
    try:
        pid = worker._proc.pid
        assert process_nices(pid) == {max(BASE, 8)}
        assert autogroup_nice(pid) in (8, None)
    finally:
        worker.stop()


def test_launcher_lowers_the_command_and_its_session() -> None:
    ours = autogroup_nice()
    probe = [sys.executable, "-c", "import os; "
             "from verivoice.pipeline.compute_priority import autogroup_nice as a; "
             "print(os.getpid(), os.getpriority(os.PRIO_PROCESS, 0), a())"]
    command = lowered_command(6, probe)
    assert command[-len(probe):] == probe
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, text=True)
    out, _ = process.communicate(timeout=60)
    pid, nice, group_nice = out.split()
    assert int(pid) == process.pid  # the launcher became the command (exec), no extra process
    assert int(nice) == max(BASE, 6)
    assert group_nice in ("6", "None")
    assert autogroup_nice() == ours  # ours is untouched
    assert lowered_command(0, probe) == probe


def test_a_shared_session_is_never_lowered() -> None:
    """Started without a session of its own, the launcher lowers only itself: its session is
    its parent's (here the test run's) and keeps its nice value."""
    ours = autogroup_nice()
    probe = [sys.executable, "-c", "import os; print(os.getpriority(os.PRIO_PROCESS, 0))"]
    out = subprocess.run(lowered_command(7, probe), capture_output=True, text=True, check=True,
                         timeout=60)
    assert int(out.stdout) == max(BASE, 7)
    assert autogroup_nice() == ours


def test_launcher_refuses_a_missing_command() -> None:
    out = subprocess.run([sys.executable, "-m", "verivoice.pipeline.compute_priority",
                          "--nice", "5"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "no command to run" in out.stderr


def test_compute_nice_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VERIVOICE_COMPUTE_NICE", raising=False)
    assert Settings().compute_nice == 10
    monkeypatch.setenv("VERIVOICE_COMPUTE_NICE", "0")
    assert Settings().compute_nice == 0
    monkeypatch.setenv("VERIVOICE_COMPUTE_NICE", "20")
    with pytest.raises(ValueError, match="compute_nice"):
        Settings()


def test_autogroup_text_is_read_as_the_kernel_writes_it() -> None:
    assert parse_autogroup("/autogroup-5553 nice 0\n") == 0
    assert parse_autogroup("/autogroup-12 nice 19\n") == 19
    # In no autogroup (turned off, or never in a session since), the kernel writes nothing.
    assert parse_autogroup("") is None
    assert parse_autogroup("garbage") is None


def test_no_autogroup_means_nothing_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the process is in no autogroup (the CI machine), the session is left alone:
    writing there would only change the root group, which the kernel refuses."""
    from verivoice.pipeline import compute_priority

    written: list[str] = []
    monkeypatch.setattr(compute_priority, "autogroup_nice", lambda pid="self": None)
    monkeypatch.setattr(compute_priority.Path, "write_text",
                        lambda self, text, *a, **k: written.append(text))
    monkeypatch.setattr(compute_priority.os, "getsid", lambda pid: os.getpid())
    compute_priority.lower_own_session(9)
    assert written == []
    monkeypatch.setattr(compute_priority, "autogroup_nice", lambda pid="self": 0)
    compute_priority.lower_own_session(9)
    assert written == ["9"]


def test_a_lowered_event_loop_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from verivoice.pipeline import compute_priority

    monkeypatch.setattr(compute_priority, "autogroup_nice", lambda pid="self": 0)
    if BASE == 0:
        assert compute_priority.lowered_loop_warning(10) is None
    assert compute_priority.lowered_loop_warning(0) is None  # compute priority off
    warning = run_lowered(12, lambda: compute_priority.lowered_loop_warning(10))
    assert f"nice value is {max(BASE, 12)}" in warning and "no room" in warning
    if BASE < 3:
        warning = run_lowered(3, lambda: compute_priority.lowered_loop_warning(10))
        assert "nice value is 3" in warning and "less room" in warning
    monkeypatch.setattr(compute_priority, "autogroup_nice", lambda pid="self": 10)
    assert "autogroup) nice value is 10" in compute_priority.lowered_loop_warning(10)
