"""The customer list: search as you type, filter by rung and by risk.

All customers are loaded once per visit; filtering happens in memory and only
the first rows are put on screen, so it stays instant with many thousands.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Select, Static

from data.records import CustomerSummary
from ladder import Rung, format_date
from tui.bindings import translate_bindings

ROWS_SHOWN = 100
COLUMNS = (  # fixed widths: measuring every cell on each keystroke is what makes a list slow
    ("col.customer", 32),
    ("col.rung", 26),
    ("col.score", 8),
    ("col.last", 11),
    ("field.email", 32),
    ("field.phone", 18),
)


class CustomersScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("slash", "focus_search", "key.search"),
        Binding("o", "open", "key.open"),
    ]

    def __init__(self, search: str = "", rung: Rung | None = None) -> None:
        super().__init__()
        self.initial_search = search
        self.initial_rung = rung
        self.customers: list[CustomerSummary] = []
        self.keys: list[str] = []
        self.shown: list[CustomerSummary] = []

    def compose(self) -> ComposeResult:
        app = self.app
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
        yield DataTable(id="customers", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.app.lang)
        tr = self.app.tr
        table = self.query_one("#customers", DataTable)
        for key in (
            "col.customer",
            "col.rung",
            "col.score",
            "col.last",
            "field.email",
            "field.phone",
        ):
            table.add_column(tr(key), key=key)
        self.query_one("#search", Input).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.load()

    @work(exclusive=True, group="customers")
    async def load(self) -> None:
        app = self.app
        ok, customers = await app.db(app.store.list_customers, app.settings.today)
        if ok:
            self.customers = customers
            self.keys = [f"{c.name}\t{c.email}\t{c.phone}".casefold() for c in customers]
            self.refilter()

    @on(Input.Changed, "#search")
    @on(Select.Changed, "#rung")
    @on(Checkbox.Changed, "#at-risk")
    def refilter(self) -> None:
        key = self.query_one("#search", Input).value.strip().casefold()
        rung_id = self.query_one("#rung", Select).value
        risky = self.query_one("#at-risk", Checkbox).value
        rung = Rung.from_id(rung_id) if isinstance(rung_id, str) else None
        matching = [
            c
            for c in self.customers
            if (rung is None or c.rung is rung)
            and (not risky or c.at_risk)
            and (not key or key in c.name.casefold() or key in c.email.casefold() or key in c.phone)
        ]
        self.shown = matching[:ROWS_SHOWN]
        self.query_one("#customer-count", Static).update(
            self.app.tr("customers.count", shown=len(matching), total=len(self.customers))
        )
        self._fill()

    def _fill(self) -> None:
        app = self.app
        lang = app.lang
        table = self.query_one("#customers", DataTable)
        table.clear()
        at_risk = app.tr("at_risk")
        table.add_rows(
            (
                c.name,
                c.rung.label(lang) + (f" ⚠ {at_risk}" if c.at_risk else ""),
                f"{c.score:.1f}",
                format_date(c.last_event_on) if c.last_event_on else "–",
                c.email,
                c.phone,
            )
            for c in self.shown
        )

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one("#customers", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one("#customers", DataTable)
        if self.shown and table.cursor_row < len(self.shown):
            self.app.open_customer(self.shown[table.cursor_row].id)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()
