"""Replaying many customers at once: after a rulebook change, an upgrade or an import.

One statement reads every event, one every stored follow-up; each customer is
folded and their follow-ups derived; the state and transition rows are then
written again in bulk. It runs inside the caller's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from contextlib import nullcontext
from datetime import UTC, date, datetime

from sqlalchemy import delete, select
from sqlmodel import Session

import ladder
from data.collector import paused as collector_paused
from data.raw_rows import indexes_rebuilt, insert_many, select_many
from data.sync import (
    Customer,
    FollowupPlan,
    StoredFollowup,
    apply_plan,
    derive_customer,
    transition_values,
)
from data.tables import CustomerRow, EventRow, FollowupRow, StateRow, TransitionRow

Progress = Callable[[int, int], None]  # (customers done, customers in all)
STEPS = 50  # progress reports per replay: often enough for a bar, rare enough to be free


@collector_paused()
def derive_many(
    session: Session,
    rules: ladder.Rulebook,
    today: date,
    *,
    after_id: int = 0,
    progress: Progress | None = None,
) -> int:
    """Replay every customer whose id is above `after_id` and store what follows.

    `progress` hears how far the replay is; the writes after it are not counted.
    Returns how many customers were replayed.
    """
    now = datetime.now(UTC)
    customer = CustomerRow.__table__.c
    customers = [
        Customer._make(row)
        for row in select_many(
            session,
            select(customer.id, customer.owner, customer.birthday).where(customer.id > after_id),
        )
    ]
    total = len(customers)
    if progress is not None:
        progress(0, total)
    events = _histories(session, after_id)
    existing = _stored_followups(session, after_id)
    every = max(1, total // STEPS)
    states, transitions = [], []
    plan = FollowupPlan()
    for done, customer in enumerate(customers):
        if progress is not None and done % every == 0 and done:
            progress(done, total)
        history = events.get(customer.id, [])
        state = ladder.fold(history, rules)
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
    with indexes_rebuilt(session, rewritten) if after_id == 0 else nullcontext():
        session.execute(delete(TransitionRow).where(TransitionRow.customer_id > after_id))
        session.execute(delete(StateRow).where(StateRow.customer_id > after_id))
        insert_many(session, StateRow.__table__, states)
        insert_many(session, TransitionRow.__table__, transitions)
    apply_plan(session, plan)
    return total


def _histories(session: Session, after_id: int) -> dict[int, list[ladder.Event]]:
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
        .where(event.customer_id > after_id)
        .order_by(event.customer_id, event.occurred_on, event.id),
    ):
        events[customer_id].append(ladder.Event(*fields))
    return events


def _stored_followups(session: Session, after_id: int) -> dict[int, list[StoredFollowup]]:
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
        ).where(followup.customer_id > after_id),
    ):
        existing[row[1]].append(StoredFollowup._make(row))
    return existing
