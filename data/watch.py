"""Whether a colleague has written to the database since we last looked.

An open app asks this once a second and reloads when the answer is yes. On
SQLite, `PRAGMA data_version` on a connection of its own changes whenever any
other connection commits: a read of one page header, no query. On PostgreSQL
every write transaction sends `NOTIFY ladder_changed` as it commits
(`StoreCore.write`), and the watch LISTENs on a connection of its own; asking
reads what the server has already sent. Neither polls the tables.
"""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

from sqlalchemy import Engine

CHANNEL = "ladder_changed"


class ChangeWatch:
    """`changed()` is True once after each commit by anyone on the database."""

    def __init__(self, engine: Engine) -> None:
        self._postgres = engine.dialect.name == "postgresql"
        if self._postgres:
            import psycopg

            url = engine.url.set(drivername="postgresql")
            self._pg = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
            self._pg.execute(f"LISTEN {CHANNEL}")
        else:
            path = engine.url.database
            self._sqlite = sqlite3.connect(
                f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False
            )
            self._seen = self._version()

    def changed(self) -> bool:
        if self._postgres:
            return any(True for _ in self._pg.notifies(timeout=0))
        now = self._version()
        changed, self._seen = now != self._seen, now
        return changed

    def _version(self) -> int:
        version: int = self._sqlite.execute("PRAGMA data_version").fetchone()[0]
        return version

    def close(self) -> None:
        (self._pg if self._postgres else self._sqlite).close()
