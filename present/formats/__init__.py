"""The formats Ladder writes its documents in, and what a front end does with each.

PDF (`pdf.py`) and iCalendar (`ics.py`) are written here, CSV and JSON with
`data.formats.safe_csv` and the standard library. Each document keeps one table
of its formats, `{name: writer}` (`present.exports`, `present.report`), which the
command's `--format`, the app's file dialog and the browser seat's download all
read: a new format of a document is one entry there, and one in `FILE_TYPES`
if it is a new kind of file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    """What a front end does with a format's bytes: the file's suffix, the media type
    a browser downloads it as, whether `lp` prints it and whether it is kept off a
    terminal (binary)."""

    suffix: str
    mime: str
    printable: bool = False
    binary: bool = False


FILE_TYPES = {
    "text": FileType(".txt", "text/plain", printable=True),
    "pdf": FileType(".pdf", "application/pdf", printable=True, binary=True),
    "csv": FileType(".csv", "text/csv"),
    "ics": FileType(".ics", "text/calendar"),
    "json": FileType(".json", "application/json"),
}


def format_names(table: Mapping[str, object]) -> tuple[str, ...]:
    """A document's formats in the order a member is offered them (`--format`'s choices)."""
    return tuple(table)
