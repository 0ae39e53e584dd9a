"""A figure in a model's reply that nothing the model was given holds (an invented phone
number, price, time or balance) is never voiced; figures the context states pass."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.conftest import phone_clip
from tests.scripted_model import serve_scripted
from tests.test_speakable import _speak
from verivoice.config import Settings
from verivoice.pipeline.asr.audio import to_mono_16k
from verivoice.pipeline.llm.settings import LlmSettings
from verivoice.pipeline.transports.wav import WavTransport
from verivoice.pipeline.tts.figures import context_figures, known_figures, ungrounded_figure
from verivoice.pipeline.tts.speakable import ReplyGuard
from verivoice.practice import default_profile_path, load_profile
from verivoice.server.assembly import CallResources, build_call

UNKNOWN = "I'm sorry, I don't have that information."


@pytest.fixture(scope="module")
def prompt() -> str:
    """The shipped system prompt with the example practice's facts (8 AM to 5:30 PM on
    Mondays, 120 Main Street, ...)."""
    return LlmSettings().system_prompt + load_profile(default_profile_path()).prompt_facts()


INVENTED = [
    "You can reach the pharmacy at 1-800-738-7323.",  # heard on the hand-off bench
    "Our phone number is 123-456-7890.",
    "A scale and polish is $10.00 per item.",
    "The private check-up is $25.",
    "The doctor will be arriving at 10:15 AM.",
    "Your account balance is currently at $0.000001.",
    "The reception is on the 12th floor.",
    "Results usually take 3 to 5 working days.",
    "We're open on Saturdays from 10 AM to noon.",  # 10 AM is no time of the practice's
    "The caller's line was 3.",
    "Here are the steps: 1.",
    # a practice hour that is no hour here
    "We're at 12 Elm Avenue.",
    "We'll call you back at 4.",
    "It usually takes 1 to 4 weeks.",
    "Press 1.",
    "That's $10.",  # the desk's number holds "010", which is no price
    "The total is $1,200.",
]
GROUNDED = [
    "We're at 120 Main Street, Springfield.",
    "On Mondays we're open from 8 AM to 5:30 PM.",
    "On Wednesday we open from 8 to noon, then from 1 to 7.",
    "We close at 17:30 on Thursdays.",
    "No problem, you'll be 10 minutes late.",  # the caller said "ten minutes"
    "Your balance is $142.50.",  # a tool result
    "You can reach the desk on (555) 010 0900.",  # the tool's number, grouped otherwise
    "That's the number ending in 0900.",
    "I can help with that.",
    # the week retold in other ways
    "We're open Saturday 9 to noon.",
    "Wednesday 8 till noon, and 1 to 7.",
    "Mondays 8-5:30, Fridays 8\u20134.",
    "On Saturdays it's 9 - 12.",
    "We close at 5.30 on Mondays, and at 4 on Fridays.",
    "Monday 8.00 - 5.30.",
    "Until 12 noon on Saturday, from 8 in the morning on weekdays.",
    "3 PM is fine.",  # the caller asked "could I come at 3?"
    "In an emergency, please hang up and dial 911.",  # the profile's emergency number
]


@pytest.mark.parametrize("text", INVENTED)
def test_invented_figures_are_found(prompt: str, text: str) -> None:
    known = known_figures([prompt], ["I'm calling about a bill."])
    assert ungrounded_figure(text, known)


@pytest.mark.parametrize("text", GROUNDED)
def test_figures_the_context_holds_pass(prompt: str, text: str) -> None:
    tool_result = json.dumps({"balance": "142.50", "desk": "+1 555-010-0900"})
    known = known_figures([prompt, tool_result],
                          ["Sorry, I'll be ten minutes late.", "Could I come at 3?"])
    assert not ungrounded_figure(text, known)


def test_a_prompts_words_state_no_figure(prompt: str) -> None:
    """The prompt asks for "one or two short sentences": no price of $2 follows from it."""
    assert "two" in prompt
    assert ungrounded_figure("A cleaning is $2.00 per hour.", known_figures([prompt]))
    assert not ungrounded_figure("That's 2 things, then.",
                                 known_figures([prompt], ["I have two things to ask."]))


def test_which_one_states_no_figure(prompt: str) -> None:
    known = known_figures([prompt], ["Which one is the desk?"])
    assert ungrounded_figure("Press 1 for the desk.", known)


def test_the_known_figures_never_show_in_a_repr(prompt: str) -> None:
    known = known_figures([prompt], ["My number is 555 010 4477 and I owe 312 dollars."])
    assert "4477" not in repr(known) and "312" not in repr(known)


def test_the_context_messages_are_read_by_role(prompt: str) -> None:
    messages = [
        {"role": "user", "content": "Could you check my balance? I paid forty dollars."},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "t1"}]},
        {"role": "tool", "tool_call_id": "t1", "content": '{"balance": "142.50"}'},
        {"role": "user", "content": [{"type": "text", "text": "And the other eleven?"}]},
        "not a message",
    ]
    known = context_figures(prompt, messages)
    assert not ungrounded_figure("Your balance is $142.50, after your $40.", known)
    assert not ungrounded_figure("The other 11.", known)
    assert ungrounded_figure("Your balance is $99.", known)


def test_a_first_sentence_with_an_invented_figure_gives_the_unknown_line(prompt: str) -> None:
    reads: list[int] = []

    def known():
        reads.append(1)
        return known_figures([prompt])

    guard = ReplyGuard(known_figures=known, unknown_figure_line=UNKNOWN)
    assert _speak(guard, "The pharmacy is 1-800-232-9989. They open at 7.") == [UNKNOWN]
    # the reply's first words go to the voice before the figure is written (time to first
    # audio); the rest of the sentence is the line
    assert _speak(guard, "You can call the pharmacy on 1-800-232-9989.") == [
        "You can call the pharmacy", UNKNOWN]
    assert guard.stopped_because == "ungrounded_figure"
    assert _speak(guard, "Sure. We're at 120 Main Street. Our fax is 555-0199.") == [
        "Sure.", "We're at 120 Main Street."]
    assert len(reads) == 3  # once per reply that states a figure
    assert _speak(guard, "Happy to help with that.") == ["Happy to help with that."]
    assert len(reads) == 3  # a reply without a figure reads nothing


def test_figures_are_not_checked_without_a_context() -> None:
    guard = ReplyGuard()
    assert _speak(guard, "It costs $25.") == ["It costs $25."]


def _caller_audio(text: str) -> bytes:
    audio = np.concatenate([np.zeros(8000, np.float32), to_mono_16k(phone_clip([text], seed=3),
                                                                    8000),
                            np.zeros(16000 * 5, np.float32)])
    return (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()


async def test_an_invented_number_in_a_call_is_never_voiced() -> None:
    """A spoken question the rules leave to the model; the model invents a phone number.
    The caller hears that the agent does not have it, and the number is never said."""
    with serve_scripted() as (model, url):
        model.reply = "The pharmacy's number is 1-800-738-7323. They can help."
        resources = CallResources.load(Settings(llm={"base_url": url}), "cpu")
        transport = WavTransport(_caller_audio("Does the pharmacy down the road have a phone?"),
                                 16000, tail_s=4.0, pace=False)
        call = build_call(resources, transport, in_sample_rate=16000, out_sample_rate=16000,
                          greet=False)
        await call.run()
    assert model.requests, "the question went to the model"
    agent = " ".join(line.text for line in call.recorder.lines if line.speaker == "agent")
    assert "738" not in agent and "7323" not in agent
    assert UNKNOWN in agent and "help" not in agent, agent
