"""A log straight through sqlite3 (`data.store.plain_log`, what `ladder log` takes
when the store would do nothing else) leaves the rows the store's log leaves, says
what it says, and steps aside whenever the store has something to do first."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from data import service
from data.demo import demo_coop
from data.store import Store, StoreError, rows
from data.store.plain_log import log_plainly
from ladder import Rulebook, default_rulebook, default_rules_text, parse_rulebook
from tests.conftest import TODAY, applied_not_derived

FIXTURE_REUSED = HealthCheck.function_scoped_fixture
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


@pytest.fixture(scope="module")
def coop(tmp_path_factory) -> Path:
    """The demo co-op, settled for today, on a SQLite file (copied for each example)."""
    path = tmp_path_factory.mktemp("plain_log") / "coop.db"
    store = Store.open(str(path), RULES, TODAY)
    store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
    store.settle(TODAY)
    store.close()
    return path


def _copy(coop: Path, to: Path) -> str:
    shutil.copy(coop, to)
    return str(to)


def _rows(path: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row a log may touch, without its timestamps."""
    with sqlite3.connect(path) as connection:
        found = {}
        for table, order in TABLES.items():
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY {order}")
            names = [column[0] for column in cursor.description]
            kept = [i for i, name in enumerate(names) if name not in STAMPS]
            found[table] = [tuple(row[i] for i in kept) for row in cursor]
    return found


Log = st.tuples(
    st.integers(1, 30),  # the customer
    st.sampled_from(KINDS),
    st.integers(0, 800),  # days back
    st.sampled_from([None, True, False]),  # emotional: the kind's own, or said
    st.sampled_from(["", "Pikatoimitus", "ääkköset ja 'lainausmerkit'"]),
    st.sampled_from(["Liisa", "liisa ", "Pekka", ""]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(logs=st.lists(Log, min_size=1, max_size=6))
def test_a_plain_log_leaves_the_rows_and_says_what_the_stores_log_does(coop, tmp_path, logs):
    through_store = _copy(coop, tmp_path / "store.db")
    plain = _copy(coop, tmp_path / "plain.db")
    store = Store.open(through_store, RULES, TODAY)
    try:
        for customer, kind, back, emotional, note, member in logs:
            on = TODAY - timedelta(days=back)
            said = service.log(
                store, customer, kind, on, today=TODAY, member=member, emotional=emotional,
                note=note, force=True,
            )  # fmt: skip
            logged = log_plainly(
                plain, RULES, str(customer), kind, on, today=TODAY, chosen=False, country="FI",
                member=member, emotional=emotional, note=note, force=True,
            )  # fmt: skip
            assert logged is not None
            assert logged.result == said
            with store.read() as session:  # what the lists show of the follow-ups it made
                ids = [f.id for f in said.created] or [0]
                shown = rows.followup_infos(session, "followup.id IN :ids", {"ids": ids}, TODAY)
            assert said.created == shown
    finally:
        store.close()
    assert _rows(plain) == _rows(through_store)


ORM = {"sqlalchemy", "sqlmodel", "alembic"}
LADDER = """
import contextlib, io, json, os, sys
from cli.main import main
if os.environ.get("THROUGH_STORE"):  # as if the store had work to do first
    import data.store.plain_log
    data.store.plain_log.log_plainly = lambda *_, **__: None
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(sys.argv[1:])
print(json.dumps([code, out.getvalue(), sorted({m.split('.')[0] for m in sys.modules})]))
"""


def _ladder(location: str, *args: str, store: bool = False) -> tuple[int, str, set[str]]:
    """`ladder ARGS` in a process of its own: its exit code, what it printed, what it loaded."""
    env = {**os.environ, "LADDER_DB": location, "LADDER_TODAY": "22.11.2026", "LADDER_LANG": "en"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    if store:
        env["THROUGH_STORE"] = "1"
    found = subprocess.run(
        [sys.executable, "-c", LADDER, *args], capture_output=True, text=True, env=env, check=True
    )
    code, out, loaded = json.loads(found.stdout.splitlines()[-1])
    return code, out, set(loaded)


def test_ladder_log_loads_no_orm_and_says_what_the_store_says(coop, tmp_path):
    plain = _copy(coop, tmp_path / "plain.db")
    through_store = _copy(coop, tmp_path / "store.db")
    code, said, loaded = _ladder(plain, "log", "3", "osto", "--note", "Kahvia")
    assert code == 0 and said
    assert not ORM & loaded
    code, store_said, loaded = _ladder(through_store, "log", "3", "osto", "--note", "Kahvia",
                                       store=True)  # fmt: skip
    assert code == 0 and "sqlalchemy" in loaded
    assert said == store_said
    assert _rows(plain) == _rows(through_store)


def _plainly(location: str, text: str = "3", offered: Rulebook = RULES, **given: Any):
    options: dict[str, Any] = {"today": TODAY, "chosen": False, "country": "FI", **given}
    return log_plainly(location, offered, text, "purchase", TODAY, **options)


def test_a_name_that_fits_no_one_or_several_is_refused_as_the_store_refuses_it(coop, tmp_path):
    plain = _copy(coop, tmp_path / "plain.db")
    before = _rows(plain)
    store = Store.open(_copy(coop, tmp_path / "store.db"), RULES, TODAY)
    try:
        for text in ("Nobody Withthisname", "a", "999999"):
            with pytest.raises(StoreError) as refused_plainly:
                _plainly(plain, text)
            with pytest.raises(StoreError) as refused:
                service.find_customer(store, text)
            assert (type(refused_plainly.value), str(refused_plainly.value)) == (
                type(refused.value),
                str(refused.value),
            )
    finally:
        store.close()
    assert _rows(plain) == before


def test_the_store_logs_when_it_has_work_to_do_first(coop, tmp_path):
    plain = _copy(coop, tmp_path / "plain.db")
    changed = parse_rulebook(
        default_rules_text().replace("weight = 1\n", "weight = 1.5\n", 1), source="changed"
    )
    before = _rows(plain)
    assert _plainly(plain, today=date.today() + timedelta(days=1)) is None  # ahead of the clock
    assert _plainly(str(tmp_path / "none.db")) is None  # no file: the store makes one
    assert _plainly(plain, offered=changed, chosen=True) is None  # the store refuses the file
    applied_not_derived(plain, changed)  # a re-derive to finish first
    assert _plainly(plain) is None
    with sqlite3.connect(plain) as connection:  # an older schema: the store upgrades first
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    assert _plainly(plain) is None
    assert _rows(plain)["event"] == before["event"]


def test_a_log_is_few_statements(location):
    """Issue 26: the customer's reads are one, the member is known after a first
    write, the rulebook's number is read with the customer; counted as SQLAlchemy
    sees them (BEGIN and COMMIT aside)."""
    store = Store.open(location, RULES, TODAY)
    try:
        store.add_histories(demo_coop(TODAY), TODAY, member="Liisa")
        service.log(store, 1, "contact", TODAY, today=TODAY, member="Liisa")
        statements: list[str] = []
        event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        for customer in range(2, 12):
            service.log(store, customer, "purchase", TODAY, today=TODAY, member="Liisa")
    finally:
        store.close()
    most = 8 if location.startswith("postgresql") else 7  # the lock (with its NOTIFY) on PostgreSQL
    assert len(statements) <= 10 * most, statements
