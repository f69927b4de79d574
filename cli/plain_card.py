"""The customer card, said once as blocks (`Lead`, lines, `Heading`, `Rows`) and drawn
one of two ways: by Rich (`cli.output`), or here, to a pipe or a file, as the same
bytes Rich writes, without loading Rich (about 0.03 s of `ladder customer show`).

Here only where Rich would do nothing of its own: output that Rich does not take
for a terminal (so no style is written), every line and cell printable on one
line (so nothing is stripped, expanded or split) and a table that fits the width
Rich would take (so no column is shrunk or wrapped). Anything else is None, and
Rich draws it. A property test draws random cards both ways and compares.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import NamedTuple, TextIO

from rich.cells import cell_len


class Lead(NamedTuple):
    """The card's first line: the name in bold, then the rest."""

    name: str
    rest: str


class Heading(NamedTuple):
    """A section's title in bold, after an empty line."""

    title: str


class Rows(NamedTuple):
    """A table: the column names and rows of cells (Rich's `Table`, no outer edge)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[str]]


Block = Lead | Heading | Rows | str  # a str is a line as it is


def drawn(blocks: Sequence[Block], out: TextIO, environ: Mapping[str, str]) -> str | None:
    """What Rich would write for `blocks` to `out`, or None where Rich must draw."""
    width = _plain_width(out, environ)
    if width is None:
        return None
    said: list[str] = []
    for block in blocks:
        if isinstance(block, Rows):
            table = _table(block, width)
            if table is None:
                return None
            said.append(table)
            continue
        if isinstance(block, Lead):
            line = block.name + block.rest
        else:
            line = block.title if isinstance(block, Heading) else block
        if not line.isprintable():
            return None
        said.append(f"\n{line}\n" if isinstance(block, Heading) else f"{line}\n")
    return "".join(said)


def _plain_width(out: TextIO, environ: Mapping[str, str]) -> int | None:
    """The width Rich lays a table out in when it writes no style, else None: Rich's
    own reading of TTY_COMPATIBLE, FORCE_COLOR, COLUMNS and the terminals' sizes."""
    if sys.platform == "win32":  # Rich's legacy console there: left to Rich
        return None
    tty = environ.get("TTY_COMPATIBLE", "")
    if tty == "1" or (tty != "0" and _forced_or_tty(out, environ)):
        return None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns) or None
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def _forced_or_tty(out: TextIO, environ: Mapping[str, str]) -> bool:
    forced = environ.get("FORCE_COLOR")
    if forced is not None:
        return forced != ""
    try:
        return out.isatty()
    except ValueError:  # a closed file: no terminal
        return False


def _table(block: Rows, width: int) -> str | None:
    """Rich's table with `show_edge=False, pad_edge=False`: one space of padding
    inside each separator, each column as wide as its widest cell."""
    lines = [block.columns, *block.rows]
    if not all(cell.isprintable() for line in lines for cell in line):
        return None
    widths = [max(cell_len(line[i]) for line in lines) for i in range(len(block.columns))]
    if sum(widths) + 3 * (len(widths) - 1) > width:
        return None
    padded = [
        [cell + " " * (w - cell_len(cell)) for cell, w in zip(line, widths, strict=True)]
        for line in lines
    ]
    rule = "╇".join(
        "━" * (w + (0 if len(widths) == 1 else 1 if i in (0, len(widths) - 1) else 2))
        for i, w in enumerate(widths)
    )
    heading, *rows = padded
    return "".join(
        [" ┃ ".join(heading) + "\n", rule + "\n", *(" │ ".join(row) + "\n" for row in rows)]
    )
