"""Asking for the day a follow-up should come back."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from ladder import DateError
from tui.screens.form import FormModal
from tui.widgets.date_field import DateField


class SnoozeModal(FormModal[date]):
    """Returns the chosen day, or None when cancelled."""

    def compose(self) -> ComposeResult:
        app = self.app
        today = app.settings.today
        with Vertical(classes="dialog"):
            yield Label(app.tr("snooze.title"), classes="dialog-title")
            yield Label(app.tr("field.until"))
            yield DateField(today, app.lang, value="+1w", id="until")
            with Horizontal(classes="buttons"):
                yield Button(app.tr("key.save"), variant="primary", id="save")
                yield Button(app.tr("key.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#until Input", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            until = self.query_one("#until", DateField).value()
        except DateError:
            return
        today = self.app.settings.today
        if until is None or until <= today:
            self.notify(self.app.tr("snooze.after_today"), severity="warning")
            return
        self.dismiss(until)
