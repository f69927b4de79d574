"""Logging what happened with a customer, and correcting it."""

from __future__ import annotations

from datetime import date
from typing import Any

from data import records
from data.store import Store, rows
from data.store.derive.plan import domain_event


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
    """One event and everything it sets in motion (the move, follow-ups made and closed)."""
    return store.log_event(
        customer_id,
        kind,
        on,
        today=today,
        member=member,
        emotional=emotional,
        note=note,
        force=force,
    )


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
    """Only the fields changed are written, never over a colleague's change since
    the member looked (`before`: as the form showed them; or `expect_version`)."""
    return store.edit_event(
        event_id,
        today,
        member=member,
        force=force,
        before=before,
        expect_version=expect_version,
        **changes,
    )


def delete_event(
    store: Store, event_id: int, today: date, *, member: str = ""
) -> records.EventInfo:
    return store.delete_event(event_id, today, member=member)
