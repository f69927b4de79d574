"""Log a contact: customer (type-ahead), kind, date, emotional, note."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, Static
from textual.widgets.option_list import Option

from data.records import CustomerInfo, CustomerSummary, EventInfo
from ladder import format_date
from ladder.dates import DateError, check_event_date
from ladder.phones import shown
from ladder.text import search_words
from tui.customer_index import CustomerIndex
from tui.screens.confirm import ConfirmModal
from tui.screens.form import FormModal, Submit
from tui.widgets.date_field import DateField, event_day
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.in_order import FieldButton, FieldCheckbox, FieldInput, FieldOptionList
from tui.widgets.kind_field import KindField

MATCHES_SHOWN = 8


def _reach(customer: CustomerSummary) -> str:
    """A phone beside a name tells two Anna Laines apart."""
    return f" · {shown(customer.phone)}" if customer.phone else ""


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

    Enter in the customer field takes the match and moves on to the kind,
    always; anywhere else it saves, once the member has been through the kind
    field (a saved contact is never a kind nobody chose).
    """

    BINDINGS = [
        Binding("enter", "enter", "key.save"),
        Binding("ctrl+n", "add_named", "customer.add_title"),
    ]

    def __init__(
        self,
        customer_id: int | None = None,
        event: EventInfo | None = None,
        customer_name: str = "",
        submit: Submit | None = None,
    ) -> None:
        super().__init__(submit)
        self.preset_id = customer_id if event is None else event.customer_id
        self.event = event
        self.index = CustomerIndex()
        self.chosen: CustomerSummary | None = None
        self.preset_name = customer_name
        self.kind_passed = False  # whether the member has been in the kind field
        self.box_touched = False  # whether the member ticked or cleared "emotional"
        # Enter (or a save) typed before the customers were read: done once they are.
        self.waiting: set[str] = set()
        self.index_ready = False
        self.entered_for: str | None = None  # the customer field's text enter dealt with

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        rules, lang = app.settings.rules, app.lang
        event = self.event
        default_kind = (
            event.kind
            if event
            else ("contact" if "contact" in rules.kinds else next(iter(rules.kinds)))
        )
        with Vertical(classes="dialog", id="log-dialog"):
            with VerticalScroll(classes="dialog-fields", can_focus=False):
                yield Label(
                    app.tr("key.edit_event") if event else app.tr("log.title"),
                    classes="dialog-title",
                )
                yield Static("", id="form-problem", classes="field-error")
                yield Label(app.tr("field.customer"))
                yield FieldInput(
                    value=self.preset_name,
                    placeholder=app.tr("log.pick_customer"),
                    id="customer",
                    disabled=event is not None,
                )
                yield FieldOptionList(id="matches")
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
                yield FieldCheckbox(
                    app.tr("field.emotional"),
                    value=bool(event and event.emotional) or rules.kinds[default_kind].emotional,
                    id="emotional",
                )
                yield Label(app.tr("field.note"))
                yield FieldInput(value=event.note if event else "", id="note")
            with Horizontal(classes="buttons"):
                yield FieldButton(app.tr("key.save"), variant="primary", id="save")
                yield FieldButton(app.tr("key.cancel"), id="cancel")
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#matches", FieldOptionList).display = False
        self.query_one("#chosen", Static).display = False
        self.load_customers()
        if self.preset_id is None:
            self.query_one("#customer", FieldInput).focus()
        else:
            self.query_one("#kind", KindField).input.focus()

    @work(exclusive=True, group="customers")
    async def load_customers(self) -> None:
        app = self.ladder_app
        ok, index = await app.db(CustomerIndex.loaded, app.settings.today)
        if ok:
            self.index = index
        self.index_ready = True
        preset = self.index.by_id(self.preset_id) if self.preset_id is not None else None
        if preset is not None:
            self.choose(preset)
        waiting, self.waiting = self.waiting, set()  # emptied first: the save below is not
        if "customer" in waiting:  # to wait again for what has just come
            self._take_customer()
        if "save" in waiting:
            self.action_save()

    def choose(self, customer: CustomerSummary) -> None:
        self.chosen = customer
        field = self.query_one("#customer", FieldInput)
        with field.prevent(FieldInput.Changed):
            field.value = customer.name
        rung = customer.rung.label(self.ladder_app.lang)
        self._say(f"✓ {customer.name} (#{customer.id}) · {rung}")
        self.query_one("#matches", FieldOptionList).display = False

    @on(FieldInput.Changed, "#customer")
    def search(self, event: FieldInput.Changed) -> None:
        """The customers that match what is typed, listed under the field.

        A change the field has already typed past, or one enter has dealt with
        in the meantime (the customer taken, or why none was), changes nothing."""
        if event.value != event.input.value or event.value == self.entered_for:
            return
        self.entered_for = None
        self.chosen = None
        self._say("")
        self._list_matches(event.value)

    def _say(self, text: str) -> None:
        """The line under the customer field: who is chosen, or why nobody is."""
        said = self.query_one("#chosen", Static)
        said.update(Text(text))
        said.display = bool(text)

    def _list_matches(self, typed: str) -> None:
        matches = self.query_one("#matches", FieldOptionList)
        matches.clear_options()
        found = self._matching(typed)
        lang = self.ladder_app.lang
        matches.add_options(
            Option(Text(f"{c.name} · {c.rung.label(lang)}{_reach(c)}"), id=str(c.id)) for c in found
        )
        matches.display = bool(found)
        if found:
            matches.highlighted = 0

    def _matching(self, text: str) -> list[CustomerSummary]:
        key = text.strip()
        return list(self.index.search(key)[:MATCHES_SHOWN]) if key else []

    @on(events.DescendantFocus)
    def _passing(self, event: events.DescendantFocus) -> None:
        if event.widget is self.query_one("#kind", KindField).input:
            self.kind_passed = True

    def key_in_order(self, field: Widget, key: str) -> bool:
        """Down from the customer field goes into its matches, and tab takes one as
        enter does; up and down in the kind field walk the kinds that match."""
        kind = self.query_one("#kind", KindField)
        matches = self.query_one("#matches", FieldOptionList)
        if field is kind.input:
            self.kind_passed = True  # a key in the field: the member was there
        if field.id == "customer" and key == "down" and matches.display:
            self.set_focus(matches)
        elif field.id == "customer" and key == "tab":
            self.entered(field)  # tab takes the match as enter does, and moves on
        elif field is kind.input and key in ("up", "down"):
            kind.move(-1 if key == "up" else 1)
        elif field is matches and len(key) == 1:  # typing on: the name, never a pick
            self._type_on(key)
        else:
            if field.id == "emotional" and key == "space":
                self.box_touched = True  # the box's own binding ticks it, in order
            return super().key_in_order(field, key)
        return True

    def entered(self, field: Widget) -> None:
        """Enter takes the customer being chosen (and saves elsewhere): the one who
        matches what was typed, or the one picked from the matches. A name that
        matches several is never guessed: the matches take the focus."""
        matches = self.query_one("#matches", FieldOptionList)
        if field.id == "customer":
            if not self.index_ready:
                self.waiting.add("customer")  # the member moves on; the name is taken later
                self.set_focus(self.query_one("#kind", KindField).input)
                return
            self._take_customer()
        elif field is matches:
            self.pick(matches.get_option_at_index(matches.highlighted or 0).id)
        else:
            super().entered(field)
            return
        if self.chosen is not None:
            self.set_focus(self.query_one("#kind", KindField).input)

    def _take_customer(self) -> None:
        """The customer the typed name means, if it means one (the only match, or the
        only one whose whole name was typed: `Heli Laine` is not Heli Hämäläinen);
        otherwise say so under the field: several to choose from (the matches take
        the focus, and typing on goes back to the name), or nobody by that name
        (ctrl+n adds them); Enter on an empty field asks for a name."""
        self.entered_for = self.query_one("#customer", FieldInput).value
        typed = self.entered_for.strip()
        if not typed:  # nothing to look for, and no name to add
            self._say(self.ladder_app.tr("log.pick_customer"))
            return
        found = self.index.search(typed)
        named = [c for c in found if search_words(c.name) == search_words(typed)]
        if len(found) == 1 or len(named) == 1:  # one match, or one whose whole name it is
            self.choose(found[0] if len(found) == 1 else named[0])
            return
        if not found:
            self._say(self.ladder_app.tr("log.nobody", name=typed))
            self.set_focus(self.query_one("#customer", FieldInput))
            return
        self._say(self.ladder_app.tr("log.several", count=len(found)))
        matches = self.query_one("#matches", FieldOptionList)
        self._list_matches(typed)
        self.set_focus(matches)

    def _type_on(self, character: str) -> None:
        """A letter typed in the matches goes on the end of the name, focus with it; the
        field does not select itself as it takes the focus, or the next key would
        replace what was typed."""
        customer = self.query_one("#customer", FieldInput)
        customer.select_on_focus = False
        self.set_focus(customer)
        customer.insert_text_at_cursor(character)
        self.call_after_refresh(setattr, customer, "select_on_focus", True)

    def action_add_named(self) -> None:
        """A new customer by the name typed (who nobody is called yet), then logged for."""
        typed = self.query_one("#customer", FieldInput).value.strip()
        self.ladder_app.new_customer(name=typed, then=self._added)

    def _added(self, customer: CustomerInfo) -> None:
        self.preset_id = customer.id
        self.index_ready = False
        self.entered_for = None
        self.load_customers()  # with the new customer, who is then taken
        self.set_focus(self.query_one("#kind", KindField).input)

    @on(FieldOptionList.OptionSelected, "#matches")
    def picked(self, event: FieldOptionList.OptionSelected) -> None:
        """A match clicked with the mouse."""
        self.pick(event.option.id)
        self.set_focus(self.query_one("#kind", KindField).input)

    def pick(self, option_id: str | None) -> None:
        customer = self.index.by_id(int(option_id)) if option_id else None
        if customer is not None:
            self.choose(customer)

    @on(KindField.Changed, "#kind")
    def kind_changed(self, event: KindField.Changed) -> None:
        """A new log's box shows the kind's own feeling until the member sets it."""
        kind = self.ladder_app.settings.rules.kinds.get(event.kind or "")
        if kind is not None and self.event is None and not self.box_touched:
            box = self.query_one("#emotional", FieldCheckbox)
            with box.prevent(FieldCheckbox.Changed):
                box.value = kind.emotional

    @on(FieldCheckbox.Changed, "#emotional")
    def box_changed(self) -> None:
        self.box_touched = True  # a click; a key was counted as it was pressed

    def action_save(self) -> None:
        app = self.ladder_app
        if self.waiting:  # the customer is still being read: save once it is taken
            self.waiting.add("save")
            return
        if self.chosen is None:
            self.notify(app.tr("log.choose_customer"), severity="warning")
            self.set_focus(self.query_one("#customer", FieldInput))
            return
        field = self.query_one("#kind", KindField)
        kind = field.kind
        if kind is None or not self.kind_passed:
            self.set_focus(field.input)
            return  # "nothing starts like this" is shown under the field
        day = self.query_one("#on", DateField)
        if day.problem() is not None:
            self.set_focus(day.input)
            return  # the problem is shown under the field
        on = day.value()
        assert on is not None  # an empty field is its default, today
        request = LogRequest(
            customer_id=self.chosen.id,
            customer_name=self.chosen.name,
            kind=kind,
            on=on,
            emotional=self._emotional(kind),
            note=self.query_one("#note", FieldInput).value.strip(),
            event_id=self.event.id if self.event else None,
        )
        try:  # the field took the day; only "long ago" remains, which the member may confirm
            check_event_date(request.on, app.settings.today)
        except DateError:
            pass
        else:
            self.finish(request)
            return
        question = app.tr("date.confirm_long_ago", day=format_date(request.on))
        app.push_screen(
            ConfirmModal(question),
            lambda yes: self.finish(replace(request, force=True)) if yes else None,
        )

    def _emotional(self, kind: str) -> bool:
        """The box as the member set it, else the kind's own feeling: the box shows
        that only once the field has caught up with the typing."""
        if self.event is None and not self.box_touched:
            return self.ladder_app.settings.rules.kinds[kind].emotional
        return self.query_one("#emotional", FieldCheckbox).value
