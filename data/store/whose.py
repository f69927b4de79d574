"""Ladder opens only its own SQLite files.

A file Ladder makes carries its mark in the SQLite header (`PRAGMA
application_id`). A file without it is taken as Ladder's only when it is empty
(new) or holds Ladder's own tables (made before the mark existed), and is
marked then; any other database, a browser's history or a spreadsheet's, is
refused before anything in it changes, its journal mode included.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from data.errors import DatabaseError

APPLICATION_ID = 0x4C414452  # "LADR"
LADDER_TABLES = frozenset(
    {"alembic_version", "customer", "event", "followup", "customer_state", "member", "meta"}
)


def check_file(path: Path) -> None:
    """Refuse a file that is not Ladder's before any connection that could write opens
    it: read-only, so even another program's unfinished log is left as it was."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # said when the store opens it, in the words for it
    try:
        if not _ours(connection):
            raise DatabaseError(
                "not_ladder",
                path=path,
            )
    except sqlite3.Error:
        return
    finally:
        connection.close()


def _ours(connection: sqlite3.Connection) -> bool:
    (mark,) = connection.execute("PRAGMA application_id").fetchone()
    if mark == APPLICATION_ID:
        return True
    tables = {
        name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    return mark == 0 and (not tables or tables >= LADDER_TABLES)


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
        raise DatabaseError("cannot_open", why=why) from None
    raise DatabaseError("not_ladder", path=path)
