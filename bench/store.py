"""The store on SQLite at co-op scale, each figure against raw sqlite3 in the same run.

Targets (issue 3): logging p99 under 10 ms; the follow-up list within 3x of
the raw indexed query; a full re-derive within 3x of a raw scan plus the fold.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from bench.synthetic import TODAY, histories
from data.records import NewCustomer, NewEvent
from data.store import Store
from ladder import Event, default_rulebook, fold


def build(path: Path, customers: int, per_customer: float) -> Store:
    store = Store.open(str(path), default_rulebook(), TODAY)
    batch = 20_000
    data = histories(customers, per_customer)
    for start in range(0, customers, batch):
        store.add_histories(
            [
                NewCustomer(
                    details={"name": f"Asiakas {start + i}"},
                    events=[NewEvent(e.kind, e.on, e.emotional) for e in history],
                )
                for i, history in enumerate(data[start : start + batch])
            ],
            TODAY,
        )
    return store


def percentile(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1]


def bench_logging(store: Store, raw: sqlite3.Connection, customers: int, rounds: int = 300):
    rnd = random.Random(3)
    ours, bare = [], []
    for _ in range(rounds):
        customer = rnd.randrange(1, customers + 1)
        started = time.perf_counter()
        store.log_event(customer, "purchase", TODAY, today=TODAY, member="bench")
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO event (customer_id, kind, occurred_on, emotional, note, logged_by,"
            " created_at) VALUES (?, 'contact', ?, 0, '', 'bench', '2026-11-22 00:00:00')",
            (customer, TODAY.isoformat()),
        )
        raw.execute("COMMIT")
        bare.append(time.perf_counter() - started)
    return ours, bare


def bench_followups(store: Store, raw: sqlite3.Connection, rounds: int = 20):
    horizon = (TODAY + timedelta(days=7)).isoformat()
    ours, bare = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        store.due_followups(TODAY, days=7)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        raw.execute(
            "SELECT f.*, c.name FROM followup f JOIN customer c ON c.id = f.customer_id"
            " WHERE f.made_on <= ? AND ((f.state = 'open' AND f.due <= ?)"
            " OR (f.state = 'snoozed' AND f.snoozed_until <= ?)) ORDER BY f.due",
            (TODAY.isoformat(), horizon, horizon),
        ).fetchall()
        bare.append(time.perf_counter() - started)
    return ours, bare


def bench_rederive(store: Store, raw: sqlite3.Connection):
    rules = store.rules
    started = time.perf_counter()
    events: dict[int, list[Event]] = defaultdict(list)
    for row in raw.execute(
        "SELECT id, customer_id, kind, occurred_on, emotional FROM event"
        " ORDER BY customer_id, occurred_on, id"
    ):
        events[row[1]].append(Event(row[0], row[2], date.fromisoformat(row[3]), bool(row[4])))
    for history in events.values():
        fold(history, rules)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    store.rederive_all(TODAY)
    ours = time.perf_counter() - started
    return ours, bare


def run(customers: int = 100_000, per_customer: float = 10.0) -> list[tuple[str, float, float]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        store = build(path, customers, per_customer)
        built = time.perf_counter() - started
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("PRAGMA synchronous=FULL")
        logged, raw_logged = bench_logging(store, raw, customers)
        listed, raw_listed = bench_followups(store, raw)
        derived, raw_derived = bench_rederive(store, raw)
        raw.close()
        store.close()
    return [
        ("build (bulk add), s", built, float("nan")),
        (
            "log one event p50, ms",
            statistics.median(logged) * 1e3,
            statistics.median(raw_logged) * 1e3,
        ),
        ("log one event p99, ms", percentile(logged, 99) * 1e3, percentile(raw_logged, 99) * 1e3),
        (
            "follow-up list p50, ms",
            statistics.median(listed) * 1e3,
            statistics.median(raw_listed) * 1e3,
        ),
        ("full re-derive, s", derived, raw_derived),
    ]


def main() -> None:
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"{'figure':<26} {'ours':>10} {'baseline':>10} {'ratio':>7}")
    for name, ours, base in run(customers):
        ratio = ours / base if base == base else float("nan")
        print(f"{name:<26} {ours:>10.2f} {base:>10.2f} {ratio:>7.1f}")


if __name__ == "__main__":
    main()
