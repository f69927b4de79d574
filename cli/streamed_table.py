"""A table written a row at a time, as its rows are read (the long lists of the
command line): each column's width is known before the first row, so no row is
laid out against the others. Drawn as Rich draws a table, without loading Rich's
layout; what members stored is shown literally: control characters as `\\x1b`,
never obeyed (`ladder.text.visible`), and no markup is read. Also the JSON
array written an element at a time.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from rich.cells import cell_len, set_cell_size

from ladder.text import visible
from present.i18n import t

NARROWEST = 8  # a name or a task is never cut below this
SEPARATOR = " │ "
BOLD, RED_BOLD, PLAIN = "\x1b[1m", "\x1b[1;31m", "\x1b[0m"


def width_of(columns: dict[str, int]) -> int:
    """How wide a row of `columns` is, separators included."""
    return sum(columns.values()) + len(SEPARATOR) * (len(columns) - 1)


def _one_line(text: str) -> tuple[str, int]:
    """`text` on one line, shown literally, and how many cells it takes."""
    one_line = visible(" ".join(text.split()))
    return one_line, len(one_line) if one_line.isascii() else cell_len(one_line)


def cell(text: str, width: int) -> str:
    """`text` on one line, shown literally, padded or cut with '…' to `width` cells."""
    one_line, size = _one_line(text)
    if size <= width:
        return one_line + " " * (width - size)
    return set_cell_size(one_line, width - 1) + "…"


def whole(text: str, width: int) -> str:
    """`text` on one line, shown literally, padded to `width` cells and never cut."""
    one_line, size = _one_line(text)
    return one_line + " " * max(0, width - size)


def write_heading(out: TextIO, columns: dict[str, int], lang: str, styled: bool) -> None:
    """A streamed table's heading, drawn as Rich draws a table's: the names, then a rule."""
    names = " ┃ ".join(cell(t(k, lang), w) for k, w in columns.items()).rstrip()
    out.write(f"{BOLD}{names}{PLAIN}\n" if styled else f"{names}\n")
    out.write("━╇━".join("━" * w for w in columns.values()) + "\n")


def give_way(columns: dict[str, int], giving: Sequence[str], width: int) -> dict[str, int]:
    """`columns` narrowed to `width`, a cell at a time off the widest of `giving`."""
    shown = dict(columns)
    for _ in range(max(0, width_of(shown) - width)):
        widest = max(giving, key=lambda key: shown[key])
        if shown[widest] <= NARROWEST:
            break
        shown[widest] -= 1
    return shown


def write_json(documents: Iterable[Any]) -> None:
    """The JSON array `json.dumps(…, indent=2)` makes, written an element at a time."""
    out = sys.stdout
    first = True
    for element in _elements(documents):
        out.write(("[\n" if first else ",\n") + element)
        first = False
    out.write("[]\n" if first else "\n]\n")


def _elements(documents: Iterable[Any]) -> Iterator[str]:
    for document in documents:  # as an element of an indented array: two spaces in
        yield json.dumps([document], ensure_ascii=False, indent=2)[2:-2]


def screen_width(out: TextIO) -> int:
    """How wide the list may be, as Rich would take it: COLUMNS, else the terminal's
    width, else 80 (a file or a pipe)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(out.fileno()).columns if out.isatty() else 80
    except (OSError, ValueError):
        return 80


def styled(out: TextIO) -> bool:
    """Bold and red only on a terminal that takes colour (NO_COLOR, no-color.org)."""
    return out.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
