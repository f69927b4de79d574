"""Log a contact: customer (type-ahead), kind, date, emotional, note."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from data.records import CustomerSummary, EventInfo
from ladder import format_date
from ladder.dates import DateError, check_event_date
from tui.customer_index import CustomerIndex
from tui.screens.confirm import ConfirmModal
from tui.screens.form import FormModal
from tui.widgets.date_field import DateField, event_day
from tui.widgets.kind_field import KindField

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
    force: bool = False  # the member confirmed a day more than five years back


class LogContactModal(FormModal[LogRequest]):
    """A small form that is quick from the keyboard: type, tab, enter.

    Enter saves from any field; in the customer field it first takes the
    highlighted match (as a person expects), then moves on to the kind.
    """

    BINDINGS = [
        Binding("enter", "enter", "key.save", priority=True),
        Binding("ctrl+s", "save", "key.save", show=False),
    ]

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
        default_kind = (
            event.kind
            if event
            else ("contact" if "contact" in rules.kinds else next(iter(rules.kinds)))
        )
        with Vertical(classes="dialog", id="log-dialog"):
            with VerticalScroll(classes="dialog-fields"):
                yield Label(
                    app.tr("key.edit_event") if event else app.tr("log.title"),
                    classes="dialog-title",
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
                yield KindField(rules, lang, default_kind, id="kind")
                yield Label(app.tr("field.date"))
                yield DateField(
                    app.settings.today,
                    lang,
                    id="on",
                    default=app.settings.today,
                    value=format_date(event.on) if event else "",
                    check=event_day(app.settings.today),
                    hint="date.event_hint",
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
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#matches", OptionList).display = False
        self.load_customers()
        if self.preset_id is None:
            self.query_one("#customer", Input).focus()
        else:
            self.query_one("#kind", KindField).input.focus()

    @work(exclusive=True, group="customers")
    async def load_customers(self) -> None:
        app = self.app
        ok, index = await app.db(CustomerIndex.loaded, app.settings.today)
        if not ok:
            return
        self.index = index
        preset = self.index.by_id(self.preset_id) if self.preset_id is not None else None
        if preset is not None:
            self.choose(preset)

    def choose(self, customer: CustomerSummary) -> None:
        self.chosen = customer
        field = self.query_one("#customer", Input)
        with field.prevent(Input.Changed):
            field.value = customer.name
        self.query_one("#chosen", Static).update(
            Text(f"✓ {customer.name} (#{customer.id}) · {customer.rung.label(self.app.lang)}")
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
            Option(Text(f"{c.name} · {c.rung.label(self.app.lang)}"), id=str(c.id)) for c in found
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
        kind = self.query_one("#kind", KindField)
        if self.focused is kind.input and event.key in ("up", "down"):
            kind.move(-1 if event.key == "up" else 1)
            event.stop()

    def action_enter(self) -> None:
        """Enter: take a customer match where one is offered, otherwise save."""
        focused = self.focused
        matches = self.query_one("#matches", OptionList)
        if isinstance(focused, Button):
            focused.press()
        elif focused is matches or (
            focused is self.query_one("#customer", Input) and self.chosen is None
        ):
            self.take_first_match()
        else:
            self.action_save()

    def take_first_match(self) -> None:
        matches = self.query_one("#matches", OptionList)
        if matches.display and matches.option_count:
            self.pick(matches.get_option_at_index(matches.highlighted or 0).id)
        if self.chosen is not None:
            self.query_one("#kind", KindField).input.focus()

    @on(OptionList.OptionSelected, "#matches")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option.id)
        self.query_one("#kind", KindField).input.focus()

    def pick(self, option_id: str | None) -> None:
        customer = self.index.by_id(int(option_id)) if option_id else None
        if customer is not None:
            self.choose(customer)

    @on(KindField.Changed, "#kind")
    def kind_changed(self, event: KindField.Changed) -> None:
        kind = self.app.settings.rules.kinds.get(event.kind or "")
        if kind is not None and self.event is None:
            self.query_one("#emotional", Checkbox).value = kind.emotional

    def action_save(self) -> None:
        app = self.app
        if self.chosen is None:
            self.notify(app.tr("log.choose_customer"), severity="warning")
            self.query_one("#customer", Input).focus()
            return
        kind = self.query_one("#kind", KindField).kind
        if kind is None:
            self.query_one("#kind", KindField).input.focus()
            return  # "nothing starts like this" is shown under the field
        field = self.query_one("#on", DateField)
        if field.problem() is not None:
            field.query_one(Input).focus()
            return  # the problem is shown under the field
        request = LogRequest(
            customer_id=self.chosen.id,
            customer_name=self.chosen.name,
            kind=kind,
            on=field.value(),
            emotional=self.query_one("#emotional", Checkbox).value,
            note=self.query_one("#note", Input).value.strip(),
            event_id=self.event.id if self.event else None,
        )
        try:  # the field took the day; only "long ago" remains, which the member may confirm
            check_event_date(request.on, app.settings.today)
        except DateError:
            pass
        else:
            self.dismiss(request)
            return
        question = app.tr("date.confirm_long_ago", day=format_date(request.on))
        app.push_screen(
            ConfirmModal(question),
            lambda yes: self.dismiss(replace(request, force=True)) if yes else None,
        )
