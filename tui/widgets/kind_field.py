"""Choosing an event kind by typing the start of its name.

"rek" means Reklamaatio, not Reklamaatio hoidettu: the kind whose name starts
with what was typed, the shortest such name first (the rulebook decides, see
`Rulebook.kinds_starting`). Up and down move among the matches.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ladder import EventKind, Rulebook
from present.i18n import t

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
        self.kind: str | None = kind
        self.matches: list[EventKind] = []

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.rules.kinds[self.kind].label(self.lang) if self.kind else "",
            placeholder=t("log.kind_hint", self.lang),
        )
        yield KindMatches()
        yield Static("", classes="kind-echo")

    def on_mount(self) -> None:
        self._echo()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def label(self, kind: EventKind) -> Text:
        return Text(f"{kind.label(self.lang)} ({kind.weight:+g})")

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        self.matches = self.rules.kinds_starting(text, self.lang) if text else []
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(self.label(k), id=k.id) for k in self.matches[:MATCHES_SHOWN])
        exact = len(self.matches) == 1 and self.matches[0].label(self.lang) == text
        options.display = bool(self.matches) and not exact
        if self.matches:
            options.highlighted = 0
        self._choose(self.matches[0].id if self.matches else None)

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._choose(event.option.id)

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)
        self.query_one(OptionList).display = False
        with self.input.prevent(Input.Changed):
            self.input.value = self.rules.kinds[event.option.id].label(self.lang)
        self.input.focus()

    def on_descendant_blur(self) -> None:
        """Leaving the field leaves the chosen kind; the list of matches goes away."""
        self.query_one(KindMatches).display = False

    def move(self, step: int) -> None:
        """Up and down in the input walk the matches."""
        options = self.query_one(OptionList)
        if options.display and options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def _choose(self, kind: str | None) -> None:
        if kind != self.kind:
            self.kind = kind
            self.post_message(self.Changed(self, kind))
        self._echo()

    def _echo(self) -> None:
        echo = self.query_one(".kind-echo", Static)
        if self.kind is None:
            echo.update(t("log.no_kind", self.lang))
            echo.add_class("-invalid")
        else:
            echo.remove_class("-invalid")
            echo.update(Text("→ ") + self.label(self.rules.kinds[self.kind]))
