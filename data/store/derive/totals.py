"""The insights' running totals while a re-derive rewrites transitions, kept at a set's price.

Migration 0012's triggers keep the totals (`insight_*`) true on every write.
On SQLite they run once a row: a re-derive that deletes and inserts thousands
of transitions in a transaction ran ~25 statements for each, which doubled
its time. Here, within the re-derive's own write transaction, the transition
triggers are dropped, the rows written, and the totals of the customers in
hand taken away and counted again with the statements PostgreSQL's
statement-level triggers run (`_many_transitions` of the migration, over a
temporary `changed` table: one pass for the rows that went, one for those that
came); the triggers are then created again from their own text, as
`sqlite_master` holds it, before the commit. DDL is transactional on SQLite,
so no other connection ever sees the database without them (a reader sees the
last commit; a writer waits for the lock) and a failure rolls all of it back.

On PostgreSQL the triggers work a statement at a time already; what made them
slow there was the JIT compiler, which the planner turns on for their
statements at a re-derive's sizes (~0.25 s of compiling per statement for a
few milliseconds of work): the re-derive's transactions turn it off.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache

from sqlalchemy import Column, ColumnElement, Connection, MetaData, Table, insert, select, text

from data.store.tables import TransitionRow

# The triggers a re-derive's rewrite replaces with a recount: its DELETE and INSERT
# (it never updates a transition); the rest (events, follow-ups) stay as they are.
SUSPENDED = ("insight_transition_out", "insight_transition_in")

_TRANSITION = TransitionRow.__table__
# The rows that go, then those that come: a temporary table under the name the
# migration's statements read them by (PostgreSQL's transition table).
_CHANGED = Table(
    "changed",
    MetaData(),
    *(Column(column.name, column.type) for column in _TRANSITION.columns),
    prefixes=["TEMPORARY"],
)


@contextmanager
def recounted(connection: Connection, within: Sequence[ColumnElement[bool]]) -> Iterator[None]:
    """Around a block that deletes and inserts the transitions `within` selects (and
    no others), keep the insights' totals true a set at a time instead of a row."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL jit = off")  # this transaction only
        yield
        return
    triggers = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (:a, :b)"),
        dict(zip("ab", SUSPENDED, strict=True)),
    ).all()
    if len(triggers) < len(SUSPENDED):  # a database that keeps no totals (bench's copy)
        yield
        return
    for name, _ in triggers:
        connection.exec_driver_sql(f"DROP TRIGGER {name}")
    _CHANGED.create(connection)
    _fill(connection, within)
    _run(connection, _statements(-1))
    yield
    connection.execute(_CHANGED.delete())
    _fill(connection, within)
    _run(connection, _statements(1))
    _CHANGED.drop(connection)
    for _, sql in triggers:
        connection.exec_driver_sql(sql)


def _fill(connection: Connection, within: Sequence[ColumnElement[bool]]) -> None:
    names = [column.name for column in _TRANSITION.columns]
    rows = select(*_TRANSITION.columns).where(*within)
    connection.execute(insert(_CHANGED).from_select(names, rows))


def _run(connection: Connection, statements: list[str]) -> None:
    for statement in statements:
        connection.exec_driver_sql(statement)


@cache
def _statements(sign: int) -> list[str]:
    """The migration's set-at-a-time statements for the transitions that went (-1) or
    came (+1), in SQLite's words: an UPDATE's alias takes AS, and the first recovery
    after each break is looked up by customer (without statistics SQLite's planner
    would walk every recovery in day order, for each break)."""
    migration = importlib.import_module("data.migrations.versions.0012_insight_aggregates")
    found: list[str] = []
    for statement in migration._many_transitions(sign):
        statement = re.sub(r"^UPDATE (\w+) (\w) SET", r"UPDATE \1 AS \2 SET", statement)
        statement = statement.replace(
            "FROM insight_break r WHERE",
            "FROM insight_break AS r INDEXED BY ix_insight_break_customer WHERE",
        )
        found.append(statement.format(slot="0"))  # SQLite's writers take turns: one slot
    return found
