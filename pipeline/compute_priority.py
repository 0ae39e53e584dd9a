"""Model compute runs at a lower CPU priority than the event loop that carries every call.

On a machine with few cores, Whisper's decoder threads, the Piper worker and a CPU vLLM can
keep every core busy. The event loop that moves every call's audio frames then waits for a
core like any other thread: measured on the 2-core CI machine, up to half a second runnable
but not running (``/proc/<tid>/schedstat``), which every caller hears as a gap. Giving the
compute a higher nice value (a lower priority) lets the scheduler run the loop's short bursts
at once while the compute still gets every cycle the loop does not use.

Linux keeps a nice value per thread, and a new thread or child process starts with its
creator's. So the compute is started from a thread whose nice value was raised first; the
model's own threads, and a worker process it spawns, inherit it. Raising a nice value needs
no privilege; lowering it again would, so only threads made for compute are ever changed.

Where the kernel groups processes by session ("autogroup", on by default on many hosts and
on the CI machine when processes are not in a CPU cgroup), thread nice values only count
inside a group and every session gets an equal share: a worker started in its own session
(Piper, vLLM) therefore also raises its session's nice value (``/proc/self/autogroup``, see
sched(7)). Measured before that on the 2-core CPU: with every thread niced, the loop still
waited up to 285 ms for a core behind vLLM's session. vLLM is not our code, so it is started
through this module's launcher (``python -m verivoice.pipeline.compute_priority --nice N --
CMD...``), which lowers itself and its session, then becomes the command (exec).
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from loguru import logger

T = TypeVar("T")


def lower_current_thread(nice: int) -> None:
    """Raise the calling thread's nice value to ``nice`` (Linux: this thread only).

    Does nothing for ``nice`` 0, on systems where nice values are per process, or when the
    thread is already at least that nice.
    """
    if nice <= 0 or not sys.platform.startswith("linux"):
        return
    try:
        if os.getpriority(os.PRIO_PROCESS, 0) < nice:
            os.setpriority(os.PRIO_PROCESS, 0, nice)  # 0: the calling thread on Linux
    except OSError as exc:  # a seccomp profile may forbid it: run at normal priority
        logger.warning(f"could not lower the compute priority ({exc.strerror})")


def parse_autogroup(text: str) -> int | None:
    """The nice value in a ``/proc/<pid>/autogroup`` text (``/autogroup-42 nice 10``).

    The kernel writes nothing there for a process in no autogroup of its own: autogroups
    turned off (``kernel.sched_autogroup_enabled = 0``, or ``noautogroup`` at boot), or a
    process that never started a session since. None then.
    """
    fields = text.split()
    if len(fields) < 3 or fields[-2] != "nice":
        return None
    try:
        return int(fields[-1])
    except ValueError:
        return None


def autogroup_nice(pid: int | str = "self") -> int | None:
    """The nice value of a process's autogroup, or None where it has none (see
    :func:`parse_autogroup`) or the kernel has no autogroups at all."""
    try:
        return parse_autogroup(Path(f"/proc/{pid}/autogroup").read_text())
    except OSError:
        return None


def lower_own_session(nice: int, *, attempts: int = 10) -> None:
    """Raise the nice value of this process's autogroup (its session), where Linux has them,
    when this process leads a session of its own (``start_new_session``).

    Without CAP_SYS_ADMIN the kernel takes one autogroup change per 100 ms, machine-wide, and
    answers EAGAIN to the others: those are retried. Does nothing where autogroups are off or
    absent, or where this process sits in no autogroup (thread nice values then apply); any
    other refusal is logged.
    """
    path = Path("/proc/self/autogroup")
    if nice <= 0 or autogroup_nice() is None:
        return
    if os.getsid(0) != os.getpid():
        # Not the leader of a session made for it: the autogroup is shared with whoever
        # started this process (a shell, the server), and must not be lowered for them.
        return
    for _ in range(attempts):
        try:
            path.write_text(str(nice))
            return
        except OSError as exc:
            if exc.errno != errno.EAGAIN:
                logger.warning(f"could not lower this session's priority ({exc.strerror})")
                return
            time.sleep(0.1)
    logger.warning("could not lower this session's priority (the kernel kept answering EAGAIN)")


def lowered_loop_warning(compute_nice: int) -> str | None:
    """Why the compute cannot run below the calling thread (the event loop), or None.

    The compute priority only helps when the loop itself runs at normal priority: a server
    started under ``nice``, or in a session whose autogroup was lowered, leaves the compute
    less or no room below it, and callers hear the loop's waits as gaps again.
    """
    if compute_nice <= 0 or not sys.platform.startswith("linux"):
        return None
    own = os.getpriority(os.PRIO_PROCESS, 0)  # the calling thread's
    session = autogroup_nice() or 0
    lowered = []
    if own > 0:
        lowered.append(f"its nice value is {own}")
    if session > 0:
        lowered.append(f"its session's (autogroup) nice value is {session}")
    if not lowered:
        return None
    room = "no" if max(own, session) >= compute_nice else "less"
    return (f"the event loop runs lowered ({' and '.join(lowered)}): model compute, at nice "
            f"{compute_nice}, then has {room} room below it and calls may stall; start the "
            f"server at normal priority (not under nice)")


def lowered_command(nice: int, command: list[str]) -> list[str]:
    """``command`` started through this module's launcher at nice value ``nice`` (with its
    session, when it runs in one of its own); ``command`` itself when ``nice`` is 0."""
    if nice <= 0:
        return command
    return [sys.executable, "-m", "verivoice.pipeline.compute_priority", "--nice", str(nice),
            "--", *command]


def run_lowered(nice: int, build: Callable[[], T], *, name: str = "compute-start") -> T:
    """Run ``build`` in a fresh thread whose nice value is ``nice``, and return its result.

    Threads and processes that ``build`` starts inherit the lower priority; the caller's
    thread keeps its own. Exceptions from ``build`` are raised here.
    """
    if nice <= 0:
        return build()
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        lower_current_thread(nice)
        try:
            result.append(build())
        except BaseException as exc:  # handed to the caller's thread
            error.append(exc)

    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]


def main(argv: list[str] | None = None) -> int:
    """The launcher: lower this process and its session, then become the command."""
    parser = argparse.ArgumentParser(description="Run a command at a lower CPU priority.")
    parser.add_argument("--nice", type=int, required=True, help="nice value, 0-19")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command to run")
    lower_current_thread(args.nice)
    lower_own_session(args.nice)
    os.execvp(command[0], command)
    return 127  # not reached: exec replaces this process or raises


if __name__ == "__main__":
    sys.exit(main())
