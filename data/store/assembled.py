"""`Store`, assembled from one part per concern (docs/architecture.md, "The store")."""

from __future__ import annotations

from data.store.customers import CustomerStore
from data.store.events import EventStore
from data.store.followup_rows import FollowupStore
from data.store.views import ViewStore
from data.store.whole import WholeStore


class Store(
    CustomerStore,
    EventStore,
    FollowupStore,
    ViewStore,
    WholeStore,
):
    """Ladder's data over one database, with the rulebook it is derived under."""
