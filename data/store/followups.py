"""Follow-ups: what is due, and what a member does with one (done, dismissed,
snoozed, reopened, given to a colleague); and settling, which lets time make them."""

from __future__ import annotations

import uuid
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
from ladder.contact import check_name, check_text
from ladder.dates import check_due_date


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

    def followup(self, followup_id: int, today: date) -> records.FollowupInfo:
        """One follow-up, whatever its state."""
        with self.read() as session:
            rows.followup_row(session, followup_id)
            return rows.followup_info(session, followup_id, today)

    def add_followup(
        self, customer_id: int, due: date, note: str, *, today: date, member: str = ""
    ) -> records.FollowupInfo:
        """A member's own reminder about a customer."""
        note = check_text("note", note)
        if not note.strip():
            raise StoreError("a follow-up needs a note saying what to do", "followup_no_note")
        check_due_date(due, today)
        with self.write() as session:
            rows.lock_customer(session, customer_id)
            member = rows.ensure_member(session, member)
            now = rows.now()
            row = FollowupRow(
                customer_id=customer_id,
                key=f"manual:{uuid.uuid4().hex}",
                rule="manual",
                trigger="manual",
                made_on=min(today, due),
                due=due,
                member=member,
                note=note.strip(),
                state=FollowupState.OPEN,
                created_at=now,
                changed_by=member,
                changed_at=now,
            )
            session.add(row)
            session.flush()
            audit.record(session, member, "followup_add", customer_id, f"follow-up #{row.id}")
            return rows.followup_info(session, rows.stored_id(row), today)

    def close_followup(
        self, followup_id: int, today: date, *, dismiss: bool = False, member: str = ""
    ) -> records.FollowupChange:
        """Mark a follow-up done (or dismissed) by hand, with no event logged."""
        with self.write() as session:
            row = rows.open_followup_row(session, followup_id)
            before = snapshot(row)
            state = FollowupState.DISMISSED if dismiss else FollowupState.DONE
            close_by_hand(session, self.rules, row, today, state, member)
            action = "dismiss" if dismiss else "done"
            audit.record(
                session, row.changed_by, action, row.customer_id, f"follow-up #{followup_id}"
            )
            return records.FollowupChange(
                rows.followup_info(session, rows.stored_id(row), today), before
            )

    def complete_followup(
        self,
        followup_id: int,
        today: date,
        *,
        kind: str | None,
        on: date | None = None,
        note: str = "",
        member: str = "",
        force: bool = False,
    ) -> records.FollowupChange:
        """Mark a follow-up done by logging what was done (`kind`), in one transaction.

        The call made, the card sent: the event moves the customer as logging
        it would, and closes the follow-up if the rules say it does; if not (a
        complaint still open after the callback), the follow-up is closed by
        hand. `kind=None` closes it with no contact logged.
        """
        new = None
        if kind is not None:
            new = one_customer.new_event(
                self.rules, kind, on or today, today, emotional=None, note=note, force=force
            )
        with self.write() as session:
            return complete(session, self.rules, followup_id, new, today, member)

    def reopen_followup(
        self,
        followup_id: int,
        today: date,
        *,
        member: str = "",
        previous: FollowupSnapshot | None = None,
        event_id: int | None = None,
        expect: tuple[records.Left, ...] = (),
    ) -> records.FollowupInfo:
        """Open a done, dismissed or snoozed follow-up again (or put back `previous`).

        An undo passes what the follow-up was before, the event its "done"
        logged (deleted in the same transaction) and what its change left
        (`expect`): if a colleague has changed any of it since, nothing is
        undone and the colleague is named. One closed by a logged event reopens
        only by deleting that event, which says so.
        """
        with self.write() as session:
            return reopen(
                session, self.rules, followup_id, today, member, previous, event_id, expect
            )

    def snooze_followup(
        self,
        followup_id: int,
        until: date,
        today: date,
        *,
        earlier: bool = False,
        member: str = "",
    ) -> records.FollowupChange:
        """Move a follow-up to `until` (today or later).

        Never to before it was due unless `earlier`: a snooze is for putting
        off, and a slip ("+3d" on one due next week) would bring it forward.
        """
        check_due_date(until, today)
        with self.write() as session:
            row = rows.open_followup_row(session, followup_id)
            snoozed = row.state == FollowupState.SNOOZED
            due = row.snoozed_until if snoozed and row.snoozed_until else row.due
            if until < due and not earlier:
                raise StoreError(
                    f"follow-up #{followup_id} is due {ladder.format_date(due)}: "
                    f"{ladder.format_date(until)} would bring it earlier",
                    "snooze_earlier",
                    id=followup_id,
                    due=ladder.format_date(due),
                    until=ladder.format_date(until),
                )
            before = snapshot(row)
            row.state = FollowupState.SNOOZED
            row.snoozed_until = until
            rows.stamp(row, rows.ensure_member(session, member))
            session.flush()
            what = f"follow-up #{followup_id} until {until.isoformat()}"
            audit.record(session, row.changed_by, "snooze", row.customer_id, what)
            return records.FollowupChange(
                rows.followup_info(session, rows.stored_id(row), today), before
            )

    def reassign_followup(self, followup_id: int, to: str, *, member: str = "") -> None:
        """Give a follow-up to the member `to`, as `member` asks."""
        if not to.strip():
            raise ValueError("name the member to give the follow-up to")
        to = check_name(to, "member")  # a name every colleague's list shows: no escapes
        with self.write() as session:
            row = rows.followup_row(session, followup_id)
            row.member = rows.ensure_member(session, to)
            rows.stamp(row, rows.ensure_member(session, member))
            what = f"follow-up #{followup_id} to {row.member}"
            audit.record(session, row.changed_by, "reassign", row.customer_id, what)

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
            f"follow-up #{followup_id} was made {ladder.format_date(row.made_on)}: "
            f"it cannot have been done on {ladder.format_date(new.on)}",
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


def reopen(
    session: Session,
    rules: ladder.Rulebook,
    followup_id: int,
    today: date,
    member: str,
    previous: FollowupSnapshot | None = None,
    event_id: int | None = None,
    expect: tuple[records.Left, ...] = (),
) -> records.FollowupInfo:
    """`FollowupStore.reopen_followup` inside the caller's transaction."""
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
            f"follow-up #{followup_id} was done by logging event "
            f"#{row.closed_by_event_id}: delete that event to reopen it",
            "followup_closed_by_event",
            id=followup_id,
            event=row.closed_by_event_id,
        )
    if previous is None and row.state in (FollowupState.OPEN, FollowupState.EXPIRED):
        raise StoreError(
            f"follow-up #{followup_id} is already {row.state}",
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
