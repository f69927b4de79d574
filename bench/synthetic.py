"""Synthetic co-ops for benchmarks: a realistic mix of kinds over two years.

Members work their lists, as in a real co-op: most purchases get their
aftermarketing call, most complaints are resolved, referrals are thanked, so
that the follow-up list holds what a morning really holds.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ladder import Event

TODAY = date(2026, 11, 22)
KIND_MIX = {  # what customers bring; our own outreach is added as members would
    "purchase": 45,
    "contact": 12,
    "positive_feedback": 12,
    "christmas_card": 4,
    "wow": 5,
    "referral": 4,
    "complaint": 5,
    "negative_feedback": 4,
    "bad_experience": 3,
    "unanswered": 3,
}
ANSWERS = {  # kind: (what a member logs afterwards, how often, after how many days)
    "purchase": ("aftermarketing_call", 0.9, 10),
    "complaint": ("complaint_resolved", 0.9, 1),
    "referral": ("contact", 0.9, 2),
    "bad_experience": ("contact", 0.7, 1),
    "unanswered": ("contact", 0.7, 1),
}


def histories(customers: int, events_per_customer: float, seed: int = 1) -> list[list[Event]]:
    """Each customer's events in entry order, about `events_per_customer` each."""
    rnd = random.Random(seed)
    kinds = list(KIND_MIX)
    weights = list(KIND_MIX.values())
    answered = sum(KIND_MIX[k] * ANSWERS[k][1] for k in ANSWERS) / sum(weights)
    drawn_total = round(customers * events_per_customer / (1 + answered))
    result: list[list[Event]] = [[] for _ in range(customers)]
    entry = 0
    for kind in rnd.choices(kinds, weights, k=drawn_total):
        owner = result[rnd.randrange(customers)]
        on = TODAY - timedelta(days=rnd.randrange(730))
        entry += 1
        owner.append(Event(entry, kind, on, kind == "wow" or rnd.random() < 0.05))
        answer = ANSWERS.get(kind)
        if answer and rnd.random() < answer[1]:
            later = on + timedelta(days=answer[2] + rnd.randrange(4))
            if later <= TODAY:
                entry += 1
                owner.append(Event(entry, answer[0], later))
    return result
