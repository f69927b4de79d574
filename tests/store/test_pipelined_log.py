"""A log on PostgreSQL goes through psycopg's pipeline (`data.store.pipelined`): it
leaves the rows and says what the log did before it (statements sent one at a
time through SQLAlchemy, the event's number given back by its INSERT), and a
failure inside the pipeline is said as that log said it, with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import timedelta
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.store import changed_rulebook
from data import service
from data.demo import demo_coop
from data.errors import Explained
from data.store import Store, log_sql
from ladder import default_rulebook
from tests.conftest import PG_URL, TODAY, _fresh_pg_database

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="LADDER_TEST_PG_URL not set"),
]

RULES = default_rulebook()
KINDS = sorted(RULES.kinds)
STAMPS = {"created_at", "changed_at", "at"}  # when, to the microsecond: never the same twice
TABLES = {
    "event": "id",
    "transition": "id",
    "followup": "id",
    "customer_state": "customer_id",
    "audit": "id",
    "member": "id",
}


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _demo(url: str) -> Store:
    store = Store.open(url, RULES, TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    store.settle(TODAY)
    return store


def _rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row a log may touch, without its timestamps."""
    found = {}
    with psycopg.connect(_plain(url)) as connection:
        for table, order in TABLES.items():
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY {order}")
            names = [column[0] for column in cursor.description or ()]
            kept = [i for i, name in enumerate(names) if name not in STAMPS]
            found[table] = [tuple(row[i] for i in kept) for row in cursor]
    return found


@contextmanager
def unpipelined(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The log as it was before: each statement on its own through SQLAlchemy, the
    event's number given back by its INSERT."""
    with monkeypatch.context() as patch:
        patch.setattr(store, "_pipelined", lambda *_: nullcontext())
        patch.setattr(log_sql, "EVERYTHING_RESERVING", log_sql.EVERYTHING)
        yield


@pytest.fixture(scope="module")
def pair() -> Iterator[tuple[tuple[str, Store], tuple[str, Store]]]:
    """Two databases holding the demo co-op, each with its store open."""
    with _fresh_pg_database() as one, _fresh_pg_database() as other:
        first, second = _demo(one), _demo(other)
        try:
            yield (one, first), (other, second)
        finally:
            first.close()
            second.close()


Log = st.tuples(
    st.integers(1, 30),  # the customer
    st.sampled_from(KINDS),
    st.integers(0, 800),  # days back
    st.sampled_from([None, True, False]),  # emotional: the kind's own, or said
    st.sampled_from(["", "Pikatoimitus", "ääkköset ja 'lainausmerkit'"]),
    st.sampled_from(["Liisa", "liisa ", "Pekka", ""]),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(logs=st.lists(Log, min_size=1, max_size=5))
def test_a_pipelined_log_leaves_the_rows_and_says_what_the_unpipelined_one_does(
    pair, monkeypatch, logs
):
    (piped_url, piped), (plain_url, plain) = pair
    for customer, kind, back, emotional, note, member in logs:
        on = TODAY - timedelta(days=back)
        given_ = {"today": TODAY, "member": member, "emotional": emotional, "note": note}
        said = service.log(piped, customer, kind, on, force=True, **given_)
        with unpipelined(plain, monkeypatch):
            assert service.log(plain, customer, kind, on, force=True, **given_) == said
    assert _rows(piped_url) == _rows(plain_url)


def _failure(store: Store, customer: int, note: str = "") -> Explained:
    with pytest.raises(Explained) as raised:
        service.log(store, customer, "purchase", TODAY, today=TODAY, member="Liisa", note=note)
    return raised.value


def _said(error: Explained) -> tuple[Any, ...]:
    return type(error), error.key, error.values, str(error)


REFUSALS = {
    # where the statement that fails is in the pipeline: the event's INSERT and the
    # follow-ups' (answered together), the derived state's UPDATE, the audit entry
    # (answered with COMMIT); each refusal, and how it is taken back
    "event": (
        "ALTER TABLE event ADD CONSTRAINT no_notes CHECK (note <> 'kielletty') NOT VALID",
        "ALTER TABLE event DROP CONSTRAINT no_notes",
    ),
    "followup": (
        "ALTER TABLE followup ADD CONSTRAINT no_calls CHECK (rule <> 'aftermarketing') NOT VALID",
        "ALTER TABLE followup DROP CONSTRAINT no_calls",
    ),
    "audit": (
        "ALTER TABLE audit ADD CONSTRAINT no_logs CHECK (action <> 'log') NOT VALID",
        "ALTER TABLE audit DROP CONSTRAINT no_logs",
    ),
    "state": (
        """CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'ei nyt: %', NEW.customer_id; END $$;
        CREATE TRIGGER refuse BEFORE UPDATE ON customer_state
        FOR EACH ROW EXECUTE FUNCTION refuse()""",
        "DROP TRIGGER refuse ON customer_state",
    ),
}


@pytest.mark.parametrize("where", sorted(REFUSALS))
def test_a_statement_refused_in_the_pipeline_is_said_as_before_and_writes_nothing(
    pg_database, monkeypatch, where
):
    store = _demo(pg_database)
    try:
        anna = service.add_customer(store, "Oona Putkinen", today=TODAY).id
        refuse, allow = REFUSALS[where]
        with psycopg.connect(_plain(pg_database), autocommit=True) as admin:
            admin.execute(refuse)
        before = _rows(pg_database)
        piped = _failure(store, anna, note="kielletty")
        assert _rows(pg_database) == before
        with unpipelined(store, monkeypatch):
            assert _said(_failure(store, anna, note="kielletty")) == _said(piped)
        assert _rows(pg_database) == before
        assert piped.key == ("db_failed" if where == "state" else "conflicts_with_stored")
        with store.write() as session:  # the connection is back in the pool as it was lent
            assert session.connection().connection.driver_connection.autocommit is False
        with psycopg.connect(_plain(pg_database), autocommit=True) as admin:
            admin.execute(allow)
        logged = service.log(store, anna, "purchase", TODAY, today=TODAY, member="Liisa")
        assert _rows(pg_database)["event"][-1][0] == logged.event_id
    finally:
        store.close()


def test_a_customer_a_colleague_deleted_meanwhile_is_said_as_before(pg_database, monkeypatch):
    store = _demo(pg_database)
    try:
        anna = service.add_customer(store, "Oona Putkinen", today=TODAY).id
        with psycopg.connect(_plain(pg_database)) as colleague:
            colleague.execute("DELETE FROM customer WHERE id = %s", (anna,))
        before = _rows(pg_database)
        piped = _failure(store, anna)
        with unpipelined(store, monkeypatch):
            assert _said(_failure(store, anna)) == _said(piped)
        assert piped.key == "no_customer"
        assert _rows(pg_database) == before
    finally:
        store.close()


def test_a_connection_the_server_dropped_fails_one_log_and_the_next_is_written(pg_database):
    store = _demo(pg_database)
    try:
        anna = service.add_customer(store, "Oona Putkinen", today=TODAY).id
        service.log(store, anna, "contact", TODAY, today=TODAY, member="Liisa")
        with psycopg.connect(_plain(pg_database), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )  # as a restart of the server would
        before = _rows(pg_database)
        assert _failure(store, anna).key == "db_failed"  # used a moment ago: not pinged
        assert _rows(pg_database) == before
        logged = service.log(store, anna, "purchase", TODAY, today=TODAY, member="Liisa")
        assert _rows(pg_database)["event"][-1][0] == logged.event_id
    finally:
        store.close()


def test_a_log_follows_a_rulebook_a_colleague_applied_meanwhile_as_before(
    pg_database, second_pg_database, monkeypatch
):
    """The newest rulebook is read through the session, in the middle of the pipeline."""
    said, left = [], []
    for url, piped in ((pg_database, True), (second_pg_database, False)):
        store = _demo(url)
        colleague = Store.open(url, RULES, TODAY, chosen=False)
        service.apply_rules(colleague, changed_rulebook(), TODAY, member="Aino")
        colleague.close()
        with nullcontext() if piped else unpipelined(store, monkeypatch):
            said.append(service.log(store, 3, "purchase", TODAY, today=TODAY, member="Liisa"))
        assert store.rules.fingerprint == changed_rulebook().fingerprint
        store.close()
        left.append(_rows(url))
    assert said[0] == said[1]
    assert left[0] == left[1]
