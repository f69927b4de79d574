"""A customer's details checked the one way every door in uses (forms, the
command line, imports, a whole-database load), following `CUSTOMER_FIELDS`."""

from __future__ import annotations

from datetime import date
from typing import Any

from data.records import CUSTOMER_FIELDS, CustomerInfo
from ladder.contact import check_birthday, check_email, check_name, check_phone, check_text


def blank_details() -> dict[str, Any]:
    """Every field empty, for filling in from what a caller gave."""
    return {field: "" for field in CUSTOMER_FIELDS} | {"birthday": None}


def checked_details(values: dict[str, Any], today: date) -> dict[str, Any]:
    """The details as stored: checked, spaces tidied; a ContactError names the field."""
    return {
        **values,
        "name": check_name(values["name"]),
        "organisation": check_text(
            "organisation", " ".join((values["organisation"] or "").split())
        ),
        "email": check_email(values["email"] or ""),
        "phone": check_phone(values["phone"] or ""),
        "address": check_text("address", (values["address"] or "").strip()),
        "birthday": check_birthday(values["birthday"], today),
        "tags": check_text(
            "tags", ",".join(t.strip() for t in (values["tags"] or "").split(",") if t.strip())
        ),
        "notes": check_text("notes", values["notes"] or ""),
        "owner": values["owner"] or "",
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
