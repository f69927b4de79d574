"""The keys of the screen you are on, in your language (`?` or F1)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from present.i18n import STRINGS, t
from tui.screens.base import LadderModal
from tui.widgets.fitting_footer import FittingFooter

KEY_NAMES = {"escape": "esc", "delete": "del", "slash": "/", "question_mark": "?"}


def key_lines(
    screen: Screen[object], app_bindings: list[BindingType], lang: str
) -> list[tuple[str, str]]:
    """(keys, what they do) for every described binding of `screen`, then the app's.

    Keys for the same action are listed together (`enter, o`), once.
    """
    keys_of: dict[str, list[str]] = {}
    words_of: dict[str, str] = {}
    for binding in [*type(screen).BINDINGS, *app_bindings]:
        if not isinstance(binding, Binding) or binding.description not in STRINGS:
            continue
        action = binding.action.removeprefix("app.")
        keys = keys_of.setdefault(action, [])
        for key in binding.key.split(","):
            shown = KEY_NAMES.get(key, key)
            if shown not in keys:
                keys.append(shown)
        words_of.setdefault(action, t(binding.description, lang))
    return [(", ".join(keys), words_of[action]) for action, keys in keys_of.items()]


class HelpModal(LadderModal[None]):
    """A list of keys; escape, q, ? or F1 closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "key.back")]

    def __init__(self, title: str, lines: list[tuple[str, str]], signs: str = "") -> None:
        super().__init__()
        self.heading = title
        self.lines = lines
        self.signs = signs  # what the marks on the screen mean

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help-dialog"):
            yield Label(self.heading, classes="dialog-title")
            table = Text()
            width = max((len(keys) for keys, _ in self.lines), default=4) + 2
            for keys, words in self.lines:
                table.append(keys.ljust(width), style="bold")
                table.append(f"{words}\n")
            yield Static(table, id="help-keys")
            if self.signs:
                yield Static(Text(self.signs), id="help-signs")
        yield FittingFooter(show_command_palette=False)
