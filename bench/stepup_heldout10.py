"""Tenth held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-05 without reading the routing
rules or the routing exemplars (nothing under ``pipeline/``, ``tests/``,
``docs/`` or ``bench-out/`` was opened or searched), and without reading the
wordings of the other held-out sets (``bench/stepup_heldout*.py`` and
``bench/handoff_*.py``). Only ``bench/stepup_set.py`` (for its structures,
names, answer kinds and policy) and ``verivoice/practice.example.yaml`` (for
the practice's facts) were read in full, and of ``bench/stepup_heldout8.py``
only lines 1 to 75 (the module docstring, the imports and ``__all__``) were
read, to copy the layout and the shape of this docstring. The wordings are
phrased the way callers talk to a medical or dental practice on the phone
(terse, polite, impatient, rambling with fillers, older callers, non-native
English, British, Irish, Scottish, Australian, Indian, South African,
American, Canadian, Nigerian and Caribbean idioms, indirect requests, some
that skip the obvious keywords, and some with a sentence of context first),
from two words to about thirty, as plain spoken text for speech synthesis (no
digits, no symbols, no abbreviations but "Dr."). The caller is always the
patient, asking about themselves.

Repeats were checked mechanically, without reading the other sets: every
wording here was lower-cased and reduced to its words (punctuation dropped),
and compared with every wording in the ``PHI_REQUESTS`` and
``OTHER_QUESTIONS`` of every ``bench/stepup_*.py`` module, the
``PERSON_REQUESTS`` and ``OTHER_REQUESTS`` of every ``bench/handoff_*.py``
module, and every string literal in ``tests/*.py`` (extracted with ``ast``,
never printed); a wording counted as a clash when it was equal or close (a
difflib ``SequenceMatcher`` ratio of 0.9 or more on the word lists), or, for
a wording of three words or more, when its words occurred inside a
``tests/*.py`` string literal. Only the clashing wordings of this set were
printed; each was reworded, and none remained.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``stepup_set``.

The structures, names and kinds are those of :mod:`verivoice.bench.stepup_set`
(imported from it), so the bench can load either module. Each protected-data
(PHI) request names the answer a verified caller should hear
(:data:`ANSWER_KINDS`); the other questions must never start a step-up, and
many of them share words with a PHI request (bills, balances, payment plans,
refills, prescriptions, appointments, booking, cancelling, results, scans,
records, accounts, insurance) while asking only about the practice in
general, or about other people in general. None of them asks to speak to a
person (those belong to the handoff bench).
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
        "Balance, please, mine.",
        "Hiya, I had a letter through the door saying there's money outstanding, could you "
        "tell me how much it comes to?",
        "Um, so, like, what's the damage on my end? How much am I actually on the hook for?",
        "Good morning dear, I'm eighty two and my daughter usually does the paperwork, but "
        "could you tell me what I owe the practice?",
        "Kindly tell me the amount still remaining for me to pay.",
        "Did my last payment go through, and is there anything left over after it?",
        "Howzit, just checking if I'm still owing you guys something from December.",
        "I'm after wondering what's left on my bill, if you'd be so kind.",
        "Look, I paid at the desk, I'm certain of it, so why have I had another invoice? "
        "What does it say I owe?",
        "Can you see whether my insurance paid its share yet, and what's left over for me "
        "to cover?",
        "How much is sitting on my tab with you folks?",
        "I got one of your statements and the number's all smudged, can you read me what "
        "it should be?",
        "Am I in arrears with you at all?",
        "I set up a payment plan with you last spring, how much is still to go on it?",
    )
    + phi_requests(
        APPOINTMENT,
        "Remind me, when am I next due in with yous?",
        "Sorry, silly question, but am I booked in for something next week? I wrote it on a "
        "scrap of paper and lost it.",
        "What day was my check up again? The dog chewed the calendar.",
        "Please, I want to confirm my appointment timing, is it morning or afternoon?",
        "Have you got me in the diary for anything this month?",
        "G'day, just wondering when I'm due back in to see the doctor.",
        "Is my follow up still on for Tuesday?",
        "My husband reckons I've an appointment tomorrow but I don't remember booking one, "
        "can you have a look?",
        "What time do I need to be with you on Friday?",
        "Abeg, when is my next visit with the doctor?",
        "Is it the dentist I'm seeing on Monday or the hygienist? I honestly can't remember.",
        "Aye, hello, could ye tell me when my next wee appointment is?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "Need to cancel tomorrow's.",
        "I won't make it Wednesday, my car's in the shop, can we find me another slot?",
        "Could I possibly shift my booking to later in the afternoon? Work's been mental.",
        "Please I am wanting to postpone my appointment to next month.",
        "Yeah hi, I've got a clash with my Thursday slot, any chance of swapping it?",
        "I'm going to have to call off my visit on the tenth, I'm so sorry.",
        "Can you bring my appointment forward? I'd rather come in sooner if there's a gap.",
        "Um, so my, like, teeth cleaning is the same day as my kid's recital, can we move it?",
        "Please cross me off for Monday morning, I can't come in after all.",
        "My mam's poorly and I've to look after her, so can I rearrange my appointment?",
    )
    + phi_requests(
        RESULTS,
        "My scan results, please.",
        "Hello, I had a swab taken last Tuesday, has anything come back on it?",
        "The nurse said she'd ring if my bloods were bad, nobody rang, so does that mean "
        "they're fine?",
        "I'm a bit anxious, could you tell me whether my biopsy has come back?",
        "Is the result in for the urine sample I dropped off?",
        "Please sir, what did the doctor find on my X ray?",
        "Did my thyroid numbers come back normal?",
        "I did the fasting test on Monday and I'm wondering what it showed for my sugar.",
        "Good day, I want to know if my mammogram report reach yet.",
        "Any news from my ultrasound at all?",
        "Could you read me my iron levels from the last lot of blood work?",
    )
    + phi_requests(
        PRESCRIPTION,
        "Is my repeat ready?",
        "I'm nearly out of my inhaler, has the doctor signed off another one for me?",
        "Did my script get sent over to the chemist yet?",
        "How many more times can I refill my thyroid tablets before I need a review?",
        "Please, my sugar tablets are finishing, has the renewal been approved?",
        "What dose am I meant to be on for my blood thinner? I've lost the box.",
        "Um, which pharmacy did you send my, like, my anxiety medicine to?",
        "Has the refill I asked for yesterday gone through?",
        "Is there anything left on my eye drops prescription or do I need a new one?",
    )
    + phi_requests(
        SUMMARY,
        "Read me back what you have on file for me.",
        "Could you give me an overview of my account?",
        "I'm moving away soon and want to know what's in my records before I go.",
        "What does my chart say?",
        "Please, can you tell me everything that is in my patient file?",
        "Just making sure my details are all current, what have you got for me?",
        "I'd like a rundown of my account, whatever is showing there.",
        "Can I get a quick recap of my whole history with the practice?",
        "Is my file with you all in order, eh? Could you go through it with me?",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Hours, including the dated changes.
    "What time do you lock up of a Wednesday evening?",
    "Do you close for lunch at all midweek?",
    "Will you be open on Christmas Eve, or is it a half day?",
    "Are you open on New Year's Day?",
    "What time do you open in the mornings, love?",
    "Are you lot open late any evening of the week?",
    "How long are you open on a Friday?",
    "Are you open at all on a Sunday, or is that a no?",
    # Address, parking and getting there.
    "Where exactly are you? I'm on Main Street now and I can't see the sign.",
    "Which corner is the practice on?",
    "Is there somewhere to leave the car?",
    "Is the parking free or is it metered?",
    "Can I get to you on the bus from downtown?",
    "Is there a bike rack outside?",
    # Accessibility and languages.
    "Is there step free access for a mobility scooter?",
    "I wear hearing aids, is there a loop fitted at your front desk?",
    "Is your washroom big enough for a wheelchair, eh?",
    "Do any of the staff speak Hindi?",
    "Can you get an interpreter in for folks who don't speak much English?",
    "Is there anybody at the clinic who has Portuguese?",
    # Services.
    "Do you do women's health, like smear tests and that?",
    "Do you see babies, or only older children?",
    "Do you lot do the flu jab?",
    "My cousin is travelling to Ghana, does your clinic do travel vaccines?",
    "Do you take blood there or does a person have to go to a lab?",
    "Do you do scans on site, like ultrasounds, or do you send people elsewhere?",
    "Any chance you lot offer whitening for the teeth?",
    "Is there a dentist at your practice, or is it just doctors?",
    "Do you do annual check ups for older people?",
    # New patients.
    "Are you accepting new patients at the moment?",
    "My family just moved to Springfield, how do we register with you?",
    "Is there a waiting list to join the practice?",
    "What do new patients have to bring along on the first day?",
    # Insurance.
    "Which insurers are you in network with?",
    "Do you take Medicaid?",
    "Do you see people with no insurance at all?",
    "Is Blue Cross one of the insurance plans you accept?",
    "Does insurance normally cover the yearly check up at your place?",
    "What happens if someone's insurance card has expired, do they still get seen?",
    # Payment methods and fees in general.
    "Can people still pay by cheque?",
    "Do you take tap cards or phone payments?",
    "Do you offer payment plans for big bills, generally speaking?",
    "What's the fee for a sick note?",
    "How much is a standard consultation if you're paying out of pocket?",
    "Do people get charged if they just never turn up for a booked slot?",
    "Do you charge for filling in forms for work?",
    "How do folks usually settle a bill with you, online or in person?",
    "Do you send bills by email or in the post?",
    "What does balance billing mean? My neighbour keeps going on about it.",
    "Is there a payment plan option for dental work, as a rule?",
    "Roughly what does a filling cost these days without cover?",
    # Booking and cancelling in general.
    "How far ahead can appointments be booked, normally?",
    "Can you book online or is it only over the phone?",
    "What are the rules over there about cancelling, in general like?",
    "If a patient has to cancel, how many hours warning do you lot want?",
    "Could a body just wander in off the street, or must everything be booked?",
    "How long is a normal appointment slot with the doctor?",
    "Can a person book a double appointment if they've a few things to discuss?",
    "Do you send text reminders before appointments?",
    "Is booking open yet for the flu clinic this year?",
    "I'd like to make a brand new booking for a vaccination, what days do you do them?",
    # Results in general.
    "Typically, how many days before scan results land with the doctor?",
    "How do patients usually get their results, by phone or by letter?",
    "Do you ring people when results are normal, or only if something's wrong?",
    "How soon after a biopsy does a person usually hear anything?",
    "What's a healthy range for cholesterol, roughly?",
    "Is it true you can't eat before a sugar test?",
    # Prescriptions in general.
    "Do you do repeat prescriptions?",
    "How many days' notice do you need for a refill, as a general thing?",
    "Can prescriptions go to any pharmacy, or only particular ones?",
    "Is there a chemist close to the surgery?",
    "Will the doctors there prescribe over the phone, generally?",
    "How does the refill process work at your practice, in a nutshell?",
    # Records, forms and accounts in general.
    "How does someone request a copy of their medical records from you?",
    "Is there a form for transferring records to another practice?",
    "Do you have an online patient portal where people can set up an account?",
    "Can a family share one account on the portal, or does each person need their own?",
    "Where can I pick up the new patient forms?",
    "Can forms be filled in online before the visit?",
    "Do you have a privacy policy I could read somewhere?",
    # Other people in general.
    "Can a carer come into the room with the patient?",
    "Do kids need a parent with them for their jabs?",
    "Can a teenager come in on their own without mum or dad?",
    "Do you look after pregnant women there?",
    "At what age do children usually have their first dental check?",
    # Small talk and odd questions.
    "Grand so, cheers for that now.",
    "Come again? You cut out there.",
    "Can you hear me alright? The line's terrible.",
    "Are you taping this conversation, by the way?",
    "Am I talking to a robot, is it?",
    "Hold on a second, the kettle's boiling.",
    "What's the weather like over your way?",
    "Do you have a website I could look at?",
    "Is there an email address for the practice?",
)
