"""`verivoice bench load`: its verdict, the server's metrics, and one short real run."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from loguru import logger

from tests.test_cli import VERIVOICE
from verivoice.bench.load import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_OVER,
    CallOutcome,
    Limits,
    LoadResult,
    Sample,
    verdict,
    write_report,
)
from verivoice.pipeline.turns import TurnTiming
from verivoice.server.metrics import CallCounters, LoopLagMonitor, process_stats


def _metrics(rss: float, fds: int) -> dict:
    return {"process": {"rss_mib": rss, "open_fds": fds}, "calls": {}, "turns": {}}


def _result(outcomes: list[str], lag: float = 5.0, fds_after: int = 20,
            rss_after: float = 300.0) -> LoadResult:
    return LoadResult(calls=[CallOutcome(0, o, 10.0, 2.0, "closed" if o == "dropped" else "")
                             for o in outcomes],
                      samples=[Sample(1.0, 0, 2, 300.0, 22, lag)],
                      before=[_metrics(290.0, 20)], after=[_metrics(rss_after, fds_after)])


def test_verdict() -> None:
    limits = Limits()
    assert verdict(_result(["completed", "refused"]), limits)[0] == EXIT_OK
    code, reasons = verdict(_result(["completed", "dropped"]), limits)
    assert code == EXIT_OVER and "1 dropped call(s)" in reasons[0]
    assert verdict(_result(["completed"], lag=80.0), limits)[0] == EXIT_OVER
    assert verdict(_result(["completed"], fds_after=40), limits)[0] == EXIT_OVER
    assert verdict(_result(["completed"], rss_after=900.0), limits)[0] == EXIT_OVER
    assert verdict(_result(["refused"]), limits)[0] == EXIT_OVER  # nothing got through
    assert verdict(LoadResult(), limits)[0] == EXIT_FAILED


def test_report_files(tmp_path: Path) -> None:
    info = {"callers": 2, "seconds": 30.0, "max_calls": 2, "machine": "cpu, 2 cores"}
    md, code = write_report(tmp_path, _result(["completed", "refused"]), info, Limits())
    assert code == EXIT_OK and "PASSED" in md
    report = json.loads((tmp_path / "load-report.json").read_text())
    assert report["summary"]["calls"] == {"completed": 1, "refused": 1, "dropped": 0}
    assert (tmp_path / "load.png").stat().st_size > 5_000
    md, code = write_report(tmp_path, LoadResult(), info, Limits(), error="boom")
    assert code == EXIT_FAILED and "boom" in md


async def test_loop_lag_monitor_sees_a_blocked_loop() -> None:
    lag = LoopLagMonitor(interval_s=0.01)
    lag.start()
    await asyncio.sleep(0.05)
    time.sleep(0.12)  # a callback that blocks the loop
    await asyncio.sleep(0.05)
    lag.stop()
    assert lag.recent_max_ms(5.0) >= 90
    assert lag.max_ms >= 90


def _block_the_loop(seconds: float) -> None:
    time.sleep(seconds)


@contextlib.contextmanager
def _stall_logging(stall_log_ms: float) -> Iterator[tuple[LoopLagMonitor, list[str]]]:
    """A started monitor with its stall log on, and the warnings it logs; stopped after."""
    messages: list[str] = []
    sink = logger.add(messages.append, level="WARNING", format="{message}")
    lag = LoopLagMonitor(interval_s=0.01, stall_log_ms=stall_log_ms)
    lag.start()
    try:
        yield lag, messages
    finally:
        lag.stop()
        logger.remove(sink)


@pytest.mark.skipif(not Path(f"/proc/self/task/{threading.get_native_id()}/schedstat").exists(),
                    reason="needs Linux's per-thread scheduler statistics")
async def test_stall_log_says_where_the_loop_was_and_why() -> None:
    with _stall_logging(stall_log_ms=50) as (_, messages):
        await asyncio.sleep(0.05)
        _block_the_loop(0.3)
        await asyncio.sleep(0.05)
    ours = [m for m in messages if "event loop stalled" in m and "_block_the_loop" in m]
    assert ours, messages
    # Sleeping is neither running nor waiting for a core: most of the stall counts as blocked.
    found = re.search(r"stalled (\d+) ms \(since its last beat: (\d+) ms on a CPU, (\d+) ms "
                      r"waiting for a CPU, (\d+) ms blocked\)", ours[0])
    assert found, ours[0]
    late, on_cpu, waiting, blocked = map(int, found.groups())
    assert late >= 50 and blocked >= 50
    assert on_cpu + waiting < late


async def test_stall_log_times_garbage_collections() -> None:
    with _stall_logging(stall_log_ms=0.001) as (lag, messages):
        gc.collect()
        for _ in range(100):  # the watcher thread logs it within its next 10 ms tick
            await asyncio.sleep(0.01)
            if any(m.startswith("garbage collection (generation 2) paused") for m in messages):
                break
    assert any(m.startswith("garbage collection (generation 2) paused") for m in messages)
    assert lag._time_collection not in gc.callbacks


def test_counters_and_process_stats() -> None:
    counters = CallCounters()
    for ms in (100.0, 200.0, 300.0):
        counters.turns.append(TurnTiming(ms, ms + 100, ms + 200, None))
    stats = counters.turn_stats()
    assert stats["transcript_ms"]["p50"] == 200.0 and stats["transcript_ms"]["turns"] == 3
    assert stats["first_audio_ms"] == {"turns": 0, "p50": None, "p95": None, "max": None}
    proc = process_stats()
    assert proc["rss_mib"] > 10 and proc["open_fds"] > 2


def test_metrics_in_the_prometheus_format() -> None:
    from prometheus_client.parser import text_string_to_metric_families

    from verivoice.server.metrics import PrometheusView, snapshot

    counters, lag = CallCounters(admitted=3, refused=1), LoopLagMonitor()
    view = PrometheusView(lambda: snapshot(counters, 2, lag))
    counters.on_turn = view.observe
    for ms in (250.0, 700.0, 1500.0):
        counters.record(TurnTiming(ms / 2, ms / 2 + 100, ms, ms + 10))
    families = {f.name: f for f in text_string_to_metric_families(view.render().decode())}
    calls = {s.labels["outcome"]: s.value for s in families["verivoice_calls"].samples
             if s.name == "verivoice_calls_total"}
    assert calls == {"admitted": 3, "refused": 1, "errored": 0}
    assert families["verivoice_calls_active"].samples[0].value == 2
    first_audio = {s.labels["le"]: s.value for s in families["verivoice_turn_stage_seconds"].samples
                   if s.name.endswith("_bucket") and s.labels["stage"] == "first_audio"}
    assert (first_audio["0.8"], first_audio["1.4"], first_audio["+Inf"]) == (2, 2, 3)
    assert len(counters.turns) == 3  # the JSON view's percentiles still see them
    assert families["verivoice_open_fds"].samples[0].value > 2


def test_a_short_real_load_run(tmp_path: Path) -> None:
    """Three callers against a server that takes two: none dropped, the third hears busy."""
    done = subprocess.run([VERIVOICE, "bench", "load", "--callers", "3", "--minutes", "0.5",
                           "--max-calls", "2", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode in (EXIT_OK, EXIT_OVER), done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((tmp_path / "load-report.json").read_text())
    calls = report["summary"]["calls"]
    assert calls["dropped"] == 0, report["calls"]
    assert calls["completed"] >= 2 and calls["refused"] >= 1, calls
    server = report["summary"]["servers"][0]
    assert server["fds_after"] - server["fds_before"] <= Limits().max_fd_growth
    assert server["turns"]["first_audio_ms"]["turns"] >= 2
    assert server["server_calls"]["refused"] >= calls["refused"]


def test_a_verifying_load_on_two_servers_keeps_the_shared_limits(tmp_path: Path) -> None:
    """Two servers, one SQLite store: every call verifies the same caller; the per-number
    send limit holds across both servers and the audit chain stays whole."""
    done = subprocess.run([VERIVOICE, "bench", "load", "--verify", "--servers", "2",
                           "--callers", "2", "--minutes", "0.75", "--max-calls", "1",
                           "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode in (EXIT_OK, EXIT_OVER), done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((tmp_path / "load-report.json").read_text())
    assert report["summary"]["calls"]["dropped"] == 0, report["calls"]
    v = report["verification"]
    assert v["chain_ok"], v
    assert v["codes_sent"] <= v["max_sends_per_number"]
    assert v["steps"].get("verification_started", 0) >= 2  # both servers verified callers
    assert v["calls_in_audit"] >= 2
