"""Customers: adding, finding, listing, changing, and everything about one."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

import ladder
from data import records
from data.store import rows
from data.store.core import StoreCore
from data.store.details import customer_info
from data.store.tables import CustomerRow
from ladder import phones
from ladder.text import search_words


class CustomerStore(StoreCore):
    """The customer part of `Store`."""

    def duplicates(
        self, details: dict[str, Any], *, besides: int | None = None
    ) -> list[records.Alike]:
        """Customers already there that `details` (a name, an e-mail, a phone) would
        duplicate: the same e-mail, the same phone, or the same name without case
        and diacritics; `besides` is the customer being edited."""
        with self.read() as session:
            return rows.duplicates_of(session, details, self.country, besides)

    def contact_index(self) -> list[records.CustomerInfo]:
        """Every customer's contact details, for finding duplicates before an import."""
        with self.read() as session:
            return [customer_info(row) for row in session.execute(select(CustomerRow)).scalars()]


class Wanted:
    """A search as the app's list searches: every word anywhere in the name,
    organisation, e-mail or tags, in any order and without accents (`hamalainen
    anna` finds Anna Hämäläinen), or a phone number's digits however typed."""

    def __init__(self, text: str) -> None:
        self.words = search_words(text).split()
        self.digits = phones.typed_digits(text)
        self.literal = text.strip().casefold()  # `[` or `#`: no word to search by

    def matches(self, row: Any) -> bool:
        if not self.words and not self.digits:
            fields = f"{row.name} {row.organisation} {row.email} {row.tags}".casefold()
            return self.literal in fields
        if self.digits and self.digits in phones.search_digits(row.phone or ""):
            return True
        found = search_words(f"{row.name} {row.organisation} {row.email} {row.tags}")
        return all(word in found for word in self.words)


def score_on(score: float, last: date | None, today: date, rules: ladder.Rulebook) -> float:
    """A stored score decayed to `today`, as the list shows it."""
    return ladder.decayed(score, (today - last).days, rules) if last else score
