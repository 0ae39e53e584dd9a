"""Opening times in a model's reply, checked against the practice profile.

The practice's hours reach the model in its system prompt, but a small model retells them
wrongly ("Monday and Tuesday from 8 AM to noon" for a practice open until 5:30 PM). The
hours a caller hears must be the profile's, so :class:`OpeningTimesCheck` reads each chunk
of a reply that speaks of opening (open, close, hours, shut) and finds the clock times it
states; a time that is no opening or closing time of the days the chunk names (of any day
or dated exception when it names none) contradicts the profile. :class:`~verivoice.pipeline.tts.speakable.ReplyGuard`
then withholds the rest of the reply and says the profile's week instead.

Only times are checked, and only beside words about opening: "your appointment is at 10:30"
is not about the hours and passes. The check never logs the text it reads.
"""

from __future__ import annotations

import re

from verivoice.practice import WEEKDAYS, PracticeProfile, minutes_of

#: Words about when the practice opens.
OPENING_WORDS = r"open|opens|opening|close|closes|closed|closing|hours|shut|shuts"
_ABOUT_OPENING = re.compile(rf"\b(?:{OPENING_WORDS})\b", re.IGNORECASE)
_HOUR_WORDS = {word: n for n, word in enumerate(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve"), start=1)}
_HOUR = r"(\d{1,2}|" + "|".join(_HOUR_WORDS) + r")"


def clock_times(hh_mm: str = r"\b(\d{1,2}):(\d{2})\b") -> re.Pattern[str]:
    """Clock times as said: "8 AM", "5:30 p.m.", "eight am", "5 o'clock", "8 in the morning",
    "noon", and ``hh_mm`` (two groups, hour and minute: "17:30"). Read a match with
    :func:`minutes_said`."""
    return re.compile(
        rf"\b{_HOUR}(?:[:.](\d{{2}}))?\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?|o'?\s?clock\b|"
        r"in the morning\b|in the (?:afternoon|evening)\b)"
        rf"|{hh_mm}"
        r"|\b(noon|midday|midnight)\b",
        re.IGNORECASE)


_TIME = clock_times()
_DAYS = {day: (i,) for i, day in enumerate(WEEKDAYS)}
_DAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r"|weekdays?|weekends?)s?\b", re.IGNORECASE)
# Parts of a chunk that each name their own days: "Monday, 8 to 5; Saturday, 9 to noon".
_PARTS = re.compile(r"[;.!?]\s+|;")


def _day_indexes(name: str) -> tuple[int, ...]:
    name = name.lower().rstrip("s")
    if name == "weekday":
        return (0, 1, 2, 3, 4)
    if name == "weekend":
        return (5, 6)
    return _DAYS[name]


def minutes_said(match: re.Match[str]) -> set[int]:
    """The minutes after midnight a time matched by :func:`clock_times` may mean (a bare
    "5 o'clock": 5 or 17; none for "45:30")."""
    hour, minute, suffix, hour24, minute24, word = match.groups()
    if word is not None:
        return {12 * 60} if word.lower() in ("noon", "midday") else {0, 24 * 60}
    if hour24 is not None:
        h, m = int(hour24), int(minute24)
        if h > 23 or m > 59:
            return set()
        return {h * 60 + m} if h >= 12 or h == 0 else {h * 60 + m, (h + 12) * 60 + m}
    h = int(hour) if hour.isdigit() else _HOUR_WORDS[hour.lower()]
    m = int(minute) if minute else 0
    tag = suffix.lower().replace(".", "").replace(" ", "")
    if tag == "am" or tag == "inthemorning":
        return {(h % 12) * 60 + m}
    if tag in ("pm", "intheafternoon", "intheevening"):
        return {(h % 12 + 12) * 60 + m}
    return {(h % 12) * 60 + m, (h % 12 + 12) * 60 + m}


class OpeningTimesCheck:
    """Whether a reply's chunk states opening times the practice profile does not have.

    Args:
        practice: The tenant's practice profile.
    """

    def __init__(self, practice: PracticeProfile) -> None:
        self._by_day: list[set[int]] = []
        for day in WEEKDAYS:
            self._by_day.append(_boundaries(getattr(practice.hours, day)))
        # A dated exception's times count where no weekday is named, or where the chunk
        # names the exception ("on Christmas Eve we close at noon").
        self._dated: list[tuple[str, set[int]]] = [
            ((exception.note or "").lower(), _boundaries(exception.hours))
            for exception in practice.hours.exceptions]
        self.true_line = practice.week()
        """The profile's regular week, said instead of a reply that got it wrong."""

    def contradicts(self, chunk: str) -> bool:
        """``chunk`` speaks of opening and states a time that is no opening or closing time
        of the days it names (of any day or dated exception, if it names none)."""
        if not _ABOUT_OPENING.search(chunk):
            return False
        days: tuple[int, ...] = tuple(range(7))
        lowered = chunk.lower()
        for part in _PARTS.split(chunk):
            named = [i for m in _DAY.finditer(part) for i in _day_indexes(m.group(1))]
            if named:
                days = tuple(named)
            allowed = set().union(*(self._by_day[i] for i in days))
            for note, times in self._dated:
                if len(days) == 7 or (note and note in lowered):
                    allowed |= times
            for match in _TIME.finditer(part):
                if not minutes_said(match) & allowed:
                    return True
        return False


def _boundaries(spans: list[str]) -> set[int]:
    """Every opening and closing minute of ``spans`` ("08:00-12:00" -> {480, 720})."""
    return {minutes_of(hhmm) for span in spans for hhmm in span.split("-")}
