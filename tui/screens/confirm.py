"""A yes/no question before something that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from tui.screens.base import LadderModal


class ConfirmModal(LadderModal[bool]):
    """Returns True only when the member says yes."""

    BINDINGS = [
        Binding("y", "answer(True)", "y", show=False),
        Binding("k", "answer(True)", "k", show=False),
        Binding("n,e,escape", "answer(False)", "n", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("OK", variant="error", id="yes")
                yield Button(self.ladder_app.tr("key.cancel"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
