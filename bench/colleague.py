"""A re-derive of everyone after a rulebook change, while a colleague logs.

One process re-derives (in batches, as `ladder rules apply` does) and reports
how long it took and its peak memory; this process logs an event every few
milliseconds the whole time, as a colleague at another desk would. Targets
(issue 26): the colleague's log p99 at most 0.25 s and none failing, on
SQLite and PostgreSQL; the re-derive's own time at most 10% longer than a
re-derive that reads and replays each batch inside its write transaction (as
before issue 26: `LOCKED`, run in the same benchmark on a second rulebook
change); its peak memory at most 250 MiB at 100,000 customers. Baselines: the
same logs with nobody re-deriving, and a process that opens the same database
and does nothing else.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from bench.results import Row, row
from bench.synthetic import TODAY
from data import service
from data.store import Store
from ladder import load_rulebook

# Each batch of 1,000 customers read, replayed and written in one write transaction,
# 5 ms apart: the re-derive as it was before issue 26, for the same run's comparison.
LOCKED = """
import time
from data.store.derive.everyone import derive_many, lock_customers, next_batch

def locked(store, today, told, *, stale_under, most):
    done = after = 0
    while True:
        with store.write() as session:
            ids = next_batch(session, after, 1_000, stale_under=stale_under)
            if not ids:
                break
            lock_customers(session, ids[0] - 1, ids[-1])
            derive_many(
                session, store.rules, today, after_id=ids[0] - 1, up_to=ids[-1],
                progress=told.batch(done),
            )
        after, done = ids[-1], done + len(ids)
        time.sleep(0.005)
"""

REDERIVER = (
    LOCKED
    + """
import sys
from datetime import date
from ladder import load_rulebook
from data.store import Store
from data import service
location, rules_file, today = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])
if sys.argv[4:] == ["locked"]:
    import data.store.core
    data.store.core.derive_in_batches = locked

def said(done, total):
    if done == 0:
        print("started", total, flush=True)

rules = load_rulebook(rules_file)
store = Store.open(location, rules, today, chosen=False)
started = time.perf_counter()
service.apply_rules(store, rules, today, member="bench", progress=said)  # as `rules apply`
print("took", time.perf_counter() - started, flush=True)
store.close()
# VmHWM, not getrusage's maxrss: that one carries over the high-water mark of
# the process this one was forked from (the benchmark's own, 800 MiB at 100k).
status = open("/proc/self/status").read()
peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
print("peak", int(peak) * 1024, flush=True)
"""
)

SEASONED_TEXT_CHANGES = (("half_life_days = 365", "half_life_days = 330"),)
# Further changes of the seasoned rulebook, one a re-derive: the one before this
# change with the colleague, then each way alone (the re-derive's own time)
AGAIN = ("half_life_days = 330", "half_life_days = 300")
ALONE = ("half_life_days = 330", "half_life_days = 280")
ALONE_BEFORE = ("half_life_days = 330", "half_life_days = 260")


def run(
    location: str, customers: int, rules_text: str, *, where: str = "SQLite", rounds: int = 200
) -> list[Row]:
    """The rows for the database at `location`, derived under `rules_text` now."""
    label = f"{customers:,} customers, {where}"
    changed = rules_text
    for old, new in SEASONED_TEXT_CHANGES:
        assert old in changed, old
        changed = changed.replace(old, new)
    with tempfile.TemporaryDirectory() as folder:
        now_file, changed_file = Path(folder) / "now.toml", Path(folder) / "changed.toml"
        now_file.write_text(rules_text, "utf-8")
        changed_file.write_text(changed, "utf-8")
        again_files = []
        for name, (old, new) in {"again": AGAIN, "alone": ALONE, "before": ALONE_BEFORE}.items():
            again_files.append(Path(folder) / f"{name}.toml")
            again_files[-1].write_text(changed.replace(old, new), "utf-8")
        idle = _peak_of(location, now_file)  # opens, finds nothing to do
        quiet = _logs(location, load_rulebook(str(now_file)), customers, rounds)
        during = _logs_during_rederive(location, changed_file, customers)
        before = _logs_during_rederive(location, again_files[0], customers, "locked")
        alone = _rederive(location, again_files[1])
        alone_before = _rederive(location, again_files[2], "locked")
    return [
        row(
            f"store: log one event while a colleague re-derives everyone ({label})",
            during.taken,
            quiet,
            "ms",
            f"p99 <= 0.25 s, none failing (p99 here: {during.p99_ms:,.0f} ms over "
            f"{len(during.taken)} logs; failed: {during.failed})",
        ),
        row(
            f"store: the same, each batch replayed inside its write transaction "
            f"(before issue 26; {label})",
            before.taken,
            quiet,
            "ms",
            f"(reference: p99 {before.p99_ms:,.0f} ms over {len(before.taken)} logs; "
            f"failed: {before.failed})",
        ),
        row(
            f"store: re-derive of everyone, nobody else writing ({label})",
            [alone],
            [alone_before],
            "s",
            "<= 1.1x the re-derive that replays each batch inside its write transaction",
        ),
        row(
            f"store: re-derive of everyone while a colleague logs ({label})",
            [during.took],
            [before.took],
            "s",
            "(reference: the colleague's logs hold the lock in between; against the "
            "re-derive that replays each batch inside its write transaction)",
        ),
        row(
            f"store: peak memory of a re-derive of everyone ({label})",
            [during.peak],
            [idle],
            "MiB",
            "<= 250 MiB (baseline: a process that only opens the database)",
        ),
    ]


class During(NamedTuple):
    """A colleague's logs during one re-derive, and that re-derive's time and peak memory."""

    taken: list[float]
    failed: int
    took: float
    peak: float

    @property
    def p99_ms(self) -> float:
        if len(self.taken) < 2:
            return self.taken[0] * 1e3
        return statistics.quantiles(self.taken, n=100)[98] * 1e3


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
    location: str, rules_file: Path, customers: int, mode: str = "batched"
) -> During:
    rederiver = subprocess.Popen(
        [sys.executable, "-c", REDERIVER, location, str(rules_file), TODAY.isoformat(), mode],
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
    said = dict(line.split() for line in rederiver.stdout.read().splitlines())
    rederiver.wait()
    return During(taken or [float("nan")], failed, float(said["took"]), float(said["peak"]))


def _rederive(location: str, rules_file: Path, mode: str = "batched") -> float:
    """Seconds a re-derive under `rules_file` takes, with nobody else writing."""
    found = subprocess.run(
        [sys.executable, "-c", REDERIVER, location, str(rules_file), TODAY.isoformat(), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(next(line.split()[1] for line in found.stdout.splitlines() if "took" in line))


def _peak_of(location: str, rules_file: Path) -> float:
    found = subprocess.run(
        [sys.executable, "-c", REDERIVER, location, str(rules_file), TODAY.isoformat()],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(next(line.split()[1] for line in found.stdout.splitlines() if "peak" in line))
