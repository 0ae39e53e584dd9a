"""The calls a server carries: admission under a limit, events for the page, shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from dataclasses import asdict
from typing import Any

from loguru import logger

from verivoice.pipeline.turns import Line, TurnTiming
from verivoice.server.assembly import Call, CallResources, build_busy_call, build_call
from verivoice.server.handoff import Transfer
from verivoice.server.metrics import CallCounters


class CallRegistry:
    """Runs calls as tasks, at most ``max_calls`` at once; the rest hear the busy line."""

    goodbye_s = 15.0  # how long a call that reached its time limit gets to hear goodbye

    def __init__(self, resources: CallResources, *, phone_events: bool = False) -> None:
        self.resources = resources
        self.phone_events = phone_events
        self.max_calls = resources.settings.call.max_calls
        self._calls: dict[str, Call] = {}
        self._tasks: dict[str, asyncio.Task] = {}
        self._events: dict[str, asyncio.Queue[dict[str, Any]]] = {}
        self._tokens: dict[str, str | None] = {}
        self.closing = False
        self.counters = CallCounters()

    @property
    def active(self) -> int:
        return len(self._calls)

    def events(self, call_id: str, token: str | None) -> asyncio.Queue[dict[str, Any]] | None:
        """A call's transcript and latency events, for whoever holds its token."""
        if call_id not in self._events:
            return None
        expected = self._tokens.get(call_id)
        if expected is not None and not (token and secrets.compare_digest(token, expected)):
            return None
        return self._events[call_id]

    def start(self, transport, *, in_sample_rate: int, out_sample_rate: int,
              call_id: str, caller_phone: str | None = None, attested: bool = True,
              events_token: str | None = None,
              transfer: Transfer | None = None) -> tuple[Call, asyncio.Task]:
        """Admit a call (or give it the busy line) and run it in a task.

        ``events_token``: publish the call's events to the holder of this token (browser
        calls); phone calls publish theirs only when ``phone_events`` is on. ``transfer``:
        how a hand-off moves this call to staff (phone calls; ``None`` for browser calls).
        ``attested``: the caller ID was attested at level A (phone calls' StirVerstat).
        """
        if self.closing or self.active >= self.max_calls:
            call = build_busy_call(self.resources, transport, in_sample_rate=in_sample_rate,
                                   out_sample_rate=out_sample_rate)
            self.counters.refused += 1
            logger.warning(f"call {call_id}: over the limit of {self.max_calls} calls; "
                           "busy line, then closed")
            return call, asyncio.create_task(self._run(call_id, call, admitted=False))
        events: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)

        def line(item: Line) -> None:
            with contextlib.suppress(asyncio.QueueFull):
                events.put_nowait({"kind": "line", **asdict(item)})

        def turn(item: TurnTiming) -> None:
            self.counters.record(item)
            with contextlib.suppress(asyncio.QueueFull):
                events.put_nowait({"kind": "turn", **asdict(item)})

        def event(item: dict[str, Any]) -> None:
            with contextlib.suppress(asyncio.QueueFull):
                events.put_nowait(item)

        call = build_call(self.resources, transport, in_sample_rate=in_sample_rate,
                          out_sample_rate=out_sample_rate, call_id=call_id,
                          on_line=line, on_turn=turn, caller_phone=caller_phone,
                          attested=attested,
                          transfer=transfer, on_event=event)
        self._calls[call_id] = call  # reserved before any await: admission cannot race
        self.counters.admitted += 1
        if events_token is not None or self.phone_events:
            self._events[call_id] = events
            self._tokens[call_id] = events_token
        task = asyncio.create_task(self._run(call_id, call, admitted=True))
        self._tasks[call_id] = task
        return call, task

    async def _time_limit(self, call_id: str, call: Call) -> None:
        """At the longest call allowed, say so and end the call (a line held open forever
        would keep a call slot, and the models' time, from everyone else)."""
        limits = self.resources.settings.call
        await asyncio.sleep(limits.max_call_s)
        logger.info(f"call {call_id}: reached the longest call allowed "
                    f"({limits.max_call_s:.0f} s); saying goodbye")
        with contextlib.suppress(Exception):
            await call.goodbye(limits.time_limit_line)
        await asyncio.sleep(self.goodbye_s)  # time to hear it; then the line is cut anyway
        await call.hang_up()

    async def _run(self, call_id: str, call: Call, *, admitted: bool) -> None:
        with logger.contextualize(call_id=call_id):
            logger.info(f"call {call_id}: started ({self.active} active)")
            timer = asyncio.create_task(self._time_limit(call_id, call))
            try:
                await call.run()
            except Exception as exc:
                self.counters.errored += 1
                logger.error(f"call {call_id}: ended by an error ({type(exc).__name__})")
            finally:
                timer.cancel()
                if admitted:
                    self._calls.pop(call_id, None)
                    self._tasks.pop(call_id, None)
                    self._tokens.pop(call_id, None)
                    events = self._events.pop(call_id, None)
                    if events is not None:
                        with contextlib.suppress(asyncio.QueueFull):
                            events.put_nowait({"kind": "end"})
                logger.info(f"call {call_id}: ended ({self.active} active)")

    async def shutdown(self, grace_s: float) -> None:
        """Tell every call goodbye, give them ``grace_s`` to hear it, then hang up the rest."""
        self.closing = True
        calls = list(self._calls.values())
        for call in calls:
            with contextlib.suppress(Exception):
                await call.goodbye()
        tasks = list(self._tasks.values())
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=grace_s)
            for call in list(self._calls.values()):
                with contextlib.suppress(Exception):
                    await call.hang_up()
            if pending:
                await asyncio.wait(pending, timeout=5)
