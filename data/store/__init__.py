"""The store: the unit of work over one database, and the reads use cases share.

`Store` opens the database, follows the co-op's rulebook and gives each use
case its transaction (`core.py`: `write()`, `read()`, locking, re-deriving
everyone); its parts add the row reads several use cases share: customers'
duplicates, a customer's events, what is due and settling, the morning
view, the whole database. The use cases themselves (cosmicpython's handlers:
open the unit of work, check, call the domain, write) are `data.service`.
"""

from data.errors import Ambiguous, NotFound, StoreError
from data.records import WEEK
from data.schema import RULES_KEY
from data.store.customers import CustomerStore
from data.store.events import EventStore
from data.store.followup_rows import FollowupStore
from data.store.views import ViewStore
from data.store.whole import WholeStore

__all__ = ["RULES_KEY", "WEEK", "Ambiguous", "NotFound", "Store", "StoreError"]


class Store(
    CustomerStore,
    EventStore,
    FollowupStore,
    ViewStore,
    WholeStore,
):
    """Ladder's data over one database, with the rulebook it is derived under."""
