"""Follow-ups: what is due, settling (which lets time make them), and the steps a
use case takes inside its transaction: completing, reopening, closing by hand.

What a member does with a follow-up is a use case, in `data.service.followups`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

import ladder
from data import records
from data.errors import StoreError
from data.records import OPEN_STATES, FollowupSnapshot, FollowupState
from data.sql import morning_sql
from data.store import audit, rows
from data.store.core import StoreCore
from data.store.db import serialize
from data.store.derive import one_customer
from data.store.tables import CustomerRow, FollowupRow, StateRow


class FollowupStore(StoreCore):
    """The follow-up part of `Store`."""

    def due_followups(
        self, today: date, *, days: int = 0, member: str | None = None, limit: int | None = None
    ) -> list[records.FollowupInfo]:
        """Open follow-ups due by `today + days`: overdue first, then by due date.

        With `limit`, only the first so many are read, which a screen showing
        the top of a list of thousands needs.
        """
        with self.read() as session:
            run, dialect = rows.runner(session)
            values = morning_sql.day_params(dialect, today, days, member)
            return morning_sql.read_due(run, values, mine=bool(member), limit=limit)

    def count_due_followups(self, today: date, *, days: int = 0, member: str | None = None) -> int:
        """How many follow-ups `due_followups` would list."""
        with self.read() as session:
            run, dialect = rows.runner(session)
            values = morning_sql.day_params(dialect, today, days, member)
            count: int = run(morning_sql.due_count(mine=bool(member)), values)[0][0]
            return count

    def settle(self, today: date) -> int:
        """Let time do its work: calendar follow-ups and at-risk flags due by `today`.

        Returns how many customers changed. Cheap when nothing is due; nothing when
        the store looks ahead of the real date (what it would settle is not yet so).
        """
        if self.ahead_of_clock is not None:
            return 0
        with self.read() as session:  # most mornings nothing is due: no write, no notice
            anything = session.execute(
                select(col(StateRow.customer_id)).where(col(StateRow.recheck_on) <= today).limit(1)
            ).first()
        if anything is None:
            return 0
        now = rows.now()
        with self.write() as session:
            serialize(session, "settle")  # two settles at once would each store the same lapse
            due = (
                session.execute(
                    select(CustomerRow)
                    .join(StateRow, col(StateRow.customer_id) == col(CustomerRow.id))
                    .where(col(StateRow.recheck_on) <= today)
                    .order_by(col(CustomerRow.id))  # locked in id order, as a re-derive does
                )
                .scalars()
                .all()
            )
            for customer in due:
                rows.lock_customer(session, customer.id)  # a colleague may be logging now
                one_customer.rederive(session, self.rules, customer, today, now=now, refold=False)
            return len(due)


def complete(
    session: Session,
    rules: ladder.Rulebook,
    followup_id: int,
    new: ladder.Event | None,
    today: date,
    member: str,
) -> records.FollowupChange:
    """Mark one follow-up done inside the caller's transaction, logging `new` (what
    was done; None: nothing) as `member`. It cannot have been done before it was made."""
    row = rows.open_followup_row(session, followup_id)
    if new is not None and new.on < row.made_on:
        raise StoreError(
            "done_before_made",
            id=followup_id,
            made=ladder.format_date(row.made_on),
            on=ladder.format_date(new.on),
        )
    before = snapshot(row)
    logged = None
    if new is not None:
        customer = rows.lock_customer(session, row.customer_id)
        logged = one_customer.add_event(session, rules, customer, new, today, member)
        row = rows.followup_row(session, followup_id)
    if row.state in OPEN_STATES:
        close_by_hand(session, rules, row, today, FollowupState.DONE, member)
    what = f"follow-up #{followup_id}" + (f", event #{logged.event_id}" if logged else "")
    audit.record(session, rows.ensure_member(session, member), "done", row.customer_id, what)
    info = rows.followup_info(session, followup_id, today)
    return records.FollowupChange(info, before, logged)


def reopen_in(
    session: Session,
    rules: ladder.Rulebook,
    followup_id: int,
    today: date,
    member: str,
    previous: FollowupSnapshot | None = None,
    event_id: int | None = None,
    expect: tuple[records.Left, ...] = (),
) -> records.FollowupInfo:
    """`service.reopen` inside the caller's transaction (an undo of many runs it
    once for each)."""
    member = rows.ensure_member(session, member)
    row = rows.followup_row(session, followup_id)
    rows.lock_customer(session, row.customer_id)
    rows.check_left(session, expect)
    if event_id is not None:
        event = rows.event_row(session, event_id)
        customer = rows.lock_customer(session, event.customer_id)
        session.delete(event)
        session.flush()
        one_customer.rederive(session, rules, customer, today, who=member)
    row = rows.followup_row(session, followup_id)
    session.refresh(row)
    if row.closed_by_event_id is not None:
        raise StoreError(
            "followup_closed_by_event",
            id=followup_id,
            event=row.closed_by_event_id,
        )
    if previous is None and row.state in (FollowupState.OPEN, FollowupState.EXPIRED):
        raise StoreError(
            f"followup_{row.state}",
            id=followup_id,
            who=row.changed_by,
            when=row.changed_at,
        )
    state = previous or FollowupSnapshot(FollowupState.OPEN, None, None)
    row.state, row.snoozed_until, row.closed_on = state
    row.closed_by_event_id = None
    rows.stamp(row, member)
    session.flush()
    action = "undo" if previous is not None or expect else "reopen"
    audit.record(session, member, action, row.customer_id, f"follow-up #{followup_id}")
    reopened = rows.followup_info(session, followup_id, today)
    # What the rules say of it now, as after any change: reopened, it is one
    # nobody has acted on, and goes if the rules no longer call for it.
    customer = rows.lock_customer(session, row.customer_id)
    one_customer.rederive(session, rules, customer, today, refold=False, who=member)
    found = rows.followup_infos(session, "followup.id = :id", {"id": followup_id}, today)
    return found[0] if found else reopened


def snapshot(row: FollowupRow) -> FollowupSnapshot:
    """What a member had done with a follow-up, for an undo to put back."""
    return FollowupSnapshot(FollowupState(row.state), row.snoozed_until, row.closed_on)


def close_by_hand(
    session: Session,
    rules: ladder.Rulebook,
    row: FollowupRow,
    today: date,
    state: FollowupState,
    member: str,
) -> None:
    """Close a follow-up as a member did, then say what the rules say of the customer
    now: a follow-up closed no longer sets the day to look at them again."""
    row.state = state
    row.closed_on = today
    row.closed_by_event_id = None
    row.snoozed_until = None
    rows.stamp(row, rows.ensure_member(session, member))
    session.flush()
    customer = rows.lock_customer(session, row.customer_id)
    one_customer.rederive(session, rules, customer, today, refold=False, who=member)
