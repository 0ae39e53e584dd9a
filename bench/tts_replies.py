"""The fixed set of agent replies `verivoice bench tts` speaks (short, long, with numbers)."""

from __future__ import annotations

# kind -> replies. "long" replies open with a sentence of 15+ words: the case where a
# sentence-at-a-time TTS keeps the caller waiting longest.
REPLIES: dict[str, list[str]] = {
    "short": [
        "Sure, I can help with that.",
        "Got it. Anything else?",
        "Okay, which day works best for you?",
        "Thanks, you're verified.",
    ],
    "long": [
        "Thanks for calling Riverside Clinic, this is the automated assistant and I can help "
        "you book, change or cancel an appointment today.",
        "I've looked at the cardiology schedule for next week and the earliest opening with "
        "Doctor Patel is on Thursday morning. Would that work for you?",
        "Before I can read out anything from your medical record I need to confirm that it's "
        "really you, so I'm going to text a six-digit code to the number we have on file.",
        "Your prescription refill request has been sent to the pharmacy on Main Street and "
        "they usually have it ready within two business days. Is there anything else?",
        "I'm sorry, I wasn't able to find an appointment under that name and date of birth, "
        "so let's try again with the phone number on your account.",
    ],
    "numbers": [
        "Your appointment is on 2026-12-03 at 9:30 in the morning with Doctor Alvarez.",
        "The balance on your account is $1,284.50, and the minimum payment of $35 is due on "
        "December 15.",
        "I have 555-201-7788 as the mobile number on file. Is that still right?",
        "Your member ID is 40418837 and your group number is 7731.",
    ],
}


def all_replies() -> list[tuple[str, str]]:
    return [(kind, reply) for kind, replies in REPLIES.items() for reply in replies]
