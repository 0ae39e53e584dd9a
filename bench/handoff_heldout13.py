"""Thirteenth held-out set of caller wordings for the hand-off bench (``verivoice bench handoff``).

This is a held-out set, written on 2026-12-05 without reading the routing
rules, the tests or the routing exemplars: nothing under ``pipeline/``,
``tests/``, ``docs/`` (so not ``docs/routing.md``), ``auth/`` or ``server/``
and none of the bench's reports in ``bench-out/`` were opened or searched, and
no routing, intent or concept code was read anywhere. Of the other wording
sets, only ``bench/handoff_set.py`` was read in full (for its structures, its
names and its policy and borderline decisions), and of
``bench/handoff_heldout11.py`` only the module docstring, the imports and the
top-level names and section comments (for the layout and the docstring's
style), never its wordings. The wordings of the other ``bench/handoff_*.py``
and ``bench/stepup_*.py`` sets were not read.

The wordings are phrased the way callers talk to a medical or dental practice
on the phone: terse, polite, impatient, angry, rambling with fillers and false
starts, older callers, indirect requests that avoid the obvious words, callers
fed up with the machine, and British, Irish, Scottish, Australian, New Zealand,
Indian, South African, Canadian, Caribbean, American and non-native English.
They are plain spoken text for synthesis (no digits, no abbreviations other
than "Dr.", as in ``handoff_set``).

Repeats were checked mechanically, without reading the other sets or the
tests: a throwaway script outside the repository imported every
``bench/handoff_*.py`` module (``PERSON_REQUESTS``, ``OTHER_REQUESTS`` and the
keys of ``BORDERLINE``) and every ``bench/stepup_*.py`` module (the texts of
``PHI_REQUESTS`` and ``OTHER_QUESTIONS``), and also extracted every string
literal of every ``tests/*.py`` file with the ``ast`` module, without printing
any of them. It reduced every string to its lower-case words and printed only
the number of this set's wordings that have the same words as one of those
strings, or come close to one (a word-sequence similarity of nine tenths or
more), with this set's clashing wordings and never the others'. The ones it
printed were reworded until none were left, which was so when the set was
written. It also checked that the set has no duplicates, that no wording is
both a person request and another request, that every ``BORDERLINE`` key is in
one of the two tuples with a "positive:" or "negative:" reason that matches
it, and that every ``BILLING_REQUESTS`` wording is a person request.

It must NOT be used to tune the routing rules: a rule changed to pass one of
these wordings spoils the set. Measure with it; tune with ``handoff_set``.

The names and structures are those of :mod:`verivoice.bench.handoff_set`, so the
bench can load either module, and the borderline decisions follow the same
policy: a call-back, a text, an email, a letter or a message for someone is not
a transfer (negative), nor is a question about who does what, about staff, a
desk or billing, whether someone is in, a booking with a named doctor, a remark
about the agent, or "speak", "talk", "transfer", "connect" or "put through" in
another sense or declined; asking for a person now, about a topic or by a named
kind of staff (billing, accounts, finance, payments, a nurse, records, the
practice manager, the operator, a doctor by name), is a request for a person
(positive). ``PERSON_REQUESTS`` should each end in a transfer;
``OTHER_REQUESTS`` must never transfer the call.
"""

from __future__ import annotations

PERSON_REQUESTS: tuple[str, ...] = (
    # Terse.
    "Receptionist, now.",
    "Front office, please.",
    "One of your staff, if you don't mind.",
    "Put a human on, please.",
    "Agent. Agent. Human agent.",
    "Zero, zero, zero, operator!",
    # Impatient and angry.
    "Stop talking and put a real person on, for goodness sake.",
    "I've been going round in circles with you for ten minutes, just get me somebody who works there.",
    "This is ridiculous, I want a living, breathing person on this line right now.",
    "Enough of the robot, hand me over to your reception.",
    "I'm not answering any more questions, put me through to a proper person.",
    "Seriously, is there anyone human in that building? Get them on the phone.",
    "I need the front desk, not you.",
    "Get someone on the phone for me, I'm at my wits' end.",
    # Polite and older callers.
    "Morning, pet, I get in a muddle with these automatic things, could one of the ladies from the front come on instead?",
    "Hello, Margaret Whitaker here, I wonder if I might have a word with someone in the surgery.",
    "I'm eighty-three and I don't hear so well, would you be kind enough to let me speak with a lady at reception?",
    "Excuse me, would it be possible to be passed to a member of staff?",
    "Look, I'm an old man, I just want to talk to a nice person at the clinic.",
    # Rambling, with fillers and false starts.
    "Um, yeah, hi, so I, uh, I was hoping to, like, actually talk to someone there, if that's, yeah.",
    "Right, okay, so, what I'm after is, er, can I just, can you put somebody on, a person I mean.",
    "Sorry, I, hang on, I'm driving, can you just, can I get the front desk, the actual desk.",
    "So basically, um, it's a bit complicated, so I think it's easier if I explain it to a person, can you get one for me?",
    "Okay, forget it, forget it, can I just speak to reception?",
    # British.
    "Be a dear and bung me over to reception, would you?",
    "Right, I want the practice manager on this call, please.",
    "Could I be put on to somebody from the surgery itself, please, rather than this?",
    # Irish.
    "Would you ever get yer woman on the front desk for me, thanks a million.",
    "Grand, can I get talking to one of the lads in the office, so.",
    # Scottish.
    "Can ye no just put me through tae a person, hen?",
    "Aye, I'll need tae speak wi somebody at the desk.",
    # Australian.
    "G'day, can I get chucked across to a real person at the counter?",
    "Yeah nah, I'll just talk to a real person, ta.",
    # New Zealand.
    "Kia ora, can you put me through to one of the receptionists, eh?",
    "Sweet as, just flick me through to the front desk then.",
    # Indian.
    "Kindly put me on the line of the concerned person only, I cannot explain to machine.",
    "Please do the needful and transfer my call to reception, madam.",
    "I want to discuss with the doctor's assistant directly, please connect.",
    # South African.
    "Howzit, just shoot me through to one of the reception ladies, hey.",
    "Ag, man, just let me chat to a person, please.",
    # Canadian.
    "Sorry, eh, could I get transferred over to the front desk there?",
    "Hey there, could you patch me through to somebody in the office?",
    # Caribbean.
    "Beg you put me through to the nurse, please, me not feeling good.",
    "Mi want talk to a real somebody, not no machine.",
    # American.
    "Can you get me a live body on the line?",
    "Yeah, hi, could you just route me to whoever's at the front?",
    "I need to speak with the practice manager, it's about a complaint.",
    # Non-native English.
    "Please, I want speak with person of the clinic, my English is not so good.",
    "Is possible to talk with one worker of reception?",
    "Sorry, the machine I do not understand, a human one please give me.",
    "Please I need the talk with a nurse for my child, she have fever.",
    # Indirect, avoiding the obvious words.
    "Is there anybody on your end who can pick up?",
    "Could someone from the practice come to the phone?",
    "Can you get one of the staff to come on the line?",
    "I'd like this handled by a human being, please.",
    "Just pass the phone to a member of the team.",
    "Whoever's sitting at reception, can I have them, please?",
    "Can you hand this call over to someone in the office?",
    "Escalate me to a person, please.",
    "Can I talk to whoever's in charge there?",
    "Honestly, love, I'd rather just sort it out with someone at the desk.",
    "Could you get the receptionist to pick up, please?",
    # Named kinds of staff, some about a topic.
    "Could I speak to the records department, please?",
    "Medical records, please.",
    "I'm after the practice nurse, can you ring her extension for me?",
    "I'd like to speak with Dr. Okafor, please.",
    "Is it possible to talk to Dr. Lindqvist directly? It's urgent.",
    "I'd like to talk to the hygienist about my gums.",
    "Can I be transferred to the dental nurse?",
    "Can I speak to whoever does the referrals?",
    "Put me through to the prescriptions team, please.",
    "Could I speak to the duty doctor?",
    "Let me talk to the operator.",
    "I'd like to speak with a nurse about my husband's wound dressing.",
    "Can I have a word with a manager, please? I'm not happy with how I was treated.",
    "Appointments desk, please, I'd rather sort it with them directly.",
    # Billing, accounts, finance and payments.
    "Accounts department, quick as you can.",
    "Could you put me through to your accounts department?",
    "I need to talk to whoever handles the invoices.",
    "Can I speak to someone in finance about a charge I don't recognise?",
    "Put me on to payments, please, I want to sort out a refund.",
    "Can I get the billing lady on the phone?",
    "I'd like to speak to someone about this invoice, it's wrong.",
    "Transfer me to whoever sent me this bill.",
    "Let me talk to somebody in billing, I've been charged twice.",
    "Could I be connected with your finance office, please?",
    "Hiya, can I have a chat with someone about my account, there's a balance on it that shouldn't be there.",
    "I need a human about the payment plan, please.",
    "Can you get me someone from the billing side, please, mate?",
)

OTHER_REQUESTS: tuple[str, ...] = (
    # A call-back, a message, an email, a text or a letter.
    "When the girl on reception has a minute, could she give me a bell back?",
    "Can the nurse give me a call this afternoon about my blood pressure?",
    "Please ask someone from billing to phone me tomorrow.",
    "Don't bother putting me through to anybody, just text the details to my mobile.",
    "Can you pass a message to Dr. Okafor that I'm running late?",
    "Could somebody email me a copy of the invoice?",
    "I'd like the practice manager to write to me about my complaint.",
    "Tell reception I'll be ten minutes late, please.",
    "Can someone from accounts send me a letter with the balance?",
    "Have the nurse call me back, I can't talk right now.",
    "Leave a note for the front desk that my address has changed.",
    "I'd rather someone got back to me later, I'm at work.",
    # Declining a person, or a person mentioned in passing.
    "No, no, I don't need a person, you're fine.",
    "Don't transfer me, I just want the opening hours.",
    "There's no need to connect me to anyone, I only want to cancel.",
    "I talked to the nurse this morning and she said my results would be back by Friday, are they in?",
    "The lady at the front desk told me to bring my inhaler, is that right?",
    "My mum usually talks to the receptionist for me, but she's away this week, can I book myself in?",
    "I don't want to talk to anyone, I just want to know if you're open.",
    "Please don't put me through to billing again, I just need my appointment time.",
    "Last time someone transferred me I got cut off, so let's just do it here.",
    # Questions about staff, a desk, billing or reception.
    "Who do I speak to about getting my records sent to a new practice?",
    "Is there a nurse on today?",
    "Does the billing office take card payments over the phone?",
    "Is reception open at lunchtime?",
    "Do your receptionists speak Polish?",
    "Is Dr. Okafor still working at the practice?",
    "Who's the practice manager there these days, what's her name?",
    "Is there a person I should address the complaint letter to?",
    "Who handles billing, is it you or a separate company?",
    "Is there someone on the desk after six?",
    "Is the hygienist in on Wednesdays?",
    "What extension is the front desk on?",
    "Which nurse does the travel jabs?",
    "Is there a person on site who does blood tests?",
    "The phone line was engaged all morning, are you short-staffed?",
    "Do I need to talk to billing before my procedure or after?",
    # Transfer, connect, speak or talk in another sense.
    "Can I transfer my records over from my old dentist?",
    "Can you transfer my prescription to the pharmacy on High Street?",
    "My line keeps cutting out, can you hear me alright?",
    "Do you connect to the hospital system so they can see my scans?",
    "My son doesn't speak much English, can he bring an interpreter?",
    "Can I talk you through my symptoms and you tell me if I need to come in?",
    "Can I pay my bill by bank transfer?",
    "Can someone else speak on my behalf at the appointment?",
    "I'd like to speak to the doctor about my knee at my appointment, how long do I get?",
    "Do I have to go through reception when I arrive or straight up?",
    "Is there a hearing loop fitted on the reception counter?",
    "Does someone need to come with me after the sedation?",
    "Can someone pick up my prescription on my behalf?",
    "Can you put me down for the first available slot?",
    # Booking and rescheduling with a named doctor or kind of staff.
    "Pop me in with Dr. Okafor sometime next week if he's got space.",
    "Can I see the nurse for my smear test on Monday?",
    "Can I get an appointment with the hygienist for a clean?",
    "Is there a slot with Dr. Lindqvist before Christmas?",
    "Could you move my appointment with the nurse to the afternoon?",
    # The caller's own account, for the agent itself.
    "Roughly what have I still got left to pay off with you?",
    "Has my payment from last week gone through?",
    "Can you tell me what the invoice I got is for?",
    "When's my next check-up booked for?",
    "Are my blood test results back?",
    "Can you read me my last blood pressure reading?",
    "Did my repeat prescription get approved?",
    "Have you got my new address on file?",
    "Has my referral letter been sent yet?",
    "Can I set up a payment plan for my bill?",
    "Why was I charged for a missed appointment?",
    # Hours, access, parking.
    "What time do you open on a Monday?",
    "Are you open over Easter?",
    "Is there a lift, or is it all stairs up to you?",
    "Where's the nearest car park to the surgery?",
    "Can I get there on the tram?",
    # Services and prices.
    "How much does a filling cost?",
    "Is teeth whitening something you lot offer?",
    "Do you do health service dental work or is it private only?",
    "Do you offer travel vaccinations?",
    "Will the doctors see a toddler, she's only two?",
    # Remarks about the agent.
    "You're actually quite helpful for a computer.",
    "Am I speaking to a recording?",
    "Is this an automated line?",
    "Is a real person listening in on this call?",
    "You sound just like a real person, you know.",
    # Regional and non-native wordings.
    "Is the surgery shut on bank holidays, love?",
    "What time does the front counter open, mate?",
    "Please tell me the timings of the clinic, kindly.",
    "Is the doctor sitting today evening?",
    "Can I come now now for my appointment or must I wait?",
    "Wha time unu close today?",
    "Where I can park the car when I come?",
    "Is the clinic open on Boxing Day, eh?",
    "Aye, is there a chemist near yous?",
    "Is it grand to bring the baby along to my appointment?",
    # Small talk and closing.
    "Cheers for that, sorted.",
    "Sorry, hen, slow down a wee bit, I didnae catch that.",
    "Hold on, the kettle's boiling.",
    "No worries, thanks for your help.",
    "Lovely, bye now.",
)

BORDERLINE: dict[str, str] = {
    "Can I speak to whoever does the referrals?": (
        "positive: asks for a named kind of staff, by what they do"
    ),
    "I'd like to speak with Dr. Okafor, please.": (
        "positive: asks for a doctor by name, now, not for a booking"
    ),
    "Escalate me to a person, please.": (
        "positive: asks for a person, with escalate instead of transfer"
    ),
    "Zero, zero, zero, operator!": "positive: asks for the operator",
    "Hiya, can I have a chat with someone about my account, there's a balance on it that shouldn't be there.": (
        "positive: asks for a person about a topic, the account, so billing"
    ),
    "Transfer me to whoever sent me this bill.": (
        "positive: asks for the people who send the bills, so billing"
    ),
    "Yeah nah, I'll just talk to a real person, ta.": (
        "positive: yeah nah declines the machine, not the person"
    ),
    "Could someone from the practice come to the phone?": (
        "positive: asks for a person on the line now, not a call back"
    ),
    "I'd like to talk to the hygienist about my gums.": (
        "positive: asks for a named kind of staff, about a topic"
    ),
    "When the girl on reception has a minute, could she give me a bell back?": (
        "negative: a call back later, not a person on the line now"
    ),
    "Please ask someone from billing to phone me tomorrow.": (
        "negative: a call back from billing, not a transfer to billing"
    ),
    "Don't bother putting me through to anybody, just text the details to my mobile.": (
        "negative: a text, and a transfer declined"
    ),
    "Tell reception I'll be ten minutes late, please.": "negative: a message for the desk",
    "Who do I speak to about getting my records sent to a new practice?": (
        "negative: a question about who does what"
    ),
    "Is there someone on the desk after six?": "negative: asks whether someone is in",
    "Am I speaking to a recording?": "negative: a question about the agent",
    "Is a real person listening in on this call?": (
        "negative: a question about who hears the call, not a request for a person"
    ),
    "Last time someone transferred me I got cut off, so let's just do it here.": (
        "negative: transfer in passing, and a transfer declined"
    ),
    "Do I need to talk to billing before my procedure or after?": (
        "negative: a question about billing, not a request to be put through"
    ),
    "Pop me in with Dr. Okafor sometime next week if he's got space.": (
        "negative: a booking with a named doctor"
    ),
    "Can I talk you through my symptoms and you tell me if I need to come in?": (
        "negative: talk in another sense, to the agent itself"
    ),
    "Is the doctor sitting today evening?": "negative: asks whether the doctor is in",
    "Can I set up a payment plan for my bill?": (
        "negative: the caller's own account, asked of the agent, no person asked for"
    ),
}

# The positives that name billing, accounts, finance, payments or invoices (or the people who
# send the bills): the bench expects the billing line to be dialled for them, the front desk
# for every other positive, as in handoff_set.
BILLING_REQUESTS: frozenset[str] = frozenset(
    {
        "Accounts department, quick as you can.",
        "Could you put me through to your accounts department?",
        "I need to talk to whoever handles the invoices.",
        "Can I speak to someone in finance about a charge I don't recognise?",
        "Put me on to payments, please, I want to sort out a refund.",
        "Can I get the billing lady on the phone?",
        "I'd like to speak to someone about this invoice, it's wrong.",
        "Transfer me to whoever sent me this bill.",
        "Let me talk to somebody in billing, I've been charged twice.",
        "Could I be connected with your finance office, please?",
        "Hiya, can I have a chat with someone about my account, there's a balance on it that shouldn't be there.",
        "I need a human about the payment plan, please.",
        "Can you get me someone from the billing side, please, mate?",
    }
)
