"""The co-op's shared things: its rulebook, and the record of who did what."""

from __future__ import annotations

from datetime import date

from data import records
from data.store import Store
from data.store.derive.everyone import Progress
from ladder import Rulebook


def rulebook_in_force(store: Store) -> records.RulebookInForce:
    return store.rulebook_in_force()


def apply_rules(
    store: Store, rules: Rulebook, today: date, *, member: str, progress: Progress | None = None
) -> bool:
    """Make `rules` everyone's rulebook and re-derive; False if it is in force already."""
    return store.apply_rules(rules, today, member=member, progress=progress)


def history(
    store: Store,
    *,
    customer_id: int | None = None,
    member: str = "",
    since: date | None = None,
) -> list[records.Entry]:
    """Who did what, newest first: of one customer, one member, from a day on."""
    return store.history(customer_id=customer_id, member=member, since=since)
