"""Reading and writing many rows at once, straight through the driver's cursor.

SQLAlchemy converts each value of each row in generic code; for the million
events and hundreds of thousands of derived rows of a re-derive that was
over half the time. Here each column's conversion is looked up once and run
over a whole column at a time. SQLite keeps a date as its ISO text, which the
C `date.fromisoformat`/`date.isoformat` convert as SQLAlchemy's own
processors do, only many times faster. Used where the benchmark shows it pays:
a re-derive's reads and writes (`data.store.derive.everyone`) and a customer's derived rows
(`data.sync`), which every logged event writes. Rebuilding indexes once after
a rewrite serves the same bulk work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Column, ColumnElement, Date, Dialect, Select, Table, insert
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

CHUNK = 50_000  # rows per executemany or fetch: bounded memory for the converted copies

Fix = Callable[[Any], Any]


def insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (dicts with the same keys) into `table`, in the session's transaction.

    On PostgreSQL each chunk is one statement, its columns sent as arrays
    (`unnest`): an executemany is a statement a row, and each ran the
    statement-level triggers of migration 0012 once for its one row (a
    re-derive's transitions: ~12 statements a row instead of a part)."""
    if not rows:
        return
    connection = session.connection()
    statement = _insert(table, connection.dialect, tuple(rows[0]))
    for start in range(0, len(rows), CHUNK):
        params = _converted(map(statement.values_of, rows[start : start + CHUNK]), statement.fixes)
        if statement.arrays is not None:  # PostgreSQL: the chunk in one statement
            connection.exec_driver_sql(
                statement.arrays, tuple(map(list, zip(*params, strict=True)))
            )
        elif statement.positional:
            connection.exec_driver_sql(statement.sql, list(params))
        else:
            named = [dict(zip(statement.order, values, strict=True)) for values in params]
            connection.exec_driver_sql(statement.sql, named)


def select_many(session: Session, statement: Select[*tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The rows of a Core SELECT of table columns, in the session's transaction.

    Its parameters must be plain values the driver takes as they are (ids, text).
    A driver's error is raised as SQLAlchemy raises it, so callers catch one kind.
    """
    connection = session.connection()
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    params: dict[str, Any] | tuple[Any, ...] = compiled.params
    if compiled.positiontup is not None:  # the driver's parameters go by position
        params = tuple(compiled.params[name] for name in compiled.positiontup)
    cursor = connection.connection.cursor()
    try:
        with _wrapped_errors(dialect, compiled.string, params):
            cursor.execute(compiled.string, params)
            fixes = tuple(  # a driver's type code can decide the conversion (PostgreSQL floats)
                (index, fix)
                for index, (column, described) in enumerate(
                    zip(statement.selected_columns, cursor.description, strict=True)
                )
                if (fix := _result_fix(column, described[1], dialect)) is not None
            )
            while rows := cursor.fetchmany(CHUNK):
                yield from _converted(rows, fixes)
    finally:
        cursor.close()


@contextmanager
def _wrapped_errors(dialect: Dialect, sql: str, params: Any) -> Iterator[None]:
    """A driver's error raised as SQLAlchemy's own calls raise it."""
    driver_error = dialect.loaded_dbapi.Error
    try:
        yield
    except driver_error as exc:
        raise DBAPIError.instance(sql, params, exc, driver_error) from exc


@contextmanager
def indexes_rebuilt(session: Session, tables: Iterable[Table]) -> Iterator[None]:
    """On SQLite, drop the tables' indexes for the block and build them afresh after it.

    Rewriting every row of a table goes much faster without its indexes: each
    is then built with one sort instead of one random insert per row. If the
    block fails, the rollback brings them back. On PostgreSQL dropping an index
    would lock the team's readers out until the commit, so there they stay.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    indexes = [index for table in tables for index in table.indexes]
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)


@dataclass(frozen=True)
class _Insert:
    sql: str
    arrays: str | None  # PostgreSQL: the INSERT ... SELECT FROM unnest(one array a column)
    positional: bool
    order: tuple[str, ...]
    values_of: Callable[[dict[str, Any]], tuple[Any, ...]]
    fixes: tuple[tuple[int, Fix], ...]


@lru_cache(maxsize=64)
def _insert(table: Table, dialect: Dialect, names: tuple[str, ...]) -> _Insert:
    """The INSERT for these columns in the dialect's words, and how to convert values."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    order = names if compiled.positiontup is None else tuple(compiled.positiontup)
    fixes = tuple(
        (index, fix)
        for index, name in enumerate(order)
        if (fix := _bind_fix(table.c[name], dialect)) is not None
    )
    values_of = itemgetter(*order) if len(order) > 1 else lambda row: (row[order[0]],)
    arrays = None
    if dialect.name == "postgresql":
        quote = dialect.identifier_preparer.quote
        columns = ", ".join(quote(name) for name in order)
        typed = ", ".join(f"%s::{table.c[name].type.compile(dialect=dialect)}[]" for name in order)
        arrays = (
            f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({columns}) "
            f"SELECT * FROM unnest({typed})"
        )
    return _Insert(compiled.string, arrays, compiled.positional, order, values_of, fixes)


def _bind_fix(column: Column[Any], dialect: Dialect) -> Fix | None:
    if dialect.name == "sqlite" and isinstance(column.type, Date):
        return _or_none(date.isoformat, column)
    if isinstance(column.type, Boolean):  # both drivers take a bool as it is
        return _or_none(bool, column)
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    return None if processor is None else _or_none(processor, column)


def _result_fix(column: ColumnElement[Any], type_code: Any, dialect: Dialect) -> Fix | None:
    if dialect.name == "sqlite" and isinstance(column.type, Date):
        return _or_none(date.fromisoformat, column)
    processor = column.type.dialect_impl(dialect).result_processor(dialect, type_code)
    return None if processor is None else _or_none(processor, column)


def _or_none(fix: Fix, column: ColumnElement[Any]) -> Fix:
    """`fix`, passing NULL through where the column may hold it (a table's column says)."""
    if isinstance(column, Column) and not column.nullable:
        return fix
    return lambda value: None if value is None else fix(value)


def _converted(
    rows: Iterator[tuple[Any, ...]] | Sequence[tuple[Any, ...]],
    fixes: tuple[tuple[int, Fix], ...],
) -> Iterator[tuple[Any, ...]]:
    """Rows with the fixed columns converted, a whole column at a time (the maps run in C)."""
    if not fixes:
        return iter(rows)
    columns: list[Any] = list(zip(*rows, strict=True))
    if not columns:
        return iter(())
    for index, fix in fixes:
        columns[index] = map(fix, columns[index])
    return zip(*columns, strict=True)
