"""Caller wordings for the step-up bench (``verivoice bench stepup``).

The wordings were written before the product's intent rules
(``pipeline/intents.py``) were read, phrased the way a caller would say them
on the phone, and were not tuned to those rules afterwards. They are kept
apart from the wordings in ``tests/``: nine that turned out to be there word
for word were rephrased (same topic) without checking them against the rules
(and one more that a new test file used later).

Each protected-data (PHI) request names the answer a verified caller should
hear (:data:`ANSWER_KINDS`); the other questions must never start a step-up.
"""

from __future__ import annotations

from dataclasses import dataclass

BALANCE = "balance"
APPOINTMENT = "appointment"
CHANGE_APPOINTMENT = "change_appointment"
RESULTS = "results"
PRESCRIPTION = "prescription"
SUMMARY = "summary"

ANSWER_KINDS = (BALANCE, APPOINTMENT, CHANGE_APPOINTMENT, RESULTS, PRESCRIPTION, SUMMARY)


@dataclass(frozen=True)
class PhiRequest:
    """A request for protected data and the answer kind it should get."""

    text: str
    kind: str


def phi_requests(kind: str, *texts: str) -> list[PhiRequest]:
    """One answer kind's requests (the held-out sets build theirs with it too)."""
    return [PhiRequest(text, kind) for text in texts]


PHI_REQUESTS: tuple[PhiRequest, ...] = tuple(
    phi_requests(
        BALANCE,
        "How much do I owe you right now?",
        "Can you tell me what my balance is?",
        "I got a bill in the mail and I want to know how much it is.",
        "What's the amount due on my account?",
        "Do I have anything outstanding that I need to pay?",
        "I'd like to make a payment, how much should I pay?",
        "Is there still money owing on my last visit?",
        "Can you check what I still have to pay for my visit?",
        "Hi, I'm calling about my bill.",
        "What do I owe for the check-up I had?",
    )
    + phi_requests(
        APPOINTMENT,
        "Can you tell me the date of my next appointment?",
        "Can you remind me when I'm supposed to come in next?",
        "I forgot the date of my appointment, can you look it up?",
        "Do I have an appointment coming up?",
        "What time am I seeing the doctor?",
        "Which doctor am I booked with next time?",
        "Could you check when my next visit is scheduled?",
        "I think I have an appointment this week, can you confirm it?",
    )
    + phi_requests(
        CHANGE_APPOINTMENT,
        "I have to reschedule the appointment I have on Thursday.",
        "Can I move my appointment to another day?",
        "I want to cancel my appointment.",
        "Something came up and I can't make my appointment, can we change it?",
        "Could you push my visit back a week?",
        "I'd like to cancel my upcoming visit please.",
    )
    + phi_requests(
        RESULTS,
        "Are my test results back yet?",
        "I had blood work done last month, what did it show?",
        "Can you give me the results of my lab tests?",
        "Did my cholesterol results come in?",
        "I'm calling to find out how my blood test went.",
        "Has the doctor looked at my lab work?",
        "What were my results from the last visit?",
    )
    + phi_requests(
        PRESCRIPTION,
        "Is my prescription ready to pick up?",
        "How many refills do I have left on my medication?",
        "Can you check on my prescription?",
        "I need to know if my medicine has been sent to the pharmacy.",
        "When can I pick up my pills?",
        "Do I still have refills on my blood pressure medication?",
    )
    + phi_requests(
        SUMMARY,
        "Can you look at my account for me?",
        "I'd like to go over my records with you.",
        "What's on file for me?",
        "Can you give me a summary of my account?",
        "Can you tell me what's in my medical records?",
        "I want to check on my account status.",
    )
)

OTHER_QUESTIONS: tuple[str, ...] = (
    # Hours and location.
    "What are your hours on Saturday?",
    "Are you open on Sundays?",
    "How late are you open tonight?",
    "Where is the clinic located?",
    "What's the street address of the office?",
    "Is there parking at the clinic?",
    "Do I have to pay for parking?",
    "Is the front door accessible for a wheelchair?",
    "Do you have an elevator in the building?",
    "Is the clinic close to a bus stop?",
    # Services and prices.
    "What services do you offer?",
    "What do you charge for a teeth cleaning?",
    "Do you do flu shots?",
    "How much is a regular check-up without insurance?",
    "Does the doctor see kids?",
    "Do you offer physical therapy?",
    "Can I get a travel vaccine at your office?",
    "Do you do x-rays on site?",
    # Insurance and payment methods in general.
    "Which insurance plans do you accept?",
    "Do you take Medicare?",
    "Do you accept credit cards?",
    "Is it okay to pay in cash?",
    # General questions about tests.
    "How long does it usually take to get blood test results?",
    "Do I need to fast before a cholesterol test?",
    "What is a normal blood pressure?",
    "Should I drink water before a blood draw?",
    # Booking something new and general process.
    "I'd like to book a new appointment for a check-up.",
    "Are you taking new patients?",
    "How do I become a patient at your clinic?",
    "How early do new patients need to get there?",
    "What should I bring to my first appointment?",
    "Can I get a same day appointment if I'm sick?",
    "Do you offer video visits?",
    # Small talk and odd questions.
    "Hello, how are you today?",
    "Thank you, that's all I needed.",
    "Can you speak a little slower please?",
    "Is it raining over there today?",
    "Who am I speaking with?",
    "Are you a real person or a computer?",
    "Can you tell me a joke?",
    "Do you speak Spanish?",
    "What's the fax number for the office?",
    "Is there a pharmacy near the clinic?",
    "What should I do if I have a fever over the weekend?",
)
