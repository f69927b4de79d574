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
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL

from data.errors import DatabaseError
from data.locations import (
    application_name,
    database_url,
    default_location,
    is_postgres,
    shown_location,
)
from data.member_files import create_sqlite_file
from data.store.whose import check_file, claim

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from sqlalchemy.pool import ConnectionPoolEntry

__all__ = ["DatabaseError", "default_location", "is_postgres", "make_engine", "shown_location"]

BUSY_TIMEOUT_MS = 30_000
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
        raise DatabaseError("not a database URL (postgresql://…)", "not_a_url")
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
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"application_name": application_name(member)},
        )
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
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    claim(dbapi_connection, path)  # before the journal mode changes anything
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "foreign_keys=ON",
        f"busy_timeout={BUSY_TIMEOUT_MS}",
        "synchronous=FULL",
        "secure_delete=ON",
        "cache_size=-32768",  # 32 MiB, not 2: a re-derive at 100k customers rereads pages
        "wal_autocheckpoint=0",  # a Checkpointer thread does it, outside the commits
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    if not connection.get_execution_options().get(WRITE, False):
        connection.exec_driver_sql("BEGIN")
        return
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)  # the driver's own, as on every SQLite engine
    _begin_writing(raw)


WRITE_POLL_S = 0.002  # how often a waiting writer asks again


def _begin_writing(dbapi_connection: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, asking again every 2 ms while another writer holds the lock.

    SQLite's own busy handler waits longer and longer between tries (100 ms at
    last), so a colleague's log almost never lands in the short gaps between
    a re-derive's batches and waits for the whole re-derive. Asked this often,
    it takes the next gap.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    dbapi_connection.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    why = str(exc)
                    raise DatabaseError(f"database error: {why}", "db_failed", why=why) from None
                time.sleep(WRITE_POLL_S)
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
