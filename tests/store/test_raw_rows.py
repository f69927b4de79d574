"""Bulk reads and writes store and read exactly what SQLAlchemy's own calls do."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from data import service
from data.collector import paused as collector_paused
from data.store.derive.raw_rows import indexes_rebuilt, insert_many, select_many
from data.store.tables import TransitionRow
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
    first, second = (
        service.add_customer(store, name, today=TODAY).id for name in ("Anna", "Matti")
    )
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


def test_bulk_reads_convert_values_as_sqlalchemy_does(store):
    customer = service.add_customer(store, "Anna", today=TODAY).id
    table = TransitionRow.__table__
    with Session(store.engine) as session:
        insert_many(session, table, _rows(customer))
        statement = select(table).where(table.c.customer_id == customer).order_by(table.c.id)
        ours = list(select_many(session, statement))
        theirs = [tuple(row) for row in session.execute(statement)]
        session.rollback()
    assert len(ours) == 28
    assert ours == theirs
    assert {type(row[2]) for row in ours} == {date}  # "on"
    assert {row[6] for row in ours} >= {None}  # event_id, NULL on odd days
    assert {type(row[10]) for row in ours} == {bool}  # projected


def test_a_driver_error_in_a_bulk_read_is_raised_as_sqlalchemy_raises_it(store):
    ghost = Table("ghost", MetaData(), Column("id", Integer, primary_key=True))
    with Session(store.engine) as session, pytest.raises(DBAPIError, match="ghost"):
        list(select_many(session, select(ghost)))


def _indexes(session: Session) -> set[str]:
    dialect = session.connection().dialect.name
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"
        if dialect == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix_%'"
    )
    return {name for (name,) in session.execute(text(query))}


def test_a_full_rederive_leaves_every_index_in_place(store):
    service.add_customer(store, "Anna", today=TODAY)
    with Session(store.engine) as session:
        before = _indexes(session)
    store.rederive_all(TODAY)
    with Session(store.engine) as session:
        assert _indexes(session) == before
    assert {"ix_transition_on", "ix_customer_state_rung"} <= before


def test_a_failed_rewrite_gives_the_indexes_back(store):
    with Session(store.engine) as session:
        before = _indexes(session)
    with (
        Session(store.engine) as session,
        pytest.raises(RuntimeError),
        session.begin(),
        indexes_rebuilt(session, [TransitionRow.__table__]),
    ):
        if session.connection().dialect.name == "sqlite":
            assert "ix_transition_on" not in _indexes(session)
        raise RuntimeError("the rewrite failed")
    with Session(store.engine) as session:
        assert _indexes(session) == before


def test_the_collector_is_paused_only_for_the_block():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
