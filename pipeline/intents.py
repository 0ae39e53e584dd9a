"""What the caller is asking for, decided by rules over the transcript, not by the model.

Whether a request for protected data reaches the step-up must not depend on a language
model's judgement: a 135M model rarely calls a tool, and even a 7-8B model sometimes answers
instead. :func:`classify` reads one transcript and names the request it makes, if it makes
one of the kinds below; the code then acts on it (:class:`~verivoice.pipeline.router.RequestRouter`).

The rules look for a topic (a balance, an appointment, results, a prescription, the
caller's records) said about the caller themselves ("my", "I owe", "do I have"), so that a
general question about the practice ("how much does a cleaning cost", "do you do blood
tests", "how do I book an appointment") stays with the model. They are phrase patterns,
chosen because they are auditable, instant and deterministic; docs/routing.md has the
trade-offs against a routing tool or a classifier, and the measured figures.
"""

from __future__ import annotations

import re

from verivoice.pipeline.concepts import (
    LEFT_TO_PAY,
    NOT_IN_A_CLAUSE_OF_TIME,
    SAME_CLAUSE_WORD,
    WHEN_I_COME_AGAIN,
    about_people,
    asks_for_person,
    asks_overview,
    cancels_notices,
    general_question,
    protected_request,
    whole_record,
)
from verivoice.pipeline.contracts import Request, Routed

__all__ = ["Request", "Routed", "asks_something", "classify", "normalise", "understand"]

_CONTRACTIONS = {
    "what's": "what is", "when's": "when is", "where's": "where is", "i'd": "i would",
    "i'm": "i am", "i've": "i have", "i'll": "i will", "can't": "cannot", "don't": "do not",
    "didn't": "did not", "haven't": "have not", "hasn't": "has not", "isn't": "is not",
    "wanna": "want to", "gonna": "going to", "how's": "how is", "there's": "there is",
    "won't": "will not", "couldn't": "could not", "wouldn't": "would not", "doesn't": "does not",
    "aren't": "are not", "wasn't": "was not", "it's": "it is", "that's": "that is",
    "you're": "you are", "we're": "we are", "we've": "we have", "who's": "who is",
    "you'd": "you would", "we'd": "we would", "they'd": "they would", "you'll": "you will",
    "we'll": "we will", "they'll": "they will", "it'll": "it will", "let's": "let us",
    "they're": "they are", "you've": "you have", "they've": "they have", "shouldn't": "should not",
    "mustn't": "must not", "needn't": "need not", "weren't": "were not", "i'd've": "i would have",
    "she'd": "she would", "he'd": "he would", "she'll": "she will", "he'll": "he will",
    "it'd": "it would", "that'd": "that would", "who'd": "who would", "there'd": "there would",
}


_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third"}


def normalise(text: str) -> str:
    """Lower case, plain apostrophes, contractions spelled out, no punctuation."""
    text = text.lower().replace("\u2019", "'").replace("-", " ")
    words = [_CONTRACTIONS.get(w, w) for w in re.findall(r"[a-z0-9']+", text)]
    words = [w[:-2] if w.endswith("'s") else w for w in words]  # "tomorrow's" -> "tomorrow"
    words = [_ORDINALS.get(w, w) for w in words]  # the recogniser writes "1st visit"
    return " ".join(w.replace("'", "") for w in words)


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# The caller speaking about themselves (or their family's shared account).
_SELF = r"\b(?:my|mine|our|me|i|we|us)\b"
_MINE = r"\b(?:my|our|mine)\b"

# Who a caller may ask for. Staff that answer a phone, and (after "talk to") clinicians.
_STAFF = (r"(?:someone|somebody|anyone|anybody|person|persons|people|human|humans|human being|staff|"
          r"receptionist|reception|representative|representatives|rep|operator|agent|agents|"
          r"front desk|front office|billing|billing department|billing office|scheduling|"
          r"customer service|manager|office manager|member of staff|staff member|team member|"
          r"your team|the office)")
_CLINICIAN = r"(?:nurse|nurses|doctor|dr|physician|hygienist|dental hygienist)"
# What staff have rather than are: "the front desk hours", "the scheduling link", "a billing code".
_NOT_A_PERSON = (r"(?! (?:\w+ )?(?:hours|number|address|open|opens|close|closes|appointment|visit|"
                 r"shot|note|link|code|letter|form|details|signature|page|website|portal|app|"
                 r"email|fax|report)\b)")

_HANDOFF = _any(
    # "can I talk to someone", "put me through to the front desk", "speak with Dr. Patel"
    # (within one clause: not "do you put off appointments when the doctor is sick")
    # (not "do you put people to sleep for the work": sedation)
    rf"\b(?:speak|speaking|talk|talking|chat|connect|transfer|transferred|pass|reach|"
    rf"put(?! (?:\w+ )?(?:people|patients|children|kids|them|someone|anyone|somebody|anybody) "
    rf"(?:to sleep|under|out|off)\b))\b"
    rf"(?: {SAME_CLAUSE_WORD}){{0,5}} \b(?:{_STAFF}|{_CLINICIAN})\b{_NOT_A_PERSON}",
    # "can I get a real person", "I want a human", "I need the front desk"
    # (not in a clause of time: "how many refills before I need to see someone")
    rf"{NOT_IN_A_CLAUSE_OF_TIME}\b(?:get|have|want|need) (?:{SAME_CLAUSE_WORD} ){{0,2}}"
    rf"(?:a |an |the )?(?:real |live |actual )?{_STAFF}\b{_NOT_A_PERSON}",
    r"\btransfer (?:me|us|my call|this call)\b",
    r"\b(?:real|live|actual) (?:person|people|human|humans|agent|agents|operator)\b",
    # "is there someone I can talk to", "a person I could speak with"
    rf"\b{_STAFF} (?:\w+ ){{0,2}}(?:i|we) (?:can|could|may) (?:talk|speak|chat)\b",
    # the whole turn names who they want: "agent, please", "representative", "front desk"
    rf"^(?:(?:hi|hello|yes|yeah|um|uh|okay|ok|so|just) )*(?:an? |the |a real |a live )?"
    rf"{_STAFF}(?: please)?$",
)

# "Are you a real person?" asks about the agent; it is not a request for one.
_ABOUT_THE_AGENT = re.compile(r"\b(?:are you|is this|am i talking to|am i speaking (?:to|with)) "
                              r"(?:a |an )?(?:real|live|actual|human|person|robot|machine|bot)\b")

_CHANGE_VERB = (r"\b(?:reschedul\w*|cancel|cancell?ing|cancell?ed|postpone\w*|rebook\w*|put off|"
                r"move|moving|change|changing|switch|push (?:it|\w+ \w+) back|bring (?:it|\w+ \w+) "
                r"forward)\b")
_VISIT = (r"\b(?:appointment|appointments|appt|visit|check ?up|booking|consultation|slot|"
          r"physical|cleaning|session|time with)\b")

_CHANGE = _any(
    r"\breschedul\w*\b",
    rf"{_CHANGE_VERB}(?: \w+){{0,4}} {_VISIT}",
    rf"{_VISIT}(?: \w+){{0,4}} \b(?:cancel\w*|reschedul\w*|moved|changed)\b",
    r"\bcancel (?:my|our|it)\b",
    rf"\b(?:cannot|can not|not able to|unable to|will not be able to|not going to) "
    rf"(?:make|come to|attend|keep|get to) (?:my|our|the|that|it to) (?:\w+ ){{0,2}}{_VISIT}",
    # "could you pull my check-up forward", "can't manage Thursday, find me another morning"
    r"\b(?:pull|bring) (?:my|our|it|the|that) (?:\w+ ){0,2}forward\b",
    r"\bfind (?:me|us) (?:another|a different|a later|an earlier) (?:\w+ )?(?:morning|afternoon|"
    r"evening|day|time|slot|date)\b",
    r"\b(?:i|we) (?:cannot|can not|shant|shall not|will not|wont|am not able to|are not able "
    r"to) (?:manage|make) (?:it )?"
    r"(?:on )?(?:this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow)\b",
    # "the time you gave me is no good, put it in the evening instead"
    r"\b(?:time|slot|date|day) you (?:gave|booked|offered|sent) (?:me|us)\b"
    r"(?=.*\b(?:instead|another|different|later|earlier)\b)",
)

_BALANCE = _any(
    rf"{_SELF}(?: \w+){{0,6}} \b(?:owe|owed|owing)\b",
    r"\b(?:owe|owed|owing) (?:you|the practice|the clinic|the office)\b",
    rf"{_MINE}(?: \w+){{0,3}} \b(?:balance|bill|bills|billing|invoice|invoices|statement|"
    r"statements|charges?|copay|co pay|payment|payments|deductible|claim|claims|dues|"
    r"amount due)\b",
    rf"\b(?:balance|outstanding|due(?! in\b)|owing|owed|amount due|past due|overdue|bill|charges?|"
    rf"payment)\b"
    rf"(?: \w+){{0,5}} \b(?:on|for|from|in) {_MINE}\b",
    r"\b(?:pay|paying|settle|clear)\b(?: \w+){0,2} \b(?:my|our|the|this|that)\b(?: \w+){0,2} "
    r"\b(?:bill|balance|invoice|account|statement|copay)\b",
    r"\bhow much (?:is|was) (?:my|our|the) (?:bill|balance|copay|total)\b",
    r"\bwhat (?:is|was) (?:my|our) (?:balance|total)\b",
    r"\bwhat (?:is|was) the balance\b",
    r"\b(?:did|has|was) (?:my|our) (?:payment|check|card) (?:go|gone|come|been|get|got)\b",
    r"\b(?:my|our) (?:account )?balance\b",
    r"\b(?:do|have|did) (?:i|we) (?:\w+ ){0,2}(?:an?|any) (?:\w+ ){0,2}(?:balance|bill|"
    r"payment due|amount due|outstanding)\b",
    r"\bis there (?:\w+ ){0,2}(?:balance|amount|anything) (?:due|outstanding|owing|left to pay)\b",
    rf"{_SELF}(?: \w+){{0,5}} \b(?:anything|something|money|amount|balance)(?: \w+){{0,2}} "
    r"(?:outstanding|owing|owed|due|unpaid|left to pay)\b",
    r"\bhow much (?:should|do|would|will|must|shall) (?:i|we) (?:\w+ ){0,2}pay\b"
    r"(?! for (?:a|an|the|one|each)\b)",
    r"\b(?:make|making) a payment\b",
    # "what I've got left to pay", "the pending amount under my name", "how much was my
    # filling in the end"
    LEFT_TO_PAY,
    r"\b(?:pending|outstanding|remaining|unpaid) (?:amount|sum|dues|balance)\b(?: \w+){0,3} "
    r"(?:under|in|on|against) (?:my|our) (?:name|account)\b",
    r"\b(?:tell|give|send|show) (?:me|us) (?:the |my )?(?:pending|outstanding|remaining|unpaid) "
    r"(?:amount|sum|dues|balance)\b",
    r"\bhow much (?:was|were|did) (?:my|our) (?!(?:tests?|results?|scan|bloods)\b)\w+(?: \w+)? "
    r"(?:cost|come to|in the end|end up|after)\b",
    r"\b(?:i|we) (?:\w+ )?(?:got|received|have|get|had) (?:a|an|this|the|that) (?:\w+ ){0,2}"
    r"(?:bill|statement|invoice|charge)\b",
)

_RESULT_THING = (r"\b(?:tests?|labs?|lab work|bloodwork|blood work|blood tests?|x ?rays?|scans?|"
                 r"mri|ct|ultrasound|biopsy|screening|mammogram|panel|urine test|swab|"
                 r"pap smear|cholesterol|a1c|culture)\b")
_RESULTS = _any(
    rf"{_MINE}(?: \w+){{0,3}} \b(?:results?|findings|lab report|report)\b",
    rf"\b(?:results?|findings)\b(?: \w+){{0,3}} \b(?:of|from|for|on) {_MINE}\b",
    rf"{_MINE}(?: \w+){{0,2}} {_RESULT_THING}(?: \w+){{0,4}} \b(?:back|in|ready|come|came|"
    r"show|showed|shows|say|said|says|find|found|mean|look|looked|results?|done|turn)\b",
    rf"\b(?:about|on|for|of|with|from) {_MINE}(?: \w+){{0,2}} {_RESULT_THING}",
    # "did my swab come back", whatever the recogniser made of the swab ("swap")
    # (not a person, a symptom or a letter: "did my wife come back", "have my headaches come
    # back")
    r"\b(?:did|has|have|is|are) (?:my|our) (?!(?:wife|husband|partner|son|daughter|mum|mom|"
    r"dad|mother|father|child|children|kids?|baby|family|friend|carer|symptoms?|pain|aches?|"
    r"headaches?|migraines?|rash|cough|cold|fever|letter|card|form|payment|cheque|check)\b)"
    r"\w+ (?:come|came) back\b",
    rf"{_SELF}(?: \w+){{0,6}} \b(?:test|lab) results?\b",
    rf"\b(?:i|we) (?:had|did|got|took|gave) (?:\w+ ){{0,2}}{_RESULT_THING}(?: \w+){{0,8}} "
    r"\b(?:show|showed|shows|say|said|says|find|found|come back|came back|back|results?|mean|"
    r"went|go|look|looked|turn out|turned out)\b",
    rf"\bhow (?:did |does |do )?(?:my|our) (?:\w+ )?{_RESULT_THING}(?: \w+)? (?:go|went|turn out|"
    r"turned out|come out|came out|look|looks|looked)\b",
    rf"\b(?:looked at|look at|reviewed|review|checked|check|seen|read) (?:my|our) "
    rf"(?:\w+ )?{_RESULT_THING}",
    # "biopsy back yet?", "bloods in yet?"; "he said he'd send it away, has he heard anything"
    rf"^(?:(?:and|so|um|uh|hi|is|are|my|the|any) )*{_RESULT_THING}(?: results?)? "
    r"(?:back|in|ready) yet\b",
    r"\b(?:he|she|they|doctor|nurse|dentist|gp)(?: \w+){0,3} (?:send|sent|sending) "
    r"(?:it|them|that|this|the \w+|my \w+) (?:away|off)\b(?=.*\b(?:heard|news|word)\b)",
)

_PRESCRIPTIONS = _any(
    # "medicine for my cholesterol": the medicine, not the test
    r"\b(?:medicines?|medications?|meds|tablets?|pills?|inhalers?|creams?|injections?) for "
    r"(?:my|our)\b",
    rf"{_MINE}(?: \w+){{0,3}} \b(?:prescriptions?|medications?|meds|medicines?|pills?|"
    r"tablets?|dosage|dose|refills?|inhaler|insulin|scripts?|rx)\b",
    # terse: "script ready?", "my repeat done yet?"
    r"^(?:(?:is|are|has|have) )?(?:(?:my|me|the|our) )?(?:scripts?|prescriptions?|refills?|"
    r"repeats?|meds|medications?) (?:ready|done|sorted|through|in|gone through)(?: yet| now)?$",
    r"\b(?:prescriptions?|medications?|meds)\b(?: \w+){0,4} \b(?:ready|sent|called in|renewed|"
    r"filled|pick(?:ed)? up|status)\b",
    rf"{_SELF}(?: \w+){{0,4}} \b(?:run out|ran out|running out|renew)\b",
)

_APPOINTMENTS = _any(
    rf"{_MINE}(?: \w+){{0,3}} {_VISIT}",
    r"\b(?:do|have) (?:i|we) (?:\w+ ){0,2}(?:an?|any) (?:\w+ ){0,2}"
    r"(?:appointments?|appt|visit|check ?up|booking)\b",
    r"\b(?:am i|are we|is my|when do i|when will i|what time do i|when am i)\b(?: \w+){0,3} "
    r"\b(?:booked|scheduled|seeing|see|seen|due|coming in|come in|expected|supposed to come)\b",
    r"\bwhen (?:is|was) (?:my|our) (?:next|last|upcoming)\b",
    r"\bwhen (?:am i|are we) (?:\w+ )?next\b",
    WHEN_I_COME_AGAIN,
    r"\b(?:i am|am i|are we|we are) (?:\w+ )?(?:supposed|scheduled|booked|due|meant|expected) "
    r"(?:to|for|in)\b",
    rf"\b(?:i|we) (?:\w+ ){{0,2}}(?:have|got) (?:an?|my|our|any) (?:\w+ ){{0,2}}{_VISIT}",
    rf"\b(?:next|upcoming) (?:appointment|appointments|visit|check ?up)\b(?: \w+){{0,3}} "
    rf"(?:{_SELF}|\bhave\b)",
)

_ACCOUNT = _any(
    rf"{_MINE}(?: \w+){{0,2}} \b(?:account|accounts|records?|file|chart|medical history|"
    r"health history|details|information|info|profile)\b",
    r"\b(?:on file|on record|in your system|in the system) (?:for|about|on) (?:me|us)\b",
    r"\b(?:do you|does the practice|does the clinic) have (?:on file |on record )?(?:for|on|about) "
    r"(?:me|us)\b",
)

# Asking how to do something at the practice, not what is on file: left to the model.
_LOGISTICS = re.compile(
    r"\b(?:bring|wear|park|parking|directions|get there|prepare|fasting|fast|eat|drink|"
    r"how early|arrive|arrival|address|located|wheelchair|accessible|book|make|set up|"
    r"arrange|schedule)\b")

# The order matters: the more specific request wins ("cancel my appointment" is a change).
_RULES: tuple[tuple[Request, re.Pattern[str]], ...] = (
    (Request.CHANGE_APPOINTMENT, _CHANGE),
    (Request.BALANCE, _BALANCE),
    (Request.PRESCRIPTIONS, _PRESCRIPTIONS),
    (Request.TEST_RESULTS, _RESULTS),
    (Request.APPOINTMENTS, _APPOINTMENTS),
    (Request.ACCOUNT, _ACCOUNT),
)
_SOFT = {Request.APPOINTMENTS, Request.ACCOUNT, Request.TEST_RESULTS}  # logistics win over these
_BROAD = {Request.APPOINTMENTS, Request.ACCOUNT}  # a topic often named only in passing


_DAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|"
                  r"tomorrow|weekend|weekends)s?\b")
_HOURS = _any(
    r"\b(?:opening|office|business|your|the) hours\b",
    r"\bhours (?:are you|is the|do you)\b",
    r"\bwhat are (?:the|your) hours\b",
    r"\b(?:are|is) (?:you|the office|the practice|the clinic|your office|it|anyone) "
    r"(?:\w+ )?(?:open|closed)\b",
    r"\bwhat time (?:do|does|will|are) (?:you|the office|the practice|the clinic|it|your office) "
    r"(?:\w+ )?(?:open|close|closing|opening)\b",
    r"\bwhen (?:do|does|will|are) (?:you|the office|the practice|the clinic|it|your office) "
    r"(?:\w+ )?(?:open|close|closing|opening)\b",
    r"\b(?:how late|how early) (?:are you|is the office|do you)\b",
    r"\b(?:open|closed) (?:on|this|next|at the) (?:\w+ )?(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|weekend|weekends)\b",
)
# "the person in charge" is not about a charge.
_BILLING_TOPIC = re.compile(
    r"\b(?:bill|bills|billing|balance|payment|payments|overpa\w+|invoices?|(?<!in )charges?|"
    r"(?:over|double )?charged(?! with)|owe|owing|refund|insurance|statement(?! of fitness)|"
    r"finance|cashier|copay|co pay|excess|deductible|direct debit|receipt|rebate|gap fee|"
    r"fees?|money|paid|cost of (?:my|the|our))\b"
    # accounts, the department ("put me through to accounts"), not "my kids' app accounts"
    r"|(?:^|\b(?:in|to|onto|from|the|your|with) )accounts\b(?! on\b| for\b)"
    r"|\baccounts? (?:team|department|office|people|desk)\b")
_NOW = re.compile(r"\b(?:now|right now|at the moment|currently|still open|yet)\b")
_ADDRESS = _any(
    r"\bwhere (?:are you|is (?:the|your) (?:office|clinic|practice|building))\b",
    r"\b(?:your|the) (?:address|location)\b",
    r"\bwhere (?:are you|is it) located\b",
    r"\bhow (?:do|can) i (?:get|find) (?:to )?(?:you|your office|the office|the clinic|the practice)\b",
)


def _practice_question(said: str) -> Routed | None:
    if _ADDRESS.search(said):
        return Routed(Request.ADDRESS)
    if not _HOURS.search(said):
        return None
    day = _DAY.search(said)
    if day is None:
        return Routed(Request.OPEN_NOW) if _NOW.search(said) else Routed(Request.HOURS)
    name = day[1]
    name = {"tonight": "today", "weekend": "saturday", "weekends": "saturday"}.get(name, name)
    return Routed(Request.HOURS, name)


def understand(text: str) -> Routed | None:
    """What ``text`` asks for, with its day, or ``None`` for the model to answer.

    Protected requests and requests for a person (:func:`classify`) come first; then the
    common questions about the practice (hours on a day, open now, the address).
    """
    request = classify(text)
    if request is Request.HANDOFF:
        billing = _BILLING_TOPIC.search(normalise(text)) is not None
        return Routed(request, topic="billing" if billing else None)
    if request is not None:
        return Routed(request)
    return _practice_question(normalise(text))


def asks_something(text: str) -> bool:
    """``text`` makes a request the code knows, or asks about the practice in general: a
    turn of its own, not the tail of the request before it ("could you check that for me?")."""
    return understand(text) is not None or general_question(normalise(text))


def classify(text: str) -> Request | None:
    """The request ``text`` makes, or ``None`` for anything the model should answer.

    The phrase rules come first; what they do not catch is read by its concepts
    (:mod:`~verivoice.pipeline.concepts`). A request for a person wins over the rest ("can I
    talk to someone about my bill").
    """
    said = normalise(text)
    if not said:
        return None
    if asks_for_person(said, strong_only=True) or (
            _HANDOFF.search(said) and not _ABOUT_THE_AGENT.search(said)
            and not about_people(said)):
        return Request.HANDOFF
    if general_question(said):
        return None
    logistics = _LOGISTICS.search(said) is not None
    phrase = next((request for request, pattern in _RULES
                   if pattern.search(said) and not (logistics and request in _SOFT)), None)
    concept = protected_request(said, asked="?" in text)
    if concept is Request.ACCOUNT and asks_overview(said):
        return concept  # "the overall picture of my account, bills, bookings"
    if phrase in _BROAD and concept is not None and (
            concept not in _BROAD or (concept is Request.ACCOUNT and whole_record(said))):
        # "what I still owe for my visit" is about money, "I'm booked for the third but
        # need to move it" is a change, "a summary of my visits" is the record: a visit or
        # the account named in passing gives way to the more specific topic.
        return concept
    if phrase is not None or concept is not None:
        chosen = phrase or concept
        if chosen is Request.CHANGE_APPOINTMENT and cancels_notices(said):
            return None  # "cancel my appointment reminder texts": the messages, not a visit
        return chosen
    return Request.HANDOFF if asks_for_person(said) else None
