"""Second held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-02 without reading the routing
rules or the routing exemplars (``pipeline/intents.py``, ``pipeline/router.py``,
``tests/test_intents.py``, ``docs/routing.md`` or any other file that holds
them). The wordings are phrased the way callers talk to a clinic on the phone,
and none repeats (even near-verbatim) a wording from ``bench/handoff_set.py``,
``bench/handoff_heldout.py``, ``bench/stepup_set.py``,
``bench/stepup_heldout.py`` or ``tests/``.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back or a message for someone is not a transfer (negative);
asking for a person about a topic, or for a named kind of staff (billing, a
nurse, scheduling, the practice manager), is a request for a person
(positive). ``PERSON_REQUESTS`` should each end in a transfer;
``OTHER_REQUESTS`` must never transfer the call, and several of them name a
person, a desk, a nurse or "anyone" without asking to be put through.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Plain requests for a person.
    "Can I talk to an actual human being, please?",
    "If it's all the same to you, I'd rather deal with a person.",
    "Just a human, thanks.",
    "Someone with a pulse, please, not a recording.",
    "Any chance you could connect me to someone live?",
    "Could you connect me to a member of staff?",
    "Please just put me through to someone.",
    "Hi, um, yeah, I was hoping to have a chat with one of the staff there?",
    # Frustrated or indirect.
    "This machine isn't helping me at all, get me someone.",
    "Look, you're not understanding me, can I have a person instead?",
    "I don't want to talk to a computer, I want a real person on the line.",
    "Ugh, I keep going round in circles here, is there a human I can get to?",
    "Stop, stop, I just need a human.",
    "No offence, but I'd prefer to deal with someone who actually works there.",
    "Can you hand me over to somebody who can sort this out?",
    # Long ones, with context before the request.
    "So I've been trying to get this sorted for about two weeks now and honestly I'd just "
    "like to speak to someone in the office about it.",
    "Hi, sorry, it's a bit complicated, it's about my mum's care and her forms, could I "
    "speak with someone there directly?",
    "I rang yesterday and got cut off halfway through, so, um, can you transfer me to "
    "whoever's in today?",
    "It's kind of personal and I'd feel better explaining it to a real person, can you "
    "connect me?",
    "My question's a bit unusual and I doubt an automated system can handle it, so put me "
    "through to someone, please.",
    "I'll hold for a person, that's fine, just connect me.",
    # Operator, agent, representative.
    "Uh, operator?",
    "Speak to a representative.",
    "Can I get an agent?",
    "Can I have the operator?",
    "Customer service rep, please, not the robot.",
    "Zero. Operator. Whatever gets me a person.",
    # Front desk and reception.
    "Front desk, please.",
    "Reception, if you'd be so kind.",
    "I need the front office.",
    "Could I get whoever's manning the desk this morning?",
    "Hiya, can you pop me through to the receptionist, love?",
    "Connect me with the check-in desk, please.",
    # Named departments and staff.
    "Is there any way I could have a word with one of your nurses?",
    "Can I get the triage nurse on the phone?",
    "Put me through to the billing department.",
    "Is there someone in accounts I could have a word with about my invoice?",
    "I want to talk to a person about why I was charged twice.",
    "Could you transfer me to the billing team? It's about an insurance claim.",
    "Is the office manager about? I'd like to speak with her.",
    "I'd like a word with the practice manager, please, it's about a complaint.",
    "Put me on with scheduling, please.",
    "Could I talk to Dr. Moreau's medical assistant?",
    "Is the on-call nurse available to talk now?",
    "Can I speak to somebody in the billing office about setting up a payment plan?",
    "I want whoever's in charge, the manager, on the phone.",
    "Could I talk to the referrals coordinator?",
    "Um, my bill looks wrong, can I talk to a human about it?",
    "Whoever's free, a nurse or the front desk, I just need to talk to somebody.",
    "Yes, hello, could I be transferred to the medical records department?",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but not one.
    "Is the front desk open on Saturdays?",
    "What hours does the nurse line run?",
    "Hang on, am I talking to a real person or a recording?",
    "Are you an AI or what?",
    "Does a person actually read the messages I leave?",
    "Which GP am I registered with, do you know?",
    "Could you have the nurse ring me back tomorrow morning?",
    "Please pass a message to Dr. Patel that my blood pressure's been fine.",
    "What's the name of the practice manager?",
    "How many doctors work there?",
    "Is the receptionist the one who handles new patient forms, or is that online?",
    "Is there a phone number for the billing office that I can call later?",
    "I don't need to talk to anyone, I just want your opening times.",
    "Can someone email me the new patient forms?",
    "Do your nurses do home visits?",
    "Is there a human on duty overnight, or just this system?",
    # Hours, location, access.
    "What's closing time for you today?",
    "Is there a car park nearby?",
    "Is there step-free access at the entrance?",
    "What's the postcode for the surgery?",
    "Are you open on Christmas Eve?",
    "Do you have a fax number?",
    # Services and prices.
    "Are you doing the autumn flu jabs yet?",
    "How much does a blood test cost without insurance?",
    "Do you offer physicals for a new job?",
    "Is Blue Shield one you accept?",
    "Is there a charge for filling out a disability form?",
    "Is seeing a doctor by video an option with you?",
    # The caller's own bill, appointment, results.
    "I've got to shift my visit with Dr. Patel to another day.",
    "When's my next check-up?",
    "How much is still owing on my account?",
    "Have my bloods come back yet?",
    "Can I get my repeat prescription sent to a different pharmacy?",
    "Cancel my appointment for Tuesday, please.",
    "I'd like to book in for a smear test.",
    "Can I move my visit with the nurse to Friday?",
    # Small talk and odd questions.
    "Hello? Hello? Is this line working?",
    "Sorry, my signal's bad, could you say that again?",
    "Thanks, you've been really helpful.",
    "No, that's everything, bye now.",
    "One sec, I'm just grabbing a pen.",
    "Would it be possible to carry on in Polish?",
    "What's your name, by the way?",
    "Um, yeah, hi, I'm calling about, um, actually hold on, let me find the letter.",
    "Is this call being recorded?",
    "Can I ring back later if I think of something else?",
    "If I want a dermatologist, does that have to go through you first as a referral?",
    "Is it okay if my husband calls on my behalf next time?",
    "What number should I ring for out-of-hours care?",
    "My daughter will be bringing me in, is that okay?",
)

BORDERLINE: dict[str, str] = {
    "Could you have the nurse ring me back tomorrow morning?":
        "negative: a call back later, not a person on the line now",
    "Please pass a message to Dr. Patel that my blood pressure's been fine.":
        "negative: a message, not a transfer",
    "Hang on, am I talking to a real person or a recording?":
        "negative: a question about the agent, not a request for a person",
    "Are you an AI or what?":
        "negative: a question about the agent, not a request for a person",
    "Does a person actually read the messages I leave?":
        "negative: a question about how messages are handled, not a request for a person",
    "Is there a human on duty overnight, or just this system?":
        "negative: asks whether staff are there, not to be put through",
    "Is there a phone number for the billing office that I can call later?":
        "negative: asks for a number, not to be put through",
    "I don't need to talk to anyone, I just want your opening times.":
        "negative: says outright that it does not want a person",
    "What's the name of the practice manager?":
        "negative: asks for a name, not to be put through",
    "Can I move my visit with the nurse to Friday?":
        "negative: names a nurse, but asks to move a visit",
    "Um, my bill looks wrong, can I talk to a human about it?":
        "positive: asks for a person, about a topic (billing)",
    "Could I talk to Dr. Moreau's medical assistant?":
        "positive: asks for a named kind of staff",
    "Could I talk to the referrals coordinator?":
        "positive: asks for a named kind of staff",
    "Is the on-call nurse available to talk now?":
        "positive: asks for a nurse now, whether or not there is a nurse line",
    "I'll hold for a person, that's fine, just connect me.":
        "positive: asks to be connected, no target named",
    "Can I get an agent?":
        "positive: an agent here means a human representative",
}

# The positives that name billing (or ask for a person about a charge or a bill): the bench
# expects the billing line to be dialled for them, the front desk for every other positive.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "Put me through to the billing department.",
    "Is there someone in accounts I could have a word with about my invoice?",
    "I want to talk to a person about why I was charged twice.",
    "Could you transfer me to the billing team? It's about an insurance claim.",
    "Can I speak to somebody in the billing office about setting up a payment plan?",
    "Um, my bill looks wrong, can I talk to a human about it?",
})
