"""What the agent's text sounds like: numbers read the way callers need, codes never read.

The LLM writes for the eye ("555-123-4567", "$1,234.50", "2024-03-07", markup, emoji); Piper's
phonemiser would read those as "five hundred fifty-five minus ...". :class:`SpeechText`
rewrites each chunk before synthesis:

- phone numbers digit by digit in their groups ("five five five, one two three, ..."),
  other long digit strings (account, member numbers) digit by digit in groups;
- dates as dates ("March seventh, nineteen eighty-four");
- amounts as amounts ("one thousand two hundred thirty-four dollars and fifty cents");
- tags, control characters, markdown and emoji dropped; a few symbols spoken as words.

A value the auth layer has marked as a one-time code (:class:`ProtectedValues`) is never
voiced, in whatever form it appears (numerals, spaced, spelt out, across two chunks):
:meth:`SpeechText.render` raises :class:`WithheldText` instead, and the error never holds it.
"""

from __future__ import annotations

import calendar
import html
import re
import unicodedata

from num2words import num2words

from verivoice.pipeline.asr.spoken_numbers import spoken_to_digits
from verivoice.pipeline.contracts import ProtectedValues, WithheldText

DIGIT_NAMES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
               "£": ("pound", "pounds", "penny", "pence")}

_TAG = re.compile(r"<[^<>]{0,200}>")
_MARKDOWN = re.compile(r"[*_`#~|]+|\[(?=[^\]]*\]\()|\]\([^)]*\)")
_AMOUNT = re.compile(r"([$€£])\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_NAMED_DATE = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})(?:[\s.-]\d{2,4}){1,4}(?![\w])"
    r"|(?<![\w+])\+?\d{10,15}(?!\w)")
_LONG_NUMBER = re.compile(r"(?<![\w.,])\d{5,}(?![\w]|[.,]\d)")
_SYMBOLS = {"&": " and ", "%": " percent", "@": " at ", "+": " plus ", "=": " equals ",
            "°": " degrees", "/": " / "}


def digits_aloud(digits: str) -> str:
    return " ".join(DIGIT_NAMES[int(d)] for d in digits if d.isdigit())


def _groups_aloud(groups: list[str]) -> str:
    return ", ".join(digits_aloud(g) for g in groups if g)


def _phone_aloud(match: re.Match[str]) -> str:
    raw = match.group(0)
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 7:
        return raw  # "3 4 5" or a time: not a phone number
    groups = re.findall(r"\d+", raw)
    if len(groups) == 1:  # written solid: group it the way it is usually read
        solid = groups[0]
        if len(solid) == 10:
            groups = [solid[:3], solid[3:6], solid[6:]]
        elif len(solid) == 11 and solid.startswith("1"):
            groups = [solid[0], solid[1:4], solid[4:7], solid[7:]]
        else:
            groups = [solid[i:i + 3] for i in range(0, len(solid) - 4, 3)] + [solid[-4:]]
    prefix = "plus " if raw.lstrip().startswith("+") else ""
    return prefix + _groups_aloud(groups)


def _long_number_aloud(match: re.Match[str]) -> str:
    digits = match.group(0)
    size = 4 if len(digits) % 4 == 0 else 3
    return _groups_aloud([digits[i:i + size] for i in range(0, len(digits), size)])


def _date_aloud(year: int | None, month: int, day: int) -> str | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    spoken = f"{calendar.month_name[month]} {num2words(day, to='ordinal')}"
    if year is not None:
        spoken += f", {num2words(year, to='year')}"
    return spoken


def _amount_aloud(match: re.Match[str]) -> str:
    one, many, cent, cents = _CURRENCIES[match.group(1)]
    whole = int(match.group(2).replace(",", ""))
    fraction = int((match.group(3) or "0").ljust(2, "0"))
    parts = []
    if whole or not fraction:
        parts.append(f"{num2words(whole).replace(',', '')} {one if whole == 1 else many}")
    if fraction:
        parts.append(f"{num2words(fraction)} {cent if fraction == 1 else cents}")
    return " and ".join(parts)


def clean_markup(text: str) -> str:
    """Drop tags, markdown, control characters and emoji; keep words and punctuation."""
    text = unicodedata.normalize("NFKC", html.unescape(text))  # fullwidth digits -> ASCII
    text = _TAG.sub(" ", text)
    text = _MARKDOWN.sub(" ", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\n\r\t":
            kept.append(" ")
        elif category[0] == "C" or category in ("So", "Sk", "Cs") or 0xFE00 <= ord(char) <= 0xFE0F:
            continue  # control, format, private-use and unassigned characters; emoji, symbols
        else:
            kept.append(char)
    return "".join(kept)


def numbers_aloud(text: str, *, day_first: bool = False) -> str:
    """Rewrite amounts, dates, phone numbers and long digit strings as words."""
    text = _AMOUNT.sub(_amount_aloud, text)

    def iso(m: re.Match[str]) -> str:
        return _date_aloud(int(m.group(1)), int(m.group(2)), int(m.group(3))) or m.group(0)

    def slash(m: re.Match[str]) -> str:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        month, day = (b, a) if day_first else (a, b)
        return _date_aloud(year, month, day) or m.group(0)

    def named(m: re.Match[str]) -> str:
        year = int(m.group(3)) if m.group(3) else None
        return _date_aloud(year, _MONTHS[m.group(1).lower()], int(m.group(2))) or m.group(0)

    text = _ISO_DATE.sub(iso, text)
    text = _SLASH_DATE.sub(slash, text)
    text = _NAMED_DATE.sub(named, text)
    text = _PHONE.sub(_phone_aloud, text)
    return _LONG_NUMBER.sub(_long_number_aloud, text)


def symbols_aloud(text: str) -> str:
    for symbol, words in _SYMBOLS.items():
        text = text.replace(symbol, words)
    return text


class SpeechText:
    """One call's text-to-speech rewriting, with its protected values.

    Args:
        protected: The values the auth layer has marked as codes for this call.
        day_first: Read "07/03/1984" as 7 March (else as July 3).
    """

    def __init__(self, protected: ProtectedValues | None = None, *, day_first: bool = False):
        self.protected = protected or ProtectedValues()
        self._day_first = day_first
        self._tail = ""  # the last digits spoken this turn (a code split over two chunks)

    def start_turn(self) -> None:
        self._tail = ""

    def render(self, text: str) -> str:
        """The chunk as Piper should read it ("" when nothing is speakable).

        Raises:
            WithheldText: the chunk (with the digits just before it) holds a protected value.
        """
        text = clean_markup(text)
        stream = self._tail + _digit_stream(text)
        if self.protected.found_in(stream):
            self._tail = ""
            raise WithheldText("a protected value (one-time code) was withheld from speech")
        keep = max(self.protected.longest - 1, 0)
        self._tail = stream[-keep:] if keep else ""
        text = symbols_aloud(numbers_aloud(text, day_first=self._day_first))
        text = re.sub(r"\s+([,.!?;:])", r"\1", re.sub(r"\s+", " ", text)).strip()
        return text if any(c.isalnum() for c in text) else ""


def _digit_stream(text: str) -> str:
    """Every digit the text would voice, numerals and spoken digits alike, in order."""
    try:
        spoken = spoken_to_digits(text.lower())
    except Exception:
        spoken = ""
    numerals = "".join(c for c in text if c.isdigit())
    return spoken if len(spoken) >= len(numerals) else numerals
