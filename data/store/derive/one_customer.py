"""Keeping one customer's derived rows in step with their events, inside the
transaction that changed them (the whole-database path is `data.store.derive.everyone`).

How the rows follow from the events is in docs/rules.md ("The fold",
"Follow-ups"); this module decides only how much to recompute.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

import ladder
from data import records
from data.errors import no_customer
from data.store import log_sql, rows
from data.store.derive.plan import CustomerFacts, FollowupPlan
from data.store.log_sql import new_event

__all__ = ["add_event", "logged", "new_event", "rederive"]


def add_event(
    session: Session,
    rules: ladder.Rulebook,
    customer: CustomerFacts,
    new: ladder.Event,
    today: date,
    member: str,
    *,
    event_id: int | None = None,
    by: str | None = None,
) -> records.LogResult:
    """Insert `new`, logged by `member` (with `event_id` and put back `by` another
    member when an undo brings it back), and derive.

    Names are written as the member first wrote theirs (`rows.ensure_member`)."""
    db = rows.driver(session)
    read = log_sql.read_everything(db, customer.id)
    if read is None:
        raise no_customer(customer.id)
    return logged(session, rules, read, new, today, member, event_id=event_id, by=by)


def logged(
    session: Session,
    rules: ladder.Rulebook,
    read: log_sql.Everything,
    new: ladder.Event,
    today: date,
    member: str,
    *,
    event_id: int | None = None,
    by: str | None = None,
) -> records.LogResult:
    """`add_event` for a customer already read (`log_sql.read_everything`), under
    `event_id` when the read reserved it (or an undo puts the event back)."""
    member = rows.ensure_member(session, member)
    writer = member if by is None else rows.ensure_member(session, by)
    db = rows.driver(session)
    result = log_sql.add_event(
        db, rules, read, new, today, rows.now(), member, writer, event_id=event_id
    )
    session.expire_all()
    return result


def rederive(
    session: Session,
    rules: ladder.Rulebook,
    customer: CustomerFacts,
    today: date,
    *,
    now: datetime | None = None,
    refold: bool = True,
    who: str = "",
) -> tuple[ladder.CustomerState, FollowupPlan]:
    """Bring one customer's derived rows up to date (`log_sql.derive`).

    `refold=False` only lets time move on (calendar follow-ups, lapses). A
    customer still derived under another rulebook (a re-derive is under way,
    `data.store.derive.everyone`) is replayed whole, so their rows are never half old.
    Follow-ups that change are stamped as changed by `who` ("" for time).
    """
    db = rows.driver(session)
    read = log_sql.read_everything(db, customer.id)
    if read is None:
        raise no_customer(customer.id)
    state, derived, _ = log_sql.derive(
        db, rules, customer, read, today, now or rows.now(), refold=refold, who=who
    )
    session.expire_all()
    return state, derived.plan
