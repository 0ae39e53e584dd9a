"""Eighth held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-03 without reading the routing
rules or the routing exemplars: nothing under ``pipeline/`` or ``tests/``,
``docs/routing.md`` and the bench's reports in ``bench-out/`` were opened or
searched. Of the other wording sets, only ``bench/handoff_set.py`` was read
(for its structures and its policy), and of ``bench/handoff_heldout7.py`` only
the module docstring and the top-level names (for the layout; listing those
names showed the first few of its billing wordings, which none here imitates).
The wordings of the other ``bench/handoff_*.py`` and ``bench/stepup_*.py`` sets
were not read.

The wordings are phrased the way callers talk to a medical or dental practice
on the phone: terse, polite, impatient, rambling with fillers, hesitant, older
callers, indirect requests that avoid the obvious keywords, and British, Irish,
Scottish, Australian, New Zealand, Indian, South African, American and
non-native English. They are plain spoken text for synthesis (no digits, no
abbreviations).

Repeats were checked mechanically, without reading the other sets: a script
imported every ``bench/handoff_*.py`` module (``PERSON_REQUESTS``,
``OTHER_REQUESTS`` and the keys of ``BORDERLINE``) and every
``bench/stepup_*.py`` module (the texts of ``PHI_REQUESTS`` and
``OTHER_QUESTIONS``), normalised every wording to lower-case words without
punctuation, and printed only the count of this set's wordings that equal
another set's wording, or come close to one (a word-sequence similarity of
nine tenths or more), together with those wordings of this set. The count was
zero when the set was written.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back, an email, a letter, a text or a message for someone is not
a transfer (negative), nor is a question that merely mentions staff (whether a
nurse is in, who handles complaints, which desk deals with payment plans);
asking for a person now, about a topic or by a named kind of staff (billing,
accounts, finance, a nurse, records, the practice manager, the operator, a
representative), is a request for a person (positive). ``PERSON_REQUESTS``
should each end in a transfer; ``OTHER_REQUESTS`` must never transfer the call,
and several of them name a person, a desk, a nurse, a manager, billing, or
"transfer", "connect" or "put through" in another sense without asking to be put
through. The negatives ask nothing about the caller's own records or account.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Terse.
    "Just the receptionist, cheers.",
    "Anyone human?",
    "Stop, stop. Person. I want a person.",
    "Accounts, please.",
    # Impatient.
    "Look, I've been going round in circles with you, just put a human on.",
    "Enough of this, get me someone who actually works there.",
    "I'm not doing this with a robot, find me a proper person.",
    "I've been waiting long enough, get me a customer service representative.",
    # Polite and older callers.
    "Good morning, dear, would you be so kind as to put me through to the lady on reception?",
    "I'm eighty-two and I don't get on with these machines, could I speak to a real person, love?",
    "Excuse me, I wonder if I might have a word with one of the nurses, if it's no trouble.",
    "Sorry to be a nuisance, but is there any chance of talking to a living soul?",
    # Rambling, with fillers and hesitation.
    "Um, okay, so, I rang about something a bit complicated and, uh, honestly I think I'd be "
    "better off just, um, talking it through with someone at the desk, if that's alright?",
    "Uh, hi, okay, so this is, um, kind of complicated, can you, uh, hand me over to one of the "
    "staff?",
    "Er, right, I'm not sure you can help with this, so, um, could I get one of the team on the "
    "line?",
    "Um, is there, uh, someone in billing I could talk to right now?",
    "I, well, I don't quite know how to say this, but, um, could I maybe speak to the nurse?",
    # British.
    "Could you pop me through to reception, please?",
    "Can I have a quick word with the practice manager, please?",
    "Put me on to someone in the surgery, would you?",
    "Right, I want the finance office on the line, please.",
    # Irish.
    "Ah, would you ever put me onto one of the girls at the desk?",
    "Grand, so can I talk to an actual person there so?",
    # Scottish.
    "Aye, can I speak to somebody at reception the now?",
    "Och, just put us through to a real body, hen.",
    # Australian.
    "Mate, can you just flick me through to someone at the front?",
    "Reckon I could have a chat with one of the nurses, no worries if not?",
    "G'day, can you put me onto accounts, mate?",
    # New Zealand.
    "Kia ora, could you put me through to the receptionist, eh?",
    "Sweet as, can I have a yarn to someone in the office then?",
    # Indian.
    "Please do the needful and connect me to your front office person.",
    "Sir, please give the line to any staff member, I will explain to them directly.",
    # South African.
    "Howzit, can you put me through to reception now now?",
    "Ja, no, I'd rather talk to one of the ladies at the front, hey.",
    # American.
    "Can you patch me through to a live person?",
    "Yeah, I need to talk to somebody there, like, a real human, please.",
    "Hiya, can I get transferred to whoever sorts out the bills?",
    # Non-native English.
    "Please, I want speak with person from clinic, not computer.",
    "Excuse, my English not so good, is possible talk with human people?",
    "I am sorry, I cannot understand machine. You can give me to a real person?",
    # Indirect, avoiding the obvious keywords.
    "Is there anyone with a pulse I could chat with?",
    "Could I explain this to somebody who works there instead of you?",
    "You're lovely, but I need someone with a heartbeat.",
    "Can you hand the phone to whoever's at the desk?",
    # Named kinds of staff, some about a topic.
    "I'd like the operator, please.",
    "Can you put me through to whoever looks after patient records?",
    "Connect me with the practice manager, it's about how I was treated last week.",
    "Is the dental nurse free to come to the phone?",
    "Could I speak with someone in accounts about an invoice you sent me?",
    "Put me through to your finance people, I've got a query on a payment.",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but a call-back, a message, a text or an email.
    "Could someone ring me back this afternoon instead?",
    "Please have the practice manager give me a call when she's free.",
    "I'd like to leave a message for the receptionist, please.",
    "Could you pass word to the front desk that I'm stuck in traffic?",
    "Could the nurse ring me tomorrow morning rather than today?",
    "Can someone from the practice text me the address?",
    "Please ask the manager to email me about the complaint I sent in.",
    "I just wanted to say the nurse was brilliant with my son, please pass on my thanks.",
    # Questions that mention staff, a desk, billing or the operator.
    "Which days does the hygienist work?",
    "Should I address my complaint letter to the practice manager?",
    "Just for future reference, does billing or reception handle payment plans?",
    "Does the billing office accept card payments over the counter?",
    "Is the reception area fitted with a loop for hearing aids?",
    "Is there an operator after hours, or just a recorded message?",
    "Is the receptionist the same lady who was there last year? She was lovely.",
    "Do you have someone who speaks Spanish at reception?",
    "Um, is it, uh, true that you're getting a new doctor starting next month?",
    # Transfer, connect, put through in another sense, or saying no to a person.
    "I don't need to speak to anyone, I just want your opening hours.",
    "No need to put me through, just tell me if you're open tomorrow.",
    "Can you put me through the steps for registering as a new patient?",
    "Is it okay if I transfer over to your practice from my old dentist?",
    "Can a prescription be transferred to a different pharmacy, in general?",
    "Are you connected with any orthodontists you refer people to?",
    "How do I connect to a video appointment, is there an app?",
    "Wait, am I talking to a computer right now?",
    # Hours, access, logistics.
    "What time does the surgery shut on a Friday?",
    "Is there a lift to the first floor?",
    "Is the front entrance step-free for a pram?",
    "Is there a car park, or is it street parking?",
    "Do you take walk-ins, or do I need to book first?",
    "Are you open over the Easter long weekend?",
    "Can my carer come in with me?",
    "Where's the nearest chemist to you?",
    "Are you the dental practice or the medical centre next door?",
    "What's the best time of day to ring when it's quiet?",
    # Services and prices.
    "How much is a scale and polish?",
    "Is the practice bulk billing for pensioners, or do we pay a gap fee?",
    "Does the dentist do home visits for elderly patients?",
    "Um, so, like, do you guys do clear aligners, or, uh, just regular braces?",
    "Do you do the free school dental checks?",
    "Could you email me the new patient forms?",
    "Can you post me a leaflet about your fees?",
    # Regional and non-native wordings.
    "What are the clinic timings on Sunday, please?",
    "What is the fees for cleaning of teeth?",
    "Which robot do I turn at to get to the clinic?",
    "Och, no bother, I'll just pop in tomorrow instead.",
    "I'll leave it for now and ring again next week so.",
    # Small talk and closing.
    "Sorry, I think I pressed the wrong thing, can you say the options again?",
    "Hang on, my kettle's boiling, give me a second.",
    "Cheerio then.",
)

BORDERLINE: dict[str, str] = {
    "Reckon I could have a chat with one of the nurses, no worries if not?":
        "positive: asks for a nurse on the line now, only softened",
    "Howzit, can you put me through to reception now now?":
        "positive: South African 'now now' means shortly, still a transfer",
    "Is the dental nurse free to come to the phone?":
        "positive: asks for the nurse to come to the phone, not whether she is in",
    "Could I explain this to somebody who works there instead of you?":
        "positive: asks for a member of staff instead of the agent, without the keywords",
    "Connect me with the practice manager, it's about how I was treated last week.":
        "positive: a named kind of staff, about a complaint",
    "Hiya, can I get transferred to whoever sorts out the bills?":
        "positive: asks for billing staff without naming the department",
    "Please have the practice manager give me a call when she's free.":
        "negative: a call back later, not a person on the line now",
    "Could you pass word to the front desk that I'm stuck in traffic?":
        "negative: a message for the desk, not a transfer",
    "Just for future reference, does billing or reception handle payment plans?":
        "negative: asks which desk handles something, not to be put through",
    "Is there an operator after hours, or just a recorded message?":
        "negative: a question about the service, not a request for the operator",
    "Do you have someone who speaks Spanish at reception?":
        "negative: a question about the staff, not a request to speak to them",
    "I don't need to speak to anyone, I just want your opening hours.":
        "negative: declines a person explicitly",
    "No need to put me through, just tell me if you're open tomorrow.":
        "negative: declines a transfer explicitly",
    "Can you put me through the steps for registering as a new patient?":
        "negative: 'put me through the steps' means explain, not transfer",
    "Is it okay if I transfer over to your practice from my old dentist?":
        "negative: moving practices, not transferring the call",
    "Wait, am I talking to a computer right now?":
        "negative: a question about the agent, not a request for a person",
    "Which robot do I turn at to get to the clinic?":
        "negative: South African 'robot' is a traffic light; asks for directions",
    "Is the practice bulk billing for pensioners, or do we pay a gap fee?":
        "negative: Australian question about fees, not a request for billing",
}

# The positives that name billing, accounts or finance (or the people who sort out the bills):
# the bench expects the billing line to be dialled for them, the front desk for every other
# positive, as in handoff_set.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "Accounts, please.",
    "Um, is there, uh, someone in billing I could talk to right now?",
    "Right, I want the finance office on the line, please.",
    "G'day, can you put me onto accounts, mate?",
    "Hiya, can I get transferred to whoever sorts out the bills?",
    "Could I speak with someone in accounts about an invoice you sent me?",
    "Put me through to your finance people, I've got a query on a payment.",
})
