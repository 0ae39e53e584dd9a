"""Tenth held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-04 without reading the routing
rules, the tests or the routing exemplars: nothing under ``pipeline/`` or
``tests/``, ``docs/routing.md`` and the bench's reports in ``bench-out/`` were
opened or searched. Of the other wording sets, only ``bench/handoff_set.py`` was
read in full (for its structures, its names and its policy and borderline
decisions), and of ``bench/handoff_heldout9.py`` only the module docstring, the
imports and the top-level names and section comments (for the layout), never
its wordings. ``verivoice/practice.example.yaml`` was read for the practice's
hand-off targets (the front desk, the billing team, the after-hours nurse line).
The wordings of the other ``bench/handoff_*.py`` and ``bench/stepup_*.py`` sets
were not read.

The wordings are phrased the way callers talk to a medical or dental practice
on the phone: terse, polite, impatient, angry, rambling with fillers, older
callers, indirect requests, slang for staff, some with a sentence of context
first, and British, Irish, Scottish, Australian, Indian, South African,
American, Canadian, Nigerian, Caribbean and non-native English. They are plain
spoken text for synthesis (no digits, no abbreviations other than "Dr.", as in
``handoff_set``).

Repeats were checked mechanically, without reading the other sets: a throwaway
script outside the repository imported every ``bench/handoff_*.py`` module
(``PERSON_REQUESTS`` and ``OTHER_REQUESTS``) and every ``bench/stepup_*.py``
module (the texts of ``PHI_REQUESTS`` and ``OTHER_QUESTIONS``), took the string
literals of ``tests/*.py`` with ``ast`` (unseen), reduced every string to its
lower-case words, and printed only this set's wordings that have the same words
as another string, or come close to one (a word-sequence similarity of nine
tenths or more). The ones it printed were reworded until none were left, which
was so when the set was written.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back, a text, an email or a message for someone is not a
transfer (negative), nor is a question about who does what, about staff, a desk
or billing, a booking with a named doctor, or "speak", "talk", "transfer",
"connect" or "put through" in another sense or declined; asking for a person
now, about a topic or by a named kind of staff (billing, accounts, finance,
scheduling, a nurse, records, the manager, the operator, a doctor by name), is a
request for a person (positive). ``PERSON_REQUESTS`` should each end in a
transfer; ``OTHER_REQUESTS`` must never transfer the call.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Terse.
    "Somebody real on the line, quick.",
    "Reception, thanks.",
    "One of the staff, please, whoever's free.",
    "Human. Now.",
    "The nurse line, can you put me on it?",
    "Operator please, I'm in a hurry.",
    # Impatient and angry.
    "Oh for goodness sake, just put me through to someone who can actually help.",
    "I've been going round in circles with you, get me a human being.",
    "Stop talking and put a real person on.",
    "This is ridiculous, I want a proper person on the phone right now.",
    "Enough with the robot, give me the front desk.",
    "I'm not doing this with a computer. Reception. Now.",
    "I've got a bill here that's completely wrong, get me whoever sent it out.",
    # Polite and older callers.
    "Hello dear, I'm not very good with these machines, could you put me on to one of the "
    "girls at the desk?",
    "Would it be possible to have a word with somebody in the office, please?",
    "Good morning. I'd be grateful if you could pass me to a member of staff.",
    "Sorry, I'm a bit hard of hearing, could I speak to a person instead of the computer?",
    "Yes hello, reception please, it's about my mum.",
    # Rambling, with fillers.
    "Um, yeah, so, I was, uh, wondering if I could maybe, like, talk to somebody there? "
    "A person, I mean.",
    "Okay so, uh, it's kind of complicated, honestly it'd be easier if I just spoke with "
    "someone in the office.",
    "Right, um, hmm, look, is there any chance of getting a real person on, because, yeah.",
    "Hold on, hold on, can I just speak to someone there, please?",
    # British.
    "Could you pop me through to reception, love?",
    "Can I have a quick word with whoever manages the practice?",
    "Put me through to someone at the surgery, would you?",
    "Any chance of speaking to an actual human, mate?",
    "I'd like to be put through to the front desk, ta.",
    # Irish.
    "Ah would you ever put me on to the girl on the desk there.",
    "Could I get talking to someone in the office, so?",
    # Scottish.
    "Can you put us through to reception, hen?",
    "I'm wanting to speak to somebody at the desk, if that's all right.",
    # Australian.
    "G'day, can you chuck me through to the girls on the front counter?",
    "Mate, just flick me over to a real person, yeah?",
    # Indian.
    "Kindly connect me to the reception person only.",
    "Please do the needful and transfer my call to the billing section.",
    "I want to talk to concerned person in accounts department.",
    # South African.
    "Howzit, can you put me through to the reception quickly?",
    "Sorry, can I please speak to one of the ladies at the front?",
    # American.
    "Yeah hi, can you transfer me to whoever handles scheduling?",
    "Can I get someone from billing on the line real quick?",
    "Just gimme a live person, okay?",
    # Canadian.
    "Sorry to bug you, could I get a hold of someone at the front desk?",
    "Could you patch me through to the office, eh?",
    # Nigerian.
    "Abeg, connect me to the customer care person.",
    "Please, I want to speak with the accountant in charge of payments.",
    "Good afternoon, please let me talk to somebody in the office, I beg.",
    # Caribbean.
    "Put me through to the lady at the desk nuh, I need to talk to her.",
    "Me want talk to a real person, please.",
    # Non-native English.
    "Please, my English not so good, I need talk with person.",
    "Is possible to speak with the secretary?",
    "I want speak with the responsible of the office, please.",
    "Please you can pass me the reception?",
    # Indirect, slang for staff.
    "I think I'd better explain this to one of your colleagues, can you put them on?",
    "Is anyone actually there? Someone who breathes?",
    "You're lovely, but I need someone with a pulse.",
    "Can you hand me over to one of your colleagues?",
    "Is there a way to get past you to the people in the office?",
    "Put me on to a live one, would you.",
    "Can I get the office lady?",
    "Right, can I talk to the desk.",
    "Could I be connected to a human assistant?",
    # Named kinds of staff, some about a topic.
    "I need to speak to a nurse about my son's fever, now please.",
    "Put me through to the after-hours nurse line.",
    "Can I talk to the accounts team about an overcharge?",
    "Could I speak with somebody in finance about a payment plan?",
    "Transfer me to whoever does the invoices.",
    "Put me through to the billing office, I've been charged twice.",
    "I'd like to speak with someone in the billing team about my statement.",
    "Could you transfer me to your payments department?",
    "Connect me to the person who handles insurance billing.",
    "Let me speak to your manager.",
    "Can I speak to whoever's in charge there?",
    "Put me through to the appointments desk.",
    "I'd like a word with the medical records people, please.",
    "Can you get the dental nurse on the line for me?",
    "Get me Dr. Okafor on the phone.",
    "Connect me with the practice nurse, please.",
    "Can I talk to somebody about my referral letter?",
    "I need to speak with someone about a complaint.",
    "Is there someone I can speak to about my prescription right now?",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but a call-back, a text, an email or a message.
    "Can you get the front desk to ring me back this afternoon?",
    "Could somebody from billing give me a call tomorrow?",
    "Please tell the receptionist I'll be ten minutes late.",
    "Would you pass a message to the nurse that my blood pressure readings are normal now?",
    "Have someone text me when my prescription's ready.",
    "Can Dr. Okafor's nurse call me when she gets a minute?",
    "Just leave a note for the practice manager that I phoned, please.",
    "I'd like someone to email me the new patient forms.",
    "Ask accounts to post me a copy of the invoice, would you?",
    "The lady at reception was really helpful yesterday, please tell her thanks.",
    # Declining a person, or a person mentioned in passing.
    "No need to put me through, just let the desk know I'm cancelling.",
    "I don't want a person, I'm fine with you.",
    "Don't transfer me, I only need the opening hours.",
    "Last time I asked for the billing team they kept me on hold forever. Anyway, what's my "
    "balance?",
    "My sister told me to ask for a real person, but actually you can probably help. When's "
    "my next check-up?",
    "I'll speak to the receptionist when I come in tomorrow.",
    "Hang on, I'm talking to someone at the door.",
    "I need to talk to my husband first, I'll call back.",
    # Questions that mention staff, a desk, billing or reception.
    "Who runs the front desk these days?",
    "Is the receptionist the same lady as last year?",
    "Does anyone there speak Portuguese?",
    "Are the nurses able to give the flu jab or is it only the doctor?",
    "What's the practice manager called, do you know?",
    "Is there a person on site on Saturdays or is it just the machine?",
    "How late is the billing team there on Fridays?",
    "Who do I make the cheque out to?",
    "Do your receptionists handle sick notes or do I ask the doctor?",
    "Is the after-hours nurse line free to call?",
    "Is there a human who listens to these calls afterwards?",
    "Does the front counter take card or only cash?",
    "Are you a robot or a real lady?",
    "Is Dr. Okafor a man or a woman?",
    "How many doctors are working today?",
    "What does the practice nurse actually do, like, can she take bloods?",
    "Who should I speak to about getting my records?",
    "Which department handles billing questions?",
    "Is there a person I could write to about a complaint?",
    "Do I need to see the front desk when I arrive or just sit down?",
    "Can the operator on your after-hours line book appointments?",
    # Transfer, connect or speak in another sense.
    "Can I transfer my records to you from my old practice?",
    "I'd like to transfer my care to your practice.",
    "Does the doctor speak Spanish?",
    "My son won't talk to strangers, can I come into the room with him?",
    "How do I connect my phone to your patient portal?",
    "Is there someone who can interpret for my mother at her appointment?",
    # Booking and rescheduling with a named doctor.
    "I'd like to book in with Dr. Okafor sometime the week after next.",
    "Can I move my appointment with Dr. Lindqvist to Friday morning?",
    "Can I see the same doctor as last time?",
    "Any chance of a slot with a female doctor?",
    "Put me down for a check-up with whoever's free on Monday.",
    "Can you put me in for a blood test Thursday?",
    # The caller's own account, for the agent itself.
    "What's my outstanding balance?",
    "Did my payment from last week go through?",
    "Can I pay off my bill in instalments?",
    "Why is there a charge on my statement for a missed appointment?",
    "Do you take payment over the phone with a debit card?",
    # Hours, access, parking.
    "Is the front entrance step-free?",
    "Where's the best place to leave the car?",
    "Are you doing normal hours on Christmas Eve or closing early?",
    "What time do you lot shut up shop on Wednesdays?",
    "My knees are bad, is there a lift or is it all stairs?",
    "Do I come in the front door or round the back?",
    "Are you lot open on Saturday mornings?",
    # Services and prices.
    "Do you do kids' jabs?",
    "Can I just walk in off the street or do I need to book?",
    "How much for a blood test if I'm not insured?",
    # Regional and non-native wordings.
    "Please tell me what time the doctor is sitting today.",
    "Please, which days are you people open?",
    "What time you all close today?",
    "Is it possible to make appointment for my daughter with lady doctor?",
    "I am asking, the reception is on which floor?",
    # Small talk and closing.
    "Lovely, cheers, that's me sorted.",
    "Sorry, say that again?",
    "No, that's grand, thanks.",
    "Ta-ra.",
)

BORDERLINE: dict[str, str] = {
    "The nurse line, can you put me on it?":
        "positive: asks to be put on the nurse line now",
    "Put me through to the after-hours nurse line.":
        "positive: asks to be put through to a named line now",
    "Put me through to someone at the surgery, would you?":
        "positive: in British English the surgery is the practice's office",
    "I've got a bill here that's completely wrong, get me whoever sent it out.":
        "positive: asks for the people who send the bills, billing by another name",
    "You're lovely, but I need someone with a pulse.":
        "positive: an indirect request for a human now",
    "I want speak with the responsible of the office, please.":
        "positive: non-native wording for the person in charge",
    "Get me Dr. Okafor on the phone.":
        "positive: asks for a doctor by name on the line now, not a booking",
    "Can I talk to somebody about my referral letter?":
        "positive: asks for a person, about a topic",
    "Could somebody from billing give me a call tomorrow?":
        "negative: a call back later, not a person on the line now",
    "Can you get the front desk to ring me back this afternoon?":
        "negative: a call back later, not a person on the line now",
    "No need to put me through, just let the desk know I'm cancelling.":
        "negative: declines a transfer and leaves a message",
    "Don't transfer me, I only need the opening hours.":
        "negative: declines a transfer, asks for the hours",
    "My sister told me to ask for a real person, but actually you can probably help. When's "
    "my next check-up?":
        "negative: reports advice to ask for a person, then asks the agent",
    "Last time I asked for the billing team they kept me on hold forever. Anyway, what's my "
    "balance?":
        "negative: billing in a past story; the request is the balance, for the agent",
    "I'll speak to the receptionist when I come in tomorrow.":
        "negative: speaking to someone later in person, not now",
    "Hang on, I'm talking to someone at the door.":
        "negative: the caller talks to someone else; no request",
    "Who should I speak to about getting my records?":
        "negative: asks who does what, not to be put through",
    "Which department handles billing questions?":
        "negative: asks who does what, not to be put through",
    "Is there a person I could write to about a complaint?":
        "negative: asks whom to write to, not for a person now",
    "Is there a person on site on Saturdays or is it just the machine?":
        "negative: a question about staffing, not a request for a person",
    "Are you a robot or a real lady?":
        "negative: a question about the agent, not a request for a person",
    "Can the operator on your after-hours line book appointments?":
        "negative: a question about what a line does",
    "Put me down for a check-up with whoever's free on Monday.":
        "negative: 'put me down' is a booking, not 'put me through'",
    "Is there someone who can interpret for my mother at her appointment?":
        "negative: asks for an interpreter at a visit, not a transfer",
    "Why is there a charge on my statement for a missed appointment?":
        "negative: a bill question for the agent, no person asked for",
}

# The positives that name billing, accounts, finance, payments or invoices (or the people who
# send the bills): the bench expects the billing line to be dialled for them, the front desk
# for every other positive, as in handoff_set.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "I've got a bill here that's completely wrong, get me whoever sent it out.",
    "Please do the needful and transfer my call to the billing section.",
    "I want to talk to concerned person in accounts department.",
    "Can I get someone from billing on the line real quick?",
    "Please, I want to speak with the accountant in charge of payments.",
    "Can I talk to the accounts team about an overcharge?",
    "Could I speak with somebody in finance about a payment plan?",
    "Transfer me to whoever does the invoices.",
    "Put me through to the billing office, I've been charged twice.",
    "I'd like to speak with someone in the billing team about my statement.",
    "Could you transfer me to your payments department?",
    "Connect me to the person who handles insurance billing.",
})
