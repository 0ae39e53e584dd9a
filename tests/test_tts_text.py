"""Chunking and text rewriting for speech: where chunks end, how numbers sound, codes withheld."""

from __future__ import annotations

import asyncio
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verivoice.bench.tts_timing import tokens
from verivoice.pipeline.tts.clauses import (
    ChunkRules,
    ClauseTextAggregator,
    find_cut,
    split_for_speech,
)
from verivoice.pipeline.tts.speech_text import ProtectedValues, SpeechText, WithheldText

LONG = ("Thanks for calling Riverside Clinic, this is the automated assistant and I can help "
        "you book, change or cancel an appointment today.")
WORDS = st.sampled_from(["the", "clinic", "appointment", "on", "Tuesday", "at", "nine", "and",
                         "472", "915", "Dr.", "Smith", "you", "can", "book", "it", "now"])
PUNCT = st.sampled_from(["", "", "", ",", ".", "?", ";"])
REPLY = st.lists(st.tuples(WORDS, PUNCT), min_size=1, max_size=60).map(
    lambda ws: " ".join(w + p for w, p in ws))


def test_first_chunk_of_a_long_sentence_is_a_few_words() -> None:
    chunks = split_for_speech(LONG)
    assert chunks[0] == "Thanks for calling Riverside Clinic,"
    assert " ".join(chunks) == LONG
    assert all(len(c.split()) <= 24 for c in chunks)


def test_clauses_and_sentences_end_later_chunks() -> None:
    assert split_for_speech("Yes, I can do that. Dr. Smith has an opening on Tuesday at 3 pm.") \
        == ["Yes,", "I can do that.", "Dr. Smith has an opening on Tuesday at 3 pm."]


def test_a_number_is_never_cut_in_two() -> None:
    chunks = split_for_speech("Your code is 472, 915 and your number is 555 123 4567, "
                              "or four seven, two nine.")
    for before, after in itertools.pairwise(chunks):
        assert not (re.search(r"\d[,;]?$", before) and after[0].isdigit())
    assert any("472, 915" in chunk for chunk in chunks)
    assert find_cut("The code is 472, 915", first=False, final=False, rules=ChunkRules()) is None


def test_short_reply_is_one_chunk() -> None:
    assert split_for_speech("Okay.") == ["Okay."]
    assert split_for_speech("I'm texting you a six-digit code now.") == [
        "I'm texting you a six-digit code now."]


@settings(max_examples=200, deadline=None)
@given(REPLY)
def test_chunks_keep_every_word_in_order(reply: str) -> None:
    chunks = split_for_speech(reply)
    assert " ".join(chunks).split() == reply.split()
    rules = ChunkRules()
    first = chunks[0].split()
    assert len(first) <= rules.first_chunk_words + 3 or first[-1][-1] in ",;:.!?" \
        or len(first) <= rules.max_chunk_words * 2


@settings(max_examples=100, deadline=None)
@given(REPLY)
def test_streaming_tokens_give_the_same_chunks_as_whole_text(reply: str) -> None:
    async def stream() -> list[str]:
        aggregator = ClauseTextAggregator()
        out = []
        for token in tokens(reply):
            out += [a.text async for a in aggregator.aggregate(token)]
        rest = await aggregator.flush()
        return out + ([rest.text] if rest else [])

    assert asyncio.run(stream()) == split_for_speech(reply)


async def test_aggregator_rearms_the_early_first_chunk_for_each_reply() -> None:
    aggregator = ClauseTextAggregator()
    for _ in range(2):
        got = [a.text async for a in aggregator.aggregate(LONG + " ")]
        assert got[0] == "Thanks for calling Riverside Clinic,"
        await aggregator.flush()


@pytest.mark.parametrize(("text", "spoken"), [
    ("Call 555-123-4567.", "Call five five five, one two three, four five six seven."),
    ("Call (555) 987 6543", "Call five five five, nine eight seven, six five four three"),
    ("Or 5551234567", "Or five five five, one two three, four five six seven"),
    ("Dial +44 20 7946 0958", "Dial plus four four, two zero, seven nine four six, zero nine five eight"),
    ("Born 1984-03-07.", "Born March seventh, nineteen eighty-four."),
    ("On 03/07/1984", "On March seventh, nineteen eighty-four"),
    ("On March 7, 2024.", "On March seventh, twenty twenty-four."),
    ("Due Jan 3rd", "Due January third"),
    ("It's $1,234.50", "It's one thousand two hundred and thirty-four dollars and fifty cents"),
    ("A $1 fee and $0.99", "A one dollar fee and ninety-nine cents"),
    ("ID 12345678", "ID one two three four, five six seven eight"),
    ("Room 42 in 2024", "Room 42 in 2024"),
    ("**Hello** <break time='1s'/> there 😀\x07!", "Hello there!"),
    ("Tom &amp; Jerry, 50%", "Tom and Jerry, 50 percent"),
])
def test_numbers_and_markup_are_rewritten_for_the_ear(text: str, spoken: str) -> None:
    assert SpeechText().render(text) == spoken


def test_day_first_dates() -> None:
    assert SpeechText(day_first=True).render("07/03/1984") == "March seventh, nineteen eighty-four"


@pytest.mark.parametrize("text", ["", "   ", "😀😀", "\x00\x01\x02", "<speak></speak>", "***"])
def test_nothing_speakable_gives_empty_text(text: str) -> None:
    assert SpeechText().render(text) == ""


@pytest.mark.parametrize("text", [
    "Your code is 472915.", "your code is 472 915", "4-7-2-9-1-5",
    "four seven two nine one five", "four seventy-two, nine fifteen",
    "\uff14\uff17\uff12\uff19\uff11\uff15",  # fullwidth digits
])
def test_a_marked_code_is_never_voiced(text: str) -> None:
    protected = ProtectedValues()
    protected.mark("472915")
    with pytest.raises(WithheldText) as caught:
        SpeechText(protected).render(text)
    assert "472" not in str(caught.value) and "915" not in str(caught.value)


def test_a_code_split_over_two_chunks_is_withheld() -> None:
    protected = ProtectedValues()
    protected.mark("472915")
    speech = SpeechText(protected)
    speech.start_turn()
    assert speech.render("Your code is 472,")  # not yet a code
    with pytest.raises(WithheldText):
        speech.render("915.")


def test_other_numbers_still_speak_when_a_code_is_marked() -> None:
    protected = ProtectedValues()
    protected.mark("472915")
    assert "five five five" in SpeechText(protected).render("Call 555-123-4567")
    with pytest.raises(ValueError):
        protected.mark("12")
