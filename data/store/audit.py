"""The record of who did what: one entry per thing a member does, written in the
same transaction as what it records, so neither is ever there without the other.

An entry names the record ("event #12") and the customer's number, never the
person's data: it stays when the customer is erased (docs/rules.md).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlmodel import Session, col

from data import records
from data.store import rows
from data.store.tables import AuditRow, CustomerRow, MemberRow
from ladder.text import member_key

ACTIONS = (
    "customer_add",
    "customer_edit",
    "customer_erase",
    "merge",
    "log",
    "event_edit",
    "event_delete",
    "event_restore",
    "done",
    "dismiss",
    "snooze",
    "reopen",
    "reassign",
    "followup_add",
    "undo",
    "import",
    "rules_apply",
    "member_password",
    "member_remove",
)


def record(
    session: Session, member: str, action: str, customer_id: int | None, what: str = ""
) -> None:
    """Write one entry: `member` did `action` to `what` (e.g. "event #12")."""
    assert action in ACTIONS, action
    session.add(
        AuditRow(at=rows.now(), member=member, action=action, customer_id=customer_id, record=what)
    )


def entries(
    session: Session,
    *,
    customer_id: int | None = None,
    member: str = "",
    since: date | None = None,
    limit: int | None = 200,
) -> list[records.Entry]:
    """The newest entries first, of one customer, one member, from a day on."""
    query = (
        select(AuditRow, col(CustomerRow.name))
        .outerjoin(CustomerRow, col(CustomerRow.id) == col(AuditRow.customer_id))
        .order_by(col(AuditRow.id).desc())
        .limit(limit)
    )
    if customer_id is not None:
        query = query.where(col(AuditRow.customer_id) == customer_id)
    if member:  # as the member table spells them: `aino` finds Aino's
        spelt = select(col(MemberRow.name)).where(col(MemberRow.key) == member_key(member))
        query = query.where(col(AuditRow.member).in_(spelt.scalar_subquery()))
    if since is not None:
        query = query.where(col(AuditRow.at) >= datetime.combine(since, time.min, tzinfo=UTC))
    return [
        records.Entry(
            row.id, row.at, row.member, row.action, row.customer_id, name or "", row.record
        )
        for row, name in session.execute(query)
    ]
