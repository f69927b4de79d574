"""The store: the unit of work over one database, and the reads use cases share.

`Store` opens the database, follows the co-op's rulebook and gives each use
case its transaction (`core.py`: `write()`, `read()`, locking, re-deriving
everyone); its parts add the row reads several use cases share: customers'
duplicates, a customer's events, what is due and settling, the morning
view, the whole database. The use cases themselves (cosmicpython's handlers:
open the unit of work, check, call the domain, write) are `data.service`.

`Store` is loaded when first asked for, so that the parts with no SQLAlchemy
in them (`derive.plan`, `codec`) serve a log through the bare driver
(`data.store.log_sql`) without loading the ORM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from data.errors import Ambiguous, NotFound, StoreError
from data.records import WEEK
from data.schema import RULES_KEY

if TYPE_CHECKING:
    from data.store.assembled import Store

__all__ = ["RULES_KEY", "WEEK", "Ambiguous", "NotFound", "Store", "StoreError"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from data.store.assembled import Store

        return Store
    raise AttributeError(f"module 'data.store' has no attribute {name!r}")
