"""Spoken-number normalisation: turn what a caller says into the digits they meant.

Callers read codes, phone numbers and dates in many ways: "four seven two", "oh seven seven
double five", "triple two", "twenty-one", "4-7-2", "my code is ...". :func:`spoken_to_digits`
turns any of those transcripts into a plain digit string. :func:`digits_to_spoken` does the
reverse for a chosen speaking style; the benchmark's test-set generator and the property
tests use it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from enum import Enum

UNITS: dict[str, int] = {
    "zero": 0, "oh": 0, "o": 0, "nought": 0, "naught": 0, "nil": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
MULTIPLIERS: dict[str, int] = {"double": 2, "triple": 3, "treble": 3}

# Words an ASR model writes for a digit it heard. They count only next to a real digit,
# so "the code for my account" does not gain a 4.
HOMOPHONES: dict[str, int] = {
    "for": 4, "fore": 4, "to": 2, "too": 2, "won": 1, "ate": 8, "oh": 0, "o": 0,
    "owe": 0, "free": 3, "tree": 3, "sex": 6, "nein": 9, "fife": 5, "niner": 9,
}
# "oh" and "o" are weak at the start ("oh, my code is ...") but zeros elsewhere.
_WEAK_UNITS = {"oh", "o"}

_TOKEN_RE = re.compile(r"\d+|[a-z]+(?:'[a-z]+)?|[.,;?!]+")


class _Kind(Enum):
    DIGITS = "digits"  # numerals, already digits
    UNIT = "unit"
    TEEN = "teen"
    TENS = "tens"
    HUNDRED = "hundred"
    THOUSAND = "thousand"
    MULT = "mult"
    WEAK = "weak"
    AND = "and"
    BREAK = "break"  # punctuation: a pause; "twenty, one" is 20 then 1, not 21
    OTHER = "other"


@dataclass(frozen=True)
class _Token:
    kind: _Kind
    text: str
    value: int = 0


def _classify(word: str) -> _Token:
    if word[0] in ".,;?!":
        return _Token(_Kind.BREAK, word)
    if word.isdigit():
        return _Token(_Kind.DIGITS, word)
    if word in _WEAK_UNITS:
        return _Token(_Kind.WEAK, word, 0)
    if word in UNITS:
        return _Token(_Kind.UNIT, word, UNITS[word])
    if word in TEENS:
        return _Token(_Kind.TEEN, word, TEENS[word])
    if word in TENS:
        return _Token(_Kind.TENS, word, TENS[word])
    if word == "hundred":
        return _Token(_Kind.HUNDRED, word, 100)
    if word == "thousand":
        return _Token(_Kind.THOUSAND, word, 1000)
    if word in MULTIPLIERS:
        return _Token(_Kind.MULT, word, MULTIPLIERS[word])
    if word in HOMOPHONES:
        return _Token(_Kind.WEAK, word, HOMOPHONES[word])
    if word == "and":
        return _Token(_Kind.AND, word)
    return _Token(_Kind.OTHER, word)


_NUMERIC = {_Kind.DIGITS, _Kind.UNIT, _Kind.TEEN, _Kind.TENS, _Kind.HUNDRED, _Kind.THOUSAND}


def _tokenize(text: str) -> list[_Token]:
    # "4-7-2", "twenty-one", "472,915" -> separate tokens; ordinals and plurals are kept
    # as words ("fives" is not a digit).
    lowered = text.lower().replace("\u2019", "'")
    return [_classify(w) for w in _TOKEN_RE.findall(lowered)]


def _resolve_weak(tokens: list[_Token]) -> list[_Token]:
    """Promote weak tokens that sit inside a run of digits; drop the others."""
    if tokens and all(t.text in _WEAK_UNITS for t in tokens):  # "oh" alone answers "0"
        return [_Token(_Kind.UNIT, t.text, 0) for t in tokens]
    strong = {i for i, t in enumerate(tokens) if t.kind in _NUMERIC or t.kind == _Kind.MULT}
    resolved = list(tokens)
    i = 0
    while i < len(tokens):
        if tokens[i].kind != _Kind.WEAK:
            i += 1
            continue
        end = i
        while end + 1 < len(tokens) and tokens[end + 1].kind == _Kind.WEAK:
            end += 1
        # A run of weak words counts when it touches a digit ("oh oh seven", "4 for 2").
        near = (i - 1) in strong or (end + 1) in strong
        for k in range(i, end + 1):
            tok = tokens[k]
            # "oh" is a zero anywhere but at the very start ("Oh, my code is ...").
            if near or (tok.text in _WEAK_UNITS and k > 0):
                resolved[k] = _Token(_Kind.UNIT, tok.text, tok.value)
            else:
                resolved[k] = _Token(_Kind.OTHER, tok.text)
        i = end + 1
    return resolved


def _read_group(tokens: list[_Token], i: int) -> tuple[str, int]:
    """Read one spoken number group starting at ``tokens[i]``.

    Returns the digits it stands for and the index after it. Handles "seven", "twenty one",
    "nineteen", "five hundred (and) fifty five", "two thousand (and) five", "double five".
    """
    tok = tokens[i]
    if tok.kind == _Kind.DIGITS:
        return tok.text, i + 1
    if tok.kind == _Kind.MULT:
        nxt = i + 1
        if nxt < len(tokens) and tokens[nxt].kind in (_Kind.UNIT, _Kind.DIGITS):
            digit = tokens[nxt].text if tokens[nxt].kind == _Kind.DIGITS else str(tokens[nxt].value)
            # "double 55" is heard as "double five" written with the repeat already applied.
            if tokens[nxt].kind == _Kind.DIGITS and len(digit) > 1:
                return digit, nxt + 1
            return digit * tok.value, nxt + 1
        return "", i + 1
    if tok.kind == _Kind.UNIT:
        nxt = i + 1
        if nxt < len(tokens) and tokens[nxt].kind == _Kind.HUNDRED and tok.value > 0:
            return _read_hundreds(tokens, tok.value, nxt + 1)
        if nxt < len(tokens) and tokens[nxt].kind == _Kind.THOUSAND and tok.value > 0:
            return _read_thousands(tokens, tok.value, nxt + 1)
        return str(tok.value), nxt
    if tok.kind == _Kind.TEEN:
        nxt = i + 1
        if nxt < len(tokens) and tokens[nxt].kind == _Kind.HUNDRED:
            return _read_hundreds(tokens, tok.value, nxt + 1)
        return str(tok.value), nxt
    if tok.kind == _Kind.TENS:
        nxt = i + 1
        if nxt < len(tokens) and tokens[nxt].kind == _Kind.UNIT and tokens[nxt].value > 0 and (
            tokens[nxt].text not in _WEAK_UNITS
        ):
            return str(tok.value + tokens[nxt].value), nxt + 1
        return str(tok.value), nxt
    if tok.kind == _Kind.HUNDRED:  # "hundred" alone, e.g. "a hundred"
        return _read_hundreds(tokens, 1, i + 1)
    if tok.kind == _Kind.THOUSAND:
        return _read_thousands(tokens, 1, i + 1)
    return "", i + 1


def _read_below_hundred(
    tokens: list[_Token], i: int, bare_unit: bool = False
) -> tuple[int | None, int]:
    j = i
    if j < len(tokens) and tokens[j].kind == _Kind.AND:
        j += 1
    if j >= len(tokens):
        return None, i
    tok = tokens[j]
    if tok.kind == _Kind.TEEN:
        return tok.value, j + 1
    if tok.kind == _Kind.TENS:
        if j + 1 < len(tokens) and tokens[j + 1].kind == _Kind.UNIT and tokens[j + 1].value > 0:
            return tok.value + tokens[j + 1].value, j + 2
        return tok.value, j + 1
    if tok.kind == _Kind.UNIT and tok.text not in _WEAK_UNITS and (
        bare_unit or tokens[i].kind == _Kind.AND
    ):
        # "five hundred and five": only after "and", else "five hundred five five" is
        # digits; after "thousand" a bare unit belongs to it ("two thousand five").
        return tok.value, j + 1
    return None, i


def _read_hundreds(tokens: list[_Token], head: int, i: int) -> tuple[str, int]:
    rest, j = _read_below_hundred(tokens, i)
    return str(head * 100 + (rest or 0)), j


def _read_thousands(tokens: list[_Token], head: int, i: int) -> tuple[str, int]:
    j = i
    value = head * 1000
    if j < len(tokens) and tokens[j].kind == _Kind.UNIT and j + 1 < len(tokens) and (
        tokens[j + 1].kind == _Kind.HUNDRED
    ):
        hundreds, j = _read_hundreds(tokens, tokens[j].value, j + 2)
        return str(value + int(hundreds)), j
    rest, j = _read_below_hundred(tokens, j, bare_unit=True)
    return str(value + (rest or 0)), j


def spoken_to_digits(text: str) -> str:
    """Return every digit a caller spoke in ``text``, in order, as one string.

    Words that are not numbers are skipped, so a carrier phrase ("my code is") adds nothing.

    Examples:
        >>> spoken_to_digits("oh seven seven double five")
        '07755'
        >>> spoken_to_digits("My code is 4-7-2, 9 1 5.")
        '472915'
        >>> spoken_to_digits("triple two, twenty-one")
        '22221'
    """
    tokens = _resolve_weak(_tokenize(text))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind in (_Kind.OTHER, _Kind.AND, _Kind.BREAK):
            i += 1
            continue
        digits, i = _read_group(tokens, i)
        out.append(digits)
    return "".join(out)


def digit_runs(text: str) -> list[str]:
    """Split ``text`` into runs of spoken digits separated by ordinary words."""
    tokens = _resolve_weak(_tokenize(text))
    runs: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind == _Kind.OTHER:
            if current:
                runs.append("".join(current))
                current = []
            i += 1
            continue
        if tokens[i].kind in (_Kind.AND, _Kind.BREAK):
            i += 1
            continue
        digits, i = _read_group(tokens, i)
        current.append(digits)
    if current:
        runs.append("".join(current))
    return [r for r in runs if r]


# --------------------------------------------------------------------------------------
# Rendering digits as a caller would say them (test-set generator, property tests).

_DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEEN_WORDS = {v: k for k, v in TEENS.items()}
_TENS_WORDS = {v: k for k, v in TENS.items() if k != "fourty"}


class SpeakingStyle(Enum):
    """Ways a caller reads a digit string aloud."""

    DIGITS = "digits"  # "four seven two nine one five"
    OH = "oh"  # zero said as "oh"
    REPEATS = "repeats"  # "double five", "triple two"
    PAIRS = "pairs"  # "forty-seven twenty-nine fifteen"
    NUMERALS = "numerals"  # "4-7-2 9-1-5" (as typed, e.g. from a chat client)


def _pair_words(pair: str) -> str:
    value = int(pair)
    if len(pair) == 1:
        return "oh" if value == 0 else _DIGIT_WORDS[value]
    if pair[0] == "0":
        return f"oh {_DIGIT_WORDS[value]}"
    if value < 10:
        return _DIGIT_WORDS[value]
    if value < 20:
        return _TEEN_WORDS[value]
    tens, unit = divmod(value, 10)
    return _TENS_WORDS[tens * 10] + (f"-{_DIGIT_WORDS[unit]}" if unit else "")


def _repeats_words(digits: str, zero: str) -> list[str]:
    words: list[str] = []
    i = 0
    while i < len(digits):
        run = 1
        while i + run < len(digits) and digits[i + run] == digits[i] and run < 3:
            run += 1
        word = zero if digits[i] == "0" else _DIGIT_WORDS[int(digits[i])]
        if run == 3:
            words.append(f"triple {word}")
        elif run == 2:
            words.append(f"double {word}")
        else:
            words.append(word)
        i += run
    return words


def digits_to_spoken(digits: str, style: SpeakingStyle, groups: list[int] | None = None) -> list[str]:
    """Render ``digits`` as spoken phrases, one phrase per group.

    Args:
        digits: The digit string.
        style: How the caller reads it.
        groups: Group sizes (e.g. ``[3, 3]``); the caller pauses between groups. ``None``
            reads the whole string as one group.

    Returns:
        One phrase per group; joined with pauses they say ``digits``.
    """
    if not digits.isdigit():
        raise ValueError("digits_to_spoken needs a non-empty string of digits")
    sizes = groups or [len(digits)]
    if sum(sizes) != len(digits):
        raise ValueError("group sizes must add up to the number of digits")
    phrases: list[str] = []
    start = 0
    for size in sizes:
        chunk = digits[start : start + size]
        start += size
        if style == SpeakingStyle.NUMERALS:
            phrases.append("-".join(chunk))
        elif style == SpeakingStyle.DIGITS:
            phrases.append(" ".join(_DIGIT_WORDS[int(c)] for c in chunk))
        elif style == SpeakingStyle.OH:
            phrases.append(" ".join("oh" if c == "0" else _DIGIT_WORDS[int(c)] for c in chunk))
        elif style == SpeakingStyle.REPEATS:
            phrases.append(" ".join(_repeats_words(chunk, "oh")))
        elif style == SpeakingStyle.PAIRS:
            # An odd digit leads ("two, oh seven"): a trailing one would merge into the
            # pair before it ("twenty" + "seven" is heard as 27).
            head = [chunk[0]] if len(chunk) % 2 else []
            rest = chunk[len(head) :]
            parts = head + [rest[k : k + 2] for k in range(0, len(rest), 2)]
            phrases.append(" ".join(_pair_words(p) for p in parts))
    return phrases


def random_groups(length: int, rng: random.Random) -> list[int]:
    """Pick a natural grouping for ``length`` digits (3+3, 2+2+2, 3+3+4, ...)."""
    if length == 6:
        return rng.choice([[6], [3, 3], [2, 2, 2]])
    if length == 10:
        return rng.choice([[3, 3, 4], [10]])
    if length == 11:
        return rng.choice([[1, 3, 3, 4], [5, 6]])
    return [length]
