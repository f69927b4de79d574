"""The TUI: the morning view's first frame and its rows, and the search per keystroke.

The anchor for the start is a Textual app with the morning view's layout and
300 static rows, no database and none of the app's stylesheet (`STATIC_LAYOUT`):
what any app showing that screen costs, like for like (loading our tcss in the
anchor made it twice an empty app, and our ratio look better than it was).
Targets: the first frame (header, ladder skeleton, footer, focus in the list)
within 1.2x of it, also shown against an empty Textual app; the populated view
within 1.5x at 10,000 customers and 2.5x at 100,000. A search keystroke under
one frame (16 ms) at p95.

Each side runs as an installed program does, every module compiled once
(`_compiled`): pip compiles Textual at install and Python caches ours on the
first run, but a session started with PYTHONDONTWRITEBYTECODE=1 compiles our
70 modules from source at every start (0.2 s here) while Textual's shipped
bytecode spares the anchor that. That case is a row of its own, with the
anchor measured alike, so neither figure hides the other.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
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
        print(time.perf_counter() - started, time.process_time())
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
        print(time.perf_counter() - started, time.process_time())
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
        screen.call_after_refresh(
            lambda: times.append((time.perf_counter() - started, time.process_time()))
        )
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
        for _ in range(2400):  # two minutes, then a failure rather than a hang
            if first and populated:
                break
            await asyncio.sleep(0.05)
        else:
            sys.exit(f"no rows in two minutes: first frame {first}, rows {populated}")
        print(first[0][0], max(first[0][0], populated[0][0]), first[0][1])
asyncio.run(main())
"""


def _timed(script: str, *args: str, env: Mapping[str, str] | None = None) -> list[float]:
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
        env=env,
    )
    return [float(figure) for figure in result.stdout.strip().splitlines()[-1].split()]


def _compiled(cache: str) -> dict[str, str]:
    """The environment of a program whose modules, ours and Textual's alike, are
    compiled once into `cache` (warm it with one run of each script)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": cache}


def _from_source() -> dict[str, str]:
    """This session's own environment, no bytecode written: with no __pycache__ in
    the checkout (as in these sessions) ours is compiled at every start, while the
    anchor's Textual is read from the bytecode pip wrote."""
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def cold_start(path: Path, customers: int, repeats: int = 5) -> list[Row]:
    """The first frame and the populated morning view, against the static layout
    (and the first frame against an empty app too); the CPU seconds to the first
    frame beside the wall time (steadier on a busy machine); then the first frame
    again with our modules compiled from source at every start."""
    empty, anchor, first, populated = [], [], [], []
    anchor_cpu, first_cpu, bare_anchor, bare_first = [], [], [], []
    with tempfile.TemporaryDirectory() as cache:
        compiled = _compiled(cache)
        for script, *args in ((EMPTY_APP,), (STATIC_LAYOUT,), (LADDER_APP, str(path))):
            _timed(script, *args, env=compiled)  # what an installed program has
        for _ in range(repeats):  # interleaved, so that a busy moment falls on all
            empty.append(_timed(EMPTY_APP, env=compiled)[0])
            wall, cpu = _timed(STATIC_LAYOUT, env=compiled)
            anchor.append(wall)
            anchor_cpu.append(cpu)
            frame, rows, cpu = _timed(LADDER_APP, str(path), env=compiled)
            first.append(frame)
            populated.append(rows)
            first_cpu.append(cpu)
            bare_anchor.append(_timed(STATIC_LAYOUT, env=_from_source())[0])
            bare_first.append(_timed(LADDER_APP, str(path), env=_from_source())[0])
    label = f"({customers:,} customers)"
    return [
        row(f"tui: first frame of the morning view {label}", first, anchor, "s", "<= 1.2x"),
        row(
            f"tui: CPU to the first frame of the morning view {label}, against the anchor's",
            first_cpu,
            anchor_cpu,
            "s",
            "(reference: CPU seconds, steadier than wall time on a busy machine)",
        ),
        row(
            f"tui: first frame of the morning view {label}, our modules compiled "
            "from source at every start (PYTHONDONTWRITEBYTECODE=1), against the "
            "anchor run alike",
            bare_first,
            bare_anchor,
            "s",
            "(reference: what a session here sees)",
        ),
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
    with tempfile.TemporaryDirectory() as cache:
        compiled = _compiled(cache)
        _timed(EMPTY_APP, env=compiled)
        _timed(STATIC_LAYOUT, env=compiled)
        for _ in range(repeats):
            empty.append(_timed(EMPTY_APP, env=compiled)[0])
            anchor.append(_timed(STATIC_LAYOUT, env=compiled)[0])
    return row(
        "tui anchor: the morning layout with 300 static rows, no database",
        anchor,
        empty,
        "s",
        "(reference: x an empty app)",
    )


async def _keystrokes(path: Path) -> tuple[list[float], list[float], list[float]]:
    from datetime import date

    from ladder import default_rulebook
    from present.settings import Settings
    from tui.app import LadderApp
    from tui.screens.customers import CustomersScreen
    from tui.widgets.customer_table import CustomerTable

    settings = Settings(str(path), default_rulebook(), date(2026, 11, 22), "bench", "en")
    app = LadderApp(settings)
    typed, frame, scan = [], [], []
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
        plain = [f"asiakas {i:06d} {i}@osuus.fi" for i in range(len(screen.customers))]
        for text in ("a", "as", "asi", "asia", "asiak", "1", "12", "123", "1234", "", "0", "00"):
            started = time.perf_counter()
            with search.prevent(search.Changed):
                search.value = text
            screen.refilter()
            for y in range(table.size.height):
                table.render_line(y)
            typed.append(time.perf_counter() - started)
            frame.append(1 / 60)
            started = time.perf_counter()  # the floor: one bare pass over as many strings
            [line for line in plain if text in line]
            scan.append(time.perf_counter() - started)
            await pilot.pause()
    return typed, frame, scan


def keystroke(path: Path, customers: int) -> list[Row]:
    """A keystroke against one frame (the target), and against a bare Python pass
    over as many strings, timed after each key (how busy the machine was)."""
    typed, frame, scan = asyncio.run(_keystrokes(path))
    label = f"({customers:,} customers)"
    return [
        row(
            f"tui: search keystroke to repainted list {label}",
            typed,
            frame,
            "ms",
            "p95 < 16 ms (one frame)",
        ),
        row(
            f"tui: search keystroke {label}, against a bare pass over as many strings",
            typed,
            scan,
            "ms",
            "(reference: x a list comprehension's `in` over plain strings)",
        ),
    ]
