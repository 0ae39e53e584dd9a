"""`verivoice bench ...`: measured figures, written to a report directory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import Progress

from verivoice.config import get_settings
from verivoice.device import resolve_device

app = typer.Typer(help="Benchmarks (figures for the README come from here).")
console = Console()

DEFAULT_SET = Path("bench-out/digit-set")


@app.command("digit-set")
def digit_set(
    out: Annotated[Path, typer.Option(help="Directory for the clips and manifest.jsonl.")] = DEFAULT_SET,
    count: Annotated[int, typer.Option(min=1)] = 200,
    seed: Annotated[int, typer.Option()] = 7,
    phone_share: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of phone numbers.")] = 0.0,
) -> None:
    """Generate telephone clips of spoken codes (several voices, pauses, noise, mu-law)."""
    from verivoice.bench.digit_set import generate
    from verivoice.bench.voices import default_voices

    voices = default_voices()
    console.print(f"voices: {', '.join(v.label for v in voices)}")
    with Progress(console=console) as bar:
        task = bar.add_task("synthesising", total=count)
        generate(out, count, seed=seed, phone_share=phone_share, voices=voices,
                 progress=lambda n: bar.advance(task, n))
    console.print(f"wrote {count} clips to {out}")


@app.command("asr")
def bench_asr(
    set_dir: Annotated[Path, typer.Option("--set", help="Digit test set (made if missing).")] = DEFAULT_SET,
    count: Annotated[int, typer.Option(min=1, help="Clips to generate when the set is missing.")] = 200,
    limit: Annotated[int | None, typer.Option(min=1, help="Use only the first N clips.")] = None,
    model: Annotated[str | None, typer.Option(help="Whisper model (registry name, path, hub id).")] = None,
    out: Annotated[Path, typer.Option(help="Report directory.")] = Path("bench-out"),
) -> None:
    """Exact-code accuracy and latency: stock decoding against digit mode, one model, one run."""
    from verivoice.bench.asr_bench import machine_info, run, write_report
    from verivoice.bench.digit_set import load_manifest

    if not (set_dir / "manifest.jsonl").exists():
        digit_set(out=set_dir, count=count, seed=7, phone_share=0.0)
    settings = get_settings()
    asr = settings.asr.model_copy(update={"model": model}) if model else settings.asr
    device = resolve_device(settings.device)
    total = len(load_manifest(set_dir)[:limit])
    with Progress(console=console) as bar:
        task = bar.add_task(f"transcribing with {asr.model}", total=total)
        results, summaries = run(set_dir, asr, device, limit=limit,
                                 progress=lambda n: bar.advance(task, n))
    md = write_report(out, results, summaries, machine_info(device, asr))
    console.print(Markdown(md))
    console.print(f"report: {out / 'asr-report.md'}, {out / 'asr-report.json'}")


@app.command("llm")
def bench_llm(
    requests: Annotated[int, typer.Option(min=1, help="Requests per cache state and level.")] = 12,
    concurrency: Annotated[str, typer.Option(help="Concurrency levels, comma-separated.")] = "1,2,4",
    out: Annotated[Path, typer.Option(help="Report directory.")] = Path("bench-out"),
) -> None:
    """TTFT and tokens/s for a voice-sized prompt, prefix cache warm and cold.

    Uses the server at VERIVOICE_LLM__BASE_URL, or starts the configured one for the run.
    """
    import asyncio
    import platform

    from verivoice.bench.llm_bench import run, summarise, write_report
    from verivoice.pipeline.llm.vllm_server import VllmServer

    settings = get_settings()
    device = resolve_device(settings.device)
    levels = [int(x) for x in concurrency.split(",") if x.strip()]

    async def main() -> list:
        server = None if settings.llm.base_url else VllmServer(settings.llm, device, nice=settings.compute_nice)
        if server is not None:
            await server.start()
        try:
            with Progress(console=console) as bar:
                task = bar.add_task("requests", total=requests * len(levels) * 2)
                return await run(settings.llm, requests=requests, levels=levels,
                                 progress=lambda n: bar.advance(task, n))
        finally:
            if server is not None:
                await server.stop()

    results = asyncio.run(main())
    info = {"model": settings.llm.model, "url": settings.llm.url, "device": device,
            "cpu": platform.processor() or platform.machine(), "cores": os.cpu_count()}
    md = write_report(out, results, summarise(results), info)
    console.print(Markdown(md))


@app.command("tts")
def bench_tts(
    repeats: Annotated[int, typer.Option(min=1, help="Runs per reply and service.")] = 5,
    token_ms: Annotated[float, typer.Option(min=0, help="Delay between text tokens (0: whole reply at once).")] = 0.0,
    sample_rate: Annotated[int, typer.Option(help="Output rate (8000 Twilio, 48000 WebRTC).")] = 8000,
    out: Annotated[Path, typer.Option(help="Report directory.")] = Path("bench-out"),
) -> None:
    """Time to first audio and RTF: our Piper service against Pipecat's stock one, one run."""
    from verivoice.bench.tts_bench import machine_info, run, write_report
    from verivoice.bench.tts_replies import all_replies

    tts = get_settings().tts
    total = len(all_replies()) * repeats * 2
    with Progress(console=console) as bar:
        task = bar.add_task("speaking", total=total)
        rows, extras = run(tts, repeats=repeats, token_ms=token_ms, sample_rate=sample_rate,
                           progress=lambda n: bar.advance(task, n))
    suffix = f"-{int(token_ms)}ms" if token_ms else ""
    md = write_report(out / f"tts{suffix}", rows, machine_info(tts, sample_rate, token_ms, repeats),
                      extras)
    console.print(Markdown(md))
    console.print(f"report: {out / f'tts{suffix}' / 'tts-report.md'}")


@app.command("turns")
def bench_turns(
    seeds: Annotated[int, typer.Option(min=1, help="Renderings of each case per voice.")] = 1,
    out: Annotated[Path, typer.Option(help="Report directory.")] = Path("bench-out"),
) -> None:
    """End-of-turn rules on phone speech with pauses: turn-end delay and split turns."""
    import json

    from verivoice.bench.turn_bench import CASES, RULES, as_json, markdown, run, voices

    settings = get_settings()
    total = len(RULES) * len(CASES) * len(voices()) * seeds
    with Progress(console=console) as bar:
        task = bar.add_task("calls", total=total)
        results = run(settings.asr, seeds=seeds, progress=lambda n: bar.advance(task, n))
    md = markdown(results)
    out.mkdir(parents=True, exist_ok=True)
    (out / "turns-report.md").write_text(md)
    (out / "turns-report.json").write_text(json.dumps(as_json(results), indent=1))
    console.print(Markdown(md))


@app.command("heard")
def bench_heard(
    sets: Annotated[str, typer.Option(help="Bench wording sets, comma-separated (default: "
                                      "the read held-out sets).")] = "",
    model: Annotated[str | None, typer.Option(help="Whisper model (registry name, path, hub id).")] = None,
    margin: Annotated[float | None, typer.Option(
        min=0.0, help="VERIVOICE_ASR__ALTERNATIVE_MARGIN for this run.")] = None,
    out: Annotated[Path, typer.Option(help="Report directory.")] = Path("bench-out/heard"),
    unread: Annotated[bool, typer.Option(
        help="Allow sets nobody has read yet (the report shows their wordings: run their "
        "phone benches first).")] = False,
) -> None:
    """The recogniser and the router's rules on the bench wordings, without a call."""
    import json
    import platform
    import time

    from verivoice.bench.heard_bench import (
        READ_SETS,
        UNREAD_SETS,
        as_json,
        figures,
        markdown,
        run,
        wordings,
    )
    from verivoice.pipeline.asr.settings import AsrSettings
    from verivoice.pipeline.asr.whisper import WhisperTranscriber

    settings = get_settings()
    asr = AsrSettings.model_validate({**settings.asr.model_dump(), **{k: v for k, v in (
        ("model", model), ("alternative_margin", margin)) if v is not None}})
    chosen = [s.strip() for s in sets.split(",") if s.strip()] or list(READ_SETS)
    if not unread and (held := sorted(set(chosen) & UNREAD_SETS)):
        console.print(f"[red]{', '.join(held)}: not read yet; measure with the phone benches "
                      "first, or pass --unread[/red]")
        raise typer.Exit(2)
    transcriber = WhisperTranscriber.shared(asr, resolve_device(settings.device))
    started = time.monotonic()
    with Progress(console=console) as bar:
        task = bar.add_task("wordings", total=sum(len(wordings(s)) for s in chosen))
        rows = run(chosen, transcriber.transcribe, progress=lambda n: bar.advance(task, n))
    info = {"sets": chosen, "model": asr.model, "alternative_margin": asr.alternative_margin,
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                       f"{resolve_device(settings.device)}",
            "wall_s": round(time.monotonic() - started, 1)}
    figs = figures(rows)
    md = markdown(figs, info)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(md)
    (out / "report.json").write_text(json.dumps(as_json(rows, figs, info), indent=1))
    console.print(Markdown(md))


@app.command("run")
def bench_run(
    profile: Annotated[str | None, typer.Option(help="cuda or cpu (default: the device in use).")] = None,
    turns: Annotated[int | None, typer.Option(
        min=1, help="Turns measured per concurrency level (default VERIVOICE_BENCH__TURNS).")] = None,
    calls: Annotated[int | None, typer.Option(
        min=1, help="Calls per concurrency level, instead of a turn count.")] = None,
    concurrency: Annotated[str | None, typer.Option(
        help="Calls at once, comma-separated (default 1, 2, 4, ... up to "
        "VERIVOICE_BENCH__MAX_CONCURRENCY).")] = None,
    baseline: Annotated[bool | None, typer.Option(
        "--baseline/--no-baseline", help="Also run Pipecat's stock pipeline, one call at a "
        "time, and report the ratios (default VERIVOICE_BENCH__BASELINE).")] = None,
    out: Annotated[Path, typer.Option(help="Report directory.")] = Path("bench-out/run"),
) -> None:
    """Scripted calls through the real pipeline; exit 0 within budget, 1 over, 2 failed."""
    import asyncio

    from verivoice.bench.latency import as_dicts, levels_up_to, run
    from verivoice.bench.latency_report import EXIT_FAILED, Budget, machine_info, write_report
    from verivoice.pipeline.llm.vllm_server import VllmServer
    from verivoice.server.assembly import CallResources

    settings = get_settings()
    device = resolve_device(settings.device)
    profile = profile or device
    if profile not in ("cuda", "cpu"):
        raise typer.BadParameter("profile must be cuda or cpu")
    b = settings.budgets
    budget = (Budget("cuda", b.first_token_ms, b.first_audio_ms) if profile == "cuda"
              else Budget("cpu", b.cpu_first_token_ms, b.cpu_first_audio_ms))
    try:
        levels = (levels_up_to(settings.bench.max_concurrency) if concurrency is None
                  else sorted({int(x) for x in concurrency.split(",") if x.strip()}))
    except ValueError:
        raise typer.BadParameter("concurrency: whole numbers, comma-separated") from None
    if not levels or min(levels) < 1:
        raise typer.BadParameter("concurrency: at least one level, each 1 or more")
    turns = turns or settings.bench.turns
    with_baseline = settings.bench.baseline if baseline is None else baseline

    async def main() -> tuple[list[dict], str | None]:
        server = None if settings.llm.base_url else VllmServer(settings.llm, device, nice=settings.compute_nice)
        if server is not None:
            await server.start()
        try:
            resources = await asyncio.to_thread(CallResources.load, settings, device)
            with Progress(console=console) as bar:
                task = bar.add_task("runs (levels, then the baseline)",
                                    total=len(levels) + with_baseline)
                records, baseline_error = await run(
                    resources, turns=turns, levels=levels, calls=calls,
                    baseline_levels=[levels[0]] if with_baseline else [],
                    progress=lambda n: bar.advance(task, n))
            return as_dicts(records), baseline_error
        finally:
            if server is not None:
                await server.stop()

    error = baseline_error = None
    try:
        records, baseline_error = asyncio.run(main())
    except Exception as exc:  # the run itself failed: exit 2 with the reason in the report
        records, error = [], f"the run failed: {type(exc).__name__}: {exc}"
    md, verdict = write_report(out, records, budget, machine_info(settings, device), error,
                               baseline_error=baseline_error)
    console.print(Markdown(md))
    console.print(f"report: {out / 'report.md'}, {out / 'report.json'}, {out / 'latency.png'}")
    raise typer.Exit(verdict.code if records or error else EXIT_FAILED)


@app.command("compare")
def bench_compare(
    a: Annotated[Path, typer.Argument(help="The first report.json (before, or machine A).")],
    b: Annotated[Path, typer.Argument(help="The second report.json (after, or machine B).")],
) -> None:
    """Side-by-side p50/p95 of two `bench run` reports, with B/A ratios."""
    import json

    from verivoice.bench.latency_report import compare

    console.print(Markdown(compare(json.loads(a.read_text()), json.loads(b.read_text()))))


@app.command("load")
def bench_load(
    callers: Annotated[int, typer.Option(min=1, help="Simulated callers at once.")] = 4,
    minutes: Annotated[float, typer.Option(min=0.05, help="How long they keep calling.")] = 2.0,
    url: Annotated[list[str] | None, typer.Option(
        help="A running server's base URL (repeatable); its VERIVOICE_TWILIO__AUTH_TOKEN "
        "must be set here too. Default: start --servers servers here.")] = None,
    servers: Annotated[int, typer.Option(min=1, help="Servers to start (without --url); they "
                                         "share one LLM server and the configured state store.")] = 1,
    max_calls: Annotated[int | None, typer.Option(
        min=1, help="Calls each started server takes (default VERIVOICE_CALL__MAX_CALLS).")] = None,
    verify: Annotated[bool, typer.Option(
        help="Every call verifies the caller (a local Verify server, the synthetic patient's "
        "number); then check the shared store: codes sent within the limit, chain intact.")] = False,
    out: Annotated[Path, typer.Option(help="Report directory.")] = Path("bench-out/load"),
) -> None:
    """Many simulated Twilio calls at once; exit 0 when none dropped, no lag, no leak."""
    import asyncio

    from verivoice.bench.latency_report import machine_info
    from verivoice.bench.load import (
        EXIT_FAILED,
        PATIENT_PHONE,
        Limits,
        LoadResult,
        caller_turns,
        check_store,
        new_token,
        run_load,
        spawned_servers,
        verify_call,
        verify_caller,
        write_report,
    )
    from verivoice.pipeline.llm.vllm_server import VllmServer

    settings = get_settings()
    device = resolve_device(settings.device)
    max_calls = max_calls or settings.call.max_calls
    seconds = minutes * 60
    info = {"callers": callers, "seconds": seconds, "max_calls": max_calls,
            "machine": f"{device}, {os.cpu_count()} cores",
            "host": machine_info(settings, device)}

    async def main() -> LoadResult:
        turns = await asyncio.to_thread(caller_turns, settings)
        with Progress(console=console) as bar:
            task = bar.add_task("calling", total=seconds)

            def progress(s: float) -> None:
                bar.update(task, completed=s)

            if url and verify:
                raise typer.BadParameter("--verify starts its own servers: leave out --url")
            if url:
                token = settings.twilio.auth_token.get_secret_value()
                if not token:
                    raise typer.BadParameter("--url needs VERIVOICE_TWILIO__AUTH_TOKEN (the "
                                             "server's) to sign the calls")
                return await run_load(url, token, turns, callers=callers, seconds=seconds,
                                      progress=progress)
            llm = None if settings.llm.base_url else VllmServer(settings.llm, device, nice=settings.compute_nice)
            if llm is not None:
                await llm.start()
            try:
                token = new_token()
                if verify:
                    return await verifying_load(token, turns, progress)
                async with spawned_servers(servers, token=token, max_calls=max_calls,
                                           llm_url=settings.llm.url, log_dir=out) as bases:
                    return await run_load(bases, token, turns, callers=callers,
                                          seconds=seconds, progress=progress)
            finally:
                if llm is not None:
                    await llm.stop()

    async def verifying_load(token: str, turns, progress) -> LoadResult:
        import secrets

        from verivoice.bench.verify_server import (
            VerifyServerSettings,
            create_verify_app,
            run_in_thread,
        )

        account, service = "AC" + secrets.token_hex(16), "VA" + secrets.token_hex(16)
        # The local server's own send limit is lifted: only ours may stop a code.
        app_ = create_verify_app(account_sid=account, auth_token=token, service_sid=service,
                                 settings=VerifyServerSettings(max_sends_per_window=100_000,
                                                               max_concurrent_per_to=100))
        state = app_.state.verify
        check = settings
        env = {"VERIVOICE_TWILIO__ACCOUNT_SID": account, "VERIVOICE_VERIFY__SERVICE_SID": service,
               "VERIVOICE_VERIFY__AT_START": "true"}
        if settings.state.url is None:  # a fresh SQLite store for this run, shared by all
            db = (out / "state.db").resolve()
            for stale in out.glob("state.db*"):
                stale.unlink()
            env["VERIVOICE_VERIFY__STATE_DB"] = str(db)
            check = settings.model_copy(update={
                "verify": settings.verify.model_copy(update={"state_db": db})})
        caller = await asyncio.to_thread(verify_caller, settings, state.last_code)
        with run_in_thread(app_) as verify_url:
            env["VERIVOICE_TWILIO__API_BASE_URL"] = verify_url
            async with spawned_servers(servers, token=token, max_calls=max_calls,
                                       llm_url=settings.llm.url, log_dir=out,
                                       extra_env=env) as bases:
                result = await run_load(
                    bases, token, turns, callers=callers, seconds=seconds, progress=progress,
                    dial=lambda url_, n: verify_call(url_, token, caller, n, account))
            result.verification = await check_store(check, len(state.outbox(PATIENT_PHONE)))
        return result


    error, result = None, LoadResult()
    try:
        result = asyncio.run(main())
    except typer.BadParameter:
        raise
    except Exception as exc:  # the run itself failed: exit 2 with the reason in the report
        error = f"the run failed: {type(exc).__name__}: {exc}"
    md, code = write_report(out, result, info, Limits(), error)
    console.print(Markdown(md))
    console.print(f"report: {out / 'load-report.md'}, {out / 'load-report.json'}")
    raise typer.Exit(code if result.calls or error else EXIT_FAILED)


@app.command("store")
def bench_store(
    backend: Annotated[str, typer.Option(help="sqlite or postgres.")] = "sqlite",
    url: Annotated[str | None, typer.Option(
        help="SQLite: the file's URL (default: a new temporary file). PostgreSQL: a server "
        "whose user may CREATE DATABASE; a fresh database is made there and dropped after "
        "(default: a throwaway server from this machine's binaries, durable settings).")] = None,
    op: Annotated[str, typer.Option(help="limit (rate-limit checks) or audit (appends).")] = "limit",
    clients: Annotated[int, typer.Option(min=1, help="Concurrent clients per process.")] = 8,
    processes: Annotated[int, typer.Option(min=1, help="Processes (replicas).")] = 1,
    keys: Annotated[int, typer.Option(min=1, help="Distinct phone numbers (1: all on one).")] = 1000,
    limit: Annotated[int, typer.Option(min=1, help="Sends allowed per number per day.")] = 5,
    seconds: Annotated[float, typer.Option(min=1.0, help="How long the clients run.")] = 10.0,
    out: Annotated[Path, typer.Option(help="Report directory.")] = Path("bench-out/store"),
) -> None:
    """State store throughput: rate-limit checks (or audit appends) per second; exit 1 if a
    limit was exceeded, the chain broke or an operation failed."""
    from verivoice.bench.store_bench import (
        HEADER,
        bench_database,
        markdown_row,
        passed,
        run_bench,
        write_result,
    )

    if backend not in ("sqlite", "postgres") or op not in ("limit", "audit"):
        raise typer.BadParameter("--backend sqlite|postgres, --op limit|audit")
    with bench_database(backend, url) as database:  # type: ignore[arg-type]
        result = run_bench(database, op=op, processes=processes, clients=clients,  # type: ignore[arg-type]
                           keys=keys, limit=limit, seconds=seconds)
    console.print(Markdown(HEADER + "\n" + markdown_row(result)))
    console.print(f"{result.ops} operations, {result.allowed} allowed, {result.refused} "
                  f"refused; machine: {result.machine}; report: {write_result(out, result)}")
    raise typer.Exit(0 if passed(result) else 1)


DEFAULT_STEPUP = Path("bench-out/stepup")


@app.command("stepup")
def bench_stepup(
    out: Annotated[Path, typer.Option(help="Report directory.")] = DEFAULT_STEPUP,
    phi: Annotated[int | None, typer.Option(
        min=0, help="PHI requests to ask (default: all of bench/stepup_set.py).")] = None,
    other: Annotated[int | None, typer.Option(
        min=0, help="Non-PHI questions to ask (default: all).")] = None,
    variant: Annotated[str, typer.Option(
        help="voice (answers spoken), keypad (answers keyed, DTMF) or both (every PHI "
        "request once each way).")] = "both",
    seed: Annotated[int, typer.Option(help="Order of the calls, voices, renderings.")] = 7,
    strict: Annotated[bool, typer.Option(
        help="Exit 1 when a figure misses its target (default: report only).")] = False,
    max_minutes: Annotated[float | None, typer.Option(
        min=0.1, help="Dial no new call after this long (the report says so).")] = None,
    rescore: Annotated[Path | None, typer.Option(
        help="Make no calls: judge the calls of this report.json again from what their "
        "callers heard, with the current key words (written to --out, default: a "
        "'rescored' folder next to it).")] = None,
    wordings: Annotated[str, typer.Option(
        help="heldout11 (written without reading the routing rules, never used to tune "
        "them); heldout10, heldout9, heldout8, heldout7, heldout6, heldout5, heldout4, "
        "heldout3, heldout2 and heldout (such sets, each measured once, then read to widen the "
        "rules); tuned (read to widen the phrase rules).")] = "heldout11",
) -> None:
    """Scripted callers verify over the phone line; exit 0 unless the harness failed.

    Each caller listens to the agent (Whisper on its audio), answers the step-up's
    questions by voice or keypad with the code from a local Verify server's outbox, and
    checks the answer it hears. Starts the LLM server (unless VERIVOICE_LLM__BASE_URL),
    a local Verify server and one `verivoice serve`.
    """
    import asyncio
    import json
    import signal
    import time
    from dataclasses import asdict

    from verivoice.bench.latency_report import machine_info
    from verivoice.bench.stepup import (
        WORDINGS,
        CallRecord,
        plan_calls,
        run_bench,
        targets_met,
        write_report,
    )
    from verivoice.bench.voices import default_voices
    from verivoice.pipeline.llm.vllm_server import VllmServer

    if variant not in ("voice", "keypad", "both"):
        raise typer.BadParameter("--variant voice|keypad|both")
    settings = get_settings()
    if rescore is not None:
        _rescore_stepup(rescore, rescore.parent / "rescored" if out == DEFAULT_STEPUP else out,
                        settings)
        return
    if not settings.llm.base_url:  # our own LLM server, on a port nobody else uses
        from verivoice.bench.local_postgres import free_port

        settings = settings.model_copy(update={
            "llm": settings.llm.model_copy(update={"port": free_port()})})
    device = resolve_device(settings.device)
    voices = default_voices()
    if wordings not in WORDINGS:
        raise typer.BadParameter(f"--wordings {'|'.join(WORDINGS)}")
    plans = plan_calls(phi=phi, other=other, variant=variant, seed=seed, voices=voices,
                       wordings=wordings)
    info: dict = {"seed": seed, "variant": variant, "wordings": wordings, "voices": [v.label for v in voices],
                  "machine": f"{device}, {os.cpu_count()} cores",
                  "host": machine_info(settings, device), "llm": settings.llm.model}

    done: list[CallRecord] = []  # kept as they end: an interrupted run still reports them
    out.mkdir(parents=True, exist_ok=True)
    (out / "calls.jsonl").write_text("")

    async def main() -> tuple[list[CallRecord], dict]:
        llm = None if settings.llm.base_url else VllmServer(settings.llm, device,
                                                           nice=settings.compute_nice)
        if llm is not None:
            await llm.start()
        try:
            with Progress(console=console) as bar:
                task = bar.add_task("calls", total=len(plans))

                def progress(record: CallRecord) -> None:
                    done.append(record)
                    with (out / "calls.jsonl").open("a") as fh:
                        fh.write(json.dumps(asdict(record)) + "\n")
                    bar.update(task, advance=1, description=f"call {record.index}: "
                               f"{record.kind} {record.variant} -> {record.outcome}")

                return await run_bench(settings, out, plans, seed=seed, progress=progress,
                                       max_s=max_minutes * 60 if max_minutes else None)
        finally:
            if llm is not None:
                await llm.stop()

    def stop(_signum, _frame) -> None:  # SIGTERM: end like Ctrl-C, with the report
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    started = time.monotonic()
    error, records = None, []
    try:
        records, extra = asyncio.run(main())
        info.update(extra)
    except KeyboardInterrupt:
        records, error = done, f"the run was interrupted after {len(done)} calls"
    except Exception as exc:  # the harness failed: exit 2 with the reason in the report
        records, error = done, f"the run failed: {type(exc).__name__}: {exc}"
    info["wall_s"] = round(time.monotonic() - started, 1)
    md, figs = write_report(out, records, info, error)
    console.print(Markdown(md))
    console.print(f"report: {out / 'report.md'}, {out / 'report.json'}")
    if error or not records:
        raise typer.Exit(2)
    raise typer.Exit(1 if strict and not targets_met(figs) else 0)


def _rescore_stepup(report: Path, out: Path, settings) -> None:
    """`bench stepup --rescore`: the recorded calls judged again, the audit read again."""
    import asyncio

    from verivoice.bench.stepup import audit_by_call, load_records, rescore, write_report

    records, info = load_records(report)
    for record in records:
        rescore(record)
    db = report.parent / "state.db"
    if settings.state.url is None and db.exists():
        check = settings.model_copy(update={
            "verify": settings.verify.model_copy(update={"state_db": db.resolve()})})
        info["audit"] = asyncio.run(audit_by_call(check, records))
    md, _ = write_report(out, records, {**info, "rescored_from": str(report)})
    console.print(Markdown(md))
    console.print(f"report: {out / 'report.md'}, {out / 'report.json'}")


@app.command("handoff")
def bench_handoff(
    out: Annotated[Path, typer.Option(help="Report directory.")] = Path("bench-out/handoff"),
    positives: Annotated[int | None, typer.Option(
        min=0, help="Requests for a person to make (default: all of the chosen set).")] = None,
    negatives: Annotated[int | None, typer.Option(
        min=0, help="Other requests to make (default: all).")] = None,
    seed: Annotated[int, typer.Option(help="Order of the calls, voices, renderings.")] = 7,
    strict: Annotated[bool, typer.Option(
        help="Exit 1 when a figure misses its target (default: report only).")] = False,
    wordings: Annotated[str, typer.Option(
        help="heldout13 (written without reading the routing rules, never used to tune "
        "them); heldout12, heldout11, heldout10, heldout9, heldout8, heldout7, heldout6, "
        "heldout5, heldout4, heldout3, heldout2 and heldout (such sets, each measured once, "
        "then read); tuned (read to widen the phrase rules).")] = "heldout13",
) -> None:
    """Spoken requests over the phone line: how many ask-for-a-person calls are transferred
    (a <Dial> REST update of the live call), how many others are not, and how fast."""
    from verivoice.bench.handoff import WORDINGS, main

    if wordings not in WORDINGS:
        raise typer.BadParameter(f"--wordings {'|'.join(WORDINGS)}")
    raise typer.Exit(main(out, positives, negatives, seed, strict, wordings))
