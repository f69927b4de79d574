"""Replaying many customers at once: after a rulebook change, an upgrade or an import.

One statement reads every event of the customers in hand, one every stored
follow-up; each customer is folded and their follow-ups derived; the state
and transition rows are then written again in bulk. It runs inside the
caller's transaction: an import replays its new customers in its own, and a
rulebook change replays everyone in batches of `BATCH` customers, each its own
short transaction, marking each customer with the rulebook it now follows
(`next_batch` finds where to go on).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, delete, func, or_, select
from sqlmodel import Session, col

import ladder
from data.collector import paused as collector_paused
from data.store.derive.plan import (
    Customer,
    FollowupPlan,
    StoredFollowup,
    derive_customer,
    transition_values,
)
from data.store.derive.raw_rows import indexes_rebuilt, insert_many, select_many
from data.store.derive.writes import apply_plan
from data.store.tables import CustomerRow, EventRow, FollowupRow, StateRow, TransitionRow

Progress = Callable[[int, int], None]  # (customers done, customers in all)
STEPS = 50  # progress reports per replay: often enough for a bar, rare enough to be free
# Customers per transaction of a re-derive after a rulebook change: a colleague's
# log waits for at most one batch (~0.3 s here), and memory stays bounded.
BATCH = 1_000


class Told:
    """A re-derive's progress, told at 0 and then about STEPS times in all, however
    many batches it takes; (total, total) is the caller's to tell, once committed."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total = progress, total
        self.every = max(1, total // STEPS)
        self.last = -self.every
        self(0)

    def __call__(self, done: int) -> None:
        if self.progress is not None and done < self.total and done - self.last >= self.every:
            self.last = done
            self.progress(done, self.total)

    def batch(self, start: int) -> Progress:
        """`derive_many`'s progress in a batch that starts `start` customers in, told as
        the whole re-derive's."""
        return lambda within, _: self(start + within)


@collector_paused()
def derive_many(
    session: Session,
    rules: ladder.Rulebook,
    today: date,
    *,
    after_id: int = 0,
    up_to: int | None = None,
    progress: Progress | None = None,
    only: Sequence[int] = (),
) -> int:
    """Replay every customer whose id is above `after_id` (and at most `up_to`; of
    those, only the ids in `only` when given) and store what follows.

    `progress` hears how far the replay is; the writes after it are not counted.
    Returns how many customers were replayed.
    """
    now = datetime.now(UTC)
    c = CustomerRow.__table__.c
    customers = [
        Customer._make(row)
        for row in select_many(
            session,
            select(c.id, c.owner, c.birthday, c.since).where(*_ids(c.id, after_id, up_to, only)),
        )
    ]
    total = len(customers)
    if progress is not None:
        progress(0, total)
    events = _histories(session, after_id, up_to, only)
    existing = _stored_followups(session, after_id, up_to, only)
    every = max(1, total // STEPS)
    states, transitions = [], []
    plan = FollowupPlan()
    for done, customer in enumerate(customers):
        if progress is not None and done % every == 0 and done:
            progress(done, total)
        history = events.get(customer.id, [])
        state = ladder.fold(history, rules, in_order=True)  # read ORDER BY day, id
        derived = derive_customer(
            customer,
            state,
            state.transitions,
            history,
            existing.get(customer.id, []),
            rules,
            today,
            now,
        )
        states.append(derived.state)
        transitions += transition_values(customer.id, state.transitions, projected=False)
        transitions += derived.projected
        plan.extend(derived.plan)
    rewritten = (TransitionRow.__table__, StateRow.__table__)
    everyone = after_id == 0 and up_to is None and not only
    with indexes_rebuilt(session, rewritten) if everyone else nullcontext():
        session.execute(
            delete(TransitionRow).where(
                *_ids(col(TransitionRow.customer_id), after_id, up_to, only)
            )
        )
        session.execute(
            delete(StateRow).where(*_ids(col(StateRow.customer_id), after_id, up_to, only))
        )
        insert_many(session, StateRow.__table__, states)
        insert_many(session, TransitionRow.__table__, transitions)
    apply_plan(session, plan)
    return total


def next_batch(session: Session, after_id: int, size: int, *, stale_under: str | None) -> list[int]:
    """The next `size` customers after `after_id`; with `stale_under`, only those
    not yet derived under that rulebook fingerprint (or never derived)."""
    customer = CustomerRow.__table__.c
    query = _customers(stale_under).where(customer.id > after_id)
    return list(session.execute(query.order_by(customer.id).limit(size)).scalars())


def lock_customers(session: Session, after_id: int, up_to: int) -> None:
    """Lock a batch's customers, in id order, before touching their rows: a
    colleague logging locks their customer first too, so neither waits on the
    other in a circle (PostgreSQL; SQLite's writers take turns already)."""
    customer = CustomerRow.__table__.c
    session.execute(
        select(customer.id)
        .where(*_ids(customer.id, after_id, up_to))
        .order_by(customer.id)
        .with_for_update()
    ).all()


def count_customers(session: Session, *, stale_under: str | None) -> int:
    """How many customers `next_batch` will hand out in all."""
    ids = _customers(stale_under).subquery()
    count: int = session.execute(select(func.count()).select_from(ids)).scalar_one()
    return count


def _customers(stale_under: str | None) -> Select[int]:
    customer = CustomerRow.__table__.c
    if stale_under is None:
        return select(customer.id)
    state = StateRow.__table__.c
    return (
        select(customer.id)
        .outerjoin(StateRow, state.customer_id == customer.id)
        .where(or_(state.derived_under.is_(None), state.derived_under != stale_under))
    )


def _ids(
    column: SQLColumnExpression[int], after_id: int, up_to: int | None, only: Sequence[int] = ()
) -> list[ColumnElement[bool]]:
    """The conditions that keep `column` (a customer id) inside the replayed range."""
    within = [column > after_id] + ([column <= up_to] if up_to is not None else [])
    return within + ([column.in_(only)] if only else [])


def _histories(
    session: Session, after_id: int, up_to: int | None, only: Sequence[int] = ()
) -> dict[int, list[ladder.Event]]:
    event = EventRow.__table__.c
    events: dict[int, list[ladder.Event]] = defaultdict(list)
    for customer_id, *fields in select_many(  # a million rows: positional, no lookups
        session,
        select(
            event.customer_id,
            event.id,
            event.kind,
            event.occurred_on,
            event.emotional,
            event.note,
            event.logged_by,
        )
        .where(*_ids(event.customer_id, after_id, up_to, only))
        .order_by(event.customer_id, event.occurred_on, event.id),
    ):
        events[customer_id].append(ladder.Event(*fields))
    return events


def _stored_followups(
    session: Session, after_id: int, up_to: int | None, only: Sequence[int] = ()
) -> dict[int, list[StoredFollowup]]:
    followup = FollowupRow.__table__.c
    existing: dict[int, list[StoredFollowup]] = defaultdict(list)
    for row in select_many(
        session,
        select(
            followup.id,
            followup.customer_id,
            followup.key,
            followup.rule,
            followup.state,
            followup.closed_by_event_id,
            followup.closed_on,
            followup.due,
            followup.made_on,
        ).where(*_ids(followup.customer_id, after_id, up_to, only)),
    ):
        existing[row[1]].append(StoredFollowup._make(row))
    return existing
