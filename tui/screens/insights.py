"""How the ladder moves: each figure of `ladder report` on a tab, as a chart and a table.

The charts are textual-plotext (plotext inside a Textual widget, kept by
Textualize's community; the one terminal plotting library with stacked bars);
every number is in the table under the chart too, so nothing depends on
telling colours apart. The figures come from a worker: the screen shows at
once with a line saying they are being counted.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from plotext import _utility as plotext_utility
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from data import service
from ladder import Rung, format_date
from ladder.insights import Insights, Period
from present.report import Section, sections
from tui.screens.base import LadderModal, LadderScreen
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from present.formats.pdf import Bars

# plotext removes duplicate points through a set, so overlapping bars were drawn
# in an order that changed with each run's string hashing: the same chart came
# out a little different every time. The order-keeping way, as its own comment
# suggests, draws it the same way each time.
plotext_utility.no_duplicates = lambda data: list(dict.fromkeys(data))

TABS = ("ladder", "flow", "funnel", "kinds", "habits")
COLOURS = ("white", "cyan", "blue", "green", "magenta")  # a series each, as the legend says
BAR_AT_LEAST, BAR_AT_MOST = 12, 40  # the longest bar drawn in a table, in cells


def periods(today: date) -> list[Period]:
    """What `y` steps through: the last twelve months, last year, this year so far."""
    return [
        Period(today - timedelta(days=364), today),
        Period.last_calendar_year(today),
        Period(date(today.year, 1, 1), today),
    ]


class InsightsScreen(LadderScreen[None]):
    """The ladder over time, the moves, the funnel, what works, the follow-up habit."""

    HELP_TITLE = "insights.title"
    FOOTER_SPARE = ("undo", "add_customer", "customers")  # the app's, on every screen
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("y", "next_period", "key.period"),
        Binding("enter", "who", "insights.who", show=False),
        *(
            Binding(str(number), f"show_tab('{key}')", f"insights.{key}", show=False)
            for number, key in enumerate(TABS, start=1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choice = 0
        self.insights: Insights | None = None

    @property
    def period(self) -> Period:
        return periods(self.ladder_app.settings.today)[self.choice]

    def compose(self) -> ComposeResult:
        tr = self.ladder_app.tr
        yield Header()
        yield Static(tr("insights.loading"), id="insights-period")
        with TabbedContent(id="insights-tabs"):
            for key in TABS:
                with TabPane(tr(f"insights.{key}"), id=f"tab-{key}"):
                    yield Static("", classes="insights-note", id=f"note-{key}")
                    yield PlotextPlot(id=f"plot-{key}", classes="insights-plot")
                    yield RowTable(id=f"table-{key}", cursor_type="row", zebra_stripes=True)
        yield FittingFooter()

    def on_mount(self) -> None:
        self.load()

    def action_show_tab(self, key: str) -> None:
        self.query_one("#insights-tabs", TabbedContent).active = f"tab-{key}"
        self.query_one(f"#table-{key}", DataTable).focus()

    def action_next_period(self) -> None:
        self.choice = (self.choice + 1) % len(periods(self.ladder_app.settings.today))
        self.load()

    @work(exclusive=True, group="insights")
    async def load(self) -> None:
        app = self.ladder_app
        period = self.period
        self.query_one("#insights-period", Static).update(app.tr("insights.loading"))
        ok, found = await app.db(service.insights, period, app.settings.today)
        if ok:
            self.show(found)

    def show(self, insights: Insights) -> None:
        app = self.ladder_app
        lang = app.lang
        self.insights = insights
        period = insights.period
        line = app.tr(
            "insights.period", start=format_date(period.start), end=format_date(period.end)
        )
        as_of = app.tr("insights.as_of", day=format_date(insights.as_of))
        self.query_one("#insights-period", Static).update(f"{line} · {as_of} · y ↻ · 1–5")
        for section in sections(insights, app.settings.rules, lang):
            self.query_one(f"#note-{section.key}", Static).update(_note(section))
            inline = self._bars_in_table(section)
            self.query_one(f"#plot-{section.key}", PlotextPlot).display = not inline
            if not inline:
                self._chart(section)
            table = self.query_one(f"#table-{section.key}", DataTable)
            table.clear(columns=True)
            rows = [[Text(cell) for cell in row] for row in section.rows]  # literal
            widths = [  # known now, not later
                max(len(row[index]) for row in (section.header, *section.rows))
                for index in range(len(section.header))
            ]
            spare = app.size.width - sum(widths) - 2 * (len(widths) + 2)  # padding, scrollbar
            bar = min(BAR_AT_MOST, max(BAR_AT_LEAST, spare)) if inline else 0
            for index, (title, width) in enumerate(zip(section.header, widths, strict=True)):
                table.add_column(Text(title), width=width)
                if bar and index == 0:  # the bars beside the names
                    table.add_column("", width=bar)
            if bar and section.chart is not None:
                for row, cells in zip(rows, inline_bars(section.chart, bar), strict=True):
                    row.insert(1, cells)
            table.add_rows(rows)

    def _longest_label(self, labels: int) -> int:
        """As long as the width gives each label, but never under ten characters
        (a month, "11/2026", whole; "Sanansaattaja" whole when few are shown)."""
        return max(10, max(1, self.ladder_app.size.width - 10) // labels - 2)

    def _bars_in_table(self, section: Section) -> bool:
        """A chart with a bar per row of its table whose names would be cut under it
        is drawn in the table instead, beside each whole name: two kinds cut to the
        same letters could not be told apart, nor a small bar from none."""
        chart = section.chart
        if not (chart and chart.labels) or list(chart.labels) != [row[0] for row in section.rows]:
            return False
        longest = self._longest_label(len(chart.labels))
        return any(len(label) > longest for label in chart.labels)

    def _chart(self, section: Section) -> None:
        plot = self.query_one(f"#plot-{section.key}", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        chart = section.chart
        if chart is not None and chart.labels:
            longest = self._longest_label(len(chart.labels))
            labels = [_cut(label, longest) for label in chart.labels]
            # Bars stand at numbered places, named by the ticks: plotext puts bars with
            # the same label in one place, and two names cut alike hid a bar.
            places = list(range(1, len(labels) + 1))
            values = [list(values) for _, values in chart.series]
            colours = list(COLOURS[: len(values)])
            top = max((sum(column) for column in zip(*values, strict=True)), default=0) or 1
            # Ticks chosen here: plotext's own choice of which to drop varies from run to run.
            ticks = [0, top / 2, top]
            plt.ylim(0, top)
            plt.yticks(ticks, [f"{tick:,.0f}".replace(",", " ") for tick in ticks])
            room = max(1, self.ladder_app.size.width - 10)
            every = -(-len(labels) * (max(map(len, labels)) + 2) // room)
            shown = range(0, len(labels), max(1, every))
            if len(values) > 1:  # the legend is in the note: plotext's would hide bars
                # textual-plotext types `color` as one colour; plotext takes one a series
                plt.stacked_bar(places, values, color=colours, width=0.6)  # type: ignore[arg-type]
            else:
                plt.bar(places, values[0], color=colours[0], width=0.6)
            # Named after the bars are drawn, which set ticks of their own.
            plt.xticks([places[i] for i in shown], [labels[i] for i in shown])
        plot.refresh()

    def action_who(self) -> None:
        """On the moves tab: the customers behind the row under the cursor."""
        tabs = self.query_one("#insights-tabs", TabbedContent)
        if tabs.active != "tab-flow" or self.insights is None or not self.insights.flow:
            return
        table = self.query_one("#table-flow", DataTable)
        cell = self.insights.flow[table.cursor_row]
        self.list_moved(cell.from_rung, cell.to_rung)

    @on(DataTable.RowSelected, "#table-flow")
    def flow_row_chosen(self, event: DataTable.RowSelected) -> None:
        if self.insights is not None and self.insights.flow:
            cell = self.insights.flow[event.cursor_row]
            self.list_moved(cell.from_rung, cell.to_rung)

    @work(group="insights-who")
    async def list_moved(self, from_rung: Rung, to_rung: Rung) -> None:
        app = self.ladder_app
        today = app.settings.today
        ok, moved = await app.db(service.moved_customers, self.period, today, from_rung, to_rung)
        if not ok:
            return
        title = app.tr(
            "insights.customers_moved",
            from_rung=from_rung.label(app.lang),
            to_rung=to_rung.label(app.lang),
            count=len(moved),
        )
        chosen = await app.push_screen_wait(MovedModal(title, moved))
        if chosen is not None:
            app.open_customer(chosen)


def inline_bars(chart: Bars, width: int) -> list[Text]:
    """Each label's stacked bar as a line of cells, the longest `width` long; any
    value above zero shows as at least one cell."""
    totals = [sum(values) for values in zip(*(v for _, v in chart.series), strict=True)]
    top = max(totals, default=0) or 1
    bars = []
    for index in range(len(chart.labels)):
        bar = Text()
        for (_, values), colour in zip(chart.series, COLOURS, strict=False):
            value = values[index]
            bar.append("█" * (max(1, round(value * width / top)) if value > 0 else 0), colour)
        bars.append(bar)
    return bars


def _cut(label: str, longest: int) -> str:
    """A label as long as the chart gives it, ending in … when it had to be cut."""
    return label if len(label) <= longest else label[: longest - 1] + "…"


def _note(section: Section) -> Text:
    """How to read the section, and for a stacked chart its series from the bottom up."""
    note = Text(section.note)
    chart = section.chart
    if chart is not None and len(chart.series) > 1:
        note.append("\n")
        for (name, _), colour in zip(chart.series, COLOURS, strict=False):
            note.append("▇ ", style=colour)
            note.append(f"{name}  ")
    return note


class MovedModal(LadderModal[int | None]):
    """The customers behind one count of the moves table; Enter opens a card."""

    BINDINGS = [Binding("escape", "dismiss_none", "key.back")]

    def __init__(self, title: str, customers: list[tuple[int, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.customers = customers

    def compose(self) -> ComposeResult:
        yield Static(self.title_text, classes="dialog-title", markup=False)
        yield OptionList(
            *(Option(Text(f"{name} (#{id_})"), id=str(id_)) for id_, name in self.customers),
            id="moved-list",
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:  # every option is a customer's id
            self.dismiss(int(event.option.id))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
