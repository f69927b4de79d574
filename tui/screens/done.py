"""Marking a follow-up done: what was done is logged with it, one key confirms."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static
from textual.widgets.option_list import Option

from data.records import FollowupInfo
from present.i18n import kind_label, rule_label
from tui.screens.form import FormModal
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.in_order import FieldButton, FieldInput, FieldOptionList

NO_EVENT = "-"


@dataclass(frozen=True)
class DoneRequest:
    """The event to log (None: close it with no contact logged) and its note."""

    kind: str | None
    note: str


class DoneModal(FormModal[DoneRequest]):
    """The event the follow-up stands for comes first and is chosen; enter confirms.

    A complaint callback offers "resolved" and "still open (a contact)"; every
    follow-up can also be closed with no contact logged.
    """

    BINDINGS = [Binding("enter", "enter", "key.done")]

    def __init__(self, followup: FollowupInfo) -> None:
        super().__init__()
        self.followup = followup

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        rules, lang, f = app.settings.rules, app.lang, self.followup
        choices = [
            Option(Text(kind_label(kind, rules, lang)), id=kind)
            for kind in rules.done_kinds(f.rule)
        ]
        choices.append(Option(app.tr("done.no_event"), id=NO_EVENT))
        with Vertical(classes="dialog", id="done-dialog"):
            yield Label(
                app.tr("done.title", customer=f.customer), classes="dialog-title", markup=False
            )
            yield Static(
                f"{rule_label(f.rule, rules, lang)} · {f.reach or app.tr('print.no_reach')}",
                id="done-task",
                markup=False,
            )
            yield Label(app.tr("done.what"))
            yield FieldOptionList(*choices, id="done-kind")
            yield Label(app.tr("field.note"))
            yield FieldInput(id="done-note", compact=True)
            with Horizontal(classes="buttons"):
                yield FieldButton(app.tr("key.done"), variant="primary", id="save", compact=True)
                yield FieldButton(app.tr("key.cancel"), id="cancel", compact=True)
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        kinds = self.query_one("#done-kind", FieldOptionList)
        kinds.highlighted = 0
        kinds.focus()

    @on(FieldOptionList.OptionSelected, "#done-kind")
    def chosen(self) -> None:
        """A choice clicked with the mouse (enter is the form's, see `entered`)."""
        self.action_save()

    def action_save(self) -> None:
        kinds = self.query_one("#done-kind", FieldOptionList)
        option = kinds.get_option_at_index(kinds.highlighted or 0)
        kind = None if option.id == NO_EVENT else option.id
        self.close(DoneRequest(kind, self.query_one("#done-note", FieldInput).value.strip()))
