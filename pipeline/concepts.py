"""The second layer of routing: a request recognised by what it is about, not by its wording.

The phrase rules of :mod:`verivoice.pipeline.intents` match whole phrasings ("what is my
balance", "when is my next appointment"). Callers say the same things in endless other
words, and a phrasing the rules have not seen fell through to the model. This layer reads a
transcript as a bag of concepts instead, and names a protected request when all three hold:

1. **a topic** of protected data: money owed, a visit, a change to a visit, results, a
   prescription, the caller's records (word lists below, stems and British variants);
2. **about the caller**: the caller speaks of themselves ("I", "my", "we"), or points at a
   thing of theirs without a pronoun ("results, please", "so what did the x-ray find");
3. **a request**: a question, or a "can you", "I need", "I want to know", "tell me", ...
   ("I had a great visit last time" is about the caller and a visit, but asks nothing);

and the transcript is not a **general question** about the practice ("how long do results
usually take", "do you send reminders", "how do I book", "what's your policy on ...",
"how much does a check-up cost"), which stays with the model whatever its words.

For a request for a person, the concepts are someone to talk to (staff, a nurse, "a
human", "whoever answers the phones") and a verb of reaching them ("talk", "put me
through", "get me", "connect"); "are you a robot" and "is the nurse in today" ask about
people without asking to reach them.

Like the phrase rules, this is code: deterministic, instant, and readable by an auditor.
docs/routing.md says why it was chosen over a sentence-embedding classifier (measured) and
what it scores on wordings it was not written from.
"""

from __future__ import annotations

import re

from verivoice.pipeline.contracts import Request

__all__ = ["about_people", "asks_for_person", "general_question", "names_someone_only",
           "protected_request", "whole_record"]


def _words(*alternatives: str) -> str:
    return r"\b(?:" + "|".join(alternatives) + r")\b"


# -- about the caller ---------------------------------------------------------------------
_SELF = re.compile(_words("i", "me", "my", "mine", "myself", "we", "us", "our", "ours"))


def self_words(said: str) -> set[str]:
    """The words about the caller ("i", "my", "our", ...) a normalised transcript holds."""
    return set(_SELF.findall(said))

# -- a request ------------------------------------------------------------------------------
_REQUEST = re.compile(
    r"^(?:(?:so|and|but|um|uh|hi|hey|hello|yes|yeah|right|okay|ok|oh|sorry|well|just|"
    r"quick question|quick one|hiya|morning|afternoon|there)\s)*"
    r"(?:what|when|where|which|who|how|is|are|was|were|did|do|does|has|have|had|can|could|"
    r"would|will|should|may|might|any|anything|am|scrap|cancel|reschedule|move|check|tell|"
    r"give|send|read|look|find|confirm|put|book|pull|renew|refill|share|kindly)\b"
    r"|" + _words(
        "can you", "could you", "would you", "will you", "can i", "could i", "may i",
        "i need", "i want", "i would like", "i would love", "i wanted", "i am calling",
        "i am ringing", "i am phoning", "calling about", "ringing about", "calling to",
        "ringing to", "phoning to", "i am trying", "trying to", "i was wondering",
        "wondering", "wonder", "i am checking", "checking", "check", "tell me", "let me know",
        "give me", "read me", "read out", "look up", "pull up", "confirm", "please", "need to",
        "want to", "have to", "got to", "gotta", "i am hoping", "hoping", "any news",
        "any word", "not heard", "have not heard", "heard anything", "heard back",
        "find out", "know", "waiting on", "waiting for", "chasing", "yet", "go ahead",
        "remember (?:whether|if|when|what|how much)", "not sure (?:whether|if)",
        "remind me", "want (?:a|an|the|my|our|some|to)",
    )
    # a question by its word order inside a longer turn, where the recogniser wrote no
    # question mark: "they scanned my knee last week, did the doctor find anything"
    + r"|\b(?:did|has|have) (?:the|my|your|our) (?:\w+ ){1,2}(?:spot|spotted|find|found|see|"
    r"seen|say|said|notice|noticed|mention|mentioned|pick|picked|show|showed|report|"
    r"reported)\b"
    # a call promised and not made: "the nurse said she'd ring about my smear and hasn't"
    + r"|\b(?:said|promised|told (?:me|us)) (?:he|she|they|you|someone|somebody) would "
    r"(?:call|ring|phone|get back|let (?:me|us) know|be in touch)\b"
    r"(?=.*\b(?:has not|have not|did not|never|nobody|no one|not yet)\b)"
    # the topic first, then the question: "my smear, did it come back clear", "the bloods
    # from Monday, are they in" (the recogniser often writes no question mark)
    + r"|^(?:my|our|the|that|those|this|these) (?:\w+ ){1,4}(?:did|has|have|is|are|was|were|"
    r"will|can) (?:it|they|that|those|these|them|he|she)\b"
)

#: "need to cancel tomorrow's", "scrap Friday": the caller's own visit, named by its day.
CANCEL_A_DAY = (r"\b(?:cancel|scrap|scratch|call off) (?:for )?(?:today|tomorrow|tonight|monday|"
                r"tuesday|wednesday|thursday|friday|saturday|sunday)\b")
#: "what time do I need to be with you on Friday": the caller's own visit, by its day.
WHAT_TIME_ON_A_DAY = (r"\bwhat time (?:do|should|must|will) (?:i|we) (?:need to |have to |"
                      r"got to )?(?:be|get|come|arrive)(?: \w+){0,3} (?:on )?(?:today|tomorrow|"
                      r"tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")

# -- a general question about the practice (never a protected request) ------------------
_GENERAL = re.compile("|".join((
    # "do you take ...", "does the practice offer ...", "does Dr. Patel see children"
    r"\b(?:do|does) (?:you|you guys|the (?:practice|clinic|office|surgery|doctors?|nurses?|"
    r"lab|pharmacy)|your (?:\w+ )?(?:practice|clinic|office|surgery|doctors?|nurses?|lab)|"
    r"(?:dr|doctor) \w+) (?:\w+ )?(?:do|offer|take|accept|provide|send|charge|bill|see|"
    r"treat|allow|prescribe|give|run|use|require|need|usually|normally|ever|still|handle|"
    r"have(?! (?:on|about|for) (?:me|us|my|our)| on (?:file|record))|"
    r"deal|work|text|email|call|ring|phone|message|contact|notify|remind)\b",
    # "do you cancel appointments when it snows": appointments in general, not the caller's
    r"\b(?:do|does|will|would) (?:you|the (?:practice|clinic|office|surgery|doctors?)) "
    r"(?:\w+ )?(?:cancel|reschedule|postpone|put off|move|rebook|rearrange) "
    r"(?:appointments|visits|bookings|people)\b",
    # "how long do results usually take", "how long does a refill take"
    r"\bhow long (?:do|does|will|would|should|can)\b",
    # how something works: "a question about how billing works", "how do repeat scripts work"
    r"\bhow (?:\w+ ){1,3}(?:works?|working)\b",
    r"\b(?:usually|normally|typically|generally|in general|on average|policy|policies|"
    r"procedure|process for)\b",
    # prices of a service, not the caller's bill: "how much does a check-up cost"
    r"\bhow much (?:does|do|would|will|is) (?:a|an|the|one|each|it) \w+(?: \w+)? "
    r"(?:cost|costs|run|be)\b",
    r"\b(?:cost|costs|price|prices|pricing|fee|fees|rate|rates) (?:of|for) (?:a|an|the)\b",
    r"\bwhat (?:do|does) (?:a|an|the) \w+(?: \w+)? cost\b",
    # booking something new, or how to do something in general
    r"\b(?:book|make|schedule|arrange|set up|get) (?:in )?(?:an?|another|a new|a brand new|one|"
    r"some) (?:brand )?"
    r"(?:new )?(?:appointment|appt|visit|booking|check ?up|consultation|slot|physical|time)\b",
    r"\bhow (?:do|can|would|should|does) (?:i|we|you|one|people|patients|someone|a patient) "
    r"(?:go about |actually )?(?:book|make|schedule|arrange|register|sign up|join|become|"
    r"transfer|get my (?:old )?records|send|request|order|reach|contact|find|"
    r"get (?:on|onto) (?:your|the) (?:books|list|register))\b",
    r"\b(?:new|prospective) patients?\b|\bfirst (?:appointment|visit|consultation)\b",
    r"\b(?:book|make|schedule|get) (?:\w+ )?appointments\b",
    # what anyone must do or may do: "do I need to fast", "can I pay with cash", "should I
    # come in" (advice), "can my husband come in with me"
    r"\b(?:do|will|would) (?:i|we) (?:have|need|got) to (?:pay for|fast|bring|wear|fill|arrive|"
    r"book|make|register|call|ring|phone|give|show|sign|cancel|go|come (?:in )?early)\b",
    r"\bwhen (?:i|we) (?:pay|come|arrive|get there|check in)\b",
    r"\bcan (?:i|we) (?:pay|paying) (?:by|with|in|using|online|over|at|for)\b",
    r"\b(?:do|would|will|should|must) (?:i|we|patients|people) (?:\w+ )?pay (?:up ?front|"
    r"before|after|at the|on the day|in advance|online|by|with|in cash)\b",
    r"\bclaim (?:it|that|them|the \w+) back\b",
    r"\bhow much (?:do|would|will|should) (?:i|we) (?:\w+ ){0,2}pay for (?:a|an|the|one|each)\b",
    # an estimate for a treatment, not the caller's bill: "how much am I in for, roughly,
    # for a crown" (not "... for a filling I had in May", "... for a check-up last
    # Tuesday", nor beside "and what's my balance")
    r"^(?!.*\b(?:had|got|did|done|last|ago|yesterday|earlier)\b)"
    r"(?!.*\bmy (?:current |outstanding |total )?(?:balance|bill|account|statement|invoice)s?\b)"
    r".*?\bhow much (?:am i|are we|will i be|would i be|will we be|would we be) in for\b"
    r"(?: \w+){0,3} for (?:a|an|some) \w+\b",
    r"\bshould (?:i|we) (?:\w+ )?(?:come|book|see|go|get|be seen|wait)\b",
    # may I: "is it okay to come in with my walking frame", "would it be alright if I
    # brought my carer"
    r"\b(?:is it|would it be|will it be|is that) (?:\w+ )?(?:alright|all right|ok|okay|fine|"
    r"allowed|a problem) (?:if (?:i|we) |to )(?:(?:come|came) (?:in |along )?with|"
    r"(?:bring|brought)\b(?! (?:\w+ ){0,3}(?:forward|back|earlier|later)\b))",
    r"\bcan (?:my|a|an|the) (?!\w+ (?:appointment|visit))\w+(?: \w+)? (?:come|bring|attend|join)\b",
    r"\bcan (?:i|we) (?:get|have|book|make|schedule) (?:an?|some|the) (?:\w+ ){0,2}"
    r"(?:vaccines?|jabs?|shots?|appointment|visit|check ?up|physical|test|consultation)\b",
    r"\bwho (?:do|should|can|would) (?:i|we) (?:make|send|pay|write|address|ask|call|contact)\b",
    r"\bhow (?:far ahead|far in advance|much notice|soon|early|late)\b",
    r"\bwhat is the (?:latest|earliest|soonest)\b",
    r"\b(?:park|parking|directions|fasting(?! (?:tests?|bloods?|blood tests?|sugar|glucose|"
    r"lipids?|panel|levels?))|fast before|wheelchair|accessible)\b",
    r"\b(?:how (?:do|can|would|should|to) (?:i |we )?|way to |best to )get there\b",
    r"\b(?:what|should|do|need to|have to|must|can) (?:\w+ ){0,3}(?:bring|wear|prepare)\b"
    r"(?! (?:\w+ ){0,3}(?:forward|back|earlier|later|sooner)\b)",
    # what a word means: "what does balance billing mean" (not "what does my bill mean")
    r"\bwhat (?:does|do) (?:(?!(?:my|our|me|us)\b)\w+ ){1,3}mean\b",
    r"\b(?:walk ins?|walkins?)\b",
    # what a word means: "what's a deductible, actually? I've never understood it"
    r"\bwhat (?:is|are) (?:a|an) (?:\w+ )?(?:deductible|deductibles|copay|co pay|copays|excess|"
    r"premium|statement|invoice|referral|balance billing)\b",
    # the practice's own facts
    r"\b(?:your|the) (?:opening )?(?:hours|address|fax|website|portal|parking|location|email)\b",
    r"\bwhat are (?:your|the)\b",
    r"\b(?:is|are) there (?:any )?(?:parking|a (?:lab|pharmacy|fee|charge|lift|ramp|toilet))\b",
)))

# -- topics ---------------------------------------------------------------------------------
_VISIT = ("appointment", "appointments", "appt", "appts", "visit", "visits", "check up", "exam",
          "exams", "examination",
          "checkup", "check ups", "booking", "bookings", "consultation", "consult", "slot",
          "session", "follow up", "followup", "physical", "jab", "jabs", "injection",
          "review", "spot with", "slot with",
          "vaccination", "vaccine", "scan appointment", "smear", "cleaning", "physio",
          "physiotherapy")
_VISIT_RE = _words(*_VISIT)
_A_VISIT = re.compile(_VISIT_RE)

# The caller's own day moved or missed, with no visit named: "I need to change my date",
# "we can't come on Thursday" (not "I can't come on weekdays": no day of theirs).
_OWN_DAY = (r"\b(?:change|move|switch|shift|swap) (?:my|our) (?:day|date(?! of birth)|"
            r"time(?! zone)|slot)\b"
            r"|\b(?:i|we) (?:cannot|can not|will not be able to|am not able to|are not able to|"
            r"will not|am unable to|are unable to) (?:come|make it|get there|be there|come in|"
            r"get in) (?:on )?(?:this |next |that )?(?:monday|tuesday|wednesday|thursday|friday|"
            r"saturday|sunday|tomorrow|today)\b(?!s)")
_CHANGE = re.compile("|".join((
    _words(r"reschedul\w*", "rebook", "rebooking", "re book", "postpone", "postponing",
           "call off", "push (?:\\w+ ){0,3}back", "bring (?:\\w+ ){0,3}forward",
           "(?:another|a different|a later|an earlier|a sooner) (?:time|day|date|slot|"
           "appointment)", "take (?:me|myself) off", "(?:scratch|cross|strike|rub) (?:me|us) off",
           "swap", "swapping", "swapped", "rearrange", "knock (?:\\w+ ){0,4}on the head",
           # "I've got a clash with my Thursday slot"
           "(?:a clash|clashes|clashing) with (?:my|our)",
           # "can you put my visit off until the week after"
           "put (?:my|our|the|that|this|it) (?:\\w+ ){0,2}off",
           "(?:squeeze|fit|get|slot) (?:me|us) in (?:\\w+ ){0,3}(?:earlier|sooner|later) than"),
    r"\b(?:cancel|cancell?ing|cancell?ed|cancellation of)\b(?! policy| fee)",
    CANCEL_A_DAY,
    r"\b(?:cannot|can not|not able to|unable to|will not be able to|not going to be able to|"
    r"not going to|do not think i can|do not think i will|will not|would not) "
    r"(?:\w+ ){0,2}(?:make it|make my|make our|make the|make that|make this|make tomorrow|"
    r"make today|come in|come on(?! (?:weekdays|week days|weekends|(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)s)\b)|come tomorrow|attend|keep my|keep the|"
    r"be there|"
    r"be able to come|turn up|show up|get in)\b",
    # "my cleaning is the same day as the recital, can we move it?": a thing of the
    # caller's moved, with a when
    r"^(?=.*\b(?:move|shift|swap|switch|rearrange|push|bump) (?:it|that)\b)"
    r"(?=.*\b(?:same day|day|date(?! of birth)|time|week|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|morning|afternoon|evening|tomorrow|clash\w*)\b)",
    # "could you slot me in a few days after instead": a visit, "instead", and a when
    rf"^(?=.*\binstead\b)(?=.*{_VISIT_RE})(?=.*\b(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|days?|weeks?|date|morning|afternoon|evening|later|earlier|after|before|"
    r"time)\b)",
    r"\b(?:move|moving|change|changing|switch|switching|shift|shifting|scrap|drop|skip|bump|"
    rf"bumping)\b(?: \w+){{0,4}} {_VISIT_RE}",
    # "shifting my half ten to the afternoon", "move my physio to the week after": the
    # caller's own something moved to another time is a visit, whatever it is called
    r"\b(?:move|moving|shift|shifting|push|pushing|bump|bumping|switch|switching) (?:my|our) "
    r"(?:\w+ ){1,3}(?:to|till|until|into) (?:the |a |an |next |this |that |another )?"
    r"(?:\w+ )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|"
    r"afternoon|evening|day|week|weekend|month|date|time|slot|tomorrow|later|earlier|after)\b",
    # "shift it to later in the month", "move it to Friday", "bump that back a week"
    r"\b(?:move|shift|push|change|switch|bump) (?:it|that|this|them) (?:to|till|until|back|"
    r"forward|up|later|earlier|over)\b",
    rf"{_VISIT_RE}(?: \w+){{0,3}} \b(?:moved|changed|switched|shifted|cancelled|canceled)\b",
    rf"{_VISIT_RE}(?: \w+){{0,3}} (?:is|will be|has to be|is going to be) off\b",
    rf"\b(?:will not|will not be|do not|no longer) (?:be )?need(?:ing)? (?:\w+ ){{0,2}}{_VISIT_RE}",
    _OWN_DAY,
)))
_AN_OWN_DAY = re.compile(_OWN_DAY)

_BALANCE = re.compile(_words(
    "owe", "owes", "owing", "owed", "balance", "balances", "bill", "bills", "billed",
    "billing", "statement", "statements", "invoice", "invoices", "invoiced",
    "(?<!in )charges?", "charged", "payment", "payments", "paid", "pay", "paying", "copay",
    "co pay",
    "copays", "deductible", "outstanding", "arrears", "overdue", "past due", "amount due",
    "refund", "refunded", "instalments?", "installments?", "cheque", "check i (?:sent|posted|"
    "mailed)", "direct debit", "credit", "in the red", "settle", "settled", "settle up",
    "left to pay", "money", "unpaid", "squared away", "square up", "all square", "tab",
    "what is the damage", "on the hook", "how much (?:am i|are we|will i be|will we be) in for",
    r"how much(?: \w+){0,5} (?:on|in|against) (?:my|our) account",
))

_RESULTS = re.compile(_words(
    "results?", "lab", "labs", "lab work", "test", "tests", "tested", "testing", "bloods",
    "blood work", "bloodwork", "blood drawn", "blood taken", "blood test", "x ?rays?",
    "xrays?", "scan", "scans",
    # "my knee was scanned" (not "my referral letter scanned in")
    "(?:my|our) (?!(?:id|letter|form|card|referral|documents?|passport|licen[cs]e|insurance)\\b)"
    "\\w+ (?:was |were |got |being )?scanned",
    "mri", "ct", "ultrasound", "biopsy", "biopsies", "levels",
    "count", "screening", "mammogram", "smear", "swab", "culture", "sample", "samples",
    "specimen", "report", "reports", "findings", "outcome", "came back",
    # "any news on my blood" (not "blood pressure", a reading taken at a visit)
    "(?:on|about|from|for|with) (?:my|the) blood(?! pressure)",
    "come back(?! (?:for|in|to|and|on|next|at|after|when|in))", "back yet", "is it back",
    "are they back", "ecg", "ekg", "urine", "cholesterol", "a1c", "thyroid", "panel",
))

_PRESCRIPTIONS = re.compile(_words(
    "prescriptions?", "prescribed", "refills?", "refilled", "repeat", "medications?",
    "medicines?", "meds?", "pills?", "tablets?", "antibiotics?", "inhalers?", "insulin",
    "drops", "cream", "ointment", "scripts?", "rx", "pharmacy", "pharmacist", "chemist",
    "dose", "dosage", "called in", "sent over to the pharmacy", "run out", "ran out",
    "running out", "running low", "renew", "renewed", "milligrams?", "mg", "mgs",
    "topped up", "top up", "top (?:me|it|them) up", "statins?", "painkillers?", "metformin",
    "antidepressants?", "patches", "contraceptives?",
    "strength",
))

# "when am I next expected", "when is it I'm to come and see the doctor next": the caller's
# own next visit, whatever else the turn says (usually, normally).
_WHEN_AM_I_NEXT = (r"\bwhen (?:am i|i am|are we|we are) next\b"
                   r"|\bwhen (?:is it |was it )?(?:i am|am i|we are|are we) (?:to|due to|"
                   r"meant to|supposed to) come\b")

_APPOINTMENTS = re.compile("|".join((
    _VISIT_RE,
    WHAT_TIME_ON_A_DAY,
    _words("booked", "booked in", "scheduled", "schedule", "calendar", "diary",
           "on the books", "on your books", "in the book", "lined up", "come in", "coming in",
           "due in", "(?:i am|am i|we are|are we) (?:in|on) with",
           "(?:something|anything) on with you",
           "(?:got|have|had) (?:something|anything) (?:on )?with (?:the |dr |doctor )?\\w+",
           "show up", "turn up", "seeing", "see the doctor", "see dr", "see doctor",
           "supposed to come", "expected", "down for", "got me down", "have me down",
           "penciled", "pencilled",
           # "what time I'm coming at on Tuesday"
           "what (?:time|day|date) (?:i am|am i|we are|are we|i was|was i|we were|were we) "
           "(?:coming|due|to come|expected|booked|meant|supposed)",
           # "what day was I meant to be in", "I'm supposed to be there at ten, aren't I"
           "(?:i am|am i|i was|was i|we are|are we|we were|were we) (?:meant|supposed|due|"
           "expected) to be (?:there|in(?! work)|here|seen|coming)",
           # "I've the dentist on Friday, is that right", "we've got the nurse next week"
           "(?:i|we) (?:have|have got|got|had) (?:the|my|our|a) (?:dentist|doctor|dr \\w+|nurse|"
           "hygienist|physio|gp|optician|surgeon|specialist|consultant|midwife) (?:on|this|"
           "next|tomorrow|today|in the (?:morning|afternoon|evening))",
           # "when's my next one with you"
           "(?:when|what (?:day|date|time)) is (?:my|our) next one", "(?:my|our) next one with"),
    # "is my physio still on for Thursday", "have I got anything coming up"
    r"\b(?:is|are) (?:my|our) (?:\w+ ){0,3}still on\b",
    r"\b(?:anything|something|what is|what have (?:i|we) got) (?:\w+ ){0,2}coming up\b",
    _WHEN_AM_I_NEXT,
    # a treatment on a day: "who is doing my filling next week", "my crown fitted on Thursday"
    # (not what it cost)
    r"\bmy (?:filling|crown|extraction|root canal|implant|bridge)\b(?!.*\b(?:cost|costs|costing|"
    r"price|charge|charged|pay|paid|owe)\b)(?=.*\b(?:next|tomorrow|today|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|what time|when)\b)",
)))

_ACCOUNT = re.compile(_words(
    "records?", "medical history", "history", "file", "files", "chart", "notes",
    "account", "accounts", "details", "on me", "about me", "for me on", "profile",
    "information", "info",
    # "what's recorded under my name"
    "recorded (?:under|for|about|against|on) (?:me|my|us|our)",
))

_OVERVIEW_WORDS = ("(?:overall|full|whole|big|complete) picture", "overview",
                   "rundown of where (?:i|we) stand", "(?:details|everything|bills|visits) and all")
# The caller's record as a whole: it outranks a visit named in passing ("a summary of my
# visits", "what allergies have you got down for me", "what's in my history on your system").
_WHOLE_RECORD = re.compile(_words(
    "summary", "summaries", "allerg(?:y|ies)", "conditions", "diagnos[ie]s", "medical history",
    "(?:medical |health )?background", "rundown of (?:my|our)",
    "health history", "history", "everything (?:else )?you (?:have|got|hold|keep)",
    *_OVERVIEW_WORDS,
))
# An overview asked for outranks the topics it lists ("the overall picture of my account,
# bills, bookings, the lot").
_OVERVIEW = re.compile(_words(*_OVERVIEW_WORDS))

# When the topics overlap, the more specific request wins ("cancel my appointment" is a
# change, "the bill for my x-ray" is a balance).
_TOPICS: tuple[tuple[Request, re.Pattern[str]], ...] = (
    (Request.CHANGE_APPOINTMENT, _CHANGE),
    (Request.BALANCE, _BALANCE),
    (Request.PRESCRIPTIONS, _PRESCRIPTIONS),
    (Request.TEST_RESULTS, _RESULTS),
    (Request.ACCOUNT, _WHOLE_RECORD),
    (Request.APPOINTMENTS, _APPOINTMENTS),
    (Request.ACCOUNT, _ACCOUNT),
)

# Without "I" or "my", a few phrasings still point at the caller's own things:
# "results, please", "so what did the x-ray find", "any news on the biopsy".
_POINTED = re.compile(
    r"\b(?:the|that|those|these|this)\b(?: \w+){0,2} \b(?:results?|x ?rays?|scans?|tests?|"
    r"bloods|blood work|biops(?:y|ies)|labs?|report|mri|ct|ultrasound|swab|ecg|ekg|mammograms?|"
    r"prescription|refill|bill|balance|statement|invoice|"
    r"appointment|visit)\b(?: \w+){0,3} \b(?:find|found|show|showed|say|said|come back|came "
    r"back|back|ready|through|go through|went through|sent|due|owing)\b"
    # "can't do Wednesday, push it back a week?": the caller's own booking, unnamed
    r"|^(?:\w+ ){0,4}(?:push|move|shift|bump) (?:it|that) (?:back|forward|to)\b"
    r"|^(?:\w+ ){0,2}(?:results?|refills?|prescriptions?|balance|bill|appointments?)"
    r"(?: \w+){0,5} please\b"
    # a bare question: "results back?", "bloods in yet?", "test results ready?"
    r"|^(?:\w+ ){0,2}(?:results?|bloods|labs?|tests?|scans?|x ?rays?|biops(?:y|ies)) "
    r"(?:back|in|ready|through)(?: yet)?$"
    r"|\bany (?:news|word|update)\b"
    # "need to cancel tomorrow's", "scrap Friday": the caller's own visit, by its day
    rf"|{CANCEL_A_DAY}"
    # a letter the caller got: "the reminder said overdue, how much"
    r"|\b(?:the|that|this|your|a) (?:reminder|letter|notice|statement|text)\b(?: \w+){0,2} "
    r"(?:said|says|say)\b"
    # "the nurse took a swab and said to ring today for the outcome"
    r"|\b(?:told|said|asked) (?:me |us )?to (?:ring|call|phone|check|chase)(?: \w+){0,4} "
    r"(?:for|about|on) (?:the |my |our )?(?:results?|outcome|news)\b"
)


# Doing something online is a general question ("can I see my results online"); a payment
# the caller made online is not ("I paid something online, did it land?").
_ONLINE = re.compile(r"\bonline\b")
_PAID_ONLINE = re.compile(r"\b(?:paid|sent|made|transferred|submitted)\b(?: \w+){0,3} online\b"
                          r"|\bonline bank")


# About the caller's own things, whatever else is said as usual or general.
#: "what I've got left to pay": the caller's own balance, whatever else the sentence says.
LEFT_TO_PAY = r"\b(?:what|how much) (?:do )?(?:i|we) (?:have )?(?:got )?(?:left|still|yet) to pay\b"
#: "when I come again to see the dentist, which date is it": the caller's next visit.
WHEN_I_COME_AGAIN = (r"\bwhen (?:i|we) (?:come|am coming|are coming) (?:again|back|next)\b"
                     r"(?=.*\b(?:which|what) (?:date|day|time)\b)")
_ABOUT_MY_OWN = re.compile(r"\bwhat is (?:on|in) (?:my|our) (?:account|record|records|file|notes|"
                           r"chart)\b"
                           # "my daughter usually keeps track, but when am I next expected"
                           # ("... she usually keeps track. When is it I'm to come in next?")
                           rf"|{_WHEN_AM_I_NEXT}"
                           # "the report of my sugar test, fasting and after meals"
                           r"|\b(?:the|my) (?:report|results?) (?:of|from|for|on) my\b"
                           # "is my statin ready yet, or should I wait"
                           r"|\b(?:is|are) (?:my|our) (?:\w+ ){0,3}ready\b"
                           # "what's the soonest thing you have me down for"
                           r"|\b(?:have|got) (?:me|us) (?:down|booked|pencilled|penciled)\b"
                           # "tell me my sugar result, the fasting one"
                           r"|\b(?:tell me|give me|read me|read out|what (?:is|are|was|were)) "
                           r"(?:my|our) (?:\w+ ){0,2}results?\b"
                           # "my daughter usually does the paperwork, but tell me what I owe"
                           r"|\b(?:tell me|let me know|check|look up) (?:what|how much) (?:i|we) "
                           r"(?:still )?owe\b"
                           # "my son usually pays my bills, but what have I got left to pay"
                           rf"|{LEFT_TO_PAY}|{WHEN_I_COME_AGAIN}|{WHAT_TIME_ON_A_DAY}")


def general_question(said: str) -> bool:
    """A normalised transcript asks about the practice in general, not about the caller's data."""
    if _ABOUT_MY_OWN.search(said):
        return False
    return _GENERAL.search(said) is not None or (
        _ONLINE.search(said) is not None and _PAID_ONLINE.search(said) is None)


_NOTICES = re.compile(
    r"\b(?:cancel|stop|unsubscribe|turn off|switch off|opt out)\b(?: \w+){0,4} (?:reminders?|"
    r"texts?|text messages|emails?|newsletters?|notifications?|alerts?|mailings?|letters)\b")


def cancels_notices(said: str) -> bool:
    """A normalised transcript stops the practice's reminders or messages ("cancel me off
    the text reminders", "cancel my appointment reminder texts"), not a visit."""
    return _NOTICES.search(said) is not None


def whole_record(said: str) -> bool:
    """A normalised transcript names the caller's record as a whole (a summary, allergies,
    history, everything you have), not one visit or bill."""
    return _WHOLE_RECORD.search(said) is not None


def asks_overview(said: str) -> bool:
    """A normalised transcript asks for an overview ("the overall picture", "an overview"):
    the whole record, whatever topics it lists."""
    return _OVERVIEW.search(said) is not None


# "sorry, cancel me" (not "cancel me off the text reminders"): the caller's visit, unnamed.
_CANCEL_ME = re.compile(r"\b(?:cancel|scratch|drop) (?:me|us)\b(?! (?:off|from|out)\b)")

_TOLD_AS_PAST = re.compile(r"\b(?:last|ago|yesterday|had|was|were|did|already)\b")

# A symptom that has come back is a clinical matter, not a result ("have my symptoms come
# back?", "my rash has come back, can I move my appointment up"): its words name no topic.
_SYMPTOM_BACK = re.compile(
    r"\b(?:symptoms?|cough|rash|pains?|fever|temperature|headaches?|migraines?|infection|"
    r"lump|swelling|bleeding|nausea|dizziness|spots|acne|cold|flu|aches?|toothache|"
    r"sensitivity|eczema|asthma|itch|itching|soreness|sickness|vomiting|flare ups?)\b"
    r"(?: (?:has|have|had|not|keeps?|kept|might|may|seems?|to|is|are|all|just)){0,3} "
    r"(?:come|came|coming|comes) back\b")


def protected_request(said: str, *, asked: bool = False) -> Request | None:
    """The protected request a normalised transcript makes, by its concepts, or ``None``.

    Args:
        said: The transcript after :func:`~verivoice.pipeline.intents.normalise`.
        asked: The recogniser wrote a question mark (a question, whatever its words).
    """
    if not said or general_question(said):
        return None
    if not (_SELF.search(said) or _POINTED.search(said)):
        return None
    if not (asked or _REQUEST.search(said) or _POINTED.search(said)):
        # Calling a visit off is a request in itself ("my visit Friday is off, sorry"), unless
        # it is told as the past ("I had to cancel my appointment last month").
        if ((_CANCEL_ME.search(said) or _AN_OWN_DAY.search(said)
             or (_CHANGE.search(said) and _A_VISIT.search(said)))
                and not _TOLD_AS_PAST.search(said)):
            return Request.CHANGE_APPOINTMENT
        return None
    if _OVERVIEW.search(said):
        return Request.ACCOUNT
    topics = _SYMPTOM_BACK.sub(" ", said)
    for request, topic in _TOPICS:
        if topic.search(topics):
            return request
    return None


# -- a request for a person ---------------------------------------------------------------
#: A word that opens no new clause, between a wish and whom it is for ("need the front desk",
#: not "need when someone wants to cancel").
SAME_CLAUSE_WORD = (r"(?!(?:when|if|because|so|that|where|who|how|what|why|and|or|but|before|"
                    r"after|until)\b)\w+")
#: A lookbehind: the wish that follows opens no clause of time or condition ("how many more
#: refills before I need to see someone" asks for no one now).
NOT_IN_A_CLAUSE_OF_TIME = "".join(
    rf"(?<!{word} {who})" for word in ("before", "until", "till", "after", "when", "if",
                                       "unless", "once")
    for who in ("", "i ", "we "))
_STAFF_WORDS = (
    "someone", "somebody", "anyone", "anybody", "a person", "the person", "person", "people",
    "a human", "human", "humans", "human being", "a real", "real one", "live one",
    "staff", "staff member", "member of staff", "team member", "your team", "receptionist",
    "reception", "front desk", "front office", "desk", "office", "representative", "rep",
    "operator", "agent", "customer service", "customer support", "patient services",
    "patient support", "support", "billing", "billing team", "accounts", "manager",
    "practice manager", "supervisor", "whoever", "you lot", "a living", "an actual",
    "secretary", "admin", "administrator", "scheduler", "switchboard", "coordinator",
    "department", "departments", "team", "teams", "your teams", "clerk", "assistant",
    "a pulse", "in charge", "receptionists", "representatives", "operators", "agents",
    "persons", "warm body", "colleague", "colleagues", "a real lady", "a real gentleman",
    "front counter", "counter staff", "desk staff", "office staff",
    # desks named by what they do ("a word with scheduling", "someone in finance")
    "scheduling", "bookings team", "booking team", "bookings desk", "appointments team",
    "appointments desk", "finance team", "finance department", "finance office",
    "finance people", "in finance", "accounts team", "accounts department",
    "accounts office", "accounts people", "billing office", "billing department",
    "medical records", "records department", "records team", "records office",
    # "the lady at the front", "one of the girls on the front desk"
    r"(?:girl|girls|lady|ladies|guy|guys|bloke|blokes|fella|fellas|man|men|woman|women|folks) "
    r"(?:at|on|in|from) "
    r"(?:the )?(?:front|reception|desk|office|surgery|practice)",
    # "the accounts section", "the billing side"
    r"(?:accounts|billing|finance|records|appointments|bookings) (?:section|side|desk|counter)",
)
_STAFF = _words(*_STAFF_WORDS)
# "I need a doctor" asks for care, not for a transfer: clinicians count only after "talk to".
_SOMEONE = _words(*_STAFF_WORDS, "nurse", "nurses", "doctor", "dr", "gp", "physician",
                  "midwife", "pharmacist", "therapist", "practitioner", "hygienist")

# "put me on the waiting list", "pop me on to the cancellation list": a list, not a person.
_UNLESS_A_LIST = (r"(?! (?:to |the |a |your |that |this |our )*(?:\w+ ){0,3}(?:list|waiting|register|"
               r"rota|books?|system|diary|calendar|schedule|queue)\b)")
# "put me through the steps", "take us through the process": an explanation, not a transfer.
_NOT_A_WALKTHROUGH = (r"(?! (?:the |your |all the )?(?:\w+ )?(?:steps?|process|procedure|motions|"
                      r"paperwork|stages|basics|options|rules)\b)")
# Verbs that ask to reach someone ("talk to", "put me through"), and weaker ones that
# do only when nothing else is asked ("I need the billing team", "get me someone").
# (The gap after "discuss / sort out / go over" names no visit, medicine or result: "sort my
# appointment out with Dr Jones" asks for a change.)
_NOT_A_TOPIC = (r"(?!(?:appointment|appointments|appt|visit|booking|prescription|prescriptions|"
                r"script|repeat|medication|meds|results?|tests?|refill)\b)")
_REACH = _words(
    "talk", "talking", "speak", "speaking", "chat", "word with", "word in with", "connect",
    r"talk(?:ing)? (?:\w+ ){0,2}over with",
    "connected", "converse", "natter", "chinwag", "yarn",
    rf"discuss (?:{_NOT_A_TOPIC}\w+ ){{0,3}}with", rf"sort (?:{_NOT_A_TOPIC}\w+ ){{0,2}}out with",
    rf"go over (?:{_NOT_A_TOPIC}\w+ ){{0,2}}with", r"take (?:it|this|that|the matter) up with",
    r"raise (?:it|this|that|something) with", r"run (?:it|this|that|something) (?:past|by)",
    "transfer", "transferred", "put me through", "put through", f"put me on{_UNLESS_A_LIST}",
    "pass me", "hand me", "get hold of", "get a hold of", "getting hold of", "ring through",
    "patch me", "through to", "deal with", "get through to",
)
_WANT = _words(
    "get me", "gets me", "give me", "give us", "get us", "find me", "find us", "fetch", "reach",
    "prefer", "rather",
    "can i have", "could i have", "can i get", "could i get", "can you get", "could you get",
    "grab", "i want", "i need", "i would like", "need", "want", "let me",
)
_POLITELY = (r"(?: please| thanks| thank you| cheers| now| if you (?:would|could|can|do not "
             r"mind)(?: \w+){0,3}| if possible| not (?:a|the|this) (?:\w+ )?(?:recording|robot|"
             r"machine|bot|computer)"
             # "reception, quick as you can", "a human, that's all I'm after"
             r"|(?: as)? (?:quick|quickly|fast|soon) as (?:you can|possible)| right away"
             r"| straight away| asap| (?:that is |is )?all (?:i am|we are) (?:after|asking for|"
             r"looking for)| (?:that is |is )?all i (?:want|need|ask))*")
# What staff have rather than are: "the nurse's number", "a doctor's note", "a GP appointment".
_NOT_ITS_DETAILS = (r"(?! (?:\w+ ){0,2}(?:hours|number|phone|address|email|fax|opening|name|"
                    r"appointment|appointments|appt|visit|note|letter|signature|form|report|"
                    r"details|link|code|clinic|times|bank|postal|page|website|portal|app)\b)")
# The words a request for someone may open with ("um, can I get ...", "hi, just ...").
_OPENING = (r"^(?:(?:uh|um|erm|er|oh|hi|hello|yes|yeah|no|but|and|well|right|look|okay|ok|"
            r"honestly|frankly|seriously|really|"
            r"just|so|zero|please|sorry|love|dear|mate|can i get|could i get|can i have|"
            r"could i have|can i speak to|can i|could i|get|i want|i need|i would like|get me|"
            r"give me|give us|put me through to)\s)*")
# "Doctor." or "Doctor Fitzgerald." alone opens a sentence that names a clinician ("...'s
# Tuesday clinic doesn't suit me"), which a pause may cut in two; "the doctor", "a doctor,
# please" ask for one.
_A_TITLE_ALONE = r"(?!(?:doctor|dr|doc)(?: (?!please\b)\w+)?$)"
# A remark about staff, not a request for them: "the nurse is lovely", "reception was great".
_SAID_OF_THEM = (r"(?:to|is|are|was|were|has|have|had|seems?|seemed|looks?|looked|sounds?|"
                 r"sounded|said|told|did|does)\b")
_PERSON_ALONE = re.compile(
    rf"{_OPENING}{_A_TITLE_ALONE}(?:an? |the |a real |a live |some |one of the |one of your )?"
    rf"{_SOMEONE}"
    rf"{_NOT_ITS_DETAILS}(?: (?!{_SAID_OF_THEM})\w+){{0,3}}{_POLITELY}$"
)
# "reception, please", "customer service rep please, not the robot", "... I want the lady
# on the front desk, please" (not "could the doctor call me back, please", "I need the
# nurse's number, please", "I need the doctor to sign it, please")
_PERSON_PLEASE = re.compile(
    rf"{_OPENING}(?:an? |the |a real |a live |some |one of the |one of your )?{_SOMEONE}"
    rf"{_NOT_ITS_DETAILS}(?: (?!to\b)\w+){{0,4}} (?:please|if you (?:would|could|can))\b"
    r"|\b(?:i want|i need|get me|give me|can i (?:have|get)|could i (?:have|get)) (?:\w+ ){0,2}"
    rf"{_SOMEONE}{_NOT_ITS_DETAILS}(?: (?!to\b)\w+){{0,3}} please\b")
# "a real person", "an actual human": asking for one, unless asking whether the agent is one.
_REAL_PERSON = re.compile(r"\b(?:real|live|actual|proper|living|flesh and blood|breathing) "
                          r"(?:person|people|human|humans|human being|agent|operator|voice)\b"
                          r"|\b(?:someone|somebody|anyone|anybody|a person) (?:there |here )?who (?:actually |"
                          r"really )?breathes\b")
# "is it a real person who listens to the messages": who does the work, no request.
_A_REAL_HUMAN = (r"(?:a |an |the )?(?:real|live|actual|proper|living) (?:person|people|human|"
                 r"humans|human being)")
_A_PERSON_WHO = re.compile(
    rf"\b(?:(?:is it|is there|is that|will it be|would it be) {_A_REAL_HUMAN} (?:who|that)|"
    rf"(?:does|do|will|would) {_A_REAL_HUMAN}) (?:\w+ )?"
    r"(?:listens?|reads?|checks?|answers?|replies|goes through|go through|looks? at|monitors?|"
    r"handles?|picks? up|responds?|writes?|sends?|makes?|types?)\b")
_ABOUT_THE_AGENT = re.compile(
    r"\b(?:are you|is this|is that|am i talking to|am i speaking (?:to|with)) (?:\w+ )?(?:a |an )?"
    r"(?:real|live|actual|living|flesh and blood|human|person|robot|machine|bot|computer|"
    r"recording|ai)\b")
# "I don't need to talk to anyone", "no need for a person"
_NOT_WANTED = re.compile(
    r"\b(?:do not|did not|no need to|never|not) (?:\w+ ){0,2}(?:need|want|have|wish|trying) "
    r"(?:(?!(?:i|we|just|but|give|get|put|let|connect|transfer|pass)\b)\w+ ){0,5}"
    r"(?:anyone|anybody|someone|somebody|a person|a human|"
    r"staff)\b"
    # (the words between are a wish, not a clause of their own: "I don't recognise it, put
    # me through to finance" is a request)
    r"|\b(?:do not|no need to|not) (?:(?:want|need|wish|have|bother|even|just|ever|to) ){0,3}"
    r"(?:put|transfer|connect|pass) (?:me|us)\b"
    # "I don't want to be put through", "no need to be transferred"
    r"|\b(?:do not|no need to|not) (?:(?:want|need|wish|have|bother|even|just|ever|to) ){0,3}"
    r"(?:be|get|getting|being) (?:put|transferred|"
    r"connected|passed|switched)\b"
    r"|\bno need (?:for|to) (?:\w+ ){0,3}(?:anyone|anybody|someone|a person|a human)\b"
    # "I don't need the front desk, can I book a flu jab", "I don't want to talk to billing"
    rf"|\b(?:do not|did not|never|not) (?:\w+ )?(?:need|want|wish) (?:to (?:talk|speak) "
    rf"(?:to|with) )?(?:the |a |an |any |your )?{_STAFF}\b"
    # a complaint that asks nothing: "every time I ring I get handed over to someone new"
    r"|^(?!.*\b(?:can|could|would|will|please|now|want|need|like|let|put me|put us|"
    r"transfer me|connect me|get me)\b).*\b(?:last time|"
    r"every time|each time|whenever|always)\b")
# Talking to staff that is not a request to be put through now: done already, ("I had a
# word with reception earlier", "I was talking to the nurse"), not wanted ("I'd rather not
# talk to reception"), planned in person or later ("I'll talk to the nurse when I come in",
# "a word with the doctor at my appointment"), or booked ("a phone appointment to speak to
# the GP").
_NOT_NOW = re.compile("|".join((
    # another time: "could I speak to someone tomorrow instead, I'm driving"
    r"\b(?:talk|speak|chat)(?: (?:to|with))?(?: \w+){0,3} (?:tomorrow|later on|another (?:time|"
    r"day)|next week|some other time)\b",
    # a purpose, not a wish: "an interpreter so I can speak in Arabic with the doctor"
    r"\bso (?:that )?(?:i|we) (?:can|could) (?:speak|talk|chat)\b",
    r"\b(?:was|were|been|had|have had) (?:\w+ )?(?:talking|speaking|chatting|a word|a quick word|"
    r"a chat|a natter|discussing)\b",
    r"\b(?:do not|would rather not|rather not|never) (?:\w+ ){0,2}(?:talk|speak|discuss|chat|"
    rf"go over)\b(?: \w+){{0,3}} {_SOMEONE}",
    # someone else will talk: "the nurse said she needs to talk to the doctor"
    r"\b(?:he|she|they) (?:\w+ ){0,2}(?:talk|speak|chat|discuss)\b",
    r"\b(?:when (?:i|we) (?:come|am|are|pop|get|collect|pick|see|drop)|at (?:my|the|our) "
    r"(?:next )?(?:appointment|visit|check ?up)|after (?:my|the) (?:appointment|visit)|if (?:i|we) "
    r"(?:pop|come|drop) in|in writing|next time|(?:came|come|was|were|bring(?: \w+){1,2}) in "
    r"for a (?:quick )?(?:chat|word|natter))\b",
    r"\b(?:i|we) (?:will|shall|am going to|are going to|can|could|might|may|have to|will have "
    r"to) (?:just |probably |then |maybe |simply )?(?:talk|speak|chat|ask|sort|discuss|go over|"
    r"take (?:it|this|that) up|raise|mention|bring)\b(?=.*\b(?:tomorrow|later|first|on "
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b)",
    r"\b(?:book|booking|arrange|schedule) (?:\w+ ){0,3}(?:chat|call|appointment|consultation)\b",
    r"\b(?:phone|telephone) (?:appointment|consultation|call) to\b",
    r"\bput (?:me|us) (?:down|in|on) for\b",
    # records, not the caller, moved: "getting records transferred over from an old GP"
    r"\b(?:records?|notes|files?|prescriptions?|results|care|details|history) (?:\w+ ){0,2}"
    r"(?:transferred|transfer|moved|sent|passed|handed)\b",
    r"\btransfer(?:red|ring)? (?:my |the |our |his |her )?(?:medical |health |old |patient )?"
    r"(?:records?|notes|files?|prescriptions?|care|details|history)\b",
)))
# Words about a person that ask for none, whatever else the turn holds: a remark about the
# agent ("you sound just like a real person"), how a visit works ("do I have to speak to
# reception when I arrive").
_NO_PERSON_ASKED = re.compile(
    r"\byou (?:sound|seem|talk|speak) (?:\w+ ){0,2}like (?:a |an )?(?:real|live|actual|human|"
    r"person)\b"
    r"|\b(?:do|will|would|should) (?:i|we) (?:have to|need to|must|got to) (?:speak|talk|report|"
    r"check in) (?:to|with)\b"
    # whether a visit is needed: "do I need to see someone first"
    # (unless the turn also asks to talk or be put through)
    r"|^(?!.*\b(?:talk|speak|chat|put (?:me|us)|transfer|connect)\b).*"
    r"\b(?:do|will|would|should) (?:i|we) (?:have to|need to|must|got to) (?:see|be seen by)\b"
    r"|\b(?:do|will|would|should) (?:i|we) (?:have to|need to|must|got to) (?:see|go to|find) "
    r"(?:\w+ ){1,3}when (?:i|we) (?:arrive|get there|get in|come in|turn up)\b"
    # an aside to someone in the room: "hang on, I'm talking to someone at the door"
    r"|^(?:(?:sorry|oh|um|uh) )*(?:hang on|hold on|one (?:sec|second|moment|minute)|just a "
    r"(?:sec|second|moment|minute)|wait)\b.*\b(?:i am|we are) (?:just )?(?:talking|speaking|"
    r"chatting) (?:to|with)\b"
    # thanks passed on: "the lady at reception was so helpful, please tell her thanks"
    r"|\b(?:tell|give|send) (?:him|her|them) (?:my |our |a big )?(?:thanks|thank you)\b"
    r"|\bpass (?:on )?(?:my|our) thanks\b"
    # asked to ask for one, then not: "my sister told me to ask for a real person, but
    # actually you can probably help"
    r"|\bbut (?:actually |maybe |perhaps )?you (?:can|could|might|may) (?:probably |maybe "
    r"|just )?(?:help|sort|do|answer)\b"
    # a transfer told as the past: "last time you put me through to the wrong place"
    # (not "you put me through to the wrong place, could you try again")
    r"|^(?!.*\b(?:can you|could you|would you|will you|please|again|this time|properly)\b)"
    r"(?=.*\b(?:last time|before|earlier|yesterday|last week|already|wrong|cut off)\b)"
    r".*\b(?:you|they|she|he|someone|somebody) (?:put|transferred|connected|passed|sent) "
    r"(?:me|us) (?:through|over|across)\b")
_ABOUT_PEOPLE = re.compile(
    _ABOUT_THE_AGENT.pattern + "|" + _A_PERSON_WHO.pattern + "|" + _NO_PERSON_ASKED.pattern +
    r"|\b(?:is|are|will|does|do) (?:the |a |any |your )?(?:\w+ )?(?:nurse|nurses|doctor|"
    r"doctors|dr \w+|receptionist|receptionists|staff|someone|anyone|somebody|anybody|person|"
    r"human|manager)\b"
    r"(?: \w+){0,2} (?:in|there|working|on|available|read|reads|check|checks|listen|"
    r"listens|speak|speaks|talk|talks|see|sees|about|deal|deals|handle|handles)\b"
    r"(?! to me| with me| to talk| to speak)"
    r"|\b(?:hours|open|opens|closed|closes|number|address|fax|email) (?:\w+ ){0,3}"
    r"(?:desk|office|reception|billing|nurse)\b(?! please)"
    r"|\b(?:desk|office|reception|billing|nurse)(?: \w+){0,2} (?:hours|open|opens|closed|"
    r"closes|number|address|fax|email)\b"
    r"|\b(?:leave|pass|give|send|take) (?:on )?(?:a |an |the |my |your |this |that |our |"
    r"them a |him a |her a )?(?:message|voicemail|note|word)\b|\bif (?:i|we) need\b"
    # something passed on, not the caller: "pass my thanks on to the nurse", "pass this to"
    r"|\bpass (?!me\b|us\b|my call\b|this call\b|the call\b)(?:\w+ ){1,2}(?:on )?to\b"
    r"|\bwho (?:speaks|speak|can speak|knows)\b"
    # which of two to ask: "do I ask you or the nurse about a sick note"
    r"|\b(?:do|should|would|shall) (?:i|we) (?:\w+ )?(?:talk|speak|ask|go) (?:to|with) "
    r"(?:\w+ ){0,3}or\b"
    # advice before something: "should I talk to my doctor before the jab", "do I need to
    # discuss it with the GP first"
    r"|\b(?:should|do|must) (?:i|we) (?:need to |have to )?(?:talk|speak|discuss|check)\b"
    r"(?=.*\b(?:before|first)\b)"
    # a call back or a letter, not a transfer: "I'd like the manager to email me", "have
    # accounts ring me back" (the gap stops at a new clause: "can I speak to the nurse? she
    # was meant to phone me back")
    rf"|{_SOMEONE}(?: (?!(?:he|she|they|i|was|were|said|told|asked|supposed|meant|would)\b)\w+)"
    r"{0,3} (?:to )?(?:(?:e ?mail|write|text|ring|call|phone|contact|get back|message|post|"
    r"buzz|send)\b(?: \w+){0,2} (?:me|us|back)\b"
    # "have the manager give me a call when she's free"
    r"|give (?:me|us) a (?:quick )?(?:call|ring|buzz|bell|text|shout|e ?mail|phone call)\b)"
    # who the practice works with: "are you connected with any orthodontists you refer to"
    r"|\b(?:are you|is (?:the |your )?(?:practice|clinic|surgery|office|centre|center)) "
    r"(?:\w+ )?(?:connected|linked|affiliated|associated|partnered|in touch) with\b"
    r"|" + _NOT_WANTED.pattern + "|" + _NOT_NOW.pattern
)
_STRONG = re.compile("|".join((
    # "put me through", "transfer me", "could I be transferred to records"
    r"\b(?:put|putting|patch|patching|transfer|transferring|connect|connecting|pass|passing|"
    r"switch|switching) (?:me|us|my call|this call|the call) "
    # ("what did the doctor put me on" asks about a medicine; "put me through the steps for
    # registering" explains something)
    rf"(?:through|over|across|along|on (?:to|with))\b{_UNLESS_A_LIST}{_NOT_A_WALKTHROUGH}|\b(?:transfer|"
    r"transferring|connect|connecting) (?:me|us)\b",
    # "kindly put me to the accounts section", "put me to reception"
    rf"\bput (?:me|us) to (?:the |your |a |an |one of the |one of your )?{_SOMEONE}\b",
    # "I need the accounts lady, the one who sorts the invoices": a desk's person, asked for
    # (it outranks the bill the sentence goes on to name)
    r"\b(?:i need|i want|get me|give me|can i (?:have|get)|could i (?:have|get)|i would like) "
    r"(?:the |your |a |an |someone in |somebody in )?(?:accounts|billing|finance|payments|"
    r"reception|front desk|records|appointments|bookings) (?:lady|ladies|man|woman|women|"
    rf"person|people|guy|guys|girl|girls|folks|team|department|office)\b(?! s\b){_NOT_ITS_DETAILS}",
    # "is the practice manager available to take a call", "would the nurse be free to take my
    # call" (not "is the nurse available to take calls on Fridays")
    rf"\b(?:is|are|would|could|will|can) (?:the |a |an |any |your |one of the |one of your )?"
    rf"(?:\w+ )?{_SOMEONE}(?: (?:at|in|from|on) (?:the )?\w+)?(?: be)? (?:available|free|able|"
    r"around) to (?:take|have) (?:a|my|this|"
    r"the|our) (?:call|phone call|quick call|word|quick word|chat)\b"
    r"(?!.*\b(?:tomorrow|later|next|on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday))\b)",
    # "could I be transferred", "can we get passed over to billing" (the caller moves, not
    # "my records" or "my prescription")
    r"\b(?:i|we)(?: \w+){0,2} (?:be|get|getting) (?:transferred|connected|put through|"
    r"(?:passed|handed|put) (?:on|over|through|across))\b(?! to (?:the |your )?(?:wifi|wi fi|"
    r"internet|portal|app|website|network))",
    # "could you pass the phone to the receptionist"
    r"\b(?:pass|hand|give) (?:the phone|the call|this call|my call|the line|this line) "
    r"(?:over |across )?to\b",
    # "bump me over to the front desk", "handing me over to someone"
    r"\b(?:bump|bumping|hand|handing|pass|passing|send|sending|switch) "
    r"(?:me|us|my call|this call) (?:over|through|across) to\b",
    # "pop me on to the nurse", "flick me over to reception": with someone named ("move me
    # on to Thursday", "pop me on to the flu clinic list" are not transfers)
    r"\b(?:flick|stick|chuck|pop|shove|shoot|bounce|put|patch|get|bump|hand|pass|send|move|"
    r"switch) (?:me|us|my call|this call) (?:over|through|across|on|along) ?to\b"
    rf"{_UNLESS_A_LIST}(?: (?!front of\b)\w+){{0,6}} {_SOMEONE}",
    # any verb asked of the agent that moves the caller to someone: "could you bung me over
    # to the front desk" (and a misheard verb: "could you food me onto the receptionist");
    # not a booking ("could you book me on to the nurse clinic")
    r"\b(?:can|could|would|will) you (?:\w+ )?(?!(?:book|rebook|sign|enrol|enroll|add|schedule|"
    r"squeeze|fit|slot|register|move|list|pencil|write|mark)\b)\w+ (?:me|us) (?:over|through|"
    rf"across|on|along) ?to\b{_UNLESS_A_LIST}(?: (?!front of\b)\w+){{0,4}} {_SOMEONE}"
    rf"{_NOT_ITS_DETAILS}",
    # "is there a nurse I can talk to", "someone I could have a word with", "a person I
    # could go over this with"
    # ("the doctor and I can go over my results", "a doctor I could ask for" are not)
    rf"{_SOMEONE}(?: (?!and\b)\w+){{0,3}} (?:i|we) (?:can|could|may|might) (?:(?:actually|really|"
    r"just|maybe|possibly|like) )*(?:talk|speak|chat|"
    r"get to|get through to|reach|have a (?:chat|word|quick word)|go over|go through|discuss|"
    r"sort|ring through|run (?:this|it|that|something) (?:by|past)|ask(?! for))\b",
    # "anyone there who could pick up and talk to me", "a nurse who can speak with us"
    rf"{_SOMEONE}(?: \w+){{0,4}} who (?:can|could|would|will|is able to)(?: \w+){{0,3}} "
    r"(?:talk|speak|chat) (?:to|with) (?:me|us)\b",
    # "would anyone be free to take my call", "could somebody pick up this call" (not "did
    # anyone answer my call yesterday", "take my call back number")
    r"(?<!did )\b(?:someone|somebody|anyone|anybody|a person|a human)(?: \w+){0,6} "
    r"(?:take|pick up|answer) (?:my|this) call\b(?! back)",
    # "get the triage nurse on the phone", "the manager on the line", "doctor on telephone"
    # (not "does the doctor go over results on the phone")
    rf"(?<!does )(?<!do )(?:the |a |an )?{_SOMEONE}(?: (?!go\b|give\b|do\b|discuss\b)\w+){{0,3}} "
    r"on (?:the )?(?:phone|line|telephone)\b",
    # someone brought to the phone: "can I get them on the line", "bring her on the line",
    # "a live body on the line", "would somebody in the building be able to come on the line"
    r"\b(?:get|bring|put|have) (?:him|her|them|(?:a|an|the|some|your) (?:live |real |actual "
    r"|warm )?(?:body|bodies|voice))(?: \w+){0,2} on (?:the )?(?:phone|line|call)\b",
    rf"{_SOMEONE}(?: \w+){{0,6}} (?:come|get|hop|jump) (?:on|onto) (?:the )?(?:phone|line|call)\b",
    # "chuck me through", "flick us over" (informal, no one named)
    r"\b(?:flick|chuck|bung|pop|shove|patch) (?:me|us) (?:through|over|across)\b"
    r"(?! (?:the )?(?:steps|process|form|paperwork))",
    # "could I talk to whoever keeps the diary" (whoever does the job, not its details)
    r"\b(?:talk|speak|chat) (?:to|with) whoever\b",
    # "someone actual, a human, to talk it through with", "a person to speak to"
    # (not someone else's wish: "the nurse said she needs to talk to the doctor")
    rf"{_SOMEONE}(?: (?!(?:he|she|they|said|says|needs?|wants?|has|had|would|will|is|was)\b)"
    r"\w+){0,3} to (?:talk|speak|chat)(?: (?:it|this|that|things) "
    r"(?:through|over))? (?:to|with)\b",
    # "whoever is on the desk ... can I have them"
    rf"{_SOMEONE}(?: \w+){{0,5}} (?:can|could|may) (?:i|we) (?:have|get|speak to|talk to) "
    r"(?:them|him|her)\b",
    # "please give me to the nurse", "get me the on-call nurse"
    rf"\bgive (?:me|us) to (?:the |a |an |one of the |your )?{_SOMEONE}\b",
    r"\b(?:get|fetch|grab) (?:me|us) (?:the |a |an )?(?:on call |duty |triage |practice )?"
    r"(?:nurse|doctor|gp|dentist|hygienist)\b(?! (?:appointment|note|letter|number))",
    # "is the nurse available to talk", "... I'd like to speak with her"
    r"\b(?:available|free|around|about) to (?:talk|speak|chat)\b",
    rf"{_SOMEONE}\b.*\b(?:talk|speak|chat|word) (?:to|with) (?:him|her|them)\b",
    # "who can I talk to about this", a bare "transfer, please"
    r"\bwho (?:can|could|should|do|would|shall) (?:i|we) (?:talk|speak) (?:to|with)\b",
    r"^(?:\w+ ){0,2}(?:transfer|transfer me|put me through|connect me)(?: please| now)*$",
    # "can the doctor come to the phone", "I'm after the practice manager"
    rf"{_SOMEONE}(?: \w+){{0,3}} (?:to )?come to the phone\b",
    rf"\bi am after (?:the |a |an |someone |somebody )?{_SOMEONE}{_NOT_ITS_DETAILS}",
    # a person rather than the agent: "could I go through it with someone who works there
    # instead of you", "can I tell this to somebody else"
    rf"{_SOMEONE}(?: \w+){{0,5}} (?:instead of|rather than|than to) (?:you|the machine|a machine|the "
    r"robot|a robot|the computer|a computer|this (?:machine|robot|system))\b",
    rf"\b(?:can|could|may) (?:i|we) (?:just )?(?:explain|tell|describe) (?:\w+ ){{0,4}}to "
    rf"(?:the |a |an |one of the |one of your )?{_SOMEONE}\b{_NOT_ITS_DETAILS}",
    # "I'd prefer to explain this to somebody who works there"
    rf"\b(?:i|we) would (?:prefer|rather|like) (?:to )?(?:explain|tell|describe|go through) "
    rf"(?:\w+ ){{0,3}}to (?:the |a |an |one of the |one of your )?{_SOMEONE}\b{_NOT_ITS_DETAILS}",
    # "it'd be easier if I just spoke with someone in the office"
    rf"\b(?:easier|better|quicker|simpler|best) if (?:i|we) (?:just |could |could just |can )?"
    rf"(?:spoke|talked|speak|talk|chatted|chat) (?:to|with) (?:\w+ ){{0,2}}{_SOMEONE}\b"
    rf"{_NOT_ITS_DETAILS}",
    # "I'd better explain this to one of your colleagues"
    rf"\b(?:i|we) (?:would|had) better (?:explain|tell|describe|go through) (?:\w+ ){{0,3}}to "
    rf"(?:the |a |an |one of the |one of your )?{_SOMEONE}\b{_NOT_ITS_DETAILS}",
    # "the nurse line, can you put me on it", "put me on the billing line"
    rf"{_SOMEONE} line\b(?: \w+){{0,3}} (?:put|get|connect|transfer|pass) (?:me|us) "
    r"(?:on|onto|on to|through to|to) (?:it|that|there)\b",
    rf"\b(?:put|get|connect|transfer|pass) (?:me|us) (?:on|onto|on to|through to|to) (?:the |your )?"
    rf"{_SOMEONE} line\b",
    # staff named, then "can you put them on"
    rf"{_SOMEONE}\b(?: \w+){{0,6}} (?:can|could|would|will) you (?:just )?put (?:him|her|them) "
    r"on\b",
    # "is there a way to get past you to the people in the office"
    rf"\bget (?:past|around|beyond|by) (?:you|this|the machine|the robot|the system)\b"
    rf"(?: \w+){{0,3}} {_SOMEONE}\b",
    # "get me whoever sent it out", "find me the person who deals with this"
    r"\b(?:get|fetch|find) (?:me|us) (?:whoever|the person who|the one who|someone who|somebody "
    r"who|anyone who)\b",
    # "I'm not doing this with a computer"
    r"\bnot (?:doing|going through|dealing with|talking about) (?:this|it|that) with (?:a|the|"
    r"this|some) (?:computer|machine|robot|bot)\b",
    # "can you put a real person on", "get me off this robot and onto a colleague"
    rf"\bput (?:a |an |the )?(?:real |live |actual )?{_SOMEONE}(?: or \w+)? on$",
    rf"\b(?:off|away from) (?:this|the) (?:robot|machine|computer|bot) and (?:onto|on to|over "
    rf"to|through to) (?:a |an |the |one of )?(?:\w+ )?{_SOMEONE}\b",
)))
# Asking for someone in words that also fit a plan or a statement: they count only when
# nothing above says otherwise ("is the manager around for a quick word" now; "will the
# nurse be free for a word when I collect my dressing" later).
_SOON = re.compile("|".join((
    r"\b(?:available|free|around|about|there) (?:to|for) (?:have )?(?:a )?(?:quick |brief "
    r"|short )?(?:talk|speak|chat|word|natter|chinwag)\b",
    # "link me up with the front office", "hook us up with somebody in billing" (not "link
    # me to the support page", "hook me up with an appointment with the nurse")
    rf"\b(?:link|hook) (?:me|us) (?:up )?with (?:\w+ ){{0,2}}{_SOMEONE}{_NOT_ITS_DETAILS}",
    # "can the nurse speak to me now", "would the doctor be able to have a chat with me"
    rf"{_SOMEONE} (?:\w+ ){{0,4}}(?:talk|speak|chat|have a (?:quick )?(?:chat|word)) (?:to|with) "
    r"(?:me|us)\b",
    # "is the manager free? I'd like a word", "could spare me five minutes"
    r"\b(?:like|need|want) a (?:quick |brief )?word\b",
    rf"{_SOMEONE}(?: \w+){{0,3}} (?:spare me|have a (?:minute|moment|sec|second) for me)\b",
    # "can I just get the girls on reception", "could you grab the nurse for me"
    rf"\b(?:grab|fetch|get) (?:the |a |one of the )?{_SOMEONE}{_NOT_ITS_DETAILS}(?: \w+)? for (?:me|us)\b",
    rf"\bask (?:the |a |an )?{_SOMEONE} (?:a |some )?(?:quick )?questions?\b",
    r"\bbend the ear of\b",
    rf"\bask (?:the |a |an )?{_SOMEONE} to (?:pick up|come to the phone|take (?:my|the|this) "
    r"call)\b",
)))
# A verb of reaching, then someone within five words that start no new clause ("talk to the
# nurse"; not "I'll discuss it with my husband, he's the person who ...").
_REACH_SOMEONE = re.compile(
    rf"{_REACH}(?: (?!(?:he|she|they|it|who|i)\b)\w+){{0,5}} {_SOMEONE}{_NOT_ITS_DETAILS}")
# A weaker wish with staff named ("I need the billing team"; not "billing to send me ...").
# (the words between start no clause: "how much notice do you need when someone wants to
# cancel" asks nothing of staff)
_WANT_STAFF = re.compile(rf"{NOT_IN_A_CLAUSE_OF_TIME}{_WANT}(?: {SAME_CLAUSE_WORD}){{0,2}} "
                         rf"{_STAFF}(?! to\b)"
                         rf"{_NOT_ITS_DETAILS}")
# Returning a call: a person is needed, but a protected request said with it comes first.
_CALLED_BACK = re.compile(
    r"\b(?:returning (?:a|her|his|their|the|your) (?:\w+ )?call|i am (?:ringing|calling|phoning) "
    r"back|missed (?:a )?call from)\b")


def names_someone_only(said: str) -> bool:
    """A normalised transcript only names staff, with no verb ("reception, please", "the
    doctor or reception"): a request for a person on its own, or the end of a question."""
    return _PERSON_ALONE.search(said) is not None or _PERSON_PLEASE.search(said) is not None


def about_people(said: str) -> bool:
    """A normalised transcript asks about staff ("is the nurse in", "are you a robot", "the
    front desk's hours"), says it wants no one, or leaves a message, rather than asking to be
    put through."""
    return _ABOUT_PEOPLE.search(said) is not None


def asks_for_person(said: str, *, strong_only: bool = False) -> bool:
    """A normalised transcript asks to reach a person (not just about one).

    Args:
        said: The transcript after :func:`~verivoice.pipeline.intents.normalise`.
        strong_only: Only the plain ways of asking ("talk to someone", "put me through",
            "operator, please"), not "I need" or "get me" with a person named.
    """
    if not said or _NOT_WANTED.search(said) or _NO_PERSON_ASKED.search(said):
        return False
    if _STRONG.search(said) or _PERSON_ALONE.search(said) or _PERSON_PLEASE.search(said):
        return True
    if (_REAL_PERSON.search(said) and not _ABOUT_THE_AGENT.search(said)
            and not _A_PERSON_WHO.search(said)):
        return True
    if _SOON.search(said) and not _NOT_NOW.search(said):
        return True
    if about_people(said):
        return False
    if _REACH_SOMEONE.search(said):
        return True
    if strong_only:
        return False
    return bool(_CALLED_BACK.search(said) or _WANT_STAFF.search(said))
