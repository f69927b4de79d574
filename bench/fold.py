"""The fold: 1,000,000 events over 100,000 customers, against a bare summing loop.

Target (issue 2): full replay within 5x of a loop that only sums weights over
the same events; an incremental step in microseconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import timedelta

from bench.synthetic import histories
from ladder import Event, default_rulebook, fold, step


def run(customers: int = 100_000, per_customer: float = 10.0) -> list[tuple[str, float, str]]:
    rules = default_rulebook()
    data = histories(customers, per_customer)
    everything = [event for history in data for event in history]
    weights = {kind.id: kind.weight for kind in rules.kinds.values()}

    started = time.perf_counter()
    total = 0.0
    for event in everything:
        total += weights[event.kind]
    bare = time.perf_counter() - started

    started = time.perf_counter()
    for history in data:
        fold(history, rules)
    replay = time.perf_counter() - started

    state = fold(data[0], rules)
    last_day, last_id = state.last_event
    samples = []
    for i in range(2000):
        event = Event(last_id + i + 1, "purchase", last_day + timedelta(days=i // 10))
        started = time.perf_counter()
        state = step(state, event, rules)
        samples.append(time.perf_counter() - started)
    count = len(everything)
    return [
        ("events folded", count, ""),
        ("bare loop, s", bare, ""),
        ("full replay, s", replay, f"{replay / bare:.1f}x the bare loop (target <= 5x)"),
        ("replay, events/s", count / replay, ""),
        ("incremental step p50, us", statistics.median(samples) * 1e6, ""),
        ("incremental step p95, us", statistics.quantiles(samples, n=20)[18] * 1e6, ""),
    ]


def main() -> None:
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    for name, value, note in run(customers):
        print(f"{name:<28} {value:>14,.3f}  {note}")


if __name__ == "__main__":
    main()
