"""Ladder opens only its own SQLite files.

A file Ladder makes carries its mark in the SQLite header (`PRAGMA
application_id`). A file without it is taken as Ladder's only when it is empty
(new) or holds Ladder's own tables (made before the mark existed), and is
marked then; any other database, a browser's history or a spreadsheet's, is
refused before anything in it changes, its journal mode included.
"""

from __future__ import annotations

import sqlite3

from data.errors import DatabaseError

APPLICATION_ID = 0x4C414452  # "LADR"
LADDER_TABLES = frozenset({"alembic_version", "customer", "event", "followup"})


def claim(connection: sqlite3.Connection, path: str) -> None:
    """Go on with a connection to Ladder's database; mark it Ladder's if it is new."""
    try:
        (mark,) = connection.execute("PRAGMA application_id").fetchone()
        if mark == APPLICATION_ID:
            return
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if mark == 0 and (not tables or tables >= LADDER_TABLES):
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            return
    except sqlite3.Error as exc:
        why = str(exc)
        raise DatabaseError(f"cannot open the database: {why}", "cannot_open", why=why) from None
    raise DatabaseError(
        f"{path} is not a Ladder database; nothing in it was changed", "not_ladder", path=path
    )
