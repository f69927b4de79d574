"""Choosing an event kind by typing its name, or the start of it.

"rek" means Reklamaatio, not Reklamaatio hoidettu, and `soitto` means the
aftermarketing call, as on the command line (`Rulebook.kinds_starting`). The
kind chosen follows from the text in the field alone, worked out when it is
asked for, so however fast the member types it is what the last letter says;
up and down move among the matches and choose on the spot.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ladder import EventKind, Rulebook
from present.i18n import t
from tui.widgets.in_order import FieldInput

MATCHES_SHOWN = 5


class KindMatches(OptionList, can_focus=False):
    """The matches under the input: tab goes past them to the next field."""


class KindField(Vertical):
    """An input with the kinds that match below it; `kind` is the one chosen."""

    DEFAULT_CSS = """
    KindField { height: auto; }
    KindField > OptionList { height: auto; max-height: 7; display: none; }
    KindField > .kind-echo { color: $text-muted; padding: 0 1; }
    KindField > .kind-echo.-invalid { color: $error; }
    """

    class Changed(Message):
        """The chosen kind changed (None: nothing matches what was typed)."""

        def __init__(self, field: KindField, kind: str | None) -> None:
            super().__init__()
            self.field = field
            self.kind = kind

        @property
        def control(self) -> KindField:
            return self.field

    def __init__(self, rules: Rulebook, lang: str, kind: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rules = rules
        self.lang = lang
        self._initial = kind
        self._shown: str | None = kind  # the kind the echo and the Changed messages last said
        self._picked: tuple[str, str] | None = None  # (text, kind) chosen with the arrows

    def compose(self) -> ComposeResult:
        yield FieldInput(
            value=self.rules.kinds[self._initial].label(self.lang),
            placeholder=t("log.kind_hint", self.lang),
        )
        yield KindMatches()
        yield Static("", classes="kind-echo")

    def on_mount(self) -> None:
        self._echo(self._initial)

    @property
    def input(self) -> FieldInput:
        return self.query_one(FieldInput)

    @property
    def kind(self) -> str | None:
        """The kind the field's text means now (or the match the arrows chose for it)."""
        text = self.input.value
        if self._picked is not None and self._picked[0] == text:
            return self._picked[1]
        matches = self._matches(text)
        return matches[0].id if matches else None

    def _matches(self, text: str) -> list[EventKind]:
        return self.rules.kinds_starting(text, self.lang) if text.strip() else []

    def label(self, kind: EventKind) -> Text:
        return Text(f"{kind.label(self.lang)} ({kind.weight:+g})")

    @on(FieldInput.Changed)
    def typed(self, event: FieldInput.Changed) -> None:
        """Show the matches of the text as it is now; the kind follows from it."""
        event.stop()
        self._list(event.value)
        self._show()

    def _list(self, text: str) -> list[EventKind]:
        matches = self._matches(text)
        options = self.query_one(KindMatches)
        options.clear_options()
        options.add_options(Option(self.label(k), id=k.id) for k in matches[:MATCHES_SHOWN])
        whole = len(matches) == 1 and matches[0].label(self.lang) == text.strip()
        options.display = bool(matches) and not whole
        if matches:
            options.highlighted = 0
        return matches

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        """A match clicked: its label becomes the text."""
        event.stop()
        self.query_one(KindMatches).display = False
        if event.option.id is not None:  # every match is a kind's id
            self.input.value = self.rules.kinds[event.option.id].label(self.lang)
        self.input.focus()

    def on_descendant_blur(self) -> None:
        """Leaving the field leaves the chosen kind; the list of matches goes away."""
        self.query_one(KindMatches).display = False

    def move(self, step: int) -> None:
        """Up and down in the input walk the matches of the text as it is now."""
        text = self.input.value
        matches = self._list(text)[:MATCHES_SHOWN]
        if not matches:
            return
        options = self.query_one(KindMatches)
        current = self._picked_index(text, matches)
        options.highlighted = max(0, min(len(matches) - 1, current + step))
        self._picked = (text, matches[options.highlighted].id)
        self._show()

    def _picked_index(self, text: str, matches: list[EventKind]) -> int:
        ids = [kind.id for kind in matches]
        if self._picked is not None and self._picked[0] == text and self._picked[1] in ids:
            return ids.index(self._picked[1])
        return 0

    def _show(self) -> None:
        kind = self.kind
        if kind != self._shown:
            self._shown = kind
            self.post_message(self.Changed(self, kind))
        self._echo(kind)

    def _echo(self, kind: str | None) -> None:
        echo = self.query_one(".kind-echo", Static)
        if kind is None:
            echo.update(t("log.no_kind", self.lang))
            echo.add_class("-invalid")
        else:
            echo.remove_class("-invalid")
            echo.update(Text("→ ") + self.label(self.rules.kinds[kind]))
