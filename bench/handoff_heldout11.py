"""Eleventh held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-05 without reading the routing
rules, the tests or the routing exemplars: nothing under ``pipeline/``,
``tests/`` or ``docs/`` (so not ``docs/routing.md``) and none of the bench's
reports in ``bench-out/`` were opened or searched. Of the other wording sets,
only ``bench/handoff_set.py`` was read in full (for its structures, its names
and its policy and borderline decisions), of ``bench/handoff_heldout10.py`` only
the module docstring, the imports and the top-level names and section comments
(for the layout), never its wordings, and of ``bench/stepup_set.py`` only how
``PHI_REQUESTS`` and ``OTHER_QUESTIONS`` are built (for the repeat check). The
wordings of the other ``bench/handoff_*.py`` and ``bench/stepup_*.py`` sets were
not read.

The wordings are phrased the way callers talk to a medical or dental practice
on the phone: terse, polite, impatient, angry, rambling with fillers and false
starts, older callers, indirect requests that avoid the obvious words, callers
fed up with the machine, and British, Irish, Scottish, Australian, New Zealand,
Indian, South African, Canadian, Caribbean, American and non-native English.
They are plain spoken text for synthesis (no digits, no abbreviations other
than "Dr.", as in ``handoff_set``).

Repeats were checked mechanically, without reading the other sets: a throwaway
script outside the repository imported every ``bench/handoff_*.py`` module
(``PERSON_REQUESTS``, ``OTHER_REQUESTS`` and the keys of ``BORDERLINE``) and
every ``bench/stepup_*.py`` module (the texts of ``PHI_REQUESTS`` and
``OTHER_QUESTIONS``), reduced every string to its lower-case words, and printed
only the number of this set's wordings that have the same words as another
set's string, or come close to one (a word-sequence similarity of nine tenths
or more), with this set's clashing wordings and never the others'. The ones it
printed were reworded until none were left, which was so when the set was
written. It also checked that the set has no duplicates and that no wording is
both a person request and another request.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back, a text, an email, a letter or a message for someone is not
a transfer (negative), nor is a question about who does what, about staff, a
desk or billing, whether someone is in, a booking with a named doctor, a remark
about the agent, or "speak", "talk", "transfer", "connect" or "put through" in
another sense or declined; asking for a person now, about a topic or by a named
kind of staff (billing, accounts, finance, payments, a nurse, records, the
practice manager, the operator, a doctor by name), is a request for a person
(positive). ``PERSON_REQUESTS`` should each end in a transfer;
``OTHER_REQUESTS`` must never transfer the call.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Terse.
    "Put me on to the desk, cheers.",
    "Staff, please, anybody at all.",
    "A receptionist, if you would.",
    "Nurse, please, straight away.",
    "Just a human voice, please.",
    "Somebody from the practice, now please.",
    # Impatient and angry.
    "You are not understanding a word I say, hand me over to a proper person.",
    "Enough of the robot, I want a living, breathing receptionist on this call.",
    "This is the third time I've asked, put me through to the desk!",
    "Stop reading me options and find me somebody who works there.",
    "Honestly, I'm losing my patience, can anyone in that office pick up this call?",
    "I did not ring up to chat with a computer, get me the office.",
    # Polite and older callers.
    "Hello dear, I'm no good with these machines, could you find me the lady at the desk?",
    "Good afternoon, I wonder whether one of your receptionists might spare me a moment on the line?",
    "I'm eighty-four and my hearing isn't what it was, may I please speak to a real person at the surgery?",
    "Sorry to be a bother, but might I be put through to somebody in the office?",
    "If it's no trouble, I'd be grateful to speak with whoever is looking after the desk this morning.",
    # Rambling, with fillers and false starts.
    "Um, so, yeah, I was, uh, wondering if I could maybe just talk to, like, somebody up at the front?",
    "Okay so, uh, I don't, I don't really know how this works, but can you, um, get me a person?",
    "Right, um, what I'm after is, you know, someone actual, a human, to talk it through with.",
    "So I, er, I tried the website and, uh, yeah, could you just pop me through to the reception?",
    "Uh, hi, yeah, it's, um, kind of complicated, so could I, uh, talk it over with one of the staff?",
    "Can you, no wait, could I get, sorry, just put me through to the front desk please.",
    "I need the, the, what do you call it, the reception, can I be transferred over there?",
    "I wanted to ask about, actually never mind that, just connect me to a human being.",
    # British.
    "Be a dear and pop me across to the front desk, would you, love?",
    "Any chance of speaking to one of the girls at the surgery, please?",
    "I'd like a word with the practice manager, if she's about.",
    "Can I have the desk, please, I'm ringing on behalf of my mum.",
    # Irish.
    "Ah listen, would you ever connect me with whoever's minding the desk today.",
    "Grand, so can I get talking to someone in the office, so?",
    # Scottish.
    "Aye, can you put me through to somebody at the desk, hen?",
    "I'm needing to speak to one of the nurses, can you get me one?",
    # Australian.
    "G'day, can you chuck me through to reception, mate?",
    "Look, no offence, but can I just get a real person on the blower?",
    # New Zealand.
    "Kia ora, could I be put through to someone at the clinic, eh?",
    "Sweet as, can you flick me through to the nurse?",
    # Indian.
    "Kindly connect me to the concerned person at the front office.",
    "Please, I am requesting you to transfer my call to the receptionist madam.",
    "I want to speak to doctor sahib's assistant, please put me through.",
    # South African.
    "Howzit, please put me through to reception, I'm in a bit of a rush.",
    "Sharp, can I get hold of a person at the practice quickly?",
    # Canadian.
    "Sorry, eh, could you maybe transfer me over to someone at the front?",
    "Hi there, can I get a live body on the line from the clinic?",
    # Caribbean.
    "Beg you put me through to the nurse, please.",
    "Mi want talk to somebody at the front desk, please.",
    # American.
    "Hey, can you patch me through to the front office?",
    "Let me talk to a real live human, would ya?",
    "Could you get me a representative, I'm not doing this with a bot.",
    # Non-native English.
    "Please, my English is not so good, I need a person for talking, yes?",
    "Excuse me, is possible to speak with the reception lady?",
    "I want talk with human, not with machine, please.",
    "Please give me to the nurse, I have question for her.",
    # Indirect, avoiding the obvious words.
    "Would somebody in the building be able to come on the line?",
    "Could I hear an actual voice from your office, please?",
    "Whoever is sitting at the desk, can I have them?",
    "I'd sooner deal with one of your people than with this thing.",
    "Have you got anyone there with a pulse I could have a natter with?",
    "Can you get a living person on here for me?",
    # Named kinds of staff, some about a topic.
    "I'd like to talk to the practice manager, please.",
    "Put me through to medical records.",
    "Could I speak with someone in records about my file?",
    "Can I speak to Dr. Okafor, please?",
    "I need to speak to Dr. Lindqvist right now, it's about my son.",
    "If the nurse has a second, could you bring her on the line with me now?",
    "I'd like the hygienist on the phone, please, it's about my gums.",
    "Put me through to someone who can help with my referral.",
    "I need somebody who can sort out a form for my work, can you connect me?",
    "Could I talk to whoever keeps the appointment diary?",
    "Get me the on-call nurse, please.",
    # Billing, accounts, finance and payments.
    "Can you put me through to your accounts people?",
    "I need to speak to billing about a charge I don't recognise.",
    "Connect me with someone in finance, please, it's about an invoice.",
    "Could I have a word with whoever sends out the bills?",
    "Um, yeah, the billing team, can I get them on the line?",
    "I want to talk to a person about this invoice, right now.",
    "Accounts department, please.",
    "Please transfer me to the payments desk, I've been charged twice.",
    "Hiya, is there someone in billing I could talk to about a payment plan?",
    "Kindly put me through to the billing section, I have a query on my statement.",
    "Can I be transferred to somebody who can sort out my bill?",
    "Get me billing, this statement is wrong and I'm not arguing with a machine about it.",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # A call-back, a message, an email, a text or a letter.
    "Could the nurse ring me back this afternoon when she has a minute?",
    "Please have someone from billing email me a copy of the invoice.",
    "Can you pass a message to the front desk that I'll be ten minutes late?",
    "I'd like Dr. Okafor to call me when she's free, there's no rush.",
    "Would somebody be able to text me the address?",
    "I'd like the practice manager to send me a letter about how my complaint is going.",
    "Could a human being phone me back tomorrow morning instead?",
    "I don't need to talk now, just have someone give me a ring later on.",
    "Can you let the receptionist know that I called?",
    "Please ask the billing people to post me a paper statement.",
    "Could I speak to someone tomorrow instead, I'm driving at the moment.",
    # Declining a person, or a person mentioned in passing.
    "No, I don't need to speak to anyone, you've sorted it.",
    "There's no need to transfer me, I only wanted the opening times.",
    "I'd rather not talk to a person, can you just book it for me?",
    "Don't put me through to anybody, I just want to check one thing quickly.",
    "The receptionist was lovely last time, please tell her thanks.",
    "My neighbour said a nurse told her to come in fasting, is that right for blood tests?",
    "My husband wants to speak to you about his appointment, I'll put him on.",
    "Hang on, let me fetch my wife, she wants a word with you.",
    "I spoke with a nurse this morning and she said to ring back for my results, are they in?",
    # Questions about staff, a desk, billing or reception.
    "Is there a nurse working on Saturdays?",
    "Which languages does Dr. Haddad speak?",
    "Does Dr. Nguyen speak Vietnamese?",
    "Is the nurse on today, eh?",
    "Is the reception desk on the ground floor?",
    "Who should I ask about a sick note when I come in?",
    "Are your nurses able to take out stitches?",
    "Is the billing office open on Fridays?",
    "Does the practice manager deal with complaints?",
    "Is there anybody at the desk after six in the evening?",
    "Do your hygienists do whitening as well?",
    "Is Dr. Moreau a man or a woman?",
    "Will I see the same doctor every time I come?",
    "Is there somebody at the clinic who speaks Polish?",
    "Is the front desk where I hand in my forms?",
    "Does billing send out reminders before the due date?",
    "Does a nurse do the smear tests, or one of the doctors?",
    # Transfer, connect, speak or talk in another sense.
    "Can my medical records be transferred to a practice in Leeds?",
    "I'm moving house, how do I transfer my care to another clinic?",
    "Can I pay what I owe by bank transfer?",
    "Do you have wifi I can connect to in the waiting room?",
    "The line is crackly, can you speak up a bit?",
    "I'd like to talk to Dr. Brennan about my knee at my appointment on Tuesday.",
    "Will there be an interpreter so I can speak in Arabic with the doctor?",
    "Do I need to talk to a nurse before the vaccine, or can I just walk in?",
    "Is your surgery connected to the hospital's records system?",
    # Booking and rescheduling with a named doctor or kind of staff.
    "I'd like to move my appointment with Dr. Okafor to next week.",
    "Can I book in with Dr. Lindqvist on Monday?",
    "Is there a slot with Dr. Brennan before Christmas?",
    "Please cancel my visit with the hygienist on Thursday.",
    "I'd like to see a female doctor next time, can I book that?",
    "Can I switch my appointment from the nurse to a doctor?",
    # The caller's own account, for the agent itself.
    "What's my balance looking like at the moment?",
    "Did my payment from last week go through all right?",
    "When is my next check-up booked for?",
    "Has my repeat prescription been sent off yet?",
    # Hours, access, parking.
    "Is the front entrance step-free for a wheelchair?",
    "Is there an induction loop for hearing aids in your waiting area?",
    "Where's the closest place to park near you?",
    "Are you open late on Wednesdays?",
    "What time does the reception desk shut on a Friday?",
    "Is there a lift up to the dental rooms?",
    "Can I bring my guide dog into the waiting room?",
    # Services and prices.
    "How much does a scale and polish cost?",
    "Do you do travel vaccines?",
    "Do you see children under five?",
    # Remarks about the agent.
    "Hang on, is this one of those computer voices I'm hearing?",
    "You sound very human, I must say.",
    "Is this a person or a recording?",
    "Wow, you understood me better than most humans do.",
    "Can you speak a bit slower for me?",
    # Regional and non-native wordings.
    "Ah sure, is the surgery open Saturday mornings at all?",
    "Howzit, what time do you lot open tomorrow?",
    "Please, where is the clinic, I am not knowing the street.",
    "Reckon I could get in for a check-up this arvo?",
    "Kindly tell me the timings of the doctor on Sunday.",
    # Small talk and closing.
    "Lovely, that's all I needed, ta.",
    "Sorry, I didn't catch that.",
    "Cheers, have a good one.",
    "Nope, that's everything, thank you for your help.",
)

BORDERLINE: dict[str, str] = {
    "If the nurse has a second, could you bring her on the line with me now?": (
        "positive: asks for the nurse on the line now, not whether one is in"
    ),
    "Put me through to someone who can help with my referral.": (
        "positive: asks for a person now, about a topic"
    ),
    "Whoever is sitting at the desk, can I have them?": (
        "positive: asks for the desk staff now, without saying transfer or speak"
    ),
    "Could you get me a representative, I'm not doing this with a bot.": (
        "positive: asks for a representative now, out of frustration with the agent"
    ),
    "Is the nurse on today, eh?": "negative: asks whether a nurse is in, not to be put through",
    "Could a human being phone me back tomorrow morning instead?": (
        "negative: a call back later, not a person on the line now"
    ),
    "Could I speak to someone tomorrow instead, I'm driving at the moment.": (
        "negative: a later call, not a person on the line now"
    ),
    "My husband wants to speak to you about his appointment, I'll put him on.": (
        "negative: the caller hands the phone over to someone else, to the agent"
    ),
    "I'd like to talk to Dr. Brennan about my knee at my appointment on Tuesday.": (
        "negative: talking to the doctor at the visit, not on the phone now"
    ),
    "Can my medical records be transferred to a practice in Leeds?": (
        "negative: transferring records, not the call"
    ),
    "There's no need to transfer me, I only wanted the opening times.": (
        "negative: a transfer declined"
    ),
}

# The positives that name billing, accounts, finance, payments or invoices (or the people who
# send the bills): the bench expects the billing line to be dialled for them, the front desk
# for every other positive, as in handoff_set.
BILLING_REQUESTS: frozenset[str] = frozenset(
    {
        "Can you put me through to your accounts people?",
        "I need to speak to billing about a charge I don't recognise.",
        "Connect me with someone in finance, please, it's about an invoice.",
        "Could I have a word with whoever sends out the bills?",
        "Um, yeah, the billing team, can I get them on the line?",
        "I want to talk to a person about this invoice, right now.",
        "Accounts department, please.",
        "Please transfer me to the payments desk, I've been charged twice.",
        "Hiya, is there someone in billing I could talk to about a payment plan?",
        "Kindly put me through to the billing section, I have a query on my statement.",
        "Can I be transferred to somebody who can sort out my bill?",
        "Get me billing, this statement is wrong and I'm not arguing with a machine about it.",
    }
)
