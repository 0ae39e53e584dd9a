"""Held-out caller wordings for the step-up bench (``verivoice bench stepup``).

This is a held-out set, written on 2026-12-02 without reading the routing
rules (``pipeline/intents.py``, ``pipeline/router.py``, ``tests/test_intents.py``
or any other file that holds them). The wordings are phrased the way callers
talk to a clinic on the phone, and none repeats (even near-verbatim) a wording
from ``bench/stepup_set.py``, ``bench/handoff_set.py`` or ``tests/``.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``stepup_set``.

The structures, names and kinds are those of :mod:`verivoice.bench.stepup_set`
(imported from it), so the bench can load either module. Each protected-data
(PHI) request names the answer a verified caller should hear
(:data:`ANSWER_KINDS`); the other questions must never start a step-up.
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
        "Um, hi, yeah, I was just wondering what I owe you guys at the moment.",
        "Hi there, I got one of those statements from you and I can't make heads or tails "
        "of it, how much am I actually supposed to pay?",
        "I'm trying to figure out if my insurance paid its part, and what's left over for me "
        "to pay.",
        "Could you tell me the total I've got outstanding?",
        "I want to settle up for my visit last week, what's the figure?",
        "Did my last payment go through, and is there anything left after that?",
        "Hiya, just ringing to see if I'm in arrears with you at all.",
        "My balance, please.",
    )
    + phi_requests(
        APPOINTMENT,
        "When am I due back in to see the doctor?",
        "Um, so, I wrote my appointment down on a piece of paper and now I've lost it, when "
        "was it again?",
        "Have I got anything booked in with you next week?",
        "Just checking, is my appointment Tuesday or Wednesday?",
        "What time should I show up tomorrow?",
        "My wife says I've got a check-up coming up but I don't remember booking it, can you "
        "see if there's one?",
        "Could you read me back the appointments I've got scheduled?",
        "Am I still on the books for the morning of the fifteenth?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "I'm not gonna be able to make it Friday, can we find another time?",
        "So, um, my kid's sick and I need to call off my appointment tomorrow.",
        "Can you bump my appointment to the afternoon?",
        "Hi, I've got a visit booked for the twelfth and I need to shift it to later in the "
        "month if that's possible.",
        "Scrap tomorrow's appointment, I won't be needing it.",
        "My work schedule changed, so could we move my Monday slot to later in the day?",
        "I'm double-booked on the ninth, any chance of swapping my appointment to a different "
        "day?",
        "Yeah, I need to take myself off the schedule for next week, I'll be out of town.",
    )
    + phi_requests(
        RESULTS,
        "Hi, um, I had some blood drawn on Monday and I haven't heard anything, is it back?",
        "Did my urine test show anything?",
        "I'm waiting on a biopsy result, has anything come through?",
        "So what did the x-ray find?",
        "Were my thyroid levels okay?",
        "The doctor said she'd ring me with my scan results but nobody has, could you tell me "
        "what they said?",
        "Results, please, from the labs I had last Tuesday.",
        "Is my A1C back, and was it any better than last time?",
    )
    + phi_requests(
        PRESCRIPTION,
        "Has the doctor renewed my inhaler yet?",
        "I'm about to run out of my metformin, can you see if there's a refill on it?",
        "Um, which pharmacy did you send my script to?",
        "Was my antibiotic called in?",
        "Hi, yes, I'm just checking the status of my refill request.",
        "What dose am I supposed to be taking of my thyroid pill?",
        "Has my repeat script been done yet, do you know?",
        "My pharmacist says they never got anything from you for my eye drops, can you check?",
    )
    + phi_requests(
        SUMMARY,
        "Could you pull up my file and tell me what you've got?",
        "I'd like an overview of everything on my chart.",
        "Can you run through my patient record with me?",
        "So what does my account look like overall?",
        "Hi, I switched to you from my old doctor a while ago and I want to make sure my "
        "history came over, what do you have on me?",
        "My records, please.",
        "I'd like to review my patient account.",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Hours and location.
    "How early do your doors open of a morning?",
    "Are you guys open over the long weekend?",
    "Um, are you open at lunchtime or do you close for lunch?",
    "What's the latest I could come in on a weekday?",
    "Whereabouts are you, exactly? I'm coming off the highway.",
    "What floor is the office on?",
    "Is there somewhere to lock up a bike out front?",
    "Is the car park free or is it pay and display?",
    "Can I park on the street out front?",
    "What's the closest train station to you?",
    "Hi, um, I'm driving in from out of town next week and I'm hopeless with directions, "
    "is there a landmark near you I can look out for?",
    "Are you closed for Thanksgiving?",
    # Services and prices.
    "Do you do physicals for sports teams?",
    "Do you have a doctor who does skin checks?",
    "How much would a visit cost if I've got no insurance at all?",
    "Do you guys do COVID testing?",
    "Do you do allergy testing there?",
    "Is there a lab on site, or do I have to go somewhere else for blood work?",
    "Can I get my ears syringed there?",
    "So my mum's been coming to you for years and she rates you, and I'm thinking of "
    "switching over myself, but first, do you have any women doctors?",
    # Insurance, payment and billing in general.
    "Are you in network for Aetna?",
    "Do you take Apple Pay or anything like that?",
    "Do you do payment plans?",
    "How do bills usually get sent out, by post or by email?",
    "Who do I make a cheque out to when I pay a bill?",
    "If my insurance won't cover something, do you tell me before you do it?",
    # Appointments and tests in general.
    "How far ahead do I have to cancel so I don't get charged a fee?",
    "Is there a fee if somebody misses their appointment?",
    "How long is a usual appointment with the doctor?",
    "Do you take walk-ins, or is it appointment only?",
    "Can I book appointments online instead of calling?",
    "Do you send reminder texts before appointments?",
    "Do I need to bring my insurance card to every appointment?",
    "How long does it generally take for biopsy results to come back?",
    # New patients and process.
    "Hi, I'm new in town and looking for a family doctor, are you taking anyone on?",
    "How do I get my old records sent over to you from my last practice?",
    "What paperwork do new patients fill out?",
    # Small talk, odd questions, medical advice.
    "Sorry, could you say that one more time?",
    "Okay, great, thanks so much, bye.",
    "Hang on a sec, my dog's barking.",
    "Is this the clinic on Maple Street?",
    "Am I talking to a robot?",
    "Do you have anyone there who speaks Vietnamese?",
    "What should I do if I need a doctor after hours?",
    "My throat's been sore for three days, should I come in or just wait it out?",
    "Ah, sorry, wrong button, ignore that.",
)
