"""Fifth held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-03 without reading the routing
rules or the routing exemplars (``pipeline/``, ``tests/test_intents.py``,
``tests/test_concepts.py``, ``docs/routing.md`` or any other file that holds
them). The wordings are phrased the way callers talk to a clinic on the phone
(terse, polite, impatient, rambling with fillers, older callers, non-native
English, British, Irish, Australian, Scottish and American idioms, indirect
requests, and some that skip the obvious keywords), from three words to about
thirty, and none repeats (even near-verbatim) a wording from
``bench/stepup_set.py``, ``bench/stepup_heldout.py``,
``bench/stepup_heldout2.py``, ``bench/stepup_heldout3.py``,
``bench/stepup_heldout4.py`` or the ``bench/handoff_*.py`` sets. The caller is
always the patient, asking about themselves.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``stepup_set``.

The structures, names and kinds are those of :mod:`verivoice.bench.stepup_set`
(imported from it), so the bench can load either module. Each protected-data
(PHI) request names the answer a verified caller should hear
(:data:`ANSWER_KINDS`); the other questions must never start a step-up, and
many of them share words with a PHI request (bills, balances, payments,
refills, prescriptions, appointments, bookings, results, scans, records,
accounts, cancelling) while asking only about the clinic in general.
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
        "What do I still owe?",
        "Um, hi, quick one, is there anything outstanding on my bill with you at the moment?",
        "I got a reminder in the post about an unpaid amount, could you tell me how much it "
        "is and what it's for?",
        "Hello dear, I can't for the life of me remember whether I ever paid for my visit "
        "back in March.",
        "Yeah g'day, what's the damage on my account as it stands?",
        "Excuse me, I call to check my remaining balance, how much money I must still pay?",
        "Did the insurance cover all of my last visit, or is there a bit left over for me "
        "to pay?",
        "Would you tell me now what I'm owing for the last few visits, I'd like to get it "
        "sorted.",
        "I set up a direct debit a while back, so am I fully paid up now or not?",
    )
    + phi_requests(
        APPOINTMENT,
        "What day was I booked in for again?",
        "Hiya, can you check I'm still down for the physio on Monday morning?",
        "Um, I think I've got something with Doctor Reyes soon, what time is that at?",
        "Would you be able to confirm when my follow-up with the heart doctor is, please?",
        "I had a text saying I'm due in, but it didn't say when, so what's the date?",
        "Sorry, my English not so good, my next visit with the doctor, which day and what "
        "hour?",
        "Howya, just checking, am I on with the nurse tomorrow or was it the Thursday?",
        "Look, I'm in a rush, just tell me when I'm next seeing someone there.",
        "Good evening, I'm eighty-nine and my daughter usually keeps track of these things, "
        "but could you tell me when I'm next expected at the clinic?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "Something's come up, I have to cancel Friday's appointment.",
        "Hi, I'm running a temperature so I won't make Monday's check-up, can we rebook it?",
        "Sorry, bit of a ramble, but my mother's staying that week and I honestly can't get "
        "away, so could we push my Tuesday appointment back a fortnight?",
        "Right, I'm going to have to knock next week's visit on the head, sorry about that.",
        "Please, can I change my booking from the morning to the evening, morning is no good "
        "for me now.",
        "My flight got moved so I need a different date for my review, anything the week "
        "after?",
        "Ugh, I've double-booked myself, can you take me off the twelfth and find another day?",
        "Hello, I'd like to drop my physio session on Wednesday, I'm feeling heaps better.",
        "Any chance you could squeeze me in a bit earlier than the twentieth, mate?",
    )
    + phi_requests(
        RESULTS,
        "Are my blood results in?",
        "Hi, the nurse took some swabs off me last week, have they come back yet?",
        "Um, I had the heart tracing done on Friday, the ECG, did anything show up on it?",
        "I'd like to know how my kidney function test went, please.",
        "Sorry, is there any news on my scan, I've been worried sick all weekend.",
        "Please tell me my sugar result, the fasting one I did, is it normal or not?",
        "Hiya, did my iron levels come back okay this time or am I still low?",
        "I got a letter saying my results are ready, so what do they say?",
        "The doctor sent off a stool sample of mine, has the lab got back to you on it yet, "
        "pet?",
    )
    + phi_requests(
        PRESCRIPTION,
        "Refill my blood pressure tablets, please.",
        "Hello, I'm down to my last two patches, can you put a repeat through for me?",
        "Um, which chemist did my prescription get sent to, I can't remember which one I "
        "picked?",
        "Is my statin ready to collect yet, or should I wait until tomorrow?",
        "How many refills have I got left on my asthma medicine?",
        "Please, my diabetes medicine is finishing, I need more, can the doctor write it "
        "again?",
        "The pharmacy says my repeat hasn't been authorised yet, can you see what's holding "
        "it up?",
        "What dose of the thyroid tablet should I be taking now, they changed it on me?",
        "Look, I just need my eye drops renewed, can you sort that today?",
    )
    + phi_requests(
        SUMMARY,
        "Can you give me a quick summary of my account?",
        "I'd like to hear everything you've got on file for me, please.",
        "Hi, I'm seeing a specialist next week, can you run through what's on my record?",
        "Um, what's in my medical history with you, roughly?",
        "Please, I want to hear all the details you keep about me, my history, everything.",
        "Could you tell me what's on my patient file, just the main bits?",
        "Before I move to a new doctor, could you walk me through what my own records show?",
        "Ah sure look, would you give me the overall picture of my account, bills, bookings, "
        "the lot?",
        "Right, can you read out my whole account summary for me, start to finish?",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Results and scans, in general.
    "Generally, how long do blood results take to come back from the lab?",
    "Do you ring people with their results, or do they have to call in themselves?",
    "If a result is urgent, how quickly would the doctor normally get in touch?",
    "Um, are scan results sent out to the patient or only to the GP?",
    # Booking, changing and cancelling, in general.
    "Hi, how does booking work with you lot, is it online or over the phone?",
    "How much notice do you need when someone wants to cancel?",
    "Is there a fee if a patient misses an appointment without ringing?",
    "Do you do same-day appointments, or is it always a wait?",
    "How far ahead can people book a routine check-up?",
    "Do you do telephone consultations, or is it all face to face?",
    "Generally speaking, can appointments be moved online, or only by phoning reception?",
    "What's your policy on late arrivals, do people lose their slot?",
    # Fees, bills and payments, in general.
    "What do you charge for an ordinary visit without insurance?",
    "Do you take American Express?",
    "Is there a payment plan for bigger bills, generally?",
    "When someone has a balance left after insurance, when is it usually due?",
    "Do you charge for filling in insurance forms?",
    "Are patients billed on the day, or does the bill come in the post later?",
    "Is there a discount for pensioners or students at all?",
    "Do you charge anything for a sick note?",
    # Insurance.
    "Is Medicaid something you folks take?",
    "Which health insurers are you in network with at the moment?",
    "Are you bulk billing, or is there a gap fee?",
    "Does your practice accept Aetna, or is that out of network?",
    "Do you see private patients as well as NHS ones?",
    # Refills and prescriptions, in general.
    "How long does a repeat prescription usually take to be ready?",
    "Can prescriptions go to any pharmacy, or only the one next door?",
    "Does the doctor need to see people before renewing a long-term medicine?",
    "Is there a fee for a prescription refill, as a rule?",
    # Records, accounts and registering, in general.
    "Hello, what's involved in registering as a new patient with you?",
    "Do new patients need to bring photo ID when they sign up?",
    "Are you taking on new patients at the minute?",
    "How would a patient get a copy of their medical records, is there a form for it?",
    "Is the patient portal free to sign up for?",
    "Does everyone get an online account when they join, or is that extra?",
    "What should a person bring along to their first appointment?",
    "Ehm, should new patients bring a list of their medicines on the first visit?",
    # Hours, location, parking, access.
    "What time do you close on a Friday?",
    "Are you open Saturday mornings?",
    "Parking round there?",
    "Is there anywhere to park near you, or is it all street parking?",
    "Which bus stops closest to the surgery?",
    "Are you open on bank holidays?",
    "Is there a lift in the building, I can't manage the stairs any more?",
    "What's the address, I'll be coming from the train station?",
    "Do you shut for lunch?",
    # Services and vaccines.
    "Do you do flu jabs for the over sixty-fives?",
    "Are you giving the shingles vaccine at the moment?",
    "Can people get the COVID booster there?",
    "Do you offer travel vaccines, like yellow fever?",
    "Have you got a physio on site?",
    "Are blood tests done at the clinic, or do people go to the hospital for those?",
    "Do you do smear tests at your practice?",
    "Is there a doctor there who speaks Spanish?",
    "Would the doctors there see a toddler, or is the practice grown-ups only?",
    "Can you do a medical for a driving licence, and what does that cost?",
    "Please, do you give family planning advice there?",
    # Policies.
    "Is it alright to bring a family member into the consultation?",
    "Do people still need masks in the waiting room these days?",
    # Small talk and thanks.
    "Brilliant, cheers for that, have a good one.",
    "Sorry, could you say that again a wee bit slower?",
    "Hang on, someone's at the door, one second.",
    "Okay lovely, that's all I needed, bye now.",
)
