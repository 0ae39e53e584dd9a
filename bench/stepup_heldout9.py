"""Ninth held-out set of caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-05 without reading the routing
rules or the routing exemplars (nothing under ``pipeline/``, ``tests/`` or
``docs/``, nor ``bench-out/``, was opened or searched, and no router or
concept code was read anywhere), and without reading the wordings of the
other held-out sets (``bench/stepup_heldout*.py`` and ``bench/handoff_*.py``).
Only ``bench/stepup_set.py`` was read in full (for its structures, names,
answer kinds and policy), and of ``bench/stepup_heldout8.py`` only the module
docstring, the imports, ``__all__`` and the top-level names and layout were
read. (A grep for top-level names in ``bench/handoff_set.py`` and
``bench/handoff_heldout9.py`` also printed part of the latter's module
docstring; no wording of another set was seen.) The wordings are phrased the way callers talk to a medical or dental
practice on the phone (terse, polite, impatient, rambling with fillers, false
starts and self-corrections, older callers, non-native English, British,
Irish, Scottish, Australian, Indian, South African, Canadian, Caribbean and
American idioms, indirect requests, some that skip the obvious keywords, and
some with a sentence of context first), from two words to about thirty. They
are plain spoken text for synthesis (no digits, no abbreviations other than
"Dr."). The caller is always the patient, asking about themselves.

Repeats were checked mechanically, without reading the other sets: a
throwaway script outside the repository lower-cased every wording here and
reduced it to its words (punctuation dropped), and compared it with every
wording in the ``PHI_REQUESTS`` and ``OTHER_QUESTIONS`` of every
``bench/stepup_*.py`` module and the ``PERSON_REQUESTS``, ``OTHER_REQUESTS``
and ``BORDERLINE`` keys of every ``bench/handoff_*.py`` module; a wording
counted as a clash when it was equal or close (a difflib ``SequenceMatcher``
ratio of 0.9 or more on the word lists). Only the count and the clashing
wordings of this set were printed; each was reworded until none remained.
Duplicates within this set were checked the same way.

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
        "Yeah hi, um, just wondering what I'm down for with you lot, money-wise.",
        "Right, there's a letter here saying I'm in arrears. How much, exactly?",
        "How much am I in for? For the filling, I mean.",
        "Good morning dear, I'm ringing to settle up. Could you give me the figure?",
        "Did my payment from last week go through, or am I still showing as owing?",
        "Am I all squared away with you, or is there still something to pay?",
        "What's left on my tab now the insurance has paid its bit?",
        "Kindly tell me the pending amount against my name, I wish to clear it today itself.",
        "I got one of those, uh, statement things from you. What's the damage?",
        "Howzit, I want to pay off what's on my account, what does it come to now?",
        "The insurance was meant to cover my crown, so am I still on the hook for any of it?",
        "Am I in the red with you folks at all?",
        "Sorry, quick one. Is there a balance sitting on my file?",
        "I'm after paying the most of it already, so what's remaining on my bill?",
        "Eh, the reminder said overdue. Overdue how much, like?",
    )
    + phi_requests(
        APPOINTMENT,
        "When am I due back in?",
        "I've gone and lost the little card with my appointment on it. When is it?",
        "Is it this Tuesday or next Tuesday I'm coming in? I honestly can't remember.",
        "Am I booked in with anybody at all next month?",
        "Sorry love, what time was I meant to be there tomorrow?",
        "Could you please tell me the date fixed for my checkup with Dr. Rao?",
        "I reckon I've got something booked with the hygienist, can you see when?",
        "Uh, yeah, do I, um, is there, have I got a visit coming up soon?",
        "My husband reckons I've the dentist on Friday. Is he right?",
        "Which day did we land on for my follow-up again?",
        "What's the soonest thing you have me down for?",
        "So I'm, uh, trying to book flights for the summer and I don't want a clash, when's my next one with you guys?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "I won't make it tomorrow, can you bump me to later in the week?",
        "Scrap my booking for Monday, please.",
        "Need to shift my slot, something's come up at work.",
        "My flight got changed so I need to, um, move my cleaning to after the twentieth.",
        "Could I swap my morning one for an afternoon?",
        "I'd like to call off my visit next week, I'm feeling much better now.",
        "Is it possible to postpone my consultation by a few days, madam?",
        "I cannot come on Wednesday, please to change my date.",
        "Ach, I'll have to cry off on the fourth. Can we find me another day?",
    )
    + phi_requests(
        RESULTS,
        "Anything back on those bloods of mine yet, or still waiting?",
        "I had my knee scanned a fortnight ago and nobody's rung me. What did it show?",
        "Did my swab come back?",
        "Just ringing to see if the biopsy's come back yet.",
        "Has anything come through from the lab for me?",
        "They took an X-ray of my jaw last time. Did the dentist spot anything?",
        "My sugar test, was it normal or not?",
        "Um, I did the urine sample thing on Monday, is it, like, back?",
        "What did my thyroid numbers say?",
        "I'm a bit anxious, the nurse said she'd call about my smear and she hasn't.",
        "Is everything fine with my reports? Has doctor seen them?",
    )
    + phi_requests(
        PRESCRIPTION,
        "Has my repeat gone across to Boots yet, do you know?",
        "Did Dr. Okafor sign off on my inhaler?",
        "I'm nearly out of my tablets. Has the renewal gone through?",
        "Where's my script at? The pharmacy says they haven't got it.",
        "Can you see if my antibiotics were called in?",
        "Have I any more refills on the cream, or do I need to see someone first?",
        "How many more times can I top up my metformin before it runs out?",
        "Has the doctor okayed the medication request I put in yesterday?",
        "The chemist rang saying there's a hold-up with my pills, can you look into it?",
    )
    + phi_requests(
        SUMMARY,
        "Could you run through what you've got on me?",
        "I'd like a look at my chart. Everything on it.",
        "What do my notes say? The whole lot.",
        "Can you pull up my file and tell me where things stand?",
        "I want to be sure my details and history are all correct on your system.",
        "Please, can you read me out my patient history?",
        "What's my account looking like overall?",
        "Give us a rundown of my records, would you.",
        "Just want an overview of everything you hold on me, if that's alright.",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Billing, payments and insurance in general.
    "How does the billing work there, do you send an invoice or is it pay on the day?",
    "Do you do payment plans for the bigger treatments?",
    "If somebody's got a balance they can't pay all at once, is there an instalment option?",
    "Can people pay their bills over the phone, or is it in person only?",
    "Is there a late fee, generally, if a bill isn't paid on time?",
    "What cards do you take?",
    "Do you accept e-transfer?",
    "Is there a discount if you pay up front?",
    "When do you usually send the bills out, end of the month or what?",
    "What's the price of a check-up if you've no cover at all?",
    "Roughly how much for a scale and polish?",
    "Can I pay by bank transfer, or is it card only?",
    "Does the practice still take cheques?",
    "Mate, which health funds are you lot registered with?",
    "Are you in network for Blue Cross?",
    "Is it bulk billing there, or is there a gap?",
    "Do you take medical aid, or is it cash practice?",
    "Do you bill the insurance direct, or do patients claim it back themselves?",
    "Sorry to bother you, I'm not registered with you yet, still shopping around really, but do you work with the private insurers or is it all out of pocket?",
    "Is the account set up in the name of the parent when it's a child being seen?",
    "Does the clinic charge a deposit for crowns, as a rule?",
    # Prescriptions, refills and results in general.
    "Do you do repeat prescriptions, or is that the chemist's job?",
    "How many days' notice do you need for a refill request, usually?",
    "Can the doctors prescribe over the phone at all?",
    "Is there a charge for a prescription with you?",
    "Do you send prescriptions straight to the pharmacy, or hand out a paper one?",
    "Which chemist is closest to you?",
    "Do you post results out, or do you ring people?",
    "How long do scan results normally take to come back, roughly?",
    "Will the surgery call if a test is fine, or only if something's wrong?",
    "Can results be emailed, as a rule?",
    "Is it no food after midnight before one of those fasting blood tests?",
    "Do you lot do the scans on site or is it a hospital job?",
    "Can you get blood taken at the practice, or do you send people elsewhere?",
    # Booking, cancelling and visits in general.
    "How do I get on your books?",
    "Any chance you're accepting new people?",
    "Quick one, what's the policy on cancelling, in general like?",
    "How much notice do you need if someone has to cancel?",
    "Do you fine people for not turning up?",
    "Can you book online or is it phone only?",
    "How far ahead are you booking at the minute?",
    "Do you do walk-ins?",
    "What should new patients bring along on the first day?",
    "Do I need a referral to see one of your doctors?",
    "How long's a normal appointment with you, roughly?",
    "Can a whole family be booked in together, back to back?",
    "If someone's running late, how long will you hold the slot?",
    "Does the practice text folk a reminder the day before, as standard?",
    "So I'm new to the area, just moved up from Durban, what's the, uh, process for joining?",
    "Um, how, like, how do people normally book with you? Is there an app or?",
    "Do your cleaners, sorry, your hygienists, work Saturdays?",
    # Records and accounts in general.
    "How do people ask for a copy of their records, is there a form?",
    "Do you charge for sending records on to another practice?",
    "How do patients sign up for the online portal?",
    "How long do you keep records for, generally?",
    "If you move away, do your notes follow you automatically?",
    # Hours, location and access.
    "What time do youse shut on a Friday?",
    "Would you be open over the Easter bank holiday at all?",
    "Whereabouts are you, exactly? I'll be coming from the station.",
    "Is there somewhere I can leave the car?",
    "Could I get a wheelchair in the front door alright?",
    "Is there a lift? My knees aren't what they were.",
    "Do you open early at all, like before work?",
    "What's the nearest tram stop to you?",
    "Are you closed over lunch?",
    "Y'all open on the Fourth of July?",
    "Is there an accessible toilet?",
    "Do you have a hearing loop at the front desk?",
    "Do you have to pay for the car park there, or is it free for patients?",
    # Services.
    "Do you do whitening?",
    "Does the nurse there do ear syringing, or is it elsewhere for wax?",
    "Is there a lady doctor on the team?",
    "Do you do root canals, or send people elsewhere for that?",
    "Anyone there do braces for grown-ups?",
    "Do you do the travel jabs?",
    "Would the doctors see a newborn there?",
    "I'm terrified of the dentist, honestly. Do you put people to sleep for the work, or is it just numbing?",
    "Do you do home visits for older folk?",
    "Do you lot do sick notes?",
    "Is the dentist good with kids who are scared, like really scared?",
    # Small talk and odd questions.
    "Sorry, can you say that again?",
    "Hang on, the kettle's going.",
    "Cheers, that's grand.",
    "Hold on, am I talking to a machine here?",
    "Can I talk to you in Hindi?",
    "Is this the dental side or the medical side?",
    "What's the email for the office?",
    "Lovely weather, isn't it?",
    "What's the number for after hours?",
    "If a child gets a rash on a Sunday, where should you go?",
    "Is it alright to come in with my guide dog? He's very well behaved.",
    "Do you have an interpreter service?",
    "What's the difference between a hygienist and a dentist, anyway?",
)
