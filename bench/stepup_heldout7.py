"""Seventh held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-04 without reading the routing
rules or the routing exemplars (nothing under ``pipeline/`` or ``tests/``,
nor ``docs/routing.md`` or ``bench-out/``, was opened or searched), and
without reading the wordings of the other held-out sets
(``bench/stepup_heldout*.py`` and ``bench/handoff_*.py``). Only
``bench/stepup_set.py`` was read in full (for its structures, names, answer
kinds and policy), and of ``bench/stepup_heldout6.py`` only the module
docstring, the imports and the top-level names and layout were read. The
wordings are phrased the way callers talk to a medical or dental practice on
the phone (terse, polite, impatient, rambling with fillers, older callers,
non-native English, British, Irish, Scottish, Australian, Indian, South
African and American idioms, indirect requests, some that skip the obvious
keywords, and some with a preamble of context), from two words to about
thirty. The caller is always the patient, asking about themselves.

Repeats were checked mechanically, without reading the other sets: every
wording here was lower-cased and reduced to its words (punctuation dropped),
and compared with every wording in the ``PHI_REQUESTS`` and
``OTHER_QUESTIONS`` of every ``bench/stepup_*.py`` module and the
``PERSON_REQUESTS`` and ``OTHER_REQUESTS`` of every ``bench/handoff_*.py``
module; a wording counted as a clash when it was equal or close (a difflib
``SequenceMatcher`` ratio of 0.9 or more on the word lists). Any clash was
reworded, and none remained.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``stepup_set``.
One balance request was reworded afterwards (to "What's my balance, then?") because the
tests already held the helper's two-word wording; nothing else was changed.

The structures, names and kinds are those of :mod:`verivoice.bench.stepup_set`
(imported from it), so the bench can load either module. Each protected-data
(PHI) request names the answer a verified caller should hear
(:data:`ANSWER_KINDS`); the other questions must never start a step-up, and
many of them share words with a PHI request (bills, balances, payment plans,
refills, prescriptions, appointments, booking, cancelling, results, scans,
records, accounts, insurance, opening hours, address, parking) while asking
only about the practice in general.
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
        # Terse.
        "What's my balance, then?",
        # Australian, indirect (no "owe" or "balance").
        "G'day, just ringing to see what I'm down for on the money side of things.",
        # Rambling, with a specific treatment.
        "Hello, yes, I had the root canal done a few weeks back and I'm wondering, um, what's left for me to pay on that?",
        # Indian English.
        "Kindly tell me the pending amount against my name.",
        # Older caller.
        "I'm eighty-two and I've gone and misplaced the letter you sent me, dear, could you tell me what I'm meant to be paying?",
        # Scottish.
        "Och, I've a wee bill from yous, how much was it again?",
        # Payment due on a plan.
        "Is my instalment due this month, and how much is it going to be?",
        # Impatient.
        "Just tell me what I owe, I haven't got all day.",
        # Non-native English.
        "Please, how much money I must pay to you still?",
        # South African.
        "Howzit, I want to settle up whatever's on my account, what's the figure?",
        # British, indirect.
        "Could you check whether I'm all squared up with you lot or if there's something still to pay?",
    )
    + phi_requests(
        APPOINTMENT,
        # Terse.
        "My next visit, when is it?",
        # Polite, with a preamble.
        "Hi there, sorry to bother you, I've lost the little card with my appointment on it, would you be able to tell me when I'm due in?",
        # Dental, indirect.
        "What day have you got me down for with the hygienist?",
        # Irish.
        "Would you tell me what time I'm to come in at on Tuesday, I can't remember at all.",
        # Indian English.
        "Please tell me my next appointment date and timing.",
        # Rambling, with fillers.
        "So, um, I think I'm booked in sometime next week, maybe, for the, uh, follow up? Can you see when that is?",
        # British.
        "I'd be ever so grateful if you could remind me when I'm next due to see the doctor.",
        # Older caller.
        "My daughter usually keeps track of these things but she's away, dear, when am I next coming in to see you?",
        # Non-native English.
        "When I am having my next appointment with the doctor please?",
        # Australian.
        "Am I still on the books for a visit this arvo?",
        # American.
        "Yeah, is my check-up still on for Friday, and what time was it again?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        # Terse.
        "Need to cancel tomorrow's appointment.",
        # Preamble of context.
        "I'm stuck at work on Wednesday, can we shift my appointment to later in the week?",
        # British.
        "Could I possibly bring my appointment forward a few days?",
        # Irish.
        "I won't be able to make it in on Monday, would you ever move me to another day?",
        # Indian English.
        "I want to prepone my appointment, is it possible?",
        # Impatient.
        "Look, just cancel my booking, I'm not coming.",
        # Rambling, with fillers, dental.
        "Um, yeah, so my car's in the shop and, uh, I don't think I can get there for my cleaning, can we do it another time?",
        # Non-native English.
        "Please, I cannot come to my appointment, I want other day.",
        # Older caller.
        "My grandson can't drive me on Thursday after all, love, can you put my visit off until the week after?",
        # South African.
        "Ag, something's come up, can you rebook my slot for next week sometime?",
    )
    + phi_requests(
        RESULTS,
        # Terse, indirect.
        "Any news on my scan?",
        # British.
        "I had bloods taken on Monday, have they come back yet?",
        # Plain.
        "Has my biopsy come back yet?",
        # Indian English.
        "Kindly let me know the report of my blood sugar test.",
        # Preamble of context.
        "The doctor said she'd call me about my x-ray but I haven't heard a thing, is it normal or not?",
        # Polite.
        "I'm ringing to see if my swab results are in.",
        # Older caller.
        "Hello dear, I did one of those urine samples last week and nobody's rung me, did it show anything?",
        # Non-native English.
        "What say my test from last week? Is okay?",
        # Impatient.
        "Come on, it's been a fortnight, where are my results?",
        # Formal.
        "Have the findings from my ultrasound come through?",
    )
    + phi_requests(
        PRESCRIPTION,
        # Terse, Australian.
        "Script ready?",
        # British.
        "I rang in for a repeat of my inhaler, has it gone through to the chemist yet?",
        # American.
        "Has the doctor signed off on my antibiotics yet?",
        # Indian English.
        "Kindly check if my tablets prescription is sent to the medical store.",
        # Older caller.
        "I'm running low on my water tablets, dear, how many more times can I get them filled?",
        # Rambling, with fillers.
        "Um, so I'm on the, uh, the thyroid medication, and I'm wondering if there's any refills left on it or if I need to come in?",
        # Non-native English.
        "My medicine, the doctor send it to pharmacy already or not?",
        # Irish.
        "Just wondering has my script been sent over to the chemist, thanks a million.",
        # Dose on a current prescription.
        "What dose am I supposed to be taking on my metformin again?",
        # Indirect.
        "Is there a refill waiting on my cholesterol pills?",
    )
    + phi_requests(
        SUMMARY,
        # Terse.
        "Go over my file with me?",
        # Polite.
        "I'd like a quick rundown of everything you have on me.",
        # American.
        "Can you pull up my chart and tell me what's on it?",
        # Indian English.
        "Please read out my patient history details.",
        # Irish, overview.
        "I'm after a bit of an overview of where things stand with me, bills, visits, the lot.",
        # Formal.
        "Could you tell me what's recorded under my name?",
        # Preamble of context.
        "Hello, I'm fairly new to the practice and I'd like to double check everything on my file is right, can you go through it?",
        # Non-native English.
        "What you have in my records, can you say me?",
        # Impatient.
        "Just give me the overall picture of my account, would you?",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Hours, location and parking.
    "What time do you shut on a Friday?",
    "Will the surgery be open at all over the long Easter weekend, or are you shut till Tuesday?",
    "Do you open early at all, for people who work?",
    "Whereabouts are you exactly?",
    "Is there anywhere to leave the car near the surgery?",
    "If I drive over, is that car park of yours free, or is it pay and display?",
    "What's the nearest train station to you?",
    "Can I get a tram to your place?",
    "What floor is the practice on?",
    "Is there disabled parking out front?",
    "Do you close for lunch?",
    "Do you keep normal hours on a bank holiday Monday?",
    "Kindly tell me the clinic timings on Sunday.",
    "Howzit, are you guys open on public holidays?",
    "Now dear, is your office one of those where you have to climb a lot of stairs?",
    "Is the practice still on Main Street or have you moved?",
    "What are your opening hours, like, generally?",
    # Bills, balances and payment plans in general.
    "Do you do payment plans for big dental work?",
    "How do your payment plans generally work?",
    "Can bills be paid over the phone or only in person?",
    "Do you still take cheques?",
    "Do you send bills out by email or by post?",
    "How long do patients usually get to pay a bill?",
    "Is there a fee if a balance is paid late?",
    "Do you charge interest on unpaid balances?",
    "Can people pay by tapping their phone at your front desk?",
    "Roughly what would a filling cost without any cover?",
    "How much do you charge for a new patient exam?",
    # Insurance in general.
    "Are you in network with Blue Cross?",
    "Bulk billing?",
    "Is the practice private only or do you take medical aid?",
    "Does your practice deal with the insurance directly or do patients claim it back?",
    "Your clinic, it accept the insurance from the big companies?",
    # Accounts and records in general.
    "How does a patient set up an online account with your practice?",
    "Is there a patient portal people can sign up for?",
    "Does every family member need their own account with you?",
    "How long does the practice hang on to medical records?",
    "What's the usual process for transferring records from another practice?",
    "Do you keep records on paper or on the computer?",
    # Results and scans in general.
    "Roughly how many days does it tend to be before scan findings are ready, in general?",
    "Is it the practice that phones patients once results land, or is it up to them to chase?",
    "Do you do scans here or send people off to the hospital?",
    "Do you do ultrasounds on site?",
    # Prescriptions and refills in general.
    "How much notice do you need for a repeat prescription?",
    "Can refills be requested online?",
    "Which pharmacy do you normally send prescriptions to?",
    "Do the doctors prescribe over the phone at all?",
    "Is there a charge for a prescription refill?",
    # Appointments, booking and cancelling in general.
    "Out of curiosity, what are the rules around cancelling at your place?",
    "How many hours' warning does the practice expect before a patient pulls out of a booking?",
    "Is there a fee for missing an appointment?",
    "How far ahead can you book appointments?",
    "Could I book in for a scale and polish?",
    "I'm after booking a first appointment, have you anything next week?",
    "How long is a usual appointment with the hygienist?",
    "Do you do evening appointments?",
    "Can appointments be booked online?",
    "Is there a waitlist for cancellations?",
    # Services.
    "Do you do teeth whitening?",
    "Is there a female doctor at the practice?",
    "Do you see babies?",
    "Do you do the shingles jab?",
    "Do you have an emergency dentist on weekends?",
    # Small talk and odd questions.
    "Sorry, the line's bad, can you say that again?",
    "Cheers, that's grand, bye now.",
    "Is this the dental practice or the doctor's?",
    "Hang on a second, my other phone's ringing.",
    "Lovely, thank you so much for your help.",
    "Are you a robot?",
    "What's the practice's email address?",
    "Do you have a website?",
    "Shame about the weather, hey?",
)
