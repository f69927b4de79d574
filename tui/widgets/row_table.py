"""A table a member moves through row by row, as the customer list moves."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable[object]):
    """Home and End go to the first and the last row, as in the customer list;
    Textual's own table scrolls sideways on them, which a list of rows never needs."""

    BINDINGS = [
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]
