"""Customers: adding, finding, listing, changing, and a person's rights over
their data (everything held about them; erasure)."""

from __future__ import annotations

from datetime import date
from typing import Any

from data import records
from data.store import Store
from ladder import Rung


def add_customer(
    store: Store, name: str, *, today: date, member: str = "", **details: Any
) -> records.CustomerInfo:
    return store.add_customer(name, today=today, member=member, **details)


def edit_customer(
    store: Store,
    customer_id: int,
    today: date,
    *,
    member: str = "",
    before: dict[str, Any] | None = None,
    expect_version: int | None = None,
    allow_duplicate: bool = False,
    **changes: Any,
) -> records.CustomerInfo:
    """As `edit_event`: only what changed, never over a colleague's change; and
    never someone else's name, e-mail or phone unless `allow_duplicate`."""
    return store.edit_customer(
        customer_id,
        today,
        member=member,
        before=before,
        expect_version=expect_version,
        allow_duplicate=allow_duplicate,
        **changes,
    )


def customer(store: Store, customer_id: int) -> records.CustomerInfo:
    return store.customer(customer_id)


def find_customer(store: Store, text: str) -> records.CustomerInfo:
    """By number or by an unambiguous part of the name (Ambiguous lists the candidates)."""
    return store.find_customer(text)


def list_customers(
    store: Store,
    today: date,
    *,
    rung: Rung | None = None,
    search: str = "",
    at_risk: bool | None = None,
) -> list[records.CustomerSummary]:
    return store.list_customers(today, rung=rung, search=search, at_risk=at_risk)


def customer_card(store: Store, customer_id: int, today: date) -> records.CustomerCard:
    return store.customer_card(customer_id, today)


def export_customer(store: Store, customer_id: int, today: date) -> dict[str, Any]:
    return store.export_customer(customer_id, today)


def erase_customer(store: Store, customer_id: int, *, member: str = "") -> records.Erased:
    return store.erase_customer(customer_id, member=member)
