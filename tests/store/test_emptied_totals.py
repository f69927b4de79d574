"""Migration 0014: on PostgreSQL the transition triggers delete the totals they empty by
the keys they lower (no plan resting on an estimate of `n <= 0`). An 0013 database with
data upgrades and keeps its totals equal to a recount through a re-derive, a delete and
an erasure, and goes back down to 0012's functions; on SQLite the migration changes nothing."""

from __future__ import annotations

import importlib
from datetime import timedelta

from alembic import command
from sqlalchemy import text

from bench.store import changed_rulebook
from data import service
from data.store import Store
from data.store.db import make_engine
from ladder import default_rulebook
from tests.conftest import TODAY
from tests.store.test_insight_totals import _counted, _step, _totals

MIGRATION = importlib.import_module("data.migrations.versions.0014_emptied_totals_by_key")
OLD = importlib.import_module("data.migrations.versions.0012_insight_aggregates")
SLOW = "WHERE n <= 0 AND customer_id IN"


def test_the_emptied_totals_go_by_key_before_the_rest_are_lowered():
    taken = MIGRATION.many_transitions(-1)
    for table in ("insight_move", "insight_climb"):
        emptied = next(i for i, s in enumerate(taken) if s.startswith(f"DELETE FROM {table} m"))
        assert taken[emptied + 1].startswith(f"UPDATE {table} m SET n = m.n - x.n")
        assert "m.n <= x.n" in taken[emptied]
    added = MIGRATION.many_transitions(1)
    assert not any(SLOW in s for s in taken + added)
    assert len(added) == len(OLD._many_transitions(1)) - 1  # adding empties nothing


def test_an_0013_database_upgrades_and_its_totals_stay_true(location: str):
    store = Store.open(location, default_rulebook(), TODAY)
    ids = [
        service.add_customer(store, name, today=TODAY - timedelta(days=400)).id
        for name in ("Anna", "Pekka", "Liisa")
    ]
    for back in range(300, 0, -30):
        for n, who in enumerate(ids):
            kind = ("purchase", "wow", "referral", "complaint")[(back // 30 + n) % 4]
            service.log(store, who, kind, TODAY - timedelta(days=back), today=TODAY, force=True)
    store.close()
    _step(location, command.downgrade, "0013")
    assert _bodies(location) in (None, [False, False])  # 0012's: the slow deletes
    _step(location, command.upgrade, "head")
    assert _bodies(location) in (None, [True, True])

    store = Store.open(location, default_rulebook(), TODAY)
    try:
        service.apply_rules(store, changed_rulebook(), TODAY, member="aino")  # a re-derive
        assert _totals(store) == _counted(store)
        before = _totals(store)
        for who in ids:  # each first event: the climbs and moves of that day empty
            service.delete_event(store, store.events_of(who)[0].id, TODAY, member="aino")
        after = _totals(store)
        assert after == _counted(store)
        assert before["climb"].keys() - after["climb"].keys()
        assert before["move"].keys() - after["move"].keys()
        service.erase_customer(store, ids[1], member="aino")
        assert _totals(store) == _counted(store)
    finally:
        store.close()
    _step(location, command.downgrade, "0013")
    assert _bodies(location) in (None, [False, False])


def _bodies(location: str) -> list[bool] | None:
    """PostgreSQL: whether each transition trigger function is 0014's (no slow delete);
    None on SQLite, whose triggers 0014 leaves alone."""
    if not location.startswith("postgres"):
        return None
    engine = make_engine(location)
    with engine.connect() as connection:
        found = connection.execute(
            text(
                "SELECT proname, prosrc FROM pg_proc WHERE proname IN "
                "('insight_transition_in', 'insight_transition_out') ORDER BY proname"
            )
        ).all()
    engine.dispose()
    assert len(found) == 2
    return [SLOW not in source for _, source in found]


def test_rescoring_a_transition_moves_no_total(store: Store):
    """On PostgreSQL the update trigger fires only on the columns the totals read, so a
    re-derive may rescore rows in place; the totals stay equal to a recount either way."""
    anna = service.add_customer(store, "Anna", today=TODAY - timedelta(days=100)).id
    for back, kind in ((90, "purchase"), (80, "referral"), (70, "wow")):
        service.log(store, anna, kind, TODAY - timedelta(days=back), today=TODAY)
    before = _totals(store)
    with store.write() as session:
        session.execute(text("UPDATE transition SET score_after = score_after + 1, positives = 0"))
        if session.get_bind().dialect.name != "sqlite":
            found = session.execute(
                text(
                    "SELECT pg_get_triggerdef(oid) FROM pg_trigger "
                    "WHERE tgname = 'insight_transition_changed'"
                )
            ).scalar_one()
            assert f"AFTER UPDATE OF {MIGRATION.READ} ON" in found.replace("public.", "")
    assert _totals(store) == before == _counted(store)
