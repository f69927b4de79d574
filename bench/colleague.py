"""A re-derive of everyone after a rulebook change, while a colleague logs.

One process re-derives (in batches, as `ladder` does on opening with a new
rulebook) and reports its peak memory; this process logs an event every few
milliseconds the whole time, as a colleague at another desk would. Targets
(issue 13): the colleague's log p99 at most 1 s and none failing, on SQLite
and PostgreSQL; the re-derive's peak memory at most 250 MiB at 100,000
customers. Baselines: the same logs with nobody re-deriving, and a process
that opens the same database and does nothing else.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.results import Row, row
from bench.synthetic import TODAY
from data import service
from data.store import Store
from ladder import load_rulebook

REDERIVER = """
import sys
from datetime import date
from ladder import load_rulebook
from data.store import Store
from data import service
location, rules_file, today = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])

def said(done, total):
    if done == 0:
        print("started", total, flush=True)

rules = load_rulebook(rules_file)
store = Store.open(location, rules, today, chosen=False)
service.apply_rules(store, rules, today, member="bench", progress=said)  # as `rules apply`
store.close()
# VmHWM, not getrusage's maxrss: that one carries over the high-water mark of
# the process this one was forked from (the benchmark's own, 800 MiB at 100k).
status = open("/proc/self/status").read()
peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
print("peak", int(peak) * 1024, flush=True)
"""

SEASONED_TEXT_CHANGES = (("half_life_days = 365", "half_life_days = 330"),)


def run(
    location: str, customers: int, rules_text: str, *, where: str = "SQLite", rounds: int = 200
) -> list[Row]:
    """Both rows for the database at `location`, derived under `rules_text` now."""
    label = f"{customers:,} customers, {where}"
    changed = rules_text
    for before, after in SEASONED_TEXT_CHANGES:
        assert before in changed, before
        changed = changed.replace(before, after)
    with tempfile.TemporaryDirectory() as folder:
        now_file, changed_file = Path(folder) / "now.toml", Path(folder) / "changed.toml"
        now_file.write_text(rules_text, "utf-8")
        changed_file.write_text(changed, "utf-8")
        idle = _peak_of(location, now_file)  # opens, finds nothing to do
        quiet = _logs(location, load_rulebook(str(now_file)), customers, rounds)
        during, failed, peak = _logs_during_rederive(location, changed_file, customers)
    p99 = statistics.quantiles(during, n=100)[98] if len(during) > 1 else during[0]
    return [
        row(
            f"store: log one event while a colleague re-derives everyone ({label})",
            during,
            quiet,
            "ms",
            f"p99 <= 1 s, none failing (p99 here: {p99 * 1e3:,.0f} ms over {len(during)} logs; "
            f"failed: {failed})",
        ),
        row(
            f"store: peak memory of a re-derive of everyone ({label})",
            [peak],
            [idle],
            "MiB",
            "<= 250 MiB (baseline: a process that only opens the database)",
        ),
    ]


def _logs(location: str, rules, customers: int, rounds: int) -> list[float]:
    store = Store.open(location, rules, TODAY)
    rnd = random.Random(7)
    taken = []
    try:
        for _ in range(rounds):
            customer = rnd.randrange(1, customers + 1)
            started = time.perf_counter()
            service.log(store, customer, "contact", TODAY, today=TODAY, member="colleague")
            taken.append(time.perf_counter() - started)
    finally:
        store.close()
    return taken


def _logs_during_rederive(
    location: str, rules_file: Path, customers: int
) -> tuple[list[float], int, float]:
    rederiver = subprocess.Popen(
        [sys.executable, "-c", REDERIVER, location, str(rules_file), TODAY.isoformat()],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert rederiver.stdout is not None
    first = rederiver.stdout.readline()
    assert first.startswith("started"), first  # it holds the re-derive: the colleague goes on
    store = Store.open(location, load_rulebook(str(rules_file)), TODAY)
    rnd = random.Random(8)
    taken, failed = [], 0
    try:
        while rederiver.poll() is None:
            customer = rnd.randrange(1, customers + 1)
            started = time.perf_counter()
            try:
                service.log(store, customer, "contact", TODAY, today=TODAY, member="colleague")
            except Exception:  # counted, and the row says how many: the target is none
                failed += 1
                continue
            taken.append(time.perf_counter() - started)
            time.sleep(0.005)
    finally:
        store.close()
    out = rederiver.stdout.read()
    rederiver.wait()
    peak = float(next(line.split()[1] for line in out.splitlines() if line.startswith("peak")))
    return taken or [float("nan")], failed, peak


def _peak_of(location: str, rules_file: Path) -> float:
    found = subprocess.run(
        [sys.executable, "-c", REDERIVER, location, str(rules_file), TODAY.isoformat()],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(next(line.split()[1] for line in found.stdout.splitlines() if "peak" in line))
