"""Events: logging what happened, correcting it, taking it back.

Events are the truth. Logging one steps that customer's cached state and
touches only that customer's rows; a correction or a back-dated event replays
that customer (docs/architecture.md, "The path of a logged event").
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ladder
from data import records
from data.store import derive, rows
from data.store.core import StoreCore
from data.sync import domain_event
from ladder.contact import check_text
from ladder.dates import check_event_date

EVENT_FIELDS = ("kind", "on", "emotional", "note")


class EventStore(StoreCore):
    """The event part of `Store`."""

    def log_event(
        self,
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
        """Record one event and everything it sets in motion, in one transaction.

        An event is something that happened: never after `today`; one more than
        five years back only with `force` (see `ladder.dates.check_event_date`).
        """
        new = derive.new_event(
            self.rules, kind, on, today, emotional=emotional, note=note, force=force
        )
        with self._write() as session:
            customer = rows.lock_customer(session, customer_id)
            return derive.log(session, self.rules, customer, new, today, member)

    def edit_event(
        self, event_id: int, today: date, *, force: bool = False, **changes: Any
    ) -> records.EventInfo:
        """Correct an event; its customer is replayed from the start."""
        unknown = set(changes) - set(EVENT_FIELDS)
        if unknown:
            raise ValueError(f"unknown event field(s): {', '.join(sorted(unknown))}")
        if "kind" in changes:
            self.rules.kind(changes["kind"])
        if "on" in changes:
            check_event_date(changes["on"], today, long_ago_ok=force)
        if changes.get("note"):
            changes["note"] = check_text("note", changes["note"])
        with self._write() as session:
            row = rows.event_row(session, event_id)
            customer = rows.lock_customer(session, row.customer_id)
            for field, value in changes.items():
                setattr(row, "occurred_on" if field == "on" else field, value)
            session.flush()
            derive.rederive(session, self.rules, customer, today)
            return rows.event_info(row.customer_id, domain_event(row))

    def delete_event(self, event_id: int, today: date) -> records.EventInfo:
        """Remove a mistaken event; its customer is replayed without it.

        Returns what was deleted, so that an undo can put it back as it was.
        """
        with self._write() as session:
            row = rows.event_row(session, event_id)
            customer = rows.lock_customer(session, row.customer_id)
            gone = rows.event_info(row.customer_id, domain_event(row))
            session.delete(row)
            session.flush()
            derive.rederive(session, self.rules, customer, today)
            return gone

    def restore_event(self, event: records.EventInfo, today: date) -> records.LogResult:
        """Put back a deleted event under its old id (an undo); the customer is replayed."""
        new = ladder.Event(0, event.kind, event.on, event.emotional, event.note, "")
        self.rules.kind(event.kind)
        with self._write() as session:
            customer = rows.lock_customer(session, event.customer_id)
            return derive.log(
                session, self.rules, customer, new, today, event.logged_by, event_id=event.id
            )

    def events_of(self, customer_id: int) -> list[ladder.Event]:
        with self._read() as session:
            return rows.events_of(session, customer_id)
