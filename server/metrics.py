"""What `/metrics` reports: calls, per-turn latency, event-loop lag, memory and descriptors.

``/metrics`` is Prometheus' text exposition format (``prometheus-client``): call counts by
outcome, histograms of each turn stage's latency, the loop lag and the process's memory and
descriptors. ``/metrics.json`` keeps the same figures as one JSON object (percentiles over
the latest turns), which the load and step-up benches read. Counts and timings only: no
caller, number or transcript ever appears here.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from loguru import logger
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from verivoice.pipeline.turns import TurnTiming

STAGES = ("transcript_ms", "first_token_ms", "first_tts_ms", "first_audio_ms")


class LoopLagMonitor:
    """Measures how late the event loop wakes a task that sleeps ``interval_s``.

    A call's audio frames, websocket messages and timers all wait on this loop; lag here is
    delay every call hears. The worst lag of the last ``window_s`` and since start are kept.
    """

    def __init__(self, interval_s: float = 0.05, window_s: float = 60.0,
                 stall_log_ms: float = 0.0) -> None:
        self.interval_s = interval_s
        self.max_ms = 0.0
        self.stall_log_ms = stall_log_ms
        self._recent: deque[tuple[float, float]] = deque(maxlen=int(window_s / interval_s))
        self._task: asyncio.Task | None = None
        self._beat = time.perf_counter()
        self._sched_at_beat: tuple[float, float] | None = None
        self._loop_thread: int | None = None
        self._loop_native_id: int | None = None
        self._watching = False
        self._gc_started = time.perf_counter()
        self._slow_collections: deque[tuple[int, float]] = deque(maxlen=100)

    def start(self) -> None:
        if self._task is None:
            self._loop_thread = threading.get_ident()
            self._loop_native_id = threading.get_native_id()
            self._task = asyncio.get_running_loop().create_task(self._run(), name="loop-lag")
            if self.stall_log_ms > 0:
                self._watching = True
                threading.Thread(target=self._watch, daemon=True, name="loop-stalls").start()
                gc.callbacks.append(self._time_collection)

    def stop(self) -> None:
        self._watching = False
        if self._time_collection in gc.callbacks:
            gc.callbacks.remove(self._time_collection)
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _time_collection(self, phase: str, info: dict[str, int]) -> None:
        """Note garbage collections longer than the stall threshold (the watcher logs them:
        logging from inside a collection could re-enter the logger)."""
        if phase == "start":
            self._gc_started = time.perf_counter()
            return
        took_ms = (time.perf_counter() - self._gc_started) * 1000
        if took_ms > self.stall_log_ms:
            self._slow_collections.append((info.get("generation", -1), took_ms))

    def _watch(self) -> None:
        """Log where the loop thread is when it stalls (code locations only, no values), and
        where its time went since its last beat."""
        logged_for = 0.0
        while self._watching:
            time.sleep(0.01)
            if not self._watching:  # stopped while asleep: nothing more to report
                break
            while self._slow_collections:
                generation, took_ms = self._slow_collections.popleft()
                logger.warning(f"garbage collection (generation {generation}) paused "
                               f"{took_ms:.0f} ms")
            beat, sched_at_beat = self._beat, self._sched_at_beat
            elapsed_ms = (time.perf_counter() - beat) * 1000
            late_ms = elapsed_ms - self.interval_s * 1000
            if late_ms > self.stall_log_ms and logged_for != beat:
                logged_for = beat
                frame = sys._current_frames().get(self._loop_thread or 0)
                if frame is not None:
                    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                                        for f in reversed(traceback.extract_stack(frame)[-12:]))
                    cause = _stall_cause(sched_at_beat, self._loop_native_id, late_ms)
                    logger.warning(f"event loop stalled {late_ms:.0f} ms ({cause}) at: {where}")

    async def _run(self) -> None:
        watching = self.stall_log_ms > 0
        while True:
            if watching:  # the stall log's baseline, taken by the loop thread itself
                self._sched_at_beat = _thread_schedstat(self._loop_native_id)
            self._beat = before = time.perf_counter()
            await asyncio.sleep(self.interval_s)
            lag_ms = max(0.0, (time.perf_counter() - before - self.interval_s) * 1000)
            self.max_ms = max(self.max_ms, lag_ms)
            self._recent.append((time.monotonic(), lag_ms))

    def recent_max_ms(self, seconds: float) -> float:
        """The worst lag seen in the last ``seconds``."""
        since = time.monotonic() - seconds
        return max((lag for at, lag in self._recent if at >= since), default=0.0)


def process_stats() -> dict[str, float | int]:
    """This process's resident memory (MiB) and open file descriptors (Linux ``/proc``)."""
    rss_mib = 0.0
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss_mib = int(line.split()[1]) / 1024
    fds = len(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").exists() else -1
    return {"rss_mib": round(rss_mib, 1), "open_fds": fds}


@dataclass
class CallCounters:
    """Calls since start, by how they went, and the latest turns' timings."""

    admitted: int = 0
    refused: int = 0  # over the limit or shutting down: heard the busy line
    errored: int = 0  # ended by an error inside the pipeline
    turns: deque[TurnTiming] = field(default_factory=lambda: deque(maxlen=10_000))
    on_turn: Callable[[TurnTiming], None] | None = None  # also told of each turn

    def record(self, turn: TurnTiming) -> None:
        """Keep one finished turn's timings (and tell ``on_turn``)."""
        self.turns.append(turn)
        if self.on_turn is not None:
            self.on_turn(turn)

    def turn_stats(self) -> dict[str, dict[str, float | int | None]]:
        """p50/p95/max per stage over the kept turns."""
        out: dict[str, dict[str, float | int | None]] = {}
        for stage in STAGES:
            values = [v for t in self.turns if (v := getattr(t, stage)) is not None]
            out[stage] = {"turns": len(values),
                          "p50": float(np.percentile(values, 50)) if values else None,
                          "p95": float(np.percentile(values, 95)) if values else None,
                          "max": max(values) if values else None}
        return out


def snapshot(counters: CallCounters, active: int, lag: LoopLagMonitor) -> dict[str, Any]:
    """The `/metrics` body."""
    return {"calls": {"active": active, "admitted": counters.admitted,
                      "refused": counters.refused, "errored": counters.errored},
            "turns": counters.turn_stats(),
            "loop_lag_ms": {"last_1s": round(lag.recent_max_ms(1.0), 1),
                            "last_60s": round(lag.recent_max_ms(60.0), 1),
                            "max": round(lag.max_ms, 1)},
            "process": process_stats()}


def _thread_schedstat(native_id: int | None) -> tuple[float, float] | None:
    """(ms on a CPU, ms runnable but waiting for one) for a thread of this process, if Linux says."""
    if native_id is None:
        return None
    try:
        on_cpu_ns, waiting_ns, _ = Path(f"/proc/self/task/{native_id}/schedstat").read_text().split()
    except (OSError, ValueError):
        return None
    return int(on_cpu_ns) / 1e6, int(waiting_ns) / 1e6


def _stall_cause(before: tuple[float, float] | None, native_id: int | None,
                 late_ms: float) -> str:
    """Where the loop thread's time went in a stall: on a CPU, runnable but waiting for one,
    or neither (blocked: the GIL, a lock or I/O)."""
    now = _thread_schedstat(native_id)
    if before is None or now is None:
        return "scheduler figures unavailable"
    on_cpu, waiting = now[0] - before[0], now[1] - before[1]
    blocked = max(0.0, late_ms - on_cpu - waiting)
    return (f"since its last beat: {on_cpu:.0f} ms on a CPU, {waiting:.0f} ms waiting for a "
            f"CPU, {blocked:.0f} ms blocked")


#: Turn-stage latency buckets, seconds: fine around the budgets (0.8 s, 1.4 s).
STAGE_BUCKETS_S = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0, 1.2, 1.4, 1.7, 2.0, 3.0, 5.0,
                   10.0)


class _Snapshot:
    """A collector that reads the calls, the loop lag and the process at scrape time."""

    def __init__(self, read: Callable[[], dict[str, Any]]) -> None:
        self._read = read

    def collect(self) -> Iterator[Metric]:
        snap = self._read()
        calls = snap["calls"]
        yield GaugeMetricFamily("verivoice_calls_active", "Calls in progress.",
                                value=calls["active"])
        outcomes = CounterMetricFamily("verivoice_calls", "Calls since start, by outcome "
                                       "(refused: heard the busy line).", labels=["outcome"])
        for outcome in ("admitted", "refused", "errored"):
            outcomes.add_metric([outcome], calls[outcome])
        yield outcomes
        lag = GaugeMetricFamily("verivoice_loop_lag_seconds", "Worst event-loop lag over a "
                                "window.", labels=["window"])
        for window, key in (("1s", "last_1s"), ("60s", "last_60s"), ("start", "max")):
            lag.add_metric([window], snap["loop_lag_ms"][key] / 1000)
        yield lag
        process = snap["process"]
        yield GaugeMetricFamily("verivoice_resident_memory_bytes", "Resident memory.",
                                value=process["rss_mib"] * 1024 * 1024)
        yield GaugeMetricFamily("verivoice_open_fds", "Open file descriptors.",
                                value=process["open_fds"])


class PrometheusView:
    """The figures in Prometheus' exposition format, in a registry of this app's own.

    Args:
        read: Returns the JSON snapshot (:func:`snapshot`) of the moment.
    """

    def __init__(self, read: Callable[[], dict[str, Any]]) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._stages = Histogram("verivoice_turn_stage_seconds", "From the end of the "
                                 "caller's speech to each stage of the reply, per turn.",
                                 ["stage"], buckets=STAGE_BUCKETS_S, registry=self.registry)
        self.registry.register(_Snapshot(read))

    def observe(self, turn: TurnTiming) -> None:
        """Count one finished turn in the stage histograms."""
        for stage in STAGES:
            value = getattr(turn, stage)
            if value is not None:
                self._stages.labels(stage.removesuffix("_ms")).observe(value / 1000)

    def render(self) -> bytes:
        return generate_latest(self.registry)
