"""A re-derive writes only the transitions that changed (`totals.planned`): what it
plans, applied to the stored rows, leaves each customer's transitions the replayed
ones in the fold's order by id, and keeps every row it can keep in that order."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from data.store.derive.totals import KEY, REST, planned

MOVE = st.fixed_dictionaries(
    {
        "on": st.integers(0, 3).map(lambda days: date(2026, 1, 1) + timedelta(days=days)),
        "from_rung": st.integers(0, 1),
        "to_rung": st.integers(0, 1),
        "reason": st.sampled_from(["promoted", "lapsed"]),
        "event_id": st.none() | st.integers(1, 2),
        "score_before": st.sampled_from([0.0, 1.5]),
        "score_after": st.sampled_from([1.0, 2.5]),
        "positives": st.integers(0, 1),
        "projected": st.booleans(),
    }
)
HISTORIES = st.dictionaries(st.integers(1, 4), st.lists(MOVE, max_size=5), max_size=4)


def _values(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[name] for name in KEY + REST)


@given(stored=HISTORIES, replayed=HISTORIES, in_place=st.booleans())
def test_the_plan_leaves_the_replayed_transitions_in_order(stored, replayed, in_place):
    rows: dict[int, tuple[int, tuple[Any, ...]]] = {}  # id: (customer, values)
    for customer_id, moves in stored.items():
        for move in moves:
            rows[len(rows) + 1] = (customer_id, _values(move))
    by_customer: dict[int, list[tuple[Any, ...]]] = {}
    for ident, (customer_id, values) in rows.items():
        by_customer.setdefault(customer_id, []).append((ident, *values))
    transitions = [
        {"customer_id": customer_id, **move}
        for customer_id, moves in replayed.items()
        for move in moves
    ]

    plan = planned(by_customer, transitions, in_place=in_place)

    assert in_place or not plan.rescored
    for ident in plan.gone:
        del rows[ident]
    for scores in plan.rescored:
        customer_id, values = rows[scores["row_id"]]
        rescored = tuple(scores[name] for name in REST)
        rows[scores["row_id"]] = (customer_id, values[: len(KEY)] + rescored)
    newest = max(rows, default=0)
    for offset, row in enumerate(plan.new, start=1):
        rows[newest + offset] = (row["customer_id"], _values(row))
    for customer_id in stored.keys() | replayed.keys():
        now = [values for _, (whose, values) in sorted(rows.items()) if whose == customer_id]
        assert now == [_values(move) for move in replayed.get(customer_id, [])]
        was = [_values(move) for move in stored.get(customer_id, [])]
        same = len(was) - sum(1 for ident in plan.gone if ident in _ids(by_customer, customer_id))
        width = len(KEY) if in_place else len(KEY + REST)
        common = 0
        for old, new in zip(was, now, strict=False):
            if old[:width] != new[:width]:
                break
            common += 1
        assert same == common  # every row kept that could be, in order


def _ids(by_customer: dict[int, list[tuple[Any, ...]]], customer_id: int) -> set[int]:
    return {row[0] for row in by_customer.get(customer_id, [])}
