"""What every dialog with a form shares: save with ctrl+s or its button, escape cancels,
and keys taken in the order they were typed (`tui.widgets.in_order`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Button, Static

from present.i18n import describe_error
from tui.screens.base import LadderModal

Result = TypeVar("Result")
# Saves what a form returns and says what stopped it (None: saved).
Submit = Callable[[Result], Awaitable[BaseException | None]]


class FormModal(LadderModal[Result | None], Generic[Result]):
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

    def __init__(self, submit: Submit | None = None) -> None:
        super().__init__()
        self.closed = False  # saved or cancelled: keys typed after it are not the list's
        self.submit = submit

    def on_mount(self) -> None:  # Textual calls this and each subclass's own on_mount
        for line in self.query("#form-problem"):
            line.display = False  # until a save is refused

    def key_in_order(self, field: Widget, key: str) -> bool:
        """The keys that move through the form, acted on at once; True if `key` was one
        (the form's other keys are its bindings, which a field runs in order too)."""
        if key == "tab":
            self.focus_next()
        elif key == "shift+tab":
            self.focus_previous()
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

    def finish(self, result: Result) -> None:
        """Close with `result`, or, for a form that saves as it closes (`submit`), once
        it is saved: what stops it (a colleague's change to the same field) is said
        in the form, which stays open with everything typed in it."""
        if self.submit is None:
            self.close(result)
        else:
            self.run_worker(self._submitting(result), exclusive=True, group="submit")

    async def _submitting(self, result: Result) -> None:
        assert self.submit is not None
        problem = await self.submit(result)
        if problem is None:
            self.close(result)
            return
        said = describe_error(problem, self.ladder_app.lang)
        try:
            line = self.query_one("#form-problem", Static)
        except NoMatches:
            self.notify(said, severity="error", timeout=15)
            return
        line.update(said)
        line.display = True
        line.scroll_visible(animate=False)  # a long form may have it scrolled away

    def action_save(self) -> None:
        raise NotImplementedError
