"""Fourth held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-03 without reading the routing
rules or the routing exemplars (``pipeline/intents.py``, ``pipeline/router.py``,
``tests/test_intents.py``, ``docs/routing.md`` or any other file that holds
them). The wordings are phrased the way callers talk to a clinic on the phone,
including regional and non-native English, and none repeats (even
near-verbatim) a wording from ``bench/handoff_set.py``,
``bench/handoff_heldout.py``, ``bench/handoff_heldout2.py``,
``bench/handoff_heldout3.py``, ``bench/stepup_*.py`` or ``tests/``.

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
    "Person, please, not the machine.",
    "Could you find me a real live person to talk to?",
    "I'd appreciate being connected to a team member, if that's possible.",
    "Would you kindly put me through to whoever's looking after the phones today?",
    # Frustrated.
    "This is hopeless. Put me through to a person, right now.",
    "Stop talking and just fetch me someone who works there.",
    "Agh, you're useless, connect me with a proper person.",
    "I've been on this call for ages already, just get me through to a human.",
    "Argh, get me a flesh and blood person, would you?",
    "I'm not answering any more questions, I want a human on the line.",
    # Indirect, with fillers.
    "Uh, so, do you guys have, like, a person I can explain this to?",
    "I was kind of hoping to get a human on the phone, if that's at all possible?",
    "Would anyone there be free to take my call?",
    "Um, yeah, so, uh, can I get, um, transferred to, like, somebody at the clinic?",
    "I reckon I'd be better off talking to one of the staff, could you sort that?",
    # Long ones, with context before the request.
    "Hi, we've just moved here from Leeds and I'm trying to register the whole family, which "
    "is a bit much for an automated line, could you put me on to someone?",
    "So my daughter had a reaction after her jab yesterday, she's fine now, but I'd really "
    "like to speak to a nurse about it.",
    "Hello, it's about my father, he has dementia and I'm his carer, so I'd like to talk to a "
    "staff member about his medication.",
    "I got a letter about a missed appointment that I definitely turned up to, so can I speak "
    "to somebody at reception to clear it up?",
    # Regional and informal English.
    "G'day, can you chuck me through to someone at the front counter, mate?",
    "Can you flick me over to reception, mate?",
    "Alright, can you stick me on to one of the girls on reception, ta?",
    "Aye, could you get us somebody at the desk, please?",
    "Hey, y'all got anybody in that office who could pick up and talk to me?",
    "Yo, lemme talk to a real person real quick.",
    # Indian English and non-native phrasing.
    "Kindly connect me to the concerned person at the clinic, please.",
    "Madam, please do the needful and transfer my call to the reception.",
    "Please, I want speak with the person of reception.",
    "I am not understanding this machine, please give me one staff.",
    "Excuse me, it is possible to talk with the nurse now?",
    # Operator, agent, advocate.
    "Could you connect me to a patient advocate?",
    "Hi, can I get a live agent, please, I've got a question about a referral letter.",
    "Um, get me the switchboard, please.",
    # Front desk, reception.
    "Can I get the front counter?",
    "Could you ring through to reception for me? I need to speak with them.",
    # Named departments and staff, and a person about a topic.
    "Put the duty nurse on, would you?",
    "Could you transfer me to the booking team, please?",
    "I want to talk to a scheduler about fitting my three kids in on the same day.",
    "I'd like to speak to your office manager about how I was treated yesterday.",
    "Is there somebody in records I could speak to? I need copies of my notes for a tribunal.",
    "Can I speak to Dr. Abara's secretary, please?",
    "Someone in charge, please, a supervisor.",
    "Could I speak to someone about getting a letter for my employer?",
    "Is there a person I could go over my insurance paperwork with?",
    # Billing, charges, payments, invoices.
    "Billing team, please, my card payment bounced and I want to sort it.",
    "Can I speak to a person about an invoice for my son's physio?",
    "Can you put me on to whoever does the money side? There's a charge on here I don't "
    "recognise.",
    "I'd like to talk to a billing person, my insurance should have covered all of this.",
    "Kindly transfer me to the billing section regarding my pending payment.",
    "Um, yeah, I've got this, like, bill from you guys for two hundred dollars and, uh, I need "
    "to talk to someone about it, like, today.",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # Close to a request for a person, but not one.
    "Could you ask the billing team to give me a ring tomorrow?",
    "Let Dr. Abara know the new tablets are working, would you?",
    "Is the office manager in today, do you know?",
    "Who deals with sick notes there, the doctor or reception?",
    "Please don't transfer me anywhere, I only want to know if you're open Saturday.",
    "No, no, I don't need a person, you're doing fine, do you do the shingles jab?",
    "You're a bot, aren't you? That's fine, carry on.",
    "I want it noted that somebody on your reception was rude to my mum on Tuesday.",
    "Are any of your nurses men? My husband would feel more comfortable.",
    "Could a nurse phone me after five? I'm at work till then.",
    "Do I have to go through reception to get my records, or can I do that online?",
    "Is there anybody there on Sundays, or is it completely shut?",
    "Can I leave a message for the practice manager about the state of the car park?",
    "I don't need anyone else, you can help me, what time's my appointment on Monday?",
    "Who looks after the vaccination records there, is it the nurses?",
    "Tell reception I've dropped the signed form in the letterbox, please.",
    "Is the lady I spoke to yesterday, Denise, on today? She said she'd sort my form.",
    "Thanks, but I don't want to be put through, I'll just ring again on Monday.",
    # The caller's own appointments, results, prescriptions, payments.
    "Have you heard back from the lab about my liver function test?",
    "I paid online over the weekend, has it shown up on my account?",
    "Could you swap my Thursday appointment for a Friday one?",
    "Has the doctor signed off on my hay fever tablets yet?",
    "Is the bill from my daughter's check-up all paid now?",
    "What time did you book me in for on the twelfth?",
    # Hours, location, access.
    "What time do you open again on Wednesday afternoons?",
    "Are you lot open New Year's Day at all?",
    "Which corner is the practice on? I always drive straight past it.",
    "Is there disabled parking right by the door?",
    "Could you repeat the address slowly so I can write it down?",
    "Do you finish early on a Friday, or is it the usual time?",
    # Services, prices, insurance.
    "Do you do women's health checks, like smears and that?",
    "Do you see newborns, or only older kids?",
    "Roughly what's a flu jab cost if I'm paying for it myself?",
    "What do you charge for a DOT physical? I drive trucks.",
    "Will my UnitedHealthcare plan cover a visit with you?",
    "Do you take Tricare? My husband's in the military.",
    "Do you do blood tests for people who aren't registered with you?",
    "What kinds of things do you do for kids there?",
    "Is there a charge for getting a copy of my records?",
    # Small talk and repeats.
    "Cheers, that's sorted then, ta-ra.",
    "Pardon? You cut out there for a second.",
    "Can you go over those times again? I didn't catch them.",
    "Ha, you're very polite for a machine.",
    "Hold on, I'm putting you on speaker.",
    "Good afternoon, how's your day going?",
    "Oops, I think I pressed something, are you still there?",
    "That's all, thank you kindly.",
    "Um, sorry, I forgot what I was gonna ask, give me a sec.",
    "Is this Riverside Family Practice or have I got the wrong number?",
    "Hmm, okay, and what about Saturdays?",
)

BORDERLINE: dict[str, str] = {
    "Could you ask the billing team to give me a ring tomorrow?":
        "negative: a call back later, not a person on the line now",
    "Could a nurse phone me after five? I'm at work till then.":
        "negative: a call back later, not a person on the line now",
    "Let Dr. Abara know the new tablets are working, would you?":
        "negative: a message, not a transfer",
    "Can I leave a message for the practice manager about the state of the car park?":
        "negative: a message, not a transfer",
    "Tell reception I've dropped the signed form in the letterbox, please.":
        "negative: a message, not a transfer",
    "Is the office manager in today, do you know?":
        "negative: asks whether staff are in, not to be put through",
    "Is the lady I spoke to yesterday, Denise, on today? She said she'd sort my form.":
        "negative: asks whether someone is working, not to be put through",
    "Who deals with sick notes there, the doctor or reception?":
        "negative: asks who handles something, not to be put through",
    "Please don't transfer me anywhere, I only want to know if you're open Saturday.":
        "negative: says outright that it does not want to be put through",
    "No, no, I don't need a person, you're doing fine, do you do the shingles jab?":
        "negative: says outright that it does not want a person",
    "Thanks, but I don't want to be put through, I'll just ring again on Monday.":
        "negative: declines a transfer and will call again later",
    "You're a bot, aren't you? That's fine, carry on.":
        "negative: a question about the agent, not a request for a person",
    "Ha, you're very polite for a machine.":
        "negative: a remark about the agent, not a request for a person",
    "I want it noted that somebody on your reception was rude to my mum on Tuesday.":
        "negative: a complaint to note, not a request for a person",
    "Would anyone there be free to take my call?":
        "positive: an indirect request for a person",
    "Madam, please do the needful and transfer my call to the reception.":
        "positive: asks to be transferred to reception, in Indian English",
    "Excuse me, it is possible to talk with the nurse now?":
        "positive: asks for a nurse now, in non-native phrasing",
    "Could you connect me to a patient advocate?":
        "positive: asks for a named kind of staff",
    "Can I speak to Dr. Abara's secretary, please?":
        "positive: asks for a named kind of staff",
    "I'd like to speak to your office manager about how I was treated yesterday.":
        "positive: asks for a named kind of staff now; a complaint, but made to a person",
    "Could I speak to someone about getting a letter for my employer?":
        "positive: asks for a person, about a topic",
    "Can you put me on to whoever does the money side? There's a charge on here I don't "
    "recognise.":
        "positive: asks for a person, about a topic (billing)",
}

# The positives that name billing (or ask for a person about a charge or a bill): the bench
# expects the billing line to be dialled for them, the front desk for every other positive.
BILLING_REQUESTS: frozenset[str] = frozenset({
    "Billing team, please, my card payment bounced and I want to sort it.",
    "Can I speak to a person about an invoice for my son's physio?",
    "Can you put me on to whoever does the money side? There's a charge on here I don't "
    "recognise.",
    "I'd like to talk to a billing person, my insurance should have covered all of this.",
    "Kindly transfer me to the billing section regarding my pending payment.",
    "Um, yeah, I've got this, like, bill from you guys for two hundred dollars and, uh, I need "
    "to talk to someone about it, like, today.",
})
