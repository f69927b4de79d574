"""The read commands, start to exit, against a bare Python script that opens the
same database with `sqlite3` and prints the same rows (issue 26, target 1);
`ladder followups` against its own CSV path at 100,000 customers, and its peak
memory against the number of rows it lists (target 3).

Every figure is a whole process, as a member runs it, its output to a pipe that
is read to the end; the two sides of a ratio take turns (`results.in_turn`).
Both run as an installed program does, every module compiled once into a cache
of the run (pip compiles at install; `bench/tui.py` does the same): a session
started with PYTHONDONTWRITEBYTECODE=1 would compile our fifty-odd modules from
source at every start (about 0.04 s here) and the bare script none. That case is
a reference row of its own (`customer show`, the smallest floor), so neither
figure hides the other.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import timedelta
from functools import partial
from pathlib import Path

from bench.results import Row, in_turn, row
from bench.synthetic import TODAY

ROUNDS = 7
NAMED = "Asiakas 000500"  # the customer shown
DAY = f"{TODAY.day}.{TODAY.month}.{TODAY.year}"

# The floors: what each command prints, read with nothing but sqlite3 and print.
BARE = """
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
today = sys.argv[2]
values = {"today": today, "name": sys.argv[4], "horizon": sys.argv[5]}
for row in db.execute(sys.argv[3], values):
    print(*row)
"""
SAME_ROWS = {
    "followups": """SELECT followup.id, followup.due, customer.name, customer.phone,
        customer_state.rung, followup.rule, followup.trigger, followup.member
        FROM followup JOIN customer ON customer.id = followup.customer_id
        JOIN customer_state ON customer_state.customer_id = followup.customer_id
        WHERE followup.state = 'open' AND followup.due <= :horizon
        ORDER BY followup.due, customer.name, followup.id""",
    "pipeline": "SELECT rung, count(*) FROM customer_state GROUP BY rung",
    "customer list": """SELECT customer.id, customer.name, customer_state.rung,
        customer_state.score, customer_state.last_event_on FROM customer
        JOIN customer_state ON customer_state.customer_id = customer.id
        ORDER BY customer.name, customer.id""",
    "customer show": """SELECT customer.*, event.* FROM customer
        JOIN event ON event.customer_id = customer.id WHERE customer.name = :name
        ORDER BY event.occurred_on""",
    "report": """SELECT strftime('%Y-%m', "on"), from_rung, to_rung, count(*) FROM transition
        WHERE "on" BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1, 2, 3""",
}
ARGS = {
    "followups": ["followups"],
    "pipeline": ["pipeline"],
    "customer list": ["customer", "list"],
    "customer show": ["customer", "show", NAMED],
    "report": ["report"],
}
PEAK = """
import runpy, sys
sys.argv = ["ladder", *sys.argv[1:]]
try:
    runpy.run_module("tui.launch", run_name="__main__")
except SystemExit:
    pass
status = open("/proc/self/status").read()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")),
      file=sys.stderr)
"""
BARE_PEAK = BARE + PEAK[PEAK.index("status =") :]

# A prototype of the design target 1 needs (a reference row, not a floor): `ladder
# pipeline`'s very bytes from sqlite3, the store's query texts and the words, with
# what the command checks first (schema, rulebook in force, nothing to settle) and
# the settings file's TOML reader loaded, but no dataclass, argparse, records or
# rulebook parse (the rulebook in force known by its row's fingerprint, as ladder
# pipeline now knows it).
LEAN_PIPELINE = """
import json, sqlite3, sys, tomllib
from datetime import date, timedelta
db, today, counts_sql, moves_sql, words = sys.argv[1:6]
names, heading = json.loads(words)
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
con.execute("BEGIN")
con.execute("SELECT version_num FROM alembic_version").fetchall()
con.execute("SELECT value FROM meta WHERE key = 'rules_fingerprint'").fetchall()
con.execute("SELECT fingerprint, text FROM rulebook ORDER BY id DESC LIMIT 1").fetchall()
con.execute("SELECT count(*) FROM customer_state WHERE recheck_on <= ?", (today,)).fetchall()
day = date.fromisoformat(today)
values = {"today": today, "since": (day - timedelta(days=7)).isoformat()}
standing = {int(rung): n for rung, n in con.execute(counts_sql, values).fetchall()}
up, down = [0] * len(names), [0] * len(names)
for before, after, n in con.execute(moves_sql, values).fetchall():
    if after > before:
        up[after] += n
    elif after < before:
        down[after] += n
rows = [(name, str(standing.get(r, 0)), f"↑{up[r]}", f"↓{down[r]}") for r, name in enumerate(names)]
widths = [max(len(line[i]) for line in [heading, *rows]) for i in range(4)]
lines = [" ┃ ".join(h.ljust(w) for h, w in zip(heading, widths)).rstrip()]
lines.append("━╇━".join("━" * w for w in widths))
lines += [" │ ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in reversed(rows)]
print("\\n".join(lines))
"""


def ladder_argv(args: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "tui.launch", "--today", DAY, *args]


def _run(argv: list[str], db: Path, cache: str = "") -> str:
    """The process to its end, its output read through a pipe; what it said on stderr.
    With a `cache`, modules are compiled into it once and read from it after;
    without one, as this session runs (no bytecode written, ours compiled every time)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LADDER_")}
    env.update(LADDER_DB=str(db), LADDER_LANG="en")
    if cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache
    done = subprocess.run(argv, capture_output=True, env=env)
    if done.returncode:
        raise RuntimeError(done.stderr.decode().strip())
    return done.stderr.decode()


def _each(argv: list[str], db: Path, cache: str, _round: int) -> str:
    return _run(argv, db, cache)


def _bare(script: str, command: str, db: Path, days: int = 7) -> list[str]:
    sql, horizon = SAME_ROWS[command], (TODAY + timedelta(days=days)).isoformat()
    return [sys.executable, "-c", script, str(db), TODAY.isoformat(), sql, NAMED, horizon]


def run(db: Path, size: int) -> list[Row]:
    """Each read command against the bare script printing its rows, at `size` customers;
    at 100,000 the list against its CSV path and the list's peak memory."""
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        _run(ladder_argv(["pipeline"]), db)  # today settled by the store once, as a morning does
        for command, args in ARGS.items():
            for argv in (ladder_argv(args), _bare(BARE, command, db)):
                _run(argv, db, cache)  # compiled once, as on installing
            ours, bare = in_turn(
                ROUNDS,
                partial(_each, ladder_argv(args), db, cache),
                partial(_each, _bare(BARE, command, db), db, cache),
            )
            figure = f"ladder {command}, start to exit, {size:,} customers"
            target = "<= 2.5x a bare sqlite3 script printing the rows"
            rows.append(row(figure, ours, bare, "s", target))
    ours, bare = in_turn(
        ROUNDS,
        partial(_each, ladder_argv(ARGS["customer show"]), db, ""),
        partial(_each, _bare(BARE, "customer show", db), db, ""),
    )
    figure = (
        f"ladder customer show, start to exit, {size:,} customers, our modules compiled "
        "from source at every start (PYTHONDONTWRITEBYTECODE=1), against the bare script run alike"
    )
    rows.append(row(figure, ours, bare, "s", "(reference: what a session here sees)"))
    rows.append(_lean_pipeline(db, size))
    if size >= 100_000:
        rows += _long_list(db, size)
    return rows


def _lean_pipeline(db: Path, size: int) -> Row:
    """The prototype (`LEAN_PIPELINE`) against the bare script, once checked to print
    what `ladder pipeline` prints."""
    from data.sql.morning_sql import RUNG_COUNTS, WEEK_MOVES
    from ladder import Rung
    from present.i18n import t

    words = [
        [rung.label("en") for rung in Rung],
        [t(key, "en") for key in ("col.rung", "col.count", "col.up", "col.down")],
    ]
    lean = [sys.executable, "-c", LEAN_PIPELINE, str(db), TODAY.isoformat(), RUNG_COUNTS]
    lean += [WEEK_MOVES, json.dumps(words)]
    with tempfile.TemporaryDirectory() as cache:
        if _stdout(lean, db, cache) != _stdout(ladder_argv(["pipeline"]), db, cache):
            raise RuntimeError("the lean pipeline prints other than ladder pipeline")
        ours, bare = in_turn(
            ROUNDS,
            partial(_each, lean, db, cache),
            partial(_each, _bare(BARE, "pipeline", db), db, cache),
        )
    figure = (
        f"ladder pipeline's bytes by a lean road, {size:,} customers (prototype: sqlite3, "
        "the query texts and the words; no dataclass, argparse, records or rulebook parse)"
    )
    return row(figure, ours, bare, "s", "(reference: what the design target 1 needs would reach)")


def _stdout(argv: list[str], db: Path, cache: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LADDER_")}
    env.update(LADDER_DB=str(db), LADDER_LANG="en", PYTHONPYCACHEPREFIX=cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run(argv, capture_output=True, env=env, check=True).stdout.decode()


def _long_list(db: Path, size: int) -> list[Row]:
    table, csv = in_turn(
        3,
        partial(_each, ladder_argv(["followups"]), db, ""),
        partial(_each, ladder_argv(["followups", "--format", "csv"]), db, ""),
    )
    rows = [
        row(
            f"ladder followups (the list), {size:,} customers",
            table,
            csv,
            "s",
            "<= 1.5x the same list as --format csv",
        )
    ]
    for days in (7, 3660):
        listing = [sys.executable, "-c", PEAK, "--today", DAY, "followups", "--days", str(days)]
        ours = [_peak(listing, db) for _ in range(3)]
        bare = [_peak(_bare(BARE_PEAK, "followups", db, days), db) for _ in range(3)]
        rows.append(
            row(
                f"ladder followups --days {days}: peak memory, {size:,} customers",
                ours,
                bare,
                "MiB",
                "flat in the rows listed (baseline: a bare sqlite3 script's peak)",
            )
        )
    return rows


def _peak(argv: list[str], db: Path) -> float:
    """The process's peak resident memory (VmHWM), in bytes."""
    return float(_run(argv, db).strip().splitlines()[-1]) * 1024
