"""The morning view's reads: the ladder with the week's moves, who moved, and
whose Christmas card is still to send."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import col

from data import records
from data.records import OPEN_STATES, WEEK
from data.sql import morning_sql
from data.store import rows
from data.store.core import StoreCore
from data.store.details import customer_info
from data.store.tables import CustomerRow


class ViewStore(StoreCore):
    """The read-only views of `Store`."""

    def pipeline(self, today: date, *, days: int = WEEK) -> list[records.RungCount]:
        """How many stand on each rung today, and who arrived from below or above."""
        with self.read() as session:
            run, dialect = rows.runner(session)
            return morning_sql.read_ladder(run, morning_sql.day_params(dialect, today, days, None))

    def recent_moves(
        self, today: date, *, days: int = WEEK, limit: int | None = None
    ) -> list[records.Move]:
        """Every rung change in the last `days` days (the newest `limit`), newest first."""
        with self.read() as session:
            run, dialect = rows.runner(session)
            values = morning_sql.day_params(dialect, today, days, None)
            return morning_sql.read_moves(run, values, limit)

    def morning_view(
        self, today: date, *, member: str | None, moves: int, rows_shown: int
    ) -> records.MorningView:
        """The morning view in one read transaction (the app's first read runs the same)."""
        with self.read() as session:
            run, dialect = rows.runner(session)
            return morning_sql.read_view(
                run, dialect, today, member=member, moves=moves, rows=rows_shown
            )

    def christmas_cards(
        self, year: int, today: date
    ) -> list[tuple[records.CustomerInfo, records.FollowupInfo]]:
        """Customers whose Christmas card of `year` is still to be sent, by name."""
        with self.read() as session:
            due = rows.followup_infos(
                session,
                "followup.key = :key AND followup.state IN :states",
                {"key": f"christmas_card:{year}", "states": [str(s) for s in OPEN_STATES]},
                today,
            )
            people = {
                row.id: customer_info(row)
                for row in session.execute(
                    select(CustomerRow).where(col(CustomerRow.id).in_([f.customer_id for f in due]))
                ).scalars()
            }
        return sorted(((people[f.customer_id], f) for f in due), key=lambda p: p[0].name)
