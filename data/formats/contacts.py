"""Reading contacts from spreadsheets (CSV) and phones or mail programs (vCard).

Spreadsheets save CSV with `,` or `;`, in UTF-8 with or without a BOM or in
Windows-1252; Google Contacts, Outlook (English or Finnish) and home-made
sheets are recognised by their headers (`data.formats.columns`). Every row is
checked and every bad row is reported with its line number, so a file imports
whole or not at all; every column or vCard property that holds something but
is not imported is named in `ignored`. vobject is imported only when a vCard
file is read, to keep it out of the app's start-up.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from data.formats.columns import (
    ADDRESS_PARTS,
    ADDRESS_RANKS,
    PHONE_RANKS,
    Column,
    map_columns,
    phone_rank,
    rank_of,
)
from ladder import DateError, parse_date
from ladder.contact import (
    ContactError,
    check_birthday,
    check_email,
    check_name,
    check_phone,
    check_text,
)


class ContactFileError(ValueError):
    """A file that cannot be read as contacts at all; `key` names it for the member's language."""

    def __init__(self, message: str, key: str = "", **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


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

    def details(self) -> dict[str, object]:
        return {
            "name": self.name,
            "organisation": self.organisation,
            "email": self.email,
            "phone": self.phone,
            "address": self.address,
            "birthday": self.birthday,
            "tags": self.tags,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class BadRow:
    """A row that cannot be imported; `error` (when a field check said no) lets a
    front end say why in the member's language."""

    line: int
    reason: str
    error: Exception | None = None


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


def read_contacts(
    path: Path, today: date, overrides: Mapping[str, str] | None = None
) -> ContactFile:
    """Contacts from a .csv or .vcf file; ContactFileError if it is neither.

    `overrides` maps column titles (casefolded) to fields, as `--map` gives them.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContactFileError(
            f"cannot read {path}: {exc.strerror or exc}", "file_unreadable", path=path
        ) from None
    text = decode(raw)
    if path.suffix.lower() in (".vcf", ".vcard") or text.lstrip().upper().startswith("BEGIN:VCARD"):
        return read_vcards(text, today)
    return read_csv(text, today, overrides)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without a BOM), else Windows-1252 as older Excel saves."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_csv(text: str, today: date, overrides: Mapping[str, str] | None = None) -> ContactFile:
    if not text.strip():
        raise ContactFileError("the file is empty", "file_empty")
    first_line = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    # strict: a quote left open is an error at its row, not a row swallowing the rest
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ContactFileError(f"line 1: {exc}") from None
    columns = map_columns(header, overrides)
    fields = {c.field for c in columns}
    if not fields & {"name", "first", "last", "organisation"}:
        found = ", ".join(h.strip() for h in header if h.strip()) or "nothing"
        raise ContactFileError(
            f"no name column (nimi/name) in the first line; found: {found}",
            "no_name_column",
            found=found,
        )
    result = ContactFile(
        mapping=[(c.title, c.field) for c in columns if c.field not in (None, "label")]
    )
    width = len(header)
    read_row = RowReader(columns)
    unused = [c for c in columns if c.field is None]
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
        if not "".join(cells).strip():
            continue
        if len(cells) > width and "".join(cells[width:]).strip():  # a quote left open
            result.bad.append(BadRow(start, f"{len(cells)} cells, the header has {width}"))
            continue
        count = len(cells)
        for column in unused:
            if column.index < count and cells[column.index].strip():
                result.ignored[column.title] += 1
        _check(result, start, read_row(cells), today)
    in_file_order = {c.title: result.ignored[c.title] for c in unused if result.ignored[c.title]}
    result.ignored = Counter(in_file_order)
    return result


class RowReader:
    """One row's customer fields from its cells: the best of each kind, the rest in notes.

    Built once per file from its columns, grouped by what they hold, so that
    each of tens of thousands of rows does no more than it must.
    """

    def __init__(self, columns: list[Column]) -> None:
        used = [c for c in columns if c.field not in (None, "label")]
        self.width = max((c.index for c in columns), default=0) + 1
        self.singles = [(c.index, c.field, c.title) for c in used if c.field in SINGLE_FIELDS]
        self.emails = [(c.index, c.label, c.rank, c.title) for c in used if c.field == "email"]
        self.phones = [(c.index, c.label, c.rank, c.title) for c in used if c.field == "phone"]
        self.tags = [c.index for c in used if c.field == "tags"]
        self.notes = [c.index for c in used if c.field == "notes"]
        groups: dict[str, list[Column]] = {}
        for c in used:
            if c.field in ADDRESS_PARTS:
                groups.setdefault(c.group or "main", []).append(c)
        self.addresses = [
            (group, parts[0].label, [(c.index, c.field, c.title) for c in parts])
            for group, parts in groups.items()
        ]

    def __call__(self, raw: list[str]) -> dict[str, str]:
        cells = [c.strip() for c in raw]
        if len(cells) < self.width:
            cells += [""] * (self.width - len(cells))
        cell = cells.__getitem__

        single: dict[str, str] = {}
        notes = [value for i in self.notes if (value := cell(i))]
        for index, kind, title in self.singles:
            value = cell(index)
            if not value or kind in single:
                continue
            if kind == "birthday" and value.startswith("--"):  # no year: kept in the notes
                notes.append(f"{title}: {value}")
            else:
                single[kind] = value
        emails = self._several(cell, self.emails, email=True)
        phones = self._several(cell, self.phones, email=False)
        addresses = []
        for group, label_index, parts in self.addresses:
            found: dict[str, list[str]] = {}
            title = ""
            for index, part, part_title in parts:
                if value := cell(index):
                    found.setdefault(part, []).append(value)
                    title = title or part_title  # "Business Street": what the member filled in
            if found and (text := _address(found)):
                label = cells[label_index] if label_index is not None else title
                addresses.append((_address_rank(group, label), label, text))
        kept: dict[str, str] = {}
        for name, entries in (("email", emails), ("phone", phones), ("address", addresses)):
            if len(entries) > 1:
                entries.sort(key=lambda entry: entry[0])
                notes += [f"{label}: {value}" for _, label, value in entries[1:]]
            kept[name] = entries[0][2] if entries else ""
        tags = [tag for i in self.tags if (value := cell(i)) for tag in _tags(value)]
        name = single.get("name") or " ".join(
            single[part] for part in ("first", "middle", "last") if part in single
        )
        return {
            "name": name or single.get("organisation", ""),
            "organisation": single.get("organisation", ""),
            **kept,
            "birthday": single.get("birthday", ""),
            "tags": ",".join(dict.fromkeys(tags)),
            "notes": "\n".join(notes),
        }

    @staticmethod
    def _several(cell, columns, *, email: bool) -> list[tuple[int, str, str]]:
        """(rank, label, value) of every e-mail or phone in the row."""
        found = []
        for index, label_index, rank, title in columns:
            value = cell(index)
            if not value:
                continue
            label = title
            if label_index is not None:
                label = cell(label_index)
                if not email:
                    rank = phone_rank(label)
            found += [(rank, label, v) for v in _several(value)]
        return found


SINGLE_FIELDS = ("name", "first", "middle", "last", "organisation", "birthday")


def _several(value: str) -> list[str]:
    """Google puts several values in one cell: `040 1 ::: 050 2`."""
    if ":::" not in value:
        return [value]
    return [v.strip() for v in value.split(":::") if v.strip()]


@lru_cache(maxsize=1024)
def _tags(value: str) -> tuple[str, ...]:
    """Labels, categories or groups; Google's own (`* myContacts`, `* starred`) left out.

    Cached: a file has a few label combinations repeated on thousands of rows.
    """
    parts = (p.strip() for p in re.split(r":::|;|,", value))
    return tuple(p for p in parts if p and not p.startswith("*"))


def _address(parts: Mapping[str, list[str]]) -> str:
    """`Kotitie 5, 33100 Tampere` from street, postcode and city, else the formatted text."""
    if any(parts.get(k) for k in ("street", "postcode", "city")):
        town = " ".join(" ".join(parts.get(k, [])) for k in ("postcode", "city")).strip()
        country = [c for c in parts.get("country", []) if c.casefold() not in HOME_COUNTRY]
        return ", ".join(p for p in (", ".join(parts.get("street", [])), town, *country) if p)
    lines = [line.strip(" ,") for text in parts.get("address", []) for line in text.splitlines()]
    return ", ".join(line for line in lines if line and line.casefold() not in HOME_COUNTRY)


HOME_COUNTRY = ("finland", "suomi", "fi")


@lru_cache(maxsize=256)
def _address_rank(group: str, label: str) -> int:
    """Home first, then work, then the rest; a sheet's one address is home."""
    return rank_of(f"{group} {label}", ADDRESS_RANKS, 0 if group == "main" else 2)


def _yearless(text: str) -> bool:
    """A birthday without its year (Google's `--05-03`, a vCard's `--0503`)."""
    return text.strip().startswith("--")


def _check(result: ContactFile, line: int, values: dict[str, str], today: date) -> None:
    try:
        birthday = _birthday(values.get("birthday", ""), today)
        contact = Contact(
            line=line,
            name=check_name(values.get("name", "")),
            organisation=check_text("organisation", values.get("organisation", "")),
            email=check_email(values.get("email", "")),
            phone=check_phone(values.get("phone", "")),
            address=check_text("address", values.get("address", "")),
            birthday=check_birthday(birthday, today),
            tags=check_text("tags", values.get("tags", "")),
            notes=check_text("notes", values.get("notes", "")),
        )
    except (ContactError, DateError) as exc:
        result.bad.append(BadRow(line, str(exc), exc))
        return
    result.contacts.append(contact)


def _birthday(text: str, today: date) -> date | None:
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
        raise DateError(f"birthday: not a date: {text!r}") from None


VCARD_USED = {  # properties read, or that only describe the card itself
    "version", "prodid", "uid", "rev", "fn", "n", "org", "email", "tel", "adr", "bday",
    "categories", "note", "x-ablabel", "begin", "end",
}  # fmt: skip


def read_vcards(text: str, today: date) -> ContactFile:
    """vCard 2.1, 3.0 and 4.0 as phones and mail programs export them.

    Each card is parsed on its own and strictly: a line the parser cannot
    read is a bad row named by its line, not skipped in silence.
    """
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip().upper() == "BEGIN:VCARD"]
    if not starts:
        raise ContactFileError("no BEGIN:VCARD in the file", "no_vcard")
    import vobject

    result = ContactFile(
        mapping=[(p, f) for p, f in (("FN/N", "name"), ("ORG", "organisation"), ("EMAIL", "email"),
                 ("TEL", "phone"), ("ADR", "address"), ("BDAY", "birthday"),
                 ("CATEGORIES", "tags"), ("NOTE", "notes"))]
    )  # fmt: skip
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        block = "\n".join(lines[start:end]) + "\n"
        try:
            card = vobject.readOne(block, ignoreUnreadable=False)
            values = _vcard_values(card, result.ignored)
        except Exception as exc:  # vobject raises many kinds; all mean "not readable"
            line = start + 1 + _offending(lines[start:end], exc)
            result.bad.append(BadRow(line, f"not a readable vCard line: {_first(exc)}"))
            continue
        _check(result, start + 1, values, today)
    return result


def _offending(block: list[str], error: Exception) -> int:
    """Which line of a card the parser stopped at (0 = BEGIN), found by its text."""
    text = str(error).partition("Failed to parse line: ")[2].strip()
    for offset, line in enumerate(block):
        if text and line.strip() == text:
            return offset
    return 0


def _vcard_values(card, ignored: Counter[str]) -> dict[str, str]:
    """A card's fields: the cell phone and the home address first, the rest in notes."""
    contents = card.contents
    for name, entries in contents.items():
        if name not in VCARD_USED and any(str(e.value).strip() for e in entries):
            ignored[name.upper()] += 1

    def first(name: str) -> str:
        entries = contents.get(name, [])
        return _joined(entries[0].value).strip() if entries else ""

    name = first("fn")
    if not name and "n" in contents:
        n = card.n.value
        name = " ".join(p for p in (n.given, n.additional, n.family) if p)
    notes = [first("note")] if first("note") else []
    phones = sorted(
        (rank_of(_types(e), PHONE_RANKS, 3), _types(e), str(e.value).removeprefix("tel:").strip())
        for e in contents.get("tel", [])
    )
    emails = [(i, _types(e), str(e.value).strip()) for i, e in enumerate(contents.get("email", []))]
    addresses = sorted(
        (rank_of(_types(e), ADDRESS_RANKS, 2), _types(e), _vcard_address(e.value))
        for e in contents.get("adr", [])
    )
    kept = {}
    for field_name, found in (("phone", phones), ("email", emails), ("address", addresses)):
        found = [entry for entry in found if entry[2]]
        kept[field_name] = found[0][2] if found else ""
        notes += [f"{label or field_name}: {value}" for _, label, value in found[1:]]
    bday = first("bday").replace("-", "")
    if bday and len(bday) < 8:
        notes.append(f"BDAY: {first('bday')}")
    return {
        "name": name or first("org"),
        "organisation": first("org").strip(" ;").replace(";", ", "),
        **kept,
        "birthday": bday if len(bday) >= 8 else "",
        "tags": ",".join(_tags(first("categories"))),
        "notes": "\n".join(notes),
    }


def _types(entry) -> str:
    """What a vCard value is: `TYPE=CELL`, 2.1's bare `TEL;CELL`, or an Apple label."""
    params = entry.params
    types = [t for key in ("TYPE", "type") for t in params.get(key, [])]
    types += getattr(entry, "singletonparams", [])  # 2.1 writes TEL;CELL with no TYPE=
    words = [w.strip(' "').lower() for t in types for w in t.split(",")]
    return ",".join(w for w in words if w and w not in ("pref", "voice", "internet"))


def _vcard_address(adr) -> str:
    parts = {
        "street": [_joined(adr.street)] if adr.street else [],
        "postcode": [adr.code] if adr.code else [],
        "city": [adr.city] if adr.city else [],
        "country": [adr.country] if adr.country else [],
    }
    return _address(parts)


def _joined(value: str | Iterable[str]) -> str:
    return value if isinstance(value, str) else ", ".join(v for v in value if v)


def _first(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
