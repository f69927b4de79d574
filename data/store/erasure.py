"""Forgetting a person wherever Ladder keeps them (the GDPR right to erasure).

The store deletes the rows in one transaction; this module makes the bytes go
too. On SQLite, freed pages are overwritten (secure_delete), the write-ahead
log is checkpointed and truncated — and that is checked: a reader holding an
old snapshot keeps the log, and then erasure says so instead of claiming it is
done. The copy an upgrade set aside (`ladder.db.before-…`) is cleaned as well.
On PostgreSQL the touched tables are vacuumed; what PostgreSQL keeps in its
write-ahead log and in base backups is beyond a client's reach (see README).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, text

from data.store.db import sqlite_file

TABLES = ("customer", "customer_word", "event", "followup", "customer_state", "transition")
# and the insights' rows of one customer (ids, days, kinds: migration 0012)
TABLES_OF_INSIGHTS = ("insight_customer", "insight_climb", "insight_move", "insight_break")
ATTEMPTS = 10


class LogNotEmptied(Exception):
    """The rows are deleted, but a reader kept the old pages in the write-ahead log."""


def migration_copies(database: Path) -> list[Path]:
    """The copies of `database` that upgrades set aside, oldest first: found by listing
    the folder and comparing names (a glob of `co[op].db` would find none)."""
    prefix = f"{database.name}.before-"
    return sorted(
        path
        for path in database.parent.iterdir()
        if path.name.startswith(prefix) and not path.name.endswith(SQLITE_SIDE_FILES)
    )


SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def truncate_log(engine: Engine) -> None:
    """Checkpoint SQLite's log into the database and empty it; retry while readers finish.

    `wal_checkpoint(TRUNCATE)` answers (busy, log frames, checkpointed): busy
    means a reader still needs the log, which then keeps the erased bytes.
    """
    engine.dispose()  # our own pooled readers first
    connection = sqlite3.connect(sqlite_file(engine), timeout=0.2)  # a reader: ask, not wait
    try:
        for attempt in range(ATTEMPTS):
            try:
                busy, frames, done = connection.execute(
                    "PRAGMA wal_checkpoint(TRUNCATE)"
                ).fetchone()
            except sqlite3.OperationalError:  # locked by a writer this instant
                busy, frames, done = 1, 1, 0
            if not busy and frames in (0, -1, done):
                return
            time.sleep(0.05 * (attempt + 1))
    finally:
        connection.close()
    raise LogNotEmptied("another program is reading the database")


def erase_from_copy(copy: Path, customer_id: int, created_at: str) -> bool:
    """Delete the customer from a set-aside copy too, overwriting the freed pages.

    Only the same person goes: the row with their number *and* the moment they
    were added, as stored (`created_at`); a file by that name holding someone
    else under that number is not a copy of this database and is left alone.
    Returns whether the copy held them."""
    connection = sqlite3.connect(copy)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA secure_delete=ON")
        with connection:
            deleted = connection.execute(
                "DELETE FROM customer WHERE id = ? AND created_at = ?", (customer_id, created_at)
            )
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted.rowcount > 0
    finally:
        connection.close()


def vacuum_postgres(engine: Engine) -> None:
    """VACUUM the tables that held the person, so their dead rows are reclaimed now."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in (*TABLES, *TABLES_OF_INSIGHTS):
            connection.execute(text(f'VACUUM "{table}"'))
