"""Logging what happened with a customer, correcting it, taking it back.

Events are the truth. Logging one steps that customer's cached state and
touches only that customer's rows; a correction or a back-dated event replays
that customer (docs/architecture.md, "The path of a logged event"). Each use
case is one write transaction of the store.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ladder
from data import records
from data.errors import checked_id, no_customer
from data.store import Store, audit, log_sql, rows
from data.store.derive import one_customer
from data.store.derive.plan import domain_event
from data.watch import CHANNEL
from ladder.contact import check_text
from ladder.dates import check_event_date

EVENT_FIELDS = ("kind", "on", "emotional", "note")
COLUMN = {"on": "occurred_on"}  # a field of the record by the name of its column


def log(
    store: Store,
    customer_id: int,
    kind: str,
    on: date,
    *,
    today: date,
    member: str = "",
    emotional: bool | None = None,
    note: str = "",
    force: bool = False,
) -> records.LogResult:
    """One event and everything it sets in motion (the move, follow-ups made and
    closed), in one transaction.

    An event is something that happened: never after `today`; one more than
    five years back only with `force` (see `ladder.dates.check_event_date`).
    """
    new = one_customer.new_event(
        store.rules, kind, on, today, emotional=emotional, note=note, force=force
    )
    with store.write(lean=True, pipelined=True) as session:  # PostgreSQL: 2-3 round trips
        db = rows.driver(session)
        log_sql.lock(db, checked_id(customer_id), CHANNEL)
        read = log_sql.read_everything(db, customer_id, reserve=True)  # the reads, in one
        if read is None:
            raise no_customer(customer_id)
        store.follow_rulebook_numbered(session, read.newest_rulebook)
        store.rules.kind(new.kind)  # still in the co-op's rulebook, if a colleague changed it
        who = rows.ensure_member(session, member)
        if read.reserved is not None:  # PostgreSQL: the audit goes with the event's INSERT
            what = f"event #{read.reserved}"
            log_sql.audit(db, who, "log", customer_id, what, rows.now(), held=True)
        result = one_customer.logged(
            session, store.rules, read, new, today, member, event_id=read.reserved
        )
        if read.reserved is None:
            what = f"event #{result.event_id}"
            log_sql.audit(db, who, "log", customer_id, what, rows.now())
        return result


def event(store: Store, event_id: int) -> records.EventInfo:
    """One logged event, as it is now."""
    with store.read() as session:
        row = rows.event_row(session, event_id)
        return rows.event_info(row.customer_id, domain_event(row), row.version)


def edit_event(
    store: Store,
    event_id: int,
    today: date,
    *,
    member: str = "",
    force: bool = False,
    before: dict[str, Any] | None = None,
    expect_version: int | None = None,
    **changes: Any,
) -> records.EventInfo:
    """Correct an event; its customer is replayed from the start.

    Only the fields in `changes` are written. A colleague's change since the
    member looked is never overwritten: with `before` (the fields as the
    member's form showed them), a field changed meanwhile to something else
    is refused, naming who changed it; with `expect_version`, any change at
    all is (`errors.ChangedMeanwhile`).
    """
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown event field(s): {', '.join(sorted(unknown))}")
    if "kind" in changes:
        store.rules.kind(changes["kind"])
    if "on" in changes:
        check_event_date(changes["on"], today, long_ago_ok=force)
    if changes.get("note"):
        changes["note"] = check_text("note", changes["note"])
    with store.write() as session:
        row = rows.event_row(session, event_id)
        customer = rows.lock_customer(session, row.customer_id)
        session.refresh(row)
        rows.check_unchanged(row, expect_version)
        current = {field: getattr(row, COLUMN.get(field, field)) for field in changes}
        rows.check_fields(row, current, before, changes)
        changed = {field: value for field, value in changes.items() if current[field] != value}
        if changed:
            for field, value in changed.items():
                setattr(row, COLUMN.get(field, field), value)
            rows.stamp(row, rows.ensure_member(session, member))
            session.flush()
            one_customer.rederive(session, store.rules, customer, today, who=row.changed_by)
            what = f"event #{event_id}: {', '.join(sorted(changed))}"
            audit.record(session, row.changed_by, "event_edit", row.customer_id, what)
        return rows.event_info(row.customer_id, domain_event(row), row.version)


def delete_event(
    store: Store,
    event_id: int,
    today: date,
    *,
    member: str = "",
    expect: tuple[records.Left, ...] = (),
) -> records.EventInfo:
    """Remove a mistaken event; its customer is replayed without it.

    Returns what was deleted, so that an undo can put it back as it was. An
    undo passes what its log left (`expect`): if a colleague has changed any
    of it since, nothing is deleted and the colleague is named.
    """
    with store.write() as session:
        row = rows.event_row(session, event_id)
        customer = rows.lock_customer(session, row.customer_id)
        rows.check_left(session, expect)
        gone = rows.event_info(row.customer_id, domain_event(row), row.version)
        session.delete(row)
        session.flush()
        who = rows.ensure_member(session, member)
        one_customer.rederive(session, store.rules, customer, today, who=who)
        action = "undo" if expect else "event_delete"  # an undo passes what its log left
        audit.record(session, who, action, gone.customer_id, f"event #{event_id}")
        return gone


def restore_event(
    store: Store, event: records.EventInfo, today: date, *, member: str = ""
) -> records.LogResult:
    """Put back a deleted event under its old id (an undo by `member`); the
    customer is replayed."""
    new = ladder.Event(0, event.kind, event.on, event.emotional, event.note, "")
    store.rules.kind(event.kind)
    with store.write() as session:
        customer = rows.lock_customer(session, event.customer_id)
        result = one_customer.add_event(
            session, store.rules, customer, new, today, event.logged_by, event_id=event.id,
            by=member,
        )  # fmt: skip
        who = rows.ensure_member(session, member)
        audit.record(session, who, "undo", event.customer_id, f"event #{event.id} put back")
        return result
