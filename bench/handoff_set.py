"""Caller wordings for the hand-off bench (``verivoice bench handoff``).

The wordings were written before the product's intent rules
(``pipeline/intents.py``) were read, phrased the way callers say them on the
phone, and were not tuned to those rules afterwards. They are kept apart from
the wordings in ``tests/``.

``PERSON_REQUESTS`` ask to speak with a person now (by any name: someone, a
human, the front desk, an operator, billing, a nurse); each should end in a
transfer. ``OTHER_REQUESTS`` must never transfer the call. Several of them are
deliberately close: they name a person, a desk or "someone" without asking to
be put through.

Borderline decisions (:data:`BORDERLINE` says why for each):

- A call-back request or a message for someone is *not* a transfer: the caller
  asks for something later, not for a person on the line now. Negative.
- Asking for a person about a topic ("can I talk to someone about my bill") is
  a request for a person. Positive.
- Asking for a named kind of staff (a nurse, billing, scheduling) is a request
  for a person, whether or not the practice has such a line. Positive.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Plain requests for a person.
    "Can I talk to someone, please?",
    "A real person, please.",
    "Let me speak to a person.",
    "I'd like to talk to an actual person.",
    "Can you just get me a real person?",
    "Hi, I just want to talk to a person, please.",
    "Is there a live person I can speak to?",
    "Can I get a human on the line?",
    "I want to talk to a real human being.",
    "Human, please.",
    "Speak to someone.",
    "May I speak with somebody at the clinic?",
    # Indirect ones.
    "I'd rather speak with a human.",
    "Is there somebody there I can talk to?",
    "Hello, is there a person I could talk to instead?",
    "I don't want to talk to a machine, let me talk to someone.",
    "I need a human, this isn't working.",
    "I need to talk to somebody in the office.",
    "Could you get someone from the office on the phone for me?",
    "Can you connect me to someone who works there?",
    "I'd like to speak with a staff member.",
    # Operator, agent, representative.
    "Operator.",
    "Get me an operator.",
    "Representative.",
    "Transfer me to a representative, please.",
    "Agent, please.",
    "I would prefer to speak to a live agent.",
    "Customer service, please.",
    # Front desk and reception.
    "I'd like to speak to the front desk.",
    "Can I speak to someone at the front desk?",
    "Put me through to the front desk, please.",
    "Let me talk to the front desk.",
    "Get me the receptionist.",
    "Could you transfer me to the receptionist?",
    "Connect me to the receptionist.",
    "I'd like to be transferred to the front office.",
    "Please connect me with the office staff.",
    "I want to speak to the office manager.",
    # Named departments and staff.
    "Transfer me to billing.",
    "Can I speak to the billing department?",
    "Can I talk to someone about my bill?",
    "Can I be put through to someone in scheduling?",
    "Could I please talk to a nurse?",
    "Transfer me, please.",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but not one.
    "I need to reschedule with Dr. Patel.",
    "Is the front door accessible?",
    "Who is my doctor?",
    "Can someone call me back about my results?",
    "I'd like to leave a message for Dr. Patel.",
    "Is Dr. Patel in the office today?",
    "Does the front desk take cash?",
    "What time does the front desk open in the morning?",
    "What's the phone number for the billing office?",
    "Are you a real person?",
    "Who am I talking to?",
    "Which doctors work at your clinic?",
    "Can I bring someone with me to my appointment?",
    "I spoke to someone yesterday about my bill, did that payment go through?",
    "Do I need to talk to my insurance first before coming in?",
    "Can my husband pick up my prescription for me?",
    # Hours, location, access.
    "What are your hours today?",
    "Are you open on Saturdays?",
    "What time do you close today?",
    "Is the clinic open on the holiday?",
    "What's your address?",
    "Is there parking nearby?",
    "Where do I park when I come in?",
    "Is there a bus that stops near you?",
    "Do you have a wheelchair ramp?",
    # Services and prices.
    "What services do you offer?",
    "How much is a check-up?",
    "Do you do flu shots for kids?",
    "Do you take Blue Cross insurance?",
    "Do you offer telehealth visits?",
    "Do I need a referral to see a specialist?",
    "My daughter needs a check-up, do you see teenagers?",
    "Is the doctor accepting new patients?",
    "Is there a waiting list for new patients?",
    # The caller's own bill, appointment, results.
    "How much do I owe?",
    "How much was my last bill?",
    "Can I pay my bill over the phone?",
    "When is my next appointment?",
    "I need to cancel my appointment for Thursday.",
    "Can I book an appointment with a dermatologist?",
    "How long will the appointment take?",
    "What should I bring to my first visit?",
    "Are my lab results in yet?",
    "Has my prescription been sent to the pharmacy?",
    # Small talk.
    "How are you doing today?",
    "Thanks, that's everything.",
    "Can you repeat that please?",
    "What's the weather going to be like?",
)

BORDERLINE: dict[str, str] = {
    "Can someone call me back about my results?":
        "negative: a call back later, not a person on the line now",
    "I'd like to leave a message for Dr. Patel.":
        "negative: a message, not a transfer",
    "Are you a real person?":
        "negative: a question about the agent, not a request for a person",
    "What's the phone number for the billing office?":
        "negative: asks for a number, not to be put through",
    "Can I talk to someone about my bill?":
        "positive: asks for a person, about a topic",
    "Could I please talk to a nurse?":
        "positive: asks for a person, whether or not there is a nurse line",
    "Transfer me, please.":
        "positive: asks to be transferred, no target named",
}

# The positives that name billing: the bench expects the billing line to be dialled for
# them (the practice profile has one), the front desk for every other positive. Chosen by
# what the caller asks for, when the target check was added.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "Transfer me to billing.",
    "Can I speak to the billing department?",
    "Can I talk to someone about my bill?",
})
