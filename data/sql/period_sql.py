"""Which period a report covers when none is asked for, and how long one may be,
read the same through the store's session and through the driver."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from data.errors import StoreError
from data.sql.morning_sql import Run, params
from ladder.insights import Period

LONGEST_REPORT_DAYS = 3653  # ten years and their leap days
HELD = "SELECT 1 FROM event WHERE occurred_on BETWEEN :start AND :end LIMIT 1"


def default_period(run: Run, dialect: str, today: date) -> tuple[Period, str]:
    """The period a report covers when none is asked for, and which it is: the last
    calendar year ("last_year") when it has events, else the last twelve months
    ("last_twelve_months"), so a co-op new this year still gets a report."""
    year = Period.last_calendar_year(today)
    if run(HELD, params(dialect, start=year.start, end=year.end)):
        return year, "last_year"
    return Period(today - relativedelta(years=1) + timedelta(days=1), today), "last_twelve_months"


def check_length(period: Period) -> None:
    """At most ten years: a report is read by people, and a longer one only costs time."""
    if (period.end - period.start).days > LONGEST_REPORT_DAYS:
        raise StoreError(
            "report_too_long",
        )
