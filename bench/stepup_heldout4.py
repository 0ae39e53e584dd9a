"""Fourth held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-03 without reading the routing
rules or the routing exemplars (``pipeline/``, ``tests/test_intents.py``,
``tests/test_concepts.py``, ``docs/routing.md`` or any other file that holds
them). The wordings are phrased the way callers talk to a clinic on the phone
(terse, polite, rambling with fillers, run-ons, older callers, non-native
English, British, Irish, Australian, Indian, American and Nigerian idioms,
indirect requests, and some that skip the obvious keywords), and none repeats
(even near-verbatim) a wording from ``bench/stepup_set.py``,
``bench/stepup_heldout.py``, ``bench/stepup_heldout2.py``,
``bench/stepup_heldout3.py`` or the ``bench/handoff_*.py`` sets.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``stepup_set``.

The structures, names and kinds are those of :mod:`verivoice.bench.stepup_set`
(imported from it), so the bench can load either module. Each protected-data
(PHI) request names the answer a verified caller should hear
(:data:`ANSWER_KINDS`); the other questions must never start a step-up, and
many of them share words with a PHI request (bills, payments, refills,
prescriptions, appointments, results, records, accounts, balances,
cancelling) while asking only about the clinic in general.
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
        "Right, before I pay anything else, what's the actual figure I'm down for with you lot?",
        "Am I in the clear money-wise, or is something still hanging over me?",
        "Good afternoon, I posted a cheque last week and I'd like to know whether it reached "
        "you and cleared.",
        "Hey, did my card go through on Tuesday, like did you guys actually get it?",
        "My son opens my post for me and he says there's a letter about money, what is it I'm "
        "owing, dear?",
        "Please madam, kindly tell me the pending amount against my name, I want to settle it "
        "today itself.",
        "So I came in for the knee scan, and, um, what was my copay meant to be on that one?",
        "Ehm, how much is left on me tab with yous, I'd like it squared off before Friday.",
        "Good morning, please how much remains for me to pay, I want to clear it this week.",
    )
    + phi_requests(
        APPOINTMENT,
        "When am I next due in?",
        "Hiya, I've gone and lost the little card they gave me, what date did we land on for "
        "my check-up?",
        "G'day, just ringing to see what time I'm in with the nurse tomorrow arvo.",
        "I was wondering whether you could remind me when my blood pressure review is.",
        "Sorry, love, I'm eighty-two and my memory's gone, when do I come see the doctor again?",
        "Do I still have a spot with Doctor Okafor next week or did it fall through?",
        "My wife reckons I've got something on with you on the fourteenth, is she right?",
        "Kindly confirm the date and timing of my upcoming consultation, please.",
        "So I'm trying to plan a trip, and, um, is there anything on your books for me before "
        "the end of May?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "Can't do Wednesday, push it back a week?",
        "My boss has me covering a shift Friday, so I'm afraid my visit that day is off, sorry.",
        "Hello, could my Tuesday slot be shifted to the afternoon instead of first thing?",
        "Is it possible to bring my check-up forward, I'd rather get it over and done with sooner.",
        "Turns out I won't be needing tomorrow's booking after all, you can scratch me off.",
        "Look, my car's in the garage, any chance you could put me on a different day?",
        "Please I want to change the date of my appointment on the ninth, any day next week is "
        "fine.",
        "Ah sure, I'll not make it in on Thursday, would you ever move me to the Monday?",
        "My kid's got a school thing so, uh, can I swap my eleven o'clock for something later?",
    )
    + phi_requests(
        RESULTS,
        "Anything on my bloods?",
        "Hello, I left a urine sample on Monday and wondered if there's any news on it.",
        "Did the doctor say anything about my chest X-ray from last week?",
        "I'm a bit on edge, to be honest, is my biopsy back and what did it show?",
        "Please what is the outcome of the malaria test I did on Saturday?",
        "Could you let me know whether my cholesterol numbers came out alright?",
        "Just chasing my smear, love, they said two weeks and it's been three now.",
        "Any word on the ultrasound I had done, the one on my tummy?",
        "Kindly tell me my thyroid report values, sugar also, I gave the sample Thursday.",
    )
    + phi_requests(
        PRESCRIPTION,
        "Did the doctor sign off my repeat, and is it with Boots now?",
        "I'm nearly out of my inhaler, could you sort me another one?",
        "How many milligrams am I meant to be on for the blood thinner again?",
        "Hello, are my tablets ready at the pharmacy or is it still sitting with the doctor?",
        "I was wondering whether my metformin could be topped up before I go away.",
        "What was the name of that cream the doctor put me on, I've thrown the box out?",
        "Please my BP drugs finished yesterday, can you renew it for me?",
        "Is my script for the antibiotics still good or has it lapsed?",
        "So Walgreens is telling me they never got the order for my pills from you guys, can "
        "you check?",
    )
    + phi_requests(
        SUMMARY,
        "What have you got on me in your system?",
        "Could you read me back what's written in my notes, allergies and all that?",
        "I'm emigrating next month and I'd like a rundown of my medical background from you.",
        "Hello, can you go over which conditions are recorded under my name?",
        "Just curious what my chart says overall, like diagnoses and past visits and that.",
        "Please I need an overview of my health file for my visa medical.",
        "What jabs have you got down for me, and anything else that's on my record?",
        "Right, so the insurance form wants my background, what's on my account with you "
        "generally?",
        "Could I get the gist of everything you've noted about me since I joined the practice?",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Results, in general.
    "Out of interest, what's the usual wait on MRI results at your place?",
    "Do patients usually get their results by phone or through the portal?",
    "When results come back abnormal, does the doctor ring the patient or do they write?",
    "Roughly how long do allergy test results take, generally speaking?",
    # Cancelling and booking, in general.
    "Say a patient pulls out on the morning itself, do they get charged for cancelling?",
    "What's your cancellation policy, in a nutshell?",
    "Is there a late cancel charge for the physio sessions?",
    "If a person cancels through the app, does that count as proper notice?",
    "How does one go about booking an appointment with a new doctor there?",
    "Do you send appointment reminders by text or by email?",
    "How long are appointments usually, fifteen minutes or so?",
    "Can people just wander in off the street, or must there be an appointment first?",
    # Bills and payments, in general.
    "What payment methods do you take, is contactless alright?",
    "Can bills be paid online these days, or is it in person only?",
    "For anyone struggling, is splitting a payment into chunks allowed?",
    "Who would I speak to with a general question about how billing works?",
    "Paper or electronic, which way does your practice issue a bill?",
    "Can a balance be paid over the phone with a credit card, in general?",
    "Is cash fine as a form of payment at the front desk?",
    "How long before an unpaid balance gets passed to collections, as a rule?",
    # Refills and prescriptions, in general.
    "How does the repeat prescription system work at your surgery?",
    "As a general thing, how far ahead should folks ask when a refill is due?",
    "Can a pharmacist send a refill request straight to you?",
    "Do you do electronic prescriptions or still the paper ones?",
    "Does the clinic handle prescription renewals over the phone at all?",
    # Records and accounts, in general.
    "What's the process for getting records transferred over from an old GP to you?",
    "How long do you keep patient records for, legally?",
    "Can patients set up an online account to see things themselves, how does that work?",
    "Do you need a card on file to open an account with the practice?",
    # Hours, location, parking, access.
    "What's the earliest the doors open first thing in the week?",
    "Are you walkable from the bus depot, or would I want a taxi?",
    "Any free car park nearby, or is it all meters round your way?",
    "My husband uses a chair, are there stairs at the entrance?",
    "Over the long weekend in August, will anyone be answering?",
    "Do you have an after-hours number for emergencies?",
    "Are guide dogs allowed in the waiting room?",
    "Is a chemist attached to the building, downstairs maybe?",
    "My solicitor needs somewhere to fax things to you, what number is that?",
    # Services, prices, insurance, registering.
    "Is your list open at present, we've only just moved into the area?",
    "We're off to Kenya in spring, do you give the jabs for that sort of trip?",
    "Could you tell me whose cover you accept, Bupa, AXA, that kind of thing?",
    "Is Blue Cross accepted there?",
    "How much is a standard consultation if you're not insured?",
    "Is there a female doctor available there?",
    "Does the nasal spray for the little ones get offered at your clinic this winter?",
    "What forms would a family of four fill in to join up?",
    "My mum only has Tagalog, is an interpreter something you arrange?",
    "How do sick notes for work usually work with you, in general?",
    # Small talk and thanks.
    "Ah brilliant, you've sorted me out no end there.",
    "Smashing, that's me done then.",
    "Sorry, have I rung the Harbour Road practice or the other branch?",
    "Okay sorry, what was your name again?",
    "You sound run off your feet, is it mad there today?",
    "Okay okay, thank you ma, God bless you.",
)
