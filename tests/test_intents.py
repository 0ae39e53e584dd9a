"""Requests for protected data are recognised by rules, in many wordings, and general
questions about the practice are left to the model."""

from __future__ import annotations

import pytest

from verivoice.pipeline.intents import Request, classify, normalise

PROTECTED = {
    Request.BALANCE: [
        "Can you tell me how much I owe on my account?",
        "What is my account balance?",
        "How much do I owe?",
        "I'd like to pay my bill.",
        "Do I have a balance with you?",
        "What's the balance on my account?",
        "I got a bill in the mail and I want to know what it's for.",
        "Did my last payment go through?",
        "Is there anything outstanding on my account?",
        "How much is my copay going to be for last week's visit?",
        "I'd like to know what I owe the practice.",
        "How much money do I still owe you?",
        "What was my last bill for?",
    ],
    Request.APPOINTMENTS: [
        "When is my next appointment?",
        "Do I have any appointments coming up?",
        "What time is my appointment tomorrow?",
        "When am I seeing Doctor Patel?",
        "Can you remind me when my check-up is?",
        "Am I booked in for anything next week?",
        "I need to know my next visit date.",
    ],
    Request.CHANGE_APPOINTMENT: [
        "I need to reschedule my appointment.",
        "Can I cancel my appointment on Thursday?",
        "I want to move my appointment to next week.",
        "I need to reschedule with Dr. Patel.",
        "Could you change my visit to the afternoon?",
    ],
    Request.TEST_RESULTS: [
        "Are my lab results back?",
        "Can you give me my test results?",
        "Did my blood work come back yet?",
        "What did my x-ray show?",
        "I'm calling about the results of my blood test.",
    ],
    Request.PRESCRIPTIONS: [
        "I need a refill on my blood pressure medication.",
        "Is my prescription ready?",
        "Has my prescription been sent to the pharmacy?",
        "Can you check on my medication refill?",
        "I'm running out of my pills.",
    ],
    Request.ACCOUNT: [
        "I want to check my account.",
        "Can I get a copy of my medical records?",
        "I have a question about my records.",
        "What's on my file?",
        "Can you pull up my account please?",
    ],
}

GENERAL = [
    "What are your opening hours?", "Are you open on Saturday?", "Where are you located?",
    "Is the front door accessible?", "Do you take walk-ins?", "How much does a cleaning cost?",
    "What payment methods do you accept?", "Do you take credit cards?", "Can I pay with cash?",
    "Do you accept my insurance plan?", "Do you do blood tests?",
    "How long do test results usually take?", "How do I book an appointment?",
    "I'd like to make an appointment.", "Can I schedule a check-up?",
    "Do I need to fast before a blood test?", "What should I bring to my appointment?",
    "Is there parking nearby?", "Do you have a pharmacy on site?",
    "Can the doctor prescribe antibiotics?", "Which doctors work at the practice?",
    "Is Doctor Patel accepting new patients?", "What is your cancellation policy?",
    "Do you offer flu shots?", "Are you open on public holidays?", "What's your fax number?",
    "How early should I arrive for my first visit?", "Can my husband come in with me?",
    "Do you see children?", "Is there a lab on site?", "What is the address of the clinic?",
    "Thank you so much.", "Hello, is anyone there?",
    "I have a cough and a sore throat, should I come in?", "Do you do telehealth visits?",
    "What languages do your staff speak?", "How do I get to your office from the train station?",
    "Do I need a referral to see a specialist?", "Can I bring my dog?",
    "What's the weather like today?", "Is there a charge for parking?",
    "What is the total for a cleaning and an exam?", "", "Um.",
]


@pytest.mark.parametrize(("expected", "text"),
                         [(r, t) for r, texts in PROTECTED.items() for t in texts])
def test_a_request_for_protected_data_is_recognised(expected: Request, text: str) -> None:
    assert classify(text) is expected


# Written after the first step-up bench run, in other words than its misses, to check that
# the rules widened for them generalise.
MORE_PROTECTED = {
    Request.BALANCE: ["Is there anything still due on my side?", "How much would I need to pay?",
                      "I'd like to make a payment today."],
    Request.APPOINTMENTS: ["When am I meant to be back in?",
                           "I believe I have a visit on Friday, is that right?"],
    Request.CHANGE_APPOINTMENT: ["I won't be able to make my appointment tomorrow."],
    Request.TEST_RESULTS: ["I did a urine test last week, what did it find?",
                           "How did my x-ray turn out?", "Has anyone reviewed my blood work?"],
    Request.ACCOUNT: ["What do you have on file for me?"],
}
MORE_GENERAL = ["How much do I pay for a flu shot?", "I had a great visit last time, thanks.",
                "I can't make it to the phone right now.", "I have a question about parking.",
                "I am supposed to bring my insurance card, right?"]


@pytest.mark.parametrize(("expected", "text"),
                         [(r, t) for r, texts in MORE_PROTECTED.items() for t in texts])
def test_other_wordings_of_protected_requests(expected: Request, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize("text", MORE_GENERAL)
def test_other_general_remarks_stay_with_the_model(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", GENERAL)
def test_a_general_question_is_left_to_the_model(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", ["Can I talk to someone at the front desk?",
                                  "Operator, please.", "I want to speak to a real person.",
                                  "Can I talk to someone about my bill?", "Receptionist.",
                                  "Put me through to the billing office.",
                                  "Is there anybody I could speak with?",
                                  "I need a representative.", "Please transfer my call."])
def test_a_request_for_a_person_wins(text: str) -> None:
    assert classify(text) is Request.HANDOFF and not Request.HANDOFF.protected


@pytest.mark.parametrize("text", ["Are you a real person?", "I want to see a doctor next week.",
                                  "Does the front desk take cash?", "I need the front desk hours.",
                                  "Is the nurse in today?", "Can you put me down for a flu shot?"])
def test_naming_staff_is_not_asking_for_them(text: str) -> None:
    assert classify(text) is not Request.HANDOFF


def test_every_protected_request_names_a_tool() -> None:
    from verivoice.auth.records import RecordStore, phi_tools

    names = {tool.name for tool in phi_tools(RecordStore(), None)}
    assert {r.value for r in Request if r.protected} == names


def test_transcripts_are_normalised_before_the_rules() -> None:
    assert normalise("What\u2019s MY balance?!") == "what is my balance"
    assert classify("WHAT'S MY BALANCE") is Request.BALANCE
    assert classify("what s my balance") is Request.BALANCE  # ASR spacing
    assert normalise("My 1st visit, the 2nd") == "my first visit the second"
    assert classify("What should I know before my 1st visit?") is None
