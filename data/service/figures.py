"""How the ladder moved in a period: the figures for the insights screen and
`ladder report`, read from what is stored (docs/rules.md, "Insights")."""

from __future__ import annotations

from datetime import date

from data.store import Store
from ladder import Rung
from ladder.insights import Insights, Period


def insights(store: Store, period: Period, today: date) -> Insights:
    """Every figure for `period`; time has done its work first, as in the morning."""
    store.settle(today)
    return store.insights(period, today)


def moved_customers(
    store: Store, period: Period, today: date, from_rung: Rung, to_rung: Rung
) -> list[tuple[int, str]]:
    """The customers behind one count of the flow table."""
    return store.moved_customers(period, today, from_rung, to_rung)
