"""An idle app: what looking for colleagues' writes once a second costs.

Issue 22's goal: an open app that nobody touches costs under 1 % of a core.
The anchor is an empty Textual app left open as long, headless, in its own
process: what the framework's own timers cost. Each figure is the process's
CPU seconds (user + system) over the idle period after its first frame.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench.results import Row, row

IDLE_S = 10.0

IDLE_EMPTY = """
import resource, sys, time
from textual.app import App
class Empty(App):
    def on_mount(self):
        self.set_timer(1.0, self.start)
    def start(self):
        self.used = resource.getrusage(resource.RUSAGE_SELF)
        self.set_timer(float(sys.argv[1]), self.stop)
    def stop(self):
        now = resource.getrusage(resource.RUSAGE_SELF)
        print(now.ru_utime + now.ru_stime - self.used.ru_utime - self.used.ru_stime)
        self.exit()
Empty().run(headless=True)
"""

IDLE_LADDER = """
import resource, sys
from datetime import date
from pathlib import Path
from ladder import default_rulebook
from present.settings import Settings
from tui.app import LadderApp
import tui.app
class Idle(LadderApp):
    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))
    def on_mount(self):
        super().on_mount()
        self.set_timer(3.0, self.start)  # the store open and the rows in
    def start(self):
        self.used = resource.getrusage(resource.RUSAGE_SELF)
        self.set_timer(float(sys.argv[2]), self.stop)
    def stop(self):
        now = resource.getrusage(resource.RUSAGE_SELF)
        print(now.ru_utime + now.ru_stime - self.used.ru_utime - self.used.ru_stime)
        self.exit()
settings = Settings(sys.argv[1], default_rulebook(), date(2026, 11, 22), "bench", "en")
Idle(settings).run(headless=True)
"""


def _cpu(script: str, *args: str) -> float:
    """Run `script` from a file (Textual finds an app's stylesheet beside its source)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "idle_app.py"
        source.write_text(script, "utf-8")
        done = subprocess.run(
            [sys.executable, str(source), *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).parent.parent,
        )
    if done.returncode or not done.stdout.strip():  # say why, not an IndexError
        raise RuntimeError(f"an idle app printed no figure:\n{done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def idle(path: str, repeats: int = 3) -> Row:
    """CPU seconds over IDLE_S seconds: the open morning view against an empty app."""
    empty, ours = [], []
    for _ in range(repeats):
        empty.append(_cpu(IDLE_EMPTY, str(IDLE_S)))
        ours.append(_cpu(IDLE_LADDER, path, str(IDLE_S)))
    return row(
        f"tui: CPU of an idle morning view over {IDLE_S:g} s (looks once a second)",
        ours,
        empty,
        "s",
        f"< 1 % of a core: < {IDLE_S / 100:g} s",
    )
