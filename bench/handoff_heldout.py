"""Held-out caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-02 without reading the routing
rules (``pipeline/intents.py``, ``pipeline/router.py``, ``tests/test_intents.py``
or any other file that holds them). The wordings are phrased the way callers
talk to a clinic on the phone, and none repeats (even near-verbatim) a wording
from ``bench/handoff_set.py``, ``bench/stepup_set.py`` or ``tests/``.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back or a message for someone is not a transfer (negative);
asking for a person about a topic, or for a named kind of staff (billing, a
nurse, scheduling, the practice manager), is a request for a person
(positive). ``PERSON_REQUESTS`` should each end in a transfer;
``OTHER_REQUESTS`` must never transfer the call, and several of them name a
person, a desk or "somebody" without asking to be put through.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Plain requests for a person.
    "Um, could I just speak to somebody real?",
    "Yeah, I'd like to talk to a live human, please.",
    "Somebody real, please.",
    "Can you put a real person on, please?",
    "Is anybody there? Like, an actual person?",
    "Okay, this is going nowhere, I need a person.",
    "Sorry, I'm no good with these automated things, could I talk to a real person instead?",
    "Look, I just want a human being on the phone.",
    "Can I speak to one of the staff, please?",
    "Would it be possible to talk with someone there directly?",
    "I'd prefer a person, if that's alright.",
    "Yeah, no, just put me through to somebody.",
    "Get a person on the line for me.",
    "Can I have a word with someone at the surgery?",
    "Could you connect me with whoever's working today?",
    "Is there someone in the office I can have a chat with?",
    "I'm after a real person, love.",
    "Somebody from the office, please.",
    "Can you put me through?",
    # Long ones, with context before the request.
    "Hi, um, I've got a kind of complicated question about my insurance and I don't think "
    "a computer can help me, can I speak to a person who works there?",
    "Yeah, hi, my mom's in the hospital and I need to sort out her appointments, so can I "
    "please talk to an actual person?",
    "I've called three times now and keep going round in circles, I'd really just like to "
    "speak to a human.",
    # Operator, agent, representative.
    "Um, is there an operator I can talk to?",
    "I need a customer service rep.",
    "Let me talk to a live representative.",
    "Can I speak with an agent instead of the machine?",
    "Patient services, please.",
    "Can you put me through to customer support?",
    # Front desk and reception.
    "Could you put me through to reception?",
    "Reception, please.",
    "I just want the front desk, can you transfer me there?",
    "Can you get me whoever answers the phones at the front desk?",
    "Could I talk to the reception staff?",
    "Can I speak to the practice manager, please?",
    "Put me over to the front office, would you?",
    "Could you transfer me to whoever's on the desk?",
    # Named departments and staff.
    "Could you get me someone from the billing side of things?",
    "I need to speak to someone about a charge on my statement.",
    "Billing, please.",
    "Can you transfer me to the billing office?",
    "Um, so, I've been going back and forth about this bill for weeks and I'd really like to "
    "talk to someone in the billing department about it.",
    "I'd like to speak to a nurse about my symptoms.",
    "Is there a nurse I can talk to right now?",
    "Could I speak to someone who does the scheduling?",
    "Can I talk to the doctor's assistant?",
    "I'd like to speak to a live person about my referral.",
    "Can you transfer me to somebody who can help?",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but not one.
    "I need to move my appointment with Dr. Nguyen.",
    "Is the front desk staffed on weekends?",
    "Do I check in at the reception desk, or is there a kiosk?",
    "Could somebody call me back this afternoon?",
    "Can you leave a note for the nurse that I called?",
    "Am I talking to a machine right now?",
    "Wait, are you a robot?",
    "What's the email address for the billing department?",
    "Does a nurse do the vaccines, or the doctor?",
    "Is Dr. Kim a man or a woman?",
    "Can my sister come in with me for the exam?",
    "What's the name of the nurse practitioner there?",
    "My neighbour told me to call, she said the people at the front desk are really nice.",
    "Do I have to see the nurse first, or do I go straight in to the doctor?",
    "Is there a doctor on call overnight?",
    "I talked to somebody at reception earlier and she said you'd text me a form, did that "
    "get sent?",
    "Can I speak Spanish with you?",
    "Tell the doctor thanks from me, she was great last time.",
    "Does billing send out statements every month?",
    "Which doctor would I see for a physical?",
    "I'm calling for my dad, he's hard of hearing, can you talk a bit louder?",
    "Hold on one second, somebody's at the door.",
    # Hours, location, access.
    "Will you be closed Good Friday, or working as normal?",
    "What time do you shut on a Wednesday?",
    "How do I find you from the freeway?",
    "Is the entrance round the back or on the main road?",
    "Is there a lift? My knees are bad.",
    "Can I park in the lot behind the building?",
    # Services and prices.
    "Do you do stitches for small cuts?",
    "Is Kaiser one of the plans you work with?",
    "How much do you charge for a sports physical?",
    "Do you have a dietitian?",
    "Do you do house calls for elderly patients?",
    "Can I get a TB test done there for work?",
    "Um, yeah, so, long story, but my husband's changing jobs and we're gonna lose our "
    "insurance for a couple of months, do you have a cash price for a regular visit?",
    # The caller's own bill, appointment, results.
    "Where am I at with my bill, roughly?",
    "I'd like to push my appointment back an hour.",
    "Any word on my bloods yet, were they alright?",
    "Has my refill gone through to the chemist?",
    "When's my follow-up?",
    "Can I pay off what I owe with a card right now?",
    "Could you send me a text with when I'm booked in?",
    # Small talk.
    "Hello? Can you hear me okay?",
    "Sorry, I missed that, what did you say?",
    "That's great, thank you so much, have a good day.",
    "No, that's it.",
    "Is it busy there today?",
)

BORDERLINE: dict[str, str] = {
    "Could somebody call me back this afternoon?":
        "negative: a call back later, not a person on the line now",
    "Can you leave a note for the nurse that I called?":
        "negative: a message, not a transfer",
    "Am I talking to a machine right now?":
        "negative: a question about the agent, not a request for a person",
    "Wait, are you a robot?":
        "negative: a question about the agent, not a request for a person",
    "What's the email address for the billing department?":
        "negative: asks for an address, not to be put through",
    "Can I speak Spanish with you?":
        "negative: asks about the agent's language, not for a person",
    "Tell the doctor thanks from me, she was great last time.":
        "negative: a message, not a transfer",
    "I need to speak to someone about a charge on my statement.":
        "positive: asks for a person, about a topic (billing)",
    "Can I talk to the doctor's assistant?":
        "positive: asks for a named kind of staff",
    "Can I speak to the practice manager, please?":
        "positive: asks for a named kind of staff",
    "Can you put me through?":
        "positive: asks to be put through, no target named",
    "Is there a nurse I can talk to right now?":
        "positive: asks for a nurse now, whether or not there is a nurse line",
}

# The positives that name billing (or ask for a person about a charge or a bill): the bench
# expects the billing line to be dialled for them, the front desk for every other positive.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "Could you get me someone from the billing side of things?",
    "I need to speak to someone about a charge on my statement.",
    "Billing, please.",
    "Can you transfer me to the billing office?",
    "Um, so, I've been going back and forth about this bill for weeks and I'd really like to "
    "talk to someone in the billing department about it.",
})
