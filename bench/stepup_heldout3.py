"""Third held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-02 without reading the routing
rules or the routing exemplars (``pipeline/intents.py``, ``pipeline/router.py``,
``tests/test_intents.py``, ``docs/routing.md`` or any other file that holds
them). The wordings are phrased the way callers talk to a clinic on the phone
(fillers, hedges, run-ons, British and American variants), and none repeats
(even near-verbatim) a wording from ``bench/stepup_set.py``,
``bench/stepup_heldout.py``, ``bench/stepup_heldout2.py``, the
``bench/handoff_*.py`` sets or ``tests/``.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``stepup_set``.

The structures, names and kinds are those of :mod:`verivoice.bench.stepup_set`
(imported from it), so the bench can load either module. Each protected-data
(PHI) request names the answer a verified caller should hear
(:data:`ANSWER_KINDS`); the other questions must never start a step-up, and
many of them share words with a PHI request (bills, refills, reminders,
results, records) while asking only about the clinic in general.
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
        "Uh, hi, so I just want to know how much is still sitting on my account, like what "
        "do I need to clear?",
        "Hello, I think I might still owe a bit from the March visit, could you check that "
        "for me?",
        "Yeah hi, what's my current amount due?",
        "So I paid something online over the weekend, um, did that actually land on your end?",
        "Morning, could you let me know if I've still got money owing to the surgery?",
        "I had my physical back in the spring and then this invoice turned up, um, is that "
        "figure right, is that really what I owe?",
        "Am I all squared away, or is there still something unpaid under my name?",
        "Quick one, how much have I got left to go on the instalment plan I set up with you?",
        "My husband says a bill from you went overdue, uh, can you tell me how much it's for?",
    )
    + phi_requests(
        APPOINTMENT,
        "Hi, um, I totally blanked on when I'm supposed to come in next, could you look?",
        "What day have you got me down for my follow-up?",
        "Is my physio thing still on for Thursday morning, or have I got the date muddled?",
        "Could you tell me which doctor I'm seeing at my next visit, and what time?",
        "Uh, yeah, do I have anything coming up with you lot this month?",
        "Just double-checking the time of my booking on the twentieth.",
        "I've got a funny feeling I'm meant to be in on Monday, am I?",
        "Hello there, the reminder text got deleted off my phone before I read it, so when "
        "exactly is my slot?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "Hi, I need to push my Wednesday appointment back by a week, um, if there's room.",
        "Something's come up at work so I have to cancel the one I've got on the third.",
        "Could I move my check-up earlier in the morning, like before nine?",
        "Yeah, um, I'd like to drop my booking for Saturday, I'm feeling loads better now.",
        "My car's in the shop so I can't get there Tuesday, can we rebook me for sometime "
        "next week?",
        "Is it possible to change my appointment from the tenth over to the twelfth?",
        "Please take me off the list for tomorrow at two, I can't come.",
        "I'm flying out the same day as my follow-up, so, uh, could you slot me in a few "
        "days after instead?",
        "Hiya, can I swap my afternoon one for a morning time on the same day?",
    )
    + phi_requests(
        RESULTS,
        "Um, hi, I did a cholesterol test last week and I'm just wondering how it came out.",
        "Have my bloods come back yet?",
        "So I had an ultrasound on Friday, has the doctor looked at it, what did it show?",
        "Hello, I'm ringing about my swab, was it positive or negative?",
        "Are the results in from my mammogram?",
        "I'm a bit anxious, um, the nurse took a sample to check my iron and I'd really "
        "like to know the numbers.",
        "Did anything turn up on my ECG from Tuesday?",
        "Could you read me what my stool sample showed?",
    )
    + phi_requests(
        PRESCRIPTION,
        "Hi, um, I need my blood pressure tablets topped up, can you put that through for me?",
        "Has my lisinopril been sent over to the chemist yet?",
        "Could you remind me how many milligrams of sertraline I'm on?",
        "I'm down to my last two pills, uh, is there a refill left on mine or do I need a "
        "new one written?",
        "Did Dr. Okafor sign off on my repeat for the allergy spray?",
        "What meds have you got listed for me right now?",
        "Yeah, so Walgreens says nothing's arrived, can you check whether my antibiotics were "
        "actually sent?",
        "How many refills have I got left on my eczema cream?",
    )
    + phi_requests(
        SUMMARY,
        "Um, could you give me a rundown of what's in my medical file?",
        "I want to hear what allergies and conditions you've got down for me.",
        "Hi, can you go over my chart with me, just the main bits?",
        "What information do you hold on me at the moment?",
        "Can you tell me what's on my record, vaccinations and that sort of thing?",
        "So, uh, can you check my account details, like my address and insurance, are they "
        "up to date?",
        "Could I get a summary of my visits and everything else you've got on file?",
        "Hello, I'm seeing a specialist next month and they want my history, what have you "
        "got for me on your system?",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Hours, location, parking, getting there.
    "Hi, um, what time do you shut on Fridays?",
    "Are you open Saturdays at all, or is it just weekdays?",
    "Do you keep the same hours over Christmas and New Year?",
    "What's your full address, I want to put it in my sat nav.",
    "Is your clinic the one next to the pharmacy, or across the road from it?",
    "Are there disabled parking spaces anywhere near the entrance?",
    "Uh, roughly how much does it cost to park in the garage next door?",
    "Which bus stops closest to you?",
    # Services offered.
    "Do you offer travel jabs, like for yellow fever?",
    "Does anyone there do contraception, like coils and implants?",
    "Um, do you see kids, or is it adults only?",
    "Do you guys do flu shots for people who just walk in?",
    "Can you do a DOT physical for a truck driver?",
    "Is there a dietitian at your practice?",
    # Prices and insurance in general.
    "How much do you usually charge for a basic consultation if someone's paying out of "
    "pocket?",
    "Roughly what's the going rate for a sports physical?",
    "Is there a charge for filling in a fit note or a form for work?",
    "Do you accept Blue Cross?",
    "Uh, is Medicaid something you take?",
    "Do you take private cover like Bupa, or is it NHS only?",
    # Registering.
    "How would I go about signing up as a new patient?",
    "Can I register my whole family in one go, or does everyone need their own form?",
    "Is there an online form for registering, or do I have to come in?",
    # Policies and accessibility.
    "What happens if someone turns up late, like fifteen minutes late, do they still get "
    "seen?",
    "Um, are patients allowed to bring someone in with them to the exam room?",
    "Do I have to wear a mask in the waiting room these days?",
    "Is the building wheelchair accessible, like is there a lift?",
    "Do you have a hearing loop at reception?",
    "Can I bring my guide dog in with me?",
    # What to bring and how long things take.
    "What should a person bring to a first appointment, ID and stuff?",
    "For a new patient visit, do you want the actual pill bottles or just a list?",
    "How long does a typical physical take, start to finish?",
    "Roughly how long is the wait at the walk-in on a weekday morning, if you had to guess?",
    "How long do new patient appointments tend to run?",
    # Near-misses: billing in general.
    "Um, when do you normally send out invoices, is it straight after the visit or once a "
    "month?",
    "What's your billing policy if insurance denies a claim, does the patient get a "
    "heads-up?",
    "Can people pay their bills over the phone, or is it online only?",
    "Do you charge interest on late bills or anything like that?",
    # Near-misses: prescriptions in general.
    "How does the refill process work in general, do folks go through the pharmacy or "
    "through you?",
    "How many days' notice do you usually need for a repeat prescription?",
    "Do your doctors prescribe controlled medications, like ADHD meds, or do you refer out?",
    # Near-misses: appointments and reminders in general.
    "Hi, um, does the clinic ring or text people the day before they're due in, or is it "
    "on us to remember?",
    "Can patients pick text reminders instead of a phone call?",
    "How far in advance can you book, like could someone book two months out?",
    "Uh, do you do same-day appointments if it's urgent?",
    # Near-misses: results and records in general.
    "Is it possible to get test results by email, or do you only do it by phone or letter?",
    "Blood work, in general, what's the usual turnaround, like a day, a week?",
    "Do you have a patient portal where people can see their lab results, and how does "
    "one get set up on it?",
    "Say I move to another state, um, what's the process for having my file sent to my "
    "next doctor?",
    "Do you charge anything for copies of medical records, just in general?",
)
