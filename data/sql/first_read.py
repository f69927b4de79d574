"""The morning view read at start-up straight through the driver, before the
store (and SQLAlchemy, a few tenths of a second to load) is, so that the
member sees their list at once.

Only when the database is as the store would leave it: the schema current,
the whole database derived under this rulebook, and nothing waiting for
today's settle (a new day's lapses and greetings). Otherwise, or on any
trouble reaching it, the answer is None and the app waits for the store,
which does all that and says what went wrong. The queries are the store's
own (`data.sql.morning_sql`), on a bare connection (`data.sql.plain`).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from urllib.parse import quote

from data import records
from data.sql import morning_sql, plain
from data.sql.in_force import as_the_store_leaves_it
from ladder import Rulebook


def read_morning(
    location: str,
    rules: Rulebook,
    today: date,
    *,
    member: str | None,
    moves: int,
    rows: int,
    reader: str = "",
) -> records.MorningView | None:
    """The morning view as `data.service.morning` reads it after settling, if no
    settle or re-derive is due; else None. `member` names whose follow-ups (None:
    everyone's); `reader`, who is reading (a PostgreSQL server shows it)."""
    try:
        with plain.reading(location, reader) as db:
            if not as_the_store_leaves_it(db.run, db.dialect, rules.fingerprint, today):
                return None
            return morning_sql.read_view(
                db.run, db.dialect, today, member=member, moves=moves, rows=rows
            )
    except Exception:  # any trouble at all: the store opens next, and says what it is
        return None


def holds_customers(path: str) -> bool:
    """Whether the SQLite file at `path` holds any customer, read without opening the
    store (a file a command made before the first start holds none)."""
    if not Path(path).exists():
        return False
    try:
        with closing(sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)) as connection:
            return connection.execute("SELECT 1 FROM customer LIMIT 1").fetchone() is not None
    except sqlite3.Error:  # no customer table yet, or not a database: nothing of ours
        return False
