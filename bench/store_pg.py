"""The store on PostgreSQL, where a growing co-op goes: each figure against raw psycopg.

Rows: logging (p50 within 3x of a raw INSERT + COMMIT, with the statements a
log takes), the follow-up list, a re-derive of everyone, and a colleague
logging through that re-derive (`bench.colleague`). The server is
LADDER_BENCH_PG_URL, else the local one on its socket; each run makes a fresh
database and drops it afterwards.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import timedelta

import psycopg
from psycopg import pq
from sqlalchemy import event
from sqlalchemy.engine import make_url

from bench import colleague
from bench.results import Row, in_turn, row
from bench.store import build, changed_rulebook, changed_rules_text
from bench.synthetic import TODAY
from data import service
from data.store import Store
from ladder import Event, default_rulebook, fold

SERVER = os.environ.get(
    "LADDER_BENCH_PG_URL", "postgresql://root@/postgres?host=/var/run/postgresql"
)


def reachable() -> bool:
    try:
        with psycopg.connect(SERVER, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


@contextmanager
def fresh_database(server: str = SERVER, prefix: str = "ladder_bench") -> Iterator[str]:
    """A new, empty database on `server` (its URL), dropped afterwards; the tests' too."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_apart(customers: int) -> list[Row]:
    """`run` in a fresh interpreter, as bench.store does for SQLite."""
    found = subprocess.run(
        [sys.executable, "-m", "bench.store_pg", str(customers)],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        timeout=3600,
    )
    return [Row(**fields) for fields in json.loads(found.stdout)]


def run(customers: int) -> list[Row]:
    label = f"{customers:,} customers, PostgreSQL"
    with fresh_database() as url:
        build(url, customers)
        store = Store.open(url, default_rulebook(), TODAY)
        raw = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
        try:
            logged, raw_logged, per_log, trips = _logging(store, raw, customers)
            listed, raw_listed = _followups(store, raw)
            derived, raw_derived = _rederive(store, raw)
        finally:
            raw.close()
            store.close()
        during = colleague.run(url, customers, changed_rules_text(), where="PostgreSQL")
    ours, bare = statistics.median(logged), statistics.median(raw_logged)
    return [
        row(
            f"store: log one event ({label})",
            logged,
            raw_logged,
            "ms",
            f"p50 <= 3x raw INSERT + COMMIT ({ours / bare:.1f}x); <= 6 statements a log "
            f"({per_log:.1f}), <= 3 round trips ({trips:.1f}, BEGIN and COMMIT counted)",
        ),
        row(
            f"store: follow-up list, 7 days ({label})", listed, raw_listed, "ms", "<= 3x raw query"
        ),
        row(
            f"store: full re-derive, in batches ({label})",
            derived,
            raw_derived,
            "s",
            "<= 3x raw scan + fold",
        ),
        *during,
    ]


def _logging(store: Store, raw, customers: int, rounds: int = 300):
    def customer(round_: int) -> int:
        return round_ * 7919 % customers + 1

    def bare(round_: int) -> None:
        raw.execute(
            "INSERT INTO event (customer_id, kind, occurred_on, emotional, note, logged_by,"
            " created_at, changed_by, changed_at)"
            " VALUES (%s, 'contact', %s, false, '', 'bench', now(), 'bench', now())",
            (customer(round_), TODAY),
        )
        raw.commit()

    service.log(store, customer(0), "purchase", TODAY, today=TODAY, member="bench")
    with _traced(store) as counted:
        ours, theirs = in_turn(
            rounds,
            lambda round_: service.log(
                store, customer(round_), "purchase", TODAY, today=TODAY, member="bench"
            ),
            bare,
        )
        statements, trips = counted()
    return ours, theirs, statements / rounds, trips / rounds


MESSAGE = re.compile(r"[FB]\t\d+\t")
CONTROL = re.compile(r'"(BEGIN|COMMIT|ROLLBACK)"')


@contextmanager
def _traced(store: Store) -> Iterator[Callable[[], tuple[int, int]]]:
    """Count the store's statements and round trips: libpq traces each connection's
    messages (the bare side runs on its own connection, untraced).

    A round trip is a wait for the server: a run of messages the client sent
    followed by one the server sent (pipelined statements go in one run; a
    Flush or a Sync asks for their answers). A statement is an Execute (or a
    simple Query) that is not BEGIN, COMMIT or ROLLBACK, whichever way it went:
    through SQLAlchemy, psycopg's pipeline, prepared or not."""
    with tempfile.TemporaryFile("w+") as trace:

        def traced(dbapi_connection: psycopg.Connection, _record: object) -> None:
            dbapi_connection.pgconn.trace(trace.fileno())
            dbapi_connection.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)

        event.listen(store.engine, "connect", traced)
        store.engine.dispose()  # the store's connections from here on are traced
        store.engine.connect().close()  # connected before counting starts
        trace.flush()
        start = trace.seek(0, 2)

        def counted() -> tuple[int, int]:
            trace.flush()
            trace.seek(start)
            return _statements_and_trips(trace)

        yield counted
        event.remove(store.engine, "connect", traced)


def _statements_and_trips(lines: Iterable[str]) -> tuple[int, int]:
    prepared: dict[str, bool] = {}  # a statement's name: whether it is BEGIN/COMMIT/ROLLBACK
    control = sending = False
    statements = trips = 0
    for line in lines:
        if not MESSAGE.match(line):
            continue  # a statement's text goes on over lines
        side, _length, message, detail = [*line.rstrip("\n").split("\t", 3), ""][:4]
        detail = detail.strip()
        if side == "B":
            trips += sending
            sending = False
            continue
        if side != "F" or message == "Terminate":
            continue
        sending = True
        if message == "Parse":
            name, _, sql = detail.partition(" ")
            prepared[name] = bool(CONTROL.match(sql))
        elif message == "Bind":
            control = prepared.get(detail.split(" ")[1], False)
        elif message == "Execute":
            statements += not control
        elif message == "Query":
            statements += not CONTROL.match(detail)
    return statements, trips


def _followups(store: Store, raw, rounds: int = 15):
    def bare(_: int) -> None:
        raw.execute(
            "SELECT f.*, c.name FROM followup f JOIN customer c ON c.id = f.customer_id"
            " WHERE f.made_on <= %(today)s AND ((f.state = 'open' AND f.due <= %(horizon)s)"
            " OR (f.state = 'snoozed' AND f.snoozed_until <= %(horizon)s)) ORDER BY f.due",
            {"today": TODAY, "horizon": TODAY + timedelta(days=7)},
        ).fetchall()
        raw.commit()

    return in_turn(rounds, lambda _: store.due_followups(TODAY, days=7), bare)


def _rederive(store: Store, raw):
    started = time.perf_counter()
    histories: dict[int, list[Event]] = {}
    for id_, customer, kind, on, emotional in raw.execute(
        "SELECT id, customer_id, kind, occurred_on, emotional FROM event"
        " ORDER BY customer_id, occurred_on, id"
    ):
        histories.setdefault(customer, []).append(Event(id_, kind, on, emotional))
    raw.commit()
    for history in histories.values():
        fold(history, store.rules, in_order=True)
    bare = time.perf_counter() - started
    store.rules = changed_rulebook()
    started = time.perf_counter()
    store.rederive_all(TODAY)
    return [time.perf_counter() - started], [bare]


if __name__ == "__main__":
    print(json.dumps([asdict(r) for r in run(int(sys.argv[1]))]))
