"""A turn whose words the code took (a code read out) ends like any other turn."""

from __future__ import annotations

from pipecat.frames.frames import (
    UserStoppedSpeakingFrame,
    VADUserStartedSpeakingFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import (
    LLMContextAggregatorPair,
    LLMUserAggregatorParams,
)
from pipecat.tests.utils import SleepFrame, run_test
from pipecat.turns.user_stop import SpeechTimeoutUserTurnStopStrategy
from pipecat.turns.user_turn_strategies import UserTurnStrategies

from verivoice.pipeline.asr.service import DigitReadingFrame
from verivoice.pipeline.contracts import DigitEntry
from verivoice.pipeline.gate import CodeGate
from verivoice.pipeline.taken_turns import TakenTurnStopStrategy


class _Flow:
    def __init__(self) -> None:
        self.entries: list[DigitEntry] = []

    async def on_digits(self, entry: DigitEntry, gate: CodeGate) -> None:
        self.entries.append(entry)


async def _code_turn(stop: SpeechTimeoutUserTurnStopStrategy) -> tuple[bool, int, list]:
    """A code read out as one turn: whether the turn ended within a second of the caller
    going quiet, how many entries the flow got, and what the model's context holds."""
    context = LLMContext()
    user, _assistant = LLMContextAggregatorPair(context, user_params=LLMUserAggregatorParams(
        user_turn_strategies=UserTurnStrategies(stop=[stop]), empty_user_turn=None))
    flow = _Flow()
    frames = [VADUserStartedSpeakingFrame(),
              DigitReadingFrame(digits="482913", confidence=0.9, unsure=False),
              SleepFrame(0.1), VADUserStoppedSpeakingFrame(), SleepFrame(1.0)]
    down, up = await run_test(Pipeline([CodeGate(flow), user]), frames_to_send=frames,
                              expected_down_frames=None)
    ended = any(isinstance(f, UserStoppedSpeakingFrame) for f in [*down, *up])
    return ended, len(flow.entries), context.get_messages()


async def test_a_code_turn_ends_on_the_speech_timeout_with_nothing_for_the_model() -> None:
    ended, entries, messages = await _code_turn(TakenTurnStopStrategy(user_speech_timeout=0.3))
    assert ended and entries == 1
    assert not [m for m in messages if m.get("role") == "user"]
    assert "482913" not in repr(messages)
    # Pipecat's own strategy waits for a transcript that never comes (its 5 s timeout).
    ended, entries, _ = await _code_turn(SpeechTimeoutUserTurnStopStrategy(user_speech_timeout=0.3))
    assert not ended and entries == 1
