"""Twelfth held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-05 without reading the routing
rules, the tests or the routing exemplars: nothing under ``pipeline/``,
``tests/``, ``docs/`` or the bench's reports in ``bench-out/`` was opened,
grepped or searched. Of the other wording sets, only ``bench/handoff_set.py``
was read in full (for its structures, its names and its policy and borderline
decisions), and of ``bench/handoff_heldout10.py`` only its first fifty lines
(the module docstring and the imports, for the layout and the docstring's
shape) and the two lines that declare ``BORDERLINE`` and ``BILLING_REQUESTS``,
never its wordings. ``verivoice/practice.example.yaml`` was read for the
practice's hand-off targets (the front desk, the billing team, the after-hours
nurse line). The wordings of the other ``bench/handoff_*.py`` and
``bench/stepup_*.py`` sets were not read.

The wordings are phrased the way callers talk to a medical or dental practice
on the phone: terse, polite, impatient, angry, rambling with fillers, older
callers, indirect requests, slang for staff, some with a sentence of context
first, and British, Irish, Scottish, Australian, Indian, South African,
American, Canadian, Nigerian, Caribbean and non-native English. They are plain
spoken text for synthesis (no digits, no abbreviations other than "Dr.", no
symbols, as in ``handoff_set``).

Repeats were checked mechanically, without reading the other sets: a throwaway
script outside the repository imported every ``bench/handoff_*.py`` module
(``PERSON_REQUESTS`` and ``OTHER_REQUESTS``) and every ``bench/stepup_*.py``
module (the texts of ``PHI_REQUESTS`` and ``OTHER_QUESTIONS``), took the string
literals of ``tests/*.py`` with ``ast`` (unseen), reduced every string to its
lower-case words, and printed only this set's wordings that have the same words
as another string, come close to one (a word-sequence similarity of nine tenths
or more), or, when three words or longer, occur inside a string literal of the
tests. The ones it printed were reworded until none were left, which was so
when the set was written.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back, a text, an email or a message for someone is not a
transfer (negative), nor is a question about who does what, about staff, a desk
or billing, a booking or a rescheduling with a named doctor, a question about
the caller's own bill or appointments (those go to verification), or "speak",
"talk", "transfer", "connect" or "put through" in another sense or declined;
asking for a person now, about a topic or by a named kind of staff (billing,
accounts, finance, scheduling, a nurse, records, the manager, the operator, a
doctor by name), is a request for a person (positive). ``PERSON_REQUESTS``
should each end in a transfer; ``OTHER_REQUESTS`` must never transfer the call.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Terse.
    "Someone real. Now.",
    "Real human being, please.",
    "Staff member. Any staff member.",
    "Honestly, just a human. That's all I'm after.",
    "Get me the desk.",
    "Reception, if you don't mind, quick as you can.",
    # Polite.
    "Good morning, would it be possible to speak with a member of staff, please?",
    "Sorry to be a nuisance, but might I speak to an actual person?",
    "If it's no trouble, I'd like to be put through to somebody in the office.",
    "Hello dear, could you find me a real person to talk to?",
    "Would you be so kind as to pass me on to one of your staff?",
    # Impatient and angry.
    "I've been on this line for ages, get me a human this minute.",
    "Stop talking and put me through to somebody, for goodness' sake.",
    "This is ridiculous. I want a living, breathing person on the phone.",
    "No, no, no. Human. Get me a human.",
    "I'm not answering any more of your questions, just connect me to someone.",
    "Useless thing. Give me a person before I lose my temper.",
    # Rambling, with fillers.
    "Um, yeah, so, I was wondering, like, could I maybe have a chat with somebody there?",
    "Right, okay, erm, is it possible to get, you know, an actual person on?",
    "So basically, uh, I just need to speak to someone in the practice, if that's alright.",
    "Hi, yes, hello, sorry, I'm a bit all over the place today, can I just talk to a "
    "person at the surgery?",
    # Older callers.
    "I'm an old man and these machines confuse me, son, put me on to a proper person.",
    "Hello? Hello? Is this the surgery? I'd like the receptionist, please.",
    "I don't do these computer voices, young lady, I'd like a person.",
    "My hearing isn't what it was, could one of the girls at the desk come on the line?",
    # British, Irish, Scottish.
    "Could you put me through to reception, please, love?",
    "Would you ever put me on to someone at the desk there?",
    "Ah here, I'm after ringing three times already, give me a real person.",
    "Can ye put us through tae someone at the front desk?",
    "Aye, I'd like a word wi' the receptionist if that's possible.",
    # Australian, South African.
    "G'day, can you chuck me through to the front desk, mate?",
    "Mate, I just need a real person, can you sort that out for me?",
    "Howzit, can you put me through to someone at reception quickly?",
    "Ag, man, please just connect me to a person now now.",
    # Indian.
    "Kindly connect me to the concerned person at the reception.",
    "Please do the needful and transfer me to your front office staff.",
    "Madam, I want to talk to your receptionist only, please connect.",
    # American, Canadian.
    "Hey, can you get me the front desk real quick?",
    "Yeah, I need a live person, not a recording.",
    "Sorry, could you pass me along to someone at the front, eh?",
    # Nigerian, Caribbean.
    "Abeg, connect me to somebody for the office.",
    "Please, I want to speak with one of the staff there, connect me.",
    "Put me to a real person nah, I don't want to talk to no machine.",
    "Yes, darling, pass me over to the receptionist please.",
    # Non-native English.
    "Please, I want speak with person of the clinic, not computer.",
    "Is possible to talk with the secretary? I prefer a human.",
    "Excuse, can you give me a person from reception? My English is not so good.",
    # With a sentence of context first.
    "I've got a question your system can't answer. Can I talk to somebody?",
    "My mum's just had a fall and I'm in a state. Get me someone at the practice, please.",
    "I tried sorting this out on the website and it's not having it. "
    "Can you put me through to the office?",
    # Operator, agent.
    "Can I get the operator?",
    "Representative. Agent. Whoever.",
    "Could you transfer me to an agent, please?",
    # Front desk and reception.
    "Can I speak to whoever's on reception today?",
    "Put me on with the front desk, thanks.",
    "I'd like to be connected to the front desk, please.",
    # Nurse.
    "Can I speak to one of the nurses, please?",
    "I need to talk to a nurse now, my little one is burning up.",
    "Is there a nurse on that I could have a word with?",
    "Put me through to the practice nurse, please.",
    # Scheduling.
    "Can you put me through to the appointments desk?",
    "I want to talk to whoever does the bookings.",
    "Scheduling team, please. I need a person for this.",
    # Records.
    "Could I be transferred to medical records, please?",
    "I need to speak to someone in the records office.",
    # The manager.
    "I want the practice manager. Now.",
    "I'd like your manager on the line, please, I've a complaint.",
    "Whoever's in charge there, put them on the phone.",
    # A doctor by name.
    "Can you put me through to Dr. Okonkwo, please?",
    "I need to speak to Dr. Reilly directly, it can't wait.",
    "Is it possible to be connected to Dr. Sharma's room?",
    "I'd like a word with Dr. MacLeod, please. Is he about?",
    # A transfer, no target named.
    "Just transfer me.",
    "Can you transfer this call, please?",
    # Billing, accounts, finance.
    "Put me through to your accounts department, please.",
    "Can I have a word with somebody in finance?",
    "Billing. I need billing.",
    "I'd like to speak with your billing team about an invoice.",
    "Could you connect me to whoever handles the payments side of things?",
    "Yes hello, I need the accounts lady, the one who sorts the invoices.",
    "Kindly transfer my call to the billing section.",
    "Can I get somebody from billing on the line? I've been charged twice.",
    "Let me talk to the money people, please.",
    "I want to chat to someone in accounts about a charge, if that's alright.",
    "Abeg, put me through to the bills people.",
    "Finance department, please. It's about a refund I'm owed.",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # A call-back, a text, an email or a message, not a transfer.
    "Could the nurse ring me back this afternoon?",
    "Can somebody call me back when the office opens?",
    "Just have someone phone me later, I'm at work.",
    "Can you text me the address, please?",
    "Can you send me a text reminder the day before?",
    "Would you be able to email over the registration paperwork for my son?",
    "Please let Dr. Okonkwo know I rang.",
    "Can I leave a message for the practice manager?",
    "Tell the billing team I'll pay on Friday, would you?",
    "Pass a message to the receptionist that I'll be ten minutes late.",
    "Could the accounts people send me an email about it instead?",
    # Questions about who does what, about staff, a desk or billing.
    "Who handles billing queries at your practice?",
    "Who would I see about getting a sick note?",
    "Is Sandra still on reception, or has she left?",
    "How many nurses have you got working there?",
    "Is the front desk open at lunchtime?",
    "Does your billing office accept cheques?",
    "Is there a receptionist in on a Saturday morning?",
    "Who runs the place these days, what's the manager called?",
    "Are the nurses the ones who do smear tests?",
    "Is Dr. Reilly a man or a woman?",
    "Does the finance team work on Fridays?",
    "Is the billing office in the same building as the surgery?",
    "Do your receptionists deal with repeat prescriptions, or is that online?",
    # Booking or rescheduling with a named doctor.
    "I'd like to book in with Dr. Sharma next week.",
    "Can I see Dr. MacLeod instead of the locum?",
    "I need to move my appointment with Dr. Okonkwo to the afternoon.",
    "Could I change my Tuesday slot with Dr. Reilly to another day?",
    "Is Dr. Adeyemi taking bookings for next month?",
    # "Speak", "talk", "transfer", "connect", "put through" in other senses.
    "Does Dr. Haddad speak Arabic?",
    "Do any of your doctors speak Punjabi?",
    "My dad doesn't speak English, can he bring an interpreter?",
    "I'll talk to my wife and ring you back.",
    "Can the doctor talk me through my results at the appointment?",
    "How do I get my records transferred from my old practice?",
    "Can I transfer my repeat prescription to a different chemist?",
    "Is there wifi I can connect to in the waiting room?",
    "Has my referral been put through to the hospital yet?",
    "Can you put me down for a flu jab?",
    "The last time I rang, you put me through to the wrong place and I got cut off. "
    "Anyway, what time do you open tomorrow?",
    # Declined.
    "No, don't put me through to anyone, I only need your hours.",
    "I don't need to speak to anybody, just tell me when you close.",
    "You don't have to transfer me, that answers it, thanks.",
    "No need to connect me, I'll pop in instead.",
    "I don't want a person, the machine is fine. What's your address?",
    # Hours.
    "What time do you open on a Wednesday?",
    "Will you be open at all on the day before Christmas?",
    "What time do you shut tonight, love?",
    "Are yous open on a Sunday at all?",
    "Is the surgery open over the New Year?",
    "Mi soon reach, unnu close fi lunch or no?",
    "Kindly tell me the clinic timings for Saturday.",
    # Address, parking, the front door.
    "Remind me whereabouts on Main Street you lot are?",
    "What's the nearest cross street to you?",
    "Can I park out the front?",
    "Is there disabled parking at the practice?",
    "Will my gran's mobility scooter fit through your front door, do you reckon?",
    "Is there a lift or is it all stairs?",
    "Is the main entrance step free?",
    "Is there safe parking for the bakkie by you?",
    # Services.
    "Can I get bloods taken at yours or do I go to the hospital?",
    "Do your doctors look after wee ones or only grown ups?",
    "I'm off to Ghana in the spring, would you do the jabs for that?",
    "Is there a women's health clinic?",
    "Do you offer video consultations?",
    "How much does a private check-up cost?",
    "Are you taking on new patients at the moment?",
    "Please, how much una dey charge for consultation?",
    # The caller's own bill, appointments and results.
    "How much is outstanding on my account?",
    "Did my payment come through?",
    "Why was I charged for my last visit?",
    "When's my next appointment with you?",
    "Have I got anything booked in for next week?",
    "Can you cancel my appointment on Monday?",
    "Are my blood results back yet?",
    "Is my repeat prescription ready to collect?",
    # About the agent.
    "Hang on, is this one of them computer voices I'm talking to?",
    "Are you a robot or what?",
    # Small talk.
    "Thanks, that's all I needed.",
    "Sorry, you lost me there, could you go over that once more slowly?",
    "How's your day going?",
    "Lovely, that's grand, cheers, bye bye.",
    "Is it going to rain this afternoon?",
)

BORDERLINE: dict[str, str] = {
    "Could the nurse ring me back this afternoon?":
        "negative: a call back later from a nurse, not a person on the line now",
    "Can you send me a text reminder the day before?":
        "negative: a text, not a transfer",
    "Could the accounts people send me an email about it instead?":
        "negative: an email from billing, not a transfer",
    "Tell the billing team I'll pay on Friday, would you?":
        "negative: a message for billing, not a transfer",
    "Who handles billing queries at your practice?":
        "negative: a question about who does what, not a request to be put through",
    "Is the front desk open at lunchtime?":
        "negative: a question about a desk, not a request for it",
    "I'd like to book in with Dr. Sharma next week.":
        "negative: a booking with a named doctor, not a transfer to him",
    "How do I get my records transferred from my old practice?":
        "negative: 'transferred' and 'records' in another sense",
    "Has my referral been put through to the hospital yet?":
        "negative: 'put through' in another sense; the caller's own referral",
    "No, don't put me through to anyone, I only need your hours.":
        "negative: a transfer declined",
    "The last time I rang, you put me through to the wrong place and I got cut off. "
    "Anyway, what time do you open tomorrow?":
        "negative: a past transfer told as context; the question is the hours",
    "Does Dr. Haddad speak Arabic?":
        "negative: 'speak' in another sense",
    "Hang on, is this one of them computer voices I'm talking to?":
        "negative: a question about the agent, not a request for a person",
    "How much is outstanding on my account?":
        "negative: the caller's own bill goes to verification, not to a person",
    "Let me talk to the money people, please.":
        "positive: slang for billing staff; billing line",
    "I want to chat to someone in accounts about a charge, if that's alright.":
        "positive: asks for a person about a topic; billing line",
    "Can you put me through to Dr. Okonkwo, please?":
        "positive: asks for a doctor by name, now",
    "Could I be transferred to medical records, please?":
        "positive: asks for a named kind of staff, whether or not there is a records line",
    "Is there a nurse on that I could have a word with?":
        "positive: asks for a nurse, whether or not there is a nurse line",
    "Whoever's in charge there, put them on the phone.":
        "positive: asks for the manager without the word",
    "Just transfer me.":
        "positive: asks to be transferred, no target named",
    "Useless thing. Give me a person before I lose my temper.":
        "positive: an angry request for a person, no polite form",
}

# The positives that ask for billing, accounts or finance staff: the bench expects the
# billing line to be dialled for them, the front desk for every other positive.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "Put me through to your accounts department, please.",
    "Can I have a word with somebody in finance?",
    "Billing. I need billing.",
    "I'd like to speak with your billing team about an invoice.",
    "Could you connect me to whoever handles the payments side of things?",
    "Yes hello, I need the accounts lady, the one who sorts the invoices.",
    "Kindly transfer my call to the billing section.",
    "Can I get somebody from billing on the line? I've been charged twice.",
    "Let me talk to the money people, please.",
    "I want to chat to someone in accounts about a charge, if that's alright.",
    "Abeg, put me through to the bills people.",
    "Finance department, please. It's about a refund I'm owed.",
})
