"""Opening times in a model's reply are the practice profile's, or they are not spoken."""

from __future__ import annotations

import pytest

from verivoice.pipeline.tts.opening_times import OpeningTimesCheck
from verivoice.pipeline.tts.speakable import ReplyGuard
from verivoice.practice import PracticeProfile, default_profile_path, load_profile


@pytest.fixture(scope="module")
def check() -> OpeningTimesCheck:
    # The example: Mon, Tue, Thu 08:00-17:30; Wed 08:00-12:00 and 13:00-19:00;
    # Fri 08:00-16:00; Sat 09:00-12:00; Sun closed; Christmas Eve 08:00-12:00.
    return OpeningTimesCheck(load_profile(default_profile_path()))


@pytest.mark.parametrize("chunk", [
    "Your hours are: Monday and Tuesday from 8 AM to noon;",
    "On Saturday we're open from 9 AM to 5 PM.",
    "We're open Sundays from ten a.m.",
    "The office closes at 6 o'clock.",
    "We open at 7:30 in the morning on weekdays.",
    "Friday we're open until 17:30.",
])
def test_hours_the_profile_does_not_have_are_caught(check: OpeningTimesCheck,
                                                    chunk: str) -> None:
    assert check.contradicts(chunk)


@pytest.mark.parametrize("chunk", [
    "On Saturday we're open from 9 AM to noon.",
    "We open at eight in the morning and close at 5:30 PM.",
    "Wednesday we close for lunch at 12 and open again at 1 PM, until 7 PM.",
    "The office is open from 08:00 to 17:30.",
    "We're closed on Sundays.",
    "On Friday the office closes at 4 PM.",
    # not about opening: an appointment's time, a price
    "Your appointment is at 10:30 AM on Tuesday.",
    "A check-up costs 85 dollars.",
])
def test_the_profiles_hours_and_other_times_pass(check: OpeningTimesCheck, chunk: str) -> None:
    assert not check.contradicts(chunk)


def test_the_line_said_instead_is_itself_true(check: OpeningTimesCheck) -> None:
    assert not check.contradicts(check.true_line)
    assert "from 8 AM to 5:30 PM" in check.true_line


def test_another_profiles_hours_are_checked_against_that_profile() -> None:
    data = load_profile(default_profile_path()).model_dump()
    data["hours"] = {"monday": ["07:00-15:00"], "exceptions": []}
    check = OpeningTimesCheck(PracticeProfile.model_validate(data))
    assert not check.contradicts("On Monday we open at 7 AM and close at 3 PM.")
    assert check.contradicts("On Monday we're open from 8 AM to 5:30 PM.")
    assert check.contradicts("We're open on Tuesday at 7 AM.")  # closed on Tuesdays


def test_the_guard_says_the_true_week_instead_and_reads_days_across_chunks(
        check: OpeningTimesCheck) -> None:
    guard = ReplyGuard(max_sentences=5, wrong_facts=check.contradicts,
                       true_facts=check.true_line)
    assert guard.admit("We're open Monday from 8 AM to 5:30 PM;") != ""
    # no opening word of its own: the reply before it says what it is about
    assert guard.admit(" Thursday from 9 AM to noon;") == check.true_line
    assert guard.stopped_because == "practice_fact"
    assert guard.admit(" and that's all.") == ""
    guard.start_reply()
    assert guard.admit("Your appointment is at 9 AM on Thursday.") != ""
