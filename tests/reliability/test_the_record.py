"""What a member did is never deleted: for any history and any days passing, every
follow-up members acted on stays as it was, and the report of a closed period reads
the same whatever day it is read (SQLite and PostgreSQL, a fresh database each time)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from data import service
from data.store import Store, StoreError
from data.store.tables import FollowupRow
from ladder import DateError, default_rulebook
from ladder.insights import Period
from tests.conftest import PG_URL, _fresh_pg_database, backends

START = date(2025, 10, 20)  # a Christmas card and two birthdays come within reach
KINDS = [
    "purchase",
    "referral",
    "wow",
    "complaint",
    "contact",
    "christmas_card",
    "positive_feedback",
]
OPERATION = st.one_of(
    st.tuples(st.just("log"), st.integers(0, 2), st.sampled_from(KINDS), st.integers(0, 40)),
    st.tuples(st.just("done"), st.integers(0, 20), st.sampled_from(["", "contact"]), st.just(0)),
    st.tuples(st.just("dismiss"), st.integers(0, 20), st.just(""), st.just(0)),
    st.tuples(st.just("snooze"), st.integers(0, 20), st.just(""), st.integers(1, 30)),
    st.tuples(st.just("days"), st.just(0), st.just(""), st.integers(1, 120)),
)
LATER = (1, 31, 95, 400, 800)  # days passing after the history, the report read each time


@contextmanager
def fresh(backend: str) -> Iterator[Store]:
    if backend == "postgres":
        with _fresh_pg_database() as url:
            store = Store.open(url, default_rulebook(), START)
            try:
                yield store
            finally:
                store.close()
        return
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(str(Path(folder) / "record.db"), default_rulebook(), START)
        try:
            yield store
        finally:
            store.close()


@pytest.mark.parametrize("backend", backends())
def test_what_members_did_and_a_closed_periods_report_never_change(backend):
    if backend == "postgres" and not PG_URL:
        pytest.skip("LADDER_TEST_PG_URL not set")

    @settings(
        max_examples=25 if backend == "sqlite" else 10,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(operations=st.lists(OPERATION, min_size=1, max_size=20))
    def check(operations):
        with fresh(backend) as store:
            today = _act(store, operations)
            period = Period(START, today - timedelta(days=1))  # closed: it ended yesterday
            acted, report = _record(store), service.insights(store, period, today).habits
            for later in LATER:
                day = today + timedelta(days=later)
                assert service.insights(store, period, day).habits == report, later
                # Each one kept as it was; new ones may come (a card made in November,
                # done already by the card logged in October).
                assert acted <= _record(store), later

    check()


def _act(store: Store, operations) -> date:
    """Members at work from START: logging, doing, dismissing, snoozing, days passing."""
    today = START
    customers = [
        service.add_customer(
            store, "Anna", today=today, member="Liisa", birthday=date(1980, 11, 10)
        ).id,
        service.add_customer(store, "Pekka", today=today, member="Aino").id,
        service.add_customer(
            store, "Maija", today=today, member="Liisa", birthday=date(1975, 1, 2)
        ).id,
    ]
    for op, index, kind, number in operations:
        due = service.due(store, today, days=60)
        try:
            if op == "log":
                on = today - timedelta(days=number)
                service.log(store, customers[index], kind, on, today=today, member="Aino")
            elif op == "days":
                today += timedelta(days=number)
            elif due:
                followup = due[index % len(due)]
                if op == "done":
                    service.done(store, followup.id, today, kind=kind or None, member="Liisa")
                elif op == "dismiss":
                    service.dismiss(store, followup.id, today, member="Aino")
                else:
                    until = today + timedelta(days=number)
                    service.snooze(store, followup.id, until, today, earlier=True, member="Liisa")
        except (StoreError, DateError):
            pass  # refused: nothing changed
    service.due(store, today)  # the day settled, as any morning does
    return today


def _record(store: Store) -> set[tuple]:
    """Every follow-up a member acted on: done (by hand or by what was logged),
    dismissed or snoozed, with its state, its day and who."""
    f = FollowupRow.__table__.c
    with store.read() as session:
        found = session.execute(
            select(f.id, f.key, f.state, f.closed_on, f.closed_by_event_id, f.snoozed_until).where(
                f.state.in_(["done", "dismissed", "snoozed"])
            )
        ).all()
    return {tuple(row) for row in found}
