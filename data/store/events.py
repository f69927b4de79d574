"""A customer's events as the fold reads them: a row read the store offers.

Logging, correcting and taking back an event are use cases, in `data.service.events`.
"""

from __future__ import annotations

import ladder
from data.store import rows
from data.store.core import StoreCore


class EventStore(StoreCore):
    """The event part of `Store`."""

    def events_of(self, customer_id: int) -> list[ladder.Event]:
        with self.read() as session:
            return rows.events_of(session, customer_id)
