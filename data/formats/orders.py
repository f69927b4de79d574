"""A shop's orders as purchases: a Shopify or WooCommerce orders export, or any sheet
with a date, a customer and an order reference read through `--map`.

One order is one purchase, on the day it was paid (else made); an order of several
items spans several rows of a Shopify export and is read once. Refunded, voided,
cancelled and unpaid orders are kept with why they make no purchase, for the
member to see. Every field goes through the checks any customer field does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from data.formats.contact_file import BadRow, ContactFileError, parse_day
from data.formats.contacts import open_sheet, sheet_rows
from data.member_files import IMPORT_LIMIT_MB, open_import
from ladder import DateError
from ladder.contact import ContactError, check_email, check_name, check_phone, check_text
from ladder.phones import HOME

FIELDS = ("order", "date", "paid", "name", "first", "last", "email", "phone", "total", "status")
# Each export's own column titles (lower case) for the fields above.
SHOPIFY = {
    "name": "order",
    "email": "email",
    "financial status": "status",
    "paid at": "paid",
    "created at": "date",
    "cancelled at": "cancelled",
    "total": "total",
    "billing name": "name",
    "billing phone": "phone",
    "phone": "phone",
}
WOOCOMMERCE = {
    "order number": "order",
    "order date": "date",
    "order status": "status",
    "billing first name": "first",
    "billing last name": "last",
    "billing email": "email",
    "billing phone": "phone",
    "order total": "total",
}
NO_PURCHASE = {  # a status, as either shop writes it, and why it is no purchase
    "refunded": "refunded",
    "voided": "voided",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "failed": "failed",
    "pending": "unpaid",
    "on-hold": "unpaid",
    "authorized": "unpaid",
}


class OrdersFileError(ContactFileError):
    """A file that cannot be read as orders at all."""


@dataclass(slots=True)
class Order:
    """One order of the file, checked, with the line it starts on; `skipped` says why
    it makes no purchase ("" when it does)."""

    line: int
    source: str  # "shopify", "woocommerce" or "sheet": with `reference`, what is kept
    reference: str
    day: date
    name: str
    email: str = ""
    phone: str = ""
    total: str = ""
    skipped: str = ""

    @property
    def note(self) -> str:
        """The purchase event's note: the order, and its total."""
        return f"{self.reference} · {self.total}".strip(" ·") if self.total else self.reference


@dataclass
class OrdersFile:
    source: str = ""
    orders: list[Order] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    mapping: list[tuple[str, str]] = field(default_factory=list)


def read_orders(
    path: Path,
    today: date,
    overrides: Mapping[str, str] | None = None,
    country: str = HOME,
    limit_mb: int = IMPORT_LIMIT_MB,
) -> OrdersFile:
    """The orders of a file (UTF-8 or Windows-1252, `,` or `;`), read as a stream."""
    with open_import(path, limit_mb) as stream:
        return _orders(stream, today, overrides, country)


def _orders(
    lines: Iterable[str], today: date, overrides: Mapping[str, str] | None, country: str
) -> OrdersFile:
    reader, first = open_sheet(lines)
    header = [title.replace("\ufeff", "").strip() for title in first]
    source, columns = _columns(header, overrides or {})
    found = OrdersFile(source=source, mapping=[(header[i], f) for f, i in columns.items()])
    seen: set[str] = set()
    for start, cells in sheet_rows(reader, found.bad):
        values = {f: cells[i].strip() if i < len(cells) else "" for f, i in columns.items()}
        reference = values.get("order", "")
        if not reference or reference in seen:  # a further item of an order read already
            continue
        seen.add(reference)
        try:
            found.orders.append(_order(start, source, values, today, country))
        except (ContactError, DateError) as exc:
            found.bad.append(BadRow(start, f"{reference}: {exc}", exc))
    return found


def _columns(header: list[str], overrides: Mapping[str, str]) -> tuple[str, dict[str, int]]:
    """Which export this is, and the index of each field's column."""
    titles = [title.casefold() for title in header]
    missing = sorted(set(overrides) - set(titles))
    if missing:
        raise OrdersFileError("map_no_column", name=missing[0])
    source, words = "sheet", {}
    if "order number" in titles:
        source, words = "woocommerce", WOOCOMMERCE
    elif "financial status" in titles:
        source, words = "shopify", SHOPIFY
    columns: dict[str, int] = {}
    for index, title in enumerate(titles):
        name = overrides.get(title, words.get(title))
        if name and name != "ignore" and name not in columns:
            columns[name] = index
    needed = {"order", "date"} if source == "sheet" else {"order"}
    if not needed <= set(columns) or not {"name", "first", "email", "phone"} & set(columns):
        found = ", ".join(header) or "nothing"
        raise OrdersFileError(
            "not_orders",
            found=found,
        )
    return source, columns


def _order(line: int, source: str, values: dict[str, str], today: date, country: str) -> Order:
    status = values.get("status", "").casefold()
    skipped = NO_PURCHASE.get(status, "")
    if values.get("cancelled"):
        skipped = "cancelled"
    paid = values.get("paid", "")
    when = _day(paid or values.get("date", ""), today)
    name = values.get("name") or " ".join(
        part for part in (values.get("first", ""), values.get("last", "")) if part
    )
    email = check_email(values.get("email", ""))
    return Order(
        line=line,
        source=source,
        reference=check_text("order", values["order"]),
        day=when,
        name=check_name(name or email or values.get("phone", "")),
        email=email,
        phone=check_phone(values.get("phone", ""), country),
        total=check_text("total", values.get("total", "")),
        skipped=skipped,
    )


def _day(text: str, today: date) -> date:
    """The day of a shop's timestamp (`2026-11-03 14:22:10 +0200`, `3.11.2026 14:22`)."""
    day_part = re.split(r"[ T]", text.strip(), maxsplit=1)[0]
    found = parse_day(day_part, today, "date")
    if found is None:
        raise DateError("date: the order has no date")
    if found > today:
        raise DateError(f"date: {day_part} is after today")
    return found


def parse_order_map(pairs: list[str]) -> dict[str, str]:
    """`["Kuitti=order", "Pvm=date"]` as {"kuitti": "order", "pvm": "date"}."""
    overrides = {}
    for pair in pairs:
        title, sep, name = pair.rpartition("=")
        name = name.strip().casefold()
        if not sep or not title.strip() or name not in (*FIELDS, "ignore"):
            raise OrdersFileError("map_pair", pair=pair, fields=", ".join(FIELDS))
        overrides[title.strip().casefold()] = name
    return overrides
