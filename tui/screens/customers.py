"""The customer list: search as you type, filter by rung and by risk.

All customers are loaded once per visit and filtered in memory on each
keystroke; the table draws only the lines on screen, so it stays instant.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Header, Input, Select, Static

from data.records import CustomerSummary
from ladder import Rung
from tui.customer_index import CustomerIndex
from tui.screens.base import LadderScreen
from tui.widgets.customer_table import CustomerTable, header_line
from tui.widgets.fitting_footer import FittingFooter


class CustomersScreen(LadderScreen[None]):
    """Everyone, searchable as you type; enter opens the one under the cursor."""

    HELP_TITLE = "customers.title"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("slash", "focus_search", "key.search"),
        Binding("o", "open", "key.open"),
    ]

    def __init__(self, search: str = "", rung: Rung | None = None) -> None:
        super().__init__()
        self.initial_search = search
        self.initial_rung = rung
        self.index = CustomerIndex()
        self.shown: Sequence[CustomerSummary] = []

    @property
    def customers(self) -> Sequence[CustomerSummary]:
        """Everyone loaded, whatever the search shows."""
        return self.index.customers

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        lang = app.lang
        yield Header()
        with Horizontal(id="customer-filters"):
            yield Input(
                value=self.initial_search, placeholder=app.tr("customers.search"), id="search"
            )
            yield Select(
                [(r.label(lang), r.id) for r in reversed(Rung)],
                prompt=app.tr("customers.all_rungs"),
                value=self.initial_rung.id if self.initial_rung else Select.NULL,
                id="rung",
            )
            yield Checkbox(app.tr("customers.at_risk_only"), id="at-risk")
        yield Static(app.tr("loading"), id="customer-count")
        yield Static("", id="customer-header")
        yield CustomerTable(id="customers")
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        tr = self.ladder_app.tr
        titles = (
            "col.customer",
            "field.phone",
            "col.rung",
            "col.score",
            "col.last",
            "field.email",
            "col.tags",
        )
        self.query_one("#customer-header", Static).update(header_line([tr(k) for k in titles]))
        table = self.query_one("#customers", CustomerTable)
        table.lang = self.ladder_app.lang
        table.at_risk_label = tr("at_risk")
        self.query_one("#search", Input).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        # Back from a card, the member types the next name: the keys go to the search.
        self.query_one("#search", Input).focus()
        self.reload()

    def reload(self, colleague: bool = False) -> None:
        """Read again (after our write, or a colleague's: `colleague`)."""
        self.load()

    @work(exclusive=True, group="customers")
    async def load(self) -> None:
        app = self.ladder_app
        ok, index = await app.db(CustomerIndex.loaded, app.settings.today)
        if ok:
            self.index = index
            self.refilter()

    @on(Input.Changed, "#search")
    @on(Select.Changed, "#rung")
    @on(Checkbox.Changed, "#at-risk")
    def refilter(self) -> None:
        rung_id = self.query_one("#rung", Select).value
        self.shown = self.index.search(
            self.query_one("#search", Input).value,
            rung=Rung.from_id(rung_id) if isinstance(rung_id, str) else None,
            at_risk_only=self.query_one("#at-risk", Checkbox).value,
        )
        self.query_one("#customer-count", Static).update(
            self.ladder_app.tr("customers.count", shown=len(self.shown), total=len(self.customers))
        )
        self.query_one("#customers", CustomerTable).show(self.shown)

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        """Enter on a search with one hit opens it; with several, go choose among them."""
        if len(self.shown) == 1:
            self.ladder_app.open_customer(self.shown[0].id)
        else:
            self.query_one("#customers", CustomerTable).focus()

    def on_customer_table_chosen(self, message: CustomerTable.Chosen) -> None:
        self.ladder_app.open_customer(message.customer.id)

    def action_open(self) -> None:
        self.query_one("#customers", CustomerTable).action_choose()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()
