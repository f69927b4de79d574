"""The morning view: the ladder, the week's moves, and what is due."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from data.records import FollowupInfo
from ladder import format_date
from tui.bindings import translate_bindings
from tui.i18n import followup_reason, rule_label
from tui.printing import PrintError, followups_text, print_text
from tui.screens.customers import CustomersScreen
from tui.screens.snooze import SnoozeModal
from tui.widgets.ladder_view import RungRow, rung_rows

UPCOMING_DAYS = 7
MOVES_SHOWN = 14
ROWS_SHOWN = 300  # a longer list is printed whole; the screen reads only its top
FOLLOWUP_COLUMNS = (  # fixed widths: the list looks the same however the rows arrive
    ("col.due", 12),
    ("col.customer", 22),
    ("col.rung", 13),
    ("col.kind", 22),
    ("col.reason", 24),
    ("col.owner", 8),
)


class MorningScreen(Screen[None]):
    """What a member sees first: who to call, thank or send a card today."""

    BINDINGS = [
        Binding("d", "done", "key.done"),
        Binding("s", "snooze", "key.snooze"),
        Binding("x", "dismiss", "key.dismiss"),
        Binding("enter", "open", "key.open", show=False),
        Binding("o", "open", "key.open"),
        Binding("p", "print", "key.print"),
        Binding("m", "toggle_mine", "key.mine"),
        Binding("slash", "search", "key.search"),
        Binding("r", "reload", "key.refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.only_mine = False
        self.ready = False
        self.rows: list[FollowupInfo] = []

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        yield Header()
        with Horizontal(id="morning"):
            with Vertical(id="ladder-pane"):
                yield Static(tr("morning.ladder"), classes="pane-title")
                yield from rung_rows()
                yield Static(tr("morning.moves"), classes="pane-title")
                yield Static(tr("loading"), id="moves")
            with Vertical(id="list-pane"):
                yield Static(tr("morning.followups"), id="list-title", classes="pane-title")
                yield DataTable(id="followups", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.app.lang)
        tr = self.app.tr
        table = self.query_one("#followups", DataTable)
        for key, width in FOLLOWUP_COLUMNS:
            table.add_column(tr(key), key=key, width=width)
        self.ready = True
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        # The store may open before this screen has its columns; on_mount loads then.
        if self.ready and self.app.store is not None:
            self.load()

    @work(exclusive=True, group="morning")
    async def load(self) -> None:
        app = self.app
        store, today = app.store, app.settings.today
        member = app.settings.member if self.only_mine else None

        def gather():
            store.settle(today)
            return (
                store.pipeline(today),
                store.recent_moves(today, limit=MOVES_SHOWN),
                store.due_followups(today, days=UPCOMING_DAYS, member=member, limit=ROWS_SHOWN),
                store.count_due_followups(today, days=UPCOMING_DAYS, member=member),
            )

        ok, found = await app.db(gather)
        if ok:
            self.show(*found)

    def show(self, counts, moves, rows: list[FollowupInfo], total: int) -> None:
        app = self.app
        lang, today, rules = app.lang, app.settings.today, app.settings.rules
        widest = max((c.count for c in counts), default=0)
        by_rung = {c.rung: c for c in counts}
        for row in self.query(RungRow):
            row.show(by_rung[row.rung], widest, lang)
        if moves:
            lines = Text()
            for move in moves:
                transition = move.transition
                up = transition.is_up
                lines.append("↑ " if up else "↓ ", style="bold green" if up else "bold red")
                lines.append(f"{format_date(transition.on)[:-4]} ", style="dim")
                lines.append(move.customer, style="bold")
                lines.append(f" → {transition.to_rung.label(lang)}")
                lines.append(
                    f" ({transition.reason.value})\n" if lang == "en" else "\n", style="dim"
                )
            self.query_one("#moves", Static).update(lines)
        else:
            self.query_one("#moves", Static).update(app.tr("morning.no_moves"))
        title = app.tr("morning.followups")
        if self.only_mine:
            title += f" ({app.tr('morning.only_mine')})"
        if total > len(rows):
            title += " · " + app.tr("morning.shown", shown=len(rows), total=total)
        self.query_one("#list-title", Static).update(title)
        self.rows = rows
        table = self.query_one("#followups", DataTable)
        cursor = table.cursor_row
        table.clear()
        for f in rows:
            due = format_date(f.shown_due)
            if f.overdue(today):
                due_cell = Text(f"⚠ {due}", style="bold red")
            elif f.shown_due == today:
                due_cell = Text(f"● {app.tr('today')}", style="bold yellow")
            else:
                due_cell = Text(f"  {due}")
            table.add_row(
                due_cell,
                f.customer,
                f.rung.label(lang),
                rule_label(f.rule, rules, lang),
                followup_reason(f, rules, lang),
                f.member,
                key=str(f.id),
            )
        if not rows:
            table.add_row("", app.tr("morning.nothing_due"), "", "", "", "")
        elif cursor < table.row_count:
            table.move_cursor(row=cursor)
        table.focus()

    def selected(self) -> FollowupInfo | None:
        table = self.query_one("#followups", DataTable)
        if table.cursor_row >= len(self.rows):
            self.notify(self.app.tr("followup.none_selected"), severity="warning")
            return None
        return self.rows[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_rung_row_selected(self, message: RungRow.Selected) -> None:
        self.app.push_screen(CustomersScreen(rung=message.rung))

    def action_open(self) -> None:
        followup = self.selected()
        if followup is not None:
            self.app.open_customer(followup.customer_id)

    def action_done(self) -> None:
        self._close(dismiss=False)

    def action_dismiss(self) -> None:
        self._close(dismiss=True)

    @work(group="write")
    async def _close(self, dismiss: bool) -> None:
        followup = self.selected()
        if followup is None:
            return
        app = self.app
        ok, _ = await app.db(
            app.store.close_followup, followup.id, app.settings.today, dismiss=dismiss
        )
        if ok:
            app.notify(
                f"{app.tr('followup.dismissed' if dismiss else 'followup.done')}: "
                f"{followup.customer}"
            )
            self.reload()

    def action_snooze(self) -> None:
        followup = self.selected()
        if followup is not None:
            self.app.push_screen(SnoozeModal(), lambda until: self._snoozed(followup, until))

    def _snoozed(self, followup: FollowupInfo, until) -> None:
        if until is not None:
            self._snooze(followup, until)

    @work(group="write")
    async def _snooze(self, followup: FollowupInfo, until) -> None:
        app = self.app
        ok, _ = await app.db(app.store.snooze_followup, followup.id, until, app.settings.today)
        if ok:
            app.notify(app.tr("snooze.done", day=format_date(until)))
            self.reload()

    def action_toggle_mine(self) -> None:
        self.only_mine = not self.only_mine
        self.reload()

    def action_search(self) -> None:
        self.app.action_customers()

    def action_reload(self) -> None:
        self.reload()

    @work(group="print")
    async def action_print(self) -> None:
        app = self.app
        settings = app.settings
        member = settings.member if self.only_mine else None
        ok, rows = await app.db(
            app.store.due_followups, settings.today, days=UPCOMING_DAYS, member=member
        )
        if not ok:
            return
        text = followups_text(rows, settings.today, settings.rules, settings.lang)
        try:
            printed = await asyncio.to_thread(print_text, text, settings.today)
        except PrintError as exc:
            app.notify(str(exc), severity="error")
            return
        if printed.printer:
            app.notify(app.tr("print.sent", printer=printed.printer))
        else:
            app.notify(app.tr("print.saved", path=printed.path), timeout=15)
