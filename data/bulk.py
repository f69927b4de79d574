"""Inserting many rows at once through the driver's executemany.

SQLAlchemy builds and converts the parameters of an executemany row by row in
generic code; for the hundreds of thousands of derived rows of a re-derive
that was a third of the time. Here each column's conversion is looked up once
and the driver gets plain tuples (SQLite) or dicts (PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Dialect, Table, insert
from sqlmodel import Session

CHUNK = 50_000  # rows per executemany: bounded memory for the converted copies


def insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (dicts with the same keys) into `table`, in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    statement = _statement(table, connection.dialect, tuple(rows[0]))
    for start in range(0, len(rows), CHUNK):
        params = [
            _converted(statement.values_of(row), statement.fixes)
            for row in rows[start : start + CHUNK]
        ]
        if not statement.positional:
            params = [dict(zip(statement.order, values, strict=True)) for values in params]
        connection.exec_driver_sql(statement.sql, params)


@dataclass(frozen=True)
class _Insert:
    sql: str
    positional: bool
    order: tuple[str, ...]
    values_of: Callable[[dict[str, Any]], tuple[Any, ...]]
    fixes: tuple[tuple[int, Callable[[Any], Any]], ...]


@lru_cache(maxsize=64)
def _statement(table: Table, dialect: Dialect, names: tuple[str, ...]) -> _Insert:
    """The INSERT for these columns in the dialect's words, and how to convert values."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    order = tuple(compiled.positiontup) if compiled.positional else names
    fixes = tuple(
        (index, fix)
        for index, name in enumerate(order)
        if (fix := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    )
    values_of = itemgetter(*order) if len(order) > 1 else lambda row: (row[order[0]],)
    return _Insert(compiled.string, compiled.positional, order, values_of, fixes)


def _converted(values: tuple[Any, ...], fixes: tuple[tuple[int, Callable[[Any], Any]], ...]):
    """One row's values as the driver takes them (dates as text for SQLite, and so on)."""
    if not fixes:
        return values
    converted = list(values)
    for index, fix in fixes:
        if converted[index] is not None:
            converted[index] = fix(converted[index])
    return tuple(converted)
