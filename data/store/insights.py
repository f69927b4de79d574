"""The insights' reads: a few aggregations over the stored transitions (`data.sql.insight_sql`)."""

from __future__ import annotations

from datetime import date

from data.sql import insight_sql
from data.store import rows
from data.store.core import StoreCore
from ladder import Rung
from ladder.insights import Insights, Period


class InsightStore(StoreCore):
    """The insight part of `Store`: each read one transaction, so its figures agree."""

    def insights(self, period: Period, today: date) -> Insights:
        with self.read() as session:
            run, dialect = rows.runner(session)
            return insight_sql.read(run, dialect, period, today, self.rules)

    def moved_customers(
        self, period: Period, today: date, from_rung: Rung, to_rung: Rung
    ) -> list[tuple[int, str]]:
        """Who moved from `from_rung` to `to_rung` in the period (id, name), by name."""
        with self.read() as session:
            run, dialect = rows.runner(session)
            return insight_sql.moved(run, dialect, period, today, from_rung, to_rung)
