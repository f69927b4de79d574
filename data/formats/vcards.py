"""Reading contacts from phones and mail programs: vCard 2.1, 3.0 and 4.0.

vobject is imported only when a vCard file is read, to keep it out of the
app's start-up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from data.formats.columns import ADDRESS_RANKS, PHONE_RANKS, rank_of
from data.formats.contact_file import (
    BadRow,
    ContactFile,
    ContactFileError,
    address_of,
    check_row,
    tags_of,
)
from ladder.phones import HOME

VCARD_USED = {  # properties read, or that only describe the card itself
    "version", "prodid", "uid", "rev", "fn", "n", "org", "email", "tel", "adr", "bday",
    "categories", "note", "x-ablabel", "begin", "end",
}  # fmt: skip


def read_vcards(text: str, today: date, country: str = HOME) -> ContactFile:
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
        check_row(result, start + 1, values, today, country)
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
        "tags": ",".join(tags_of(first("categories"))),
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
    return address_of(parts)


def _joined(value: str | Iterable[str]) -> str:
    return value if isinstance(value, str) else ", ".join(v for v in value if v)


def _first(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
