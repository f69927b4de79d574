"""Keeping one customer's derived rows in step with their events, inside the
transaction that changed them (the whole-database path is `data.store.derive.everyone`).

How the rows follow from the events is in docs/rules.md ("The fold",
"Follow-ups"); this module decides only how much to recompute.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlmodel import Session

import ladder
from data import records
from data.records import FollowupState
from data.store import queries, rows
from data.store.codec import decode_state
from data.store.derive.plan import (
    CustomerFacts,
    FollowupPlan,
    derive_customer,
    domain_transition,
    transition_values,
)
from data.store.derive.writes import apply_plan, replace_transitions, write_state
from data.store.tables import EventRow
from ladder.contact import check_text
from ladder.dates import check_event_date


def new_event(
    rules: ladder.Rulebook,
    kind: str,
    on: date,
    today: date,
    *,
    emotional: bool | None,
    note: str,
    force: bool,
) -> ladder.Event:
    """An event checked against the rules, before any transaction starts."""
    event_kind = rules.kind(kind)
    check_event_date(on, today, long_ago_ok=force)
    note = check_text("note", note)
    chosen = event_kind.emotional if emotional is None else emotional
    return ladder.Event(0, kind, on, chosen, note, "")


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
    member = rows.ensure_member(session, member)
    writer = member if by is None else rows.ensure_member(session, by)
    now = rows.now()
    values = {
        "customer_id": customer.id,
        "kind": new.kind,
        "occurred_on": new.on,
        "emotional": new.emotional,
        "note": new.note,
        "logged_by": member,
        "created_at": now,
        "changed_by": writer,
        "changed_at": now,
    }
    if event_id is None:
        event_id = session.execute(_EVENT_ADDED, values).scalar_one()
    else:
        session.execute(_EVENT_ADDED_AGAIN, {"id": event_id, **values})
    event = ladder.Event(event_id, new.kind, new.on, new.emotional, new.note, member)
    state, plan = rederive(session, rules, customer, today, new_event=event, now=now, who=writer)
    created = []
    keys = [row["key"] for row in plan.inserts if row["state"] == FollowupState.OPEN]
    if keys:
        where = "followup.customer_id = :customer AND followup.key IN :keys"
        created = rows.followup_infos(
            session, where, {"customer": customer.id, "keys": keys}, today
        )
    caused = [t for t in state.transitions if t.event_id == event.id]
    closed = sorted(plan.closed)
    return records.LogResult(
        event_id=event.id,
        rung=ladder.evaluate(state, today, rules).rung,
        transition=caused[-1] if caused else None,
        created=created,
        closed=closed,
        left=(
            records.Left("event", event.id, 1),
            *(records.Left("followup", f.id, f.version) for f in created),
            *rows.left_of(session, "followup", closed),
        ),
    )


_EVENTS = EventRow.__table__
_EVENT_ADDED = _EVENTS.insert().returning(_EVENTS.c.id)  # built once: every log runs it
_EVENT_ADDED_AGAIN = _EVENTS.insert()  # an undone event put back under its own id


def rederive(
    session: Session,
    rules: ladder.Rulebook,
    customer: CustomerFacts,
    today: date,
    *,
    new_event: ladder.Event | None = None,
    now: datetime | None = None,
    refold: bool = True,
    who: str = "",
) -> tuple[ladder.CustomerState, FollowupPlan]:
    """Bring one customer's derived rows up to date, stepping when the event is newest.

    `refold=False` only lets time move on (calendar follow-ups, lapses). A
    customer still derived under another rulebook (a re-derive is under way,
    `data.store.derive.everyone`) is replayed whole, so their rows are never half old.
    Follow-ups that change are stamped as changed by `who` ("" for time).
    """
    by_customer = {"customer_id": customer.id}
    stored, derived_under = session.execute(queries.CACHED_STATE, by_customer).one()
    cached = decode_state(stored)
    if derived_under != rules.fingerprint:
        refold, new_event = True, None
    events = rows.events_of(session, customer.id)
    settled = [
        domain_transition(row) for row in session.execute(queries.SETTLED_TRANSITIONS, by_customer)
    ]
    steps = new_event is not None and (
        cached.last_event is None or new_event.order > cached.last_event
    )
    if not refold or steps:
        stepped = (
            ladder.step(cached, new_event, rules) if refold and new_event is not None else cached
        )
        fresh = stepped.transitions if refold else []
        state = replace(stepped, transitions=settled + fresh)
    else:
        state = ladder.fold(events, rules, in_order=True)  # EVENTS_OF orders them
        fresh = state.transitions
    existing = session.execute(queries.FOLLOWUPS_OF, by_customer).all()
    derived = derive_customer(
        customer, state, state.transitions, events, existing, rules, today, now or rows.now(), who
    )
    replace_transitions(
        session,
        customer.id,
        transition_values(customer.id, fresh, projected=False) + derived.projected,
        keep_settled=not refold or steps,
    )
    write_state(session, derived.state)
    apply_plan(session, derived.plan)
    session.expire_all()
    return state, derived.plan
