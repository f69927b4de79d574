"""The store: every change to Ladder's data as one database transaction.

`Store` is assembled from one part per concern, each in its own module over
the shared core (`core.py`: the database, the rulebook, the transactions):
customers, events, follow-ups, the morning view's reads, the insights, and
the whole database. The use cases the front ends call are in `data.service`.
"""

from data.errors import Ambiguous, NotFound, StoreError
from data.records import WEEK
from data.schema import RULES_KEY
from data.store.audit import AuditStore
from data.store.customers import CustomerStore
from data.store.events import EventStore
from data.store.followups import FollowupStore
from data.store.insights import InsightStore
from data.store.rulebooks import RulebookStore
from data.store.views import ViewStore
from data.store.whole import WholeStore

__all__ = ["RULES_KEY", "WEEK", "Ambiguous", "NotFound", "Store", "StoreError"]


class Store(
    CustomerStore,
    EventStore,
    FollowupStore,
    ViewStore,
    InsightStore,
    WholeStore,
    RulebookStore,
    AuditStore,
):
    """Ladder's data over one database, with the rulebook it is derived under."""
