"""Seventh held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-03 without reading the routing
rules or the routing exemplars (``pipeline/``, ``tests/test_intents.py``,
``tests/test_concepts.py``, ``tests/test_router_turns.py``,
``tests/test_request_desk.py``, ``docs/routing.md`` or any other file that
holds them), and without reading the bench's reports. The wordings are phrased
the way callers talk to a clinic on the phone, including British, American,
Australian, New Zealand, Irish, Scottish, Indian and non-native English, older
callers and callers who hesitate, and none repeats (even near-verbatim) a
wording from ``bench/handoff_heldout6.py``, the only other set read while
writing it (for its layout); they were also checked mechanically, without
reading them, against every other ``bench/handoff_*.py`` and
``bench/stepup_*.py`` set. The bench's tests check that none matches
``bench/handoff_set.py``.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back, an email, a letter or a message for someone is not a
transfer (negative); asking for a person about a topic, or for a named kind of
staff (billing, accounts, finance, a nurse, records, the practice manager, the
operator), is a request for a person (positive). ``PERSON_REQUESTS`` should each
end in a transfer; ``OTHER_REQUESTS`` must never transfer the call, and several
of them name a person, a desk, a nurse, a manager, billing or a transfer (of
records, of a prescription, of an earlier call) without asking to be put
through. The negatives ask nothing about the caller's own records or account.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Terse.
    "A flesh and blood person, please.",
    "Reception desk, straight away.",
    "Practice manager, if she's in.",
    "Just the operator, ta.",
    "The accounts lot, cheers.",
    # Polite.
    "Good afternoon, would it be possible to speak with somebody at reception, please?",
    "Sorry to be a nuisance, but could you pop me through to one of the receptionists?",
    "If it's no trouble, I'd much prefer to chat with a member of staff directly.",
    "Would you mind awfully connecting me to the practice nurse?",
    "Hello dear, could I please talk to one of the ladies in the office?",
    # Impatient.
    "No, no, I don't want the robot, give me a person.",
    "Enough of this, put a human on the phone right now.",
    "You're not understanding me, I need to speak to someone real.",
    "I've been going round in circles here, just get me the front desk.",
    "Operator. Operator, please, I need a real person.",
    # Rambling, with fillers.
    "Um, so, like, do you have someone there I could, uh, chat with?",
    "Ah, right, um, could you put me on to the receptionist, actually?",
    "Er, I think I'd rather, um, speak to a human, if that's alright.",
    "Uh, hey, yeah, can I get someone from billing on the phone?",
    # Regional idioms.
    "Ah sure look, would you ever put me through to someone in the office?",
    "G'day, any chance you could chuck me through to the front desk?",
    "Could you patch me through to a real person, cheers?",
    "Aye, can ye get us one of the nurses on the line?",
    "Do the needful, please, I must talk with the reception madam.",
    "Hey there, could you go ahead and transfer me to the front office?",
    "Kindly put me to the accounts section, madam, regarding my payment.",
    "Can you get me through to someone at the surgery, love?",
    # Non-native English and older callers.
    "Excuse, my English is not so good, I want talk with a person, please.",
    "Please, I am wanting to speak one nurse, is possible?",
    "I'm eighty six and I don't get on with these machines, could I have a real person?",
    "Hello? Hello? Can I have the lady from reception, please, I can't hear you properly.",
    "My daughter normally does this for me, can you put me on to somebody at the desk?",
    # Questions.
    "Is there a member of staff I could speak to right now?",
    "Can you connect me to somebody in medical records?",
    "Any chance of getting through to the finance office?",
    "Is the practice manager available to take a call?",
    "Would a nurse be free to come to the phone?",
    # A reason first, then the request.
    "I was charged twice for the same appointment, I need someone in billing.",
    "My son's rash has spread overnight, can I talk to a nurse about it?",
    "I've a complaint about one of your doctors, I'd like the practice manager.",
    "The pharmacy says the script never arrived, can you put me through to the front desk?",
    "My statement shows a late fee I never agreed to, get me someone in accounts.",
    "I need a copy of my vaccination history, so put me through to records, please.",
    "It's a bit personal and I'd rather explain it to a human, can you transfer me?",
    # A named kind of staff with a topic.
    "I'd like to speak to someone in billing about a refund I was promised.",
    "Put me through to the nurse about my blood pressure readings, please.",
    "Could I talk to reception about a form I need signed?",
    "Connect me to the practice manager about a data request, please.",
    "I'm after the operator, I'm not sure who deals with my query.",
    "It's about an insurance claim that bounced, so I'll need your billing folks.",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but not one.
    "Could someone from reception give me a ring this afternoon?",
    "Can billing send me a letter explaining the charges?",
    "Would the nurse be able to call me back sometime tomorrow?",
    "I'd like to leave a message for the practice manager, please.",
    "Can you pass on to Dr. Okafor that I'm running ten minutes late?",
    "Don't connect me to anybody, mate, I'm only after your postcode.",
    "I don't need a person, honestly, I just want to cancel Thursday.",
    "Has the clinic got a new manager since the spring?",
    "What does the practice nurse actually do, compared with a doctor?",
    "What are reception's opening hours on weekdays?",
    "Is there anybody on the front desk at seven in the morning?",
    "Can my repeat prescription be transferred to the chemist near my work?",
    "How long does it take to transfer records from another practice?",
    "Does the billing team ever offer discounts for pensioners?",
    "Is the manager the one I'd write to if I want to complain?",
    "The last time I rang, the person I spoke to was really rude.",
    "I was transferred three times last week and nobody picked up, just so you know.",
    "Could you email me the new patient registration form?",
    "Is it a real person who listens to the messages left on this line?",
    "Do I need to bring anything to the desk when I check in?",
    "Does the nurse run a clinic for diabetic foot checks?",
    "Happy to stay with you, I don't need the front desk, can I book a flu jab?",
    "Is the billing office on the ground floor or upstairs?",
    "Can a family member book on my behalf, or does it have to be me?",
    "Who should my carer talk to when she brings me in on Monday?",
    # Rescheduling and booking with a named doctor.
    "Can I push my appointment with Dr. Nakamura back by a week?",
    "Dr. Fitzgerald's Tuesday clinic doesn't suit me anymore, has she got anything on Thursday?",
    "Is Dr. Adeyemi free any time on Wednesday afternoon?",
    "Please cancel my check-up with Dr. Rossi, something's come up.",
    "Can I see the same doctor as my husband, Dr. Kowalski?",
    # General questions, fees and insurance.
    "Do you charge for missed appointments?",
    "Are your consults covered under Medicare or out of pocket?",
    "What's the fee for a driving medical?",
    "Do you accept Aetna members at your clinic?",
    # Hours, address, parking, access.
    "Fridays, when is closing time for you lot?",
    "Is there a lift up to the first floor consulting rooms?",
    "Are you closed over Christmas and New Year?",
    "Where's the nearest place to park, is it pay and display?",
    "Can deaf patients book a sign language interpreter?",
    "Please, what is the timing of the clinic on Sunday?",
    # Services and forms.
    "Do you do travel jabs for Thailand?",
    "Can I get a blood test done without a referral?",
    "Do your doctors do home visits for housebound patients?",
    "Now dear, does the doctor still do the over sixties health check?",
    # Thanks, goodbyes and small talk.
    "Lovely, cheers for that, bye bye.",
    "Right you are, that's sorted then, thanks a million.",
    "Oh, sorry, my toddler grabbed the phone.",
    "Ooh, wait a sec, I'm just finding my glasses.",
    "Thank you so much, you have been very kind, madam.",
    "Okay, sweet as, catch you later.",
)

BORDERLINE: dict[str, str] = {
    "Could someone from reception give me a ring this afternoon?":
        "negative: a call back later, not a person on the line now",
    "Can billing send me a letter explaining the charges?":
        "negative: asks for a letter from billing, not a person on the line",
    "Would the nurse be able to call me back sometime tomorrow?":
        "negative: a call back from a nurse, not a transfer",
    "I'd like to leave a message for the practice manager, please.":
        "negative: a message for the manager, not a transfer",
    "Can you pass on to Dr. Okafor that I'm running ten minutes late?":
        "negative: a message, not a transfer",
    "Don't connect me to anybody, mate, I'm only after your postcode.":
        "negative: declines a transfer outright",
    "I don't need a person, honestly, I just want to cancel Thursday.":
        "negative: declines a person outright",
    "Has the clinic got a new manager since the spring?":
        "negative: asks about who holds a role, not to be put through",
    "What does the practice nurse actually do, compared with a doctor?":
        "negative: asks what a role does, not to be connected to it",
    "What are reception's opening hours on weekdays?":
        "negative: asks the hours of reception, not to be connected to it",
    "Is there anybody on the front desk at seven in the morning?":
        "negative: asks whether the desk is staffed at an hour, not to be put through",
    "Can my repeat prescription be transferred to the chemist near my work?":
        "negative: a transfer of a prescription, not of the call",
    "How long does it take to transfer records from another practice?":
        "negative: a transfer of records, not of the call",
    "Does the billing team ever offer discounts for pensioners?":
        "negative: asks about billing's policy, not to be connected to it",
    "Is the manager the one I'd write to if I want to complain?":
        "negative: asks how to complain in writing, not for the manager now",
    "The last time I rang, the person I spoke to was really rude.":
        "negative: a complaint about a past call, asks for no one",
    "I was transferred three times last week and nobody picked up, just so you know.":
        "negative: a complaint about past transfers, asks for no transfer now",
    "Could you email me the new patient registration form?":
        "negative: asks for an email, not a person",
    "Is it a real person who listens to the messages left on this line?":
        "negative: asks about a real person, not to be put through to one",
    "Do I need to bring anything to the desk when I check in?":
        "negative: asks about the desk at the visit, not on this call",
    "Happy to stay with you, I don't need the front desk, can I book a flu jab?":
        "negative: declines the front desk, books with the agent",
    "Is the billing office on the ground floor or upstairs?":
        "negative: asks where a desk is, not to be connected to it",
    "Who should my carer talk to when she brings me in on Monday?":
        "negative: asks whom a carer should see at the visit, not on this call",
    "Can I push my appointment with Dr. Nakamura back by a week?":
        "negative: rescheduling with a named doctor, not a transfer",
    "Is Dr. Adeyemi free any time on Wednesday afternoon?":
        "negative: asks a named doctor's availability for booking, not to speak to the doctor",
    "Are your consults covered under Medicare or out of pocket?":
        "negative: a question about fees and cover (Australian), not a request for billing",
    "Please, what is the timing of the clinic on Sunday?":
        "negative: Indian English, 'timing' means opening hours",
    "Now dear, does the doctor still do the over sixties health check?":
        "negative: an older caller's question about a service, 'dear' is no request",
    "Practice manager, if she's in.":
        "positive: terse, asks for a named kind of staff now",
    "The accounts lot, cheers.":
        "positive: terse British slang, asks for the accounts staff (billing)",
    "If it's no trouble, I'd much prefer to chat with a member of staff directly.":
        "positive: asks, politely and indirectly, for a person now",
    "Ah sure look, would you ever put me through to someone in the office?":
        "positive: Irish English, 'would you ever' is a request",
    "Do the needful, please, I must talk with the reception madam.":
        "positive: Indian English, 'do the needful' means please do it; asks for reception",
    "Kindly put me to the accounts section, madam, regarding my payment.":
        "positive: Indian English, asks for accounts (billing)",
    "Can you get me through to someone at the surgery, love?":
        "positive: British English, 'the surgery' is the practice",
    "Is there a member of staff I could speak to right now?":
        "positive: asks, as a question, for a person now",
    "Can you connect me to somebody in medical records?":
        "positive: asks for a named kind of staff (records)",
    "The pharmacy says the script never arrived, can you put me through to the front desk?":
        "positive: a prescription problem first, then asks for the front desk",
    "I need a copy of my vaccination history, so put me through to records, please.":
        "positive: asks for records staff, about a topic",
    "It's a bit personal and I'd rather explain it to a human, can you transfer me?":
        "positive: asks to be transferred to a human",
    "Could I talk to reception about a form I need signed?":
        "positive: asks for a person, about a topic",
    "I'm after the operator, I'm not sure who deals with my query.":
        "positive: British/Australian 'I'm after' means I want; asks for the operator",
    "It's about an insurance claim that bounced, so I'll need your billing folks.":
        "positive: a reason first, then asks for billing (billing)",
}

# The positives that name billing (or ask for a person about a charge or a bill): the bench
# expects the billing line to be dialled for them, the front desk for every other positive.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "The accounts lot, cheers.",
    "Uh, hey, yeah, can I get someone from billing on the phone?",
    "Kindly put me to the accounts section, madam, regarding my payment.",
    "Any chance of getting through to the finance office?",
    "I was charged twice for the same appointment, I need someone in billing.",
    "My statement shows a late fee I never agreed to, get me someone in accounts.",
    "I'd like to speak to someone in billing about a refund I was promised.",
    "It's about an insurance claim that bounced, so I'll need your billing folks.",
})
