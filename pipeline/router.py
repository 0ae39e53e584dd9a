"""The request router: where a caller's request for protected data leaves the conversation.

It sits after the code gate, before the LLM's context aggregator:

    ... ASR -> code gate -> request router -> user context aggregator -> LLM ...

Each final transcript is classified by rules (:func:`~verivoice.pipeline.intents.understand`).
A request the router's listener handles (a balance, an appointment, results, the practice's
hours, ...) does not travel on to the model: the listener (the call's request desk, which
starts the step-up, answers a verified caller, or answers from the practice profile) acts on
it. Everything else goes to the model as before. A turn it takes ends as usual
(:mod:`~verivoice.pipeline.taken_turns`). The transcript itself is never logged.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Collection, Iterable
from typing import Protocol

from loguru import logger
from pipecat.frames.frames import Frame, StartFrame, TranscriptionFrame
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

from verivoice.pipeline.concepts import names_someone_only, self_words
from verivoice.pipeline.intents import Request, Routed, asks_something, normalise, understand
from verivoice.pipeline.taken_turns import TurnTakenFrame

_QUESTION_START = re.compile(
    r"^(?:(?:so|and|um|uh|oh|hi|hello|sorry|okay|ok|well|also) )*(?:what|when|where|which|who|"
    r"why|how|is|are|was|were|do|does|did|can|could|would|will|should|may|have|has)\b")

# Words a sentence cannot end on: a fragment ending on one was cut, not finished.
_DANGLING = frozenset({"my", "our", "your", "the", "a", "an", "to", "of", "for", "about",
                       "what", "and", "or", "is", "are", "with", "at", "on", "in", "if", "that"})


def _finished(words: str) -> bool:
    """The words end a sentence (the recogniser wrote its full stop, "?" or "!")."""
    return words.rstrip().endswith((".", "?", "!"))


def _a_question(words: str) -> bool:
    """The words are a question of their own: "?" written, or a question's first word and
    more than a couple of words ("Do you take cards" without its mark), not cut off on a
    word no sentence ends on ("Could you look up what my")."""
    if words.rstrip().endswith("?"):
        return True
    said = normalise(words)
    tokens = said.split()
    if not tokens or tokens[-1] in _DANGLING:  # "Could you look up what my"
        return False
    return len(tokens) >= 3 and _QUESTION_START.search(said) is not None


def route_readings(best: str, others: Iterable[str],
                   route: Callable[[str], Routed | None]) -> tuple[str, Routed | None]:
    """The reading of a turn that ``route`` takes, and what it routes.

    The recogniser's written reading (``best``) comes first. Only when it asks nothing
    known, not even a question about the practice (which the model answers as heard), are
    its other readings tried, best first (:attr:`Transcript.alternatives
    <verivoice.pipeline.asr.whisper.Transcript>`, nearly as likely): "When am I in neck?" may
    be "When am I in next?".

    Returns:
        The reading taken and its request, or ``(best, None)``.
    """
    routed = route(best)
    if routed is not None:
        return best, routed
    return other_reading(best, others, route)


def other_reading(best: str, others: Iterable[str],
                  route: Callable[[str], Routed | None]) -> tuple[str, Routed | None]:
    """:func:`route_readings` for a written reading ``best`` that ``route`` has already
    found routes nothing: the first other reading that routes, unless ``best`` asks
    something known of its own."""
    if not asks_something(best):
        for reading in others:
            routed = route(reading)
            if routed is None or _self_added(best, reading, routed):
                continue
            return reading, routed
    return best, None


def _self_added(best: str, reading: str, routed: Routed) -> bool:
    """``reading`` asks for the caller's own data only by words about the caller that the
    written reading lacks: "Are patients billed on the day" read as "our patients build ...
    the bill" is no request for the caller's bill."""
    if not routed.request.protected or routed.request is Request.HANDOFF:
        return False
    return bool(self_words(normalise(reading)) - self_words(normalise(best)))


class RequestListener(Protocol):
    """What the router hands routed requests to (the call's request desk)."""

    async def on_request(self, routed: Routed) -> None: ...

    async def on_tail(self) -> None:
        """The rest of the request routed just before came (and was not passed on): it may
        have cut the agent's answer short."""
        ...


class RequestRouter(FrameProcessor):
    """Takes the requests its listener handles out of the LLM's path.

    Args:
        listener: Acts on routed requests; ``None`` makes the router a pass-through.
        handles: The requests routed to the listener (default: every protected request).
    """

    def __init__(self, listener: RequestListener | None = None, *,
                 handles: Collection[Request] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._listener = listener
        self._handles = frozenset(handles if handles is not None
                                  else (r for r in Request if r.protected))
        # Requests are handled by a task of the router's own, one at a time: the step-up
        # waits on Twilio, and the caller's audio and barge-in must not wait behind it.
        self._requests: asyncio.Queue[Routed | None] = asyncio.Queue()  # None: a tail
        self._consumer: asyncio.Task | None = None
        self._holding: Callable[[], bool] = lambda: False
        self._turn_so_far: Callable[[], str] = lambda: ""
        self._drop_turn_so_far: Callable[[], Awaitable[None]] | None = None
        self._tail_s = 0.0
        self._routed_at: float | None = None
        self.tails = 0
        self.routed: list[Request] = []
        self.held = 0
        self.second_readings = 0  # requests routed on the recogniser's next-best reading
        self.joined = 0  # requests routed together with the turn before
        self._join_s = 0.0
        self._passed: tuple[str, float] | None = None  # the last words passed on, and when

    def listen(self, listener: RequestListener | None,
               handles: Collection[Request] | None = None) -> None:
        """Hand routed requests (``handles``, default: as before) to ``listener`` from now on."""
        self._listener = listener
        if handles is not None:
            self._handles = frozenset(handles)

    def hold_while(self, holding: Callable[[], bool]) -> None:
        """Drop the caller's turns while ``holding()`` is true (the call is being handed to
        staff: a half-heard "please" must not start a model reply over "Please hold")."""
        self._holding = holding

    def follow_turns(self, so_far: Callable[[], str],
                     drop: Callable[[], Awaitable[None]], *, tail_s: float = 0.0,
                     join_s: float = 0.0) -> None:
        """Read each transcript with the words of the same turn already passed on.

        The recogniser can cut one utterance in two ("Please." ... "put me through to
        reception"; "Who deals with sick notes there," ... "the doctor or reception."). The
        first part waits in the user aggregator until the turn ends. With this, the router
        reads the parts together, and when it takes the request it drops the first part, so
        the model does not answer half a request after the agent has acted on it.

        It also works the other way round: words that follow a routed request within
        ``tail_s`` and ask nothing of their own ("Hello, I think I still owe a bit," ...
        "could you check that for me?") finish that request, and are not passed on.

        A pause can also end the turn itself, and the first part goes to the model ("I had
        bloods taken on Monday." ... "have they come back yet?"). Words that route nothing
        alone, within ``join_s`` of such a part that was no question of its own, are read
        with it; when the two route together, the request is routed (the model's reply to
        the first part was cut by the caller going on).

        Args:
            so_far: The turn's words passed on and not yet sent to the model.
            drop: Forgets those words.
            tail_s: How long after a routed request its tail may come (0: no tail).
            join_s: How long after a turn passed on its continuation may come (0: never).
        """
        self._turn_so_far = so_far
        self._drop_turn_so_far = drop
        self._tail_s = tail_s
        self._join_s = join_s

    def _is_tail(self, text: str) -> bool:
        """``text`` (which routes nothing) finishes the request routed just before it: it
        came within the tail window and is no question about the practice."""
        if self._routed_at is None or time.monotonic() - self._routed_at >= self._tail_s:
            return False
        return not asks_something(text)

    def route(self, text: str) -> Routed | None:
        """The request in ``text`` that this router takes, if any."""
        if self._listener is None:
            return None
        routed = understand(text)
        return routed if routed is not None and routed.request in self._handles else None

    def route_in_turn(self, text: str, so_far: str) -> Routed | None:
        """The request this router takes from ``text``, said after ``so_far`` in one turn.

        The latest words decide what is asked, unless the earlier ones change it: staff
        named after an unfinished sentence ("Who deals with sick notes there," ... "the
        doctor or reception.") or only named after a question ("Who signs the forms?" ...
        "The nurse or reception?") is no request for a person; "Is the nurse in today?" ...
        "I'd like to talk to her." is. Words that route only together ("What is my" ...
        "balance") do.
        """
        alone = self.route(text)
        if not so_far.strip():
            return alone
        together = self.route(f"{so_far} {text}")
        if (alone is not None and alone.request is Request.HANDOFF and together is None
                and (not _finished(so_far)
                     or (names_someone_only(normalise(text)) and _a_question(so_far)))):
            return None
        return alone or together

    def _drops(self, so_far: str, text: str, routed: Routed) -> bool:
        """Whether the turn's earlier words go with the routed request: its first words
        ("Please.", "Hi, um,", "Could you look up what my"), not a question of their own for
        the model to answer. Before a hand-off they always go: the call is leaving, and no
        reply may follow "Please hold"."""
        if not so_far.strip():
            return False
        if routed.request is Request.HANDOFF or self.route(text) is None:
            return True  # leaving, or the request needed the earlier words
        return not _a_question(so_far)

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, TranscriptionFrame) and direction is FrameDirection.DOWNSTREAM:
            if self._holding():
                self.held += 1
                logger.info(f"{self}: a turn during the hand-off was not passed on")
                return  # the turn stays open: no new turn cuts "Please hold" short
            so_far = self._turn_so_far()
            text, routed = frame.text, self.route_in_turn(frame.text, so_far)
            if routed is None and self._is_tail(frame.text):
                # The rest of the request before (its other readings are not tried: a tail
                # must not become a request of its own).
                self.tails += 1
                logger.info(f"{self}: the rest of a routed request was not passed on")
                self._requests.put_nowait(None)
                await self.push_frame(TurnTakenFrame(), direction)
                return
            if routed is None:
                text, routed = other_reading(
                    frame.text, getattr(frame.result, "alternatives", None) or (),
                    lambda reading: self.route_in_turn(reading, so_far))
                if routed is not None:
                    self.second_readings += 1
                    logger.info(f"{self}: routed on the recogniser's next-best reading")
            if routed is None and not so_far.strip():
                routed = self._route_with_turn_before(frame.text)
            self._passed = None if routed is not None else (
                f"{so_far} {frame.text}".strip(), time.monotonic())
            if routed is not None:
                self._routed_at = time.monotonic()
                kind = "protected" if routed.request.protected else "public"
                logger.info(f"{self}: a {kind} request was routed (the model does not see it)")
                if self._drop_turn_so_far is not None and self._drops(so_far, text, routed):
                    await self._drop_turn_so_far()
                self.routed.append(routed.request)
                self._requests.put_nowait(routed)
                await self.push_frame(TurnTakenFrame(), direction)
                return
        elif isinstance(frame, StartFrame) and self._consumer is None:
            self._consumer = self.create_task(self._consume(), name="request-router")
        await self.push_frame(frame, direction)

    def _route_with_turn_before(self, text: str) -> Routed | None:
        """The request ``text`` makes together with the turn passed on just before it (see
        :meth:`follow_turns`), if that turn was recent and no question of its own and
        ``text`` asks nothing by itself."""
        if self._passed is None or asks_something(text):
            return None
        before, at = self._passed
        if time.monotonic() - at > self._join_s or _a_question(before):
            return None
        routed = self.route(f"{before} {text}")
        if routed is not None:
            self.joined += 1
            logger.info(f"{self}: routed together with the turn before")
        return routed

    async def _consume(self) -> None:
        while True:
            routed = await self._requests.get()
            if self._listener is None:
                continue
            try:
                if routed is None:
                    await self._listener.on_tail()
                else:
                    await self._listener.on_request(routed)
            except Exception as exc:  # one failed request never silences the router
                logger.error(f"{self}: handling a request failed ({type(exc).__name__})")

    async def cleanup(self) -> None:
        if self._consumer is not None:
            await self.cancel_task(self._consumer)
            self._consumer = None
        await super().cleanup()
