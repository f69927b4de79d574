"""PostgreSQL: the transition triggers delete the totals they empty by key; rescoring fires none

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 14:30:00

Migration 0012's statement-level triggers on `transition` (PostgreSQL only)
lowered `insight_move` and `insight_climb` by the rows that went, then deleted
the emptied ones with `DELETE ... WHERE n <= 0 AND customer_id IN (SELECT
customer_id FROM changed)`. The planner's statistics say no total is ever at
0 or below (none is, between statements), so it estimated one row for
`n <= 0` and joined that row to the changed ones in a nested loop; at a
re-derive's sizes thousands came, each compared with thousands of changed
rows: up to 2.4 s a statement at 10,000 customers, half a re-derive.

Here the rows a statement empties are deleted first, by the keys the
statement lowers, as a join on the total's whole primary key with `n <= x.n`
as the join's own condition: no plan rests on an estimate of `n`, and the
join is either a hash of the lowered keys or one primary-key probe each. The
totals left are then lowered as before. Adding transitions never empties a
total (no total is left at 0 or below by any statement), so the `+1`
function drops its delete. The statements of 0012 are otherwise kept as they
are (imported, not copied: the function bodies are built as 0012 builds
them).

The row trigger that moves an updated transition's totals (taking the old
row's away, adding the new one's: ~25 statements a row) fires only on an
UPDATE of the columns the totals read, not of the scores alone, so that a
writer may rescore transitions in place without it (as SQLite's re-derive
does with its triggers suspended).

SQLite keeps its row triggers, whose deletes are by primary key already; its
re-derive runs the set-at-a-time statements itself (`data.store.derive.totals`).
"""

from __future__ import annotations

import importlib

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_0012 = importlib.import_module("data.migrations.versions.0012_insight_aggregates")

# The columns of a transition the totals read: an UPDATE of its scores alone changes none
READ = 'id, customer_id, "on", from_rung, to_rung, reason, event_id'

# The statements of 0012 this replaces (exact text, so that a mismatch fails loudly)
_MOVES_EMPTIED = (
    "DELETE FROM insight_move WHERE n <= 0 AND customer_id IN (SELECT customer_id FROM changed)"
)
_CLIMBS_EMPTIED = (
    "DELETE FROM insight_climb WHERE n <= 0 AND customer_id IN (SELECT customer_id FROM changed)"
)
_MOVES_LOWERED = "UPDATE insight_move m SET n = m.n - x.n FROM ("
_CLIMBS_LOWERED = "UPDATE insight_climb m SET n = m.n - x.n FROM ("
_KEPT = "EXISTS (SELECT 1 FROM insight_customer here WHERE here.customer_id = c.customer_id)"
_CELL = "customer_id, from_rung, to_rung, reason"

# The keys the `-1` statement lowers and by how much, as 0012's UPDATEs group them
_MOVES_GONE = (
    f'SELECT {_CELL}, "on" AS day, count(*) AS n FROM changed c '
    f'WHERE from_rung <> to_rung AND {_KEPT} GROUP BY {_CELL}, "on"'
)
_CLIMBS_GONE = (
    'SELECT customer_id, to_rung AS rung, "on" AS day, count(*) AS n FROM changed '
    'WHERE to_rung > from_rung GROUP BY customer_id, to_rung, "on"'
)


def _emptied(table: str, keys: tuple[str, ...], gone: str) -> str:
    """Delete the rows of `table` that the counts `gone` (keys, then n) take to 0."""
    same = " AND ".join(f"m.{key} = x.{key}" for key in keys)
    return f"DELETE FROM {table} m USING ({gone}) AS x WHERE {same} AND m.n <= x.n"


def many_transitions(sign: int) -> list[str]:
    """0012's set-at-a-time statements for the transitions one statement wrote (+1) or
    deleted (-1), with the emptied totals deleted by key before the rest are lowered."""
    found: list[str] = []
    dropped: list[str] = []
    for statement in _0012._many_transitions(sign):
        if statement in (_MOVES_EMPTIED, _CLIMBS_EMPTIED):
            dropped.append(statement)
            continue
        if statement.startswith(_MOVES_LOWERED):
            found.append(_emptied("insight_move", _0012.MOVE, _MOVES_GONE))
        elif statement.startswith(_CLIMBS_LOWERED):
            found.append(_emptied("insight_climb", _0012.CLIMB, _CLIMBS_GONE))
        found.append(statement)
    if dropped != ([_MOVES_EMPTIED, _CLIMBS_EMPTIED] if sign < 0 else [_MOVES_EMPTIED]):
        raise RuntimeError("0012's transition statements are not the ones 0014 replaces")
    return found


def _replace(statements: dict[str, list[str]]) -> None:
    """Replace the trigger functions' bodies, built as 0012 builds them."""
    for name, steps in statements.items():
        body = "".join(f"{step.format(slot='insight_slot()')};\n" for step in steps)
        op.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n{body}RETURN NULL;\nEND $$"
        )


def _on_update(columns: str) -> None:
    """Fire the row trigger that moves a changed transition's totals on an UPDATE of
    `columns` (all of them: '')."""
    op.execute("DROP TRIGGER insight_transition_changed ON transition")
    op.execute(
        f"CREATE TRIGGER insight_transition_changed AFTER UPDATE{columns} ON transition "
        "FOR EACH ROW EXECUTE FUNCTION insight_transition_changed()"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    _replace({name: many_transitions(sign) for name, (sign, _) in _0012.MANY.items()})
    _on_update(f" OF {READ}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    _replace({name: _0012._many_transitions(sign) for name, (sign, _) in _0012.MANY.items()})
    _on_update("")
