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
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["KnownFigures", "context_figures", "known_figures", "ungrounded_figure"]

_NUMBER_WORDS = {word: n for n, word in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
     "eighteen", "nineteen", "twenty"))}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                      "eighty": 80, "ninety": 90, "hundred": 100})
_HOUR_WORDS = "|".join(w for w, n in _NUMBER_WORDS.items() if 1 <= n <= 12)

# "8 AM", "5:30 p.m.", "eight am", "5 o'clock", "17:30", "noon", "midnight"
_TIME = re.compile(
    rf"\b(\d{{1,2}}|{_HOUR_WORDS})(?:[:.](\d{{2}}))?\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?|o'?\s?clock\b)"
    r"|\b(\d{1,2}):(\d{2})\b"
    r"|\b(noon|midday|midnight)\b",
    re.IGNORECASE)
# six digits or more, grouped any way: "1-800-738-7323", "(555) 010 0199", "+1 555 0100"
_DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().-]{4,}\d")
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_WORD = re.compile(r"[a-z]+")
# a bare hour in a span of time: "from 8 to 5", "until 6", "between 9 and 1"
_BEFORE_HOUR = re.compile(r"\b(?:from|to|until|till|til|at|between|and|after|before|by)\s*$",
                          re.IGNORECASE)
_AFTER_HOUR = re.compile(r"^\s*(?:to|till|until|-|and|or)\s+\d", re.IGNORECASE)
_MIN_RUN_DIGITS = 6


@dataclass
class KnownFigures:
    """The figures a reply's context holds."""

    numbers: set[Decimal] = field(default_factory=set)
    minutes: set[int] = field(default_factory=set)  # clock times, minutes after midnight
    hours: set[int] = field(default_factory=set)  # their hours, on a 12-hour clock
    runs: list[str] = field(default_factory=list)  # long digit runs, digits only


def _minutes(match: re.Match[str]) -> set[int]:
    """The minutes after midnight a time as written may mean (a bare "5 o'clock": 5 or 17)."""
    hour, minute, suffix, hour24, minute24, word = match.groups()
    if word is not None:
        return {12 * 60} if word.lower() in ("noon", "midday") else {0, 24 * 60}
    if hour24 is not None:
        h, m = int(hour24), int(minute24)
        return {h * 60 + m} if h >= 12 or h == 0 else {h * 60 + m, (h + 12) * 60 + m}
    h = int(hour) if hour.isdigit() else _NUMBER_WORDS[hour.lower()]
    m = int(minute) if minute else 0
    tag = suffix.lower().replace(".", "").replace(" ", "")
    if tag == "am":
        return {(h % 12) * 60 + m}
    if tag == "pm":
        return {(h % 12 + 12) * 60 + m}
    return {(h % 12) * 60 + m, (h % 12 + 12) * 60 + m}


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
            count in digits or in words ("ten minutes late"). A prompt's words ("one or two
            sentences") state no figure.
    """
    known = KnownFigures()
    for text, spoken in [*((t, False) for t in facts), *((t, True) for t in said)]:
        times: list[tuple[int, int]] = []
        for match in _TIME.finditer(text):
            times.append(match.span())
            minutes = _minutes(match)
            known.minutes |= minutes
            known.hours |= {(m // 60) % 12 or 12 for m in minutes}
        for match in _DIGIT_RUN.finditer(text):
            digits = re.sub(r"\D", "", match.group())
            if len(digits) >= _MIN_RUN_DIGITS:
                known.runs.append(digits)
        for match in _NUMBER.finditer(text):
            value = _value(match.group())
            if value is not None and not _inside(match.span(), times):
                known.numbers.add(value)
        if spoken:
            for word in _WORD.findall(text.lower()):
                if word in _NUMBER_WORDS:
                    known.numbers.add(Decimal(_NUMBER_WORDS[word]))
    return known


def ungrounded_figure(text: str, known: KnownFigures) -> bool:
    """Whether ``text`` (a chunk of a model's reply) states a figure ``known`` lacks."""
    spans: list[tuple[int, int]] = []
    for match in _TIME.finditer(text):
        spans.append(match.span())
        if not _minutes(match) & known.minutes:
            return True
    for match in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) < _MIN_RUN_DIGITS or _inside(match.span(), spans):
            continue
        spans.append(match.span())
        if not any(digits in run for run in known.runs):
            return True
    for match in _NUMBER.finditer(text):
        if _inside(match.span(), spans):
            continue
        value = _value(match.group())
        if value is None or value in known.numbers:
            continue
        if (value == value.to_integral_value() and int(value) in known.hours
                and (_BEFORE_HOUR.search(text[:match.start()])
                     or _AFTER_HOUR.match(text[match.end():]))):
            continue  # "from 8 to 5" where the context says 8 AM and 5 PM
        return True
    return False


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


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
