"""Third held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-02 without reading the routing
rules or the routing exemplars (``pipeline/intents.py``, ``pipeline/router.py``,
``tests/test_intents.py``, ``docs/routing.md`` or any other file that holds
them). The wordings are phrased the way callers talk to a clinic on the phone,
and none repeats (even near-verbatim) a wording from ``bench/handoff_set.py``,
``bench/handoff_heldout.py``, ``bench/handoff_heldout2.py``, ``bench/stepup_*.py``
or ``tests/``.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back or a message for someone is not a transfer (negative);
asking for a person about a topic, or for a named kind of staff (billing, a
nurse, scheduling, the practice manager), is a request for a person
(positive). ``PERSON_REQUESTS`` should each end in a transfer;
``OTHER_REQUESTS`` must never transfer the call, and several of them name a
person, a desk, a transfer or "anybody" without asking to be put through.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Plain requests for a person, terse to polite.
    "Um, a person?",
    "Staff member, please.",
    "Live person.",
    "Put a human on, would you?",
    "Gimme a real person.",
    "Yeah, can I get through to someone there?",
    "Could you pass me on to one of your colleagues?",
    "Hi there, I was wondering if I could speak with one of your team?",
    "Good morning, I'd be grateful if you could connect me with someone at the clinic.",
    "Er, would you mind handing me over to someone on the staff?",
    # Frustrated.
    "Oh for goodness sake, give me a human.",
    "No. No. Human. Now.",
    "I've said it twice already, I want a real person.",
    "Enough with the robot, can I talk to staff?",
    "Seriously, is there not a single person working there I can talk to?",
    "Okay, I give up with this, put somebody on, please.",
    # Indirect, with fillers.
    "Is there any way I can get through to a person?",
    "Would there be someone available to talk to me?",
    "Um, is anyone around that I could, like, actually talk to?",
    "I was hoping to reach an actual person today, is that doable?",
    "Am I able to speak to someone, or is it just you?",
    "Uh, yeah, hi, can I, um, talk to someone, like, a person?",
    "So, like, is there a human I could talk to or whatever?",
    "Um, I'm not sure how this works, but, uh, can you connect me to the office?",
    # Long ones, with context before the request.
    "Hello, sorry to be a pain, I'm not very good with phones like this, would you be able "
    "to put me through to someone at the desk?",
    "Hi, my husband passed away last month and I need to sort out his records, could I "
    "please speak with someone there?",
    "Can I talk to someone about getting my mum registered as a new patient?",
    "Could I speak to someone regarding my son's vaccination records?",
    "I'd like to talk to a real person about my lab paperwork, it's got the wrong date on it.",
    # Operator, agent, representative.
    "Put me on to the operator, would you.",
    "Can I talk to a customer care person?",
    "I'd like a representative, a human one.",
    # Front desk, reception, the office.
    "Can you put me through to the Elm Road surgery's reception desk, please?",
    "Uh, the front desk?",
    "I need the receptionist, please, it's about a form.",
    "Hiya, is the receptionist free to have a quick word?",
    "Can you bump me over to the front desk real quick?",
    "Patch me through to the office, will you?",
    # Named departments and staff.
    "Can I get a hold of someone in billing?",
    "Accounts department, please, love.",
    "I'd like to speak to someone about a bill I got in the post last week.",
    "Get me someone in billing, I've been overcharged.",
    "Um, yeah, I got an invoice that doesn't make sense, could I talk to the people who do "
    "the bills?",
    "Is there someone I can speak to about paying my balance off in instalments?",
    "Can I talk to a nurse, please, my son's got a rash.",
    "Is there a nurse's line you can transfer me to?",
    "Is it possible to talk to Dr. Okafor's nurse?",
    "Can I get the clinic manager on the line?",
    "I need someone in the appointments team, please.",
    "Can I speak with whoever handles prior authorizations?",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but not one.
    "Is Dr. Lindqvist in on Mondays?",
    "When does reception close for lunch?",
    "Hang on, is this thing automated?",
    "If I leave a voicemail, does anybody actually listen to it?",
    "Can you tell me which doctor I'm under?",
    "Is the nurse practitioner, Maya, still working there?",
    "Does the receptionist speak French?",
    "Can you get the nurse to call me when she has a minute?",
    "Could you let the billing people know I've posted a cheque?",
    "Can you tell the front desk I'm running ten minutes late?",
    "How many people work on the front desk?",
    "Is the practice manager still Ms. Farrow?",
    "You don't need to put me through to anyone, I just want the address.",
    "My cousin Kerry-Ann works on your reception, does she do Thursdays?",
    "Is there always a doctor on site, or just nurses some days?",
    "Which nurse gave me my jab last time, do you know?",
    "The lady at the desk was really short with me yesterday, I just wanted that on record.",
    "Last time I called you transferred me and it just rang out, has that been fixed?",
    "Is the person who does the billing in on Fridays?",
    "Can I talk to you about rescheduling?",
    "Do I talk to you or the receptionist to change my address?",
    "Is there someone I can call after hours if it's urgent?",
    # The caller's own appointments, results, records, payments.
    "What date have I got with Dr. Osei next?",
    "Did my X-ray come back normal?",
    "Have you received my payment from last Tuesday?",
    "Can you tell me what medications I'm on? I've lost the list.",
    "What did the doctor write in my notes last visit?",
    "Is the address you've got for me still the old one on Birch Lane?",
    "Will I be seeing the doctor or a physician assistant on Thursday?",
    "Who do I make the cheque payable to?",
    # Hours, location, access.
    "Is the parking free or do I need coins for the meter?",
    "Are you open through lunch?",
    "Do I need to get my parking ticket stamped at reception?",
    "Is there a chemist inside your building?",
    "How early should I show up before my appointment?",
    # Services, insurance, prices.
    "My plan is through the state, Medicaid, will that work at your place?",
    "Do you accept Aetna for kids?",
    "Do you do ear syringing?",
    "Do I need to wear a mask inside?",
    "Do you have any evening appointments?",
    "Can I get a sick note for work without coming in?",
    "How long is the wait usually for a new patient appointment?",
    "Do you do travel vaccines, like yellow fever?",
    # Small talk.
    "Lovely, cheers, that's all I needed.",
    "Okay, brilliant, bye.",
    "Sorry, can you speak a bit slower?",
    "Uh, hang on, my kid's yelling.",
    "You sound very natural, by the way.",
    "Is this the number for the Maple Grove clinic?",
    "Oh, I think I dialled the wrong number, sorry.",
)

BORDERLINE: dict[str, str] = {
    "Hang on, is this thing automated?":
        "negative: a question about the agent, not a request for a person",
    "If I leave a voicemail, does anybody actually listen to it?":
        "negative: a question about how messages are handled, not a request for a person",
    "Can you get the nurse to call me when she has a minute?":
        "negative: a call back later, not a person on the line now",
    "Could you let the billing people know I've posted a cheque?":
        "negative: a message, not a transfer",
    "Can you tell the front desk I'm running ten minutes late?":
        "negative: a message, not a transfer",
    "You don't need to put me through to anyone, I just want the address.":
        "negative: says outright that it does not want to be put through",
    "My cousin Kerry-Ann works on your reception, does she do Thursdays?":
        "negative: asks when someone works, not to be put through",
    "The lady at the desk was really short with me yesterday, I just wanted that on record.":
        "negative: a complaint to note, not a request for a person",
    "Last time I called you transferred me and it just rang out, has that been fixed?":
        "negative: mentions an earlier transfer, does not ask for one",
    "Is the person who does the billing in on Fridays?":
        "negative: asks whether staff are in, not to be put through",
    "Can I talk to you about rescheduling?":
        "negative: asks to talk to the agent itself, not a person",
    "Do I talk to you or the receptionist to change my address?":
        "negative: asks who handles something, not to be put through",
    "Is there someone I can call after hours if it's urgent?":
        "negative: asks for an after-hours contact, not to be put through now",
    "Am I able to speak to someone, or is it just you?":
        "positive: an indirect request for a person",
    "Hiya, is the receptionist free to have a quick word?":
        "positive: asks for the receptionist now, phrased as a question",
    "Is there someone I can speak to about paying my balance off in instalments?":
        "positive: asks for a person, about a topic (billing)",
    "Is it possible to talk to Dr. Okafor's nurse?":
        "positive: asks for a named kind of staff",
    "Can I get the clinic manager on the line?":
        "positive: asks for a named kind of staff",
    "Can I speak with whoever handles prior authorizations?":
        "positive: asks for a named kind of staff",
    "Is there a nurse's line you can transfer me to?":
        "positive: asks for a nurse now, whether or not there is a nurse line",
}

# The positives that name billing (or ask for a person about a charge or a bill): the bench
# expects the billing line to be dialled for them, the front desk for every other positive.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "Can I get a hold of someone in billing?",
    "Accounts department, please, love.",
    "I'd like to speak to someone about a bill I got in the post last week.",
    "Get me someone in billing, I've been overcharged.",
    "Um, yeah, I got an invoice that doesn't make sense, could I talk to the people who do "
    "the bills?",
    "Is there someone I can speak to about paying my balance off in instalments?",
})
