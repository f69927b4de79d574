"""The co-op's shared things: its rulebook, and the record of who did what."""

from __future__ import annotations

from datetime import date

import ladder
from data import records
from data.errors import KindsInUse
from data.store import Store, audit, rows
from data.store.db import serialize
from data.store.derive.everyone import Progress
from data.store.rulebook_rows import in_force, kinds_in_use, new_row, newest


def rulebook_in_force(store: Store) -> records.RulebookInForce:
    """The rulebook everyone follows now: its number, who applied it and when."""
    with store.read() as session:
        row = newest(session)
    assert row is not None  # every open database has one (`StoreCore.open`)
    return records.RulebookInForce(
        rows.stored_id(row), row.applied_by, row.applied_at, row.fingerprint
    )


def apply_rules(
    store: Store,
    rules: ladder.Rulebook,
    today: date,
    *,
    member: str,
    progress: Progress | None = None,
) -> bool:
    """Make `rules` the co-op's rulebook, on record, and re-derive everyone under it.

    Refused when it leaves out a kind some event is of. Returns False when
    it is the rulebook in force already (nothing is recorded)."""
    with store.write() as session:
        serialize(session, "rulebook")
        missing = {kind: n for kind, n in kinds_in_use(session).items() if kind not in rules.kinds}
        if missing:
            raise KindsInUse(rules.source, missing)
        row = newest(session)
        if row is not None and in_force(row) == rules:
            return False
        member = rows.ensure_member(session, member)
        applied = new_row(rules, member)
        session.add(applied)
        session.flush()
        store.rulebook_id = applied.id
        audit.record(session, member, "rules_apply", None, f"rulebook #{applied.id}")
    store.rules = rules
    store.rederive_all(today, progress, only_if_stale=True)
    return True


def history(
    store: Store, *, customer_id: int | None = None, member: str = "", since: date | None = None
) -> list[records.Entry]:
    """Who did what, newest first: of one customer, one member, from a day on."""
    with store.read() as session:
        return audit.entries(session, customer_id=customer_id, member=member, since=since)
