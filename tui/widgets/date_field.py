"""A date input that reads what people type and shows back the real date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ladder import DateError, format_date, parse_date
from ladder.dates import check_due_date, check_event_date
from present.i18n import describe_error, t
from tui.widgets.in_order import FieldInput

WEEKDAYS = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def shown_date(day: date, lang: str) -> str:
    """`ti 24.12.2026`: the weekday helps catch a wrong day."""
    return f"{WEEKDAYS[lang][day.weekday()]} {format_date(day)}"


def event_day(today: date) -> Callable[[date], object]:
    """An event's day: not after today, not before 1900 (five years back is asked)."""
    return lambda day: check_event_date(day, today, long_ago_ok=True)


def due_day(today: date) -> Callable[[date], object]:
    """A follow-up's day: today or later."""
    return lambda day: check_due_date(day, today)


class DateField(Vertical):
    """Accepts every form the engine parses; empty means `default`.

    `check` says which days the field takes (see `event_day`, `due_day`): a day
    it refuses is shown under the field, in the member's language, as typed.
    """

    DEFAULT_CSS = """
    DateField { height: auto; }
    DateField > .date-echo { color: $text-muted; padding: 0 1; }
    DateField > .date-echo.-invalid { color: $error; }
    """

    def __init__(
        self,
        today: date,
        lang: str,
        *,
        value: str = "",
        default: date | None = None,
        id: str | None = None,
        check: Callable[[date], object] | None = None,
        hint: str = "date.hint",
    ) -> None:
        super().__init__(id=id)
        self.today = today
        self.lang = lang
        self.default = default
        self._initial = value
        self.check = check
        self.hint = hint

    def compose(self) -> ComposeResult:
        yield FieldInput(value=self._initial, placeholder=t(self.hint, self.lang))
        yield Static("", classes="date-echo")

    def on_mount(self) -> None:
        self._echo()

    def on_input_changed(self) -> None:
        self._echo()

    @property
    def input(self) -> FieldInput:
        return self.query_one(FieldInput)

    @property
    def text(self) -> str:
        return self.input.value

    def value(self) -> date | None:
        """The date typed, or the default when empty; DateError when not a date."""
        typed = self.text.strip()
        if not typed:
            return self.default
        return parse_date(typed, self.today)

    def problem(self) -> str | None:
        """What is wrong with the text typed, in the field's language; None if nothing."""
        try:
            day = self.value()
            if day is not None and self.check is not None:
                self.check(day)
        except DateError as exc:
            if exc.day is not None:
                return describe_error(exc, self.lang)
            return t("date.no_such_day" if exc.no_such_day else "date.invalid", self.lang)
        return None

    def _echo(self) -> None:
        echo = self.query_one(".date-echo", Static)
        problem = self.problem()
        if problem is not None:
            echo.update(problem)
            echo.add_class("-invalid")
            return
        day = self.value()
        echo.remove_class("-invalid")
        echo.update(f"→ {shown_date(day, self.lang)}" if day else "")
