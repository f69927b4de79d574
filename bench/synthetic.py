"""Synthetic co-ops for benchmarks: a realistic mix of kinds over a year or two."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ladder import Event

TODAY = date(2026, 11, 22)
KIND_MIX = {  # roughly what a co-op logs: mostly purchases and our own outreach
    "purchase": 35,
    "aftermarketing_call": 15,
    "contact": 12,
    "positive_feedback": 10,
    "christmas_card": 5,
    "wow": 4,
    "referral": 3,
    "complaint": 4,
    "complaint_resolved": 3,
    "negative_feedback": 3,
    "bad_experience": 3,
    "unanswered": 3,
}


def histories(customers: int, events_per_customer: float, seed: int = 1) -> list[list[Event]]:
    """Each customer's events in entry order, dates within the last two years."""
    rnd = random.Random(seed)
    kinds = list(KIND_MIX)
    weights = list(KIND_MIX.values())
    total = round(customers * events_per_customer)
    owners = [rnd.randrange(customers) for _ in range(total)]
    drawn = rnd.choices(kinds, weights, k=total)
    result: list[list[Event]] = [[] for _ in range(customers)]
    for entry, (owner, kind) in enumerate(zip(owners, drawn, strict=True), start=1):
        on = TODAY - timedelta(days=rnd.randrange(730))
        result[owner].append(Event(entry, kind, on, kind == "wow" or rnd.random() < 0.05))
    return result
