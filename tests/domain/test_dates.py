"""Dates as co-op members type them, and business days in Finland."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ladder import DateError, format_date, next_business_day_from, parse_date

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-24", date(2026, 12, 24)),
        ("24.12.2026", date(2026, 12, 24)),
        ("24.12.", date(2026, 12, 24)),
        ("1.3.", date(2026, 3, 1)),
        ("today", TODAY),
        ("Tänään", TODAY),
        ("tomorrow", date(2026, 11, 23)),
        ("huomenna", date(2026, 11, 23)),
        ("+3d", date(2026, 11, 25)),
        ("+2w", date(2026, 12, 6)),
        ("-1d", date(2026, 11, 21)),
        (" +1m ", date(2026, 12, 22)),
    ],
)
def test_parses_every_documented_form(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "yksi", "32.1.2026", "29.2.2026", "2026-13-01", "+d", "3d"])
def test_anything_else_is_a_clear_error(text):
    with pytest.raises(DateError, match="date"):
        parse_date(text, TODAY)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_of_format_is_the_same_date(day):
    assert parse_date(format_date(day), TODAY) == day


def test_weekends_and_finnish_holidays_move_to_the_next_business_day():
    assert next_business_day_from(date(2026, 11, 23)) == date(2026, 11, 23)  # a Monday
    assert next_business_day_from(date(2026, 11, 28)) == date(2026, 11, 30)  # Saturday
    assert next_business_day_from(date(2026, 12, 6)) == date(2026, 12, 7)  # Independence Day
    assert next_business_day_from(date(2026, 12, 24)) == date(2026, 12, 28)  # Christmas
    assert next_business_day_from(date(2027, 1, 6)) == date(2027, 1, 7)  # Epiphany
