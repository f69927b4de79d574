"""Writing a re-derive's follow-up plan (`data.store.derive.everyone`); one
customer's derived rows go in through `data.store.log_sql`.

The rows come from `plan`; here they go in, in as few statements as each takes.
"""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import Session

from data.store.derive.plan import FollowupPlan
from data.store.derive.raw_rows import insert_many
from data.store.tables import FollowupRow

CHUNK = 10_000  # ids per IN (...) list, well under SQLite's limit on bound variables


def apply_plan(session: Session, plan: FollowupPlan) -> None:
    """Write a plan in as few statements as it takes (Core executemany, no ORM)."""
    table = FollowupRow.__table__
    for start in range(0, len(plan.deletes), CHUNK):
        doomed = plan.deletes[start : start + CHUNK]
        session.execute(table.delete().where(table.c.id.in_(doomed)))
    if plan.updates:
        session.execute(_FOLLOWUP_UPDATED, plan.updates)
    insert_many(session, FollowupRow.__table__, plan.inserts)


_FOLLOWUPS = FollowupRow.__table__
_FOLLOWUP_UPDATED = (  # built once: a log's closing of a follow-up runs it
    _FOLLOWUPS.update()
    .where(_FOLLOWUPS.c.id == bindparam("row_id"))
    .values(version=_FOLLOWUPS.c.version + 1)
)
