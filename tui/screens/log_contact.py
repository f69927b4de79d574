"""Log a contact: customer (type-ahead), kind, date, emotional, note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from data.records import CustomerSummary, EventInfo
from ladder import format_date
from tui.customer_index import CustomerIndex
from tui.screens.form import FormModal
from tui.widgets.date_field import DateField

MATCHES_SHOWN = 8


@dataclass(frozen=True)
class LogRequest:
    """What the member filled in; the app logs it (or corrects `event_id`)."""

    customer_id: int
    customer_name: str
    kind: str
    on: date
    emotional: bool
    note: str
    event_id: int | None = None


class LogContactModal(FormModal[LogRequest]):
    """A small form that is quick from the keyboard: type, tab, enter."""

    def __init__(
        self,
        customer_id: int | None = None,
        event: EventInfo | None = None,
        customer_name: str = "",
    ) -> None:
        super().__init__()
        self.preset_id = customer_id if event is None else event.customer_id
        self.event = event
        self.index = CustomerIndex()
        self.chosen: CustomerSummary | None = None
        self.preset_name = customer_name

    def compose(self) -> ComposeResult:
        app = self.app
        rules, lang = app.settings.rules, app.lang
        event = self.event
        kinds = [(f"{k.label(lang)} ({k.weight:+g})", k.id) for k in rules.kinds.values()]
        default_kind = (
            event.kind
            if event
            else ("contact" if "contact" in rules.kinds else next(iter(rules.kinds)))
        )
        with VerticalScroll(classes="dialog", id="log-dialog"):
            yield Label(
                app.tr("key.edit_event") if event else app.tr("log.title"), classes="dialog-title"
            )
            yield Label(app.tr("field.customer"))
            yield Input(
                value=self.preset_name,
                placeholder=app.tr("log.pick_customer"),
                id="customer",
                disabled=event is not None,
            )
            yield OptionList(id="matches")
            yield Static("", id="chosen")
            yield Label(app.tr("field.kind"))
            yield Select(kinds, value=default_kind, allow_blank=False, id="kind")
            yield Label(app.tr("field.date"))
            yield DateField(
                app.settings.today,
                lang,
                id="on",
                default=app.settings.today,
                value=format_date(event.on) if event else "",
            )
            yield Checkbox(
                app.tr("field.emotional"),
                value=bool(event and event.emotional) or rules.kinds[default_kind].emotional,
                id="emotional",
            )
            yield Label(app.tr("field.note"))
            yield Input(value=event.note if event else "", id="note")
            with Horizontal(classes="buttons"):
                yield Button(app.tr("key.save"), variant="primary", id="save")
                yield Button(app.tr("key.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#matches", OptionList).display = False
        self.load_customers()
        if self.preset_id is None:
            self.query_one("#customer", Input).focus()
        else:
            self.query_one("#kind", Select).focus()

    @work(exclusive=True, group="customers")
    async def load_customers(self) -> None:
        app = self.app
        ok, customers = await app.db(app.store.list_customers, app.settings.today)
        if not ok:
            return
        self.index = CustomerIndex(customers)
        preset = self.index.by_id(self.preset_id) if self.preset_id is not None else None
        if preset is not None:
            self.choose(preset)

    def choose(self, customer: CustomerSummary) -> None:
        self.chosen = customer
        field = self.query_one("#customer", Input)
        with field.prevent(Input.Changed):
            field.value = customer.name
        self.query_one("#chosen", Static).update(
            f"✓ {customer.name} (#{customer.id}) · {customer.rung.label(self.app.lang)}"
        )
        self.query_one("#matches", OptionList).display = False

    @on(Input.Changed, "#customer")
    def search(self, event: Input.Changed) -> None:
        key = event.value.strip().casefold()
        self.chosen = None
        self.query_one("#chosen", Static).update("")
        matches = self.query_one("#matches", OptionList)
        matches.clear_options()
        if not key:
            matches.display = False
            return
        found = self.index.search(key)[:MATCHES_SHOWN]
        matches.add_options(
            Option(f"{c.name} · {c.rung.label(self.app.lang)}", id=str(c.id)) for c in found
        )
        matches.display = bool(found)
        if found:
            matches.highlighted = 0
        if len(found) == 1 and found[0].name.casefold() == key:
            self.choose(found[0])

    def on_key(self, event) -> None:
        matches = self.query_one("#matches", OptionList)
        typing = self.focused is self.query_one("#customer", Input)
        if typing and matches.display and event.key == "down":
            matches.focus()
            event.stop()

    @on(Input.Submitted, "#customer")
    def take_first_match(self) -> None:
        matches = self.query_one("#matches", OptionList)
        if matches.display and matches.option_count:
            self.pick(matches.get_option_at_index(matches.highlighted or 0).id)
        if self.chosen is not None:
            self.query_one("#kind", Select).focus()

    @on(OptionList.OptionSelected, "#matches")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option.id)
        self.query_one("#kind", Select).focus()

    def pick(self, option_id: str | None) -> None:
        customer = self.index.by_id(int(option_id)) if option_id else None
        if customer is not None:
            self.choose(customer)

    @on(Select.Changed, "#kind")
    def kind_changed(self, event: Select.Changed) -> None:
        kind = self.app.settings.rules.kinds.get(str(event.value))
        if kind is not None and self.event is None:
            self.query_one("#emotional", Checkbox).value = kind.emotional

    @on(Input.Submitted, "#note")
    def note_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self.chosen is None:
            self.notify(self.app.tr("log.choose_customer"), severity="warning")
            self.query_one("#customer", Input).focus()
            return
        field = self.query_one("#on", DateField)
        problem = field.problem()
        if problem is not None:
            self.notify(problem, severity="warning")
            return
        on_day = field.value()
        self.dismiss(
            LogRequest(
                customer_id=self.chosen.id,
                customer_name=self.chosen.name,
                kind=str(self.query_one("#kind", Select).value),
                on=on_day,
                emotional=self.query_one("#emotional", Checkbox).value,
                note=self.query_one("#note", Input).value.strip(),
                event_id=self.event.id if self.event else None,
            )
        )
