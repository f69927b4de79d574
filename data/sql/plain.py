"""A bare connection to the database, without SQLAlchemy: what the plain-SQL reads
(`data.sql.*`) run on when a command or the app's first frame should not wait
for the ORM to load (a few tenths of a second).

`reading(location, who)` gives `run(sql, params) -> rows` and `stream(sql,
params) -> rows one by one` inside one read transaction, with the dialect's
name; the store runs the same SQL through its session (`data.store.rows.runner`).
SQL is written with `:named` parameters, as SQLite and SQLAlchemy take them; a
list or tuple given for one is spread over an `IN :name`, as the store's runner
does. Opening never creates a SQLite file, and reads one only read-only.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from data.errors import DatabaseError, first_line
from data.locations import application_name, is_postgres

Run = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]  # (sql, params) -> rows
Stream = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]  # rows as they are read

NAMED = re.compile(r"(?<!:):(\w+)")  # `:name`, not a PostgreSQL `::type` cast
STREAM_BATCH = 500  # rows fetched at a time when streaming: memory flat in the list's length


@dataclass(frozen=True)
class Reader:
    """One read transaction on a bare connection: the same picture for every query."""

    run: Run
    stream: Stream
    dialect: str


def spread(sql: str, values: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """`IN :states` with a list as `IN (:states_0, :states_1)`, as the store's runner
    expands it, so that one text serves both."""
    lists = {k: v for k, v in values.items() if isinstance(v, list | tuple)}
    if not lists:
        return sql, values
    flat = {k: v for k, v in values.items() if k not in lists}
    for name, items in lists.items():
        names = [f"{name}_{i}" for i in range(len(items))]
        flat.update(zip(names, items, strict=True))
        joined = ", ".join(f":{n}" for n in names) or "NULL"
        sql = re.sub(rf"(?<!:):{name}\b", f"({joined})", sql)
    return sql, flat


@contextmanager
def _said(driver_error: type[Exception]) -> Iterator[None]:
    """A driver's failure in the words the store says it in: one line, no traceback."""
    try:
        yield
    except driver_error as exc:
        why = first_line(exc)
        raise DatabaseError("db_failed", why=why) from None


@contextmanager
def reading(location: str, who: str = "") -> Iterator[Reader]:
    """A read transaction on the database at `location` (`who` is shown on a
    PostgreSQL server's connections). A SQLite file that is not there is an
    OSError: looking makes no file."""
    if is_postgres(location):
        with _postgres(location, who) as reader:
            yield reader
        return
    with _sqlite(location) as reader:
        yield reader


@contextmanager
def _sqlite(location: str) -> Iterator[Reader]:
    path = Path(location).expanduser()
    if not path.exists():
        raise OSError(f"no database at {path}")
    uri = f"file:{quote(str(path))}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, isolation_level=None)) as connection:
        connection.execute("BEGIN")  # one picture of the database for every query

        def run(sql: str, values: dict[str, Any]) -> list[tuple[Any, ...]]:
            with _said(sqlite3.Error):
                return connection.execute(*spread(sql, values)).fetchall()

        def stream(sql: str, values: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
            with _said(sqlite3.Error):
                cursor = connection.execute(*spread(sql, values))
                while batch := cursor.fetchmany(STREAM_BATCH):
                    yield from batch

        try:
            yield Reader(run, stream, "sqlite")
        finally:
            connection.execute("ROLLBACK")


@contextmanager
def _postgres(location: str, who: str) -> Iterator[Reader]:
    import psycopg

    url = location.replace("postgresql+psycopg://", "postgresql://", 1)
    with (
        psycopg.connect(url, application_name=application_name(who)) as server,
        server.cursor() as cursor,
    ):
        server.read_only = True

        def run(sql: str, values: dict[str, Any]) -> list[tuple[Any, ...]]:
            text, flat = spread(sql, values)
            with _said(psycopg.Error):
                cursor.execute(NAMED.sub(r"%(\1)s", text), flat)
                return cursor.fetchall()

        def stream(sql: str, values: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
            text, flat = spread(sql, values)
            with _said(psycopg.Error), server.cursor(name="ladder_stream") as rows:
                rows.itersize = STREAM_BATCH  # read on the server, a batch at a time
                rows.execute(NAMED.sub(r"%(\1)s", text), flat)
                yield from rows

        yield Reader(run, stream, "postgresql")
