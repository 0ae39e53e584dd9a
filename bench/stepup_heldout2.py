"""Second held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-02 without reading the routing
rules or the routing exemplars (``pipeline/intents.py``, ``pipeline/router.py``,
``tests/test_intents.py``, ``docs/routing.md`` or any other file that holds
them). The wordings are phrased the way callers talk to a clinic on the phone,
and none repeats (even near-verbatim) a wording from ``bench/stepup_set.py``,
``bench/stepup_heldout.py``, ``bench/handoff_set.py``,
``bench/handoff_heldout.py`` or ``tests/``.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``stepup_set``.

The structures, names and kinds are those of :mod:`verivoice.bench.stepup_set`
(imported from it), so the bench can load either module. Each protected-data
(PHI) request names the answer a verified caller should hear
(:data:`ANSWER_KINDS`); the other questions must never start a step-up, and
several of them share words with a PHI request (a bill, results, a refill, an
appointment, records) without asking about the caller's own data.
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
        "Hi, yeah, um, I just want to know roughly how much is left on my bill.",
        "I got a letter saying I'm overdue, so what's the amount I need to clear?",
        "Can you check whether the cheque I posted to you last month ever arrived?",
        "How much do I still owe from that follow-up visit back in March?",
        "Right, so, is my bill all paid off now, or is there still something owing?",
        "What exactly was I charged for the physical I had in January?",
        "I'm on a payment plan with you lot, how many instalments have I got left?",
        "Could you tell me when my next payment's due and how much it'll be?",
        "Sorry, quick one, did the copay I paid over the phone on Friday actually go through?",
    )
    + phi_requests(
        APPOINTMENT,
        "Hey, um, what day have you got me down for my follow-up?",
        "I think I'm seeing Dr. Okafor sometime soon, could you give me the date?",
        "Do I have a visit with you this month, or did I forget to book one?",
        "Is my physio session at nine or half nine on Thursday?",
        "What's the next thing I've got lined up with you?",
        "Sorry, when was it I'm due in for my jabs again?",
        "I've started a new job and I have to tell them about my medical appointments, could "
        "you list what I have coming up?",
        "Who's my next appointment with, and when should I turn up?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "Something's come up at work, so I need to push my Thursday visit back a week.",
        "Please cancel whatever I've got on the twentieth.",
        "Hi, um, is there any way I could get an earlier slot than the one I've got?",
        "I booked myself in for the wrong day, can you change it to the Monday after?",
        "I'd like to rearrange my appointment with Dr. Lindqvist, if that's alright.",
        "My car's in the garage, so I won't make it in this afternoon, can we sort out "
        "another day?",
        "Yeah, go ahead and drop my annual exam, I've decided to go somewhere closer to home.",
        "Could I switch my slot on the third from the morning to the evening clinic?",
        "I'm moving away, so I need to call off both of the visits I've got coming up.",
    )
    + phi_requests(
        RESULTS,
        "Hi, um, did my cholesterol numbers come back alright?",
        "I sent back the stool sample kit last week, is there any news on that?",
        "I had an ultrasound on my kidneys on the second, are the findings in yet?",
        "Can you tell me whether my pregnancy test was positive?",
        "Was my COVID swab negative? I need to know before I fly on Sunday.",
        "The MRI was nearly three weeks ago, surely the report's back by now?",
        "My iron was low last time, has the new bloodwork said anything different?",
        "Um, so I'm just after the outcome of my mammogram, please.",
    )
    + phi_requests(
        PRESCRIPTION,
        "I need a top-up on my blood pressure tablets, can that be sorted?",
        "Did my lisinopril refill get approved?",
        "Are there any repeats left on my sertraline, or does it need a new script?",
        "Could you send my prescription to the chemist on the high street instead?",
        "What medications have you got me down as taking right now?",
        "The pharmacy says my meds need the doctor to sign off again, has that happened?",
        "Um, I'm nearly out of my insulin pens, is the renewal going through?",
        "Is the new dose of my levothyroxine written up yet?",
    )
    + phi_requests(
        SUMMARY,
        "I'd like a rundown of everything you hold on me, medically speaking.",
        "Hi, I'm seeing a specialist soon and I'd like to know what's in my file with you "
        "before I go.",
        "What have you got on my account, like, overall?",
        "Um, could I get a summary of my health record, allergies and everything?",
        "I just want to go over my chart, what does it say about me?",
        "Is my information with you up to date? Could you read it back to me?",
        "My account details, please.",
        "Could I get a quick look at my history on your system?",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Hours, location and access.
    "What time do you open on Saturdays?",
    "Bank holiday Monday, are you lot open or shut?",
    "Whereabouts are you exactly? I'll be walking over from the train station.",
    "Is there parking on site, or do I need to find a spot on the street?",
    "How late do you stay open on weekday evenings?",
    "Is the building wheelchair accessible, like is there a lift or a ramp?",
    "Um, what's your fax number? My old practice needs to send something over.",
    "Do you shut over lunchtime?",
    "Which bus stops nearest to the clinic?",
    # Services and prices.
    "Do you do travel vaccinations?",
    "How much is a sports physical if you're paying out of pocket?",
    "Do you offer allergy testing there, or would I have to go elsewhere?",
    "What's the self-pay rate for a regular visit, roughly?",
    "Can you do ear syringing at your clinic?",
    "Is there a lab on site for blood draws, or do the samples get sent out?",
    "Do you do telehealth appointments at all?",
    "Can I just walk in for a flu shot, or do I need to book?",
    # Insurance, payment and billing in general.
    "Is Medicaid something you accept?",
    "Which insurance plans are you in network with?",
    "Can I pay by credit card, or is it cash only?",
    "Do you have payment plans for folks without insurance?",
    "What happens if a bill goes unpaid, do you send it to collections?",
    "Is there a fee if I cancel at the last minute?",
    "Do you bill the insurer directly, or do I pay up front and claim it back?",
    "Can I pay with Apple Pay when I'm there?",
    "How often do you send out statements, is it once a month?",
    # Appointments, tests and prescriptions in general.
    "How long do blood test results normally take to come back?",
    "Do you lot do reminder calls or texts the day before people's visits?",
    "How far ahead do people usually have to book?",
    "Can appointments be booked online, or is it phone only?",
    "Is fasting usually needed before a lipid panel, or is that old advice?",
    "What's the usual wait for a routine appointment at the moment?",
    "Do you do same-day appointments for kids?",
    "Is there a patient portal where results get posted?",
    "Can a pharmacy send refill requests to you directly, or does it have to come from the "
    "patient?",
    "Do your doctors ever prescribe over the phone, or do you always have to come in?",
    # New patients and process.
    "I've just moved to the area, how do I register as a new patient?",
    "Has Dr. Haddad got room on her list for new patients at the moment?",
    "For a first visit, is there any paperwork or ID I ought to have with me?",
    "Do you see children, or is it adults only?",
    "Are any of your doctors women? I'd prefer a female GP if possible.",
    "I'm switching from another surgery, what's the process for moving my notes across to you?",
    "What's the best way to get a sick note for work, in general?",
    # Policies, small talk and odd questions.
    "Do I still have to wear a mask in the waiting room?",
    "If I've got a bit of a cough, should I still come in, or is there a policy on that?",
    "Is it alright to bring my service dog along?",
    "Do you provide interpreters for appointments?",
    "Sorry, which branch is this, the one by the hospital or the one in town?",
    "On a lab report, what does reference range actually mean?",
    "Great, thanks, that's all I needed, cheers.",
)
