"""How a connection to a SQLite file of Ladder's behaves, without SQLAlchemy: the
store's engine sets up each of its connections with this (`data.store.db`), and
so does a log written straight through the driver (`data.store.plain_log`), so
both write the same way.
"""

from __future__ import annotations

import sqlite3
import time

from data.errors import DatabaseError
from data.store.whose import claim

BUSY_TIMEOUT_MS = 30_000
PRAGMAS = (
    "journal_mode=WAL",
    "foreign_keys=ON",
    f"busy_timeout={BUSY_TIMEOUT_MS}",
    "synchronous=FULL",
    "secure_delete=ON",
    "cache_size=-32768",  # 32 MiB, not 2: a re-derive at 100k customers rereads pages
    "wal_autocheckpoint=0",  # a Checkpointer thread does it, outside the commits
)


def prepare(connection: sqlite3.Connection, path: str) -> None:
    """A new connection to the file at `path` made ready: Ladder's file (refused
    otherwise, before the journal mode changes anything), WAL, foreign keys, a busy
    timeout, full sync, and transactions begun by us."""
    connection.isolation_level = None  # we issue BEGIN ourselves
    claim(connection, path)
    cursor = connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


WRITE_POLL_S = 0.002  # how often a waiting writer asks again


def begin_writing(connection: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, asking again every 2 ms while another writer holds the lock.

    SQLite's own busy handler waits longer and longer between tries (100 ms at
    last), so a colleague's log almost never lands in the short gaps between
    a re-derive's batches and waits for the whole re-derive. Asked this often,
    it takes the next gap.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    why = str(exc)
                    raise DatabaseError("db_failed", why=why) from None
                time.sleep(WRITE_POLL_S)
    finally:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
