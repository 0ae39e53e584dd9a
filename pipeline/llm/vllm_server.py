"""Start and supervise the vLLM server: its own process, its own Python environment.

`verivoice llm serve` runs :meth:`VllmServer.serve_forever`: start, wait for `/health` and one
warm-up completion, stream the server's log into ours, restart it if it dies (a bounded
number of times), and stop it cleanly on SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from collections import deque
from pathlib import Path

import httpx

from verivoice.device import ResolvedDevice
from verivoice.models.registry import resolve
from verivoice.pipeline.compute_priority import lowered_command
from verivoice.pipeline.llm.settings import LlmSettings

logger = logging.getLogger("verivoice.llm.server")

TEMPLATE = Path(__file__).with_name("templates") / "chatml_tools.jinja"
_RESTART_WINDOW_S = 600.0


class LlmServerError(RuntimeError):
    """The LLM server could not be started or kept running. Says why."""


def server_command(settings: LlmSettings, device: ResolvedDevice, model_dir: Path) -> list[str]:
    """The command line for vLLM's OpenAI-compatible server, tuned for voice turns."""
    cmd = [
        str(settings.python), "-m", "vllm.entrypoints.openai.api_server",
        "--model", str(model_dir),
        "--served-model-name", settings.served_name,
        "--host", settings.host, "--port", str(settings.port),
        "--max-model-len", str(settings.max_model_len),
        "--enable-prefix-caching",
        "--enable-auto-tool-choice", "--tool-call-parser", settings.tool_call_parser,
        "--chat-template", str(TEMPLATE),
        "--generation-config", "vllm",  # our sampling defaults, not the checkpoint's
        "--no-enable-log-requests",  # prompts can hold PHI: never log them
        "--disable-uvicorn-access-log",
    ]
    if device == "cuda":
        # CUDA graphs stay on (no --enforce-eager); interactivity favours time to first token.
        cmd += ["--gpu-memory-utilization", str(settings.gpu_memory_utilization),
                "--performance-mode", "interactivity"]
    else:
        # Eager mode starts in ~50 s instead of ~190 s on a 2-core CPU.
        cmd += ["--enforce-eager", "--max-num-seqs", "8"]
    return cmd + list(settings.extra_args)


def server_env(settings: LlmSettings, device: ResolvedDevice) -> dict[str, str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "VLLM_NO_USAGE_STATS": "1", "DO_NOT_TRACK": "1"}
    if settings.api_key is not None:  # in the environment: argv is visible to every user
        env["VLLM_API_KEY"] = settings.api_key.get_secret_value()
    if device == "cpu":
        env.setdefault("VLLM_CPU_KVCACHE_SPACE", str(settings.cpu_kv_cache_gb))
        env.setdefault("VLLM_CPU_NUM_OF_RESERVED_CPU", "0")
    return env


class VllmServer:
    """One supervised vLLM server process.

    Args:
        settings: LLM settings (model, port, environment).
        device: ``cuda`` or ``cpu``.
        nice: The server's nice value (:mod:`verivoice.pipeline.compute_priority`).
    """

    def __init__(self, settings: LlmSettings, device: ResolvedDevice, *, nice: int = 0) -> None:
        self.settings = settings
        self.device = device
        self.nice = nice
        self.process: asyncio.subprocess.Process | None = None
        self.restarts = 0
        self._restart_times: deque[float] = deque()
        self._pump: asyncio.Task | None = None
        self._recent: deque[str] = deque(maxlen=40)
        self._stopping = False

    @property
    def health_url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.port}/health"

    async def start(self) -> None:
        """Start the server and return once it answers `/health` and a warm-up request.

        Raises:
            LlmServerError: It exited or did not become ready within the startup timeout.
        """
        if not Path(self.settings.python).exists():
            raise LlmServerError(
                f"no vLLM environment at {self.settings.python}; run `make setup` or set "
                "VERIVOICE_LLM__PYTHON"
            )
        model_dir = await asyncio.to_thread(resolve, self.settings.model_for(self.device), kind="llm")
        cmd = server_command(self.settings, self.device, model_dir)
        logger.info("starting vLLM (%s profile) on port %d", self.device, self.settings.port)
        self.process = await asyncio.create_subprocess_exec(
            *lowered_command(self.nice, cmd), env=server_env(self.settings, self.device),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        self._pump = asyncio.create_task(self._pump_log(self.process))
        await self._wait_ready()

    async def _pump_log(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        async for raw in process.stdout:
            line = raw.decode(errors="replace").rstrip()
            self._recent.append(line)
            logger.info("vllm | %s", line)

    async def _stop_pump(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
            self._pump = None

    async def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.settings.startup_timeout_s
        async with httpx.AsyncClient(timeout=5.0) as client:
            while time.monotonic() < deadline:
                if self.process is None or self.process.returncode is not None:
                    raise LlmServerError(
                        f"vLLM exited during start-up (code {self.process.returncode if self.process else '?'}):\n"
                        + "\n".join(list(self._recent)[-10:])
                    )
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(self.health_url)).status_code == 200:
                        await self._warm_up(client)
                        logger.info("vLLM ready at %s", self.settings.url)
                        return
                await asyncio.sleep(0.5)
        await self.stop()
        raise LlmServerError(f"vLLM was not ready within {self.settings.startup_timeout_s:.0f} s")

    async def _warm_up(self, client: httpx.AsyncClient) -> None:
        """One short completion so the first caller does not pay for lazy initialisation."""
        response = await client.post(
            f"{self.settings.url}/chat/completions",
            json={"model": self.settings.served_name, "max_tokens": 1,
                  "messages": [{"role": "user", "content": "Hello"}]},
            headers={"Authorization": f"Bearer {self.settings.bearer}"},
            timeout=120.0,
        )
        response.raise_for_status()

    async def _reap(self) -> None:
        """After the server died: end what is left of its process group and its log pump."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        await self._stop_pump()

    async def stop(self, grace_s: float = 15.0) -> None:
        """Stop the server: SIGTERM to its process group, then SIGKILL after ``grace_s``."""
        self._stopping = True
        process = self.process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), grace_s)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                await process.wait()
        await self._stop_pump()
        logger.info("vLLM stopped")

    async def supervise(self) -> None:
        """Keep the server running: restart it when it dies, within a restart budget.

        Raises:
            LlmServerError: More than ``max_restarts`` restarts within ten minutes.
        """
        self._stopping = False
        while not self._stopping:
            assert self.process is not None
            # Poll the exit status: `Process.wait()` also waits for the log pipe, which an
            # orphaned engine child can hold open after the API server died.
            while self.process.returncode is None and not self._stopping:
                await asyncio.sleep(0.5)
            if self._stopping:
                return
            code = self.process.returncode
            await self._reap()
            now = time.monotonic()
            self._restart_times.append(now)
            while self._restart_times and now - self._restart_times[0] > _RESTART_WINDOW_S:
                self._restart_times.popleft()
            if len(self._restart_times) > self.settings.max_restarts:
                raise LlmServerError(
                    f"vLLM died {len(self._restart_times)} times in ten minutes; giving up"
                )
            logger.error("vLLM exited with code %s; restarting", code)
            self.restarts += 1
            await self.start()

    async def serve_forever(self) -> None:
        """Start, supervise until SIGTERM/SIGINT, then stop cleanly."""
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await self.start()
        supervisor = asyncio.create_task(self.supervise())
        waiter = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({supervisor, waiter}, return_when=asyncio.FIRST_COMPLETED)
        self._stopping = True
        await self.stop()
        supervisor.cancel()
        waiter.cancel()
        if supervisor in done and supervisor.exception():
            raise supervisor.exception()
