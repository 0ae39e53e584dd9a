"""Eighth held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-04 without reading the routing
rules or the routing exemplars (nothing under ``pipeline/`` or ``tests/``,
nor ``docs/routing.md`` or ``bench-out/``, was opened or searched), and
without reading the wordings of the other held-out sets
(``bench/stepup_heldout*.py`` and ``bench/handoff_*.py``). Only
``bench/stepup_set.py`` was read in full (for its structures, names, answer
kinds and policy), and of ``bench/stepup_heldout7.py`` only the module
docstring, the imports, ``__all__`` and the top-level names and layout were
read. The wordings are phrased the way callers talk to a medical or dental
practice on the phone (terse, polite, impatient, rambling with fillers, older
callers, non-native English, British, Irish, Scottish, Australian, Indian,
South African, American, Canadian, Nigerian and Caribbean idioms, indirect
requests, some that skip the obvious keywords, and some with a sentence of
context first), from two words to about thirty. The caller is always the
patient, asking about themselves.

Repeats were checked mechanically, without reading the other sets: every
wording here was lower-cased and reduced to its words (punctuation dropped),
and compared with every wording in the ``PHI_REQUESTS`` and
``OTHER_QUESTIONS`` of every ``bench/stepup_*.py`` module, the
``PERSON_REQUESTS`` and ``OTHER_REQUESTS`` of every ``bench/handoff_*.py``
module, and every string literal in ``tests/*.py`` (extracted with ``ast``,
never printed); a wording counted as a clash when it was equal or close (a
difflib ``SequenceMatcher`` ratio of 0.9 or more on the word lists). Only the
clashing wordings of this set were printed; each was reworded, and none
remained.

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
        "Right, so what am I down for on the money side of things?",
        "Um, hi, yeah, I just wanted to, er, find out how much I'm owing you lot at the moment.",
        "Did my card payment from last Tuesday go through? I want to be sure you got it.",
        "Have I paid everything off now, or is there still a bit left on mine?",
        "Good afternoon. I've received an invoice from the dental side and I'd like the "
        "outstanding figure, please.",
        "Please, how much money I must give to the clinic for my last treatment?",
        "My insurance was meant to cover the crown, so why do I keep getting statements? "
        "What's left for me to pay?",
        "Is my account in the red with you, love?",
        "Howzit, I'm just phoning to check if there's anything still owing from my side.",
        "Abeg, how much is remaining on my bill? I want to clear it today.",
        "Did the forty quid I sent over at the weekend land on my account?",
    )
    + phi_requests(
        APPOINTMENT,
        "When am I next due in with you?",
        "Sorry, I've lost the little card with my next visit on it. What day was that again?",
        "Am I still down for the hygienist on the fourteenth?",
        "Can ye gie us a wee reminder when I'm next booked in?",
        "Uh, quick one, am I seeing the doctor tomorrow or is it Friday?",
        "My daughter usually keeps track of these things but she's away. When is it I'm to "
        "come and see the doctor next?",
        "What time's my slot on Monday, mate?",
        "Kindly confirm the timing of my upcoming consultation.",
        "Have I got anything booked in for this month?",
        "Which dentist is doing my filling next week, and at what time?",
        "Is my follow-up still on, eh? I can't for the life of me remember the date.",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "I'll need to bump my Wednesday one to later in the week.",
        "Can't make it tomorrow. Sorry. Cancel me.",
        "My car's broken down, so is there any chance of shifting my half ten to the afternoon?",
        "Could I swap my cleaning for a morning slot instead?",
        "Please, I want to change the day of my visit, the day you gave me I am working.",
        "Ah look, I won't be able to come in next week after all, would you take me off for "
        "that one?",
        "Would it be possible to bring my appointment forward? I'm in a lot of pain.",
        "Any chance I could move my physio to the week after?",
        "Kindly postpone my appointment by two days, I have gone out of station.",
        "Um, so, I'm meant to be in on the ninth but, like, I've got exams, can we do a "
        "different date?",
        "Scrap my Friday booking, I'll ring back when I know my shifts.",
    )
    + phi_requests(
        RESULTS,
        "Has anything come back from my biopsy?",
        "I had an x-ray on my wrist last week. Is it broken or not?",
        "Any news on my bloods?",
        "The nurse took a swab on Monday and said to ring today for the outcome.",
        "Er, did my thyroid thing come back normal?",
        "Please, the scan I did for my belly, what the doctor found?",
        "I'm a bit anxious, to be honest. I've been waiting ages to hear about my mammogram.",
        "Was my urine sample okay?",
        "Reckon you could tell me if my MRI showed anything?",
        "Kindly share the report of my sugar test, fasting and PP both.",
        "My smear, did it come back clear?",
    )
    + phi_requests(
        PRESCRIPTION,
        "I'm nearly out of my inhaler. Has the repeat gone through?",
        "Did the doctor sign off on my antibiotics yet?",
        "Can you check if my script's been sent to the chemist on the main street?",
        "How many more times can I get my metformin filled before I need to see someone?",
        "Hello dear, I'm ringing about my tablets, the water ones. Are they ready?",
        "Is my repeat done? The pharmacy says they've not got anything from you.",
        "That mouthwash the dentist gave me has run out. Can I have more of it on my prescription?",
        "Please I want to know, my medicine for pressure, the doctor has renewed it?",
        "Yo, is my ADHD med ready or what?",
        "Which dose of the thyroxine am I meant to be on now?",
        "The chemist rang saying they're waiting on you lot for my painkillers. What's the "
        "hold-up?",
    )
    + phi_requests(
        SUMMARY,
        "Could you run me through everything you've got on me?",
        "I'd like the full picture: what's on my file, what's booked, what's owed.",
        "Can I get an overview of my account, please?",
        "What does my chart say about me?",
        "Just want a rundown of my patient file, if that's okay.",
        "Kindly furnish me with the particulars of my account status.",
        "I'm moving away, so before I go, can you go through my whole history with the practice?",
        "Tell me everything on my profile there.",
        "Um, what have you got, like, on record for me? The whole lot.",
        "Is everything in order with my account?",
        "Give us the lowdown on me file, would ya?",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Billing, payments and insurance in general.
    "Do you do payment plans for braces, or is it all upfront?",
    "How does the billing work? Do you bill the insurance first?",
    "Do you send bills out by post or by email these days?",
    "If somebody has an outstanding balance, do you still see them?",
    "What ways can people pay their bills? Is there an online portal?",
    "How does the payment plan work, is there interest on it?",
    "Do you balance bill, like charge over what the insurance allows?",
    "Do you do direct billing to the insurance company?",
    "Do you take Bupa?",
    "Are you NHS or private?",
    "Which health funds are you with?",
    "Do you bulk bill?",
    "What's the gap fee usually like for a specialist visit?",
    "Do you take Discovery medical aid?",
    "Do you people accept HMO cards?",
    "Can people use an HSA card at your place?",
    "Do you accept Interac?",
    "Is physio at your clinic covered by OHIP?",
    "What happens if someone can't pay their bill straight away? Do you have hardship options?",
    "What's a deductible, actually? I've never understood it.",
    # Prices and services.
    "How much is a filling without cover?",
    "Do you do teeth whitening, and what's the damage?",
    "What's the cost of a sports physical?",
    "Do you offer sedation for nervous patients?",
    "Is the hygienist included in the check-up price?",
    "Do you charge for sick notes?",
    "Do you do travel jabs, like yellow fever?",
    "Does your practice do root canals or do you send people to a specialist?",
    "Do you do pregnancy scans?",
    "Are your dentists trained in Invisalign?",
    "Do you do eye tests, or is that just the optician?",
    "Um, like, do you guys do STI testing, and is it confidential?",
    "Do you offer contraception advice?",
    "Do you do HGV medicals, and how much are they?",
    "Is there a student discount?",
    "Are your prices up on the website?",
    "Is a scale and polish the same price on a Saturday?",
    "Are flu jabs free for the over sixty-fives?",
    "Do you do MRI scans there or do you refer out?",
    "Do you do blood tests in-house, or does a person have to go to the hospital?",
    "Is the COVID booster available at your clinic?",
    "Do you do home visits for elderly people?",
    # Prescriptions, results and records in general.
    "How long does a repeat prescription normally take to process?",
    "Can a pharmacist give a refill without the doctor, generally?",
    "How long do biopsy results usually take to come back?",
    "How do people usually get their test results, by phone or by letter?",
    "Is the portal where patients see their results free to use?",
    "Can patients request a copy of their records, and is there a charge for that?",
    "Is there a fee to transfer records to another clinic?",
    "What email address do other practices send records to?",
    "Do children need their own account or do they go on a parent's?",
    "How do I set up an online account with you?",
    "Do visitors from overseas need to register before getting a prescription?",
    # Booking and policies.
    "How much notice do you want if people need to cancel?",
    "Is there a charge for missed appointments?",
    "How do I book in for a smear test?",
    "Can folk just walk in off the street, or is it appointment only?",
    "How far in advance can you normally book a check-up?",
    "Do you do appointments after work, like six or seven?",
    "Do you do emergency dental appointments at the weekend?",
    "Are you accepting new patients on the NHS?",
    "Do you send appointment reminders by text?",
    "Do you do online booking, or is it phone only?",
    "Can a carer come into the appointment with a patient?",
    "Are masks still required in the waiting room?",
    "Is it alright to bring my dog into the waiting room?",
    "How long is the wait usually, once you're in the waiting room?",
    "Do you offer interpreters for appointments?",
    # Hours, location and access.
    "Fridays, what time are you shutting up shop?",
    "Are you open over the bank holiday?",
    "Is the practice closed for Christmas?",
    "Please, una dey open for Sunday?",
    "Wha' time unuh open tomorrow morning?",
    "Where exactly are you? I'm coming from the train station.",
    "Is there anywhere to park nearby, or is it all pay and display?",
    "Have you got disabled parking bays?",
    "What's the postcode for the sat nav?",
    "Which bus gets me closest to you?",
    "Is there a lift? My knees aren't great.",
    "Are there toilets in the waiting area?",
    "Is there a pharmacy inside the building?",
    # General health questions and small talk.
    "Is it normal for a filling to feel sensitive for a few days?",
    "How often should a person get their cholesterol checked?",
    "What's the difference between a GP and a nurse practitioner?",
    "Good morning! Lovely weather today, isn't it?",
    "Cheers, you've been a great help.",
    "Sorry, you're breaking up a bit. Can you say that again?",
    "Are you a robot? You sound ever so real.",
    "What's your name, love?",
    "Who owns the practice?",
)
