"""Where a log's time goes, each part against the raw insert of the same run
(issue 26, target 6): `python -m bench.log_parts CUSTOMERS` prints the rows.

PostgreSQL: the store's log (pipelined), the same statements replayed by bare
psycopg with the same three waits (after the read, after the follow-ups'
INSERT ... RETURNING, COMMIT with the rest) on a twin database made from the
same template, and the replay on a twin without the insights' triggers; so
the gap to the raw INSERT + COMMIT splits into our Python, our statements
and the triggers. SQLite: the CPU of the store's log, of the same `log_sql`
path on a bare sqlite3 connection (no SQLAlchemy), and of its recorded
statements replayed by sqlite3 alone, with and without the triggers.
"""

from __future__ import annotations

import gc
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from bench.results import Row, row, table
from bench.store import build
from bench.store_pg import SERVER, fresh_database
from bench.synthetic import TODAY
from data import service
from data.store import Store, log_sql, pipelined
from data.store.sqlite_connection import begin_writing, prepare
from ladder import default_rulebook

RAW_INSERT = (
    "INSERT INTO event (customer_id, kind, occurred_on, emotional, note, logged_by,"
    " created_at, changed_by, changed_at) VALUES ({marks}, 'contact', {marks}, false, '',"
    " 'bench', '2026-11-22 00:00:00', 'bench', '2026-11-22 00:00:00')"
)
Recorded = list[list[tuple[str, Any, bool]]]  # a log's statements: (sql, values, many)


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@contextmanager
def _twin(url: str, *, triggers: bool) -> Iterator[str]:
    """A copy of the database at `url` (its template), with or without triggers."""
    name = f"ladder_bench_twin_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(url).database}"')
    twin = make_url(_plain(url)).set(database=name).render_as_string(hide_password=False)
    try:
        if not triggers:
            with psycopg.connect(twin, autocommit=True) as connection:
                found = connection.execute(
                    "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
                ).fetchall()
                for trigger, on in found:
                    connection.execute(f'DROP TRIGGER "{trigger}" ON {on}')
        yield twin
    finally:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _replayed_pg(connection: psycopg.Connection[Any], statements: list[tuple[str, Any, bool]]):
    """The statements of one log, waiting where the log waits."""
    with connection.pipeline():
        for sql, values, many in statements:
            cursor = connection.cursor()
            if many:
                cursor.executemany(sql, values)
            else:
                cursor.execute(sql, values)
            if sql.lstrip().startswith("SELECT 0") or "RETURNING" in sql:
                cursor.fetchall()


def postgres(customers: int, rounds: int = 300) -> list[Row]:
    label = f"{customers:,} customers, PostgreSQL"
    recorded: Recorded = []
    sent = pipelined.Pipe._sent

    def recording(pipe: pipelined.Pipe, sql: str, values: Any, *, many: bool) -> Any:
        recorded[-1].append((sql, values, many))
        return sent(pipe, sql, values, many=many)

    with fresh_database() as url:
        build(url, customers)
        store = Store.open(url, default_rulebook(), TODAY)
        service.log(store, 1, "purchase", TODAY, today=TODAY, member="bench")
        store.close()
        with _twin(url, triggers=True) as twin, _twin(url, triggers=False) as bare_twin:
            store = Store.open(url, default_rulebook(), TODAY)
            raw = psycopg.connect(_plain(url))
            replaying = psycopg.connect(twin, autocommit=True)
            bare = psycopg.connect(bare_twin, autocommit=True)
            pipelined.Pipe._sent = recording  # type: ignore[method-assign]
            try:
                sides = _pg_sides(store, raw, replaying, bare, recorded, customers)
                timings = _in_turn(rounds, sides)
            finally:
                pipelined.Pipe._sent = sent  # type: ignore[method-assign]
                for connection in (raw, replaying, bare):
                    connection.close()
                store.close()
    floor = timings["raw"][0]
    return [
        row(f"log parts: raw INSERT + COMMIT ({label})", floor, floor, "ms", "the floor"),
        *(
            row(f"log parts: {what} ({label})", timings[key][0], floor, "ms", note)
            for key, what, note in (
                ("log", "the store's log, pipelined", "issue 26: p50 <= 3x"),
                ("replay", "its statements, bare psycopg, same 3 waits", "what the server does"),
                ("bare", "the same, no insights' triggers", "what the triggers add: the gap"),
            )
        ),
    ]


def _pg_sides(store, raw, replaying, bare, recorded: Recorded, customers: int):
    def customer(round_: int) -> int:
        return round_ * 7919 % customers + 1

    def raw_insert(round_: int) -> None:
        raw.execute(RAW_INSERT.format(marks="%s"), (customer(round_), TODAY))
        raw.commit()

    def log(round_: int) -> None:
        recorded.append([])
        service.log(store, customer(round_), "purchase", TODAY, today=TODAY, member="bench")

    return {
        "raw": raw_insert,
        "log": log,
        "replay": lambda _: _replayed_pg(replaying, recorded[-1]),
        "bare": lambda _: _replayed_pg(bare, recorded[-1]),
    }


def _in_turn(
    rounds: int, sides: dict[str, Callable[[int], object]]
) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU (this thread's) of each side, the sides in turn in each round."""
    found: dict[str, tuple[list[float], list[float]]] = {key: ([], []) for key in sides}
    for round_ in range(rounds):
        for key, work in sides.items():
            wall, cpu = time.perf_counter(), time.thread_time()
            work(round_)
            found[key][1].append(time.thread_time() - cpu)
            found[key][0].append(time.perf_counter() - wall)
    return found


def sqlite(customers: int, rounds: int = 400) -> list[Row]:
    """CPU of a SQLite log, taken apart; each side on its own copy of the database."""
    label = f"{customers:,} customers"
    rules = default_rulebook()
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "coop.db"
        build(path, customers)
        store = Store.open(str(path), rules, TODAY)
        service.log(store, 1, "purchase", TODAY, today=TODAY, member="bench")
        store.close()
        copies = {name: folder / f"{name}.db" for name in ("store", "bare", "replay", "plain")}
        for copy in [*copies.values(), folder / "floor.db"]:
            shutil.copy(path, copy)
        for stripped in (copies["plain"], folder / "floor.db"):
            _without_triggers(stripped)
        rnd = random.Random(3)
        chosen = [rnd.randrange(1, customers + 1) for _ in range(rounds)]
        store = Store.open(str(copies["store"]), rules, TODAY)
        gc.freeze()
        try:
            ours = _cpu(
                chosen,
                lambda c: service.log(store, c, "purchase", TODAY, today=TODAY, member="bench"),
            )
        finally:
            store.close()
        recorded: Recorded = []
        bare = _log_sql_alone(copies["bare"], chosen, recorded)
        replay = _replay_sqlite(copies["replay"], recorded)
        plain = _replay_sqlite(copies["plain"], recorded)
        floor = _raw_sqlite(folder / "floor.db", chosen)
    finally:
        shutil.rmtree(folder)
    return [
        row(f"log parts, CPU: {what} ({label})", samples, floor, "ms", note)
        for what, samples, note in (
            ("the store's log", ours, "issue 26: <= 3x the raw insert's CPU"),
            ("log_sql on a bare sqlite3 connection", bare, "the store without SQLAlchemy"),
            ("its statements replayed by sqlite3", replay, "what SQLite does"),
            ("the same, no insights' triggers", plain, "what the triggers add: the gap"),
        )
    ]


def _without_triggers(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        found = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (name,) in found.fetchall():
            connection.execute(f"DROP TRIGGER {name}")
        connection.commit()


def _connected(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    prepare(connection, str(path))
    connection.execute("PRAGMA wal_autocheckpoint=0")  # like for like: none checkpoints here
    return connection


def _cpu(chosen: list[int], work: Callable[[int], object]) -> list[float]:
    spent = []
    for customer in chosen:
        started = time.thread_time()
        work(customer)
        spent.append(time.thread_time() - started)
    return spent


def _log_sql_alone(path: Path, chosen: list[int], recorded: Recorded) -> list[float]:
    """The store's log as `data.store.plain_log` runs it: `log_sql` on sqlite3."""
    rules = default_rulebook()
    with closing(_connected(path)) as connection:

        def execute(sql: str, values: Any) -> list[Any]:
            recorded[-1].append((sql, values, False))
            return connection.execute(sql, values).fetchall()

        def execute_many(sql: str, values: list[dict[str, Any]]) -> None:
            recorded[-1].append((sql, values, True))
            connection.executemany(sql, values)

        db = log_sql.Driver("sqlite", execute, execute_many)

        def log(customer: int) -> None:
            recorded.append([])
            begin_writing(connection)
            read = log_sql.read_everything(db, customer)
            assert read is not None
            new = log_sql.new_event(
                rules, "purchase", TODAY, TODAY, emotional=None, note="", force=False
            )
            now = datetime.now(UTC)
            done = log_sql.add_event(db, rules, read, new, TODAY, now, "bench", "bench")
            log_sql.audit(db, "bench", "log", customer, f"event #{done.event_id}", now)
            connection.execute("COMMIT")

        return _cpu(chosen, log)


def _replay_sqlite(path: Path, recorded: Recorded) -> list[float]:
    with closing(_connected(path)) as connection:

        def replay(index: int) -> None:
            begin_writing(connection)
            for sql, values, many in recorded[index]:
                if many:
                    connection.executemany(sql, values)
                else:
                    connection.execute(sql, values).fetchall()
            connection.execute("COMMIT")

        return _cpu(list(range(len(recorded))), replay)


def _raw_sqlite(path: Path, chosen: list[int]) -> list[float]:
    with closing(_connected(path)) as connection:

        def insert(customer: int) -> None:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                RAW_INSERT.format(marks="?").replace("false", "0"), (customer, TODAY.isoformat())
            )
            connection.execute("COMMIT")

        return _cpu(chosen, insert)


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(table([*sqlite(size), *postgres(size)]), flush=True)
