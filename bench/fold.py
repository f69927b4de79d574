"""The fold: a million events over 100,000 customers, against a bare summing loop.

Target (issue 2): a full replay within 5x of a loop that only sums the weights
of the same events; an incremental step in microseconds. Two reference rows
measure what no faithful fold can skip: sorting the histories, and the decay
arithmetic alone. Together they are the floor under the replay's ratio.
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from bench.results import Row, row
from bench.synthetic import histories
from ladder import Event, Rulebook, default_rulebook, fold, step
from ladder.fold import order_of


def run(customers: int = 100_000, per_customer: float = 10.0, repeats: int = 3) -> list[Row]:
    rules = default_rulebook()
    data = histories(customers, per_customer)
    everything = [event for history in data for event in history]
    weights = {kind.id: kind.weight for kind in rules.kinds.values()}
    bare, replay, sorting, decaying = [], [], [], []
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
        sorting.append(_timed(_sort_only, data))
        decaying.append(_timed(_decay_only, data, rules))

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
        row("fold floor: sorting each history, nothing else", sorting, bare, "s", "(reference)"),
        row("fold floor: decay and weights only, no rungs", decaying, bare, "s", "(reference)"),
    ]


def _timed(work, *args) -> float:
    started = time.perf_counter()
    work(*args)
    return time.perf_counter() - started


def _sort_only(data: list[list[Event]]) -> None:
    """What any fold pays to take events "in any order": the sort alone."""
    for history in data:
        sorted(history, key=order_of)


def _decay_only(data: list[list[Event]], rules: Rulebook) -> None:
    """The least arithmetic of a fold: decay by the days between events, add the weights."""
    effects, half_life = rules.effects, rules.half_life_days
    for history in data:
        score, last = 0.0, None
        for event in history:
            if last is not None and event.on > last:
                score *= 0.5 ** ((event.on - last).days / half_life)
            score += effects[event.kind][event.emotional]
            last = event.on
