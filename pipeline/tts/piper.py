"""The client side of the Piper worker: one worker process per server, shared by every call.

Piper (GPL-3.0-or-later) never runs inside this process: :class:`PiperProcess` starts
``verivoice.pipeline.tts.piper_worker`` as a child and speaks its pipe protocol (documented
there). Requests from many calls, on any event loop or thread, share that one worker and its
one loaded voice. A worker that dies is restarted on the next request; the requests it was
serving end with an error instead of hanging.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

from loguru import logger


class TtsError(RuntimeError):
    """Speech synthesis cannot start or a request failed. Never carries the text."""


@dataclass(frozen=True)
class SynthesisOptions:
    """Piper's knobs; ``None`` keeps the voice's own default."""

    length_scale: float | None = None
    noise_scale: float | None = None
    noise_w_scale: float | None = None
    speaker_id: int | None = None


@dataclass(frozen=True)
class _Message:
    kind: str  # "audio" | "done" | "error"
    payload: bytes = b""
    error: str = ""


Sink = Callable[[_Message], None]


def _deliver(sink: Sink, message: _Message) -> None:
    """A failing sink (a closed event loop, say) must not stop the reader for every call."""
    try:
        sink(message)
    except Exception as exc:
        logger.debug(f"dropped a Piper reply: its receiver is gone ({type(exc).__name__})")


def _reap(proc: subprocess.Popen[bytes]) -> None:
    """Wait briefly for a worker that is exiting; kill it if it lingers."""
    try:
        proc.wait(timeout=2)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


class PiperProcess:
    """A running Piper worker and the requests in flight on it.

    Args:
        model: The Piper ``.onnx`` voice (its ``.onnx.json`` beside it).
        python: The interpreter that runs the worker (one with piper-tts installed).
        threads: Requests the worker synthesises at once.
        cuda: Run the voice on CUDA (onnxruntime-gpu).
        startup_timeout_s: How long the voice may take to load.
        max_restarts: Restarts allowed after crashes before requests fail for good.
        nice: The worker's nice value (:mod:`verivoice.pipeline.compute_priority`).
    """

    _shared: ClassVar[dict[tuple[str, str, int, bool], PiperProcess]] = {}
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        model: Path,
        *,
        python: str = sys.executable,
        threads: int = 1,
        cuda: bool = False,
        startup_timeout_s: float = 60.0,
        max_restarts: int = 5,
        nice: int = 0,
    ) -> None:
        self.model = Path(model)
        self._nice = nice
        self._python = python
        self._threads = threads
        self._cuda = cuda
        self._startup_timeout_s = startup_timeout_s
        self._max_restarts = max_restarts
        self._restarts = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._sinks: dict[int, tuple[subprocess.Popen[bytes], Sink]] = {}
        # Workers whose reply stream has ended. A killed worker closes its pipes before the
        # kernel reports it as exited, so ``poll()`` alone can still call it running.
        self._closed: set[subprocess.Popen[bytes]] = set()
        self._ids = itertools.count(1)
        self._lock = threading.RLock()
        self._write_lock = threading.Lock()
        self._stderr_tail: list[str] = []
        self.sample_rate = 0
        self.reply_timeout_s = 30.0  # longest wait for the next sentence of one request

    @classmethod
    def shared(cls, model: Path, *, python: str = sys.executable, threads: int = 1,
               cuda: bool = False, startup_timeout_s: float = 60.0,
               nice: int = 0) -> PiperProcess:
        """The process-wide worker for this voice, started on first use."""
        key = (str(Path(model).resolve()), python, threads, cuda)
        with cls._shared_lock:
            worker = cls._shared.get(key)
            if worker is None:
                worker = cls(Path(model), python=python, threads=threads, cuda=cuda,
                             startup_timeout_s=startup_timeout_s, nice=nice)
                cls._shared[key] = worker
        worker.start()
        return worker

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        proc = self._proc
        return proc is not None and proc not in self._closed and proc.poll() is None

    def start(self) -> None:
        """Start the worker and wait until its voice is loaded.

        Raises:
            TtsError: the voice file is missing, or the worker could not load it in time.
        """
        with self._lock:
            if self.running:
                return
            if not self.model.is_file():
                raise TtsError(f"Piper voice file not found: {self.model}. Run `verivoice models "
                               "verify --repair` or point VERIVOICE_TTS__VOICE at a .onnx voice.")
            if not Path(f"{self.model}.json").is_file():
                raise TtsError(f"Piper voice config not found: {self.model}.json (it must sit "
                               "beside the .onnx file).")
            self._stderr_tail = []
            proc = subprocess.Popen(
                [self._python, "-m", "verivoice.pipeline.tts.piper_worker",
                 "--model", str(self.model), "--threads", str(self._threads),
                 "--nice", str(self._nice)]
                + (["--cuda"] if self._cuda else []),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                start_new_session=True,
            )
            threading.Thread(target=self._pump_stderr, args=(proc,), daemon=True,
                             name="piper-stderr").start()
            ready: queue.Queue[dict[str, Any] | None] = queue.Queue()
            threading.Thread(target=self._read_replies, args=(proc, ready), daemon=True,
                             name="piper-replies").start()
            try:
                header = ready.get(timeout=self._startup_timeout_s)
            except queue.Empty:
                header = None
                proc.kill()
            if header is None:
                proc.wait(timeout=10)
                time.sleep(0.05)  # let the stderr pump catch the last lines
                detail = " ".join(self._stderr_tail[-3:]) or f"exit code {proc.returncode}"
                raise TtsError(f"Piper worker could not load voice {self.model}: {detail}")
            self.sample_rate = int(header["sample_rate"])
            self._proc = proc
            logger.info(f"Piper worker pid {proc.pid} ready: {self.model.name} at "
                        f"{self.sample_rate} Hz")

    def stop(self) -> None:
        """End the worker (pending requests end with an error)."""
        with self._lock:
            proc, self._proc = self._proc, None
            self._closed.discard(proc)
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait(timeout=5)

    def _ensure_running(self) -> subprocess.Popen[bytes]:
        with self._lock:
            if not self.running:
                if self._proc is not None:
                    _reap(self._proc)
                    self._closed.discard(self._proc)
                    if self._restarts >= self._max_restarts:
                        raise TtsError("Piper worker keeps crashing; not restarting it again")
                    self._restarts += 1
                    logger.warning(f"Piper worker exited (code {self._proc.returncode}); "
                                   f"restart {self._restarts}/{self._max_restarts}")
                    self._proc = None
                self.start()
            assert self._proc is not None
            return self._proc

    # -- protocol ------------------------------------------------------------------------

    def _pump_stderr(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode(errors="replace").rstrip()
            if line:
                self._stderr_tail = ([*self._stderr_tail, line])[-20:]
                logger.debug(f"piper worker: {line}")

    def _read_replies(self, proc: subprocess.Popen[bytes],
                      ready: queue.Queue[dict[str, Any] | None]) -> None:
        assert proc.stdout is not None
        stream = proc.stdout
        announced = False
        try:
            while True:
                line = stream.readline()
                if not line:
                    break
                header = json.loads(line)
                size = int(header.get("bytes", 0))
                payload = stream.read(size) if size else b""
                if len(payload) != size:
                    break
                kind = header.get("type")
                if kind == "ready":
                    announced = True
                    ready.put(header)
                    continue
                self._dispatch(header.get("id"), kind, payload, header.get("message", ""))
        except (ValueError, OSError) as exc:
            logger.error(f"Piper worker sent an unreadable reply ({type(exc).__name__})")
        finally:
            if not announced:
                ready.put(None)
            self._fail_pending(proc)

    def _dispatch(self, request_id: Any, kind: str | None, payload: bytes, message: str) -> None:
        with self._lock:
            entry = self._sinks.get(request_id) if isinstance(request_id, int) else None
            if kind in ("done", "error"):
                self._sinks.pop(request_id, None)
        if entry is None:
            return  # a cancelled request's late audio: dropped here, never played
        if kind == "audio":
            _deliver(entry[1], _Message("audio", payload))
        elif kind == "done":
            _deliver(entry[1], _Message("done"))
        else:
            _deliver(entry[1], _Message("error", error=message or "synthesis failed"))

    def _fail_pending(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            if proc is self._proc:
                self._closed.add(proc)
            mine = [rid for rid, (owner, _) in self._sinks.items() if owner is proc]
            pending = [self._sinks.pop(rid)[1] for rid in mine]
        for sink in pending:
            _deliver(sink, _Message("error", error="Piper worker exited"))

    def _send(self, proc: subprocess.Popen[bytes], request: dict[str, Any]) -> None:
        assert proc.stdin is not None
        data = json.dumps(request, separators=(",", ":")).encode() + b"\n"
        with self._write_lock:
            proc.stdin.write(data)
            proc.stdin.flush()

    def submit(self, text: str, options: SynthesisOptions, sink: Sink) -> int:
        """Queue ``text`` for synthesis; replies go to ``sink`` (on a reader thread).

        Blocking while a dead worker is restarted: from async code, use :meth:`stream`.
        """
        request = {"op": "synth", "text": text}
        request.update({k: v for k, v in asdict(options).items() if v is not None})
        for attempt in range(2):
            proc = self._ensure_running()
            request_id = next(self._ids)
            with self._lock:
                closed = proc in self._closed  # its replies ended just now: none would come
                if not closed:
                    self._sinks[request_id] = (proc, sink)
            if closed:
                if attempt:
                    raise TtsError("Piper worker is not accepting requests")
                continue
            try:
                self._send(proc, {**request, "id": request_id})
                return request_id
            except OSError as exc:
                with self._lock:
                    self._sinks.pop(request_id, None)
                _reap(proc)  # it died just now (the pipe broke before it was reaped): restart once
                if attempt:
                    raise TtsError("Piper worker is not accepting requests") from exc
        raise AssertionError("unreachable")

    def cancel(self, request_id: int) -> None:
        """Stop a request: its queued or late audio is dropped."""
        with self._lock:
            pending = self._sinks.pop(request_id, None) is not None
            proc = self._proc
        if pending and proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):
                self._send(proc, {"op": "cancel", "id": request_id})

    # -- conveniences --------------------------------------------------------------------

    async def stream(self, text: str, options: SynthesisOptions = SynthesisOptions()
                     ) -> AsyncIterator[bytes]:
        """Yield 16-bit PCM at :attr:`sample_rate`, one piece per sentence, as it is ready.

        Leaving the loop early (or being cancelled, as on barge-in) cancels the request.

        Raises:
            TtsError: the worker failed this request.
        """
        loop = asyncio.get_running_loop()
        inbox: asyncio.Queue[_Message] = asyncio.Queue()

        def sink(message: _Message) -> None:
            loop.call_soon_threadsafe(inbox.put_nowait, message)

        # A restart loads the voice (about a second): never on the event loop.
        request_id = await asyncio.to_thread(self.submit, text, options, sink)
        finished = False
        try:
            while True:
                try:
                    message = await asyncio.wait_for(inbox.get(), self.reply_timeout_s)
                except TimeoutError:
                    raise TtsError("Piper worker stopped answering") from None
                if message.kind == "audio":
                    yield message.payload
                    continue
                finished = True
                if message.kind == "error":
                    raise TtsError(message.error)
                return
        finally:
            if not finished:
                self.cancel(request_id)

    def synthesize(self, text: str, options: SynthesisOptions = SynthesisOptions(),
                   timeout_s: float = 120.0) -> bytes:
        """Blocking: the whole utterance as 16-bit PCM at :attr:`sample_rate`."""
        inbox: queue.Queue[_Message] = queue.Queue()
        request_id = self.submit(text, options, inbox.put)
        pieces: list[bytes] = []
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                message = inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.cancel(request_id)
                raise TtsError("Piper worker timed out") from None
            if message.kind == "audio":
                pieces.append(message.payload)
            elif message.kind == "error":
                raise TtsError(message.error)
            else:
                return b"".join(pieces)
