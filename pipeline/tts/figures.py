"""Figures in a model's reply that nothing the model was given holds.

A small model fills a gap with invented figures, all heard in the hand-off benches on the
bundled model: a phone number ("You can reach us at 1-800-738-7323"), a price ("a scale and
polish is $10.00"), a time ("the doctor will be arriving at 10:15 AM"), a balance to a
caller nobody verified ("$0.000001"), a floor ("the 12th floor"). Each is false, and a
caller acts on a figure. The model knows a figure only from its context: the system prompt
with the practice's facts, the caller's words, tool results and what was already said.

:func:`known_figures` reads those texts once per reply; :func:`ungrounded_figure` finds a
figure in a chunk of the reply that none of them holds:

- a clock time ("8 AM", "5:30 pm", "17:30", "noon") must be a time the context states (a
  bare hour next to "from", "to", "until": an hour of one);
- a long run of digits (a phone or account number, six digits or more, however grouped)
  must be part of one in the context;
- any other number ("$10.00", "12th", "2.5") must be one the context states, in digits or
  in words ("ten minutes late" grounds "10 minutes").

Numbers spoken as words in the reply are not checked. Nothing here logs the text it reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from verivoice.pipeline.tts.opening_times import OPENING_WORDS, clock_times, minutes_said

__all__ = ["KnownFigures", "context_figures", "known_figures", "may_state_a_figure",
           "ungrounded_figure"]

# Number words the caller or the agent may say ("ten minutes late"); "one" and "zero" are
# left out: "which one" states no figure.
_NUMBER_WORDS = {word: n for n, word in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
     "eighteen", "nineteen", "twenty"))}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                      "eighty": 80, "ninety": 90, "hundred": 100})
_SAID_NUMBER_WORDS = {w: n for w, n in _NUMBER_WORDS.items() if n >= 2}
_DASH = "-\u2013\u2014"

# the opening-times check's clock times, and "5.30" (not "$10.50" or "2.50.1")
_TIME = clock_times(r"(?<![\d.,$\u00a3\u20ac])\b(\d{1,2})[:.](\d{2})\b(?![.,]?\d)")
# six digits or more, grouped any way: "1-800-738-7323", "(555) 010 0199", "+1 555 0100"
_DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().-]{4,}\d")
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_WORD = re.compile(r"[a-z]+")
# A bare hour in a range of time ("from 8 to 5", "9-12", "until 6", "between 9 and 1"), or
# after "at"/"by" in a reply about opening ("we close at 4").
_RANGE_BEFORE = re.compile(rf"(?:\b(?:from|to|until|till|til|between)\s*|[{_DASH}]\s*)$",
                           re.IGNORECASE)
_RANGE_AFTER = re.compile(rf"^\s*(?:(?:to|till|until|and)\s+|[{_DASH}]\s*)"
                          r"(?:\d|noon|midday|midnight)", re.IGNORECASE)
_AT_BEFORE = re.compile(r"\b(?:at|by|after|before)\s*$", re.IGNORECASE)
# A reply about when the practice is open: only there is a bare number an hour.
_ABOUT_OPENING = re.compile(
    rf"\b(?:{OPENING_WORDS}|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|"
    r"sundays?|weekdays?|weekends?|today|tomorrow|tonight|mornings?|afternoons?|evenings?|"
    r"noon|midday)\b", re.IGNORECASE)
_MIN_RUN_DIGITS = 6
_A_FIGURE = re.compile(r"\d|\b(?:noon|midday|midnight)\b", re.IGNORECASE)


def may_state_a_figure(text: str) -> bool:
    """A cheap first look: ``text`` holds a digit or a named hour (else it states no figure
    and the context need not be read)."""
    return _A_FIGURE.search(text) is not None


class KnownFigures:
    """The figures a reply's context holds. Its repr shows counts only (the figures may be
    the caller's own)."""

    def __init__(self) -> None:
        self.numbers: set[Decimal] = set()
        self.minutes: set[int] = set()  # clock times, minutes after midnight
        self.hours: set[int] = set()  # their hours, on a 12-hour clock
        self.runs: list[str] = []  # long digit runs, digits only

    def __repr__(self) -> str:
        return (f"KnownFigures({len(self.numbers)} numbers, {len(self.minutes)} times, "
                f"{len(self.runs)} digit runs)")

    def add_minutes(self, minutes: set[int]) -> None:
        self.minutes |= minutes
        self.hours |= {(m // 60) % 12 or 12 for m in minutes}

    def in_a_run(self, digits: str) -> bool:
        """``digits`` (three or more) are part of a known digit run ("ending in 0199")."""
        return len(digits) >= 3 and any(digits in run for run in self.runs)


def _value(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def known_figures(facts: Iterable[str], said: Iterable[str] = ()) -> KnownFigures:
    """The figures the reply's context states.

    Args:
        facts: Texts whose figures are written in digits: the system prompt with the
            practice's facts, tool results.
        said: What was said on the call (the caller's words, the agent's): their figures
            count in digits or in words ("ten minutes late"), and a bare hour said there
            ("can I come at 3?") counts as that hour's times. A prompt's words ("one or
            two sentences") state no figure.
    """
    known = KnownFigures()
    for text, spoken in [*((t, False) for t in facts), *((t, True) for t in said)]:
        taken: list[tuple[int, int]] = []  # times and digit runs: no plain numbers in them
        for match in _TIME.finditer(text):
            minutes = minutes_said(match)
            if minutes:
                taken.append(match.span())
                known.add_minutes(minutes)
        for match in _DIGIT_RUN.finditer(_masked(text, taken)):
            digits = re.sub(r"\D", "", match.group())
            if len(digits) >= _MIN_RUN_DIGITS:
                known.runs.append(digits)
                taken.append(match.span())
        for match in _NUMBER.finditer(_masked(text, taken)):
            value = _value(match.group())
            if value is None:
                continue
            known.numbers.add(value)
            if spoken and value == value.to_integral_value() and 1 <= value <= 12:
                known.add_minutes({int(value) % 12 * 60, (int(value) % 12 + 12) * 60})
        if spoken:
            for word in _WORD.findall(text.lower()):
                if word in _SAID_NUMBER_WORDS:
                    known.numbers.add(Decimal(_SAID_NUMBER_WORDS[word]))
    return known


def _an_hour_of_the_context(text: str, match: re.Match[str], value: Decimal,
                            known: KnownFigures) -> bool:
    """A bare number that is a known hour where it stands for one, in a reply about when the
    practice is open: in a range ("Saturday 9 to noon", "9-12 on Saturdays") or after "at"
    or "by" ("we close at 4 on Fridays"). "1 to 4 weeks" is no hour."""
    if (value != value.to_integral_value() or int(value) not in known.hours
            or not _ABOUT_OPENING.search(text)):
        return False
    before, after = text[:match.start()], text[match.end():]
    return bool(_RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after)
                or _AT_BEFORE.search(before))


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked: two times are not one digit run ("8.00 - 5.30")."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def ungrounded_figure(text: str, known: KnownFigures) -> bool:
    """Whether ``text`` (a chunk of a model's reply) states a figure ``known`` lacks."""
    taken: list[tuple[int, int]] = []
    for match in _TIME.finditer(text):
        minutes = minutes_said(match)
        if not minutes:
            continue
        taken.append(match.span())
        if not minutes & known.minutes:
            return True
    for match in _DIGIT_RUN.finditer(_masked(text, taken)):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) < _MIN_RUN_DIGITS:
            continue
        taken.append(match.span())
        if not known.in_a_run(digits):
            return True
    for match in _NUMBER.finditer(_masked(text, taken)):
        value = _value(match.group())
        if value is None or value in known.numbers:
            continue
        if known.in_a_run(match.group()) or _an_hour_of_the_context(text, match, value, known):
            continue
        return True
    return False


def _message_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # OpenAI content parts
        return " ".join(part.get("text", "") for part in content
                        if isinstance(part, dict) and isinstance(part.get("text"), str))
    return ""


def context_figures(prompt: str, messages: Iterable[Any]) -> KnownFigures:
    """The figures a model's context holds: its system prompt, tool results (facts), and
    the caller's and the agent's words (said).

    Args:
        prompt: The system prompt (with the practice's facts).
        messages: The context's messages, OpenAI-shaped (``role``, ``content``); others
            are skipped.
    """
    facts, said = [prompt], []
    for message in messages:
        if not isinstance(message, dict):
            continue
        text = _message_text(message.get("content"))
        if message.get("role") in ("user", "assistant"):
            said.append(text)
        else:
            facts.append(text)
    return known_figures(facts, said)
