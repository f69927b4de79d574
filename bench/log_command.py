"""`ladder log` from start to exit (issue 26, target 2: <= 0.35 s at 10k on a quiet run).

Each round runs, one after the other so that a busy moment falls on all of
them: the command as a member types it (its plain path, `data.store.plain_log`),
the same command made to take the store's path, and the floor: a bare Python
script that opens the same file with sqlite3 and logs one event as a raw
BEGIN IMMEDIATE / INSERT / COMMIT with the same pragmas and one checkpoint.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench.results import Row, row
from bench.synthetic import TODAY
from data.store import Store
from data.store.plain_log import log_plainly
from ladder import default_rulebook

FLOOR = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL", "wal_autocheckpoint=0"):
    connection.execute(f"PRAGMA {pragma}")
connection.execute("BEGIN IMMEDIATE")
connection.execute(
    "INSERT INTO event (customer_id, kind, occurred_on, emotional, note, logged_by, created_at,"
    " changed_by, changed_at) VALUES (?, 'contact', '2026-11-22', 0, '', 'bench',"
    " '2026-11-22 00:00:00', 'bench', '2026-11-22 00:00:00')",
    (int(sys.argv[2]),),
)
connection.execute("COMMIT")
connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
print(f"Logged: #{sys.argv[2]}")
"""
THROUGH_STORE = """
import sys
import data.store.plain_log
data.store.plain_log.log_plainly = lambda *_, **__: None
from tui.launch import main
sys.argv[0] = "ladder"
sys.exit(main())
"""


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def run(path: Path, customers: int, rounds: int = 15) -> list[Row]:
    """Rows for `ladder log` on the database at `path` (`bench.store.build`'s; changed)."""
    label = f"{customers:,} customers"
    ladder = str(Path(sys.executable).with_name("ladder"))
    Store.open(str(path), default_rulebook(), TODAY, chosen=False).close()  # all that is due
    assert log_plainly(
        str(path), default_rulebook(), "1", "contact", TODAY, today=TODAY, chosen=False,
        country="FI",
    ), "the plain path would not be measured"  # fmt: skip
    plain: list[float] = []
    stored: list[float] = []
    floor: list[float] = []
    for round_ in range(rounds):
        customer = f"Asiakas {round_ * 7919 % customers:06d}"
        arguments = ["--db", str(path), "--today", f"{TODAY:%d.%m.%Y}", "log", customer, "contact"]
        plain.append(_timed([ladder, *arguments]))
        stored.append(_timed([sys.executable, "-c", THROUGH_STORE, *arguments]))
        floor.append(_timed([sys.executable, "-c", FLOOR, str(path), str(round_ + 1)]))
    return [
        row(
            f"ladder log, start to exit ({label})",
            plain,
            floor,
            "s",
            "<= 0.35 s on a quiet run; floor: a bare script's raw sqlite3 log",
        ),
        row(
            f"ladder log through the store, start to exit ({label})",
            stored,
            floor,
            "s",
            "(reference: the path before issue 26, and the fallback)",
        ),
    ]


if __name__ == "__main__":
    from bench.results import table

    print(table(run(Path(sys.argv[1]), int(sys.argv[2]))))
