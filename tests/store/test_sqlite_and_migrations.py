"""What the embedded SQLite file promises, and migrations that keep every row."""

from __future__ import annotations

import multiprocessing
import sqlite3
import stat
import time
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import event, text

from data import service
from data.store import Store
from data.store.db import DatabaseError, make_engine
from data.store.migrate import (
    SCHEMA_REVISION,
    alembic_config,
    current_revision,
    head_revision,
    upgrade,
)
from ladder import default_rulebook
from tests.conftest import TODAY


def test_a_new_file_is_private_and_runs_wal_with_full_sync(tmp_path: Path):
    path = tmp_path / "ladder.db"
    store = Store.open(str(path), default_rulebook(), TODAY)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with store.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 5000
    store.close()


def test_the_log_reaches_the_database_file_in_the_background(tmp_path: Path):
    """Commits do not checkpoint; the store's thread does it once writing pauses."""
    path = tmp_path / "ladder.db"
    store = Store.open(str(path), default_rulebook(), TODAY)
    customer = service.add_customer(store, "Anna", today=TODAY).id
    for day in range(1, 6):
        service.log(store, customer, "purchase", date(2026, 11, day), today=TODAY)
    deadline = time.monotonic() + 20
    while _events_in_main_file(path) < 5:
        assert time.monotonic() < deadline, "the log was never checkpointed"
        time.sleep(0.1)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    store.close()


def _events_in_main_file(path: Path) -> int:
    """Events in the database file itself, ignoring what is still only in the log."""
    connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM event").fetchone()[0]
    except sqlite3.OperationalError:  # not even the tables have been copied yet
        return 0
    finally:
        connection.close()


def test_a_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(DatabaseError, match="does not exist"):
        Store.open(str(tmp_path / "nope" / "ladder.db"), default_rulebook(), TODAY)


def _log_many(path: str, customer_id: int, count: int) -> None:
    store = Store.open(path, default_rulebook(), TODAY)
    for i in range(count):
        service.log(store, customer_id, "purchase", date(2026, 1, 1 + i % 28), today=TODAY)
    store.close()


def test_two_members_logging_at_once_both_succeed(tmp_path: Path):
    path = str(tmp_path / "ladder.db")
    store = Store.open(path, default_rulebook(), TODAY)
    ids = [service.add_customer(store, name, today=TODAY).id for name in ("Anna", "Matti")]
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_log_many, args=(path, i, 25)) for i in ids + ids]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert [len(store.events_of(i)) for i in ids] == [50, 50]
    store.close()


def test_the_schema_matches_the_tables_without_drift(location: str):
    store = Store.open(location, default_rulebook(), TODAY)
    config = alembic_config()
    with store.engine.connect() as connection:
        config.attributes["connection"] = connection
        command.check(config)
    store.close()


def _migrate(path: Path, step, revision: str) -> None:
    """Take the database at `path` to `revision` with Alembic's upgrade or downgrade."""
    engine = make_engine(str(path))
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        step(config, revision)
        connection.commit()
    engine.dispose()


def test_an_old_database_upgrades_with_every_event_kept_and_a_backup(tmp_path: Path):
    path = tmp_path / "ladder.db"
    _migrate(path, command.upgrade, "0001")
    raw = sqlite3.connect(path)
    raw.execute(
        "INSERT INTO customer (id, name, email, phone, address, tags, notes, owner, "
        "created_at, updated_at) VALUES (1, 'Anna', '', '', '', '', '', '', "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    )
    for day in range(1, 11):
        raw.execute(
            "INSERT INTO event (customer_id, kind, occurred_on, emotional, note, logged_by, "
            f"created_at) VALUES (1, 'purchase', '2026-01-{day:02d}', 0, '', '', "
            "'2026-01-01 00:00:00')"
        )
    raw.commit()
    raw.close()

    store = Store.open(str(path), default_rulebook(), TODAY)
    assert current_revision(store.engine) == head_revision()
    assert len(store.events_of(1)) == 10  # the customer table was recreated, events kept
    assert service.customer_card(store, 1, TODAY).rung.id == "asiakas"
    backups = list(tmp_path.glob("ladder.db.before-0001-*"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT count(*) FROM event").fetchone() == (10,)
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()


def test_a_0002_database_gets_its_standing_rungs_derived_on_open(tmp_path: Path):
    path = tmp_path / "ladder.db"
    store = Store.open(str(path), default_rulebook(), TODAY)
    anna = service.add_customer(store, "Anna", today=TODAY).id
    for day in (1, 2, 3):
        service.log(store, anna, "purchase", date(2026, 1, day), today=TODAY)
    store.close()
    _migrate(path, command.downgrade, "0002")

    store = Store.open(str(path), default_rulebook(), TODAY)
    with store.engine.connect() as connection:
        standing = connection.execute(
            text("SELECT standing_rung FROM customer_state WHERE customer_id = :id"), {"id": anna}
        ).scalar()
    assert standing == int(service.customer_card(store, anna, TODAY).rung)
    store.close()


def test_a_new_database_is_built_in_one_transaction(location: str):
    """Every step commits together: a colleague opening at the same moment either
    waits for the whole schema or builds it all, never steps half done by another."""
    engine = make_engine(location)
    commits = []
    event.listen(engine, "commit", lambda connection: commits.append(connection))
    upgrade(engine)
    engine.dispose()
    assert len(commits) == 1


def test_the_schema_revision_constant_is_alembics_head():
    assert head_revision() == SCHEMA_REVISION


def test_an_upgrade_that_cannot_copy_aside_changes_nothing_and_says_so(tmp_path, monkeypatch):
    import data.store.migrate as migrate_module
    from data.store.db import DatabaseError

    path = tmp_path / "ladder.db"
    _migrate(path, command.upgrade, "0003")
    real_connect = sqlite3.connect

    class FullDisk:
        def __init__(self, target):
            self.target = target

        def backup(self, copy):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            pass

    def connect(target, *args, **kwargs):
        if str(target) == str(path):
            return FullDisk(target)
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(migrate_module.sqlite3, "connect", connect)
    with pytest.raises(DatabaseError, match="cannot copy the database aside"):
        Store.open(str(path), default_rulebook(), TODAY)
    monkeypatch.undo()
    assert list(tmp_path.glob("ladder.db.before-*")) == []  # no half copy left
    engine = make_engine(str(path))
    assert current_revision(engine) == "0003"  # not upgraded without its safety copy
    engine.dispose()
    store = Store.open(str(path), default_rulebook(), TODAY)
    assert store.set_aside is not None and store.set_aside.name.startswith("ladder.db.before-0003")
    store.close()


def test_a_0006_database_gets_one_spelling_per_member_and_its_ids_kept(tmp_path: Path):
    path = tmp_path / "ladder.db"
    _migrate(path, command.upgrade, "0006")
    raw = sqlite3.connect(path)
    for member_id, name in ((1, "Aino"), (2, "aino "), (3, "Pekka")):
        raw.execute(
            "INSERT INTO member (id, name, created_at) VALUES (?, ?, '2026-01-01 00:00:00')",
            (member_id, name),
        )
    raw.execute(
        "INSERT INTO customer (id, name, email, phone, address, tags, notes, owner, "
        "created_at, updated_at, organisation) VALUES (7, 'Anna', '', '', '', '', '', 'aino ', "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00', '')"
    )
    for event_id, member in ((40, "aino "), (41, "Aino"), (42, "Pekka")):
        raw.execute(
            "INSERT INTO event (id, customer_id, kind, occurred_on, emotional, note, logged_by, "
            f"created_at) VALUES ({event_id}, 7, 'purchase', '2026-01-{event_id - 30:02d}', 0, "
            "'', ?, '2026-01-01 00:00:00')",
            (member,),
        )
    raw.execute("DELETE FROM event WHERE id = 42")  # the newest id, gone: never given again
    raw.commit()
    raw.close()

    store = Store.open(str(path), default_rulebook(), TODAY)
    assert {e.logged_by for e in store.events_of(7)} == {"Aino"}
    assert service.customer(store, 7).owner == "Aino"
    with store.engine.connect() as connection:
        members = connection.execute(text("SELECT name, key FROM member ORDER BY id")).all()
    assert [tuple(m) for m in members] == [("Aino", "aino"), ("Pekka", "pekka")]
    logged = service.log(store, 7, "contact", TODAY, today=TODAY, member="AINO")
    assert logged.event_id == 43
    assert store.events_of(7)[-1].logged_by == "Aino"
    store.close()


def test_a_database_from_a_newer_ladder_is_refused_and_its_copies_kept(tmp_path: Path):
    path = tmp_path / "ladder.db"
    Store.open(str(path), default_rulebook(), TODAY).close()
    kept = tmp_path / "ladder.db.before-0007-20261201-120000"
    kept.write_bytes(b"a colleague's safety copy")
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer Ladder") as refused:
        Store.open(str(path), default_rulebook(), TODAY)
    assert refused.value.key == "schema_newer"
    assert kept.read_bytes() == b"a colleague's safety copy"
    assert sorted(p.name for p in tmp_path.iterdir() if ".before-" in p.name) == [kept.name]
    assert path.read_bytes() == before


def test_a_database_that_is_not_ladders_is_refused_untouched(tmp_path: Path):
    history = tmp_path / "History"
    with sqlite3.connect(history) as raw:
        raw.execute("CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT)")
        raw.execute("INSERT INTO urls (url) VALUES ('https://example.fi')")
    raw.close()
    before = history.read_bytes()
    with pytest.raises(DatabaseError, match="not a Ladder database") as refused:
        Store.open(str(history), default_rulebook(), TODAY)
    assert refused.value.key == "not_ladder"
    assert history.read_bytes() == before  # no tables added, journal mode unchanged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["History"]


def test_ladders_own_file_carries_its_mark_and_an_unmarked_one_is_marked(tmp_path: Path):
    from data.store.whose import APPLICATION_ID

    path = tmp_path / "ladder.db"
    Store.open(str(path), default_rulebook(), TODAY).close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        raw.execute("PRAGMA application_id = 0")  # as a file made before the mark
    raw.close()
    Store.open(str(path), default_rulebook(), TODAY).close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    raw.close()


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(tmp_path: Path):
    from data.store.rederive_lock import lock_file

    path = tmp_path / "ladder.db"
    Store.open(str(path), default_rulebook(), TODAY).close()
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    lock = lock_file(path)
    lock.unlink(missing_ok=True)
    lock.symlink_to(target)
    store = Store(make_engine(str(path)), default_rulebook())
    with pytest.raises(DatabaseError, match="symbolic link"):
        store.rederive_all(TODAY)
    store.close()
    assert target.read_text() == "keep me"
