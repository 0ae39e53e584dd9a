"""The practice profile: the tenant's own facts, from one YAML file, never from the model.

One file (``VERIVOICE_PRACTICE__PROFILE``; the documented example ``practice.example.yaml``
beside this module is the default) holds the practice's name, time zone, opening hours per
weekday with dated exceptions, address, services, greeting, and the staff a call can be
handed to, with their own hours. :func:`load_profile` validates it with pydantic: a bad file
stops start-up with the field and the line named, and nothing is half-loaded.

:class:`PracticeProfile` answers the common questions (hours today, on a given day, open
now, the address) as plain sentences in the practice's time zone: the hours a caller hears
are the profile's.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$")


class ProfileError(ValueError):
    """The profile file cannot be used; the message names the file, field and line."""


def _span(value: str) -> str:
    m = _SPAN.match(value.replace(" ", ""))
    if not m:
        raise ValueError(f"{value!r} is not an opening span like '08:00-17:30'")
    start, end = (int(m[1]) * 60 + int(m[2])), (int(m[3]) * 60 + int(m[4]))
    if end <= start or end > 24 * 60:
        raise ValueError(f"{value!r} ends before it starts")
    return value.replace(" ", "")


Span = Annotated[str, AfterValidator(_span)]


def minutes_of(hhmm: str) -> int:
    """'17:30' -> 1050: minutes after midnight."""
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _spoken_time(hhmm: str) -> str:
    """'08:00' -> '8 AM', '17:30' -> '5:30 PM', '12:00' -> 'noon'."""
    minutes = minutes_of(hhmm)
    if minutes in (12 * 60, 24 * 60):
        return "noon" if minutes == 12 * 60 else "midnight"
    h, m = divmod(minutes, 60)
    suffix = "AM" if h < 12 else "PM"
    h = h % 12 or 12
    return f"{h} {suffix}" if m == 0 else f"{h}:{m:02d} {suffix}"


def spoken_spans(spans: list[str]) -> str:
    """'from 8 AM to noon and from 1 PM to 5 PM'."""
    parts = [f"from {_spoken_time(s.split('-')[0])} to {_spoken_time(s.split('-')[1])}"
             for s in spans]
    return " and ".join(parts)


class DatedHours(BaseModel):
    """A dated change to the week: a holiday (closed) or special hours."""

    model_config = ConfigDict(extra="forbid")

    date: dt.date
    closed: bool = False
    hours: list[Span] = Field(default_factory=list)
    note: str | None = Field(None, description='Said with it, e.g. "for Christmas Day".')

    @model_validator(mode="after")
    def _closed_or_hours(self) -> DatedHours:
        if self.closed and self.hours:
            raise ValueError("an exception is either closed or has hours, not both")
        if not self.closed and not self.hours:
            raise ValueError("an exception needs `closed: true` or its `hours`")
        return self


class Hours(BaseModel):
    """Opening spans per weekday (an empty list or a missing day: closed), and exceptions."""

    model_config = ConfigDict(extra="forbid")

    monday: list[Span] = Field(default_factory=list)
    tuesday: list[Span] = Field(default_factory=list)
    wednesday: list[Span] = Field(default_factory=list)
    thursday: list[Span] = Field(default_factory=list)
    friday: list[Span] = Field(default_factory=list)
    saturday: list[Span] = Field(default_factory=list)
    sunday: list[Span] = Field(default_factory=list)
    exceptions: list[DatedHours] = Field(default_factory=list)

    def on(self, day: dt.date) -> tuple[list[str], str | None]:
        """The spans open on ``day`` and the exception's note, if one applies."""
        for exception in self.exceptions:
            if exception.date == day:
                return ([] if exception.closed else list(exception.hours)), exception.note
        return list(getattr(self, WEEKDAYS[day.weekday()])), None


class HandoffTarget(BaseModel):
    """Staff a call can be passed to. The number is never spoken or logged: the name is."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=2, description='Spoken, e.g. "the front desk".')
    number: str = Field(..., description="E.164 number or a SIP URI (sip:desk@pbx.example).")
    hours: Hours | Literal["practice", "always"] = Field(
        "practice", description="When it answers: the practice's hours, always, or its own.")
    caller_id: str | None = Field(None, description="Caller ID shown to staff (E.164).")

    @field_validator("number")
    @classmethod
    def _dialable(cls, value: str) -> str:
        if not (re.fullmatch(r"\+[1-9]\d{6,14}", value) or re.fullmatch(r"sips?:[^\s@]+@[^\s]+", value)):
            raise ValueError("must be an E.164 number (+15551234567) or a SIP URI")
        return value


class PracticeProfile(BaseModel):
    """The practice the agent answers for."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=2)
    timezone: str = Field(..., description="IANA time zone, e.g. America/New_York.")
    address: str = Field(..., min_length=5)
    greeting: str = Field(..., min_length=5)
    services: list[str] = Field(default_factory=list)
    emergency_number: str | None = Field(
        None, pattern=r"^\d{2,4}$", description="The local emergency number (911, 999, 112): "
        "the one number the agent may give that no other fact states.")
    hours: Hours
    handoff: dict[str, HandoffTarget] = Field(
        default_factory=dict, description="Targets by key: front_desk, billing, after_hours ...")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.zone)

    def is_open(self, at: dt.datetime | None = None, hours: Hours | None = None) -> bool:
        """Whether ``hours`` (default: the practice's) are open at ``at`` (default: now)."""
        at = (at or self.now()).astimezone(self.zone)
        spans, _note = (hours or self.hours).on(at.date())
        minute = at.hour * 60 + at.minute
        return any(minutes_of(s.split("-")[0]) <= minute < minutes_of(s.split("-")[1])
                   for s in spans)

    def hours_on(self, day: dt.date, *, today: dt.date | None = None) -> str:
        """One sentence: the practice's hours on ``day``."""
        today = today or self.now().date()
        spans, note = self.hours.on(day)
        when = ("today" if day == today else "tomorrow" if day == today + dt.timedelta(days=1)
                else f"on {day.strftime('%A')}" if 0 < (day - today).days < 7
                else f"on {day.strftime('%A, %B')} {day.day}")
        why = f", for {note}" if note else ""
        if not spans:
            return f"We're closed {when}{why}."
        verb = "We're open" if day >= today else "We were open"
        return f"{verb} {when} {spoken_spans(spans)}{why}."

    def hours_on_weekday(self, weekday: Weekday, *, now: dt.datetime | None = None) -> str:
        """The hours on the next ``weekday`` (today counts), exceptions included."""
        now = (now or self.now()).astimezone(self.zone)
        ahead = (WEEKDAYS.index(weekday) - now.weekday()) % 7
        return self.hours_on(now.date() + dt.timedelta(days=ahead), today=now.date())

    def open_now(self, *, now: dt.datetime | None = None) -> str:
        now = (now or self.now()).astimezone(self.zone)
        spans, _note = self.hours.on(now.date())
        if self.is_open(now):
            minute = now.hour * 60 + now.minute
            closes = next(s.split("-")[1] for s in spans
                          if minutes_of(s.split("-")[0]) <= minute < minutes_of(s.split("-")[1]))
            return f"Yes, we're open now, until {_spoken_time(closes)} today."
        return f"We're closed right now. {self.next_opening(now=now)}"

    def next_opening(self, *, now: dt.datetime | None = None, hours: Hours | None = None,
                     who: Literal["We", "They"] = "We") -> str:
        """When ``hours`` (default: the practice's) next open: "We open again on Monday at 8 AM."."""
        now = (now or self.now()).astimezone(self.zone)
        minute = now.hour * 60 + now.minute
        for ahead in range(0, 15):
            day = now.date() + dt.timedelta(days=ahead)
            spans, _note = (hours or self.hours).on(day)
            for s in spans:
                start = minutes_of(s.split("-")[0])
                if ahead > 0 or start > minute:
                    when = ("today" if ahead == 0 else "tomorrow" if ahead == 1
                            else f"on {day.strftime('%A')}")
                    return f"{who} open again {when} at {_spoken_time(s.split('-')[0])}."
        return f"{who} have no opening hours set for the next two weeks."

    def week(self) -> str:
        """The regular week in one or two sentences (exceptions aside)."""
        groups: list[tuple[list[str], list[str]]] = []
        for day in WEEKDAYS:
            spans = getattr(self.hours, day)
            if groups and groups[-1][1] == spans:
                groups[-1][0].append(day)
            else:
                groups.append(([day], spans))
        parts = []
        for days, spans in groups:
            joiner = " and " if len(days) == 2 else " to "
            label = days[0].title() if len(days) == 1 else f"{days[0].title()}{joiner}{days[-1].title()}"
            parts.append(f"{label}, {spoken_spans(spans)}" if spans else f"{label}, closed")
        return "Our hours are: " + "; ".join(parts) + "."

    def prompt_facts(self) -> str:
        """The practice's facts for the model's system prompt, so that what it says about
        the practice is the profile's and not its own invention."""
        services = ", ".join(self.services) if self.services else "not listed"
        emergency = (f" In an emergency, callers should hang up and dial {self.emergency_number}."
                     if self.emergency_number else "")
        return (f" You answer the phone for {self.name}. Its address: {self.address}. Its "
                f"services: {services}.{emergency} {self.week()} If you are asked about the "
                "practice and "
                "the answer is not here, say you don't know; never make up a name, a time or "
                "a price.")

    def address_line(self) -> str:
        return f"We're at {self.address}."

    def target_opening(self, key: str, *, now: dt.datetime | None = None) -> str:
        """When hand-off target ``key`` next answers, as a sentence."""
        target = self.handoff[key]
        if target.hours == "practice":
            return self.next_opening(now=now)
        if target.hours == "always":
            return "They answer at any time."
        return self.next_opening(now=now, hours=target.hours, who="They")

    def target_open(self, key: str, *, now: dt.datetime | None = None) -> bool:
        """Whether hand-off target ``key`` answers now."""
        target = self.handoff[key]
        if target.hours == "always":
            return True
        return self.is_open(now, None if target.hours == "practice" else target.hours)


def practice_profile(path: Path | str | None) -> PracticeProfile:
    """The configured profile (``VERIVOICE_PRACTICE__PROFILE``), or the shipped example.

    Raises:
        ProfileError: the file is missing or invalid (start-up stops).
    """
    return load_profile(path or default_profile_path())


def default_profile_path() -> Path:
    """The documented example that ships with the package."""
    return Path(str(resources.files("verivoice").joinpath("practice.example.yaml")))


def _line_of(node: yaml.Node, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the YAML node at pydantic's error location ``loc``."""
    line = node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            if match is None:
                return line
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def load_profile(path: Path | str) -> PracticeProfile:
    """Read and validate a profile; every problem raises :class:`ProfileError`.

    Raises:
        ProfileError: unreadable, not YAML, or invalid (the message names each bad field
            with its line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"practice profile {path}: cannot read it ({exc.strerror})") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ProfileError(f"practice profile {path}: not valid YAML{where}") from exc
    if not isinstance(data, dict) or node is None:
        raise ProfileError(f"practice profile {path}: expected a mapping of fields at the top")
    try:
        return PracticeProfile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
            field = ".".join(str(p) for p in loc) or "(top)"
            line = _line_of(node, loc)
            problems.append(f"  {field} (line {line}): {error['msg']}")
        raise ProfileError(f"practice profile {path} is invalid:\n" + "\n".join(problems)) from exc
