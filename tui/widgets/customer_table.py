"""A customer list that stays instant with a hundred thousand rows.

It draws only the lines on screen (Textual's line API), each a pre-formatted
string kept for its customer, so replacing the rows on every keystroke costs
almost nothing: a customer listed again is not formatted again, and the
widget's style is worked out once, not once a line.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from data.records import CustomerSummary
from ladder import format_date
from ladder.phones import shown
from ladder.text import visible
from present.i18n import number

# Name, phone, rung, score, last event, e-mail, tags: at 80 columns the name, the
# phone and the rung show, which is what a member calling down the list needs.
WIDTHS = (28, 17, 22, 7, 11, 32, 20)
LINES_KEPT = 5_000  # formatted lines kept; past this the store of them starts again


def _cell(text: str, width: int) -> str:
    text = visible(text)  # drawn as segments: a stored escape must not reach the terminal
    return text[: width - 1].ljust(width) if len(text) >= width else text.ljust(width)


def header_line(titles: list[str]) -> str:
    return "".join(_cell(title, width) for title, width in zip(titles, WIDTHS, strict=True))


class CustomerTable(ScrollView, can_focus=True):
    """Rows of customers with a cursor; enter or a click chooses one."""

    DEFAULT_CSS = """
    CustomerTable { height: 1fr; }
    """

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "move(-20)", show=False),
        Binding("pagedown", "move(20)", show=False),
        Binding("home", "move(-1000000000)", show=False),
        Binding("end", "move(1000000000)", show=False),
        Binding("enter", "choose", show=False),
    ]

    cursor = reactive(0)

    class Chosen(Message):
        def __init__(self, customer: CustomerSummary) -> None:
            self.customer = customer
            super().__init__()

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[CustomerSummary] = []
        self._lines: dict[CustomerSummary, str] = {}
        self._base_style: Style | None = None  # the widget's own style, until its CSS changes
        self.lang = "en"
        self.at_risk_label = "at risk"

    def show(self, rows: Sequence[CustomerSummary]) -> None:
        """Replace the rows; the cursor goes back to the top."""
        self.rows = rows
        if len(self._lines) > LINES_KEPT:
            self._lines = {}
        self.cursor = 0
        self.virtual_size = Size(sum(WIDTHS), len(rows))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def _line(self, index: int) -> str:
        """The line of the customer at `index`, formatted once: kept by the whole
        (frozen) summary, so a customer read again with other details is formatted
        again."""
        c = self.rows[index]
        line = self._lines.get(c)
        if line is None:
            rung = c.rung.label(self.lang) + (f" ⚠ {self.at_risk_label}" if c.at_risk else "")
            cells = (
                f"{c.name} ({c.organisation})"
                if c.organisation and c.organisation != c.name
                else c.name,
                shown(c.phone),
                rung,
                number(c.score, self.lang),
                format_date(c.last_event_on) if c.last_event_on else "–",
                c.email,
                c.tags.replace(",", ", "),
            )
            line = "".join(_cell(text, width) for text, width in zip(cells, WIDTHS, strict=True))
            self._lines[c] = line
        return line

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        if self._base_style is None:  # a walk up the widget tree: once, not once a line
            self._base_style = self.rich_style
        style = self._base_style
        if index >= len(self.rows):
            return Strip.blank(width, style)
        if index == self.cursor:
            style += Style(reverse=True, bold=self.has_focus)
        elif self.rows[index].at_risk:
            style += Style(color="red")
        text = self._line(index)[scroll_x : scroll_x + width].ljust(width)
        return Strip([Segment(text, style)], width)

    def notify_style_update(self) -> None:
        """The CSS changed (a theme, a class): the style is worked out again, as
        Textual does with the styles it keeps."""
        self._base_style = None
        super().notify_style_update()

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        if new < self.scroll_offset.y:
            self.scroll_to(y=new, animate=False)
        elif new >= self.scroll_offset.y + self.size.height:
            self.scroll_to(y=new - self.size.height + 1, animate=False)

    def action_move(self, by: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + by))

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self.rows[self.cursor]))

    def on_click(self, event: Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.post_message(self.Chosen(self.rows[index]))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
