"""A writer killed with SIGKILL at random moments loses nothing it reported as saved.

Each round starts a process that logs events (or adds a batch of customers in
one transaction) and prints what each commit returned, kills it at a random
moment, and then checks the file: integrity, every reported event present,
no batch half-applied, and the derived state equal to a fresh re-derive.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from bench import soak
from data import service
from data.store import Store
from ladder import default_rulebook
from tests.conftest import TODAY
from tests.store.test_store import snapshot

ROUNDS = 20
ROOT = Path(__file__).resolve().parents[2]

# The same writer and importer that `make soak` kills fifty times.
WRITER, IMPORTER = soak.WRITER, soak.IMPORTER


def _kill_at_random(script: str, path: Path, rnd: random.Random) -> list[str]:
    return soak.kill_at_random(script, path, rnd, window=(0.8, 2.5))


def _check_file(path: Path) -> None:
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        raw.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "ladder.db"
    store = Store.open(str(path), default_rulebook(), TODAY)
    for name in ("Anna", "Matti", "Liisa"):
        service.add_customer(store, name, today=TODAY)
    store.close()
    return path


def test_a_killed_writer_loses_no_committed_event(database: Path):
    rnd = random.Random(11)
    reported: set[int] = set()
    for _ in range(ROUNDS):
        reported |= {int(x) for x in _kill_at_random(WRITER, database, rnd)}
        _check_file(database)
        store = Store.open(str(database), default_rulebook(), TODAY)
        stored = {e.id for c in (1, 2, 3) for e in store.events_of(c)}
        assert reported <= stored
        cached = snapshot(store)
        store.rederive_all(TODAY)
        assert snapshot(store) == cached
        store.close()
    assert len(reported) > ROUNDS  # the writer did get work done between kills


def test_a_killed_import_is_all_or_nothing(database: Path):
    rnd = random.Random(12)
    for _ in range(ROUNDS):
        batches = _kill_at_random(IMPORTER, database, rnd)
        _check_file(database)
        raw = sqlite3.connect(database)
        counts = raw.execute(
            "SELECT substr(name, 7, instr(substr(name, 7), '-') - 1) AS batch, count(*) "
            "FROM customer WHERE name LIKE 'Tuotu %' GROUP BY batch"
        ).fetchall()
        events = raw.execute(
            "SELECT count(*) FROM event JOIN customer ON customer.id = event.customer_id "
            "WHERE customer.name LIKE 'Tuotu %'"
        ).fetchone()[0]
        raw.close()
        assert all(count % 500 == 0 for _, count in counts), counts  # whole batches only
        assert events == sum(count for _, count in counts)
        assert len(batches) <= sum(count for _, count in counts) // 500
    store = Store.open(str(database), default_rulebook(), TODAY)
    cached = snapshot(store)
    store.rederive_all(TODAY)
    assert snapshot(store) == cached
    store.close()
