"""How the ladder moved in a period: the figures for the insights screen and
`ladder report`, read from what is stored (docs/rules.md, "Insights")."""

from __future__ import annotations

from datetime import date

from data.sql import insight_sql, period_sql
from data.store import Store, rows
from ladder import Rung
from ladder.insights import Insights, Period


def default_period(store: Store, today: date) -> tuple[Period, str]:
    """The period a report covers when none is asked for, and which it is
    (`period_sql.default_period`)."""
    with store.read() as session:
        run, dialect = rows.runner(session)
        return period_sql.default_period(run, dialect, today)


def insights(store: Store, period: Period, today: date) -> Insights:
    """Every figure for `period` (at most ten years, `period_sql.check_length`); time
    has done its work first, as in the morning."""
    period_sql.check_length(period)
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
