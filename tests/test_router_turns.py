"""One utterance cut in two by the recogniser: the router reads the parts together.

The user aggregator here is Pipecat's own (the one every call runs), so the tests show what
the model would have been sent: the words left in the LLM context when the turn ends.
"""

from __future__ import annotations

from pipecat.frames.frames import (
    LLMContextFrame,
    TranscriptionFrame,
    UserStartedSpeakingFrame,
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

from verivoice.pipeline.asr.whisper import Transcript
from verivoice.pipeline.intents import Request, Routed
from verivoice.pipeline.router import RequestRouter
from verivoice.pipeline.taken_turns import TakenTurnStopStrategy


class _Desk:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.tails = 0

    async def on_request(self, routed: Routed) -> None:
        self.requests.append(routed.request)

    async def on_tail(self) -> None:
        self.tails += 1


async def _one_turn(*parts: str | Transcript, tail_s: float = 0.0, pause_s: float = 0.1,
                    desk: _Desk | None = None) -> tuple[list[Request], list[str]]:
    """Say ``parts`` as one turn (one VAD start and stop, ``pause_s`` between parts); the
    requests routed, and what the model's context holds from the caller once the turn has
    ended. A :class:`Transcript` part brings the recogniser's other readings along."""
    context = LLMContext()
    user, _assistant = LLMContextAggregatorPair(context, user_params=LLMUserAggregatorParams(
        user_turn_strategies=UserTurnStrategies(
            stop=[TakenTurnStopStrategy(user_speech_timeout=0.3)]),
        empty_user_turn=None))  # as in every call (server/assembly.py)
    desk = desk or _Desk()
    router = RequestRouter(desk, handles=list(Request))
    router.follow_turns(user.aggregation_string, user.reset, tail_s=tail_s)
    frames = [VADUserStartedSpeakingFrame()]
    for part in parts:
        if isinstance(part, Transcript):
            frame = TranscriptionFrame(part.text, "caller", "t", result=part)
        else:
            frame = TranscriptionFrame(part, "caller", "t")
        frames += [frame, SleepFrame(pause_s)]
    frames += [VADUserStoppedSpeakingFrame(), SleepFrame(1.0)]
    await run_test(Pipeline([router, user]), frames_to_send=frames, expected_down_frames=None)
    said = [str(m["content"]) for m in context.get_messages() if m.get("role") == "user"]
    return desk.requests, said


async def test_the_first_words_of_a_hand_off_never_reach_the_model() -> None:
    """A reply to "Please." would follow "Please hold" (seen in the hand-off bench)."""
    requests, said = await _one_turn("Please.", "Could you put me through to billing?")
    assert requests == [Request.HANDOFF]
    assert said == []


async def test_a_staff_name_that_ends_a_question_is_no_request_for_a_person() -> None:
    requests, said = await _one_turn("Which of you handles repeat forms,",
                                     "the nurse or the front desk?")
    assert requests == []
    assert said == ["Which of you handles repeat forms, the nurse or the front desk?"]


async def test_a_request_cut_mid_phrase_is_routed_whole() -> None:
    requests, said = await _one_turn("Could you look up what my", "balance is, please?")
    assert requests == [Request.BALANCE]
    assert said == []


async def test_a_question_of_its_own_before_a_protected_request_still_reaches_the_model() -> None:
    requests, said = await _one_turn("Is there parking at the back?", "And what do I owe?")
    assert requests == [Request.BALANCE]
    assert said == ["Is there parking at the back?"]


async def test_a_question_without_its_mark_is_kept_for_the_model() -> None:
    requests, said = await _one_turn("Do you take cards at the desk", "and what do I owe?")
    assert requests == [Request.BALANCE]
    assert said == ["Do you take cards at the desk"]


async def test_a_request_for_a_person_after_a_finished_question_is_still_one() -> None:
    requests, said = await _one_turn("Is the nurse in today?", "I'd like to talk to the nurse.")
    assert requests == [Request.HANDOFF]
    assert said == []


async def test_staff_only_named_after_a_question_is_part_of_it() -> None:
    requests, said = await _one_turn("Who signs the sick notes?", "The doctor or reception?")
    assert requests == []
    assert said == ["Who signs the sick notes? The doctor or reception?"]


async def test_the_rest_of_a_routed_request_never_reaches_the_model() -> None:
    """Seen in the step-up bench: the model answered "could you check that for me?" over
    the step-up's line."""
    desk = _Desk()
    requests, said = await _one_turn("Hello, I think I still owe a bit from my last visit,",
                                     "could you check that for me?", "Thanks.", tail_s=3.0,
                                     desk=desk)
    assert requests == [Request.BALANCE]
    assert said == []
    assert desk.tails == 2  # each told to the desk: it may have cut the agent's answer


async def test_a_practice_question_after_a_routed_request_still_reaches_the_model() -> None:
    requests, said = await _one_turn("What do I owe?", "Oh, and is there parking at the back?",
                                     tail_s=3.0)
    assert requests == [Request.BALANCE]
    assert said == ["Oh, and is there parking at the back?"]


async def test_words_after_the_tail_window_are_a_turn_of_their_own() -> None:
    requests, said = await _one_turn("What do I owe?", "could you check that for me?",
                                     tail_s=0.2, pause_s=0.4)
    assert requests == [Request.BALANCE]
    assert said == ["could you check that for me?"]


async def test_a_misheard_request_is_routed_on_the_recognisers_next_reading() -> None:
    """The beam's second reading, nearly as likely, asks for the balance: it is routed, and
    neither reading reaches the model."""
    heard = Transcript("Could you tell me what I oh?",
                       alternatives=["Could you tell me what I know?",
                                     "Could you tell me what I owe?"])
    requests, said = await _one_turn(heard)
    assert requests == [Request.BALANCE]
    assert said == []


async def test_the_written_reading_wins_when_it_asks_something() -> None:
    """A question about the practice, or a request, as written is taken as written; the
    other readings are not tried."""
    question = Transcript("Do you give travel jabs to children?",
                          alternatives=["Are my test results in?"])
    requests, said = await _one_turn(question)
    assert requests == [] and said == ["Do you give travel jabs to children?"]
    request = Transcript("What's my balance?", alternatives=["Put me through to the front desk."])
    requests, _ = await _one_turn(request)
    assert requests == [Request.BALANCE]


async def test_a_reading_that_adds_the_caller_to_a_general_question_is_not_taken() -> None:
    """"Are patients charged ..." read as "our patients charged ... my bill": the other
    reading asks for the caller's own bill only through words about the caller that the
    written reading lacks, so it starts no step-up; a hand-off reading would still count."""
    heard = Transcript("Are patients charged before the visit, or is the bill posted?",
                       alternatives=["Our patients charged before the visit, or is my bill "
                                     "posted?"])
    requests, said = await _one_turn(heard)
    assert requests == []
    assert said == ["Are patients charged before the visit, or is the bill posted?"]
    person = Transcript("Can you put through to the front death?",
                        alternatives=["Can you put me through to the front desk?"])
    requests, _ = await _one_turn(person)
    assert requests == [Request.HANDOFF]


async def test_readings_that_route_nothing_leave_the_turn_to_the_model() -> None:
    heard = Transcript("The weather is lovely.", alternatives=["The weather's lovely."])
    requests, said = await _one_turn(heard)
    assert requests == [] and said == ["The weather is lovely."]


async def _turn_ends(stop: SpeechTimeoutUserTurnStopStrategy, text: str) -> tuple[bool, bool]:
    """Whether the caller's turn ``text`` ends within a second of the caller going quiet,
    and whether the model was asked to reply."""
    context = LLMContext()
    user, _assistant = LLMContextAggregatorPair(context, user_params=LLMUserAggregatorParams(
        user_turn_strategies=UserTurnStrategies(stop=[stop]), empty_user_turn=None))
    router = RequestRouter(_Desk(), handles=list(Request))
    router.follow_turns(user.aggregation_string, user.reset)
    frames = [VADUserStartedSpeakingFrame(), TranscriptionFrame(text, "caller", "t"),
              SleepFrame(0.1), VADUserStoppedSpeakingFrame(), SleepFrame(1.0)]
    down, up = await run_test(Pipeline([router, user]), frames_to_send=frames,
                              expected_down_frames=None)
    return (any(isinstance(f, UserStoppedSpeakingFrame) for f in [*down, *up]),
            any(isinstance(f, LLMContextFrame) for f in down))


async def test_a_turn_the_router_takes_ends_like_any_other() -> None:
    """The routed request's words never reach the aggregator, yet its turn ends on the
    speech timeout, and the model is not asked to reply to the empty turn (Pipecat's own
    strategy would hold it open for its 5 s stop timeout, and the caller's next words would
    interrupt nothing); a turn for the model ends as before."""
    owe = "Could you tell me what I owe?"
    assert await _turn_ends(TakenTurnStopStrategy(user_speech_timeout=0.3), owe) == (True, False)
    assert await _turn_ends(SpeechTimeoutUserTurnStopStrategy(user_speech_timeout=0.3),
                            owe) == (False, False)
    assert await _turn_ends(TakenTurnStopStrategy(user_speech_timeout=0.3),
                            "The weather is lovely today.") == (True, True)


async def test_a_taken_part_does_not_end_a_turn_whose_next_part_is_still_heard() -> None:
    """"What do I owe," is routed; the caller goes on ("and can I pay by card?") and that
    part's transcript comes late. The turn waits for it, as it would without the taken part:
    one turn, not a second one that would cut the agent's answer."""
    context = LLMContext()
    user, _assistant = LLMContextAggregatorPair(context, user_params=LLMUserAggregatorParams(
        user_turn_strategies=UserTurnStrategies(
            stop=[TakenTurnStopStrategy(user_speech_timeout=0.3)]), empty_user_turn=None))
    desk = _Desk()
    router = RequestRouter(desk, handles=list(Request))
    router.follow_turns(user.aggregation_string, user.reset)
    frames = [VADUserStartedSpeakingFrame(), TranscriptionFrame("What do I owe,", "caller", "t"),
              VADUserStoppedSpeakingFrame(), SleepFrame(0.1), VADUserStartedSpeakingFrame(),
              SleepFrame(0.2), VADUserStoppedSpeakingFrame(), SleepFrame(0.8),
              TranscriptionFrame("and can I pay by card?", "caller", "t"), SleepFrame(1.0)]
    down, up = await run_test(Pipeline([router, user]), frames_to_send=frames,
                              expected_down_frames=None)
    assert desk.requests == [Request.BALANCE]
    started = [f for f in [*down, *up] if isinstance(f, UserStartedSpeakingFrame)]
    stopped = [f for f in [*down, *up] if isinstance(f, UserStoppedSpeakingFrame)]
    assert (len(started), len(stopped)) == (2, 2)  # one turn: each is sent both ways
    said = [str(m["content"]) for m in context.get_messages() if m.get("role") == "user"]
    assert said == ["and can I pay by card?"]


async def test_the_rest_of_a_request_stays_a_tail_whatever_its_other_readings() -> None:
    """Words that finish the request just routed are its tail, even when another reading of
    them would route on its own: they never become a second request."""
    desk = _Desk()
    tail = Transcript("could you check that for me", alternatives=["could you check my balance"])
    requests, said = await _one_turn("Could you tell me what I owe?", tail, tail_s=3.0,
                                     desk=desk)
    assert requests == [Request.BALANCE] and desk.tails == 1
    assert said == []


async def _two_turns(first: str, second: str, *, join_s: float = 5.0,
                     gap_s: float = 0.8) -> tuple[list[Request], list[str]]:
    """``first`` and ``second`` as two turns, ``gap_s`` apart (the first turn ends and goes
    to the model); the requests routed and what the model's context holds."""
    context = LLMContext()
    user, _assistant = LLMContextAggregatorPair(context, user_params=LLMUserAggregatorParams(
        user_turn_strategies=UserTurnStrategies(
            stop=[TakenTurnStopStrategy(user_speech_timeout=0.3)]), empty_user_turn=None))
    desk = _Desk()
    router = RequestRouter(desk, handles=list(Request))
    router.follow_turns(user.aggregation_string, user.reset, tail_s=3.0, join_s=join_s)
    frames = [VADUserStartedSpeakingFrame(), TranscriptionFrame(first, "caller", "t"),
              VADUserStoppedSpeakingFrame(), SleepFrame(gap_s), VADUserStartedSpeakingFrame(),
              TranscriptionFrame(second, "caller", "t"), VADUserStoppedSpeakingFrame(),
              SleepFrame(1.0)]
    await run_test(Pipeline([router, user]), frames_to_send=frames, expected_down_frames=None)
    said = [str(m["content"]) for m in context.get_messages() if m.get("role") == "user"]
    return desk.requests, said


async def test_a_request_cut_into_two_turns_is_routed_together() -> None:
    """A pause ended the turn, and its first part went to the model; the rest routes only
    with it: the request is routed, and the rest never reaches the model."""
    requests, said = await _two_turns("I gave a urine sample on Tuesday.", "Is it back yet?")
    assert requests == [Request.TEST_RESULTS]
    assert said == ["I gave a urine sample on Tuesday."]


async def test_a_question_or_an_old_turn_is_not_joined() -> None:
    """The turn before was a question of its own, or came too long ago: the words go to the
    model as they are."""
    requests, said = await _two_turns("Do you test for diabetes?", "Is it back yet?")
    assert requests == [] and said[-1] == "Is it back yet?"
    requests, said = await _two_turns("I gave a urine sample on Tuesday.", "Is it back yet?",
                                      join_s=0.2)
    assert requests == [] and said == ["I gave a urine sample on Tuesday.", "Is it back yet?"]
