"""The TUI: the morning view's first frame and its rows, and the search per keystroke.

The anchor for the start is a Textual app with the morning view's layout and
300 static rows, no database and none of the app's stylesheet (`STATIC_LAYOUT`):
what any app showing that screen costs, like for like (loading our tcss in the
anchor made it twice an empty app, and our ratio look better than it was).
Targets: the first frame (header, ladder skeleton, footer, focus in the list)
within 1.2x of it, also shown against an empty Textual app; the populated view
within 1.5x at 10,000 customers and 2.5x at 100,000. A search keystroke under
one frame (16 ms) at p95.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from bench.results import Row, row

EMPTY_APP = """
import time, sys
started = time.perf_counter()
from textual.app import App
class Empty(App):
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        print(time.perf_counter() - started)
        self.exit()
import asyncio
async def main():
    async with Empty().run_test(size=(140, 40)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""

STATIC_LAYOUT = """
import time, sys
started = time.perf_counter()
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static
class Static300(App):
    BINDINGS = [(key, key, key) for key in "ldsxuncqp"]
    def compose(self):
        yield Header()
        with Horizontal(id="morning"):
            with Vertical(id="ladder-pane"):
                yield Static("Ladder", classes="pane-title")
                for rung in range(5):
                    yield Static(f"rung {rung} ████████ 123", classes="rung")
                yield Static("Moves", classes="pane-title")
                moves = (f"↑ 1.12. Customer {i} → asiakas" for i in range(14))
                yield Static("\\n".join(moves), id="moves")
            with Vertical(id="list-pane"):
                yield Static("Follow-ups", classes="pane-title")
                yield DataTable(id="followups", cursor_type="row", zebra_stripes=True)
        yield Footer()
    def on_mount(self):
        table = self.query_one(DataTable)
        for key, width in (("due", 10), ("customer", 24), ("task", 24), ("phone", 16),
                           ("rung", 13), ("reason", 30), ("owner", 8)):
            table.add_column(key, key=key, width=width)
        for i in range(300):
            table.add_row("1.12.2026", f"Asiakas {i:06d}", "Keep in touch", "+358 40 123 4567",
                          "asiakas", "no contact for 120 days", "Liisa")
        table.focus()
        self.call_after_refresh(self.done)
    def done(self):
        print(time.perf_counter() - started)
        self.exit()
import asyncio
async def main():
    async with Static300().run_test(size=(140, 40)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""

LADDER_APP = """
import time, sys
started = time.perf_counter()
from datetime import date
from ladder import default_rulebook
import tui.launch  # what `ladder` loads before the app: the command line's first parse
from tui.app import LadderApp
from tui.screens.morning import MorningScreen
from present.settings import Settings
settings = Settings(sys.argv[1], default_rulebook(), date(2026, 11, 22), "bench", "en")
import asyncio
# Timed from inside, as the anchor is; the script looks every 50 ms, not every
# 2: a quick poller's wake-ups took the interpreter's lock from the thread
# that reads the rows, and the member's terminal has no poller.
first, populated = [], []
def mark(times, screen):
    if not times:
        screen.call_after_refresh(lambda: times.append(time.perf_counter() - started))
mounted, shown = MorningScreen.on_mount, MorningScreen.show
def on_mount(screen):  # its first frame: the first refresh after the screen mounted
    mounted(screen)
    mark(first, screen)
def show(screen, view):  # the first refresh after the rows went in: the frame that has them
    shown(screen, view)
    mark(populated, screen)
MorningScreen.on_mount, MorningScreen.show = on_mount, show
async def main():
    app = LadderApp(settings)
    async with app.run_test(size=(140, 40)):
        while not (first and populated):
            await asyncio.sleep(0.05)
        print(first[0], max(first[0], populated[0]))
asyncio.run(main())
"""


def _timed(script: str, *args: str) -> list[float]:
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return [float(figure) for figure in result.stdout.strip().splitlines()[-1].split()]


def cold_start(path: Path, customers: int, repeats: int = 5) -> list[Row]:
    """The first frame and the populated morning view, against the static layout
    (and the first frame against an empty app too)."""
    empty, anchor, first, populated = [], [], [], []
    for _ in range(repeats):  # interleaved, so that a busy moment falls on all four
        empty += _timed(EMPTY_APP)
        anchor += _timed(STATIC_LAYOUT)
        frame, rows = _timed(LADDER_APP, str(path))
        first.append(frame)
        populated.append(rows)
    label = f"({customers:,} customers)"
    return [
        row(f"tui: first frame of the morning view {label}", first, anchor, "s", "<= 1.2x"),
        row(
            f"tui: first frame of the morning view {label}, against an empty app",
            first,
            empty,
            "s",
            "(reference: x an empty Textual app)",
        ),
        row(
            f"tui: morning view with its rows {label}",
            populated,
            anchor,
            "s",
            "<= 1.5x at 10k, <= 2.5x at 100k",
        ),
    ]


def static_anchor(repeats: int = 5) -> Row:
    """The static layout against an empty Textual app: what the screen itself costs."""
    empty, anchor = [], []
    for _ in range(repeats):
        empty += _timed(EMPTY_APP)
        anchor += _timed(STATIC_LAYOUT)
    return row(
        "tui anchor: the morning layout with 300 static rows, no database",
        anchor,
        empty,
        "s",
        "(reference: x an empty app)",
    )


async def _keystrokes(path: Path) -> tuple[list[float], list[float]]:
    from datetime import date

    from ladder import default_rulebook
    from present.settings import Settings
    from tui.app import LadderApp
    from tui.screens.customers import CustomersScreen
    from tui.widgets.customer_table import CustomerTable

    settings = Settings(str(path), default_rulebook(), date(2026, 11, 22), "bench", "en")
    app = LadderApp(settings)
    typed, frame = [], []
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.push_screen(CustomersScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        search = screen.query_one("#search")
        table = screen.query_one(CustomerTable)
        for text in ("a", "as", "asi", "asia", "asiak", "1", "12", "123", "1234", "", "0", "00"):
            started = time.perf_counter()
            with search.prevent(search.Changed):
                search.value = text
            screen.refilter()
            for y in range(table.size.height):
                table.render_line(y)
            typed.append(time.perf_counter() - started)
            frame.append(1 / 60)
            await pilot.pause()
    return typed, frame


def keystroke(path: Path, customers: int) -> Row:
    typed, frame = asyncio.run(_keystrokes(path))
    return row(
        f"tui: search keystroke to repainted list ({customers:,} customers)",
        typed,
        frame,
        "ms",
        "p95 < 16 ms (one frame)",
    )
