"""Dates as people type them, and the business-day calendar of Finland."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ladder.finnish_holidays import holidays_of

if TYPE_CHECKING:
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
DATE_FORMS = "24.12.2026, 24.12., 2026-12-24, today/tänään, tomorrow/huomenna, +3d, +2w, -1d"


EARLIEST_EVENT = date(1900, 1, 1)
LONG_AGO_YEARS = 5  # an event further back asks "are you sure?": most are typos


class DateError(ValueError):
    """A date we cannot take; the message says why, `problem` names it in one word.

    Problems: `invalid` (not a date), `no_such_day` (31.2.), `future` and
    `too_early` (an event that cannot have happened), `long_ago` (an event more
    than five years back, taken only when confirmed), `past` (a follow-up due
    before today).
    """

    def __init__(
        self, message: str, *, problem: str = "invalid", day: date | None = None, text: str = ""
    ) -> None:
        super().__init__(message)
        self.problem = problem
        self.day = day
        self.text = text

    @property
    def no_such_day(self) -> bool:
        return self.problem == "no_such_day"


def parse_date(text: str, today: date) -> date:
    """Read a date as a Finnish or English speaker writes it, relative to `today`."""
    cleaned = text.strip().lower()
    if cleaned in _WORDS:
        return today + timedelta(days=_WORDS[cleaned])
    try:
        if match := _RELATIVE.match(cleaned):
            sign, amount, unit = match.groups()
            delta = int(amount) * _units()[unit]
            return today + delta if sign == "+" else today - delta
        if match := _FINNISH.match(cleaned):
            day, month, year = match.groups()
            return date(int(year) if year else today.year, int(month), int(day))
        if match := _ISO.match(cleaned):
            year, month, day = match.groups()
            return date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        raise DateError(
            f"not a real date: {text.strip()!r}", problem="no_such_day", text=text.strip()
        ) from None
    raise DateError(f"not a date: {text.strip()!r} (try {DATE_FORMS})", text=text.strip())


@lru_cache(maxsize=1)
def _units() -> dict[str, relativedelta]:
    """What each unit letter of `+3d`, `-2vk`… counts: built when a date is typed so,
    as dateutil takes a few milliseconds to load and most commands never need it."""
    from dateutil.relativedelta import relativedelta

    day, week = relativedelta(days=1), relativedelta(weeks=1)
    month, year = relativedelta(months=1), relativedelta(years=1)
    return {
        "d": day,
        "pv": day,
        "w": week,
        "vk": week,
        "m": month,
        "kk": month,
        "y": year,
        "v": year,
    }


def check_event_date(day: date, today: date, *, long_ago_ok: bool = False) -> date:
    """An event is something that happened: not after today, not before 1900.

    A date more than five years back is usually a slip of the keyboard, so it
    is taken only when the member confirms it (`long_ago_ok`).
    """
    if day > today:
        raise DateError(
            f"{format_date(day)} is after today: an event is something that happened",
            problem="future",
            day=day,
        )
    if day < EARLIEST_EVENT:
        raise DateError(f"{format_date(day)} is before 1.1.1900", problem="too_early", day=day)
    from dateutil.relativedelta import relativedelta

    if not long_ago_ok and day < today - relativedelta(years=LONG_AGO_YEARS):
        raise DateError(
            f"{format_date(day)} is more than {LONG_AGO_YEARS} years ago (confirm to log it)",
            problem="long_ago",
            day=day,
        )
    return day


def check_due_date(day: date, today: date) -> date:
    """A follow-up is due, or snoozed until, today or later: never in the past."""
    if day < today:
        raise DateError(f"{format_date(day)} is in the past", problem="past", day=day)
    return day


def format_date(day: date) -> str:
    """A date as Finns write it: 24.12.2026."""
    return f"{day.day}.{day.month}.{day.year}"


def anniversary(day: date, year: int) -> date:
    """`day`'s date in `year`; 29.2. falls on 28.2. in a year without one."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


@lru_cache(maxsize=64)
def _finnish_holidays(year: int) -> frozenset[date]:
    """The year's holidays from the table (`ladder.finnish_holidays`), else from the
    `holidays` package, loaded on first use: it takes a tenth of a second."""
    found = holidays_of(year)
    if found is not None:
        return found
    import holidays

    return frozenset(holidays.country_holidays("FI", years=year))


def is_business_day(day: date) -> bool:
    """Monday to Friday and not a Finnish public holiday."""
    return day.weekday() < 5 and day not in _finnish_holidays(day.year)


@lru_cache(maxsize=8192)
def next_business_day_from(day: date) -> date:
    """`day` itself if it is a business day, otherwise the next one.

    Kept for the last 8,192 days asked (about twenty years): a re-derive asks
    for every follow-up it makes, and its days repeat."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day
