"""The morning view's reads: the ladder with the week's moves, who moved, and
whose Christmas card is still to send."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, select, text
from sqlmodel import Session

from data import morning_sql, records
from data.records import OPEN_STATES, WEEK
from data.store import rows
from data.store.core import StoreCore
from data.store.details import customer_info
from data.tables import CustomerRow, FollowupRow


class ViewStore(StoreCore):
    """The read-only views of `Store`."""

    def pipeline(self, today: date, *, days: int = WEEK) -> list[records.RungCount]:
        """How many stand on each rung today, and who arrived from below or above."""
        with self._read() as session:
            values = morning_sql.day_params(_dialect(session), today, days, None)
            counts = session.execute(text(morning_sql.RUNG_COUNTS), values).all()
            moves = session.execute(text(morning_sql.WEEK_MOVES), values).all()
        return morning_sql.rung_counts(counts, moves)

    def recent_moves(
        self, today: date, *, days: int = WEEK, limit: int | None = None
    ) -> list[records.Move]:
        """Every rung change in the last `days` days (the newest `limit`), newest first."""
        with self._read() as session:
            values = morning_sql.day_params(_dialect(session), today, days, None)
            if limit is not None:
                values["limit"] = limit
            query = text(morning_sql.recent_moves(limited=limit is not None))
            return [morning_sql.move(row) for row in session.execute(query, values)]

    def christmas_cards(
        self, year: int, today: date
    ) -> list[tuple[records.CustomerInfo, records.FollowupInfo]]:
        """Customers whose Christmas card of `year` is still to be sent, by name."""
        with self._read() as session:
            due = rows.followup_infos(
                session,
                and_(
                    FollowupRow.key == f"christmas_card:{year}", FollowupRow.state.in_(OPEN_STATES)
                ),
                today,
            )
            people = {
                row.id: customer_info(row)
                for row in session.execute(
                    select(CustomerRow).where(CustomerRow.id.in_([f.customer_id for f in due]))
                ).scalars()
            }
        return sorted(((people[f.customer_id], f) for f in due), key=lambda p: p[0].name)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
