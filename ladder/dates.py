"""Dates as people type them, and the business-day calendar of Finland."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

_RELATIVE = re.compile(r"^([+-])\s*(\d{1,4})\s*([dwmy]|pv|vk|kk|v)$")
_FINNISH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = {
    "today": 0,
    "tänään": 0,
    "tanaan": 0,
    "tomorrow": 1,
    "huomenna": 1,
    "yesterday": -1,
    "eilen": -1,
}
_UNITS = {
    "d": "days",
    "pv": "days",
    "w": "weeks",
    "vk": "weeks",
    "m": "months",
    "kk": "months",
    "y": "years",
    "v": "years",
}
DATE_FORMS = "24.12.2026, 24.12., 2026-12-24, today/tänään, tomorrow/huomenna, +3d, +2w, -1d"


class DateError(ValueError):
    """Text that is not a date we understand; the message says what is.

    `no_such_day` tells a date written right but absent from the calendar (31.2.).
    """

    def __init__(self, message: str, *, no_such_day: bool = False) -> None:
        super().__init__(message)
        self.no_such_day = no_such_day


def parse_date(text: str, today: date) -> date:
    """Read a date as a Finnish or English speaker writes it, relative to `today`."""
    cleaned = text.strip().lower()
    if cleaned in _WORDS:
        return today + timedelta(days=_WORDS[cleaned])
    try:
        if match := _RELATIVE.match(cleaned):
            sign, amount, unit = match.groups()
            delta = relativedelta(**{_UNITS[unit]: int(amount)})
            return today + delta if sign == "+" else today - delta
        if match := _FINNISH.match(cleaned):
            day, month, year = match.groups()
            return date(int(year) if year else today.year, int(month), int(day))
        if match := _ISO.match(cleaned):
            year, month, day = match.groups()
            return date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        raise DateError(f"not a real date: {text.strip()!r}", no_such_day=True) from None
    raise DateError(f"not a date: {text.strip()!r} (try {DATE_FORMS})")


def format_date(day: date) -> str:
    """A date as Finns write it: 24.12.2026."""
    return f"{day.day}.{day.month}.{day.year}"


@lru_cache(maxsize=64)
def _finnish_holidays(year: int) -> frozenset[date]:
    import holidays  # on first use: most runs never shift a due date, and it loads slowly

    return frozenset(holidays.country_holidays("FI", years=year))


def is_business_day(day: date) -> bool:
    """Monday to Friday and not a Finnish public holiday."""
    return day.weekday() < 5 and day not in _finnish_holidays(day.year)


def next_business_day_from(day: date) -> date:
    """`day` itself if it is a business day, otherwise the next one."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day
