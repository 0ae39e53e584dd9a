"""The concept layer of routing: requests in wordings no phrase rule was written for.

The wordings here are the tests' own: none is copied from a bench set (the benches measure
the rules on wordings written apart from them).
"""

from __future__ import annotations

import pytest

from verivoice.pipeline.concepts import about_people, asks_for_person, general_question
from verivoice.pipeline.intents import Request, classify, normalise, understand

PROTECTED_BY_CONCEPT = {
    Request.BALANCE: [
        "Morning, could you see if there's still money owing from my daughter's visit?",
        "I'm ringing because I think I was billed twice.",
        "Has the refund for my overpayment gone out yet?",
        "Um, the statement I got, is that the full amount or is there more coming?",
        "I sent a payment through online banking on Friday, has it reached you?",
        "Is there anything unpaid on my side, or are we square?",
        "Roughly how much have I got left on my account to pay off?",
        "What's outstanding on my tab, roughly?",
    ],
    Request.APPOINTMENTS: [
        "Can you check what date I'm pencilled in for with the nurse?",
        "I forgot when I'm supposed to come back for the follow-up, can you tell me?",
        "Is my session with the physio still on next week?",
        "Is my appointment on the system for Tuesday?",
        "Have I got anything coming up with the dentist side of things?",
        "What time am I in with the doctor on Friday?",
        "When is my asthma review again?",
        "Have I still got a spot with the nurse on Monday?",
        "I think I've got something on with you next week, have I?",
        "Is there anything on your books for me in June?",
    ],
    Request.CHANGE_APPOINTMENT: [
        "Something came up, I need to call off Wednesday's appointment.",
        "Is there any chance of a later slot than the one I've got on Monday?",
        "I'm booked for the third but I need to move it to the week after.",
        "I won't be able to get there on Friday, could you find me another day?",
        "Can I have the Monday afternoon slot instead of my Friday one?",
    ],
    Request.TEST_RESULTS: [
        "Any news on the swab they took from me last week?",
        "I'd like to know if my cholesterol levels came back okay.",
        "The nurse said she'd phone me with my scan but nobody has, could you check?",
        "I'm still waiting on my bloods from the hospital.",
    ],
    Request.PRESCRIPTIONS: [
        "My inhaler's nearly empty, can you sort another one for me?",
        "Has the chemist been sent my repeat yet?",
        "What strength of amlodipine did the doctor put me on?",
    ],
    Request.ACCOUNT: [
        "I'd like to see what notes you keep about me.",
        "Can you read me the summary you hold, my visits and all?",
        "What have you got down for me as allergies?",
    ],
}

GENERAL_BY_CONCEPT = [
    "How long does it normally take for a prescription to be sent to the pharmacy?",
    "Do you lot send a text before appointments?",
    "What's your policy if I'm late?",
    "How much does a blood test cost if I'm not insured?",
    "Should I come in if my fever's still high tomorrow?",
    "Can I pay over the phone with a debit card?",
    "Do I need to bring my old medication with me?",
    "How do I sign up as a new patient?",
    "Can I book appointments online?",
    "I had a lovely appointment with the nurse, thank you.",
    "My son said your staff were great.",
    "What should I bring with me on the day?",
    "Would I pay on the day, or do you send it to my insurer?",
    "Do I have to go to the hospital for an x-ray?",
    "Is there a fee when I pay my bill by card?",
    "Does the surgery phone people the week before they're due in?",
    "Can I fill in the registration form online?",
    "What's the quickest way to get there from the station?",
    "Can I see my test results online?",
    "I can't get there by car, is there a bus?",
    "I have a holiday coming up, do I need any vaccinations?",
    "Is the Saturday flu clinic still on?",
    "What's the process for getting notes transferred over from my last surgery?",
    "I can't make it to the phone right now.",
    "Could you give me a rundown of your services?",
    "When somebody can't make Thursday, what happens?",
    "What happens to the sample once you send it off to the lab, and when do results come back?",
    "Do you sell creams for eczema?",
]


@pytest.mark.parametrize("text", [
    "Thursday's no good now, push it back a fortnight?",
    "Afraid my check-up on Monday is off, I'm away.",
    "I won't be needing my booking on the ninth any more.",
    "Strike me off for Friday's appointment, I'm better now.",
])
def test_calling_a_visit_off_is_a_change_request(text: str) -> None:
    assert classify(text) is Request.CHANGE_APPOINTMENT


@pytest.mark.parametrize(("expected", "text"), [
    (Request.PRESCRIPTIONS, "Could my amlodipine be topped up before the weekend?"),
    (Request.ACCOUNT, "I need a rundown of my medical background for a new insurer."),
    (Request.ACCOUNT, "For a form I'm filling in, what's on my record with you generally?"),
])
def test_more_words_for_medicines_and_the_record(expected: Request, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize(("expected", "text"),
                         [(r, t) for r, texts in PROTECTED_BY_CONCEPT.items() for t in texts])
def test_a_protected_request_in_new_words_is_routed(expected: Request, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize(("expected", "text"), [
    # the step-up held-out-5 gaps, in other words
    (Request.CHANGE_APPOINTMENT, "Could you fit me in sooner than the ninth?"),
    (Request.CHANGE_APPOINTMENT, "Can we knock my Tuesday appointment on the head?"),
    (Request.PRESCRIPTIONS, "Are my painkillers ready to pick up, or should I come tomorrow?"),
    (Request.APPOINTMENTS, "Have I got anything with the nurse this month?"),
    (Request.APPOINTMENTS, "Are we on with the doctor on Friday?"),
    (Request.APPOINTMENTS, "My husband normally handles this, but when am I next due at the "
                           "surgery?"),
    (Request.BALANCE, "I'm not sure if I settled the invoice from my last check-up."),
    (Request.ACCOUNT, "Could I get an overview of my bills and visits?"),
    (Request.BALANCE, "So what's the damage so far for my treatment?"),
    (Request.TEST_RESULTS, "Read me my cholesterol results, the fasting ones, please."),
    # the step-up held-out-6 gaps, in other words
    (Request.BALANCE, "How much did my crown come to after the insurer paid their share?"),
    (Request.BALANCE, "Could you show me the outstanding sum on my account?"),
    (Request.BALANCE, "Normally my daughter deals with it, but what I've got left to pay is "
                      "what I want to know."),
    (Request.APPOINTMENTS, "When are we next in with the hygienist?"),
    (Request.APPOINTMENTS, "When we come back for the follow-up, what day is that?"),
    (Request.CHANGE_APPOINTMENT, "Any chance you could pull our cleaning forward?"),
    (Request.CHANGE_APPOINTMENT, "I can't make Friday any more, can you find me a different "
                                 "afternoon?"),
    (Request.CHANGE_APPOINTMENT, "The slot you gave us clashes with school pickup, could it be "
                                 "later instead?"),
    (Request.TEST_RESULTS, "Scan results back yet?"),
    (Request.TEST_RESULTS, "The nurse sent my swab off last week, any news?"),
    (Request.PRESCRIPTIONS, "I need more tablets for my blood pressure."),
    (Request.ACCOUNT, "Could you give me a rundown of where we stand, the bills and the "
                      "bookings?"),
    (Request.ACCOUNT, "Read me what you hold on me, bills and all."),
])
def test_more_ways_callers_ask_for_their_own_things(expected: Request, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize("text", GENERAL_BY_CONCEPT)
def test_a_general_question_sharing_the_topic_words_is_not(text: str) -> None:
    assert classify(text) is None


def test_the_general_question_veto_is_about_the_practice_not_the_caller() -> None:
    assert general_question(normalise("Do you usually charge for missed appointments?"))
    assert not general_question(normalise("What do you have on file for me?"))


@pytest.mark.parametrize("text", [
    "Could you get me through to whoever does the billing?",
    "I'd rather deal with a human being, honestly.",
    "Patch me through, please.",
    "Is there a nurse around I could have a word with?",
    "Practice manager, if you could.",
    "Can I get somebody from accounts on the line?",
    "I'd like to be put through to the appointments team.",
    "Is the duty doctor free to talk?",
    "Who can I speak to about a letter I got?",
    "Transfer, please.",
    "Can you get the office manager for me?",
    "No, no. A person. Now.",
    "Could you bump me over to reception?",
    "I was hoping to talk with one of your teams.",
    "Could you pop me across to the nurses, love?",
    "Chuck me on to the billing office, would you.",
    "A flesh and blood human, please!",
    "Is anybody able to pick up this call?",
    "Do you have a nurse who could speak with us today?",
    "Is there anyone I can run this by?",
    "I would like the front counter.",
    "Is the office manager around for a quick word with me?",
    "Could I have a quick word with scheduling?",
    "Could you link me up with the girl on reception?",
    "Hook me up with somebody at the front office, would you?",
    "I'd love a natter with whoever is looking after reception.",
    "I don't want any menus, I want a human.",
    "Can I sort this out with someone in your office?",
    "Could I take it up with the accounts people?",
    "Can you shove me onto one of the ladies on the front desk?",
    "Any chance I could get put over to the desk people?",
    "Are you a machine? I need the man at the front, please.",
    "Is there somebody in the office I could maybe just talk to?",
    "Can the nurse speak to me now?",
    "Would a nurse be able to speak with me?",
    "Can the doctor come to the phone?",
    "Can you ask the nurse to pick up?",
    "Could you grab the nurse for me?",
    "I'm after the practice manager.",
    "Give us the front desk, love.",
    "Is the practice manager free? I'd like a word.",
    "Could I ask the nurse a quick question?",
    "Can I run something past the nurse?",
    "I'd like to raise this with a member of staff.",
    "Any chance of getting hold of a nurse today?",
    "Could you pass the phone to the receptionist?",
    "Um, yeah, can I, er, can I just get the girls on reception?",
    "Can I speak to the nurse? She was supposed to phone me back yesterday.",
    "I need to speak with the doctor, he said to call him back today.",
    # the vetoes for talk done or planned do not swallow a request made now
    "Can I talk to someone? I can't come in person.",
    "I always get put through to the wrong person, put me through to reception.",
    "Can I speak to the nurse when she's free?",
    "I don't understand this letter, put me through to billing.",
    "Would I be able to talk it over with a member of your team?",
    "Is somebody at reception about to pick up this call?",
    "Could you pop me across to the records department?",
    "Nurse line, please.",
    # a wish not to reach the machine, then a request; gerunds; "put me to"; staff named by
    # who and where; someone free to take the call now
    "I'm not wanting this machine, get me a human being.",
    "Could you try transferring me to the front desk?",
    "Would you mind passing me over to reception?",
    "Please put me to your scheduling team.",
    "Can I have a word with one of the blokes at the surgery?",
    "Put me on with the billing side, please.",
    "Would the nurse be free to take my call?",
    "Is anyone at reception able to take a quick call?",
    "Could you bung me over to the front desk?",
    "Can you whizz us through to someone in billing?",
    "Mind if I have a quick yarn with one of the receptionists?",
    "Just hand this line over to a member of staff, thanks.",
    "I'd sooner tell all this to a real staff member than to you.",
    "I'd rather go through it with a receptionist instead of the robot.",
    "May I describe the problem to one of your nurses?",
])
def test_a_request_for_a_person_in_new_words(text: str) -> None:
    assert classify(text) is Request.HANDOFF


@pytest.mark.parametrize("text", [
    "I don't want to talk to anybody, just tell me when you close.",
    "Is the receptionist in on Saturdays?",
    "Am I talking to a computer?",
    "Can you leave a note for the nurse that I called?",
    "What's the number for reception?",
    "I need a doctor to look at my rash.",
    "How do I get to your office by bus?",
    "There's no need to transfer me anywhere, I only want the fax number.",
    "When I rang on Monday you transferred me and nobody picked up.",
    "Please do not get me transferred, I only needed the opening times.",
    "No thanks, I'd rather not be connected, I'll phone back tomorrow.",
    "Could you put me on the waiting list for Dr. Osei?",
    "Pop me on to the cancellation list, would you?",
    "Can you stick us on the register for the flu clinic?",
    "Could you move me on to Thursday instead?",
    "Could you stick me on to the flu clinic list?",
    "Is there a female doctor I could ask for next time I book?",
    "Why did nobody answer my call yesterday afternoon?",
    "Did anyone pick up my call on Monday?",
    "Are you a flesh and blood person?",
    "What did the doctor put me on last time?",
    "Can you pass on your message to the nurse?",
    "I'd like the office manager to write to me.",
    "Could the practice manager ring me back tomorrow?",
    "Have accounts call me back this afternoon.",
    "I'll sort it out with reception when I come in.",
    "I'll just speak to the nurse when I'm in tomorrow.",
    "I'll talk to the doctor about it at my appointment.",
    "Should I ask you or the pharmacist about a sick note?",
    "I need the nurse's number, please.",
    "I need the doctor to sign it, please.",
    # staff as the one who acts, or named for something of theirs
    "Could the doctor call me back, please?",
    "Tell the nurse I'm running late, please.",
    "Is the doctor in today please?",
    "I need a nurse appointment, please.",
    "Can I get a doctor's note please?",
    "I need the billing department's postal address please.",
    "I need the scheduling link please.",
    "I need billing to send me a receipt, please.",
    # done already, planned for the visit, not wanted, or someone else talking
    "I had a word with the receptionist earlier and she told me to call this number.",
    "I was talking to the nurse yesterday and she mentioned a flu clinic, when is it?",
    "Will the nurse be free for a quick word when I collect my dressing?",
    "Can I have a word with the doctor at my appointment about my knee?",
    "I'm going to take this up with the practice manager in writing.",
    "I'd rather not talk to reception about it, to be honest.",
    "The nurse said she needs to talk to the doctor before renewing my prescription.",
    "Should I talk to my doctor before getting the shingles jab?",
    # bookings, things passed on, links and complaints
    "Can I get a phone appointment to speak to the GP?",
    "Put me on for the nurse on Tuesday please.",
    "Can you line me up with the nurse for my jabs next week?",
    "Can you link me to the patient support page online?",
    "Can my records be handed over to my new GP?",
    "Please pass my thanks on to the nurse, she was brilliant.",
    "Can you put me on to the front of the queue for the doctor?",
    "Every time I ring I get handed over to someone different, it's ridiculous.",
    "Do I need to be connected to the wifi to use your app?",
    "Please could you transfer my health records to the practice in Bristol?",
    # who does the work; staff free to take calls some other day; a title opening a name
    "Will it be a real human that reads my email?",
    "Does an actual person answer the phone at the weekend?",
    "Is the practice nurse available to take calls next week?",
    "Doctor.",
    "Doctor Okonjo.",
    "What do you need if somebody is running late for a jab?",
    "Could you book me on to the nurse clinic?",
    "Can you move us over to the doctor's Friday list?",
    "I'm fine talking to you, I don't want reception, could I order a repeat sick note?",
    "Is your clinic linked with a physio I could be referred to?",
    "Could the nurse give us a ring after lunch?",
    "Ask reception to give me a quick call about the forms.",
    "Could you put us through the paperwork for a new baby joining the practice?",
])
def test_naming_or_asking_about_staff_is_not_asking_to_be_put_through(text: str) -> None:
    assert classify(text) is not Request.HANDOFF


def test_a_person_asked_for_wins_over_the_topic() -> None:
    said = normalise("Put me through to someone about my bill")
    assert asks_for_person(said, strong_only=True)
    assert classify("Put me through to someone about my bill") is Request.HANDOFF


def test_about_people_is_a_veto_not_a_request() -> None:
    assert about_people(normalise("Are the nurses working today?"))
    assert not asks_for_person(normalise("Are the nurses working today?"))


def test_in_charge_is_not_a_charge() -> None:
    assert classify("Who is in charge there, the manager, get them on the phone.") is (
        Request.HANDOFF)
    # ... nor does it send the caller to billing.
    assert understand("Could I have whoever is in charge of the office?").topic is None
    assert understand("Put me through to someone about a charge on my card.").topic == "billing"


@pytest.mark.parametrize("text", [
    "Can I speak to someone in finance?",
    "Put me through to accounts, please.",
    "Is there anybody in the accounts team I could talk to?",
    "I'd like to discuss the invoice with your billing department.",
    "I need to go over this with somebody at billing.",
    "Can I talk to a person about why I got overcharged?",
    "Put me through to whoever does the invoices.",
    "Could I speak to someone about my direct debit?",
    "Can I speak to someone about my deductible?",
    "Accounts department, please.",
    "Could I speak to someone on the account team?",
    "Could you patch me onto accounts?",
])
def test_money_people_and_money_matters_go_to_billing(text: str) -> None:
    routed = understand(text)
    assert routed is not None and routed.request is Request.HANDOFF
    assert routed.topic == "billing"


@pytest.mark.parametrize("text", [
    "Can I talk to someone about my kids' accounts on the NHS app? I can't log in.",
    "I need to speak to someone, I've been charged with caring for my mother.",
    "Can I speak to someone about my statement of fitness for work?",
])
def test_words_that_only_look_like_money_go_to_the_front_desk(text: str) -> None:
    routed = understand(text)
    assert routed is not None and routed.request is Request.HANDOFF and routed.topic is None


@pytest.mark.parametrize(("expected", "text"), [
    (Request.BALANCE, "Can somebody tell me what my balance is, please?"),
    (Request.PRESCRIPTIONS, "Can the doctor renew my prescription please?"),
    (Request.TEST_RESULTS, "Can the nurse read my results please?"),
    (Request.CHANGE_APPOINTMENT, "Could somebody cancel my appointment please?"),
    (Request.PRESCRIPTIONS, "Can my prescription be passed on to the pharmacy?"),
    (Request.PRESCRIPTIONS, "Can you hook me up with a repeat prescription from the doctor?"),
])
def test_staff_asked_to_act_on_the_callers_data_is_a_protected_request(
        expected: Request, text: str) -> None:
    assert classify(text) is expected


def test_every_tuned_bench_wording_routes_to_the_tool_its_answer_needs() -> None:
    """The tuned step-up set (read to write the rules; the held-out sets are not tested)."""
    from verivoice.bench.stepup_set import ANSWER_KINDS, PHI_REQUESTS

    tool = dict(zip(ANSWER_KINDS, (Request.BALANCE, Request.APPOINTMENTS,
                                   Request.CHANGE_APPOINTMENT, Request.TEST_RESULTS,
                                   Request.PRESCRIPTIONS, Request.ACCOUNT), strict=True))
    wrong = [(r.text, classify(r.text)) for r in PHI_REQUESTS if classify(r.text) is not tool[r.kind]]
    assert wrong == []


@pytest.mark.parametrize(("expected", "text"), [
    # step-up held-out set 7, read after its bench run; each in other words
    (Request.ACCOUNT, "What have you got recorded against my name?"),
    (Request.PRESCRIPTIONS, "Repeat done yet?"),
    (Request.PRESCRIPTIONS, "Is the prescription ready?"),
    (Request.APPOINTMENTS, "What time am I due on Friday, I've forgotten."),
    (Request.CHANGE_APPOINTMENT, "Put my dentist appointment off a fortnight, would you?"),
    (Request.CHANGE_APPOINTMENT, "Could you put off my check-up till next month?"),
    (Request.PRESCRIPTIONS, "Any news on a refill of my thyroid tablet?"),
])
def test_heldout7_gaps_in_other_words(expected: Request, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize("text", [
    "What time are you open on Friday?",
    "Do you put off appointments when it snows?",
    "Are prescriptions ready the same day, usually?",
    # a verb and a clinician in two clauses are no request for a person
    "Do you put back bookings when the dentist is away?",
    "Do you pass patients on to a specialist when the doctor is away?",
])
def test_heldout7_neighbours_stay_general(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", [
    # hand-off held-out set 9, read after its bench run; each in other words
    "Could I have a word with the hygienist, please?",
    "I want talk with persons who work there.",
    "Can you put a real human on, please?",
    "Get me away from this machine and onto one of your colleagues.",
    "Is there a warm body I could talk to?",
    "We'd rather explain the problem to someone from your office.",
])
def test_heldout9_requests_for_a_person_in_other_words(text: str) -> None:
    assert classify(text) is Request.HANDOFF


@pytest.mark.parametrize("text", [
    "You sound like an actual human, you know.",
    "Will I need to talk to the receptionist when I get there, or just sit down?",
])
def test_heldout9_remarks_and_how_a_visit_works_ask_for_no_one(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize(("expected", "text"), [
    # step-up held-out set 8, read after its bench run; each in other words
    (Request.TEST_RESULTS, "The doctor took some bloods on Friday and told me to call for the "
                           "results today."),
    (Request.TEST_RESULTS, "Any update about my blood from last week?"),
    # the recogniser often writes a question as a statement
    (Request.TEST_RESULTS, "My x-ray from Tuesday has it come back."),
    (Request.PRESCRIPTIONS, "The inhaler from my doctor did it go to the chemist."),
    (Request.CHANGE_APPOINTMENT, "Something's come up, I'm so sorry, cancel us."),
    (Request.CHANGE_APPOINTMENT, "Could we push our two o'clock to the Friday?"),
    (Request.CHANGE_APPOINTMENT, "I'd like to move my dentist thing to next week."),
    (Request.PRESCRIPTIONS, "Is my blood pressure med ready yet?"),
    (Request.APPOINTMENTS, "Remind me when I'm next due in, would you."),
    # a wish in a clause of time asks for no one now: the refills are the request
    (Request.PRESCRIPTIONS, "Can my tablets be renewed once more, before I need to see "
                            "somebody?"),
])
def test_heldout8_step_up_gaps_in_other_words(expected: Request, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize("text", [
    "Please cancel me off the text reminders.",
    "Can you cancel my appointment reminder texts?",
    "What's a normal blood pressure for my age?",
    "When I need someone out of hours, who do I call?",
    "Can I move my car to the back car park in the afternoon?",
])
def test_heldout8_neighbours_make_no_step_up(text: str) -> None:
    assert classify(text) is not Request.HANDOFF
    routed = classify(text)
    assert routed is None or not routed.protected


@pytest.mark.parametrize("text", [
    # hand-off held-out set 10, read after its bench run; each in other words
    "Honestly it would be quicker if we talked to somebody at reception.",
    "Is there anybody there who actually breathes?",
    "I'm not going through this with a machine, get me reception.",
    "Put me on the billing line, please.",
    "The front desk line, could you get me through to it?",
    "We'd better tell this to one of the nurses, can you put her on?",
    "How do I get past the machine to a person?",
    "This statement is wrong, find me the person who sent it.",
])
def test_heldout10_requests_for_a_person_in_other_words(text: str) -> None:
    assert classify(text) is Request.HANDOFF


@pytest.mark.parametrize(("expected", "text"), [
    (None, "Will I have to go to reception when I get there, or straight up?"),
    (None, "One sec, I'm speaking to my husband here."),
    (None, "The nurse on Tuesday was lovely, could you give her our thanks?"),
    (Request.BALANCE, "My son said to ask for a human, but maybe you can help: what do I owe?"),
])
def test_heldout10_negatives_ask_for_no_one(expected: Request | None, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize(("expected", "text"), [
    # step-up held-out set 8's wordings the rules missed as text, in other words
    (Request.APPOINTMENTS, "My husband normally remembers, but when is it we're due to come "
                           "in again?"),
    (Request.APPOINTMENTS, "What time is my crown being fitted on Thursday?"),
    (Request.TEST_RESULTS, "Kindly send the report of my kidney test, the fasting one."),
])
def test_heldout8_text_gaps_in_other_words(expected: Request, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize("text", [
    "What is a copay exactly? Nobody ever explained it.",
    "I'll probably need a couple of fillings, how much is one?",
])
def test_what_a_word_means_and_prices_make_no_step_up(text: str) -> None:
    routed = classify(text)
    assert routed is None or not routed.protected


@pytest.mark.parametrize(("expected", "text"), [
    # step-up held-out set 9's misses, read after its bench run; each in other words, several
    # as the recogniser writes them (no question mark)
    (Request.APPOINTMENTS, "Sorry, what time were we supposed to be there on Monday?"),
    (Request.APPOINTMENTS, "Remind me what day I was meant to be in."),
    (Request.TEST_RESULTS, "Just calling to check whether the biopsies are back"),
    (Request.BALANCE, "How much are we in for after the crown"),
    (Request.PRESCRIPTIONS, "Any refills left on my inhaler, or will I need to see somebody?"),
    (Request.TEST_RESULTS, "They did an ultrasound of my neck last week, did the doctor find "
                           "anything."),
    (Request.ACCOUNT, "I just want a quick overview of what you hold on us."),
    (Request.CHANGE_APPOINTMENT, "We can't come on Thursday."),
    (Request.CHANGE_APPOINTMENT, "I need to change my date."),
    (Request.TEST_RESULTS, "The doctor promised he'd ring about my mammogram and he never did."),
    (Request.APPOINTMENTS, "My wife says I've got the hygienist on Tuesday, is that right?"),
    (Request.APPOINTMENTS, "What date is my next one with you?"),
    (Request.BALANCE, "That letter said I'm overdue, how much is it?"),
    (Request.BALANCE, "The notice says overdue. How much then?"),
    (Request.TEST_RESULTS, "Have my cultures come back?"),
    (Request.TEST_RESULTS, "Has my swap come back yet?"),  # a swab misheard: no change
])
def test_heldout9_step_up_gaps_in_other_words(expected: Request, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize("text", [
    # the two false step-ups of held-out set 9, in other words, and their neighbours
    "What do I do to get onto your books?",
    "Is it okay to come in with my walking frame?",
    "Would it be alright if I came in with my carer?",
    "Do I need to see someone in person for a sick note?",
    "I can't come on weekdays, are you open Saturdays?",
    "What day are you closed?",
])
def test_heldout9_neighbours_make_no_step_up(text: str) -> None:
    routed = classify(text)
    assert routed is None or not routed.protected
    assert routed is not Request.HANDOFF


@pytest.mark.parametrize(("expected", "text"), [
    # the rest of step-up held-out 9's text gaps, in other words
    (Request.BALANCE, "After the insurance paid, are we still on the hook for anything?"),
    (Request.APPOINTMENTS, "What's the earliest you've got us down for?"),
    (Request.TEST_RESULTS, "My shoulder was scanned last month and I heard nothing. Anything?"),
    (Request.TEST_RESULTS, "Are my lab reports okay? Did the doctor look at them?"),
    (None, "Do you put patients under for wisdom teeth, or is it local?"),
    (Request.HANDOFF, "Can you put someone on, please?"),
])
def test_heldout9_text_gaps_in_other_words(expected: Request | None, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize(("expected", "text"), [
    # found in review beside the held-out 9 fixes: each rule keeps to its own reach
    (Request.TEST_RESULTS, "Is it okay to have my results read out to me?"),
    (Request.CHANGE_APPOINTMENT, "Is it ok to bring my appointment forward a week?"),
    (Request.PRESCRIPTIONS, "Would it be a problem to have my prescription refilled early?"),
    (Request.HANDOFF, "I need to talk to someone, do I need to see a doctor for this?"),
    (Request.HANDOFF, "Should I have to see the doctor about it? Can you put me through?"),
    (None, "Did my wife come back to pick up her card?"),
    (None, "Have you scanned my referral letter in?"),
    (None, "I have a doctor at another practice, can I register with you?"),
    (None, "I was meant to be in work so I missed your call, who rang me?"),
    (None, "Can I change my time zone for the text reminders?"),
])
def test_heldout9_rules_keep_to_their_reach(expected: Request | None, text: str) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize("text", [
    # hand-off held-out set 11's gaps, read after its bench run; each in other words
    "Could you get a real body on the phone for me?",
    "The accounts team, could I get them on the line?",
    "If the doctor's free, can you bring him on the line?",
    "Is anybody in the office able to come on the phone?",
    "Can I speak to whoever runs the booking diary?",
    "Could you find me the girl on reception?",
    "What I want is somebody, a real person, to talk this over with.",
    "Whoever's on reception today, could I have them?",
    "Please give me to the reception, I have a question.",
    "Fetch me the duty nurse, please.",
    "Just chuck us through, mate.",
    # the recogniser said it three times: no call-back ("a person ... give me ... me")
    "Get me a person. Get me a person. Get me a",
    "Give me someone. Give me someone. Give me",
])
def test_heldout11_requests_for_a_person_in_other_words(text: str) -> None:
    assert classify(text) is Request.HANDOFF


@pytest.mark.parametrize("text", [
    "Can I talk to someone next week instead? I'm abroad.",
    "Does the office manager handle refunds?",
    "Does the practice manager deal with complaints? Does the practice manager deal with "
    "complaints?",
    "Can you get my results on the phone?",
    "Is there a signer at the practice so we can talk with the dentist?",
    "Can you get me a doctor's appointment for Friday?",
])
def test_heldout11_negatives_ask_for_no_one(text: str) -> None:
    assert classify(text) is not Request.HANDOFF


@pytest.mark.parametrize(("expected", "text"), [
    # a symptom that came back is a clinical question, not a result
    (None, "Have my symptoms come back?"),
    (None, "My cough seems to have come back, is that normal?"),
    (None, "The headaches are coming back, what should I do?"),
    (Request.TEST_RESULTS, "Have my bloods come back?"),
    (Request.TEST_RESULTS, "My rash is back. Did the swab results come back yet?"),
    (Request.CHANGE_APPOINTMENT, "My pain has come back, can I move my appointment earlier?"),
    # an estimate for a treatment is a price, not the caller's bill
    (None, "How much would I be in for, more or less, for a filling?"),
    (Request.BALANCE, "How much am I in for?"),
    (Request.BALANCE, "How much am I in for for the crown I had in March?"),
    (Request.BALANCE, "How much am I in for for a check-up last Tuesday?"),
    (Request.BALANCE, "How much am I in for for a filling? And what's my balance overall?"),
])
def test_symptoms_and_estimates_keep_to_their_topic(expected: Request | None, text: str) -> None:
    routed = understand(text)
    assert (routed.request if routed else None) is expected


@pytest.mark.parametrize(("expected", "text"), [
    # a bare question about the caller's own results, with no "my"
    (Request.TEST_RESULTS, "Bloods in yet?"),
    (Request.TEST_RESULTS, "Test results ready?"),
    (Request.TEST_RESULTS, "So, labs back yet?"),
    (None, "Are test results back within a week?"),
    (None, "Tests in the morning?"),
])
def test_a_bare_question_about_results_is_the_callers(expected: Request | None, text: str) -> None:
    routed = understand(text)
    assert (routed.request if routed else None) is expected


@pytest.mark.parametrize(("expected", "text"), [
    # step-up held-out set 10's text gaps, read after its bench run; each in other words
    (Request.CHANGE_APPOINTMENT, "Could you bring my check-up forward if something opens?"),
    (Request.APPOINTMENTS, "What time should we get there on Tuesday?"),
    (Request.BALANCE, "My husband normally handles it, but can you tell me what I owe?"),
    (Request.CHANGE_APPOINTMENT, "There's a clash with my Monday booking, can we swap it?"),
    (Request.CHANGE_APPOINTMENT, "Swapping my dentist slot, is that doable?"),
    (Request.CHANGE_APPOINTMENT, "Have to scrap Wednesday, sorry."),
    # its false step-ups, in other words, and their neighbours
    (None, "What does coinsurance mean exactly?"),
    (None, "Can I make a brand new appointment for a flu jab?"),
    (Request.BALANCE, "What does the charge on my statement mean?"),
    (None, "What should we bring along to the visit?"),
])
def test_heldout10_step_up_gaps_in_other_words(expected: Request | None, text: str) -> None:
    routed = understand(text)
    assert (routed.request if routed else None) is expected


@pytest.mark.parametrize(("expected", "text"), [
    # the rest of step-up held-out set 10's text gaps, in other words
    (Request.CHANGE_APPOINTMENT, "My filling is on the same day as a wedding, could you shift it?"),
    (Request.TEST_RESULTS, "I had the fasting bloods done Friday, what did they find?"),
    (None, "For the fasting blood test, do I need to come in early?"),
    (None, "My date of birth is wrong on the letter, can you switch it?"),
])
def test_heldout10_rest_in_other_words(expected: Request | None, text: str) -> None:
    routed = understand(text)
    assert (routed.request if routed else None) is expected


@pytest.mark.parametrize(("expected", "text"), [
    # hand-off held-out set 12's text gaps, read after its bench run; each in other words
    (Request.HANDOFF, "Frankly, a real person. That's all I want."),
    (Request.HANDOFF, "The front desk, if you don't mind, as fast as possible."),
    (Request.HANDOFF, "Hi there, I want the billing man, the one who does the statements."),
    # its false transfer, in other words, and its neighbours
    (Request.HOURS, "Yesterday they put me through to the wrong desk and it cut off. When do you "
                    "open on Monday?"),
    (Request.HANDOFF, "You put me through to the wrong place, could you try again?"),
    (None, "The nurse is lovely."),
    (None, "Reception was ever so helpful last time."),
])
def test_heldout12_hand_off_gaps_in_other_words(expected: Request | None, text: str) -> None:
    routed = understand(text)
    assert (routed.request if routed else None) is expected
