"""How the ladder moved in a period: the figures for the insights screen and
`ladder report`, read from what is stored (docs/rules.md, "Insights")."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from data.errors import StoreError
from data.sql import insight_sql
from data.sql.morning_sql import params
from data.store import Store, rows
from ladder import Rung
from ladder.insights import Insights, Period


def default_period(store: Store, today: date) -> tuple[Period, str]:
    """The period a report covers when none is asked for, and which it is: the last
    calendar year ("last_year") when it has events, else the last twelve months
    ("last_twelve_months"), so a co-op new this year still gets a report."""
    year = Period.last_calendar_year(today)
    with store.read() as session:
        run, dialect = rows.runner(session)
        values = params(dialect, start=year.start, end=year.end)
        held = run("SELECT 1 FROM event WHERE occurred_on BETWEEN :start AND :end LIMIT 1", values)
    if held:
        return year, "last_year"
    return Period(today - relativedelta(years=1) + timedelta(days=1), today), "last_twelve_months"


LONGEST_REPORT_DAYS = 3653  # ten years and their leap days


def insights(store: Store, period: Period, today: date) -> Insights:
    """Every figure for `period` (at most ten years: a report is read by people, and a
    longer one only costs time); time has done its work first, as in the morning."""
    if (period.end - period.start).days > LONGEST_REPORT_DAYS:
        raise StoreError(
            "a report covers at most ten years; give a shorter --from/--to",
            "report_too_long",
        )
    store.settle(today)
    with store.read() as session:  # one transaction: the figures agree
        run, dialect = rows.runner(session)
        return insight_sql.read(run, dialect, period, today, store.rules)


def moved_customers(
    store: Store, period: Period, today: date, from_rung: Rung, to_rung: Rung
) -> list[tuple[int, str]]:
    """Who moved from `from_rung` to `to_rung` in the period (id, name), by name."""
    with store.read() as session:
        run, dialect = rows.runner(session)
        return insight_sql.moved(run, dialect, period, today, from_rung, to_rung)
