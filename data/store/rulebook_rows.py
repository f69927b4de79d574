"""The co-op's rulebook as rows: the one in force, and the first a database takes.

The database holds the rulebook, and every member on it follows it; a
member's own file never changes what everyone's customers are derived under
by being opened with (docs/rules.md, "The co-op's rulebook").
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session, col

import ladder
from data.errors import RulesDiffer
from data.schema import RULES_KEY
from data.sql.in_force import IN_FORCE
from data.store import rows
from data.store.db import serialize
from data.store.tables import EventRow, MetaRow, RulebookRow


def newest(session: Session) -> RulebookRow | None:
    """The rulebook in force: the last one applied."""
    return session.execute(
        select(RulebookRow).order_by(col(RulebookRow.id).desc()).limit(1)
    ).scalar_one_or_none()


def in_force(row: RulebookRow) -> ladder.Rulebook:
    return ladder.parse_rulebook(row.text, source=IN_FORCE)


def kinds_in_use(session: Session) -> dict[str, int]:
    """How many events there are of each kind."""
    counted = select(col(EventRow.kind), func.count()).group_by(col(EventRow.kind))
    return {kind: count for kind, count in session.execute(counted)}


def followed(
    session: Session, offered: ladder.Rulebook, *, chosen: bool
) -> tuple[ladder.Rulebook, int] | None:
    """The rulebook to follow: the database's (None when it has none yet). A file the
    member `chosen` that differs from it is refused, never followed."""
    row = newest(session)
    if row is None:
        return None
    rules = in_force(row)
    if chosen and offered != rules:
        raise RulesDiffer(offered.source)
    return rules, rows.stored_id(row)


def store_first(
    session: Session, offered: ladder.Rulebook, member: str
) -> tuple[ladder.Rulebook, int]:
    """Store the first rulebook of a new or upgraded database: of the member's and the
    shipped one, the one it was derived under (an upgrade keeps what it had)."""
    serialize(session, "rulebook")
    row = newest(session)  # a colleague opening at the same moment may have done it
    if row is not None:
        return in_force(row), rows.stored_id(row)
    derived = session.get(MetaRow, RULES_KEY)
    shipped = ladder.default_rulebook()
    upgraded_under_shipped = (
        derived is not None and derived.value == shipped.fingerprint != offered.fingerprint
    )
    rules = shipped if upgraded_under_shipped else offered
    row = new_row(rules, member)  # no member row: a whole import wants an empty one
    session.add(row)
    session.flush()
    return rules, rows.stored_id(row)


def newest_id(session: Session) -> int | None:
    return session.execute(select(func.max(col(RulebookRow.id)))).scalar()


def new_row(rules: ladder.Rulebook, member: str) -> RulebookRow:
    return RulebookRow(
        text=rules.text or ladder.default_rules_text(),
        fingerprint=rules.fingerprint,
        applied_by=member,
        applied_at=rows.now(),
    )
