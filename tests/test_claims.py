"""Claims never true of this agent (a person, a screen, an action no code does) are not voiced;
true lines about what the agent is and does pass untouched."""

from __future__ import annotations

import pytest

from tests.test_speakable import _speak
from verivoice.pipeline.tts.claims import TRUE_LINES, untrue_claim
from verivoice.pipeline.tts.speakable import ReplyGuard

POLITE = "Sorry, could you ask that another way?"

UNTRUE = [
    ("I'm a nurse here, so I can help.", "persona"),
    ("I am actually a real person, not a recording.", "persona"),
    ("Well, I'm not an AI, I promise.", "persona"),
    ("I'm not a bot.", "persona"),
    ("Speaking as a healthcare professional, rest is best.", "persona"),
    ("I'm the doctor on call tonight.", "persona"),
    ("Click on the menu at the top to see your bills.", "screen"),
    ("Type your question in the chat box below.", "screen"),
    ("Scroll down to find the form.", "screen"),
    ("Copy and paste the link into your browser.", "screen"),
    ("Pick your clinic from the drop-down list.", "screen"),
    ("I'll email you the forms this afternoon.", "promise"),
    ("I will let the doctor know you called.", "promise"),
    ("I've booked you in for Tuesday.", "promise"),
    ("I have already cancelled that visit.", "promise"),
    ("Someone will call you back within the hour.", "promise"),
    ("The office will get back to you tomorrow.", "promise"),
    ("I'm going to make a note on your file.", "promise"),
    ("Feel free to leave a message after the tone.", "promise"),
    ("I can have someone ring you this evening.", "promise"),
    ("I'll return your call tomorrow.", "promise"),
    ("We'll call you back tomorrow.", "promise"),
    ("Someone from billing will definitely ring you.", "promise"),
    ("I\u2019m a registered nurse.", "persona"),
    ("I'll have the nurse call you this afternoon.", "promise"),
]

TRUE = [
    "I'm this practice's automated assistant.",
    "I'm an automated assistant, so I can't give medical advice.",
    "I'm not a doctor, so please ask your doctor about that.",
    "I'm not sure I understood; could you say that again?",
    "I'm sorry, I can't help with that.",
    "What type of appointment is it?",
    "Your blood type is on your record.",
    "I can tell you our hours for any day.",
    "I can check that once you're verified.",
    "You can call us back when we open at 8 AM.",
    "We'll see you at your visit.",
    "The doctor can talk you through the results at your visit.",
    "We are a family practice on Main Street.",
    "Our nurses run the flu clinic on Fridays.",
    "Press the star key to hear that again.",
    "Please send the form by post.",
    "Tap the star key to hear that again.",
    "Type the six digits on your keypad.",
    "I'm the dentist's automated assistant.",
    "You can't leave a message on this line.",
    "I'll have a look.",
    "I can check on your appointment once you're verified.",
]


@pytest.mark.parametrize(("text", "category"), UNTRUE)
def test_untrue_claims_are_recognised(text: str, category: str) -> None:
    assert untrue_claim(text) == category


@pytest.mark.parametrize("text", TRUE)
def test_true_lines_pass(text: str) -> None:
    assert untrue_claim(text) is None
    guard = ReplyGuard(blocked_line=POLITE)
    assert guard.admit(text) == text and guard.stopped_because is None


def test_a_false_persona_first_gives_the_true_one() -> None:
    guard = ReplyGuard(blocked_line=POLITE)
    assert _speak(guard, "I'm a medical professional. Ask me anything about your health.") == [
        TRUE_LINES["persona"]]
    assert guard.stopped_because == "untrue_persona"


def test_a_claim_after_a_true_sentence_ends_the_reply_there() -> None:
    guard = ReplyGuard(blocked_line=POLITE)
    spoken = _speak(guard, "We open at eight on weekdays. I'll make sure to add that to your "
                           "file. Anything else?")
    assert " ".join(spoken) == "We open at eight on weekdays."
    assert guard.stopped_because == "untrue_promise"


def test_a_screen_first_gives_the_polite_line() -> None:
    guard = ReplyGuard(blocked_line=POLITE)
    assert _speak(guard, "Just click on the blue button to pay.") == [POLITE]
    assert guard.stopped_because == "untrue_screen"


def test_a_claim_split_at_commas_is_read_whole() -> None:
    guard = ReplyGuard(blocked_line=POLITE)
    spoken = _speak(guard, "Thanks for waiting. The practice will, first thing tomorrow, "
                           "get back to you. Bye.")
    assert " ".join(spoken).startswith("Thanks for waiting.")
    assert "get back" not in " ".join(spoken) and "Bye" not in " ".join(spoken)
    assert guard.stopped_because == "untrue_promise"
