"""Choosing the other customer who is the same person, to merge into the one open."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label

from data.records import CustomerInfo, CustomerSummary
from ladder.phones import shown
from tui.customer_index import CustomerIndex
from tui.screens.form import FormModal
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.in_order import FieldInput, FieldOptionList

SHOWN = 8


class MergeModal(FormModal[CustomerSummary]):
    """Type the other's name (or phone, or e-mail); enter takes the one highlighted."""

    BINDINGS = [Binding("enter", "enter", "key.merge")]

    def __init__(self, kept: CustomerInfo) -> None:
        super().__init__()
        self.kept = kept
        self.index = CustomerIndex()
        self.found: list[CustomerSummary] = []
        self.listed_for = ""  # the text the matches below the field are for

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        with Vertical(classes="dialog", id="merge-dialog"):
            yield Label(app.tr("merge.title", name=self.kept.name), classes="dialog-title")
            yield FieldInput(placeholder=app.tr("merge.pick"), id="other")
            yield FieldOptionList(id="others")
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#other", FieldInput).focus()
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        ok, index = await self.ladder_app.db(CustomerIndex.loaded, self.ladder_app.settings.today)
        if ok:
            self.index = index
            self.listed(self.query_one("#other", FieldInput).value)

    @on(FieldInput.Changed, "#other")
    def typed(self, event: FieldInput.Changed) -> None:
        self.listed(event.value)

    def listed(self, typed: str) -> None:
        self.listed_for = typed
        found = self.index.search(typed) if typed.strip() else []
        self.found = [c for c in found[: SHOWN + 1] if c.id != self.kept.id][:SHOWN]
        others = self.query_one("#others", FieldOptionList)
        others.clear_options()
        others.add_options(
            Text(
                f"#{c.id} {c.name}" + (f" · {shown(c.phone)}" if c.phone else "") + f" · {c.email}"
            )
            for c in self.found
        )
        if self.found:
            others.highlighted = 0

    def key_in_order(self, field: Widget, key: str) -> bool:
        """Up and down in the name field walk the matches below it."""
        others = self.query_one("#others", FieldOptionList)
        if field.id == "other" and key in ("up", "down") and others.option_count:
            current = others.highlighted or 0
            step = -1 if key == "up" else 1
            others.highlighted = max(0, min(others.option_count - 1, current + step))
            return True
        return super().key_in_order(field, key)

    def action_save(self) -> None:
        typed = self.query_one("#other", FieldInput).value
        if typed != self.listed_for:  # typed faster than the list followed: list it now
            self.listed(typed)
        others = self.query_one("#others", FieldOptionList)
        if self.found:
            self.close(self.found[min(others.highlighted or 0, len(self.found) - 1)])


def _line(customer: CustomerSummary) -> str:
    """`#12 Anna Laine · 040 123 4567 · anna@example.fi`: enough to tell two apart."""
    reach = [shown(customer.phone) if customer.phone else "", customer.email]
    return " · ".join([f"#{customer.id} {customer.name}", *filter(None, reach)])
