"""The insights' reads: a few aggregations over the stored transitions (`data.insights`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from data import insights
from data.store.core import StoreCore
from ladder import Rung
from ladder.insights import Insights, Period


class InsightStore(StoreCore):
    """The insight part of `Store`: each read one transaction, so its figures agree."""

    def insights(self, period: Period, today: date) -> Insights:
        with self._read() as session:
            run, dialect = _runner(session)
            return insights.read(run, dialect, period, today, self.rules)

    def moved_customers(
        self, period: Period, today: date, from_rung: Rung, to_rung: Rung
    ) -> list[tuple[int, str]]:
        """Who moved from `from_rung` to `to_rung` in the period (id, name), by name."""
        with self._read() as session:
            run, dialect = _runner(session)
            return insights.moved(run, dialect, period, today, from_rung, to_rung)


def _runner(session: Session) -> tuple[Callable[[str, dict[str, Any]], Sequence[Any]], str]:
    """`run(sql, params) -> rows` in this session, and the database's dialect."""

    def run(sql: str, values: dict[str, Any]) -> Sequence[Any]:
        return session.execute(text(sql), values).all()

    return run, session.get_bind().dialect.name
