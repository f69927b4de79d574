"""Asking where a file goes (or comes from), and in which format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select

from present.formats import FILE_TYPES
from tui.screens.form import FormModal
from tui.widgets.in_order import FieldButton, FieldInput


@dataclass(frozen=True)
class FileChoice:
    path: Path
    fmt: str


class FileModal(FormModal[FileChoice]):
    """A path (with a sensible default) and, when there is a choice, a format."""

    BINDINGS = [Binding("enter", "enter", "key.save")]

    def __init__(self, title: str, default: Path, formats: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.heading = title
        self.default = default
        self.formats = formats

    def compose(self) -> ComposeResult:
        app = self.ladder_app
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            if self.formats:
                yield Label(app.tr("file.format"))
                yield Select(
                    [(f.upper(), f) for f in self.formats],
                    value=self.formats[0],
                    allow_blank=False,
                    id="format",
                )
            yield Label(app.tr("file.path"))
            yield FieldInput(value=str(self.default), id="path")
            with Horizontal(classes="buttons"):
                yield FieldButton("OK", variant="primary", id="ok")
                yield FieldButton(app.tr("key.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", FieldInput).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        field = self.query_one("#path", FieldInput)
        field.value = str(Path(field.value).with_suffix(FILE_TYPES[str(event.value)].suffix))

    def action_save(self) -> None:
        text = self.query_one("#path", FieldInput).value.strip()
        if not text:
            return
        fmt = str(self.query_one("#format", Select).value) if self.formats else ""
        self.close(FileChoice(Path(text).expanduser(), fmt))
