"""Dates of birth as callers say them."""

from __future__ import annotations

import datetime as dt

import pytest

from verivoice.pipeline.asr.spoken_dates import spoken_to_date

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(("text", "iso"), [
    ("March fifth, nineteen eighty-two", "1982-03-05"),
    ("the fifth of March 1982", "1982-03-05"),
    ("My date of birth is March 5th 82", "1982-03-05"),
    ("03/05/1982", "1982-03-05"),
    ("oh three oh five eighty two", "1982-03-05"),
    ("December thirty-first, two thousand and five", "2005-12-31"),
    ("December thirty-first, two thousand five", "2005-12-31"),
    ("twenty first of June 1975", "1975-06-21"),
    ("June twenty-first, nineteen seventy five", "1975-06-21"),
    ("I was born on the 2nd of January 2001", "2001-01-02"),
    ("February 30 1990", None),  # no such day
    ("July 4 2030", None),  # a date of birth is not in the future
    ("March", None),
    ("my code is four seven two", None),
])
def test_spoken_dates(text: str, iso: str | None) -> None:
    assert spoken_to_date(text, today=TODAY) == iso


def test_day_first_numeric_dates() -> None:
    assert spoken_to_date("05/03/1982", today=TODAY, month_first=False) == "1982-03-05"


def test_two_digit_years_are_in_the_past() -> None:
    assert spoken_to_date("January 1st 25", today=TODAY) == "2025-01-01"
    assert spoken_to_date("January 1st 27", today=TODAY) == "1927-01-01"
