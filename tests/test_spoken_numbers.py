"""The spoken-number normaliser, by example and by property."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from verivoice.pipeline.asr.spoken_numbers import (
    SpeakingStyle,
    digit_runs,
    digits_to_spoken,
    spoken_to_digits,
)


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("four seven two nine one five", "472915"),
        ("Oh seven seven double five", "07755"),
        ("My code is 4-7-2, 9 1 5.", "472915"),
        ("triple two, twenty-one", "22221"),
        ("double oh seven", "007"),
        ("It's 47 29 15", "472915"),
        ("eight hundred five five five one two one two", "8005551212"),
        ("five hundred and fifty five", "555"),
        ("nineteen eighty-five", "1985"),
        ("two thousand and five", "2005"),
        ("zero nought nil oh", "0000"),
        ("(555) 123-4567", "5551234567"),
        ("4 7 2 for 1 5", "472415"),  # "for" between digits is a 4
        ("the code for my account is 1 2", "12"),  # ...but not in a carrier phrase
        ("Oh, my code is one two three", "123"),  # a leading "oh" is an interjection
        ("oh oh seven", "007"),
        ("uh, seven, um, three", "73"),
        ("", ""),
        ("no digits here at all", ""),
        ("twenty twenty", "2020"),
        ("ninety-nine oh one", "9901"),
        ("twenty, one", "201"),
    ],
)
def test_examples(text: str, digits: str) -> None:
    assert spoken_to_digits(text) == digits


def test_digit_runs_split_on_words() -> None:
    assert digit_runs("my number is 555 1234 and my code is four two") == ["5551234", "42"]


def test_render_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        digits_to_spoken("12a", SpeakingStyle.DIGITS)
    with pytest.raises(ValueError):
        digits_to_spoken("1234", SpeakingStyle.DIGITS, [3, 3])


@st.composite
def spoken_digit_strings(draw: st.DrawFn) -> tuple[str, list[str]]:
    digits = draw(st.text(alphabet="0123456789", min_size=1, max_size=12))
    style = draw(st.sampled_from(list(SpeakingStyle)))
    sizes: list[int] = []
    left = len(digits)
    while left:
        size = draw(st.integers(1, left))
        sizes.append(size)
        left -= size
    return digits, digits_to_spoken(digits, style, sizes)


# Callers pause between groups, and Whisper writes a pause as a comma or full stop; without
# one, "twenty ... one" and "twenty-one" cannot be told apart.
SEPARATORS = st.sampled_from([", ", "... ", ". ", "; "])
CARRIERS = st.sampled_from(["", "my code is", "the code is", "it's", "okay so it's", "um, my number is"])


@settings(max_examples=400, deadline=None)
@given(spoken_digit_strings(), SEPARATORS, CARRIERS)
def test_every_rendering_reads_back(case: tuple[str, list[str]], sep: str, carrier: str) -> None:
    digits, phrases = case
    # A lone "Oh," opening an utterance is an interjection by design ("Oh, my code is ...").
    assume(carrier or set(phrases[0].split()) != {"oh"})
    text = f"{carrier} {sep.join(phrases)}".strip()
    assert spoken_to_digits(text) == digits


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_digits_only(text: str) -> None:
    out = spoken_to_digits(text)
    assert out == "" or out.isdigit()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=15),
       st.sampled_from(["-", " ", ".", ", ", "  "]))
def test_numerals_with_stray_punctuation(digits: str, sep: str) -> None:
    assert spoken_to_digits(sep.join(digits)) == digits
