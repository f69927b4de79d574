"""Reading contacts from spreadsheets (CSV) and phones or mail programs (vCard).

Spreadsheets save CSV with `,` or `;`, in UTF-8 with or without a BOM or in
Windows-1252, with Finnish or English column names; every row is checked and
every bad row is reported with its line number, so a file imports whole or
not at all. vobject is imported only when a vCard file is read, to keep it out
of the app's start-up.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ladder import DateError, parse_date
from ladder.contact import (
    ContactError,
    check_birthday,
    check_email,
    check_name,
    check_phone,
    check_text,
)

COLUMNS = {  # what a column may be called, casefolded, Finnish and English
    "name": ("nimi", "koko nimi", "name", "full name", "asiakas", "customer"),
    "first": ("etunimi", "first name", "given name", "firstname"),
    "last": ("sukunimi", "last name", "family name", "surname", "lastname"),
    "email": ("sähköposti", "sahkoposti", "email", "e-mail", "email address", "e-mail address"),
    "phone": (
        "puhelin",
        "puhelinnumero",
        "matkapuhelin",
        "phone",
        "phone number",
        "mobile",
        "gsm",
        "tel",
    ),
    "address": ("osoite", "katuosoite", "address", "street", "street address"),
    "postcode": ("postinumero", "postal code", "zip", "zip code", "postcode"),
    "city": ("postitoimipaikka", "kaupunki", "kunta", "city", "town"),
    "birthday": (
        "syntymäpäivä",
        "syntymapaiva",
        "syntymäaika",
        "birthday",
        "date of birth",
        "birth date",
    ),
    "tags": ("tunnisteet", "ryhmät", "tags", "groups", "categories"),
    "notes": ("muistiinpanot", "lisätiedot", "huomautukset", "notes", "note", "comments"),
}


class ContactFileError(ValueError):
    """A file that cannot be read as contacts at all."""


@dataclass(frozen=True)
class Contact:
    """One person from the file, checked, with the line it starts on."""

    line: int
    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    birthday: date | None = None
    tags: str = ""
    notes: str = ""

    def details(self) -> dict[str, object]:
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "address": self.address,
            "birthday": self.birthday,
            "tags": self.tags,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str


@dataclass
class ContactFile:
    contacts: list[Contact] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


def read_contacts(path: Path, today: date) -> ContactFile:
    """Contacts from a .csv or .vcf file; ContactFileError if it is neither."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContactFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    text = decode(raw)
    if path.suffix.lower() in (".vcf", ".vcard") or text.lstrip().upper().startswith("BEGIN:VCARD"):
        return read_vcards(text, today)
    return read_csv(text, today)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without a BOM), else Windows-1252 as older Excel saves."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_csv(text: str, today: date) -> ContactFile:
    if not text.strip():
        raise ContactFileError("the file is empty")
    first_line = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ContactFileError(f"line 1: {exc}") from None
    columns = _map_columns(header)
    if "name" not in columns and "first" not in columns and "last" not in columns:
        found = ", ".join(h.strip() for h in header if h.strip()) or "nothing"
        raise ContactFileError(f"no name column (nimi/name) in the first line; found: {found}")
    result = ContactFile()
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.bad.append(BadRow(start, f"not valid CSV: {exc}"))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        values = {key: cells[i].strip() if i < len(cells) else "" for key, i in columns.items()}
        _check(result, start, values, today)
    return result


def _map_columns(header: list[str]) -> dict[str, int]:
    names = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    mapped: dict[str, int] = {}
    for index, title in enumerate(header):
        key = names.get(" ".join(title.replace("\ufeff", "").split()).casefold())
        if key and key not in mapped:
            mapped[key] = index
    return mapped


def _check(result: ContactFile, line: int, values: dict[str, str], today: date) -> None:
    name = values.get("name") or " ".join(
        part for part in (values.get("first", ""), values.get("last", "")) if part
    )
    address = ", ".join(
        part
        for part in (
            values.get("address", ""),
            " ".join(p for p in (values.get("postcode", ""), values.get("city", "")) if p),
        )
        if part
    )
    try:
        birthday = _birthday(values.get("birthday", ""), today)
        contact = Contact(
            line=line,
            name=check_name(name),
            email=check_email(values.get("email", "")),
            phone=check_phone(values.get("phone", "")),
            address=check_text("address", address),
            birthday=check_birthday(birthday, today),
            tags=check_text("tags", values.get("tags", "")),
            notes=check_text("notes", values.get("notes", "")),
        )
    except (ContactError, DateError) as exc:
        result.bad.append(BadRow(line, str(exc)))
        return
    result.contacts.append(contact)


def _birthday(text: str, today: date) -> date | None:
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):  # vCard 3.0: 19800503
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        return parse_date(text, today)
    except DateError:
        raise DateError(f"birthday: not a date: {text!r}") from None


def read_vcards(text: str, today: date) -> ContactFile:
    """vCard 3.0 and 4.0 as phones and mail programs export them."""
    result = ContactFile()
    starts = [
        i + 1 for i, line in enumerate(text.splitlines()) if line.strip().upper() == "BEGIN:VCARD"
    ]
    if not starts:
        raise ContactFileError("no BEGIN:VCARD in the file")
    import vobject

    try:
        cards = list(vobject.readComponents(text, ignoreUnreadable=True))
    except Exception as exc:  # vobject raises many kinds; all mean "not readable"
        line = getattr(exc, "lineNumber", None)
        result.bad.append(BadRow(line or starts[0], f"not a readable vCard: {exc}"))
        return result
    for card, line in zip(cards, starts, strict=False):
        try:
            values = _vcard_values(card)
        except Exception as exc:  # a malformed property in this card only
            result.bad.append(BadRow(line, f"not a readable vCard: {exc}"))
            continue
        _check(result, line, values, today)
    return result


def _vcard_values(card) -> dict[str, str]:
    def first(name: str) -> str:
        entries = card.contents.get(name, [])
        return str(entries[0].value).strip() if entries else ""

    name = first("fn")
    if not name and "n" in card.contents:
        n = card.n.value
        name = " ".join(p for p in (n.given, n.family) if p)
    address = ""
    if "adr" in card.contents:
        adr = card.adr.value
        address = ", ".join(
            p for p in (_joined(adr.street), " ".join(x for x in (adr.code, adr.city) if x)) if p
        )
    bday = first("bday").replace("--", "")
    return {
        "name": name,
        "email": first("email"),
        "phone": first("tel"),
        "address": address,
        "birthday": bday if len(bday) >= 8 else "",
        "tags": _joined(card.contents["categories"][0].value)
        if "categories" in card.contents
        else "",
        "notes": first("note"),
    }


def _joined(value: str | Iterable[str]) -> str:
    return value if isinstance(value, str) else ", ".join(v for v in value if v)
