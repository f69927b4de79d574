"""The rows every part of the store reads and locks, inside its transaction.

Each function takes the open session, so a use case composes them in one
transaction (see `core.StoreCore._write`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

import ladder
from data import morning_sql, queries, records
from data.errors import NotFound, StoreError, checked_id, no_customer
from data.records import OPEN_STATES, FollowupState
from data.sync import domain_event
from data.tables import CustomerRow, EventRow, FollowupRow, MemberRow, StateRow
from ladder import Rung


def runner(session: Session) -> tuple[morning_sql.Run, str]:
    """`run(sql, params) -> rows` in this session, and the database's dialect: how the
    store runs the plain-SQL reads (`data.morning_sql`, `data.insights`)."""

    def run(sql: str, values: dict[str, Any]) -> Sequence[Any]:
        return session.execute(text(sql), values).all()

    return run, session.get_bind().dialect.name


def now() -> datetime:
    return datetime.now(UTC)


def ensure_member(session: Session, name: str) -> None:
    """Record a member on first use; two first uses at once are both fine."""
    if name:
        statement = _MEMBER_ADDED[session.get_bind().dialect.name == "postgresql"]
        session.execute(statement, {"name": name, "created_at": now()})


_MEMBER_ADDED = {  # by whether the database is PostgreSQL; built once, run by every log
    on_postgres: dialect.insert(MemberRow.__table__)
    .values(name=bindparam("name"), created_at=bindparam("created_at"))
    .on_conflict_do_nothing(index_elements=["name"])
    for on_postgres, dialect in ((True, postgresql), (False, sqlite))
}


def lock_customer(session: Session, customer_id: int) -> Any:
    """The customer's row (id, owner, birthday), locked until the transaction ends."""
    customer = session.execute(
        queries.CUSTOMER_LOCKED, {"customer_id": checked_id(customer_id)}
    ).first()
    if customer is None:
        raise no_customer(customer_id)
    return customer


def event_row(session: Session, event_id: int) -> EventRow:
    row = session.get(EventRow, checked_id(event_id))
    if row is None:
        raise NotFound(f"no event #{event_id}", "no_event", id=event_id)
    return row


def followup_row(session: Session, followup_id: int) -> FollowupRow:
    row = session.get(FollowupRow, checked_id(followup_id))
    if row is None:
        raise NotFound(f"no follow-up #{followup_id}", "no_followup", id=followup_id)
    return row


def open_followup_row(session: Session, followup_id: int) -> FollowupRow:
    """The follow-up, locked, if it is still to do; otherwise say what became of it."""
    row = followup_row(session, followup_id)
    lock_customer(session, row.customer_id)
    session.refresh(row)
    if row.state not in OPEN_STATES:
        raise StoreError(
            f"follow-up #{followup_id} is already {row.state}",
            f"followup_{row.state}",
            id=followup_id,
        )
    return row


def events_of(session: Session, customer_id: int) -> list[ladder.Event]:
    rows = session.execute(queries.EVENTS_OF, {"customer_id": customer_id})
    return [domain_event(row) for row in rows]


def followup_infos(session: Session, condition: Any, today: date) -> list[records.FollowupInfo]:
    """Follow-ups meeting `condition`, with their customer's name, rung and reach."""
    f = FollowupRow.__table__.c
    rows = session.execute(_infos_of(today).where(condition).order_by(f.due, f.id))
    rungs = tuple(Rung)
    states = {state.value: state for state in FollowupState}
    return [  # by position, the columns above in order: a morning list can hold 10,000s
        records.FollowupInfo(*row[:3], rungs[row[3]], *row[4:8], states[row[8]], *row[9:])
        for row in rows
    ]


@lru_cache(maxsize=4)
def _infos_of(today: date) -> Select:
    """The follow-up list's columns and joins, built once a day: every log and
    every done reads it (building a log's statements afresh was a fifth of its
    CPU time)."""
    f = FollowupRow.__table__.c
    return (
        select(
            f.id,
            f.customer_id,
            CustomerRow.name.label("customer"),
            queries.rung_now(today),
            f.rule,
            f.trigger,
            f.made_on,
            f.due,
            f.state,
            f.member,
            f.note,
            f.snoozed_until,
            f.closed_on,
            CustomerRow.phone,
            CustomerRow.email,
        )
        .join(CustomerRow, CustomerRow.id == f.customer_id)
        .join(StateRow, StateRow.customer_id == f.customer_id)
    )


def followup_info(session: Session, followup_id: int, today: date) -> records.FollowupInfo:
    return followup_infos(session, FollowupRow.id == followup_id, today)[0]


def event_info(customer_id: int, event: ladder.Event) -> records.EventInfo:
    return records.EventInfo(
        id=event.id,
        customer_id=customer_id,
        kind=event.kind,
        on=event.on,
        emotional=event.emotional,
        note=event.note,
        logged_by=event.logged_by,
    )
