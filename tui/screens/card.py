"""The customer card: who they are, where they stand, and why."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Static

from data import service
from data.records import CustomerCard, CustomerInfo, CustomerSummary, Erased, EventInfo
from data.service import NotFound
from ladder import explain, format_date
from present.i18n import describe_error, followup_reason, kind_label, number, rule_label, t
from present.words import contact_lines
from tui import writes
from tui.screens.base import LadderScreen
from tui.screens.confirm import ConfirmModal
from tui.screens.customer_form import CustomerFormModal
from tui.screens.history import HistoryModal
from tui.screens.log_contact import LogContactModal, LogRequest
from tui.screens.merge import MergeModal
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.row_table import RowTable
from tui.widgets.score_chart import score_chart

EVENT_AT_MOST = 28  # the widest the events' name column grows to fit them
NARROW = 110  # below this many columns the card's two panes share the width evenly


def at_risk_said(card: CustomerCard, rules, lang: str) -> str:
    """Why the customer is at risk, and what happens next unless somebody gets in touch."""
    said = t("card.at_risk_why", lang, days=rules.at_risk_after_days)
    lapse = card.next_lapse
    if lapse is not None:
        said += " " + t(
            "card.at_risk_falls", lang, rung=lapse.to_rung.label(lang), day=format_date(lapse.on)
        )
    return said


class CustomerCardScreen(LadderScreen[None]):
    """One customer: contact details, the score over time, why on this rung, events."""

    HELP_TITLE = "card.title"
    # the rare ones, then the app's (on every screen; escape goes back to them)
    FOOTER_SPARE = (
        "erase_person",
        "export_person",
        "merge",
        "history",
        "add_customer",
        "customers",
        "undo",
        "quit",
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("l", "log_here", "key.log"),
        Binding("e", "edit", "key.edit"),
        Binding("k", "correct_event", "key.edit_event"),
        Binding("delete", "delete_event", "key.delete_event"),
        Binding("m", "merge", "key.merge"),
        Binding("h", "history", "key.history"),
        Binding("g", "export_person", "key.gdpr"),
        Binding("ctrl+x", "erase_person", "key.erase"),
    ]

    def __init__(self, customer_id: int) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.card: CustomerCard | None = None

    @work(group="history")
    async def action_history(self) -> None:
        """Who did what to this customer, and when."""
        app = self.ladder_app
        ok, entries = await app.db(service.history, customer_id=self.customer_id)
        if ok and self.card is not None:
            app.push_screen(HistoryModal(self.card.info.name, entries))

    def compose(self) -> ComposeResult:
        tr = self.ladder_app.tr
        yield Header()
        with Horizontal(id="card"):
            with VerticalScroll(id="card-left"):
                yield Static(tr("loading"), id="card-head")
                yield Static("", id="card-contact")
                yield Static(tr("card.score_trend"), classes="pane-title")
                yield Static("", id="card-trend")
                yield Static(tr("card.why"), classes="pane-title")
                yield Static("", id="card-why")
                yield Static(tr("card.followups"), classes="pane-title")
                yield Static("", id="card-followups")
            with Vertical(id="card-right"):
                yield Static(tr("card.events"), classes="pane-title")
                yield RowTable(id="card-events", cursor_type="row", zebra_stripes=True)
        yield FittingFooter(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        tr = self.ladder_app.tr
        table = self.query_one("#card-events", DataTable)
        event = self._event_width()
        for key, width in (("col.on", 10), ("col.event", event), ("col.note", 30), ("col.by", 10)):
            table.add_column(tr(key), key=key, width=width)
        self.reload()

    def _event_width(self) -> int:
        """As wide as the longest event name in the member's language, with its ♥:
        none is cut. A co-op's own very long name is cut past `EVENT_AT_MOST`."""
        app = self.ladder_app
        labels = [kind.label(app.lang) + " ♥" for kind in app.settings.rules.kinds.values()]
        return min(EVENT_AT_MOST, max(map(cell_len, [app.tr("col.event"), *labels])))

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, colleague: bool = False) -> None:
        """Read again (after our write, or a colleague's: `colleague`)."""
        self.load()

    @work(exclusive=True, group="card")
    async def load(self) -> None:
        app = self.ladder_app
        ok, found = await app.attempt(service.customer_card, self.customer_id, app.settings.today)
        if ok:
            self.show(found)
        elif isinstance(found, NotFound):
            self.gone()
        elif found is not None:
            app.notify(describe_error(found, app.lang), severity="error", timeout=10)

    def gone(self) -> None:
        """The customer was erased (or merged away) by a colleague: say so, and close."""
        app = self.ladder_app
        name = self.card.info.name if self.card is not None else f"#{self.customer_id}"
        app.notify(app.tr("card.gone", name=name), severity="warning", timeout=10)
        if app.screen is self:
            app.pop_screen()

    def show(self, card: CustomerCard) -> None:
        self.card = card
        app = self.ladder_app
        lang, rules, tr = app.lang, app.settings.rules, app.tr
        info = card.info
        head = Text()
        head.append(info.name, style="bold")
        head.append(f" · #{info.id}\n")
        head.append(f"{card.rung.label(lang)}", style="bold green")
        head.append(f" · {tr('col.score').lower()} {number(card.score, lang)}")
        if card.at_risk:
            head.append(f" · ⚠ {tr('at_risk')}", style="bold red")
            head.append("\n" + at_risk_said(card, rules, lang), style="red")
        self.query_one("#card-head", Static).update(head)
        contact = contact_lines(info, lang, notes=True)
        self.query_one("#card-contact", Static).update(Text("\n".join(contact)))
        self.show_chart()
        why = "\n".join(explain(t, lang) for t in card.transitions) or tr("card.no_events")
        self.query_one("#card-why", Static).update(Text(why))
        followups = "\n".join(
            f"{format_date(f.shown_due)} {rule_label(f.rule, rules, lang)} – "
            f"{followup_reason(f, rules, lang)} ({f.member})"
            for f in card.followups
        )
        self.query_one("#card-followups", Static).update(Text(followups or "–"))
        table = self.query_one("#card-events", DataTable)
        kept = self.selected_event()  # the event under the cursor stays under it
        table.clear()
        for event in reversed(card.events):
            label = kind_label(event.kind, rules, lang)
            if event.emotional:
                label += " ♥"
            table.add_row(
                format_date(event.on),
                Text(label),
                Text(event.note),
                Text(event.logged_by),
                key=str(event.id),
            )
        if kept is not None and str(kept.id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(kept.id)), animate=False)

    def on_resize(self) -> None:
        self.show_chart()

    def show_chart(self) -> None:
        """The chart as wide as the pane allows beside the rung names."""
        if self.card is None:
            return
        width = 30 if self.size.width >= NARROW else 18
        app = self.ladder_app
        chart = score_chart(
            self.card.score_series or [0.0], app.settings.rules.gates, app.lang, width=width
        )
        self.query_one("#card-trend", Static).update(chart)

    def selected_event(self):
        if self.card is None or not self.card.events:
            return None
        table = self.query_one("#card-events", DataTable)
        events = list(reversed(self.card.events))
        return events[table.cursor_row] if table.cursor_row < len(events) else None

    async def still_there(self) -> bool:
        """Whether the customer is still there (read afresh); if a colleague has erased
        them, the card says so and closes, and nothing else opens."""
        app = self.ladder_app
        ok, found = await app.attempt(service.customer_card, self.customer_id, app.settings.today)
        if ok:
            self.show(found)
        elif isinstance(found, NotFound):
            self.gone()
        return ok

    @work(group="card")
    async def action_log_here(self) -> None:
        if await self.still_there():
            self.ladder_app.action_log_contact(self.customer_id)

    @work(group="card")
    async def action_edit(self) -> None:
        if await self.still_there() and self.card is not None:
            form = CustomerFormModal(self.card.info, submit=self._save_details)
            self.ladder_app.push_screen(form)

    async def _save_details(self, values: dict[str, Any]) -> BaseException | None:
        """Write the fields the member changed; a colleague's change to one of them
        since the form opened is not overwritten, and the form says so."""
        if self.card is None:
            return None
        app = self.ladder_app
        write = writes.edit_customer(self.card.info, values, app.settings)
        return None if write is None else await app.writes.submit(write)

    @work(group="card")
    async def action_correct_event(self) -> None:
        event = self.selected_event()
        if event is None or not await self.still_there() or self.card is None:
            return
        card = self.card  # as it is now
        event = next((e for e in card.events if e.id == event.id), None)
        if event is not None:
            modal = LogContactModal(
                event=event,
                customer_name=card.info.name,
                submit=lambda request: self._save_correction(event, request),
            )
            self.ladder_app.push_screen(modal)

    async def _save_correction(self, event: EventInfo, request: LogRequest) -> BaseException | None:
        """As `_save_details`: the changed fields only, never over a colleague's."""
        app = self.ladder_app
        write = writes.correct_event(event, request, app.settings)
        return None if write is None else await app.writes.submit(write)

    def action_delete_event(self) -> None:
        event = self.selected_event()
        if event is None:
            return
        app = self.ladder_app
        kind = kind_label(event.kind, app.settings.rules, app.lang)
        question = app.tr("event.confirm_delete", event=f"{format_date(event.on)} {kind}")
        app.push_screen(ConfirmModal(question), lambda yes: self._delete(event) if yes else None)

    def _delete(self, event: EventInfo) -> None:
        if self.card is not None:
            app = self.ladder_app
            app.writes.start(writes.delete_event(event, self.card.info.name, app.settings))

    def action_merge(self) -> None:
        """Merge another customer who is the same person into this one."""
        if self.card is not None:
            self.ladder_app.push_screen(MergeModal(self.card.info), self._merging)

    def _merging(self, other: CustomerSummary | None) -> None:
        if other is None or self.card is None:
            return
        app, kept = self.ladder_app, self.card.info
        question = app.tr("merge.confirm", kept=f"#{kept.id} {kept.name}", gone=other.name)
        app.push_screen(
            ConfirmModal(question),
            lambda yes: self._merge(kept, other) if yes else None,
        )

    def _merge(self, kept: CustomerInfo, other: CustomerSummary) -> None:
        app = self.ladder_app
        app.writes.start(writes.merge(kept, other, app.settings))

    def action_export_person(self) -> None:
        if self.card is not None:
            self.ladder_app.export_person(self.customer_id, self.card.info.name)

    def action_erase_person(self) -> None:
        if self.card is None:
            return
        app, info = self.ladder_app, self.card.info
        question = app.tr("erase.confirm", name=info.name, id=info.id)
        app.push_screen(ConfirmModal(question), lambda yes: self._erase() if yes else None)

    def _erase(self) -> None:
        if self.card is not None:
            app = self.ladder_app
            app.writes.start(writes.erase(self.card.info, app.settings, self._erased))

    def _erased(self, _: Erased) -> None:
        """Nothing is left to show: the card closes, unless the member has left it."""
        app = self.ladder_app
        if app.screen is self:
            app.pop_screen()
