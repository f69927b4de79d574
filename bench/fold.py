"""The fold: a million events over 100,000 customers, against a bare summing loop.

The events are laid out as a re-derive reads them: each customer's in order,
allocated customer by customer (how Event objects lie in memory moves a bare
loop over them 36 ms <-> 290 ms, so both sides get the same layout). Target
(issue 13): a full replay at 1.2M events/s or more, with its ratio to a loop
that only sums the weights of the same events; an incremental step in
microseconds. The million events are frozen out of the cyclic collector's
sight once built (data/collector.py's `keep`), as the app does with what it
keeps: a re-derive holds one batch, not a million events, and the collector's
full passes over the bench's own data were a quarter of the replay's time.
Reference rows: the same replay of histories in any order (sorted first), and
the decay arithmetic alone.
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from bench.results import Row, row, timed
from bench.synthetic import histories
from data import collector
from ladder import Event, Rulebook, default_rulebook, fold, step
from ladder.fold import order_of


def run(customers: int = 100_000, per_customer: float = 10.0, repeats: int = 3) -> list[Row]:
    rules = default_rulebook()
    shuffled = histories(customers, per_customer)
    data = [  # in order, and allocated customer by customer, as the store's scan makes them
        [Event(e.id, e.kind, e.on, e.emotional) for e in sorted(history, key=order_of)]
        for history in shuffled
    ]
    everything = [event for history in data for event in history]
    weights = {kind.id: kind.weight for kind in rules.kinds.values()}
    collector.keep()
    bare, replay, any_order, decaying = [], [], [], []
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0.0
        for event in everything:
            total += weights[event.kind]
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        for history in data:
            fold(history, rules, in_order=True)
        replay.append(time.perf_counter() - started)
        any_order.append(timed(_any_order, shuffled, rules))
        decaying.append(timed(_decay_only, data, rules))

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
            f"fold: full replay of {len(everything):,} events in order ({rate:,.0f} events/s)",
            replay,
            bare,
            "s",
            ">= 1.2M events/s (ratio: x bare loop)",
        ),
        row("fold: one incremental step", steps, per_event, "us", "microseconds"),
        row("fold: the same replay, histories in any order", any_order, bare, "s", "(reference)"),
        row("fold floor: decay and weights only, no rungs", decaying, bare, "s", "(reference)"),
    ]


def _any_order(data: list[list[Event]], rules: Rulebook) -> None:
    """The replay of histories as logged, not as read: each one sorted first."""
    for history in data:
        fold(history, rules)


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
