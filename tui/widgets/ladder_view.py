"""The ladder drawn as five rungs, the top rung highest, with counts, bars and moves."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from data.records import RungCount
from ladder import Rung

BAR_WIDTH = 18  # on a wide screen; a narrower one gets a shorter bar (see `show`)


class RungRow(Static):
    """One rung: its name, a bar as long as its share, the count and the week's moves."""

    class Selected(Message):
        """A member clicked a rung: show who stands on it."""

        def __init__(self, rung: Rung) -> None:
            self.rung = rung
            super().__init__()

    def __init__(self, rung: Rung) -> None:
        super().__init__(id=f"rung-{rung.id}", classes="rung")
        self.rung = rung

    def show(self, count: RungCount, widest: int, lang: str, bar: int = BAR_WIDTH) -> None:
        filled = round(bar * count.count / widest) if widest else 0
        line = Text()
        line.append(f"{self.rung.label(lang):<14}", style="bold")
        line.append("█" * filled, style="green")
        line.append("░" * (bar - filled), style="dim")
        line.append(f" {count.count:>5}")
        if count.up_7d:
            line.append(f"  ↑{count.up_7d}", style="bold green")
        if count.down_7d:
            line.append(f"  ↓{count.down_7d}", style="bold red")
        self.update(line)

    def on_click(self) -> None:
        self.post_message(self.Selected(self.rung))


def rung_rows() -> list[RungRow]:
    """The rows top rung first, as a ladder is read."""
    return [RungRow(rung) for rung in reversed(Rung)]
