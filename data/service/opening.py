"""Opening a database for a member: created, upgraded and derived under the rulebook."""

from __future__ import annotations

from datetime import date

from data.rederive import Progress
from data.store import Store
from ladder import Rulebook
from ladder.phones import HOME


def open_store(
    location: str,
    rules: Rulebook,
    today: date,
    *,
    member: str = "",
    country: str = HOME,
    on_rederive: Progress | None = None,
) -> Store:
    """The store at `location` for `member`, who types phone numbers as they are
    written in `country`; `on_rederive` hears a re-derive's progress, if one is due."""
    return Store.open(
        location, rules, today, member=member, country=country, on_rederive=on_rederive
    )
