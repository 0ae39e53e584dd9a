"""A caller's turn whose words the code took ends like any other turn.

The request router takes a routed request out of the model's path, and the code gate takes
a code read out; neither transcript reaches the user context aggregator. Pipecat's turn-stop
strategy waits for a transcript before it ends a turn, so such a turn stayed open until the
aggregator's stop timeout (5 s): while it was open, the caller's next words started no turn
and interrupted nothing (the rest of a request said over the step-up's question did not cut
it, so it was not said again).

The router and the gate push a :class:`TurnTakenFrame` downstream in place of the words, and
:class:`TakenTurnStopStrategy` counts it as the turn's transcript. The turn ends on the
usual speech timeout with no words for the model (``empty_user_turn=None``: an empty turn
gets no reply).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipecat.frames.frames import (
    DataFrame,
    Frame,
    TranscriptionFrame,
    VADUserStartedSpeakingFrame,
)
from pipecat.turns.types import ProcessFrameResult
from pipecat.turns.user_stop import SpeechTimeoutUserTurnStopStrategy

__all__ = ["TakenTurnStopStrategy", "TurnTakenFrame"]

# What the strategy notes as the turn's text: never shown, never sent to the model.
_TAKEN = "(taken)"


@dataclass
class TurnTakenFrame(DataFrame):
    """The caller's words in this turn were taken by the code (a routed request, a code
    read out). Carries no words."""


class TakenTurnStopStrategy(SpeechTimeoutUserTurnStopStrategy):
    """Pipecat's speech-timeout turn stop, for which a :class:`TurnTakenFrame` is the turn's
    transcript.

    A taken segment covers only itself: when the caller speaks again in the same turn
    ("What do I owe," ... "and can I pay by card?"), the turn waits for that segment's
    transcript as it would have without the taken one.
    """

    async def process_frame(self, frame: Frame) -> ProcessFrameResult:
        if isinstance(frame, TurnTakenFrame):
            frame = TranscriptionFrame(_TAKEN, "", "", finalized=True)
        elif isinstance(frame, VADUserStartedSpeakingFrame) and self._text == _TAKEN:
            self._text = ""  # Pipecat 1.14's own field: the text the turn has so far
        return await super().process_frame(frame)
