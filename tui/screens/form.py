"""What every dialog with a form shares: save with ctrl+s or its button, escape cancels."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button

from tui.bindings import translate_bindings

Result = TypeVar("Result")


class FormModal(ModalScreen[Result | None], Generic[Result]):
    """A dialog whose `action_save` dismisses it with a result; cancelling gives None."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save"),
    ]

    def on_mount(self) -> None:  # Textual calls this and each subclass's own on_mount
        translate_bindings(self, self.app.lang)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("save", "ok"):
            self.action_save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError
