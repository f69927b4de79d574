"""CSV that spreadsheets open safely: cells that would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A phone number (+358 40 123 4567) or a negative number (-3,5): no formula.
PLAIN_NUMBER = re.compile(r"^(\+[0-9][0-9 ()-]*|-[0-9]+([.,][0-9]+)?)$")


def neutralise(cell: object) -> str:
    """A cell a spreadsheet shows as text: `=SUM(A1)` becomes `'=SUM(A1)`.

    A phone number such as `+358 40 123 4567` starts like a formula but can
    run nothing, so it is left as the member wrote it.
    """
    text = "" if cell is None else str(cell)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def csv_text(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, delimiter: str = ","
) -> str:
    """UTF-8 CSV text (with a BOM so that Excel reads ä and ö right).

    Finnish Excel splits columns on `;` (the comma is its decimal mark), so
    files meant for it pass `delimiter=";"`.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff" + out.getvalue()
