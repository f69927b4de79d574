"""Asking for the day a follow-up should come back."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from ladder import DateError
from tui.bindings import translate_bindings
from tui.widgets.date_field import DateField


class SnoozeModal(ModalScreen[date | None]):
    """Returns the chosen day, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

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
        translate_bindings(self, self.app.lang)
        self.query_one("#until Input", Input).focus()

    def on_input_submitted(self) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _save(self) -> None:
        try:
            until = self.query_one("#until", DateField).value()
        except DateError:
            return
        today = self.app.settings.today
        if until is None or until <= today:
            self.notify(self.app.tr("snooze.after_today"), severity="warning")
            return
        self.dismiss(until)
