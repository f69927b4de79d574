"""Customers: adding, finding, listing, changing, and everything about one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from data import records
from data.store import rows
from data.store.core import StoreCore
from data.store.details import customer_info
from data.store.tables import CustomerRow


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
