"""Search as you type over every customer, quick at a hundred thousand.

Shared by the customer list and the log-a-contact type-ahead. Each customer's
name, e-mail, phone and tags are folded once per load (case and diacritics
ignored, so `aijala` finds Äijälä), and typing on narrows from the previous
matches instead of scanning everyone again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from data import collector, service
from data.records import CustomerSummary
from ladder import Rung
from ladder.text import search_key

Entry = tuple[str, CustomerSummary]  # (searchable text, customer)


class CustomerIndex:
    """The customers of one load, searchable by any part of name, e-mail or phone."""

    def __init__(self, customers: Sequence[CustomerSummary] = ()) -> None:
        self.customers = customers
        self._entries: list[Entry] = [
            (search_key(f"{c.name}\t{c.organisation}\t{c.email}\t{c.phone}\t{c.tags}"), c)
            for c in customers
        ]
        self._last: tuple[tuple[Rung | None, bool], str, list[Entry]] | None = None
        if customers:
            collector.keep()  # long-lived now (see data.collector)

    def search(
        self, text: str, *, rung: Rung | None = None, at_risk_only: bool = False
    ) -> Sequence[CustomerSummary]:
        """Customers whose details contain `text`, optionally only on `rung` or at risk."""
        text = search_key(text.strip())
        scope = (rung, at_risk_only)
        last = self._last
        if last and last[0] == scope and text.startswith(last[1]):
            pool = last[2]  # typing on: only what matched the shorter text can match
        elif rung is None and not at_risk_only:
            pool = self._entries
        else:
            pool = [
                entry
                for entry in self._entries
                if (rung is None or entry[1].rung is rung)
                and (not at_risk_only or entry[1].at_risk)
            ]
        matched = [entry for entry in pool if text in entry[0]] if text else pool
        self._last = (scope, text, matched)
        return _Customers(matched)

    @classmethod
    def loaded(cls, store: service.Store, today: date) -> CustomerIndex:
        """Every customer, read and keyed together: run it off the UI thread (`app.db`),
        as keying 100,000 names takes a few tenths of a second."""
        return cls(service.list_customers(store, today))

    def by_id(self, customer_id: int) -> CustomerSummary | None:
        return next((c for _, c in self._entries if c.id == customer_id), None)


class _Customers(Sequence[CustomerSummary]):
    """The customers of matched entries, without copying 100,000 of them out."""

    def __init__(self, entries: list[Entry]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [customer for _, customer in self._entries[index]]
        return self._entries[index][1]
