"""What reading a contacts file gives, whatever its format: the checked contacts,
the bad rows with their lines, and how its columns were read; and the checks
and clean-ups a CSV row and a vCard share."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from data.errors import Explained
from data.member_files import IMPORT_ROW_LIMIT
from data.records import CUSTOMER_FIELDS
from ladder import DateError, parse_date
from ladder.contact import (
    ContactError,
    check_birthday,
    check_email,
    check_name,
    check_phone,
    check_since,
    check_text,
)
from ladder.phones import HOME

HOME_COUNTRY = ("finland", "suomi", "fi")  # an address in it leaves the country out


class ContactFileError(Explained, ValueError):
    """A file that cannot be read as contacts at all; `key` names it for the member's language."""


@dataclass(slots=True)
class Contact:
    """One person from the file, checked, with the line it starts on.

    Not frozen: building a frozen dataclass costs five times as much, and an
    import builds tens of thousands of these.
    """

    line: int
    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    birthday: date | None = None
    tags: str = ""
    notes: str = ""
    organisation: str = ""
    since: date | None = None

    def details(self) -> dict[str, object]:
        """The customer fields a file can hold (`records.CUSTOMER_FIELDS` but the owner)."""
        return {field: getattr(self, field) for field in CUSTOMER_FIELDS if field != "owner"}


@dataclass(frozen=True)
class BadRow:
    """A row that cannot be imported; `error` (when a field check said no) lets a
    front end say why in the member's language."""

    line: int
    reason: str
    error: Exception | None = None


def bad_row(line: int, key: str, **values: object) -> BadRow:
    """A row the file itself makes unreadable, said in the member's language by `key`."""
    error = ContactFileError(key, **values)
    return BadRow(line, str(error), error)


@dataclass
class ContactFile:
    """What a file held: the contacts, the bad rows, and how its columns were read.

    `mapping` is (column title, field) for every column imported; `ignored`
    counts, for each column or vCard property not imported, the rows that had
    something in it.
    """

    contacts: list[Contact] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    mapping: list[tuple[str, str]] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)


def check_row(
    result: ContactFile, line: int, values: dict[str, str], today: date, country: str = HOME
) -> None:
    """A row's values checked as every way in checks them (phones read in `country`
    when they have no country code); a bad row is kept with its line and why."""
    try:
        birthday = parse_birthday(values.get("birthday", ""), today)
        since = parse_day(values.get("since", ""), today, "since")
        contact = Contact(
            line=line,
            name=check_name(values.get("name", "")),
            organisation=check_text("organisation", values.get("organisation", "")),
            email=check_email(values.get("email", "")),
            phone=check_phone(values.get("phone", ""), country),
            address=check_text("address", values.get("address", "")),
            birthday=check_birthday(birthday, today),
            tags=check_text("tags", values.get("tags", "")),
            notes=check_text("notes", values.get("notes", "")),
            since=check_since(since, today) if since else None,
        )
    except (ContactError, DateError) as exc:
        result.bad.append(BadRow(line, str(exc), exc))
        return
    result.contacts.append(contact)


def parse_birthday(text: str, today: date) -> date | None:
    return parse_day(text, today, "birthday")


def parse_day(text: str, today: date, field: str) -> date | None:
    """A day as a contact file writes it (Outlook, Google, vCard or a person)."""
    text = text.strip()
    if not text or text in ("0.0.00", "1/0/00", "0/0/00"):  # Outlook's "no birthday"
        return None
    if re.fullmatch(r"\d{8}", text):  # vCard 3.0: 19800503
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if len(text) == 10 and text[4] == "-":  # ISO, as Google writes it: the common case first
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    if us := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):  # English Outlook: 5/3/1980
        text = f"{us.group(3)}-{us.group(1)}-{us.group(2)}"
    try:
        return parse_date(text, today)
    except DateError:
        raise DateError(f"{field}: not a date: {text!r}") from None


@lru_cache(maxsize=1024)
def tags_of(value: str) -> tuple[str, ...]:
    """Labels, categories or groups; Google's own (`* myContacts`, `* starred`) left out.

    Cached: a file has a few label combinations repeated on thousands of rows.
    """
    parts = (p.strip() for p in re.split(r":::|;|,", value))
    return tuple(p for p in parts if p and not p.startswith("*"))


def address_of(parts: Mapping[str, list[str]]) -> str:
    """`Kotitie 5, 33100 Tampere` from street, postcode and city, else the formatted text."""
    if any(parts.get(k) for k in ("street", "postcode", "city")):
        town = " ".join(" ".join(parts.get(k, [])) for k in ("postcode", "city")).strip()
        country = [c for c in parts.get("country", []) if c.casefold() not in HOME_COUNTRY]
        return ", ".join(p for p in (", ".join(parts.get("street", [])), town, *country) if p)
    lines = [line.strip(" ,") for text in parts.get("address", []) for line in text.splitlines()]
    return ", ".join(line for line in lines if line and line.casefold() not in HOME_COUNTRY)


def too_many_rows() -> ContactFileError:
    """A file of more rows (or cards) than an import reads (`IMPORT_ROW_LIMIT`)."""
    return ContactFileError(
        "too_many_rows",
        limit=IMPORT_ROW_LIMIT,
    )
