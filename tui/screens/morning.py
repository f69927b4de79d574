"""The morning view: the ladder, the week's moves, and what is due."""

from __future__ import annotations

import asyncio
import io
import os

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from data import service
from data.records import FollowupInfo, MorningView, RungCount
from ladder import Rung, format_date
from present.i18n import describe_error, followup_reason, rule_label
from present.printing import PrintError, followups_text, print_text
from tui import writes
from tui.screens.base import LadderScreen
from tui.screens.confirm import ConfirmModal
from tui.screens.customers import CustomersScreen
from tui.screens.done import DoneModal, DoneRequest
from tui.screens.snooze import SnoozeModal, SnoozeRequest
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.ladder_view import RungRow, rung_rows
from tui.widgets.row_table import RowTable

MOVES_SHOWN = 14
ROWS_SHOWN = 300  # a longer list is printed whole; the screen reads only its top
NARROW = 110  # below this many columns the ladder folds into one line above the list
WIDE = 180  # from this many columns the ladder pane has room for long bars
LADDER_PANES = {True: (48, 18), False: (34, 8)}  # wide?: (pane width, bar length)
# The list's columns: (key, least width, share of the space left over), in the
# order they are shown. Due, customer, task and phone always show; the others
# join while there is room, in the order of OPTIONAL, the same in every language:
# whose a task is matters in a team, the rung next, and the reason is the first
# to go (the card says it too).
COLUMNS = (
    ("col.due", 8, 0),
    ("col.customer", 16, 2),
    ("col.kind", 22, 1),
    ("col.phone", 16, 0),
    ("col.rung", 13, 0),
    ("col.reason", 18, 4),
    ("col.owner", 8, 0),
)
ALWAYS = ("col.due", "col.customer", "col.kind", "col.phone")
OPTIONAL = ("col.owner", "col.rung", "col.reason")
WANTED = ("col.customer", "col.phone", "col.reason", "col.owner")  # sized to the rows
AT_MOST = 28  # the widest a column grows to fit its values before others get room


def column_widths(
    width: int, fixed: dict[str, int] | None = None, wanted: dict[str, int] | None = None
) -> list[tuple[str, int]]:
    """The columns that fit in `width`, each as wide as the space allows.

    `fixed` gives the exact width of columns whose every value is known (the
    rungs' and tasks' names in the member's language); `wanted`, how wide the
    listed rows' own values are (names, phones, reasons). Optional columns join
    in order while they fit. Spare room first widens the columns that want more,
    a cell each in turn, so a long name and a long reason are both cut a little
    rather than one whole and the other short; what is left over is shared out,
    so no column is cut while space on the right stays empty.
    """
    room = width - 2  # the table's scrollbar gutter
    fixed, wanted = fixed or {}, wanted or {}
    columns = [
        (key, fixed[key], 0) if key in fixed else (key, least, share)
        for key, least, share in COLUMNS
    ]
    chosen = [c for c in columns if c[0] in ALWAYS]
    for key in OPTIONAL:
        column = next(c for c in columns if c[0] == key)
        if sum(least + 2 for _, least, _ in chosen) + column[1] + 2 <= room:
            chosen.append(column)
    chosen.sort(key=columns.index)
    spare = max(0, room - sum(least + 2 for _, least, _ in chosen))
    widths = {key: least for key, least, _ in chosen}
    while short := [key for key in widths if widths[key] < min(wanted.get(key, 0), AT_MOST)]:
        for key in short[:spare]:  # one cell each in turn: all grow, none starves
            widths[key] += 1
            spare -= 1
        if not spare:
            break
    shares = sum(share for _, _, share in chosen) or 1
    return [(key, widths[key] + spare * share // shares) for key, _, share in chosen]


class MorningScreen(LadderScreen[None]):
    """What a member sees first: who to call, thank or send a card today."""

    HELP_TITLE = "morning.title"
    # The footer shows these in this order and cuts what does not fit: at 80
    # columns the daily keys come first, the rest are in the help screen (?).
    FOOTER_SPARE = ("app.insights", "app.undo")  # both in the help; undo is also ctrl+z
    BINDINGS = [
        Binding("l", "app.log_contact", "key.log"),
        Binding("d", "done", "key.done"),
        Binding("s", "snooze", "key.snooze"),
        Binding("x", "dismiss_followup", "key.dismiss"),
        Binding("u,ctrl+z", "app.undo", "key.undo"),
        Binding("p", "print", "key.print"),
        Binding("i", "app.insights", "key.insights"),
        Binding("question_mark,f1", "app.help", "key.help"),
        Binding("q", "app.quit", "key.quit"),
        Binding("n", "app.add_customer", "key.add"),
        Binding("c", "app.customers", "key.customers"),
        Binding("space", "mark", "key.mark", show=False),
        Binding("enter", "open", "key.open", show=False),
        Binding("o", "open", "key.open", show=False),
        Binding("m", "toggle_mine", "key.mine", show=False),
        Binding("slash", "search", "key.search", show=False),
        Binding("r", "reload", "key.refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.only_mine = False
        self.ready = False
        self.rows: list[FollowupInfo] = []
        self.columns: list[tuple[str, int]] = []
        self.wanted: dict[str, int] = {}  # how wide the listed rows' values are
        self.due_width = 0  # the widest due date listed: a date is never cut
        self.counts: list[RungCount] = []
        self.bar = LADDER_PANES[True][1]
        self.marked: set[int] = set()  # follow-ups marked with space, to be done at once
        self.moved_on: int | None = None  # put off from under the cursor: move to the next

    def compose(self) -> ComposeResult:
        tr = self.ladder_app.tr
        yield Header()
        with Horizontal(id="morning"):
            with Vertical(id="ladder-pane"):
                yield Static(tr("morning.ladder"), classes="pane-title")
                yield from rung_rows()
                yield Static(tr("morning.moves"), classes="pane-title")
                yield Static(tr("loading"), id="moves")
            with Vertical(id="list-pane"):
                yield Static("", id="ladder-line")
                yield Static(tr("morning.followups"), id="list-title", classes="pane-title")
                yield RowTable(id="followups", cursor_type="row", zebra_stripes=True)
                yield Static("", id="list-empty")
        yield FittingFooter(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.ready = True
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")
        pane, self.bar = LADDER_PANES[self.size.width >= WIDE]
        self.query_one("#ladder-pane").styles.width = pane
        if self.counts:
            self.show_ladder(self.counts)
        if self.lay_out() and self.rows:
            self.fill(self.rows)

    def lay_out(self) -> bool:
        """Size the list's columns to the screen and the rows' values; True if they
        changed, which empties the table."""
        columns = column_widths(self._list_width(), self._named_widths(), self.wanted)
        if columns == self.columns:
            return False
        self.columns = columns
        table = self.query_one("#followups", DataTable)
        table.clear(columns=True)
        for key, cells in columns:
            table.add_column(self.ladder_app.tr(key), key=key, width=cells)
        return True

    def _list_width(self) -> int:
        """What the ladder pane leaves the list; on a narrow screen the pane folds away."""
        width = self.size.width
        return width if width < NARROW else width - LADDER_PANES[width >= WIDE][0] - 1

    def _named_widths(self) -> dict[str, int]:
        """The rung and task columns as wide as their longest name in the member's
        language, header included: no name is cut, and no space is kept for one.
        A co-op's own very long task name is cut, as any cell is, past `AT_MOST`.
        The due column is as wide as its longest date (with its year, if another's)."""
        app = self.ladder_app
        lang, rules = app.lang, app.settings.rules
        names = {
            "col.rung": [rung.label(lang) for rung in Rung],
            "col.kind": [rule_label(rule, rules, lang) for rule in [*rules.followups, "manual"]],
        }
        widths = {
            key: min(AT_MOST, max(map(cell_len, [app.tr(key), *values])))
            for key, values in names.items()
        }
        return {**widths, "col.due": max(self.due_width, cell_len(app.tr("col.due")), 8)}

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, colleague: bool = False) -> None:
        """Read again, after our write or a colleague's (`colleague`: then a follow-up
        that leaves from under the cursor is said)."""
        # The store may open before this screen has its columns; on_mount loads then.
        if self.ready and self.ladder_app.store is not None:
            self.load(colleague)

    @work(exclusive=True, group="morning")
    async def load(self, colleague: bool = False) -> None:
        app = self.ladder_app
        member = app.settings.member if self.only_mine else None
        ok, view = await app.db(
            service.morning, app.settings.today, member=member, moves=MOVES_SHOWN, rows=ROWS_SHOWN
        )
        if ok:
            self.show(view, colleague)

    def show(self, view: MorningView, colleague: bool = False) -> None:
        """The ladder, the week's moves and what is due, as read for this screen."""
        app = self.ladder_app
        lang = app.lang
        moves, rows, total = view.moves, view.due, view.due_total
        self.show_ladder(view.ladder)
        if moves:
            lines = Text()
            for move in moves:
                transition = move.transition
                up = transition.is_up
                lines.append("↑ " if up else "↓ ", style="bold green" if up else "bold red")
                lines.append(f"{format_date(transition.on)[:-4]} ", style="dim")
                lines.append(move.customer, style="bold")
                lines.append(f" → {transition.to_rung.label(lang)}")
                lines.append(f" ({app.tr(f'move.{transition.reason.value}')})\n", style="dim")
            self.query_one("#moves", Static).update(lines)
        else:
            self.query_one("#moves", Static).update(app.tr("morning.no_moves"))
        title = app.tr("morning.followups")
        if self.only_mine:
            title += f" ({app.tr('morning.only_mine')})"
        if total > len(rows):
            title += " · " + app.tr("morning.shown", shown=len(rows), total=total)
        self.query_one("#list-title", Static).update(title)
        nobody = sum(count.count for count in view.ladder) == 0
        empty = app.tr("morning.empty_database" if nobody else "morning.nothing_due")
        self.query_one("#list-empty", Static).update(empty)
        self.fill(rows, colleague)

    def show_ladder(self, counts: list[RungCount]) -> None:
        lang = self.ladder_app.lang
        self.counts = counts
        widest = max((c.count for c in counts), default=0)
        by_rung = {c.rung: c for c in counts}
        for row in self.query(RungRow):
            row.show(by_rung[row.rung], widest, lang, self.bar)
        self.query_one("#ladder-line", Static).update(ladder_line(counts, lang))

    def fill(self, rows: list[FollowupInfo], colleague: bool = False) -> None:
        """Put `rows` in the table, the cursor staying on the follow-up it was on.

        Rows come and go under the cursor (a colleague's log, an undo); keeping
        it on the same follow-up, or on the one after a row that went away,
        means `x` never lands on someone else.
        """
        app = self.ladder_app
        lang, today, rules = app.lang, app.settings.today, app.settings.rules
        table = self.query_one("#followups", DataTable)
        previous = self.rows
        was = table.cursor_row
        kept = previous[was].id if 0 <= was < len(previous) else None
        own, app.own_change = app.own_change, False
        if (colleague or not own) and kept is not None and kept not in {f.id for f in rows}:
            gone = previous[was]
            task = rule_label(gone.rule, rules, lang)
            app.notify(app.tr("refresh.gone", customer=gone.customer, task=task), timeout=6)
        self.rows = rows
        self.marked &= {f.id for f in rows}
        listed = [
            {
                "col.due": due_cell(f, today, app.tr),
                "col.customer": cut(("✓ " if f.id in self.marked else "") + f.customer),
                "col.kind": cut(rule_label(f.rule, rules, lang)),  # the co-op's own words
                "col.phone": cut(f.reach or "–"),
                "col.rung": f.rung.label(lang),
                "col.reason": cut(followup_reason(f, rules, lang, this_year=today.year)),
                "col.owner": cut(f.member),
            }
            for f in rows
        ]
        self.wanted = {
            key: max((cell_len(str(cells[key])) for cells in listed), default=0) for key in WANTED
        }
        self.due_width = max((cell_len(str(cells["col.due"])) for cells in listed), default=0)
        self.lay_out()
        table.clear()
        keys = [key for key, _ in self.columns]
        for f, cells in zip(rows, listed, strict=True):
            table.add_row(*(cells[key] for key in keys), key=str(f.id))
        table.display = bool(rows)
        self.query_one("#list-empty", Static).display = not rows
        if rows:
            table.move_cursor(row=self._cursor_after(previous, kept, was), animate=False)
        self.moved_on = None
        table.focus()

    def _cursor_after(self, previous: list[FollowupInfo], kept: int | None, was: int) -> int:
        """Where the cursor goes: the same follow-up, else (it went, or was put off
        to later) the next one still listed."""
        index = {f.id: i for i, f in enumerate(self.rows)}
        if kept is not None and kept in index and kept != self.moved_on:
            return index[kept]
        for f in previous[was + 1 :]:
            if f.id in index:
                return index[f.id]
        return min(max(was, 0), len(self.rows) - 1)

    def selected(self) -> FollowupInfo | None:
        table = self.query_one("#followups", DataTable)
        if table.cursor_row >= len(self.rows):
            self.notify(self.ladder_app.tr("followup.none_selected"), severity="warning")
            return None
        return self.rows[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_rung_row_selected(self, message: RungRow.Selected) -> None:
        self.ladder_app.push_screen(CustomersScreen(rung=message.rung))

    def action_open(self) -> None:
        followup = self.selected()
        if followup is not None:
            self.ladder_app.open_customer(followup.customer_id)

    def action_mark(self) -> None:
        """Space marks (or unmarks) the follow-up under the cursor and moves on: `d`
        then does every one marked at once (28 Christmas cards after the labels)."""
        followup = self.selected()
        if followup is None:
            return
        self.marked ^= {followup.id}
        table = self.query_one("#followups", DataTable)
        row = table.cursor_row
        self.fill(self.rows)
        table.move_cursor(row=min(row + 1, len(self.rows) - 1), animate=False)

    def action_done(self) -> None:
        app = self.ladder_app
        marked = [f for f in self.rows if f.id in self.marked]
        if marked:
            question = app.tr("done.many_confirm", count=len(marked))
            app.push_screen(
                ConfirmModal(question), lambda yes: self._done_many(marked) if yes else None
            )
            return
        followup = self.selected()
        if followup is not None:
            app.push_screen(DoneModal(followup), lambda done: self._done(followup, done))

    def _done_many(self, followups: list[FollowupInfo]) -> None:
        self.marked.clear()
        app = self.ladder_app
        app.writes.start(writes.done_many(followups, app.settings))

    def _done(self, followup: FollowupInfo, request: DoneRequest | None) -> None:
        if request is not None:
            app = self.ladder_app
            app.writes.start(writes.done(followup, request, app.settings))

    def action_dismiss_followup(self) -> None:
        followup = self.selected()
        if followup is not None:
            app = self.ladder_app
            app.writes.start(writes.dismiss(followup, app.settings))

    def action_snooze(self) -> None:
        followup = self.selected()
        if followup is not None:
            self.ladder_app.push_screen(SnoozeModal(followup), lambda s: self._snoozed(followup, s))

    def _snoozed(self, followup: FollowupInfo, request: SnoozeRequest | None) -> None:
        if request is not None:
            self.moved_on = followup.id  # put off: the cursor goes on to the next task
            app = self.ladder_app
            app.writes.start(writes.snooze(followup, request, app.settings))

    def action_toggle_mine(self) -> None:
        self.only_mine = not self.only_mine
        self.ladder_app.own_change = True  # the rows that leave now, the member sent away
        self.reload()

    def action_search(self) -> None:
        self.ladder_app.action_customers()

    def action_reload(self) -> None:
        self.reload()

    @work(group="print")
    async def action_print(self) -> None:
        app = self.ladder_app
        settings = app.settings
        member = settings.member if self.only_mine else None
        ok, rows = await app.db(service.due, settings.today, member=member)
        if not ok:
            return
        if os.environ.get("LADDER_SEAT"):  # a browser seat: the paper is the browser's
            from present.exports import followups_document
            from present.formats import FILE_TYPES

            paper = FILE_TYPES["pdf"]
            pdf = await asyncio.to_thread(followups_document, rows, settings, "pdf")
            name = f"{app.tr('print.file_stem')}-{settings.today.isoformat()}{paper.suffix}"
            app.deliver_binary(io.BytesIO(pdf), save_filename=name, mime_type=paper.mime)
            app.notify(app.tr("print.delivered", name=name))
            return
        text = followups_text(rows, settings.today, settings.rules, settings.lang)
        try:
            printed = await asyncio.to_thread(print_text, text, settings.today)
        except PrintError as exc:
            app.notify(describe_error(exc, app.lang), severity="error")
            return
        if printed.printer:
            app.notify(app.tr("print.sent", printer=printed.printer))
        else:
            app.notify(app.tr("print.saved", path=printed.path), timeout=15)


def cut(value: str) -> Text:
    """A cell's text, literally, ending in … where the column cuts it: a name or a
    date cut short must not pass for another (`katkesi 12.1` is not 12.11.)."""
    return Text(value, overflow="ellipsis")


def due_cell(f: FollowupInfo, today, tr) -> Text:
    """`⚠ 20.10.` overdue, `● tänään`, or the day; the year only when it is another."""
    due = format_date(f.shown_due)
    if f.shown_due.year == today.year:
        due = due[: -len(str(today.year))]
    if f.overdue(today):
        return Text(f"⚠ {due}", style="bold red")
    if f.shown_due == today:
        return Text(f"● {tr('today')}", style="bold yellow")
    return Text(f"  {due}")


def ladder_line(counts: list[RungCount], lang: str) -> Text:
    """The ladder folded into one line for a narrow screen: top rung first, with moves."""
    line = Text()
    for count in sorted(counts, key=lambda c: c.rung, reverse=True):
        if count.rung is not Rung.SANANSAATTAJA:
            line.append(" · ", style="dim")
        line.append(f"{count.rung.label(lang)[:3]} ", style="bold")
        line.append(str(count.count))
        if count.up_7d:
            line.append(f"↑{count.up_7d}", style="green")
        if count.down_7d:
            line.append(f"↓{count.down_7d}", style="red")
    return line
