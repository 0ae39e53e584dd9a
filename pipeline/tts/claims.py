"""Claims a model's reply makes that are never true of this agent, found before they are voiced.

The agent is an automated assistant on a voice call that can answer, verify a caller, and
put a call through; nothing more. A small model, asked something it cannot answer, fills the
gap with claims that are false whatever the caller asked (all seen on the bundled model in
the hand-off bench):

- ``persona``: it is a person, a doctor, a medical professional, or "not an AI";
- ``screen``: the caller can click, type into a chat window, scroll, copy and paste: there
  is no screen on a phone call;
- ``promise``: it will do something no code behind it does ("I'll make sure to add that",
  "I've booked you in", "someone will call you back", "leave a message").

The system's own lines (the step-up, the hand-off) are trusted and never pass through here.
"""

from __future__ import annotations

import re

_I_AM = r"\bI(?:'m|\s+am)\s+"
_AS_A = r"\bas\s+an?\s+"
_PEOPLE = (r"(?:human(?:\s+being)?|real\s+person|person|doctor|physician|nurse|dentist|"
           r"pharmacist|therapist|medical\s+(?:professional|practitioner|doctor|expert)|"
           r"healthcare\s+(?:professional|provider|worker))\b(?!'s)")
_MACHINES = r"(?:AI|A\.I\.|artificial|robot|bot|chatbot|machine|computer|automated|virtual)\b"

_ACTIONS = (r"(?:send|e-?mail|text|message|call\s+you|ring\s+you|get\s+back|book|schedule|"
            r"reschedule|cancel|note|write|add|return\s+(?:your|the)\s+call|"
            r"make\s+(?:a\s+note|sure)|remember|record|arrange|update|keep\s+an\s+eye|"
            r"follow\s+up|check\s+(?:with|back)|"
            r"forward\s+(?:your|the|this|that)\s+(?:message|note|details|request|question|e-?mail)|"
            r"pass\s+(?:it|this|that|your|the|on|along)|"
            r"let\s+(?:the|your|them|him|her|someone|somebody|our)|"
            r"have\s+(?:someone|somebody|(?:the|a|our)\s+\w+)\s+(?:call|ring|phone|contact|"
            r"get\s+back|e-?mail|text))\b")
_DONE = (r"(?:sent|e-?mailed|texted|messaged|booked|scheduled|rescheduled|cancell?ed|noted|"
         r"added|updated|passed|forwarded|arranged|recorded|made\s+a\s+note|let\s+\w+\s+know)\b")

CLAIMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("persona", re.compile(
        rf"{_I_AM}(?:also\s+|just\s+|actually\s+)?(?:(?:an?|the)\s+(?:\w+\s+)?)?{_PEOPLE}"
        rf"|{_I_AM}not\s+(?:an?\s+|the\s+)?{_MACHINES}"
        rf"|{_AS_A}{_PEOPLE}", re.IGNORECASE)),
    # (a phone has a keypad: "type the code on your keypad", "tap the star key" are true)
    ("screen", re.compile(
        r"\bclick(?:ing|s)?\s+(?:on|the|here|this|that|a)\b|\bchat\s*(?:window|box)\b"
        r"|\bin(?:to)?\s+the\s+chat\b|\bscroll(?:ing)?\b"
        r"|\bdrop-?down\b|\bcopy\s+and\s+paste\b|\btext\s*box\b"
        r"|\btyp(?:e|ing)\s+(?:it|this|that|them|in|into|out|your|the|a)\b"
        r"(?!.*\b(?:keypad|keys?|dial\s*pad|digits?)\b)", re.IGNORECASE)),
    ("promise", re.compile(
        rf"\bI(?:'ll|\s+will|\s+can|'m\s+going\s+to|\s+am\s+going\s+to)\s+(?:also\s+|just\s+|"
        rf"certainly\s+|gladly\s+|be\s+sure\s+to\s+)?{_ACTIONS}"
        rf"|\bI(?:'ve|\s+have)\s+(?:just\s+|already\s+|now\s+)?{_DONE}"
        r"|\b(?:someone|somebody|we|they|the\s+(?:doctor|nurse|team|office|practice))"
        r"(?:\s+(?:from|at|in|on)\s+(?:the\s+)?\w+)?"
        r"(?:\s+will|'ll|\s+is\s+going\s+to|\s+are\s+going\s+to)\s+(?:\w+\s+){0,3}"
        r"(?:call|ring|get\s+back|contact|e-?mail|text|reach\s+out)\b"
        r"|(?<!n't\s)(?<!cannot\s)(?<!not\s)\bleave\s+(?:a|your|me\s+a|us\s+a)\s+"
        r"(?:message|voicemail|voice\s+mail)\b",
        re.IGNORECASE)),
)

# What the agent says instead, when a claim is the reply's first sentence; a category not
# here gets the guard's polite "ask that another way".
TRUE_LINES: dict[str, str] = {"persona": "I'm this practice's automated assistant."}


def untrue_claim(text: str) -> str | None:
    """The kind of untrue claim ``text`` makes (``"persona"``, ``"screen"``, ``"promise"``),
    or ``None``.

    Args:
        text: One chunk of a model's reply.
    """
    # the model's curly apostrophes; commas, which set off asides ("will, first thing
    # tomorrow, call you back")
    text = re.sub(r",\s*", " ", text.replace("\u2019", "'"))
    for category, pattern in CLAIMS:
        if pattern.search(text):
            return category
    return None
