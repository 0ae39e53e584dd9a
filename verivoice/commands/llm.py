"""`verivoice llm serve | chat`."""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Annotated

import typer
from rich.console import Console

from verivoice.config import get_settings
from verivoice.device import resolve_device

app = typer.Typer(help="The agent's language model (vLLM, OpenAI-compatible API).")
err = Console(stderr=True)


@app.command("serve")
def serve() -> None:
    """Start vLLM with the configured model and keep it running until Ctrl-C or SIGTERM."""
    from verivoice.pipeline.llm.vllm_server import LlmServerError, VllmServer

    settings = get_settings()
    server = VllmServer(settings.llm, resolve_device(settings.device),
                        nice=settings.compute_nice)
    try:
        asyncio.run(server.serve_forever())
    except LlmServerError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from exc


@app.command("chat")
def chat(
    prompt: Annotated[str, typer.Argument(help="What to ask.")],
    max_tokens: Annotated[int, typer.Option(min=1, max=2048)] = 128,
    system: Annotated[str | None, typer.Option(help="System prompt.")] = None,
) -> None:
    """Send one prompt to the configured server and stream the answer (the smoke test)."""
    from openai import APIConnectionError, APIStatusError, APITimeoutError, OpenAI

    settings = get_settings().llm
    client = OpenAI(base_url=settings.url, api_key=settings.bearer, timeout=60.0, max_retries=0)
    messages = ([{"role": "system", "content": system}] if system else []) + [
        {"role": "user", "content": prompt}]
    started = time.perf_counter()
    first: float | None = None
    chunks = 0
    try:
        stream = client.chat.completions.create(
            model=settings.served_name, messages=messages, max_tokens=max_tokens,
            temperature=0.2, stream=True,
        )
        for event in stream:
            delta = event.choices[0].delta.content if event.choices else None
            if delta:
                first = first or time.perf_counter()
                chunks += 1
                sys.stdout.write(delta)
                sys.stdout.flush()
    except (APIConnectionError, APITimeoutError) as exc:
        err.print(f"[red]no LLM server answers at {settings.url}[/] ({type(exc).__name__}); "
                  "start one with `verivoice llm serve` or set VERIVOICE_LLM__BASE_URL")
        raise typer.Exit(1) from exc
    except APIStatusError as exc:
        err.print(f"[red]the LLM server answered {exc.status_code}[/]")
        raise typer.Exit(1) from exc
    sys.stdout.write("\n")
    if first is not None:
        total = time.perf_counter() - started
        rate = chunks / max(total - (first - started), 1e-6)
        err.print(f"first token {1000 * (first - started):.0f} ms, {chunks} chunks, {rate:.1f}/s")
