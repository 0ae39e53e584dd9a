"""Ninth held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-04 without reading the routing
rules or the routing exemplars: nothing under ``pipeline/`` or ``tests/``,
``docs/routing.md`` and the bench's reports in ``bench-out/`` were opened or
searched. Of the other wording sets, only ``bench/handoff_set.py`` was read
(for its structures, its names and its policy), and of
``bench/handoff_heldout8.py`` only the module docstring and the top-level names
and section comments (for the layout), never its wordings. Of
``bench/stepup_set.py`` only the structure was looked at (how ``PHI_REQUESTS``
and ``OTHER_QUESTIONS`` are built), for the repeat check. The wordings of the
other ``bench/handoff_*.py`` and ``bench/stepup_*.py`` sets were not read.

The wordings are phrased the way callers talk to a medical or dental practice
on the phone: terse, polite, impatient, rambling with fillers, hesitant, older
callers, indirect requests that avoid the obvious keywords, and British, Irish,
Scottish, Australian, New Zealand, Indian, South African, American and
non-native English. They are plain spoken text for synthesis (no digits, no
abbreviations other than "Dr.", as in ``handoff_set``).

Repeats were checked mechanically, without reading the other sets: a throwaway
script outside the repository imported every ``bench/handoff_*.py`` module
(``PERSON_REQUESTS``, ``OTHER_REQUESTS`` and the keys of ``BORDERLINE``) and
every ``bench/stepup_*.py`` module (the texts of ``PHI_REQUESTS`` and
``OTHER_QUESTIONS``), normalised every wording to lower-case words without
punctuation, and printed only the count of this set's wordings that equal
another set's wording, or come close to one (a word-sequence similarity of
nine tenths or more), together with those wordings of this set. The ones it
printed were reworded until the count was zero, which it was when the set was
written.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back, an email, a letter, a text or a message for someone is not
a transfer (negative), nor is a question that merely mentions staff (whether a
nurse is in, which languages a doctor speaks, whether billing posts statements);
asking for a person now, about a topic or by a named kind of staff (billing,
accounts, finance, a nurse, records, the practice manager, the operator, a
representative, a doctor by name), is a request for a person (positive).
``PERSON_REQUESTS`` should each end in a transfer; ``OTHER_REQUESTS`` must never
transfer the call, and several of them name a doctor, a desk, a nurse, a
manager, reception, billing, or "speak", "talk", "transfer" or "connect" in
another sense without asking to be put through.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Terse.
    "Person, please.",
    "Front desk. Now, please.",
    "Reception, please, love.",
    "Anybody that breathes, please, not a recording.",
    "Just give me a human, for goodness sake.",
    # Impatient.
    "Look, I've been going round in circles with you, just put a proper person on.",
    "Enough of this, get me whoever's working the desk today.",
    "I haven't got all day, can you transfer me to a staff member or not?",
    "Stop asking me questions and pass me over to somebody at reception.",
    # Polite and older callers.
    "Good morning, dear, I'm not very good with these machines, could I speak to one of the girls at the desk?",
    "Excuse me, would it be possible to have a word with the receptionist, please?",
    "Hello, this is Margaret Henderson, I'd like to talk to someone in the office if I may.",
    "I'm eighty four and I can't hear you very well, can you put a real lady or gentleman on?",
    # Rambling, with fillers and hesitation.
    "Um, so, uh, I was hoping, like, to maybe just speak to somebody who actually works there, if that's okay?",
    "Yeah hi, uh, I rang earlier and, um, it's a bit complicated, so could I just talk it through with a person?",
    "Uh, right, sorry, I'm not sure how this works, is there someone in the practice I could be put through to?",
    # British.
    "Would you mind popping me across to the lovely ladies on reception?",
    "Can I have a quick natter with someone on the front desk?",
    "I'd like to speak to the practice manager, please.",
    # Irish.
    "Ah would you ever put me through to the girl on reception there.",
    "Sorry now, can I get talking to a real person at all?",
    # Scottish.
    "Aye, could you just put me through to somebody at the surgery?",
    "I'm wanting to speak to one of the nurses, hen.",
    # Australian.
    "G'day, any chance you could chuck me over to whoever's on the counter this arvo?",
    "Mate, can I just talk to a real person, yeah?",
    # New Zealand.
    "Kia ora, is there someone at reception I could have a chat with?",
    "Sweet as, can you flick me through to the front desk?",
    # Indian.
    "Kindly connect me to the reception, please.",
    "Please do one thing, transfer this call to the concerned person in billing.",
    "Madam, I need to speak with some staff member there itself.",
    # South African.
    "Howzit, can you put me through to the accounts lady quickly?",
    "Ja, I just need to speak to someone at reception now now.",
    # American.
    "Yeah, can you just patch me through to the front office?",
    "Hey, I need a live human being, can you do that?",
    "Can you connect me with the business office? I have a question about a charge.",
    # Non-native English.
    "Please, I want speak with persons from the clinic, my English is not so good.",
    "Excuse, is possible to talk with the receptionist? Machine I don't understand.",
    "I am sorry, I need real human for help me, please.",
    # Indirect, avoiding the obvious keywords.
    "Is there anyone there with a pulse I could have a word with?",
    "I'd prefer to explain this to somebody who works in the building, if you can manage that.",
    "Could you hand me over to whoever's sitting at the desk?",
    "Any chance of getting a warm body on the phone?",
    "Can I get off this robot and onto a colleague of yours?",
    # Named kinds of staff, some about a topic.
    "Could I speak to Dr. Okafor, please?",
    "I need to talk to someone about an invoice I got in the post.",
    "Put me through to the medical records department, please.",
    "Can I speak to the nurse on duty?",
    "I'd like a word with whoever deals with payments.",
    "Can I talk to the dental hygienist?",
    "Connect me to the practice manager, I want to make a complaint.",
    "Is it possible to be put through to the accounts team about my statement?",
    "Could I speak to a representative, please, it's about a referral.",
    "I'd like to speak with the operator.",
    "Let me talk to Dr. Nguyen's nurse, please.",
    "Could I have the finance office, please?",
    "Can you transfer me to the billing people? I think I've been charged twice.",
    "I wish to speak with the doctor on call now, please.",
    "Connect me with the dentist, please.",
    "I need someone from scheduling on the line, please.",
    "Put me on to someone in the records office, will you?",
    "Could I be transferred to Dr. Fitzgerald's secretary?",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but a call-back, a message, a text, a letter or an email.
    "Could the receptionist ring me back when she's free?",
    "Can you get Dr. Okafor to give me a call this afternoon?",
    "I'd like to leave a message for the nurse about my blood pressure tablets.",
    "Would somebody from billing email me a copy of the invoice?",
    "Can the practice manager write to me about my complaint?",
    "Just text me the details, no need to put me through to anyone.",
    "Could you pass a note to the front desk that I'll be ten minutes late?",
    "Ask the doctor to phone me when he's got a minute, please.",
    "Um, could someone from accounts drop me a letter explaining the charge?",
    # Questions that mention staff, a desk, billing or reception.
    "Is the nurse in on Fridays?",
    "Remind me, the practice manager, is she still the same lady as last year?",
    "Does Dr. Nguyen speak Spanish?",
    "Who would I talk to about getting my records transferred to a new practice?",
    "Is the receptionist the one who handles sick notes?",
    "Are your hygienists qualified to do whitening?",
    "Does the front desk have a card machine?",
    "Is there a person on reception at lunchtime, or do you close?",
    "How many doctors do you have at the practice?",
    "Do the nurses do ear syringing?",
    "Who's the dentist on Saturdays?",
    "Does the billing office send statements by post?",
    "Which reception do I go to, the one upstairs or downstairs?",
    "Do any of the doctors speak Polish?",
    # Transfer, connect or talk in another sense, or saying no to a person.
    "No, I don't need to speak to anyone, you've answered it, thanks.",
    "Can my prescription be transferred to the chemist on the high street?",
    "I'm fine talking to you, actually, just tell me the opening times.",
    "Is the car park connected to the main building?",
    "Can I talk to you about booking a filling?",
    "I don't want to talk about it on the phone, I'll explain when I come in.",
    "Do I have to speak to reception when I arrive or is there a self check in screen?",
    # Booking and rescheduling with a named doctor.
    "I'd like to book in with Dr. Okafor next week, please.",
    "Can I move my appointment with Dr. Fitzgerald to a later time?",
    "I want to speak to the doctor about my knee when I come in on Tuesday, how long is the slot?",
    "My son would like to talk to the dentist about braces at his next check up, is that alright?",
    # Hours, access, parking, forms.
    "What time does reception open on a Monday?",
    "My walker won't manage stairs, have you got a lift in your building?",
    "Where do I leave the car, is there parking out the back?",
    "Is the surgery shut over Christmas?",
    "Where do I hand in the registration form?",
    "Can I fill in the new patient forms online before I come?",
    "Is there disabled parking close to the door?",
    "How late are you open on Thursday evenings?",
    "Which entrance do I use, the front desk is round the side, isn't it?",
    # Services and prices.
    "Roughly what would I pay for a clean and polish with the hygienist?",
    "We're off to Kenya in the spring, do you give the jabs for that?",
    "Are you taking on new patients on the health service?",
    "Do you see children for fillings?",
    "Can I get a sick note from the doctor without coming in?",
    "Do you offer payment plans for implants?",
    # Regional and non-native wordings.
    "Howzit, what time do you close this afternoon?",
    "Ah sure, is the surgery open on a Saturday morning at all?",
    "Aye, is there a bus that goes past the practice?",
    "Kindly tell me the timings of the clinic, please.",
    "Please, the doctor, he is working today or no?",
    "Good day, I wish to know if the dentist is a lady or a gentleman.",
    "Mate, do I need to bring my Medicare card?",
    "Sweet, is there a chemist near the practice?",
    # Small talk and closing.
    "Oh, you're very good, thank you, love, that's all I needed.",
    "Sorry, say that again, I didn't catch it.",
    "Cheers, bye now.",
    "Hello? Hello, can you hear me?",
    "Gosh, you sound just like a real person.",
    "Thanks a million, you've been a great help.",
)

BORDERLINE: dict[str, str] = {
    "Could the receptionist ring me back when she's free?":
        "negative: a call back later, not a person on the line now",
    "Could you pass a note to the front desk that I'll be ten minutes late?":
        "negative: a message for the desk, not a transfer",
    "Would somebody from billing email me a copy of the invoice?":
        "negative: an email from billing, not a person on the line now",
    "Who would I talk to about getting my records transferred to a new practice?":
        "negative: asks who handles something, and 'transferred' is about records",
    "Can I talk to you about booking a filling?":
        "negative: talks to the agent itself about a booking",
    "I want to speak to the doctor about my knee when I come in on Tuesday, how long is the slot?":
        "negative: speaking to the doctor at the visit, a question about the appointment",
    "Do I have to speak to reception when I arrive or is there a self check in screen?":
        "negative: a question about arriving, not a request to be put through",
    "Gosh, you sound just like a real person.":
        "negative: a remark about the agent, not a request for a person",
    "Could I speak to Dr. Okafor, please?":
        "positive: asks for a doctor by name, now",
    "I need to talk to someone about an invoice I got in the post.":
        "positive: asks for a person, about a topic (billing)",
    "Is there anyone there with a pulse I could have a word with?":
        "positive: asks for a person without the obvious keywords",
    "Ja, I just need to speak to someone at reception now now.":
        "positive: 'now now' is South African for soon; still a request for a person",
    "I wish to speak with the doctor on call now, please.":
        "positive: asks for a named kind of staff, now",
}

# The positives that name billing, accounts or finance (or the people who sort out the bills):
# the bench expects the billing line to be dialled for them, the front desk for every other
# positive, as in handoff_set.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "Please do one thing, transfer this call to the concerned person in billing.",
    "Howzit, can you put me through to the accounts lady quickly?",
    "Can you connect me with the business office? I have a question about a charge.",
    "I need to talk to someone about an invoice I got in the post.",
    "I'd like a word with whoever deals with payments.",
    "Is it possible to be put through to the accounts team about my statement?",
    "Could I have the finance office, please?",
    "Can you transfer me to the billing people? I think I've been charged twice.",
})
