"""What the store hands out: plain, frozen records, never live database rows.

The records live in four modules by what they are about (`customers`,
`followups`, `changes`, `morning`) and are named from
here, each loaded when first asked for (PEP 562): making a frozen dataclass
costs its share of a millisecond, and `ladder pipeline` needs one of the
twenty-five. `from data.records import X` and `records.X` work as before.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from data.records.changes import (
        DatabaseHealth,
        Entry,
        Erased,
        FollowupChange,
        FollowupSnapshot,
        Left,
        LogResult,
        Merged,
        RulebookInForce,
    )
    from data.records.customers import (
        CUSTOMER_FIELDS,
        Alike,
        CustomerCard,
        CustomerDetails,
        CustomerInfo,
        CustomerSummary,
        EventInfo,
        NewCustomer,
        NewEvent,
    )
    from data.records.followups import (
        CLOSED_STATES,
        OPEN_STATES,
        FollowupInfo,
        FollowupState,
    )
    from data.records.morning import (
        MorningView,
        Move,
        RungCount,
    )

WEEK = 7  # the morning view's window: what is due, and the moves it counts

_HOME = {
    **dict.fromkeys(
        (
            "CustomerDetails",
            "CUSTOMER_FIELDS",
            "CustomerInfo",
            "Alike",
            "CustomerSummary",
            "EventInfo",
            "CustomerCard",
            "NewEvent",
            "NewCustomer",
        ),
        "customers",
    ),
    **dict.fromkeys(("FollowupState", "OPEN_STATES", "CLOSED_STATES", "FollowupInfo"), "followups"),
    **dict.fromkeys(
        (
            "Left",
            "RulebookInForce",
            "DatabaseHealth",
            "Erased",
            "Entry",
            "LogResult",
            "FollowupSnapshot",
            "FollowupChange",
            "Merged",
        ),
        "changes",
    ),
    **dict.fromkeys(("RungCount", "Move", "MorningView"), "morning"),
}
__all__ = [
    "CLOSED_STATES",
    "CUSTOMER_FIELDS",
    "OPEN_STATES",
    "WEEK",
    "Alike",
    "CustomerCard",
    "CustomerDetails",
    "CustomerInfo",
    "CustomerSummary",
    "DatabaseHealth",
    "Entry",
    "Erased",
    "EventInfo",
    "FollowupChange",
    "FollowupInfo",
    "FollowupSnapshot",
    "FollowupState",
    "Left",
    "LogResult",
    "Merged",
    "MorningView",
    "Move",
    "NewCustomer",
    "NewEvent",
    "RulebookInForce",
    "RungCount",
]


def __getattr__(name: str) -> object:
    """A record, loaded from its module the first time it is asked for."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'data.records' has no attribute {name!r}")
    value = getattr(import_module(f"data.records.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
