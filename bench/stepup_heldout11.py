"""Eleventh held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-05 without reading the routing
rules or the routing exemplars (nothing under ``pipeline/``, ``tests/``,
``docs/``, ``bench-out/``, ``auth/`` or ``server/`` was opened or searched,
and no routing, intent or concept code was read anywhere), and without
reading the wordings of the other held-out sets (``bench/stepup_heldout*.py``
and ``bench/handoff_*.py``). Only ``bench/stepup_set.py`` was read in full
(for its structures, names, answer kinds and policy), and of
``bench/stepup_heldout9.py`` only the module docstring, the imports,
``__all__`` and the top-level names and layout were read; no wording of
another set was seen. The wordings are phrased the way callers talk to a
medical or dental practice on the phone (terse, polite, impatient, rambling
with fillers, false starts and self-corrections, older callers, non-native
English, British, Irish, Scottish, Australian, New Zealand, Indian, South
African, Canadian, Caribbean and American idioms, indirect requests, some
that skip the obvious keywords, and some with a sentence of context first),
from two words to about thirty. They are plain spoken text for synthesis (no
digits, no abbreviations other than "Dr."). The caller is always the
patient, asking about themselves.

Repeats were checked mechanically, without reading the other sets or the
tests: a throwaway script outside the repository lower-cased every wording
here and reduced it to its words (punctuation dropped), and compared it with
every wording in the ``PHI_REQUESTS`` and ``OTHER_QUESTIONS`` of every
``bench/stepup_*.py`` module, the ``PERSON_REQUESTS``, ``OTHER_REQUESTS``
and ``BORDERLINE`` keys of every ``bench/handoff_*.py`` module, and every
string literal of every ``tests/*.py`` file (extracted with the ``ast``
module and never printed); a wording counted as a clash when it was equal or
close (a difflib ``SequenceMatcher`` ratio of 0.9 or more on the word
lists). Only the count and the clashing wordings of this set were printed;
each was reworded until none remained. Duplicates within this set were
checked the same way.

One PHI request was removed after the set was written: the bench's test, which checks
that no wording occurs inside a test file's text, found it there, and so printed it
(the two-word results request); no other wording was seen.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``stepup_set``.

The structures, names and kinds are those of :mod:`verivoice.bench.stepup_set`
(imported from it), so the bench can load either module. Each protected-data
(PHI) request names the answer a verified caller should hear
(:data:`ANSWER_KINDS`); the other questions must never start a step-up, and
many of them share words with a PHI request (bills, balances, payment plans,
refills, prescriptions, appointments, booking, cancelling, results, scans,
records, accounts, insurance) while asking only about the practice in
general, or about other people in general.
"""

from __future__ import annotations

from verivoice.bench.stepup_set import (
    ANSWER_KINDS,
    APPOINTMENT,
    BALANCE,
    CHANGE_APPOINTMENT,
    PRESCRIPTION,
    RESULTS,
    SUMMARY,
    PhiRequest,
    phi_requests,
)

__all__ = [
    "ANSWER_KINDS",
    "APPOINTMENT",
    "BALANCE",
    "CHANGE_APPOINTMENT",
    "OTHER_QUESTIONS",
    "PHI_REQUESTS",
    "PRESCRIPTION",
    "RESULTS",
    "SUMMARY",
    "PhiRequest",
]

PHI_REQUESTS: tuple[PhiRequest, ...] = tuple(
    phi_requests(
        BALANCE,
        "Hiya, just ringing to see what's left on my tab with you lot.",
        "Um, yeah, so I got this, uh, this statement thing, and I can't make heads or tails "
        "of what I actually owe.",
        "Did my payment go through? I paid online on Friday.",
        "Howzit, I did a bank transfer to you last week, can you check it landed?",
        "Am I square with you now, or is there still something owing?",
        "Good morning dear, my daughter usually sees to this, but could you tell me if I owe "
        "the surgery anything?",
        "What's my outstanding amount, please?",
        "I want to settle up before I come in again. What's the damage?",
        "Kindly confirm the pending dues against my name.",
        "That invoice for my crown, has the insurance paid their bit yet or am I on the hook "
        "for all of it?",
        "I think my card got charged twice. Can you look at what came off it?",
        "Sorry, quick one, how much is left for me to pay off on the, um, the payment plan?",
        "I got a second notice in the post. Do I really still owe that much?",
        "Can you tell me what my last statement came to? I've misplaced it.",
        "Me cheque went in the post Monday, did ye get it at all?",
        "Is there anything carried over from my cleaning back in the spring?",
        "I'd like to clear whatever's left against my name, how much would that be?",
    )
    + phi_requests(
        APPOINTMENT,
        "Sorry to bother you, when am I due back in to see yous?",
        "Eh, what day was it I'm meant to be coming in, I've gone and lost the wee card.",
        "Just checking I'm still down for tomorrow morning.",
        "Could you tell me what time I'm booked in with the hygienist?",
        "Ah, sorry, my wife says I've the dentist next week, is that right? I've no idea.",
        "Is my check-up on the fourteenth or the fifteenth? I wrote it down wrong.",
        "Who am I seeing when I come in next, is it Dr. Patel again?",
        "I'm trying to sort my leave from work, when is my next, uh, my next visit with you?",
        "Please, I want to know the day of my next consultation.",
        "Have I got anything booked in with youse before Christmas?",
        "Do I still have that follow-up the doctor wanted, or did it never get put in?",
        "Remind me, is my slot on Tuesday morning or afternoon?",
        "What's my next booking with you guys, eh?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "I won't be able to make it Wednesday, can we shift it?",
        "Yeah, I need to scrap my appointment, I'm not gonna make it.",
        "My car's in the shop, could you slide my time later in the day?",
        "Could I bring my appointment forward? Something sooner if you have it.",
        "Please cancel me for Monday, I'm feeling much better now.",
        "I'm after changing my appointment to the week after, if that's possible.",
        "Um, the thing I have on the, uh, the twentieth, can we do the twenty-second "
        "instead? No wait, the twenty-third.",
        "I need to call off my visit tomorrow, my little one is sick.",
        "Kindly prepone my appointment, I am travelling next week.",
        "Can't do Friday arvo anymore, can we sort another time for me?",
        "Take me off for Thursday's cleaning, please, I'll ring back to rebook.",
    )
    + phi_requests(
        RESULTS,
        "Hiya, any word on my bloods from the other week?",
        "I had a scan on my knee last Tuesday, has anything come back?",
        "Did my biopsy come back okay?",
        "Um, the swab they took, uh, was it positive or not?",
        "I'm a bit anxious, I've been waiting on my mammogram, is it in?",
        "What did my urine sample show?",
        "Can you read me my sugar levels from that last test?",
        "Was my x-ray clear?",
        "Doctor said he'd ring about my thyroid numbers but I never heard, are they back?",
        "Is there anything I should be worried about in my lab report?",
        "Hello, I did the fasting test on Monday, what came of it?",
        "Have the results of my heart tracing come through?",
        "Right, so, I went in for the, um, the ultrasound on my tummy, ten days ago now, "
        "and nobody's rung me, so I'm wondering, has it come back?",
    )
    + phi_requests(
        PRESCRIPTION,
        "I'm out of my inhaler, has the repeat been done?",
        "Did the doctor sign off on my script yet?",
        "Can you tell me if my metformin's been phoned through to the chemist?",
        "How many repeats have I got left before I need to see the doctor again?",
        "Please, my medicine for the pressure, it is ready or not?",
        "I ran out of my tablets yesterday, has anything been sent over for me?",
        "Um, what's the dose I'm on for my, uh, my cholesterol pill? I forgot.",
        "Has my renewal for the sleeping tablets been approved?",
        "Which pharmacy did you send my prescription to? My usual one didn't have it.",
        "I'm going abroad for a month, could you check how much is left on my prescription?",
        "Has my repeat for the thyroxine gone through yet?",
    )
    + phi_requests(
        SUMMARY,
        "Could you pull up my file and go over it with me?",
        "What have you got on record for me?",
        "I want to know everything you have about me. My whole history.",
        "Can you run through my chart with me, what's been happening?",
        "Could you read me back what details you've got on my account?",
        "Just wanting a rundown of my account, if you don't mind.",
        "What does my history with you say about my allergies?",
        "Can you give me an overview of my treatment with you so far?",
        "My new dentist wants my notes, what have you got on me?",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Hours, location and access.
    "What time do you lot shut up shop on a Friday, love?",
    "Are you lot open bank holiday Monday?",
    "Whereabouts are you exactly? Near the library?",
    "Is there anywhere to park nearby or should I get the bus?",
    "Does the front desk close over lunchtime at all?",
    "Yous open over Easter?",
    "What's the nearest train station to the surgery?",
    "Is the car park out front free, or do I need coins for the meter?",
    "Which floor are you on in the building?",
    "Is there a ramp? I use a walker these days.",
    "Are you open late any evenings, for people who work?",
    # Services and prices in general.
    "Do you do teeth whitening, and roughly what does it cost?",
    "How much is a filling, just ballpark, without insurance?",
    "Do you do implants there or do you send people elsewhere?",
    "What age do you start seeing children?",
    "Do your doctors do home visits for elderly people?",
    "What does a new patient exam usually cost?",
    "Are you doing the shingles jab for over sixties this year?",
    "I'm terrified of the drill, do you put people to sleep for fillings there?",
    "Is there a fee for a sick note?",
    "Roughly what does a scan cost there if someone's paying out of pocket?",
    "Do you do skin checks for moles?",
    "Is there an emergency dentist on at the weekends?",
    "Do you do braces for adults, or just teenagers?",
    "Do you have any female doctors at the practice?",
    # Insurance, bills and payment in general.
    "Is Medicaid something you folks take, or no?",
    "Do you bulk bill, or is there a gap to pay on the day?",
    "What kinds of insurance do you accept, generally?",
    "Do you offer payment plans for big treatments, like braces?",
    "Can people pay their bills over the phone, or only online?",
    "Would American Express be alright at the desk, or just Visa?",
    "Is there any discount for people who pay cash on the day?",
    "Can a bill be split across two cards, generally speaking?",
    "If insurance won't cover a procedure, do you usually offer a payment plan?",
    "Can folks pay with Interac at the counter there?",
    "What happens if a bill isn't paid on time, is there a late fee?",
    "Do statements usually go out by email, or still on paper in the post?",
    "How often do you send statements out?",
    "Does the practice send claims to the insurance itself, or do patients chase that up?",
    "Do you charge the difference if someone's insurance is out of network?",
    "Is there a payment plan option for pensioners?",
    "Can patients get a yearly statement for their taxes, is that something you do?",
    "Do you take the health card from other provinces?",
    # Results, scans and tests in general.
    "How long do biopsy results normally take?",
    "When results come in, do you phone folk, or is it up to them to chase?",
    "Is it normal to wait a fortnight for scan results?",
    "How do results usually get shared, through the portal or by letter?",
    "What does it mean when a blood test is borderline? Just in general.",
    "How long should a person fast before bloods?",
    "Do you do scans on site, like ultrasounds?",
    "Is the results line open at weekends?",
    "What's a normal cholesterol number for a woman in her sixties?",
    # Prescriptions and refills in general.
    "Do you do repeat prescriptions over the phone, or does it have to be online?",
    "How much notice do you need for a refill request, usually?",
    "Can the doctor prescribe for someone who isn't registered there?",
    "Do you send prescriptions electronically to any pharmacy?",
    "Which chemist is nearest to you?",
    "Is there a charge for a prescription, in general?",
    "Can a pharmacist refill something without the doctor, as a rule?",
    "Do the doctors there prescribe medical cannabis at all?",
    # Booking, cancelling and appointments in general.
    "How far ahead are you booking for check-ups these days?",
    "Just out of interest, what's the rule on cancellations there?",
    "Is there a fee if someone cancels last minute?",
    "How much notice do you need to cancel, generally?",
    "Can I book online, or is it phone only?",
    "Do you do walk-ins at all?",
    "How many minutes does a standard slot with the doctor usually run?",
    "I'd like to make an appointment for a cleaning, whenever's free.",
    "Is the practice taking anyone new on at the minute, or are the books closed?",
    "What's the earliest slot you usually have in the mornings?",
    "Do patients get a little text the day before, is that how reminders work there?",
    "Can a family member come into the appointment with a patient?",
    "Do you do telephone consultations?",
    "What's the policy on cancelling when you're sick, do you still charge?",
    "How does booking work for a new patient, do I need a referral first?",
    "Does booking for a child work the same as for an adult?",
    # Records and accounts in general.
    "How does someone request their records from you, what's the process?",
    "How many years do you hang on to old patient notes?",
    "Is there a charge for copying records?",
    "How do I set up an online login for your portal?",
    "If someone moves practices, how do their records get transferred?",
    "Do you need a referral to be seen by a specialist there?",
    "Do you have a translator available for Mandarin?",
    # Other questions about the practice.
    "Is there a toilet I can use in the waiting room?",
    "Are dogs allowed in? I've a guide dog.",
    "Do I have to wear a mask when I come in?",
    "What's your email address?",
    "Have you got a website I could have a look at?",
    "What should someone do if they get a toothache in the middle of the night?",
    "Are you a private practice or on the public system?",
    "Do you see patients from out of town?",
    "How old is too old for braces, generally?",
    "Can I drop off a form for the doctor to fill in?",
    "Is there a chemist downstairs in the same building as you?",
    "My mum's thinking of joining, do you take older people on the public scheme?",
    # Small talk and remarks to the agent.
    "Cheers now, that's grand so.",
    "Sorry, you're breaking up a bit.",
    "Hold on, the kettle's going.",
    "Lovely, thanks a million.",
    "Could you say that again a bit louder?",
    "Are you a robot, love?",
    "Oh you sound very nice.",
    "Sorry, I'm in the car, bear with me.",
    "No worries, take your time.",
    "Hang on, are you recording me right now?",
    "And what do they call you, by the way?",
    "Sorry, wrong number I think.",
    "Ta very much.",
    "Sweet as, thanks.",
    "Cheers, ta.",
)
