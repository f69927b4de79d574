"""Which column of a contact file holds what: Google, Outlook and home-made sheets.

Members export contacts from Google Contacts (the current export and the older
one), from Outlook (English or Finnish headers) or keep them in a sheet of their
own. Each column title is recognised once, per file; a column that is not
recognised is *ignored*, and the importer names every ignored column that holds
something, so nothing is dropped in silence. `--map "Title=field"` overrides.

Several values of one kind (phones, e-mails, addresses) get a rank: the lowest
is kept in its field (a mobile before a home phone, a home address before a
work one), the others go to the notes with their label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from data.errors import Explained

# What a customer's fields are called in a mapping (`--map "Puhelin 2=phone"`).
FIELDS = (
    "name",
    "first",
    "middle",
    "last",
    "organisation",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "country",
    "address",
    "birthday",
    "since",
    "tags",
    "notes",
    "ignore",
)
ADDRESS_PARTS = ("street", "postcode", "city", "country", "address")

EXACT = {  # one column, one field: titles casefolded, Finnish and English
    "name": ("nimi", "koko nimi", "name", "full name", "asiakas", "customer", "display name"),
    "first": ("etunimi", "first name", "given name", "firstname"),
    "middle": ("toinen nimi", "middle name", "additional name"),
    "last": ("sukunimi", "last name", "family name", "surname", "lastname"),
    "organisation": (
        "yritys",
        "organisaatio",
        "yhtiö",
        "firma",
        "company",
        "organization",
        "organisation",
        "organization name",
        "organization 1 - name",
    ),
    "birthday": (
        "syntymäpäivä",
        "syntymapaiva",
        "syntymäaika",
        "birthday",
        "date of birth",
        "birth date",
    ),
    "since": (
        "asiakas alkaen",
        "asiakkaana alkaen",
        "asiakkuus alkaen",
        "alkaen",
        "customer since",
        "since",
    ),
    "tags": (
        "tunnisteet",
        "ryhmät",
        "luokat",
        "tags",
        "groups",
        "categories",
        "labels",
        "group membership",
    ),
    "notes": ("muistiinpanot", "lisätiedot", "huomautukset", "notes", "note", "comments"),
    "email": ("sähköposti", "sahkoposti", "email", "e-mail", "email address", "e-mail address"),
    "phone": ("puhelin", "puhelinnumero", "phone", "phone number", "tel", "gsm"),
    "street": ("osoite", "katuosoite", "address", "street", "street address"),
    "postcode": ("postinumero", "postal code", "zip", "zip code", "postcode"),
    "city": ("postitoimipaikka", "kaupunki", "kunta", "city", "town"),
    "country": ("maa", "country"),
}
_EXACT = {title: field for field, titles in EXACT.items() for title in titles}

# Google: "Phone 2 - Value" with "Phone 2 - Label" (older: "- Type") beside it.
_GOOGLE = re.compile(r"^(e-mail|phone|address|organization) (\d+) - (.+)$")
_GOOGLE_PARTS = {
    "value": None,
    "formatted": "address",
    "street": "street",
    "city": "city",
    "postal code": "postcode",
    "country": "country",
    "name": "organisation",
}
_LABEL_WORDS = ("label", "type")

PHONE_RANKS = (  # lower is kept: the mobile is what a caller needs
    (0, ("mobile", "cell", "matka", "gsm", "kännykkä", "kannykka")),
    (1, ("primary", "ensisijainen", "home", "koti", "personal")),
    (2, ("business", "work", "työ", "tyo", "company", "yritys")),
)
ADDRESS_RANKS = ((0, ("home", "koti")), (1, ("business", "work", "työ", "tyo")))
NOT_A_PHONE = ("fax", "faksi", "pager", "hakulaite", "telex", "tty", "isdn", "assistant")


@dataclass(frozen=True)
class Column:
    """How one column is read: its field (None: ignored), rank and address group.

    `label` is the index of the column that says what this value is (Google's
    "Phone 1 - Label"), read per row; `group` keeps an address's parts together.
    """

    index: int
    title: str
    field: str | None
    rank: int = 3
    group: str = ""
    label: int | None = None


class MappingError(Explained, ValueError):
    """A `--map` (or a header) the importer cannot use; the message names it."""


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """`["Puhelin 2=phone"]` as {"puhelin 2": "phone"}; MappingError names a bad one."""
    overrides = {}
    for pair in pairs:
        title, sep, field = pair.rpartition("=")
        field = field.strip().casefold()
        if not sep or not title.strip() or field not in FIELDS:
            raise MappingError("map_pair", pair=pair, fields=", ".join(FIELDS))
        overrides[_normal(title)] = field
    return overrides


def map_columns(header: list[str], overrides: Mapping[str, str] | None = None) -> list[Column]:
    """Every column of `header`, recognised: the file's own words decide."""
    overrides = overrides or {}
    titles = [_normal(title) for title in header]
    missing = sorted(set(overrides) - set(titles))
    if missing:
        raise MappingError("map_no_column", name=missing[0])
    labels = {  # ("phone", "2") -> the index of its label column
        (m.group(1), m.group(2)): i
        for i, title in enumerate(titles)
        if (m := _GOOGLE.match(title)) and m.group(3) in _LABEL_WORDS
    }
    columns = []
    for index, title in enumerate(titles):
        original = header[index].replace("\ufeff", "").strip()
        if title in overrides:
            field = overrides[title]
            columns.append(Column(index, original, None if field == "ignore" else field))
        else:
            columns.append(_recognised(index, original, title, labels))
    _refuse_twice(columns, titles)
    return columns


def _refuse_twice(columns: list[Column], titles: list[str]) -> None:
    """A column read into a field twice (`Nimi,…,Nimi`): which one is the customer's
    cannot be known, so the file is refused rather than one value dropped."""
    seen: set[str] = set()
    for column, title in zip(columns, titles, strict=True):
        if column.field is not None and title in seen:
            raise MappingError(
                "column_twice",
                name=column.title,
            )
        seen.add(title)


def _recognised(
    index: int, original: str, title: str, labels: Mapping[tuple[str, str], int]
) -> Column:
    if title in _EXACT:
        field = _EXACT[title]
        # a column named plainly ("E-mail Address", "Puhelin") is the first of its kind
        return Column(index, original, field, rank=1 if field in ("phone", "email") else 3)
    if match := _GOOGLE.match(title):
        kind, number, part = match.groups()
        if part in _LABEL_WORDS:
            return Column(index, original, "label")
        label = labels.get((kind, number))
        if kind == "e-mail" and part == "value":
            return Column(index, original, "email", rank=int(number), label=label)
        if kind == "phone" and part == "value":
            return Column(index, original, "phone", rank=3, label=label)
        if kind == "address" and part in _GOOGLE_PARTS:
            return Column(index, original, _GOOGLE_PARTS[part], group=number, label=label)
        if kind == "organization" and part == "name":
            return Column(index, original, "organisation")
        return Column(index, original, None)
    return _outlook(index, original, title)


def _outlook(index: int, original: str, title: str) -> Column:
    """Outlook's "Mobile Phone", "Home Street", "Kotiosoite, katu", "Sähköposti 2, osoite"."""
    words = title.replace(",", " ")
    if re.search(r"\bphone\b", words) or "puhelin" in words:  # not "Phonetic Name"
        if any(word in words for word in NOT_A_PHONE):
            return Column(index, original, None)
        return Column(index, original, "phone", rank=rank_of(words, PHONE_RANKS, 3))
    if any(word in words for word in ("e-mail", "email", "sähköposti", "sahkoposti")):
        if "display" in words or "type" in words or "näyttönimi" in words:
            return Column(index, original, None)
        number = re.search(r"\d+", words)
        return Column(index, original, "email", rank=int(number.group()) if number else 1)
    part = _address_part(words)
    if part is not None:
        group = {0: "home", 1: "work"}.get(rank_of(words, ADDRESS_RANKS, 2), "other")
        return Column(index, original, part, group=group)
    return Column(index, original, None)


def _address_part(words: str) -> str | None:
    if "po box" in words or "state" in words or ("region" in words and "country" not in words):
        return None
    for part, keys in (
        ("postcode", ("postal code", "postinumero", "zip")),
        ("city", ("city", "kaupunki", "postitoimipaikka")),
        ("country", ("country", "maa/alue", "maa ")),
        ("street", ("street", "katu")),
        ("address", ("address", "osoite")),
    ):
        if any(key in words for key in keys):
            return part
    return None


@lru_cache(maxsize=256)
def phone_rank(label: str) -> int:
    """A phone's rank from its label in the file ("Mobile", "Home"): a few labels, many rows."""
    return rank_of(label, PHONE_RANKS, 3)


def rank_of(text: str, ranks: Iterable[tuple[int, Iterable[str]]], default: int) -> int:
    """The rank of a phone or address described by `text` ("Mobile", "Kotipuhelin")."""
    lowered = text.casefold()
    for rank, words in ranks:
        if any(word in lowered for word in words):
            return rank
    return default


def _normal(title: str) -> str:
    return " ".join(title.replace("\ufeff", "").split()).casefold()
