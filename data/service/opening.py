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
    chosen: bool = True,
) -> Store:
    """The store at `location` for `member`, who types phone numbers as they are
    written in `country`; `on_rederive` hears a re-derive's progress, if one is due.
    It follows the co-op's rulebook; `rules` are for a new database, or must be the
    co-op's when the member `chosen` them (see `Store.open`)."""
    return Store.open(
        location,
        rules,
        today,
        member=member,
        country=country,
        on_rederive=on_rederive,
        chosen=chosen,
    )
