"""A customer's details checked the one way every door in uses (forms, the
command line, imports, a whole-database load), following `CUSTOMER_FIELDS`."""

from __future__ import annotations

from datetime import date
from typing import Any

from data.records import CUSTOMER_FIELDS, CustomerInfo
from ladder.contact import (
    check_birthday,
    check_email,
    check_name,
    check_phone,
    check_since,
    check_text,
)
from ladder.phones import HOME
from ladder.text import search_words


def blank_details() -> dict[str, Any]:
    """Every field empty, for filling in from what a caller gave."""
    return {field: "" for field in CUSTOMER_FIELDS} | {"birthday": None, "since": None}


def checked_details(values: dict[str, Any], today: date, country: str = HOME) -> dict[str, Any]:
    """The details as stored: checked, spaces tidied, the phone in its one form (read in
    `country` when it has no country code), the name also as it is searched
    (`name_key`); a ContactError names the field."""
    name = check_name(values["name"])
    return {
        **values,
        "name": name,
        "name_key": search_words(name),
        "organisation": check_text(
            "organisation", " ".join((values["organisation"] or "").split())
        ),
        "email": check_email(values["email"] or ""),
        "phone": check_phone(values["phone"] or "", country),
        "address": check_text("address", (values["address"] or "").strip()),
        "birthday": check_birthday(values["birthday"], today),
        "tags": check_text(
            "tags", ",".join(t.strip() for t in (values["tags"] or "").split(",") if t.strip())
        ),
        "notes": check_text("notes", values["notes"] or ""),
        "owner": values["owner"] or "",
        "since": check_since(values["since"], today),
    }


def unknown_fields(names: set[str], *, besides: tuple[str, ...] = ()) -> None:
    """Refuse a change naming a field a customer does not have (or one of `besides`,
    which the caller takes under another name)."""
    unknown = names - (set(CUSTOMER_FIELDS) - set(besides))
    if unknown:
        raise ValueError(f"unknown customer field(s): {', '.join(sorted(unknown))}")


def customer_info(row: Any) -> CustomerInfo:
    """A stored customer row as the record handed out."""
    details = {field: getattr(row, field) for field in CUSTOMER_FIELDS}
    return CustomerInfo(id=row.id, version=row.version, **details)
