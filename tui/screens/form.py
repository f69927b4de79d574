"""What every dialog with a form shares: save with ctrl+s or its button, escape cancels,
and keys taken in the order they were typed (`tui.widgets.in_order`)."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button

from tui.bindings import translate_bindings

Result = TypeVar("Result")


class FormModal(ModalScreen[Result | None], Generic[Result]):
    """A dialog whose `action_save` dismisses it with a result; cancelling gives None.

    Its fields hand the form's own keys to `key_in_order` as they come, so
    that tab moves on and enter saves at the place in the typing where they
    were pressed, never before the letters typed ahead of them.
    """

    # Each form adds enter, with what it does there, for the footer to say.
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.closed = False  # saved or cancelled: keys typed after it are not the list's

    def on_mount(self) -> None:  # Textual calls this and each subclass's own on_mount
        translate_bindings(self, self.app.lang)

    def key_in_order(self, field: Widget, key: str) -> bool:
        """The form's keys, acted on at once; True if `key` was one of them."""
        if key == "tab":
            self.focus_next()
        elif key == "shift+tab":
            self.focus_previous()
        elif key == "escape":
            self.action_cancel()
        elif key == "ctrl+s":
            self.action_save()
        elif key == "enter":
            self.entered(field)
        else:
            return False
        return True

    def entered(self, field: Widget) -> None:
        """Enter in `field`: a button does what it says; anywhere else the form is saved."""
        if isinstance(field, Button) and field.id not in ("save", "ok"):
            self.action_cancel()
        else:
            self.action_save()

    def action_enter(self) -> None:
        """Enter where no field took it (the fields hand it to `key_in_order`)."""
        if self.focused is not None:
            self.entered(self.focused)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("save", "ok"):
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.close(None)

    def close(self, result: Result | None) -> None:
        """Dismiss the dialog with `result`; keys typed after this point are dropped."""
        if not self.closed:
            self.closed = True
            self.dismiss(result)

    def action_save(self) -> None:
        raise NotImplementedError
