"""Sixth held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-03 without reading the routing
rules or the routing exemplars (``pipeline/``, ``tests/test_intents.py``,
``tests/test_concepts.py``, ``tests/test_router_turns.py``,
``tests/test_request_desk.py``, ``docs/routing.md`` or any other file that
holds them), and without reading the bench's reports. The wordings are phrased
the way callers talk to a clinic on the phone, including British, American,
Australian, Irish, Scottish and non-native English, and none repeats (even
near-verbatim) a wording from ``bench/handoff_heldout5.py``, the only other
set read while writing it (for its layout); the bench's tests check that none
matches ``bench/handoff_set.py``.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back or a message for someone is not a transfer (negative);
asking for a person about a topic, or for a named kind of staff (billing, a
nurse, scheduling, the practice manager), is a request for a person
(positive). ``PERSON_REQUESTS`` should each end in a transfer;
``OTHER_REQUESTS`` must never transfer the call, and several of them name a
person, a desk, a nurse, a manager, billing or a transfer (of records, of a
prescription) without asking to be put through. The negatives ask nothing
about the caller's own records or account.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Terse.
    "Nurse line, please, love.",
    "A person. A real one, please.",
    "The front counter, if you would.",
    "Switchboard, thanks.",
    # Polite.
    "Hi there, I wonder if you could put me through to whoever's on reception this morning?",
    "Would you be so kind as to connect me with a member of the front desk team?",
    "I hope you don't mind, but I'd feel better talking this over with one of your staff.",
    "Excuse me, sweetheart, is there a real lady there I could talk to instead?",
    # Impatient.
    "Stop talking and get me a human being on the line, please.",
    "This is the third time I've rung, I want a proper person this time.",
    "I'm not doing this with a machine, transfer me to the office.",
    "Look, I haven't got all day, just connect me to reception.",
    "Can you just hand me over to a living, breathing person?",
    # Rambling, with fillers.
    "Um, hi, yeah, is it okay if I, uh, talk to someone at the front?",
    "Er, sorry, I'm a bit confused, could I, um, get a person on instead?",
    "So, like, I kinda just wanna talk to an actual human, if that's cool?",
    "Uh, yeah, hi, the nurse, can I get through to the nurse please?",
    # Regional idioms.
    "Howya, could you stick me through to the girls on the desk?",
    "Cheers, mate, can you flick me through to reception?",
    "Be a love and put me onto someone in the office, would you?",
    "Hiya, can I get passed on to a real person, hen?",
    "Could you bung me through to the practice manager, please?",
    "Y'all got somebody real I can talk to down there?",
    "Kindly connect me to the operator, I am having one doubt.",
    # Non-native English and older callers.
    "Sorry, I not understand the machine, please give me human person.",
    "Please, can you transfer my call to reception, I need to explain something.",
    "My grandson set up this phone for me, I only want the nice girl at the front.",
    "Hello, I am calling from abroad, please I want to speak with a nurse.",
    "I am old and I do not hear so well, please, a real person to talk.",
    # Questions.
    "Is anyone from the front desk free to take my call right now?",
    "Could I possibly be put through to the nurses' line?",
    "Have you got a human operator I can be connected to?",
    "Can the practice manager come on the phone for a minute?",
    "Would somebody from the accounts team be able to speak to me now?",
    # A reason first, then the request.
    "I got a bill for a visit I never had, so I need billing on the line.",
    "My insurer says you coded it wrong, can you get me the billing people?",
    "There's a charge on my card from you I don't recognise, put me through to finance.",
    "The wound's weeping a bit since the stitches came out, can I talk to the nurse?",
    "I've waited three weeks for a referral letter, I want someone in the office about it.",
    "My little one's burning up and I'm worried, is there a nurse I can speak to?",
    "I want to complain about the wait last time, let me talk to the practice manager.",
    "The online booking keeps crashing, can you get me someone at reception to do it?",
    # A named kind of staff with a topic.
    "Connect me with billing about setting up instalments, please.",
    "I'd like to speak to someone in accounts about an invoice from March.",
    "Could I have a word with the nurse about my travel vaccinations?",
    "Put me onto medical records, I need to chat about getting my notes sent over.",
    "I'd like to talk to the front desk about an umbrella I left there yesterday.",
    "Could you get the practice manager on about how one of the staff spoke to me?",
    "Put me through to whoever handles referrals, please.",
    "Can I speak to an operator about which department I actually need?",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but not one.
    "Could you ask the front desk to ring me back when they open?",
    "Please have someone from billing email me an itemised receipt.",
    "Tell Dr. Hassan I said thank you for Tuesday, would you?",
    "Can you let the nurse know I've dropped off my sample at the front?",
    "I'd rather not speak to anyone, I'll just sort the booking with you.",
    "There's no need to connect me to a person, I only wanted the fax number.",
    "Is the practice manager still the same person as last year?",
    "Does the nurse do ear syringing, or is that the doctor?",
    "What time does reception open on a Saturday?",
    "Is the front desk staffed over the lunch hour?",
    "How do I get my prescriptions transferred to a different pharmacy?",
    "Can you transfer my medical records over to my new GP in Leeds?",
    "Does the billing office take cheques, or just cards?",
    "Is there a person I should ask for when I arrive, or do I just sit down?",
    "Somebody texted me a link saying it's from your clinic, is that genuine?",
    "Does the manager deal with complaints by letter or online?",
    "Do I hand my repeat prescription slip in at the desk?",
    "Do you have a female nurse for smear tests?",
    "The lady at the desk told me yesterday to ring back today and book with you.",
    "I'm happy doing it with you, no need for a human, can I move my check-up?",
    "Don't bother with reception, you can probably tell me if you do blood tests on site.",
    "Do you have an interpreter for Arabic speakers at appointments?",
    "Can I bring a support person into the room with me?",
    # Rescheduling and booking with a named doctor.
    "I need to move my appointment with Dr. Lindqvist to next week.",
    "Could I see Dr. Moreau instead of Dr. Brennan on Friday?",
    "Dr. Chen's away, so can you shift me to whenever she's back?",
    "Can I book in with Dr. Abara for a medication review?",
    # General questions, fees and insurance.
    "How long do blood results normally take to come back?",
    "Do you bulk bill, or is there a gap fee?",
    "Is Blue Cross on your list of insurers?",
    "Can I pay a bill at the front counter with cash?",
    # Hours, address, parking, access.
    "Is the entrance step-free? My dad's on a walking frame.",
    "Is the main door wide enough for a mobility scooter?",
    "Are you open on the bank holiday Monday?",
    "What time's the last appointment on a Thursday evening?",
    "Is there disabled parking right by the entrance?",
    "Which bus stops closest to the clinic?",
    "Are there baby changing facilities in the waiting area?",
    # Services and forms.
    "Do you do the shingles vaccine for the over seventies?",
    "Can I get a sick note without coming in?",
    "Do I post the new patient form or can I do it online?",
    "Do you offer video appointments at the weekend?",
    # Thanks, goodbyes and small talk.
    "Brilliant, that's all I needed, ta-ra.",
    "Okay, no worries, have a good one.",
    "Thanks heaps, you've been really helpful.",
    "Sorry, wrong number, I meant to ring the vet.",
    "Hold on, the kettle's boiling, one second.",
    "Um, yeah, no, that's fine, bye now.",
    "Perfect, I'll see you then, thank you.",
    "Gosh, the traffic getting here is always dreadful.",
)

BORDERLINE: dict[str, str] = {
    "Could you ask the front desk to ring me back when they open?":
        "negative: a call back later, not a person on the line now",
    "Please have someone from billing email me an itemised receipt.":
        "negative: asks for an email from billing, not a person on the line",
    "Tell Dr. Hassan I said thank you for Tuesday, would you?":
        "negative: a message, not a transfer",
    "Can you let the nurse know I've dropped off my sample at the front?":
        "negative: a message, not a transfer",
    "I'd rather not speak to anyone, I'll just sort the booking with you.":
        "negative: declines a person outright",
    "There's no need to connect me to a person, I only wanted the fax number.":
        "negative: declines a transfer outright",
    "Is the practice manager still the same person as last year?":
        "negative: asks who holds a role, not to be put through",
    "Does the nurse do ear syringing, or is that the doctor?":
        "negative: asks what a role does, not to be connected to it",
    "How do I get my prescriptions transferred to a different pharmacy?":
        "negative: a transfer of prescriptions, not of the call",
    "Can you transfer my medical records over to my new GP in Leeds?":
        "negative: a transfer of records, not of the call",
    "Does the billing office take cheques, or just cards?":
        "negative: asks about a desk, not to be connected to it",
    "Is there a person I should ask for when I arrive, or do I just sit down?":
        "negative: asks about a person at the visit, not on this call",
    "The lady at the desk told me yesterday to ring back today and book with you.":
        "negative: mentions staff, but wants to book with the agent",
    "I'm happy doing it with you, no need for a human, can I move my check-up?":
        "negative: says a human is not needed",
    "Don't bother with reception, you can probably tell me if you do blood tests on site.":
        "negative: declines reception, asks a question",
    "Do you have an interpreter for Arabic speakers at appointments?":
        "negative: asks about a service, not to be connected to a person now",
    "I need to move my appointment with Dr. Lindqvist to next week.":
        "negative: rescheduling with a named doctor, not a transfer",
    "Do you bulk bill, or is there a gap fee?":
        "negative: a question about fees (Australian), not a request for billing",
    "Is the entrance step-free? My dad's on a walking frame.":
        "negative: asks about access to the building, not for a person",
    "Kindly connect me to the operator, I am having one doubt.":
        "positive: Indian English, 'a doubt' is a question; asks for the operator",
    "Could you bung me through to the practice manager, please?":
        "positive: asks for a named kind of staff now (British/Australian slang)",
    "Y'all got somebody real I can talk to down there?":
        "positive: asks, as a question, for a real person now",
    "Could I have a word with the nurse about my travel vaccinations?":
        "positive: asks for a named kind of staff, about a topic",
    "I'd like to talk to the front desk about an umbrella I left there yesterday.":
        "positive: asks for a person, about a topic (lost property)",
    "Put me through to whoever handles referrals, please.":
        "positive: asks for a person by what they handle",
    "Can I speak to an operator about which department I actually need?":
        "positive: asks for the operator, about where to go",
    "Would somebody from the accounts team be able to speak to me now?":
        "positive: asks for a named kind of staff, phrased as a question (billing)",
}

# The positives that name billing (or ask for a person about a charge or a bill): the bench
# expects the billing line to be dialled for them, the front desk for every other positive.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "Would somebody from the accounts team be able to speak to me now?",
    "I got a bill for a visit I never had, so I need billing on the line.",
    "My insurer says you coded it wrong, can you get me the billing people?",
    "There's a charge on my card from you I don't recognise, put me through to finance.",
    "Connect me with billing about setting up instalments, please.",
    "I'd like to speak to someone in accounts about an invoice from March.",
})
