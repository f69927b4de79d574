"""The morning view's reads: the ladder with the week's moves, who moved, and
whose Christmas card is still to send."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import and_, func, select

from data import queries, records
from data.records import OPEN_STATES
from data.store import rows
from data.store.core import StoreCore
from data.store.details import customer_info
from data.sync import domain_transition
from data.tables import CustomerRow, FollowupRow, TransitionRow
from ladder import Rung

WEEK = 7  # the morning view's window: what is due, and the moves it counts


class ViewStore(StoreCore):
    """The read-only views of `Store`."""

    def pipeline(self, today: date, *, days: int = WEEK) -> list[records.RungCount]:
        """How many stand on each rung today, and who arrived from below or above."""
        rung_now = queries.rung_now(today)
        with self._read() as session:
            counts = dict(session.execute(select(rung_now, func.count()).group_by(rung_now)).all())
            moves = session.execute(
                select(TransitionRow.from_rung, TransitionRow.to_rung, func.count())
                .where(TransitionRow.on > today - timedelta(days=days))
                .where(TransitionRow.on <= today)
                .group_by(TransitionRow.from_rung, TransitionRow.to_rung)
            ).all()
        up: dict[int, int] = defaultdict(int)
        down: dict[int, int] = defaultdict(int)
        for from_rung, to_rung, count in moves:
            if to_rung > from_rung:
                up[to_rung] += count
            elif to_rung < from_rung:
                down[to_rung] += count
        return [
            records.RungCount(rung, counts.get(int(rung), 0), up[int(rung)], down[int(rung)])
            for rung in Rung
        ]

    def recent_moves(
        self, today: date, *, days: int = WEEK, limit: int | None = None
    ) -> list[records.Move]:
        """Every rung change in the last `days` days (the newest `limit`), newest first."""
        with self._read() as session:
            found = session.execute(
                select(TransitionRow, CustomerRow.name)
                .join(CustomerRow, CustomerRow.id == TransitionRow.customer_id)
                .where(TransitionRow.on > today - timedelta(days=days))
                .where(TransitionRow.on <= today)
                .where(TransitionRow.from_rung != TransitionRow.to_rung)
                .order_by(TransitionRow.on.desc(), TransitionRow.id.desc())
                .limit(limit)
            ).all()
        return [records.Move(t.customer_id, name, domain_transition(t)) for t, name in found]

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
