"""Asking for the day a follow-up should come back, naming whose it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from data.records import FollowupInfo
from ladder import format_date
from tui.screens.confirm import ConfirmModal
from tui.screens.form import FormModal
from tui.widgets.date_field import DateField, due_day
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.in_order import FieldButton

SNOOZE_DAYS = 7


@dataclass(frozen=True)
class SnoozeRequest:
    """The day chosen, and whether the member agreed to bring the follow-up forward."""

    until: date
    earlier: bool = False


class SnoozeModal(FormModal[SnoozeRequest]):
    """A week after it is due (or after today) is offered; a past day is refused."""

    BINDINGS = [Binding("enter", "enter", "key.save")]

    def __init__(self, followup: FollowupInfo) -> None:
        super().__init__()
        self.followup = followup

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        today = app.settings.today
        offered = max(today, self.followup.shown_due) + timedelta(days=SNOOZE_DAYS)
        with Vertical(classes="dialog"):
            yield Label(
                app.tr("snooze.title_of", customer=self.followup.customer),
                classes="dialog-title",
                markup=False,
            )
            yield Label(app.tr("field.until"))
            yield DateField(
                today, app.lang, value=format_date(offered), id="until", check=due_day(today)
            )
            with Horizontal(classes="buttons"):
                yield FieldButton(app.tr("key.save"), variant="primary", id="save")
                yield FieldButton(app.tr("key.cancel"), id="cancel")
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#until", DateField).input.focus()

    def action_save(self) -> None:
        field = self.query_one("#until", DateField)
        if field.problem() is not None:
            return  # the problem is already shown under the field
        until = field.value()
        if until is None:
            return
        due = self.followup.shown_due
        if until >= due:
            self.close(SnoozeRequest(until))
            return
        question = self.ladder_app.tr(
            "snooze.confirm_earlier", due=format_date(due), until=format_date(until)
        )
        self.ladder_app.push_screen(
            ConfirmModal(question),
            lambda yes: self.close(SnoozeRequest(until, earlier=True)) if yes else None,
        )
