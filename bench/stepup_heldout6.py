"""Sixth held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-03 without reading the routing
rules or the routing exemplars (nothing under ``pipeline/`` or ``tests/``,
nor ``docs/routing.md`` or ``bench-out/``, was opened or searched), and
without reading the other held-out sets (``bench/stepup_heldout*.py`` other
than the fifth, read for its layout only, and ``bench/handoff_*.py``). The
wordings are phrased the way callers talk to a medical or dental practice on
the phone (terse, polite, impatient, rambling with fillers, older callers,
non-native English, British, Irish, Scottish, Australian, Indian and American
idioms, indirect requests, some that skip the obvious keywords, and some with
a preamble of context), from two words to about thirty. The caller is always
the patient, asking about themselves.

Repeats were checked mechanically: every wording here was lower-cased, its
punctuation dropped and its spacing collapsed, and it was compared (as a
string and as a sorted list of words) with every wording in
``bench/stepup_set.py``, ``bench/stepup_heldout.py`` to
``bench/stepup_heldout5.py`` and the ``PERSON_REQUESTS`` and
``OTHER_REQUESTS`` of every ``bench/handoff_*.py`` module; no clash was found.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``stepup_set``.
One balance request was reworded afterwards (to "What's my balance sitting at?") because a
test already held the helper's wording; nothing else was changed.

The structures, names and kinds are those of :mod:`verivoice.bench.stepup_set`
(imported from it), so the bench can load either module. Each protected-data
(PHI) request names the answer a verified caller should hear
(:data:`ANSWER_KINDS`); the other questions must never start a step-up, and
many of them share words with a PHI request (bills, balances, payment plans,
refills, prescriptions, appointments, booking, cancelling, results, scans,
records, accounts, insurance) while asking only about the practice in general.
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
        # Terse, then indirect (no "owe" or "balance").
        "What's my balance sitting at?",
        "Have I cleared everything with you folks money-wise, or is there still a bit hanging "
        "over me?",
        # Rambling, with a specific treatment.
        "Um, so, like, how much was my filling in the end, after the insurance bit came off?",
        # Indian English.
        "Namaste, kindly tell me the pending amount under my name, I wish to clear it today.",
        # Older caller.
        "Hello there, I'm eighty-one and my son usually pays my bills online, but I'd like "
        "to hear for myself what I've got left to pay.",
        # Scottish.
        "Och, there was a wee envelope from yous about money, what is it I'm owing?",
        # Payment due on a plan.
        "When's my next instalment due on the payment plan for my crown, and how much is it?",
        # Impatient.
        "Right, I've been on hold for ages, just give me the figure I owe, please.",
        # Non-native English.
        "Could you please say me, the money for my root canal, it is paid completely, or "
        "not yet?",
    )
    + phi_requests(
        APPOINTMENT,
        # Terse.
        "When am I in next?",
        # Polite, with a preamble.
        "Hi there, I'm trying to plan my week around work, could you let me know which day "
        "my hygiene visit is booked for?",
        # Irish.
        "Ah listen, would you ever tell me what time I'm in with the dentist, I've lost the "
        "little card.",
        # Indian English.
        "Kindly confirm the timing of my consultation with Doctor Mehta, I have not received "
        "any message.",
        # Rambling, with fillers.
        "Uh, yeah, so, I think I'm meant to be coming in to get, like, my stitches out, but I "
        "honestly don't remember when?",
        # British, indirect.
        "Is my smear still going ahead next Tuesday?",
        # Older caller.
        "Good afternoon, my memory's not what it was, dear, have I got anything with you this "
        "month?",
        # Non-native English.
        "I am sorry, I want to know, when I come again for see the dentist, which date is it?",
        # Australian.
        "Quick one mate, what time's my physio on Thursday arvo?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        # Terse.
        "Cancel my Monday one, please.",
        # Rambling American.
        "Hey, so, my kid's got a school thing Wednesday, um, any way I could bump my cleaning "
        "to later in the week?",
        # Irish.
        "Any chance I could shift my Friday visit out to the following week, like?",
        # Indian English.
        "Kindly postpone my dental check-up by one week, I am travelling out of station.",
        # Indirect cancel.
        "I won't be needing my slot on the ninth after all, you can give it to someone else.",
        # Impatient.
        "Look, the time you gave me is useless, I work till six, stick it in the evening "
        "instead.",
        # Older British caller, with a preamble.
        "Hello, it's a bit awkward, my husband had a fall and I must stay with him, so I "
        "shan't manage Thursday, could you find me another morning?",
        # Non-native English.
        "Please, my appointment tomorrow, I cannot come, is possible another day next week?",
        # Australian, bringing it forward.
        "Reckon you could pull my check-up forward a few days, my tooth's really playing up?",
    )
    + phi_requests(
        RESULTS,
        # Terse.
        "Biopsy back yet?",
        # Polite, with a preamble.
        "Hi, I had a scan on my knee a fortnight ago and I still haven't heard a thing, is "
        "anything back?",
        # Dental.
        "Did the x-ray of my jaw show anything the dentist was worried about?",
        # Rambling.
        "Um, so, the thyroid bloods I did last Tuesday, like, were they okay or what?",
        # Indian English.
        "Kindly share my urine test report, the sample was given on Monday.",
        # Scottish.
        "Och, I've been waiting on my mammogram for weeks, any word on it yet?",
        # Older caller, indirect.
        "Good morning, the doctor took a mole off my back and said he'd send it away, has he "
        "heard anything about it?",
        # American, terse-ish.
        "Is my vitamin D okay? I did the test last week.",
        # Non-native English.
        "Please I want to know my pregnancy test, the blood one, what it is saying.",
    )
    + phi_requests(
        PRESCRIPTION,
        # Terse.
        "My refill ready?",
        # British, with a preamble.
        "Hi, could you check whether the doctor's signed off my inhaler yet, the chemist says "
        "they've nothing?",
        # Dental.
        "Um, did the dentist put through the antibiotics for my tooth, like, the pharmacy "
        "can't find them?",
        # Indian English.
        "Kindly tell me the status of my monthly medicines, the chemist is saying the refill "
        "is not received.",
        # Older British caller.
        "Hello love, I'm ever so sorry to bother you, I'm running low on my heart tablets, has "
        "my repeat gone through?",
        # Impatient.
        "Listen, I've been ringing about my skin cream for three days, has it gone to the "
        "pharmacy or not?",
        # Non-native English.
        "Medicine for my cholesterol, I need new one, doctor can send again?",
        # Australian.
        "G'day, is my script for the pain relief ready to grab yet?",
        # Irish, indirect.
        "I'm trying to work out have I any repeats left on the pill before I run out.",
    )
    + phi_requests(
        SUMMARY,
        # Terse.
        "Overview of my account?",
        # Indirect.
        "Could you give me a rundown of where I stand with you, visits, bills, all of it?",
        # With a preamble.
        "Hi, I've just moved house and I want to hear what you've actually got down for me, "
        "details and all.",
        # Indian English.
        "Kindly brief me about my complete file with your clinic, everything that is in it.",
        # Rambling.
        "Um, so, like, could you just go through my chart with me? I'm trying to keep track of "
        "everything.",
        # Irish.
        "What's the story with my account, like, the whole thing?",
        # Older caller.
        "Good day, I'm eighty-four, would you be kind enough to read me what's on my patient "
        "record?",
        # Non-native English.
        "Please, I want the summary of my dental history with you, all treatments I had.",
        # British, with a reason.
        "Right, before my operation I need the full picture, what's in my notes with you?",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Prices, in general.
    "Filling prices?",
    "I'm new to the area and I'll need a couple of fillings eventually, roughly how much is "
    "one with you lot?",
    "Roughly what does a crown cost if someone isn't insured?",
    "Um, what would a new patient exam and clean set me back, like, ballpark?",
    "Kindly tell the fees for root canal treatment in your clinic.",
    "What's a private consultation cost these days?",
    "How much is teeth whitening, and does it come with a check-up?",
    # Bills, balances and payment plans, in general.
    "Do you do payment plans for braces, or is it all up front?",
    "What happens if somebody just doesn't turn up, do you charge them for it?",
    "When do bills normally get sent out, after each visit or once a month?",
    "Can people pay off a balance over the phone in general, or only at the front desk?",
    "Do you take contactless?",
    "Are there any late fees if a bill isn't paid straight away?",
    "Is there interest on a payment plan, or is it just split into equal bits?",
    # Insurance.
    "Do you take Blue Cross?",
    "Do kids get bulk billed with you, or is there a gap?",
    "Does your practice work with Delta Dental?",
    "Can people claim on their private health fund on the spot there?",
    "Do you take the medical card, or is it private only?",
    "Is Cigna one of the dental insurers you work with?",
    "Does the insurance usually cover a scale and polish, or do most folks pay for that "
    "themselves?",
    # Refills and prescriptions, in general.
    "As a rule, how far ahead should folks ask for a repeat prescription?",
    "Can a pharmacist send you a refill request directly, or does the patient have to call?",
    "Would your dentists ever prescribe antibiotics over the phone, as a rule?",
    "Prescriptions are free in Scotland, aren't they, or do yous charge for them?",
    "Can refills for sleeping tablets be done without a visit, generally speaking?",
    # Appointments, booking and cancelling, in general.
    "What's your cancellation policy?",
    "Can appointments be booked by text message at all?",
    "Do you have an online booking page?",
    "Do you keep a list for people wanting cancellation slots?",
    "How long does a normal check-up appointment last?",
    "Do you see emergency dental cases, like for a knocked-out tooth?",
    "Are there evening appointments for people who work nine to five?",
    "Um, how far out are you booking for new patients at the moment, like weeks or months?",
    "Can someone book a double slot if they've a few things to discuss?",
    # Results and scans, in general.
    "How long do biopsy results usually take?",
    "Do test results go on the app, or does someone phone them through?",
    "Does the doctor only ring if something's wrong with a test?",
    "How soon after an x-ray does the dentist usually look at it?",
    "Do you do ultrasound scans there, or do you refer people out?",
    "Do people need to stop eating before a blood sugar test?",
    # Records, accounts and registering, in general.
    "What's the process for getting records sent over to a new dentist?",
    "How long do you keep patient files for?",
    "Is there a charge for a copy of medical records, generally?",
    "How do people set up an account on your portal?",
    "What's the procedure for transferring to your practice from another clinic?",
    "Taking new patients?",
    # Services.
    "Do you do implants there, or is that a specialist thing?",
    "Is there a hygienist at the practice?",
    "Do you do clear aligners, or only the metal braces?",
    "Do you look after nervous patients, like with sedation?",
    "Does the practice still do ear syringing?",
    "Do you do the childhood jabs there?",
    # Languages and accessibility.
    "Do any of your staff speak Hindi or Punjabi?",
    "Is there an interpreter service for people who don't speak English well?",
    "Sorry, my English is not strong, your clinic have a doctor who speak Polish?",
    "Is there a ramp at the front, for a mobility scooter?",
    "Is the front desk fitted with an induction loop for hearing aids?",
    "Is the car park free, and is it still open for the late clinics?",
    # Policies.
    "Are assistance dogs allowed in the surgery?",
    "Do under-eighteens need a parent with them for a check-up?",
    # Small talk and thanks.
    "Ah that's grand so, good luck now.",
    "Sorry, you cut out there, what was that?",
)
