"""The fold: a million events over 100,000 customers, against a bare summing loop.

Target (issue 2): a full replay within 5x of a loop that only sums the weights
of the same events; an incremental step in microseconds.
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from bench.results import Row, row
from bench.synthetic import histories
from ladder import Event, default_rulebook, fold, step


def run(customers: int = 100_000, per_customer: float = 10.0, repeats: int = 3) -> list[Row]:
    rules = default_rulebook()
    data = histories(customers, per_customer)
    everything = [event for history in data for event in history]
    weights = {kind.id: kind.weight for kind in rules.kinds.values()}
    bare, replay = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0.0
        for event in everything:
            total += weights[event.kind]
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        for history in data:
            fold(history, rules)
        replay.append(time.perf_counter() - started)

    state = fold(data[0], rules)
    last_day, last_id = state.last_event
    steps = []
    for i in range(5000):
        event = Event(last_id + i + 1, "purchase", last_day + timedelta(days=i // 10))
        started = time.perf_counter()
        state = step(state, event, rules)
        steps.append(time.perf_counter() - started)
    per_event = [b / len(everything) for b in bare]
    rate = len(everything) / statistics.median(replay)
    return [
        row(
            f"fold: full replay of {len(everything):,} events ({rate:,.0f} events/s)",
            replay,
            bare,
            "s",
            "<= 5x bare loop",
        ),
        row("fold: one incremental step", steps, per_event, "us", "microseconds"),
    ]
