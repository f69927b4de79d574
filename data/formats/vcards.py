"""Reading contacts from phones and mail programs: vCard 2.1, 3.0 and 4.0.

vobject is imported only when a vCard file is read, to keep it out of the
app's start-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from data.formats.columns import ADDRESS_RANKS, PHONE_RANKS, rank_of
from data.formats.contact_file import (
    ContactFile,
    ContactFileError,
    address_of,
    bad_row,
    check_row,
    tags_of,
    too_many_rows,
)
from data.member_files import IMPORT_ROW_LIMIT
from ladder.phones import HOME

VCARD_USED = {  # properties read, or that only describe the card itself
    "version", "prodid", "uid", "rev", "fn", "n", "org", "email", "tel", "adr", "bday",
    "categories", "note", "x-ablabel", "begin", "end",
}  # fmt: skip


CARD_LIMIT = 128 * 1024  # characters of one card: the parser needs ~150 times a card's size
PICTURES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})  # never read: left out before parsing


def read_vcards(lines: Iterable[str], today: date, country: str = HOME) -> ContactFile:
    """vCard 2.1, 3.0 and 4.0 as phones and mail programs export them, card by card.

    Each card is parsed on its own and strictly: a line the parser cannot
    read is a bad row named by its line, not skipped in silence. Only one card
    is held at a time, so memory does not grow with the file; a card over
    `CARD_LIMIT` (not counting its photo) is a bad row, never parsed.
    """
    result = ContactFile(
        mapping=[(p, f) for p, f in (("FN/N", "name"), ("ORG", "organisation"), ("EMAIL", "email"),
                 ("TEL", "phone"), ("ADR", "address"), ("BDAY", "birthday"),
                 ("CATEGORIES", "tags"), ("NOTE", "notes"))]
    )  # fmt: skip
    cards = 0
    for card in _cards(lines, result):
        cards += 1
        if cards > IMPORT_ROW_LIMIT:
            raise too_many_rows()
        import vobject

        try:
            values = _vcard_values(vobject.readOne(card.text(), ignoreUnreadable=False), result)
        except Exception as exc:  # vobject raises many kinds; all mean "not readable"
            reason = _first(exc)
            result.bad.append(bad_row(card.line_of(exc), "vcard_unreadable", reason=reason))
            continue
        check_row(result, card.start, values, today, country)
    if not cards and not result.bad:
        raise ContactFileError("no_vcard")
    return result


@dataclass
class _Card:
    """One card's lines as read, each with its line number in the file."""

    start: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    size: int = 0

    def text(self) -> str:
        return "\n".join(line for _, line in self.lines) + "\n"

    def line_of(self, error: Exception) -> int:
        """The line the parser stopped at (the BEGIN line if it cannot tell), by its text."""
        text = str(error).partition("Failed to parse line: ")[2].strip()
        found = (number for number, line in self.lines if text and line.strip() == text)
        return next(found, self.start)


def _cards(lines: Iterable[str], result: ContactFile) -> Iterator[_Card]:
    """Each card from BEGIN to END, its pictures left out (counted in `ignored`)."""
    card: _Card | None = None
    skipping = False
    pictures: set[str] = set()  # counted once a card, as every ignored column is once a row
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            if card is not None:  # a card without its END: the parser says what it lacks
                yield card
            card, skipping, pictures = _Card(number), False, set()
        elif card is None:
            continue
        elif line[:1] not in (" ", "\t"):  # a property, not the folded rest of one
            name = _property(line)
            skipping = name in PICTURES
            if skipping and name not in pictures:
                pictures.add(name)
                result.ignored[name] += 1
        if skipping:
            continue
        card.size += len(line)
        if card.size > CARD_LIMIT:
            limit = CARD_LIMIT // 1024
            result.bad.append(bad_row(card.start, "card_too_big", limit=limit))
            card = None
            continue
        card.lines.append((number, line))
        if word == "END:VCARD":
            yield card
            card = None
    if card is not None:
        yield card


def _property(line: str) -> str:
    """`PHOTO` of `item1.PHOTO;ENCODING=b:…`."""
    return line.split(":", 1)[0].split(";", 1)[0].rpartition(".")[2].strip().upper()


class _Line(Protocol):
    """A property of a card as vobject reads it (vobject ships no types)."""

    value: Any  # text, or a structured name or address
    params: dict[str, list[str]]


class _Parsed(Protocol):
    """A card as vobject reads it: its properties by name."""

    contents: dict[str, list[_Line]]
    n: _Line


class _Address(Protocol):
    """An ADR's value as vobject reads it."""

    street: str | list[str]
    code: str
    city: str
    country: str


def _vcard_values(card: _Parsed, result: ContactFile) -> dict[str, str]:
    """A card's fields: the cell phone and the home address first, the rest in notes."""
    ignored = result.ignored
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
        "tags": ",".join(tags_of(first("categories"))),
        "notes": "\n".join(notes),
    }


def _types(entry: _Line) -> str:
    """What a vCard value is: `TYPE=CELL`, 2.1's bare `TEL;CELL`, or an Apple label."""
    params = entry.params
    types = [t for key in ("TYPE", "type") for t in params.get(key, [])]
    types += getattr(entry, "singletonparams", [])  # 2.1 writes TEL;CELL with no TYPE=
    words = [w.strip(' "').lower() for t in types for w in t.split(",")]
    return ",".join(w for w in words if w and w not in ("pref", "voice", "internet"))


def _vcard_address(adr: _Address) -> str:
    parts = {
        "street": [_joined(adr.street)] if adr.street else [],
        "postcode": [adr.code] if adr.code else [],
        "city": [adr.city] if adr.city else [],
        "country": [adr.country] if adr.country else [],
    }
    return address_of(parts)


def _joined(value: str | Iterable[str]) -> str:
    return value if isinstance(value, str) else ", ".join(v for v in value if v)


def _first(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
