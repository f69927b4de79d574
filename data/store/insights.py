"""The insights' reads: a few aggregations over the stored transitions (`data.insights`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text

from data import insights
from data.store.core import StoreCore
from ladder import Rung
from ladder.insights import Insights, Period


class InsightStore(StoreCore):
    """The insight part of `Store`: one read transaction, so the figures agree."""

    def insights(self, period: Period, today: date) -> Insights:
        with self._read() as session:
            dialect = session.get_bind().dialect.name

            def run(sql: str, values: dict[str, Any]):
                return session.execute(text(sql), values).all()

            return insights.read(run, dialect, period, today, self.rules)

    def moved_customers(
        self, period: Period, today: date, from_rung: Rung, to_rung: Rung
    ) -> list[tuple[int, str]]:
        """Who moved from `from_rung` to `to_rung` in the period (id, name), by name."""
        with self._read() as session:
            dialect = session.get_bind().dialect.name

            def run(sql: str, values: dict[str, Any]):
                return session.execute(text(sql), values).all()

            return insights.moved(run, dialect, period, today, from_rung, to_rung)
