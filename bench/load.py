"""`verivoice bench load`: many simulated Twilio calls at once against running servers.

Each simulated caller is a real websocket client speaking Twilio's Media Streams protocol
(:class:`TwilioCall`): a signed connect, the ``start`` handshake, then the caller's script as
8 kHz mu-law in 20 ms messages at real-time pace, then ``stop``. It calls again and again
until the time is up. Every call ends as one of:

- ``completed``: the script was played to the end and the agent answered;
- ``refused``: the server was at its call limit and said so (the busy line and a mark);
- ``dropped``: anything else (the stream closed early, no answer, an error). Must be 0.

Meanwhile each server's ``/metrics`` is read every second: calls, per-turn latency,
event-loop lag, resident memory and open descriptors, before, during and after the load.

With ``verify=True`` every call is a step-up against a local Verify server: the servers
verify callers as they connect, every caller calls from the synthetic patient's number and
says its last four digits, its date of birth and the code from the outbox. Afterwards the
shared state store is checked: no more codes reached "Twilio" than the per-number limit
allows, and the audit chain is whole and linear.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import soxr

from verivoice.bench.local_postgres import free_port
from verivoice.bench.twilio_caller import TwilioCall, mulaw_encode
from verivoice.config import Settings
from verivoice.pipeline.tts.piper import SynthesisOptions
from verivoice.server.twilio_routes import BUSY_MARK, STREAM_PATH

PHONE_RATE = 8000
SCRIPT: list[tuple[str, float]] = [
    ("Hi, what time do you open on Monday?", 4.0),
    ("And do you take walk-ins?", 4.0),
]
EXIT_OK, EXIT_OVER, EXIT_FAILED = 0, 1, 2


@dataclass
class CallOutcome:
    server: int
    outcome: str  # "completed" | "refused" | "dropped"
    seconds: float
    agent_audio_s: float
    reason: str = ""


@dataclass
class Sample:
    at_s: float
    server: int
    active: int
    rss_mib: float
    open_fds: int
    loop_lag_ms: float


@dataclass
class Limits:
    """What a load run must hold to pass."""

    max_loop_lag_ms: float = 50.0
    max_fd_growth: int = 2
    max_rss_growth_mib: float = 150.0


@dataclass
class LoadResult:
    calls: list[CallOutcome] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)
    before: list[dict[str, Any]] = field(default_factory=list)  # /metrics, idle, after warm-up
    after: list[dict[str, Any]] = field(default_factory=list)  # /metrics, idle, after the load
    load_window_s: tuple[float, float] = (0.0, 0.0)
    verification: dict[str, Any] | None = None  # the store's figures after a verifying load


def phone_speaker(settings: Settings) -> Callable[[str], bytes]:
    """Text -> 8 kHz mu-law, spoken by the project's Piper voice (what simulated callers say)."""
    from verivoice.pipeline.tts.service import load_voice

    voice, _phrases = load_voice(settings.tts)
    options = SynthesisOptions(length_scale=0.95, noise_scale=0.0, noise_w_scale=0.0)

    def speak(text: str) -> bytes:
        pcm = np.frombuffer(voice.synthesize(text, options), np.int16).astype(np.float32)
        return mulaw_encode(soxr.resample(pcm / 32768.0, voice.sample_rate, PHONE_RATE))

    return speak


def caller_turns(settings: Settings) -> list[tuple[bytes, float]]:
    """The caller's turns as 8 kHz mu-law, with the silence after each."""
    speak = phone_speaker(settings)
    return [(speak(text), gap_s) for text, gap_s in SCRIPT]


async def one_call(ws_url: str, token: str, turns: list[tuple[bytes, float]], server: int
                   ) -> CallOutcome:
    """One simulated phone call, start to hang-up, and how it went."""
    started = time.monotonic()
    call = TwilioCall(ws_url, token)
    try:
        await call.connect()
        for audio, gap_s in turns:
            await call.speak(audio, then_silence_s=gap_s)
            if call.closed.is_set():
                break
        closed_early = call.closed.is_set()
        await call.hang_up()
    except (OSError, TimeoutError, ConnectionError) as exc:
        return CallOutcome(server, "dropped", time.monotonic() - started, 0.0,
                           f"{type(exc).__name__}")
    except Exception as exc:  # the websocket library's own errors (handshake refused, ...)
        return CallOutcome(server, "dropped", time.monotonic() - started, 0.0,
                           f"{type(exc).__name__}")
    heard = len(call.audio_in) / PHONE_RATE
    took = time.monotonic() - started
    if call.marked(BUSY_MARK):
        return CallOutcome(server, "refused", took, heard)
    if closed_early:
        return CallOutcome(server, "dropped", took, heard, "the server closed the stream")
    if heard < 0.5:
        return CallOutcome(server, "dropped", took, heard, "the agent never answered")
    return CallOutcome(server, "completed", took, heard)


async def _metrics(client: httpx.AsyncClient, base: str) -> dict[str, Any]:
    return (await client.get(f"{base}/metrics.json", timeout=5)).json()


Dial = Callable[[str, int], Awaitable[CallOutcome]]


async def run_load(bases: list[str], token: str, turns: list[tuple[bytes, float]], *,
                   callers: int, seconds: float, dial: Dial | None = None,
                   progress: Callable[[float], None] = lambda s: None) -> LoadResult:
    """``callers`` callers calling again and again for ``seconds``, spread over ``bases``.

    ``dial(ws_url, server)`` makes one call (default: the ordinary script, ``turns``).
    """
    if dial is None:
        async def dial(url: str, server: int) -> CallOutcome:
            return await one_call(url, token, turns, server)

    result = LoadResult()
    ws = [b.replace("http://", "ws://", 1).replace("https://", "wss://", 1) + STREAM_PATH
          for b in bases]
    async with httpx.AsyncClient() as client:
        for n, url in enumerate(ws):  # warm-up: first-call costs are not growth
            await one_call(url, token, turns[:1], n)
        await asyncio.sleep(2)
        result.before = [await _metrics(client, b) for b in bases]
        t0 = time.monotonic()
        deadline = t0 + seconds
        done = asyncio.Event()

        async def sampler() -> None:
            while not done.is_set():
                for n, base in enumerate(bases):
                    with contextlib.suppress(httpx.HTTPError, ValueError):
                        m = await _metrics(client, base)
                        result.samples.append(Sample(
                            time.monotonic() - t0, n, m["calls"]["active"],
                            m["process"]["rss_mib"], m["process"]["open_fds"],
                            m["loop_lag_ms"]["last_1s"]))
                progress(min(seconds, time.monotonic() - t0))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), 1.0)

        async def caller(k: int) -> None:
            await asyncio.sleep(k * 0.25)  # callers dial in over a moment, not all at once
            while time.monotonic() < deadline:
                server = k % len(ws)
                outcome = await dial(ws[server], server)
                result.calls.append(outcome)
                # A caller redials after a moment, as people do (and a refused one waits a
                # little longer): the server frees a line once the call's pipeline is down.
                await asyncio.sleep(2.0 if outcome.outcome == "refused" else 1.0)

        sampling = asyncio.create_task(sampler())
        await asyncio.gather(*(caller(k) for k in range(callers)))
        result.load_window_s = (0.0, time.monotonic() - t0)
        await asyncio.sleep(5)  # calls wind down; then the idle figures
        done.set()
        await sampling
        result.after = [await _metrics(client, b) for b in bases]
    return result


def verdict(result: LoadResult, limits: Limits) -> tuple[int, list[str]]:
    """Exit code and the reasons: no dropped call, no lag over the limit, no leak."""
    if not result.calls:
        return EXIT_FAILED, ["no call was made"]
    reasons = []
    dropped = [c for c in result.calls if c.outcome == "dropped"]
    if dropped:
        why = sorted({c.reason for c in dropped})
        reasons.append(f"{len(dropped)} dropped call(s): {', '.join(why)}")
    if not any(c.outcome == "completed" for c in result.calls):
        reasons.append("no call completed")
    lag = max((s.loop_lag_ms for s in result.samples), default=0.0)
    if lag > limits.max_loop_lag_ms:
        reasons.append(f"event-loop lag {lag:.0f} ms > {limits.max_loop_lag_ms:.0f} ms")
    if (v := result.verification) is not None:
        if v["codes_sent"] > v["max_sends_per_number"]:
            reasons.append(f"{v['codes_sent']} codes sent to one number, over the limit of "
                           f"{v['max_sends_per_number']}")
        if not v["chain_ok"]:
            reasons.append(f"the audit chain is broken: {v['chain']}")
    for n, (before, after) in enumerate(zip(result.before, result.after, strict=True)):
        fds = after["process"]["open_fds"] - before["process"]["open_fds"]
        rss = after["process"]["rss_mib"] - before["process"]["rss_mib"]
        if fds > limits.max_fd_growth:
            reasons.append(f"server {n}: {fds} more open descriptors after the load")
        if rss > limits.max_rss_growth_mib:
            reasons.append(f"server {n}: resident memory grew {rss:.0f} MiB after the load")
    return (EXIT_OVER if reasons else EXIT_OK), reasons


def summary(result: LoadResult) -> dict[str, Any]:
    counts = {k: sum(c.outcome == k for c in result.calls)
              for k in ("completed", "refused", "dropped")}
    lags = [s.loop_lag_ms for s in result.samples]
    return {
        "calls": counts,
        "peak_active": max((s.active for s in result.samples), default=0),
        "loop_lag_ms": {"p50": float(np.percentile(lags, 50)) if lags else None,
                        "max": max(lags, default=None)},
        "servers": [{"rss_mib_before": b["process"]["rss_mib"],
                     "rss_mib_peak": max((s.rss_mib for s in result.samples if s.server == n),
                                         default=None),
                     "rss_mib_after": a["process"]["rss_mib"],
                     "fds_before": b["process"]["open_fds"],
                     "fds_peak": max((s.open_fds for s in result.samples if s.server == n),
                                     default=None),
                     "fds_after": a["process"]["open_fds"],
                     "turns": a["turns"], "server_calls": a["calls"]}
                    for n, (b, a) in enumerate(zip(result.before, result.after, strict=True))],
    }


def markdown(result: LoadResult, info: dict[str, Any], code: int, reasons: list[str]) -> str:
    s = summary(result)
    c = s["calls"]
    lines = [f"{info['callers']} callers for {info['seconds']:.0f} s against "
             f"{len(s['servers'])} server(s), each taking at most {info['max_calls']} calls "
             f"({info['machine']}).", "",
             "| completed | refused (busy line) | dropped | peak calls at once | "
             "event-loop lag p50 / max (ms) |", "| ---: | ---: | ---: | ---: | ---: |",
             f"| {c['completed']} | {c['refused']} | {c['dropped']} | {s['peak_active']} | "
             f"{_fmt(s['loop_lag_ms']['p50'])} / {_fmt(s['loop_lag_ms']['max'])} |", "",
             "| server | RSS MiB before / peak / after | open fds before / peak / after |",
             "| ---: | --- | --- |"]
    for n, srv in enumerate(s["servers"]):
        lines.append(f"| {n} | {_fmt(srv['rss_mib_before'])} / {_fmt(srv['rss_mib_peak'])} / "
                     f"{_fmt(srv['rss_mib_after'])} | {srv['fds_before']} / {srv['fds_peak']} "
                     f"/ {srv['fds_after']} |")
    lines += ["", "Per-turn latency on the server(s), ms from the caller's end of speech:", "",
              "| server | stage | turns | p50 | p95 | max |",
              "| ---: | --- | ---: | ---: | ---: | ---: |"]
    for n, srv in enumerate(s["servers"]):
        for stage, st in srv["turns"].items():
            lines.append(f"| {n} | {stage.removesuffix('_ms').replace('_', ' ')} | "
                         f"{st['turns']} | {_fmt(st['p50'])} | {_fmt(st['p95'])} | "
                         f"{_fmt(st['max'])} |")
    if (v := result.verification) is not None:
        lines += ["", f"Step-up on every call, state in {v['store']}: {v['codes_sent']} codes "
                  f"sent to the one caller number (limit {v['max_sends_per_number']}); "
                  f"{v['audit_records']} audit records from {v['calls_in_audit']} calls, "
                  f"chain {'intact' if v['chain_ok'] else 'BROKEN: ' + v['chain']}; steps: "
                  + ", ".join(f"{k} {n}" for k, n in sorted(v["steps"].items())) + "."]
    status = {EXIT_OK: "PASSED", EXIT_OVER: "FAILED", EXIT_FAILED: "RUN FAILED"}[code]
    lines += ["", f"**{status}**: no dropped call, event-loop lag <= "
              f"{info['limits']['max_loop_lag_ms']:.0f} ms, no descriptor or memory growth "
              "after the calls end."]
    lines += [f"- {r}" for r in reasons]
    return "\n".join(lines) + "\n"


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def plot(result: LoadResult, path: Path) -> None:
    """Calls at once, memory, descriptors and loop lag against time, per server."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(4, 1, figsize=(10, 9), sharex=True)
    panels = [("active", "calls at once"), ("rss_mib", "RSS (MiB)"),
              ("open_fds", "open descriptors"), ("loop_lag_ms", "loop lag (ms)")]
    for ax, (key, label) in zip(axes, panels, strict=True):
        for n in sorted({s.server for s in result.samples}):
            rows = [s for s in result.samples if s.server == n]
            ax.plot([s.at_s for s in rows], [getattr(s, key) for s in rows],
                    label=f"server {n}")
        ax.set_ylabel(label)
        ax.axvline(result.load_window_s[1], color="grey", linestyle=":", linewidth=1)
    axes[0].legend(fontsize=8)
    axes[-1].set_xlabel("seconds (dotted: the last call ends)")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def write_report(out: Path, result: LoadResult, info: dict[str, Any], limits: Limits,
                 error: str | None = None) -> tuple[str, int]:
    """load-report.json, load-report.md and load.png in ``out``; the markdown and exit code."""
    import json

    out.mkdir(parents=True, exist_ok=True)
    code, reasons = (EXIT_FAILED, [error]) if error else verdict(result, limits)
    info = {**info, "limits": asdict(limits)}
    md = markdown(result, info, code, reasons) if result.before else f"RUN FAILED: {error}\n"
    (out / "load-report.json").write_text(json.dumps({
        "info": info, "exit": code, "reasons": reasons,
        "summary": summary(result) if result.before else None,
        "verification": result.verification,
        "calls": [asdict(c) for c in result.calls],
        "samples": [asdict(s) for s in result.samples]}, indent=1))
    (out / "load-report.md").write_text(md)
    if result.samples:
        plot(result, out / "load.png")
    return md, code


PATIENT_PHONE = "+15550100142"  # the synthetic patient P-1001 (auth/fixtures/patients.json)


@dataclass
class VerifyCaller:
    """What a verifying caller says, and the local Verify server whose outbox it reads."""

    outbox: Callable[[str], str | None]  # the latest code sent to a number
    speak: Callable[[str], bytes]  # text -> mu-law, for the code


def verify_caller(settings: Settings, outbox: Callable[[str], str | None]) -> VerifyCaller:
    """The patient's side of a step-up, spoken by the project's Piper voice."""
    speak = phone_speaker(settings)
    return VerifyCaller(outbox, speak)


async def verify_call(ws_url: str, token: str, caller: VerifyCaller, server: int,
                      account_sid: str = "AC" + "0" * 32) -> CallOutcome:
    """One call that goes through step-up: the code texted to the patient, read back."""
    from verivoice.pipeline.asr.spoken_numbers import SpeakingStyle, digits_to_spoken

    started = time.monotonic()
    call = TwilioCall(ws_url, token, account_sid=account_sid)
    try:
        await call.connect(caller=PATIENT_PHONE)
        await call.silence(7.0)  # "... I'm texting a code to the number on file. ..."
        code = caller.outbox(PATIENT_PHONE)
        if code and not call.closed.is_set():
            words = ", ".join(digits_to_spoken(code, SpeakingStyle.DIGITS, [3, 3])) + "."
            await call.speak(await asyncio.to_thread(caller.speak, words), then_silence_s=5.0)
        closed_early = call.closed.is_set()
        await call.hang_up()
    except Exception as exc:  # the websocket library's errors, refused handshakes, timeouts
        return CallOutcome(server, "dropped", time.monotonic() - started, 0.0,
                           type(exc).__name__)
    heard = len(call.audio_in) / PHONE_RATE
    took = time.monotonic() - started
    if call.marked(BUSY_MARK):
        return CallOutcome(server, "refused", took, heard)
    if closed_early and heard < 0.5:
        return CallOutcome(server, "dropped", took, heard, "the server closed the stream")
    if heard < 0.5:
        return CallOutcome(server, "dropped", took, heard, "the agent never answered")
    return CallOutcome(server, "completed", took, heard)


async def check_store(settings: Settings, sends: int) -> dict[str, Any]:
    """After a verifying load: the shared store's audit chain, and codes sent vs the limit."""
    import json

    from verivoice.auth.audit import verify_store
    from verivoice.auth.store import open_store

    store = open_store(settings)
    try:
        report = await verify_store(store)
        lines = [json.loads(line) for _seq, line in await store.audit_lines()]
    finally:
        await store.close()
    steps: dict[str, int] = {}
    for line in lines:
        steps[line.get("step", "?")] = steps.get(line.get("step", "?"), 0) + 1
    return {"chain_ok": report.ok, "chain": report.why, "audit_records": report.records,
            "calls_in_audit": len({line.get("call_id") for line in lines}), "steps": steps,
            "codes_sent": sends, "max_sends_per_number": settings.verify.max_sends_per_day,
            "store": store.describe()}


@contextlib.asynccontextmanager
async def spawned_servers(count: int, *, token: str, max_calls: int, llm_url: str,
                          log_dir: Path, extra_env: dict[str, str] | None = None,
                          startup_timeout_s: float = 600.0):
    """``count`` `verivoice serve` processes on free ports sharing one LLM server.

    They share whatever state store the environment configures (``VERIVOICE_STATE__URL``).
    Yields their base URLs; stops them (SIGTERM, goodbye) at the end.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    processes: list[subprocess.Popen] = []
    bases = []
    salt = secrets.token_urlsafe(32)  # one per run: the servers share the store's hashes
    try:
        for n in range(count):
            port = free_port()
            env = {"VERIVOICE_VERIFY__PHONE_KEY_SALT": salt, **os.environ,
                   "VERIVOICE_TWILIO__AUTH_TOKEN": token,
                   "VERIVOICE_TWILIO__ACCOUNT_SID": "", "VERIVOICE_SERVER__PORT": str(port),
                   "VERIVOICE_CALL__MAX_CALLS": str(max_calls),
                   "VERIVOICE_LLM__BASE_URL": llm_url, "VERIVOICE_SERVER__SHUTDOWN_GRACE_S": "3",
                   **(extra_env or {})}
            with (log_dir / f"server-{n}.log").open("w") as log:
                processes.append(subprocess.Popen(
                    [sys.executable, "-m", "verivoice.cli", "serve"], env=env, stdout=log,
                    stderr=subprocess.STDOUT))
            bases.append(f"http://127.0.0.1:{port}")
        async with httpx.AsyncClient() as client:
            deadline = time.monotonic() + startup_timeout_s
            for n, base in enumerate(bases):
                while True:
                    if processes[n].poll() is not None:
                        raise RuntimeError(f"server {n} exited at start-up; see "
                                           f"{log_dir / f'server-{n}.log'}")
                    with contextlib.suppress(httpx.HTTPError):
                        if (await client.get(f"{base}/readyz", timeout=2)).status_code == 200:
                            break
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"server {n} was not ready in {startup_timeout_s} s")
                    await asyncio.sleep(0.5)
        yield bases
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                await asyncio.to_thread(process.wait, 30)
            except subprocess.TimeoutExpired:
                process.kill()


def new_token() -> str:
    """A throwaway Twilio-format auth token for spawned servers (32 hex digits)."""
    return secrets.token_hex(16)
