"""Someone like this is there already: open them, add anyway, or go back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from data.records import Alike
from present.i18n import alike_line
from tui.screens.base import LadderModal

OPEN = "open"  # the answer "open them" is OPEN, then the customer's number
ANYWAY = "anyway"


class DuplicateModal(LadderModal[str | None]):
    """Answers `open:<id>` (go to the one there), ANYWAY (a second, other person of
    the same name), or None (back to the form)."""

    BINDINGS = [Binding("escape", "back", "key.back", show=False)]

    def __init__(self, alike: list[Alike]) -> None:
        super().__init__()
        self.alike = alike

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        with Vertical(classes="dialog", id="duplicate-dialog"):
            yield Label(app.tr("duplicate.title"), classes="dialog-title")
            yield Static(Text(alike_line(self.alike, app.lang)), id="alike")
            with Horizontal(classes="buttons"):
                first = self.alike[0].customer
                yield Button(
                    Text(app.tr("duplicate.open", name=first.name)),
                    variant="primary",
                    id=f"{OPEN}-{first.id}",
                )
                yield Button(app.tr("duplicate.anyway"), id=ANYWAY)
                yield Button(app.tr("key.back"), id="back")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        pressed = event.button.id or ""
        self.dismiss(None if pressed == "back" else pressed.replace("-", ":", 1))

    def action_back(self) -> None:
        self.dismiss(None)
