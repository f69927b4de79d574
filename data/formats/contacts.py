"""Reading contacts from spreadsheets (CSV) and phones or mail programs (vCard).

Spreadsheets save CSV with `,` or `;`, in UTF-8 with or without a BOM or in
Windows-1252; Google Contacts, Outlook (English or Finnish) and home-made
sheets are recognised by their headers (`data.formats.columns`). Every row is
checked and every bad row is reported with its line number, so a file imports
whole or not at all; every column or vCard property that holds something but
is not imported is named in `ignored`. The record types and the row checks
are in `contact_file`, vCards in `vcards`.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from data.formats.columns import (
    ADDRESS_PARTS,
    ADDRESS_RANKS,
    Column,
    map_columns,
    phone_rank,
    rank_of,
)
from data.formats.contact_file import (
    BadRow,
    ContactFile,
    ContactFileError,
    address_of,
    bad_row,
    check_row,
    tags_of,
    too_many_rows,
)
from data.formats.vcards import read_vcards
from data.member_files import IMPORT_LIMIT_MB, IMPORT_ROW_LIMIT, open_import
from ladder.phones import HOME


def read_contacts(
    path: Path,
    today: date,
    overrides: Mapping[str, str] | None = None,
    country: str = HOME,
    limit_mb: int = IMPORT_LIMIT_MB,
) -> ContactFile:
    """Contacts from a .csv or .vcf file; ContactFileError if it is neither.

    `overrides` maps column titles (casefolded) to fields, as `--map` gives them;
    a phone number without a country code is read as one in `country`. Only a
    regular file of at most `limit_mb` megabytes is read, as a stream
    (`data.member_files.open_import`).
    """
    with open_import(path, limit_mb) as stream:
        first, lines = first_line(stream)
        if path.suffix.lower() in (".vcf", ".vcard") or first.strip().upper() == "BEGIN:VCARD":
            return read_vcards(lines, today, country)
        return read_csv(lines, today, overrides, country)


def read_csv(
    lines: Iterable[str],
    today: date,
    overrides: Mapping[str, str] | None = None,
    country: str = HOME,
) -> ContactFile:
    reader, header = open_sheet(lines)
    columns = map_columns(header, overrides)
    fields = {c.field for c in columns}
    if not fields & {"name", "first", "last", "organisation"}:
        found = ", ".join(h.strip() for h in header if h.strip()) or "nothing"
        raise ContactFileError(
            "no_name_column",
            found=found,
        )
    result = ContactFile(
        mapping=[(c.title, c.field) for c in columns if c.field not in (None, "label")]
    )
    width = len(header)
    read_row = RowReader(columns)
    unused = [c for c in columns if c.field is None]
    for start, cells in sheet_rows(reader, result.bad):
        if not "".join(cells).strip():
            continue
        if len(cells) > width and "".join(cells[width:]).strip():  # a quote left open
            result.bad.append(bad_row(start, "cells_beyond_header", cells=len(cells), width=width))
            continue
        count = len(cells)
        for column in unused:
            if column.index < count and cells[column.index].strip():
                result.ignored[column.title] += 1
        check_row(result, start, read_row(cells), today, country)
    in_file_order = {c.title: result.ignored[c.title] for c in unused if result.ignored[c.title]}
    result.ignored = Counter(in_file_order)
    return result


def open_sheet(lines: Iterable[str]) -> tuple[Any, list[str]]:
    """A sheet's reader and its first line, whichever of `,` `;` or tab it uses (a
    contacts file and a shop's orders both come as one); `lines` keep their ends."""
    first, lines = first_line(lines)
    if not first.strip():
        raise ContactFileError("file_empty")
    delimiter = max((",", ";", "\t"), key=first.count)
    # strict: a quote left open is an error at its row, not a row swallowing the rest
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        while not "".join(header).strip():  # the blank lines before the first
            header = next(reader)
        return reader, header
    except StopIteration:  # a first line of nothing but separators (`,`)
        raise ContactFileError("file_empty") from None
    except csv.Error as exc:
        raise ContactFileError("first_line_unreadable", why=exc) from None


def first_line(lines: Iterable[str]) -> tuple[str, Iterator[str]]:
    """The first line that is not blank ("" if none), and all the lines as they were."""
    lines = iter(lines)
    blank: list[str] = []
    for line in lines:
        if line.strip():
            return line, chain(blank, [line], lines)
        blank.append(line)
    return "", iter(blank)


def sheet_rows(reader: Any, bad: list[BadRow]) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on; one CSV cannot read ends the sheet, in `bad`.

    More than `IMPORT_ROW_LIMIT` rows is ContactFileError: refused, not half read.
    """
    line = reader.line_num
    for _ in range(IMPORT_ROW_LIMIT + 1):
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            bad.append(bad_row(start, "not_valid_csv", reason=exc))
            return
        line = reader.line_num
        yield start, cells
    raise too_many_rows()


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
        labels: dict[str, int | None] = {}
        groups: dict[str, list[tuple[int, str, str]]] = {}
        for c in used:
            if c.field in ADDRESS_PARTS:
                group = c.group or "main"
                labels.setdefault(group, c.label)
                groups.setdefault(group, []).append((c.index, c.field, c.title))
        self.addresses = [(group, labels[group], parts) for group, parts in groups.items()]

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
            if found and (text := address_of(found)):
                label = cells[label_index] if label_index is not None else title
                addresses.append((_address_rank(group, label), label, text))
        kept: dict[str, str] = {}
        for name, entries in (("email", emails), ("phone", phones), ("address", addresses)):
            if len(entries) > 1:
                entries.sort(key=lambda entry: entry[0])
                notes += [f"{label}: {value}" for _, label, value in entries[1:]]
            kept[name] = entries[0][2] if entries else ""
        tags = [tag for i in self.tags if (value := cell(i)) for tag in tags_of(value)]
        name = single.get("name") or " ".join(
            single[part] for part in ("first", "middle", "last") if part in single
        )
        return {
            "name": name or single.get("organisation", ""),
            "organisation": single.get("organisation", ""),
            **kept,
            "birthday": single.get("birthday", ""),
            "since": single.get("since", ""),
            "tags": ",".join(dict.fromkeys(tags)),
            "notes": "\n".join(notes),
        }

    @staticmethod
    def _several(
        cell: Callable[[int], str],
        columns: list[tuple[int, int | None, int, str]],
        *,
        email: bool,
    ) -> list[tuple[int, str, str]]:
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


SINGLE_FIELDS = ("name", "first", "middle", "last", "organisation", "birthday", "since")


def _several(value: str) -> list[str]:
    """Google puts several values in one cell: `040 1 ::: 050 2`."""
    if ":::" not in value:
        return [value]
    return [v.strip() for v in value.split(":::") if v.strip()]


@lru_cache(maxsize=256)
def _address_rank(group: str, label: str) -> int:
    """Home first, then work, then the rest; a sheet's one address is home."""
    return rank_of(f"{group} {label}", ADDRESS_RANKS, 0 if group == "main" else 2)
