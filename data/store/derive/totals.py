"""A re-derive's transitions written again: only those that changed, and the insights'
running totals kept a set at a time.

Migration 0012's triggers keep the totals (`insight_*`) true on every write.
A re-derive used to delete and insert every transition of the customers in
hand, and the triggers then took each away and added it back: on SQLite ~25
statements a row, which doubled its time; on PostgreSQL, where they run once a
statement, five times. Two things make that cheap:

- Only what changed is written. Each customer's stored transitions (read under
  the write lock) are compared with the replayed ones in order: the first rows
  that say the same move (day, rungs, reason, event: all the totals read) stay,
  with their scores updated in place where the new rulebook changed them; from
  the first that differs on, the rest are deleted and the new ones inserted, so
  that a customer's transitions keep the fold's order by id, as the first
  recovery after each break (`insight_break`) reads them. A new rulebook seldom
  moves the start of a history: about half the rows stay (the bench's).
- On SQLite the transition triggers are dropped inside the re-derive's write
  transaction, the totals of the rows that go are taken away and those of the
  rows that come added with the statements PostgreSQL's statement-level
  triggers run (the migration's `_many_transitions`, over a temporary
  `changed` table), and the triggers are created again from their own text, as
  `sqlite_master` holds it, before the commit. DDL is transactional on SQLite:
  no other connection ever sees the database without them (a reader sees the
  last commit, a writer waits for the lock) and a failure rolls it all back.
  A score updated in place changes no total (no trigger reads scores), so the
  update trigger is dropped with them.

On PostgreSQL the triggers stay: since migration 0014 the row trigger on an
update fires only on the columns the totals read, so a row whose scores alone
changed is updated in place there too (no total moves), and the part's
transaction turns the JIT compiler off, which the planner turned on for the
triggers' statements at a re-derive's sizes (~0.25 s of compiling a statement
for a few milliseconds of work).
"""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    MetaData,
    Table,
    bindparam,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.schema import CreateTable
from sqlmodel import Session

from data.store.derive.raw_rows import insert_many, select_many
from data.store.tables import TransitionRow

KEY = ("on", "from_rung", "to_rung", "reason", "event_id")  # all the totals read of a row
REST = ("score_before", "score_after", "positives", "projected")
CHUNK = 10_000  # ids per IN (...) list, well under either database's limit on parameters
# SQLite: the triggers a rewrite stands in for (it deletes, updates scores and inserts)
SUSPENDED = ("insight_transition_out", "insight_transition_changed", "insight_transition_in")

_TRANSITION = TransitionRow.__table__
# The rows that go, then those that come: a temporary table under the name the
# migration's statements read them by (PostgreSQL's transition table).
_CHANGED = Table(
    "changed",
    MetaData(),
    *(Column(column.name, column.type) for column in _TRANSITION.columns),
    prefixes=["TEMPORARY"],
)
_CREATED = CreateTable(_CHANGED, if_not_exists=True)
_EMPTIED = _CHANGED.delete()
_SCORED = _TRANSITION.update().where(_TRANSITION.c.id == bindparam("row_id"))


class Rewrite(NamedTuple):
    """What writing the replayed transitions takes: the stored rows to delete (ids),
    those to keep with new scores, and the rows to insert."""

    gone: list[int]
    rescored: list[dict[str, Any]]
    new: list[dict[str, Any]]


def rewrite_transitions(
    session: Session, within: Sequence[ColumnElement[bool]], transitions: list[dict[str, Any]]
) -> None:
    """Make the stored transitions that `within` selects these (each customer's in the
    fold's order), writing only what changed and keeping the insights' totals true."""
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    stored: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for customer_id, *row in select_many(
        session,
        select(
            _TRANSITION.c.customer_id,
            _TRANSITION.c.id,
            *(_TRANSITION.c[name] for name in KEY + REST),
        )
        .where(*within)
        .order_by(_TRANSITION.c.customer_id, _TRANSITION.c.id),
    ):
        stored[customer_id].append(tuple(row))
    rewrite = planned(stored, transitions, in_place=True)  # a score moves no total
    if not sqlite:
        connection.exec_driver_sql("SET LOCAL jit = off")  # this transaction only
    triggers = _suspended(connection) if sqlite else []
    _fill_and_count(connection, rewrite.gone, [], triggers, -1)
    for start in range(0, len(rewrite.gone), CHUNK):
        doomed = rewrite.gone[start : start + CHUNK]
        connection.execute(_TRANSITION.delete().where(_TRANSITION.c.id.in_(doomed)))
    if rewrite.rescored:
        connection.execute(_SCORED, rewrite.rescored)
    newest = connection.execute(select(func.coalesce(func.max(_TRANSITION.c.id), 0))).scalar_one()
    insert_many(session, _TRANSITION, rewrite.new)
    # the rows just inserted: their ids are given above the newest left
    _fill_and_count(connection, [], [*within, _TRANSITION.c.id > newest], triggers, 1)
    for _, sql in triggers:
        connection.exec_driver_sql(sql)


def planned(
    stored: dict[int, list[tuple[Any, ...]]], transitions: list[dict[str, Any]], *, in_place: bool
) -> Rewrite:
    """Compare each customer's stored rows (id, then KEY and REST, by id) with the
    replayed ones: the rows up to the first that says another move stay (with
    `in_place`, rescored; without, only while their scores are the same too)."""
    fresh: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in transitions:
        fresh[row["customer_id"]].append(row)
    rewrite = Rewrite([], [], [])
    for customer_id in stored.keys() | fresh.keys():
        was, now = stored.get(customer_id, []), fresh.get(customer_id, [])
        same = 0
        for (ident, *values), row in zip(was, now, strict=False):
            scores = {name: row[name] for name in REST}
            if tuple(values[: len(KEY)]) != tuple(row[name] for name in KEY):
                break
            if tuple(values[len(KEY) :]) != tuple(scores.values()):
                if not in_place:
                    break
                rewrite.rescored.append({"row_id": ident, **scores})
            same += 1
        rewrite.gone.extend(ident for ident, *_ in was[same:])
        rewrite.new.extend(now[same:])
    return rewrite


def _suspended(connection: Connection) -> list[tuple[str, str]]:
    """SQLite: drop the transition triggers, inside the transaction; returns each one's
    name and text, to be created again before the commit (none where there are none)."""
    found = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (:a, :b, :c)"),
        dict(zip("abc", SUSPENDED, strict=True)),
    ).all()
    if len(found) < len(SUSPENDED):  # a database that keeps no totals (bench's copy)
        return []
    for name, _ in found:
        connection.exec_driver_sql(f"DROP TRIGGER {name}")
    return [(name, sql) for name, sql in found]


def _fill_and_count(
    connection: Connection,
    ids: list[int],
    where: Sequence[ColumnElement[bool]],
    triggers: list[tuple[str, str]],
    sign: int,
) -> None:
    """With the triggers suspended, take away (-1) the totals of the transitions `ids`
    or add (+1) those of the transitions `where` selects, a set at a time."""
    if not triggers:
        return
    # Made once a connection and emptied after each use: creating or dropping even a
    # temporary table changes the connection's schema, which makes SQLite prepare
    # every statement after it again, and a re-derive writes many small parts.
    connection.execute(_CREATED)
    for start in range(0, len(ids), CHUNK):
        _fill(connection, [_TRANSITION.c.id.in_(ids[start : start + CHUNK])])
    if where:
        _fill(connection, where)
    for statement in _statements(sign):
        connection.exec_driver_sql(statement)
    connection.execute(_EMPTIED)


def _fill(connection: Connection, where: Sequence[ColumnElement[bool]]) -> None:
    names = [column.name for column in _TRANSITION.columns]
    rows = select(*_TRANSITION.columns).where(*where)
    connection.execute(insert(_CHANGED).from_select(names, rows))


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
