"""A write on PostgreSQL in few round trips: psycopg's pipeline mode on the
connection under the store's session, inside the store's own transaction.

A log is a handful of statements, and each would be a wait for the server
(issue 26). In pipeline mode a statement is sent without waiting, and the
client waits only when it needs an answer: the customer's read, the new
follow-ups' numbers, and the end, where COMMIT goes with the last writes.
The statements are the ones `data.store.log_sql` runs anyway (through a
`Driver` whose answers are read when first looked at), in the store's
transaction and under its locks; only when they go out changes.

SQLAlchemy cannot run a statement in pipeline mode, so anything that goes
through the session meanwhile first `settle`s (the pipeline mode ends, and
the next plain statement starts it again), and a driver's error is raised as
SQLAlchemy raises it (`DBAPIError.instance`): the store says it as it says
any other (`core.StoreCore._guard`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, cast, overload

import psycopg
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from data.store import log_sql

KEY = "pipeline"  # where a pipelined write keeps its `Pipe`, in the session's info


class Pipe:
    """The pipeline of one write transaction on the session's PostgreSQL connection.

    psycopg waits for the answer to its own BEGIN before sending anything after
    it, so the transaction's BEGIN is sent here as a statement, with the first
    ones, the driver told not to begin one of its own (autocommit, for the
    length of this transaction only: the server is in the transaction block
    BEGIN opened until COMMIT or ROLLBACK, whoever sends statements)."""

    def __init__(self, session: Session) -> None:
        self._connection: Connection = session.connection()
        raw = self._connection.connection.driver_connection
        assert isinstance(raw, psycopg.Connection)  # the store's PostgreSQL engine's driver
        self._raw: psycopg.Connection[Any] = raw
        self._mode: AbstractContextManager[Any] | None = None  # psycopg's pipeline mode
        self.driver = log_sql.Driver("postgresql", self._execute, self._execute_many)
        begin = _begin(raw)
        raw.autocommit = True  # nothing sent yet: SQLAlchemy's begin leaves it to the driver
        self._execute(begin, None)

    def _execute(self, sql: str, values: Any) -> Sequence[Sequence[Any]]:
        cursor = self._sent(sql, values, many=False)
        return _Later(self, cursor)

    def _execute_many(self, sql: str, values: list[dict[str, Any]]) -> None:
        self._sent(sql, values, many=True)

    def _sent(self, sql: str, values: Any, *, many: bool) -> psycopg.Cursor[Any]:
        with self.said_as_sqlalchemy(sql, values):
            if self._mode is None:
                mode = self._raw.pipeline()
                mode.__enter__()
                self._mode = mode
            cursor = self._raw.cursor()
            if many:
                cursor.executemany(sql, values)
            else:
                cursor.execute(sql, values)
            return cursor

    def settle(self) -> None:
        """Wait for every statement sent, and end the pipeline mode (the session may
        run statements of its own again)."""
        mode, self._mode = self._mode, None
        if mode is not None:
            with self.said_as_sqlalchemy("", None):
                mode.__exit__(None, None, None)

    def commit(self) -> None:
        """COMMIT with the last statements, waiting once for all of them; the
        session's own commit then finds the transaction ended and sends nothing."""
        self._execute("COMMIT", None)
        self.settle()

    def abandon(self) -> None:
        """End the pipeline mode and roll the transaction back, after a failure."""
        mode, self._mode = self._mode, None
        try:
            if mode is not None:
                mode.__exit__(None, None, None)
            self._raw.rollback()
        except psycopg.Error:
            pass  # the failure being raised says what went wrong; `restore` drops a bad one

    def restore(self) -> None:
        """Give the connection back to the pool as the pool lent it: beginning its own
        transactions. One left in a transaction (gone, or not answering) is dropped."""
        if self._raw.pgconn.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            self._raw.autocommit = False
        elif not self._connection.invalidated:
            self._connection.invalidate()

    @contextmanager
    def said_as_sqlalchemy(self, sql: str, values: Any) -> Iterator[None]:
        """psycopg's error as the session would have raised it (and a connection that
        is gone is dropped from the pool, as SQLAlchemy drops it)."""
        try:
            yield
        except psycopg.Error as exc:
            dialect = self._connection.dialect
            proxied = self._connection.connection
            gone = dialect.is_disconnect(cast(Any, exc), proxied, None)
            wrapped = DBAPIError.instance(
                sql, values, exc, psycopg.Error, connection_invalidated=gone, dialect=dialect
            )
            if gone:  # every pooled connection is suspect, as SQLAlchemy takes it
                self._mode = None
                self._connection.engine.pool._invalidate(proxied, exc)
                self._connection.invalidate(exc)
            raise wrapped from exc


class _Later(Sequence[Sequence[Any]]):
    """A statement's rows, waited for when first looked at (most are never looked at)."""

    def __init__(self, pipe: Pipe, cursor: psycopg.Cursor[Any]) -> None:
        self._pipe = pipe
        self._cursor = cursor
        self._rows: list[Any] | None = None

    def _read(self) -> list[Any]:
        if self._rows is None:
            with self._pipe.said_as_sqlalchemy("", None):
                self._rows = self._cursor.fetchall()
        return self._rows

    @overload
    def __getitem__(self, index: int) -> Sequence[Any]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[Any]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        return self._read()[index]

    def __len__(self) -> int:
        return len(self._read())


@contextmanager
def pipelined(session: Session) -> Iterator[Pipe]:
    """A `Pipe` for the session's transaction (its plain statements go through it:
    `rows.driver`); after a failure in the block, the pipeline mode ends with it."""
    pipe = session.info[KEY] = Pipe(session)
    session.info["driver"] = pipe.driver
    try:
        yield pipe
    except BaseException:
        pipe.abandon()
        raise
    finally:
        pipe.restore()


def _begin(raw: psycopg.Connection[Any]) -> str:
    """The BEGIN psycopg would send on this connection (`Connection._start_query`)."""
    parts = ["BEGIN"]
    if raw.isolation_level is not None:
        parts += ["ISOLATION LEVEL", raw.isolation_level.name.replace("_", " ")]
    if raw.read_only is not None:
        parts.append("READ ONLY" if raw.read_only else "READ WRITE")
    if raw.deferrable is not None:
        parts.append("DEFERRABLE" if raw.deferrable else "NOT DEFERRABLE")
    return " ".join(parts)


def settle(session: Session) -> None:
    """Before the session runs a statement of its own in a pipelined write."""
    pipe: Pipe | None = session.info.get(KEY)
    if pipe is not None:
        pipe.settle()
