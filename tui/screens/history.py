"""Who did what to this customer, and when (`h` on the card; `ladder history`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from data.records import Entry
from present.i18n import moment
from present.words import action_line
from tui.screens.base import LadderModal
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.row_table import RowTable


class HistoryModal(LadderModal[None]):
    """The record's entries about one customer, newest first; escape closes it."""

    BINDINGS = [Binding("escape,q,h", "dismiss", "key.back")]

    def __init__(self, name: str, entries: list[Entry]) -> None:
        super().__init__()
        self.customer_name = name
        self.entries = entries

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        with Vertical(classes="dialog", id="history-dialog"):
            yield Label(
                Text(app.tr("history.title", name=self.customer_name)), classes="dialog-title"
            )
            yield RowTable(id="history", cursor_type="row", zebra_stripes=True)
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        app = self.ladder_app
        table = self.query_one("#history", DataTable)
        table.add_columns(app.tr("col.when"), app.tr("col.who"), app.tr("col.what"))
        for entry in self.entries:
            table.add_row(
                moment(entry.at, app.lang), Text(entry.member), Text(action_line(entry, app.lang))
            )
        if not self.entries:
            table.add_row("", "", app.tr("history.none"))
        table.focus()
