"""Where the database lives and how a connection to it behaves.

A plain path is an embedded SQLite file; a `postgresql://` URL is a server a
team shares. SQLite runs in WAL mode with foreign keys, a busy timeout and
full sync, and every write transaction starts with BEGIN IMMEDIATE so that
two members logging at once wait for each other instead of failing. The log
is checkpointed by the store's background thread (data/store/checkpoint.py).
"""

from __future__ import annotations

import sqlite3
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Dialect, Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DisconnectionError

from data.errors import DatabaseError
from data.locations import (
    application_name,
    database_url,
    default_location,
    is_postgres,
    shown_location,
)
from data.member_files import create_sqlite_file
from data.store.sqlite_connection import BUSY_TIMEOUT_MS, begin_writing, prepare
from data.store.whose import check_file

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from sqlalchemy.pool import ConnectionPoolEntry

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DatabaseError",
    "default_location",
    "is_postgres",
    "make_engine",
    "shown_location",
]

WRITE = "ladder_write"


LOCKS = {"schema": 7_010_001, "rederive": 7_010_002, "settle": 7_010_003, "rulebook": 7_010_004}


def serialize(connection: Connection | Session, name: str) -> None:
    """One process at a time past this point until the transaction ends (PostgreSQL).

    Schema changes and `settle` each run in one process at a time: three
    colleagues opening the app at once must not each upgrade, or each store
    the same lapse. SQLite's writers are one at a time already (BEGIN
    IMMEDIATE), so there it does nothing. A re-derive, which spans many
    transactions, has its own lock (`data.store.rederive_lock`).
    """
    bind = connection.get_bind() if hasattr(connection, "get_bind") else connection
    if bind.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCKS[name]})


def sqlalchemy_url(location: str) -> str:
    """The SQLAlchemy URL for a path or a PostgreSQL URL.

    A mistyped URL (`postgresq://`, `postgresql:/`) is refused in one line that
    does not repeat it: it may hold a password.
    """
    if is_postgres(location):
        return (
            database_url(location)
            .set(drivername="postgresql+psycopg")
            .render_as_string(hide_password=False)
        )
    if "://" in location or location.startswith("postgres"):
        raise DatabaseError("not_a_url")
    # Built, not written: a file named `co#op.db` or `a?.db` is that file, not `co`.
    return URL.create("sqlite", database=str(Path(location).expanduser())).render_as_string()


def sqlite_file(engine: Engine) -> Path:
    """The file of a SQLite engine `make_engine` made: its URL always names one."""
    database = engine.url.database
    assert database is not None, "an in-memory SQLite database has no file"
    return Path(database)


def make_engine(location: str, *, member: str = "") -> Engine:
    """An engine whose connections behave as described above; on PostgreSQL each
    says whose it is (`application_name`)."""
    url = sqlalchemy_url(location)  # a mistyped URL stops here, before any file is made
    if is_postgres(location):
        engine = create_engine(url, connect_args={"application_name": application_name(member)})
        event.listen(engine, "checkin", _rested)
        event.listen(engine, "checkout", partial(_ping_if_rested, dialect=engine.dialect))
        return engine
    path = Path(location).expanduser()
    check_file(path)
    create_sqlite_file(path)
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", partial(_sqlite_connect, path=str(path)))
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(
    dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry, *, path: str
) -> None:
    prepare(dbapi_connection, path)


def _sqlite_begin(connection: Connection) -> None:
    if not connection.get_execution_options().get(WRITE, False):
        connection.exec_driver_sql("BEGIN")
        return
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)  # the driver's own, as on every SQLite engine
    begin_writing(raw)


IDLE_BEFORE_PING_S = 10.0  # a connection unused this long is asked whether it still works


def _rested(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    record.info["rested_from"] = time.monotonic()


def _ping_if_rested(
    dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any, *, dialect: Dialect
) -> None:
    """Ask a PostgreSQL connection that has lain unused a while whether the server still
    holds it (a restart, a dropped network), before a use case runs on it; one in use
    a moment ago is not asked, so a log is one round trip shorter. A dead one is
    replaced: the pool connects anew."""
    rested = record.info.get("rested_from")
    if rested is None or time.monotonic() - rested < IDLE_BEFORE_PING_S:
        return
    try:
        dialect.do_ping(dbapi_connection)  # as SQLAlchemy's pre-ping asks
    except Exception as exc:  # whatever the driver raises for a connection that is gone
        raise DisconnectionError(str(exc)) from exc
