"""The TUI: cold start to a painted morning view, and the customer search per keystroke.

Targets (issue 4): cold start within 2x of an empty Textual app's start,
measured in the same run; a search keystroke under one frame (16 ms) at p95.
A reference row shows the floor under the first: the empty app importing
SQLModel, before any database is opened.
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

EMPTY_APP_WITH_SQLMODEL = EMPTY_APP.replace(
    "from textual.app import App\n", "from textual.app import App\nimport sqlmodel\n"
)

LADDER_APP = """
import time, sys
started = time.perf_counter()
from datetime import date
from ladder import default_rulebook
from tui.app import LadderApp
from tui.screens.morning import MorningScreen
from present.settings import Settings
settings = Settings(sys.argv[1], default_rulebook(), date(2026, 11, 22), "bench", "en")
import asyncio
async def main():
    app = LadderApp(settings)
    async with app.run_test(size=(140, 40)) as pilot:
        while not (isinstance(app.screen, MorningScreen) and app.screen.rows):
            await pilot.pause(0.01)
        await pilot.pause()
        print(time.perf_counter() - started)
asyncio.run(main())
"""


def _timed(script: str, *args: str) -> float:
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return float(result.stdout.strip().splitlines()[-1])


def cold_start(path: Path, customers: int, repeats: int = 3) -> Row:
    empty = [_timed(EMPTY_APP) for _ in range(repeats)]
    ladder = [_timed(LADDER_APP, str(path)) for _ in range(repeats)]
    return row(
        f"tui: cold start to the morning view ({customers:,} customers)",
        ladder,
        empty,
        "s",
        "<= 2x empty Textual app",
    )


def import_floor(repeats: int = 3) -> Row:
    """The same empty app importing SQLModel, which the data layer is built on."""
    empty = [_timed(EMPTY_APP) for _ in range(repeats)]
    with_sqlmodel = [_timed(EMPTY_APP_WITH_SQLMODEL) for _ in range(repeats)]
    return row(
        "tui floor: the empty app importing SQLModel, nothing else",
        with_sqlmodel,
        empty,
        "s",
        "(reference)",
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
