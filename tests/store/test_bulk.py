"""The bulk insert stores exactly what SQLAlchemy's own executemany stores."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, text
from sqlmodel import Session

from data.bulk import insert_many
from data.tables import TransitionRow
from tests.conftest import TODAY


def _rows(customer_id: int) -> list[dict]:
    return [
        {
            "customer_id": customer_id,
            "on": date(2026, 1, day),
            "from_rung": 1,
            "to_rung": 2,
            "reason": "promoted",
            "event_id": None if day % 2 else day,
            "score_before": day / 3,
            "score_after": day * 1.5,
            "positives": day,
            "projected": bool(day % 3),
        }
        for day in range(1, 29)
    ]


def test_bulk_rows_are_stored_as_sqlalchemy_stores_them(store):
    first, second = (store.add_customer(name, today=TODAY).id for name in ("Anna", "Matti"))
    table = TransitionRow.__table__
    with Session(store.engine) as session:
        session.execute(insert(table), _rows(first))
        insert_many(session, table, _rows(second))
        stored = {
            customer: [
                row[2:]  # all but the id and the customer
                for row in session.execute(
                    text(
                        'SELECT id, customer_id, "on", from_rung, to_rung, reason, event_id,'
                        " score_before, score_after, positives, projected FROM transition"
                        " WHERE customer_id = :c ORDER BY id"
                    ),
                    {"c": customer},
                )
            ]
            for customer in (first, second)
        }
        session.rollback()
    assert len(stored[first]) == 28
    assert stored[second] == stored[first]
