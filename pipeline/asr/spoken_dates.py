"""Dates as callers say them ("March fifth, nineteen eighty-two", "the 5th of March 82",
"03/05/1982", "oh three oh five eighty-two") turned into ISO dates.

Used by digit mode when the dialogue asks for a date of birth.
"""

from __future__ import annotations

import datetime as dt
import re

from verivoice.pipeline.asr.spoken_numbers import TEENS, TENS, UNITS, spoken_to_digits

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9,
}
_ORDINAL_TEENS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}
_WORD_RE = re.compile(r"\d+(?:st|nd|rd|th)?|[a-z]+")


def _day_from(words: list[str], i: int) -> tuple[int | None, int]:
    """Read a day of the month at ``words[i]``: "5", "5th", "fifth", "twenty-first", "21"."""
    if i >= len(words):
        return None, i
    w = words[i]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", w)
    if m:
        return int(m.group(1)), i + 1
    if w in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[w], i + 1
    if w in _ORDINAL_TEENS:
        return _ORDINAL_TEENS[w], i + 1
    if w in ("twenty", "thirty") and i + 1 < len(words):
        nxt = words[i + 1]
        if nxt in _ORDINAL_UNITS:
            return TENS[w] + _ORDINAL_UNITS[nxt], i + 2
        if nxt in UNITS and UNITS[nxt] > 0 and nxt not in ("oh", "o"):
            return TENS[w] + UNITS[nxt], i + 2
    if w in UNITS and UNITS[w] > 0 and w not in ("oh", "o"):
        return UNITS[w], i + 1
    if w in TEENS:
        return TEENS[w], i + 1
    return None, i


def _year_from_digits(digits: str, today: dt.date) -> int | None:
    if len(digits) == 4:
        return int(digits)
    if len(digits) == 2:  # "eighty-two": the most recent past year with those digits
        year = 2000 + int(digits)
        return year if year <= today.year else year - 100
    return None


def _valid(year: int | None, month: int | None, day: int | None, today: dt.date) -> str | None:
    if year is None or month is None or day is None:
        return None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if date > today or date.year < today.year - 130:  # a date of birth
        return None
    return date.isoformat()


def spoken_to_date(text: str, *, today: dt.date | None = None, month_first: bool = True) -> str | None:
    """Return the ISO date a caller said in ``text``, or ``None`` when none is clear.

    Args:
        text: A transcript.
        today: Reference for two-digit years and for refusing future dates of birth.
        month_first: How to read an all-numeric date ("03/05/1982"): US order by default.
    """
    today = today or dt.date.today()
    lowered = text.lower().replace("-", " ")
    words = [w for w in _WORD_RE.findall(lowered) if w not in ("the", "of", "on")]
    for i, w in enumerate(words):
        if w not in MONTHS:
            continue
        month = MONTHS[w]
        # "March fifth 1982" / "March the fifth, 82"
        day, j = _day_from(words, i + 1)
        if day is not None:
            year = _year_from_digits(spoken_to_digits(" ".join(words[j:])), today)
            return _valid(year, month, day, today)
        # "the fifth of March 1982": day before the month
        if i > 0:
            for k in (i - 2, i - 1):
                if k < 0:
                    continue
                day, end = _day_from(words, k)
                if day is not None and end == i:
                    year = _year_from_digits(spoken_to_digits(" ".join(words[i + 1 :])), today)
                    return _valid(year, month, day, today)
        return None
    # All numeric: "03/05/1982", "oh three oh five eighty-two", "3 5 82".
    digits = spoken_to_digits(text)
    if len(digits) in (6, 8):
        first, second, year_digits = digits[:2], digits[2:4], digits[4:]
        month, day = (int(first), int(second)) if month_first else (int(second), int(first))
        return _valid(_year_from_digits(year_digits, today), month, day, today)
    return None
