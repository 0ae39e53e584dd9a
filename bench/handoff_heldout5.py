"""Fifth held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-03 without reading the routing
rules or the routing exemplars (``pipeline/``, ``tests/test_intents.py``,
``tests/test_concepts.py``, ``docs/routing.md`` or any other file that holds
them). The wordings are phrased the way callers talk to a clinic on the phone,
including regional and non-native English, and none repeats (even
near-verbatim) a wording from ``bench/handoff_set.py``,
``bench/handoff_heldout.py``, ``bench/handoff_heldout2.py``,
``bench/handoff_heldout3.py``, ``bench/handoff_heldout4.py``,
``bench/stepup_*.py`` or ``tests/``.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back or a message for someone is not a transfer (negative);
asking for a person about a topic, or for a named kind of staff (billing, a
nurse, scheduling, the practice manager), is a request for a person
(positive). ``PERSON_REQUESTS`` should each end in a transfer;
``OTHER_REQUESTS`` must never transfer the call, and several of them name a
person, a desk, a transfer or "somebody" without asking to be put through.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Terse.
    "Reception.",
    "Just the front office, yeah?",
    "Operator, please.",
    "Receptionist, ta.",
    # Polite.
    "Good morning, would it be possible to have a quick word with one of the receptionists?",
    "Sorry to be a pain, but could you pass me over to someone in the office?",
    "If it's no trouble, I'd rather chat with somebody on your staff.",
    "Hello dear, can you put me onto one of the girls at the desk?",
    # Frustrated.
    "Oh for heaven's sake, I want somebody with a pulse on this line.",
    "You keep getting it wrong, I need an actual member of staff, now.",
    "Enough of this robot rubbish, give me a real receptionist.",
    "I've pressed every button going, just let me speak to a human.",
    "No, no, no, I don't want options, I want a person.",
    # Rambling, with fillers.
    "Um, so, yeah, could I maybe, like, chat to whoever's on the desk today?",
    "Right, okay, er, I think it's probably easier if I just talk to someone there, yeah?",
    "So basically, uh, my mum's got questions and, um, she'd like a real person to explain.",
    "Hmm, I dunno, is there, like, a nurse or someone I could speak with quickly?",
    # Regional idioms and slang.
    "Any way I can get handed over to the desk staff, duck?",
    "Any chance of getting through to a real bod in reception, mate?",
    "Ah go on, put me over to one of the lads in the office there.",
    "Would ya connect me with one of the ladies at reception, please, pet?",
    "G'day, reckon I could have a natter with whoever's minding the front counter?",
    "Sir, I am requesting you to link me with the front desk lady only.",
    "Kindly patch me to the duty nurse, it is somewhat urgent.",
    "Abeg, make I talk to somebody for the office, this machine no dey hear me.",
    "Yo, can I just get somebody real on the phone real quick?",
    # Non-native English and older callers.
    "Please, I want speak with a people from the clinic, not computer.",
    "Excuse me, my English is not so good, better I talk to receptionist.",
    "I am calling for my father, please give me to the staff person.",
    "I'm eighty-four and I can't manage these machines, dear, get me a real lady.",
    "Hello? Hello? Is that a recording? I want the girl at the front, please.",
    # Questions.
    "Is there anybody in the building I could actually talk to?",
    "Is a live human able to pick up, or is it only you?",
    "Is it possible to get hold of someone from scheduling?",
    "Is the practice manager around to have a word with me?",
    # A reason first, then the request.
    "My referral form got bounced back twice, I need to sort it out with someone there.",
    "The pharmacy says the script was never sent, so can I talk to a nurse about it?",
    "My daughter's had a reaction to the jab, please put me through to a nurse.",
    "I was charged twice for the same visit, get me someone in accounts, please.",
    "There's a late fee on my statement I don't understand, can I speak to billing?",
    "I paid online and it still shows as owing, can you connect me with payments?",
    "My appointment vanished from the portal, I need a word with scheduling.",
    "The letter says my claim was denied, I want to discuss it with the billing office.",
    # A named kind of staff with a topic.
    "Could I speak to a scheduler about moving my whole family's check-ups?",
    "I'd like the practice manager, please, regarding how I was treated on Monday.",
    "Put me through to the accounts department about my payment plan, please.",
    "Can I talk to the nurse on duty about my blood pressure readings?",
    "I'd like to speak with someone from medical records about a copy of my file.",
    "Connect me with the front office about my parking fine from your lot, please.",
    "Is there someone in the finance team I could talk to about a refund?",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but not one.
    "Get accounts to give me a buzz back after lunch, please.",
    "When the nurse is free, could she phone my mobile?",
    "Could you pass on a message to Dr. Okafor that my rash has cleared up?",
    "Leave a note for the receptionist that I'll be ten minutes late, please.",
    "I'd like the practice manager to email me, not phone.",
    "No need to put me through, I only want your postcode.",
    "Don't transfer me anywhere, I just need the opening times.",
    "My nurse told me not to eat after midnight before the scan, is that right?",
    "Do I still have to sign in at the front desk if I checked in on the app?",
    "Is the receptionist the person who hands out the parking permits?",
    "Someone from your office left me a voicemail, what was it about?",
    "I spoke to a lovely lady at reception last week, please tell her thanks.",
    "Which floor is the billing office on, when I come in?",
    "The operator at the hospital gave me this number, is this the clinic?",
    "My husband talked to somebody there yesterday and booked me in, can you confirm it?",
    "Does the nurse practitioner see children or only adults?",
    "Are the front desk staff able to witness a signature on a form?",
    "I don't need a human, I can do this with you, I want to cancel Friday.",
    "Who's the practice manager there these days, just out of interest?",
    "Is a transfer of my records from my old GP something I arrange, or do you?",
    "Do your receptionists speak Polish, by any chance?",
    "Last time someone put me on hold for twenty minutes, so let's be quick.",
    # Rescheduling and appointments.
    "Dr. Patel's Wednesday slot doesn't work any more, can we push it a week?",
    "Can I swap my Tuesday slot with Dr. Nguyen for a Thursday one?",
    "When is my next appointment, please?",
    "I'd like to book a flu shot for my son.",
    # Account and results questions.
    "What's the balance on my account at the moment?",
    "Any news on the swab they took on Monday?",
    "Can you tell me whether my last payment went through?",
    "Is the doctor done signing my inhaler refill?",
    # Hours, address, parking, access.
    "Do you run any evening clinics during the week?",
    "Will the surgery be shut on Easter Monday?",
    "Where exactly are you, is it near the train station?",
    "Where's best to leave the car when I come in?",
    "Do you have a lift, my mum uses a wheelchair?",
    "Is there a hearing loop in the waiting room?",
    # Services, insurance, forms.
    "I'm off to Kenya in March, can you sort the yellow fever jab?",
    "Is my Aetna plan accepted at your practice?",
    "Does my Bupa policy work with you?",
    "Where can I find the new patient registration form?",
    "Can I fill in the consent form online before I come?",
    "Could I see the doctor over video instead of coming in?",
    # Thanks, goodbyes and small talk.
    "Sorted, cheers for that.",
    "Right you are, thank you, goodbye.",
    "Lovely, you've been a great help.",
    "Horrible weather out there today, isn't it?",
    "Sorry, I was just talking to my dog.",
    "Hang on a sec, let me find a pen.",
    "Nope, I'm all set, take care.",
    "Grand so, thanks a million.",
)

BORDERLINE: dict[str, str] = {
    "Get accounts to give me a buzz back after lunch, please.":
        "negative: a call back later, not a person on the line now",
    "When the nurse is free, could she phone my mobile?":
        "negative: a call back later, not a person on the line now",
    "Could you pass on a message to Dr. Okafor that my rash has cleared up?":
        "negative: a message, not a transfer",
    "Leave a note for the receptionist that I'll be ten minutes late, please.":
        "negative: a message, not a transfer",
    "I'd like the practice manager to email me, not phone.":
        "negative: asks for contact later by email, not a person on the line",
    "No need to put me through, I only want your postcode.":
        "negative: declines a transfer outright",
    "Don't transfer me anywhere, I just need the opening times.":
        "negative: declines a transfer outright",
    "Is the receptionist the person who hands out the parking permits?":
        "negative: asks about a role, not to be connected to it",
    "Who's the practice manager there these days, just out of interest?":
        "negative: asks who holds a role, not to be put through",
    "Do your receptionists speak Polish, by any chance?":
        "negative: asks about staff, not to be connected to them",
    "I don't need a human, I can do this with you, I want to cancel Friday.":
        "negative: says a human is not needed",
    "Dr. Patel's Wednesday slot doesn't work any more, can we push it a week?":
        "negative: rescheduling with a named doctor, not a transfer",
    "Which floor is the billing office on, when I come in?":
        "negative: asks where a desk is, not to be connected",
    "Hmm, I dunno, is there, like, a nurse or someone I could speak with quickly?":
        "positive: asks, hesitantly, for a nurse or other person now",
    "Is the practice manager around to have a word with me?":
        "positive: asks for a named kind of staff on this call",
    "Is it possible to get hold of someone from scheduling?":
        "positive: asks for a named kind of staff, phrased as a question",
    "My referral form got bounced back twice, I need to sort it out with someone there.":
        "positive: asks for a person, about a topic",
    "I'd like the practice manager, please, regarding how I was treated on Monday.":
        "positive: asks for a named kind of staff now; a complaint, but made to a person",
    "I'd like to speak with someone from medical records about a copy of my file.":
        "positive: asks for a person, about a topic (records)",
    "Connect me with the front office about my parking fine from your lot, please.":
        "positive: asks for a person, about a topic (parking)",
    "Is there someone in the finance team I could talk to about a refund?":
        "positive: asks for a person, about a topic (billing)",
    "Abeg, make I talk to somebody for the office, this machine no dey hear me.":
        "positive: Nigerian Pidgin, asks to talk to somebody in the office",
}

# The positives that name billing (or ask for a person about a charge or a bill): the bench
# expects the billing line to be dialled for them, the front desk for every other positive.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "I was charged twice for the same visit, get me someone in accounts, please.",
    "There's a late fee on my statement I don't understand, can I speak to billing?",
    "I paid online and it still shows as owing, can you connect me with payments?",
    "The letter says my claim was denied, I want to discuss it with the billing office.",
    "Put me through to the accounts department about my payment plan, please.",
    "Is there someone in the finance team I could talk to about a refund?",
})
